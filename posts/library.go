package posts

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/newsreader/newsreader/posts/safetext"
)

// maxBody bounds how much of a post Body returns: far more than any
// article, and little enough that rendering it can't freeze the reader.
const maxBody = 2 << 20

// Library is a set of posts, newest first, and where to read their bodies
// from.
type Library struct {
	// FS is read-only: posts are opened read-only, the reader never writes.
	FS fs.FS
	// Root is the folder as the user named it (for display), "" for none.
	Root string
	// Posts are sorted newest first; posts with no date are at the end,
	// by path.
	Posts []*Post
	// Skipped counts entries that were passed over: a .txt without front
	// matter, a dangling symlink, a folder that could not be read, a
	// symlink back to a folder already read.
	Skipped int

	// dir is the folder on disk that FS reads, for Dir; "" when FS is not
	// a folder on disk.
	dir string
	// files is FS when the library was made of single files or bytes.
	files fileSet
}

// OpenDir scans a directory on disk.
func OpenDir(dir string) (*Library, error) {
	info, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("cannot open %s: %w", dir, unwrapPath(err))
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("%s is a file, not a folder", dir)
	}
	l, err := Scan(diskFS(dir), dir)
	if err != nil {
		return nil, err
	}
	l.dir = dir
	return l, nil
}

// OpenFiles makes a library of exactly these files, given as the user
// typed them (relative or absolute), sorted like Scan's. A file that is
// missing or can't be read is an error naming it. A file that is not a
// regular file, such as the pipe of "newsreader <(command)", is read once
// into memory, because it could not be read a second time for its body.
func OpenFiles(paths []string) (*Library, error) {
	set := fileSet{}
	var names []string
	for _, typed := range paths {
		abs, err := filepath.Abs(typed)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", typed, err)
		}
		info, err := os.Stat(abs)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", typed, unwrapPath(err))
		}
		if info.IsDir() {
			return nil, fmt.Errorf("%s is a folder; give it on its own to list its posts", typed)
		}
		name := strings.TrimLeft(filepath.ToSlash(abs), "/")
		if _, dup := set[name]; dup {
			continue
		}
		f := diskFile{path: abs, typed: typed}
		if !info.Mode().IsRegular() {
			// A pipe ("newsreader <(cat post.md)") is read as it fills,
			// so it is opened by os.Open, whose reads wait for the
			// writer; diskFS opens files not to wait.
			pipe, err := os.Open(abs)
			if err == nil {
				f.data, err = readHeadOf(pipe, maxBody)
			}
			if err != nil {
				return nil, fmt.Errorf("%s: %w", typed, unwrapPath(err))
			}
			f.inMemory = true
		}
		set[name] = f
		names = append(names, name)
	}
	l := &Library{FS: set, files: set}
	buf := make([]byte, readLimit)
	for _, name := range names {
		p, err := readPost(set, name, buf)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", set[name].typed, unwrapPath(err))
		}
		l.Posts = append(l.Posts, p)
	}
	sortPosts(l.Posts)
	return l, nil
}

// FromBytes makes a one-post library from content that came from a pipe;
// name (such as "stdin") stands for the file name. Piped Markdown often
// has no front matter, and that is not an error here: the title is then
// the first "# " heading, or name.
func FromBytes(name string, data []byte) *Library {
	if !fs.ValidPath(name) || strings.Contains(name, "/") || name == "." {
		name = "stdin"
	}
	set := fileSet{name: {typed: name, data: data, inMemory: true}}
	p := Parse(name, data)
	if errors.Is(p.Err, ErrNoFrontMatter) {
		p.Err = nil
		if h := firstHeading(data[:min(len(data), 4096)]); h != "" {
			p.setTitle(h)
		}
	}
	return &Library{FS: set, files: set, Posts: []*Post{p}}
}

func firstHeading(b []byte) string {
	for len(b) > 0 {
		var line []byte
		line, b = cutLine(b)
		if h, ok := bytes.CutPrefix(line, []byte("# ")); ok {
			return strings.TrimSpace(string(h))
		}
	}
	return ""
}

// Body reads the post again and returns its Markdown body without front
// matter, cleaned by safetext.Text. For a post with Err it returns the
// whole raw text (cleaned) so the user can see what is wrong. At most the
// first 2 MiB are returned; Post.Note says so for a bigger file. Body is
// safe to call from several goroutines at once.
func (l *Library) Body(p *Post) (string, error) {
	data, err := readHead(l.FS, p.name(), maxBody)
	if err != nil {
		return "", fmt.Errorf("cannot read %s: %w", l.DisplayPath(p), cleanError{unwrapPath(err)})
	}
	if len(data) == maxBody {
		if i := bytes.LastIndexByte(data, '\n'); i > 0 {
			data = data[:i+1]
		}
	}
	text := bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	text, _ = decodeLegacy(text)
	if p.Err == nil {
		text = withoutFront(text)
	}
	return safetext.Text(strings.ToValidUTF8(string(text), "\uFFFD")), nil
}

// withoutFront is text without its front matter, YAML, TOML or JSON, or
// text itself when it has none that can be read.
func withoutFront(text []byte) []byte {
	if front, body, err := splitFile(text); err == nil && front != nil {
		return body
	}
	if _, body, ok, err := otherFields(text); ok && err == nil {
		return body
	}
	return text
}

// DisplayPath is the path of p as the user would write it: Root joined
// with p.Path, or the path the user typed for OpenFiles.
func (l *Library) DisplayPath(p *Post) string {
	if f, ok := l.files[p.name()]; ok {
		return safetext.Line(f.typed)
	}
	if l.Root == "" {
		return p.Path
	}
	return safetext.Line(filepath.Join(l.Root, filepath.FromSlash(p.name())))
}

// Dir returns the library of the folder that holds p's file: after
// "newsreader FILE", going back shows the rest of that folder. It fails
// for a post that is not a file on disk.
func (l *Library) Dir(p *Post) (*Library, error) {
	if f, ok := l.files[p.name()]; ok && !f.inMemory {
		return OpenDir(filepath.Dir(f.typed))
	}
	if l.dir != "" && l.files == nil {
		return OpenDir(filepath.Join(l.dir, filepath.FromSlash(path.Dir(p.name()))))
	}
	return nil, fmt.Errorf("%s is not a file on disk, so it has no folder", l.DisplayPath(p))
}

// name is the post's file name in its FS.
func (p *Post) name() string {
	if p.file != "" {
		return p.file
	}
	return p.Path
}

// sortPosts puts the newest first, by instant whatever the zone, and posts
// without a date last; equal dates go by path so the order is the same on
// every run.
func sortPosts(ps []*Post) {
	// The dates are copied out next to the pointers first: comparing
	// through the pointers reads two posts scattered over the heap at
	// every step, which made this most of the time of sorting.
	type keyed struct {
		sec   int64
		nsec  int32
		dated bool
		p     *Post
	}
	ks := make([]keyed, len(ps))
	for i, p := range ps {
		ks[i].p, ks[i].dated = p, p.HasDate
		if p.HasDate {
			ks[i].sec, ks[i].nsec = p.Date.Unix(), int32(p.Date.Nanosecond())
		}
	}
	slices.SortFunc(ks, func(a, b keyed) int {
		switch {
		case a.dated != b.dated:
			if a.dated {
				return -1
			}
			return 1
		case a.sec != b.sec:
			return cmp.Compare(b.sec, a.sec)
		case a.nsec != b.nsec:
			return cmp.Compare(b.nsec, a.nsec)
		}
		if c := strings.Compare(a.p.Path, b.p.Path); c != 0 {
			return c
		}
		return strings.Compare(a.p.name(), b.p.name())
	})
	for i := range ks {
		ps[i] = ks[i].p
	}
}

// unwrapPath drops the *fs.PathError wrapper, whose text repeats a path
// the caller names already, often in another form.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// fileSet is the FS of a library made of single files: it opens exactly
// these files and nothing else. Keys are absolute slash paths without the
// leading slash.
type fileSet map[string]diskFile

type diskFile struct {
	path     string // on disk
	typed    string // as the user typed it, for display
	data     []byte // the content, when inMemory
	inMemory bool
}

func (s fileSet) Open(name string) (fs.File, error) {
	f, ok := s[name]
	switch {
	case !ok:
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	case f.inMemory:
		return &memFile{Reader: bytes.NewReader(f.data), name: path.Base(name), size: int64(len(f.data))}, nil
	}
	return os.Open(f.path)
}

// memFile is an fs.File and its fs.FileInfo over bytes in memory.
type memFile struct {
	*bytes.Reader
	name string
	size int64
}

func (f *memFile) Stat() (fs.FileInfo, error) { return f, nil }
func (f *memFile) Close() error               { return nil }
func (f *memFile) Name() string               { return f.name }
func (f *memFile) Size() int64                { return f.size }
func (f *memFile) Mode() fs.FileMode          { return 0o444 }
func (f *memFile) ModTime() time.Time         { return time.Time{} }
func (f *memFile) IsDir() bool                { return false }
func (f *memFile) Sys() any                   { return nil }

// What the list needs from the body: the source link, the image, and the
// language when nothing else says it. These work on a bounded prefix, as
// Scan reads no more.

// bodyScanLimit bounds how much of the body is searched for the source
// link and the image, so a huge post costs no more than a normal one.
const bodyScanLimit = 32 << 10

// readBody fills in what comes from the body: the source link when the
// front matter has none, the image, and the language when nothing said it.
func (p *Post) readBody(body []byte) {
	body = body[:min(len(body), bodyScanLimit)]
	link, image := firstLinks(body)
	if p.Source == "" {
		p.Source = link
	}
	p.Image = safetext.Line(image)
	if p.Lang == LangUnknown {
		p.Lang = detectLang(p.RawTitle, body)
	}
}

// firstLinks returns the first Markdown link target that passes
// safetext.URL (so an http or https address), cleaned by it, and the
// target of the first image. It looks for "](" and walks back to the
// matching "[", so nested brackets such as [![alt](img)](href) are read
// the way Markdown reads them.
func firstLinks(b []byte) (link, image string) {
	for i := 0; i < len(b) && (link == "" || image == ""); {
		j := bytes.Index(b[i:], []byte("]("))
		if j < 0 {
			break
		}
		close := i + j
		i = close + 2
		open := matchingOpen(b, close)
		if open < 0 {
			continue
		}
		target := linkTarget(b[i:])
		if target == "" {
			continue
		}
		if open > 0 && b[open-1] == '!' {
			if image == "" {
				image = target
			}
		} else if u, ok := safetext.URL(target); ok && link == "" {
			link = u
		}
	}
	return link, image
}

// matchingOpen finds the "[" that the "]" at close ends, without crossing
// a blank line (a link never spans paragraphs) or looking back too far.
func matchingOpen(b []byte, close int) int {
	depth := 0
	for i := close - 1; i >= 0 && close-i < 2000; i-- {
		switch b[i] {
		case ']':
			depth++
		case '[':
			if depth == 0 {
				return i
			}
			depth--
		case '\n':
			if i > 0 && b[i-1] == '\n' || i > 1 && b[i-1] == '\r' && b[i-2] == '\n' {
				return -1
			}
		}
	}
	return -1
}

// linkTarget reads a link destination: <...>, or text up to a space or
// the ")" that balances the opening one.
func linkTarget(b []byte) string {
	b = b[:min(len(b), 2048)]
	b = bytes.TrimLeft(b, " ")
	if len(b) > 0 && b[0] == '<' {
		if end := bytes.IndexAny(b, ">\n"); end > 0 && b[end] == '>' {
			return string(b[1:end])
		}
		return ""
	}
	depth := 0
	for i, c := range b {
		switch {
		case c == '(':
			depth++
		case c == ')' && depth > 0:
			depth--
		case c == ')' || c == ' ' || c == '\n' || c == '\t' || c == '\r':
			return string(b[:i])
		}
	}
	return ""
}

// detectLang guesses the language of a post that does not say it. Nearly
// every Vietnamese word carries a mark, so Vietnamese text has many marked
// letters, some of which (ơ, ư, ă, đ, a hook or a dot below) no other
// Latin-script language uses; a French or Spanish accent alone is not
// enough. Link targets are skipped: their ASCII would dilute the count.
func detectLang(title string, body []byte) Lang {
	var letters, latin, marked, strong int
	count := func(w []byte) {
		if bytes.Contains(w, []byte("://")) {
			return
		}
		for len(w) > 0 {
			r, n := utf8.DecodeRune(w)
			w = w[n:]
			switch {
			case r >= 0x1ea0 && r <= 0x1ef9, strings.ContainsRune("ăĂđĐơƠưƯĩĨũŨ", r),
				r == 0x0309, r == 0x0323, r == 0x031b, r == 0x0306:
				strong++
				marked++
			case strings.ContainsRune("àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ", r),
				r == 0x0300, r == 0x0301, r == 0x0302, r == 0x0303:
				marked++
			}
			if unicode.IsLetter(r) {
				letters++
				if r < 0x250 || r >= 0x1e00 && r <= 0x1eff {
					latin++
				}
			}
		}
	}
	for _, w := range bytes.Fields([]byte(title)) {
		count(w)
	}
	for _, w := range bytes.Fields(body[:min(len(body), langWindow)]) {
		count(w)
	}
	switch {
	case strong > 0 && marked*20 >= letters:
		return LangVN
	case latin > 0 && latin*2 >= letters:
		return LangEN
	}
	return LangUnknown
}
