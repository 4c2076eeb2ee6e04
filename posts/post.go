// Package posts is newsreader's domain: the Post type, parsing one file,
// scanning a folder, and everything else that needs no terminal.
package posts

import (
	"time"
)

// Lang is the language a post is written in.
type Lang uint8

// The languages newsreader tells apart.
const (
	LangUnknown Lang = iota
	LangVN
	LangEN
)

// String returns "VN", "EN" or "" for an unknown language.
func (l Lang) String() string {
	switch l {
	case LangVN:
		return "VN"
	case LangEN:
		return "EN"
	}
	return ""
}

// Post is what the list needs to know about one file: its metadata, never
// its body (the body is read again when it is shown, see Library.Body).
// Every string in it has been through safetext, so it holds no control
// characters and is NFC-normalized.
type Post struct {
	// Path is the slash-separated path of the file inside the library's FS.
	Path string
	// RawTitle is the title as written, markers included.
	RawTitle string
	// Title is RawTitle without the leading 🔥 markers and [Topic] tag.
	// For a file that is not a valid post it is the file name.
	Title string
	// Hotness counts the 🔥 at the start of the title, or comes from a
	// hotness/hot number in the front matter.
	Hotness int
	// Topic is the leading [Tag] of the title, without brackets.
	Topic string
	// Date is when the post was published, in the zone it was written in.
	// It is the zero time when HasDate is false.
	Date    time.Time
	HasDate bool
	// Categories and Tags from the front matter (a list or a
	// space-separated string; "category" is merged into Categories).
	Categories []string
	Tags       []string
	Lang       Lang
	// Source is the link to the original article (front matter source,
	// link, url or canonical_url, else the first http(s) link of the body).
	Source string
	// Image is the first image of the body, if any.
	Image string
	// Size is the file's size in bytes.
	Size int64
	// Err is set when the file is not a valid post; the post is still
	// listed, under its file name, and the reader shows Err instead.
	Err error
	// Note is a non-fatal remark for the reader pane (for example that
	// only a prefix of a very large file was read).
	Note string
	// Ref is the front matter's ref (or translation_key, translationKey,
	// lang_ref): the same story in VN and EN shares one, which pairs the
	// twins.
	Ref string

	// file is Path exactly as the FS names it. Path has been through
	// safetext for display, which can change it (an NFD name becomes
	// NFC), so the file is opened again by this name.
	file string
}
