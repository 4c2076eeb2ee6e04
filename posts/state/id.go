package state

import (
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"strings"
	"time"

	"golang.org/x/text/unicode/norm"

	"github.com/newsreader/newsreader/posts"
)

// maxSourceID bounds an ID taken from a link as it is: a longer link is
// hashed, so that a hostile post can't make every write carry a megabyte
// key.
const maxSourceID = 2048

// PostID returns p's ID, see ID. It names the post by its Title, without
// the hotness markers and topic tag, because those are what an editor
// changes as a story heats up.
func PostID(p posts.Post) string {
	return ID(p.Source, p.Title, p.Date, p.HasDate)
}

// ID names a post in the store so that the name survives moving or
// renaming its file and cosmetic edits to its link.
//
// A post with an http or https source link is named by the link,
// normalised: scheme and host in lower case, no default port, no user
// name or password, no fragment, no trailing slash, and no empty query
// (https://Example.com/a/#top and https://example.com/a are one post).
// Any other post is named "h:" and a hash of its title (trimmed, NFC) and,
// when hasDate, the instant of its date, so the zone it was written in
// does not matter.
//
// The IDs are stored on disk: this function must keep giving the same ID
// for the same input in every release, or every mark is lost. That is why
// it does its own normalising instead of sharing the display code's.
func ID(source, title string, date time.Time, hasDate bool) string {
	if id, ok := sourceID(source); ok {
		return id
	}
	h := sha256.New()
	h.Write([]byte(norm.NFC.String(strings.TrimSpace(title))))
	if hasDate {
		h.Write([]byte{0})
		h.Write([]byte(date.UTC().Format(time.RFC3339Nano)))
	}
	return "h:" + hex.EncodeToString(h.Sum(nil)[:16])
}

// sourceID returns the normalised link, or false when source is not an
// absolute http(s) link with a host.
func sourceID(source string) (string, bool) {
	u, err := url.Parse(strings.TrimSpace(source))
	if err != nil || u.Opaque != "" {
		return "", false
	}
	scheme := strings.ToLower(u.Scheme)
	if scheme != "http" && scheme != "https" {
		return "", false
	}
	host := strings.ToLower(u.Hostname())
	if host == "" {
		return "", false
	}
	if strings.Contains(host, ":") {
		host = "[" + host + "]" // IPv6, whose brackets Hostname took off
	}
	if port := u.Port(); port != "" && !(scheme == "http" && port == "80" || scheme == "https" && port == "443") {
		host += ":" + port
	}
	id := scheme + "://" + host + strings.TrimRight(u.EscapedPath(), "/")
	if u.RawQuery != "" {
		id += "?" + u.RawQuery
	}
	if len(id) > maxSourceID {
		sum := sha256.Sum256([]byte(id))
		return "u:" + hex.EncodeToString(sum[:16]), true
	}
	return id, true
}
