package posts

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"path"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/newsreader/newsreader/posts/fold"
	"github.com/newsreader/newsreader/posts/safetext"
)

// Kinds of bad file, for errors.Is on Post.Err. A problem inside the front
// matter is a *FrontMatterError instead.
var (
	ErrEmpty         = errors.New("empty file")
	ErrBinary        = errors.New("binary file")
	ErrNoFrontMatter = errors.New("no front matter")
)

// FrontMatterError says what is wrong in a post's front matter and where.
type FrontMatterError struct {
	// Line is the line of the file (1 is the opening ---), 0 if unknown.
	Line int
	// Reason is safe to show: it has been through safetext.
	Reason string

	// unclosed marks a front matter with no closing line, which may only
	// mean that the read limit cut it off; Scan then reads on.
	unclosed bool
}

func (e *FrontMatterError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("front matter line %d: %s", e.Line, e.Reason)
	}
	return "front matter: " + e.Reason
}

func isUnclosed(err error) bool {
	var fe *FrontMatterError
	return errors.As(err, &fe) && fe.unclosed
}

// MaxHotness caps Hotness, so that a title made of a hundred 🔥 or a
// "hotness: 1e9" can't flood the list.
const MaxHotness = 5

// Parse builds a Post from a file's bytes. It never fails: a problem is put
// in Post.Err, and then Title is the file name. path is slash-separated and
// gives the file name and the YYYY-MM-DD- date fallback.
//
// When the front matter has both a hotness (or hot) number and 🔥 markers
// in the title, the number wins: it is the author saying so explicitly.
func Parse(path string, data []byte) *Post {
	return parse(path, data, int64(len(data)))
}

// parse is Parse for data that may be only the first size bytes of a file.
func parse(name string, data []byte, size int64) *Post {
	p := &Post{Path: safetext.Line(name), file: name, Size: size}
	var notes []string
	if !looksUTF8(data) {
		var legacy bool
		if data, legacy = decodeLegacy(data); legacy {
			notes = append(notes, legacyNote)
		}
	}
	front, body, err := splitFile(data)
	if errors.Is(err, ErrNoFrontMatter) {
		if f, b, ok, ferr := otherFields(data); ok {
			body, err = b, ferr
			if ferr == nil {
				notes = append(notes, p.apply(f)...)
			}
		}
	} else if err == nil {
		var buf [12]field // the usual front matter, without allocating
		var f fields
		var more []string
		f, more, err = frontFields(front, buf[:0])
		notes = append(notes, more...)
		if err == nil {
			notes = append(notes, p.apply(f)...)
		}
	}
	p.Err = err
	if p.Title == "" {
		p.Title = safetext.Line(path.Base(name))
	}
	if strings.TrimSpace(p.Title) == "" {
		p.Title = "(untitled)"
	}
	if !p.HasDate {
		p.Date, p.HasDate = dateFromName(path.Base(name))
	}
	if body != nil {
		p.readBody(body)
	}
	if size > maxBody {
		notes = append(notes, fmt.Sprintf("the file is %.1f MiB; only its first %d MiB are shown", float64(size)/(1<<20), maxBody>>20))
	}
	p.Note = strings.Join(notes, "; ")
	return p
}

// langWindow is how much of the body detectLang reads.
const langWindow = 2048

// looksUTF8 reports whether a post is UTF-8 as far as the list can tell,
// without proving it of every byte: that cost as much as all the rest of
// parsing a post. A file is saved in one encoding, so a front matter with
// text beyond ASCII that is valid UTF-8 settles it; an ASCII one leaves
// it to the opening of the body that detectLang reads. A legacy body
// further on is still decoded for reading, by Body, which checks it all.
func looksUTF8(data []byte) bool {
	text := bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	first, rest := cutLine(text)
	if fence := string(first); fence == "---" || fence == "+++" {
		for len(rest) > 0 {
			var l []byte
			l, rest = cutLine(rest)
			if string(l) == fence || fence == "---" && string(l) == "..." {
				break
			}
		}
	}
	front := data[:len(data)-len(rest)]
	if !utf8.Valid(front) {
		return false
	}
	if !fold.ASCII(front) {
		return true
	}
	end := min(len(data), len(front)+langWindow)
	// Ending inside a character would make valid text look invalid.
	for i := 0; i < utf8.UTFMax && end < len(data) && !utf8.RuneStart(data[end]); i++ {
		end--
	}
	return utf8.Valid(data[len(front):end])
}

// splitFile finds the YAML front matter, between --- lines, and the body.
// body is nil when there is nothing worth reading (an empty or binary
// file); front is nil when the file has none, which is an error. Empty
// front matter is a non-nil empty slice.
func splitFile(data []byte) (front, body []byte, err error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	switch {
	case len(bytes.TrimSpace(data)) == 0:
		return nil, nil, ErrEmpty
	case bytes.HasPrefix(data, []byte("\xff\xfe")) || bytes.HasPrefix(data, []byte("\xfe\xff")):
		return nil, nil, fmt.Errorf("%w: UTF-16 text; save the file as UTF-8", ErrBinary)
	case bytes.IndexByte(data[:min(len(data), 8000)], 0) >= 0:
		return nil, nil, fmt.Errorf("%w: it contains NUL bytes, so it is not a Markdown post", ErrBinary)
	}
	first, rest := cutLine(data)
	switch {
	case string(first) == "---":
		for off := len(data) - len(rest); off < len(data); {
			l, next := cutLine(data[off:])
			if string(l) == "---" || string(l) == "..." {
				return data[len(data)-len(rest) : off], next, nil
			}
			off = len(data) - len(next)
		}
		return nil, data, &FrontMatterError{Line: 1, Reason: "the front matter is never closed; add a --- line after its last field", unclosed: true}
	case string(first) == "+++":
		return nil, data, fmt.Errorf("%w: it starts with +++ but holds no TOML front matter closed by a +++ line", ErrNoFrontMatter)
	case string(first) == "{" || bytes.HasPrefix(first, []byte(`{"`)):
		return nil, data, fmt.Errorf("%w: it starts with { but holds no JSON front matter (an object, then a blank line)", ErrNoFrontMatter)
	}
	return nil, data, fmt.Errorf("%w: the file does not start with a --- line", ErrNoFrontMatter)
}

// cutLine returns the first line without its line end or trailing blanks,
// and the text after it.
func cutLine(b []byte) (line, rest []byte) {
	i := bytes.IndexByte(b, '\n')
	if i < 0 {
		return bytes.TrimRight(b, " \t\r"), b[len(b):]
	}
	return bytes.TrimRight(b[:i], " \t\r"), b[i+1:]
}

// value is one front matter field, whatever format it was written in.
type value struct {
	text   string
	list   []string
	isList bool
}

// field is one front matter key, as written, and its value.
type field struct {
	key string
	value
}

// fields are the keys of a front matter with their values, each key
// once. A post has a handful, so a list looked through is quicker to
// build and to read than a map, and parse keeps it on its stack.
type fields []field

// get returns the value of key, or the zero value when it is absent.
func (f fields) get(key string) value {
	for i := range f {
		if f[i].key == key {
			return f[i].value
		}
	}
	return value{}
}

// has reports whether key is in f.
func (f fields) has(key string) bool {
	for i := range f {
		if f[i].key == key {
			return true
		}
	}
	return false
}

// fieldsOf turns a decoded map into fields, in the order of its keys.
func fieldsOf[V any](m map[string]V, conv func(V) value) fields {
	f := make(fields, 0, len(m))
	for _, k := range slices.Sorted(maps.Keys(m)) {
		f = append(f, field{k, conv(m[k])})
	}
	return f
}

// known are the keys Post reads; only their duplicates are worth a note.
var known = map[string]bool{
	"title": true, "date": true, "categories": true, "category": true, "tags": true, "tag": true,
	"lang": true, "language": true, "source": true, "link": true, "url": true,
	"canonical_url": true, "hotness": true, "hot": true, "ref": true,
	"translation_key": true, "translationKey": true, "lang_ref": true,
}

// keyNames holds one string for each key most posts have, so that
// reading a post's keys takes no allocation for them.
var keyNames = func() map[string]string {
	names := map[string]string{}
	for k := range known {
		names[k] = k
	}
	for _, k := range []string{"layout", "image", "author", "description", "permalink", "excerpt"} {
		names[k] = k
	}
	return names
}()

// frontFields reads the front matter, the quick way when it can.
// f is a buffer the fields are added to.
func frontFields(text []byte, f fields) (fields, []string, error) {
	var notes []string
	if !utf8.Valid(text) {
		text = bytes.ToValidUTF8(text, []byte("\uFFFD"))
		notes = append(notes, "the front matter is not valid UTF-8; bad bytes are shown as \uFFFD")
	}
	f, more, ok := quickFields(text, f)
	if !ok {
		var err error
		if f, more, err = yamlFields(text); err != nil {
			return nil, nil, err
		}
	}
	return f, append(notes, more...), nil
}

func dupNote(line int, key string) string {
	return fmt.Sprintf("front matter line %d: %q is given twice; the first one is used", line, key)
}

// apply sets the post's fields from its front matter and returns notes
// about values it could not use.
func (p *Post) apply(f fields) (notes []string) {
	p.setTitle(f.get("title").text)
	for _, k := range []string{"hotness", "hot"} {
		// A failed Atoi allocates its error: skip the usual absent field.
		if v := strings.TrimSpace(f.get(k).text); v != "" {
			if n, err := strconv.Atoi(v); err == nil {
				p.Hotness = min(max(n, 0), MaxHotness)
				break
			}
		}
	}
	if d := f.get("date").text; d != "" {
		p.Date, p.HasDate = parseDate(d)
		if !p.HasDate {
			notes = append(notes, fmt.Sprintf("date %q is not understood; write it like 2025-02-03 15:04:05 +0700", safetext.Line(d)))
		}
	}
	p.Categories = words(f.get("categories"), f.get("category"))
	p.Tags = words(f.get("tags"), f.get("tag"))
	p.Lang = langOf(p.Categories, f.get("lang").text, f.get("language").text)
	for _, k := range []string{"source", "link", "url", "canonical_url"} {
		if u, ok := safetext.URL(strings.TrimSpace(f.get(k).text)); ok {
			p.Source = u
			break
		}
	}
	for _, k := range []string{"ref", "translation_key", "translationKey", "lang_ref"} {
		if r := strings.TrimSpace(safetext.Line(f.get(k).text)); r != "" {
			p.Ref = r
			break
		}
	}
	return notes
}

// setTitle splits a raw title into its 🔥 markers, [Topic] and the rest.
func (p *Post) setTitle(raw string) {
	raw = strings.TrimSpace(safetext.Line(raw))
	p.RawTitle = raw
	s, hot := raw, 0
	for {
		s = strings.TrimLeft(s, " ")
		rest, ok := strings.CutPrefix(s, "🔥")
		if !ok {
			break
		}
		hot++
		s = strings.TrimPrefix(rest, "\ufe0f")
	}
	p.Hotness = min(hot, MaxHotness)
	if strings.HasPrefix(s, "[") {
		end := strings.IndexByte(s, ']')
		if topic := strings.TrimSpace(s[1:max(end, 1)]); topic != "" && !strings.Contains(topic, "[") {
			p.Topic = topic
			s = s[end+1:]
		}
	}
	p.Title = strings.TrimSpace(s)
	if p.Title == "" {
		p.Title = p.Topic
	}
}

// words merges list or space-separated values, dropping empty and repeated
// entries.
func words(vs ...value) []string {
	var out []string
	add := func(w string) {
		w = strings.TrimSpace(safetext.Line(w))
		if w != "" && !slices.Contains(out, w) {
			out = append(out, w)
		}
	}
	for _, v := range vs {
		if v.isList {
			for _, w := range v.list {
				add(w)
			}
			continue
		}
		for w := range strings.FieldsSeq(v.text) {
			add(w)
		}
	}
	return out
}

// langOf reads the language from a VN/VI/EN category, else from a lang
// field such as vi, vi-VN, vi_VN, en_US or en-GB.
func langOf(categories []string, fieldValues ...string) Lang {
	for _, c := range categories {
		switch strings.ToUpper(c) {
		case "VN", "VI":
			return LangVN
		case "EN":
			return LangEN
		}
	}
	for _, v := range fieldValues {
		code, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(v)), "-")
		code, _, _ = strings.Cut(code, "_")
		switch code {
		case "vi", "vn", "vie":
			return LangVN
		case "en", "eng":
			return LangEN
		}
	}
	return LangUnknown
}
