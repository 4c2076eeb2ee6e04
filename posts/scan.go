package posts

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"sync"
	"syscall"

	"github.com/newsreader/newsreader/posts/safetext"
)

// readLimit is how much of each file Scan reads: the front matter and the
// opening of the body are all the list needs, so a huge post costs no
// more than a small one.
const readLimit = 64 << 10

// frontLimit is how far Scan reads on when the front matter is still open
// at readLimit, before calling it never closed.
const frontLimit = 1 << 20

// maxDepth bounds the walk, whatever the FS does.
const maxDepth = 64

// skipDirs are folders that hold generated copies or dependencies, never
// posts; hidden folders (.git, .jekyll-cache) are skipped too.
var skipDirs = map[string]bool{"_site": true, "node_modules": true}

// Scan reads every post below the root of fsys: .md and .markdown files,
// and .txt files that start with front matter, in all folders except
// hidden ones and those in skipDirs. Symlinked folders are followed, each
// folder read once, so a symlink loop ends. Files are read by a pool of
// workers, and only their first readLimit bytes. A file that can't be read
// or parsed is still listed, with Err; root is only for display. The
// error is for a root that can't be read at all.
func Scan(fsys fs.FS, root string) (*Library, error) {
	top, err := fs.Stat(fsys, ".")
	if err != nil {
		return nil, fmt.Errorf("cannot open %s: %w", root, unwrapPath(err))
	}
	if !top.IsDir() {
		return nil, fmt.Errorf("%s is a file, not a folder", root)
	}
	jobs := make(chan string, 1024)
	w := &walker{fsys: fsys, seen: map[fileID]bool{}, jobs: jobs}
	if id, ok := idOf(top); ok {
		w.seen[id] = true
	}

	n := runtime.GOMAXPROCS(0) * 2
	found := make([][]*Post, n)
	skipped := make([]int, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			buf := make([]byte, readLimit)
			for name := range jobs {
				if p := scanFile(fsys, name, buf); p != nil {
					found[i] = append(found[i], p)
				} else {
					skipped[i]++
				}
			}
		})
	}
	err = w.walk(".", 0)
	close(jobs)
	wg.Wait()
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %w", root, unwrapPath(err))
	}

	l := &Library{FS: fsys, Root: root, Skipped: w.skipped}
	for i := range n {
		l.Posts = append(l.Posts, found[i]...)
		l.Skipped += skipped[i]
	}
	sortPosts(l.Posts)
	return l, nil
}

// walker lists the folders on one goroutine and hands post files to the
// workers.
type walker struct {
	fsys    fs.FS
	seen    map[fileID]bool
	jobs    chan<- string
	skipped int
}

// walk lists dir. Only a failure to list the root is an error; a folder
// below it that can't be read is counted in skipped.
//
// Files are handed to the workers in the order the folder lists them:
// the posts are sorted once scanned, so sorting every folder's names, as
// fs.ReadDir does, was a quarter of the walk's time for nothing. Folders
// and symlinks are still taken in the order of their names, so that a
// folder reached both directly and through a symlink is listed under
// the same path every time.
func (w *walker) walk(dir string, depth int) error {
	entries, err := readDirAnyOrder(w.fsys, dir)
	if err != nil {
		if dir == "." && len(entries) == 0 {
			return err
		}
		w.skipped++
	}
	var later []fs.DirEntry // folders and symlinks
	for _, e := range entries {
		name := e.Name()
		if strings.HasPrefix(name, ".") {
			continue
		}
		switch typ := e.Type(); {
		case typ.IsRegular():
			if isPostName(name) {
				w.jobs <- joinName(dir, name)
			}
		case typ.IsDir(), typ&fs.ModeSymlink != 0:
			later = append(later, e)
		}
		// Anything else (a pipe, a device, an image) is not a post; a
		// pipe named like one would block the reader forever.
	}
	slices.SortFunc(later, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	for _, e := range later {
		name := e.Name()
		full := joinName(dir, name)
		typ := e.Type()
		var info fs.FileInfo
		if typ&fs.ModeSymlink != 0 {
			if info, err = fs.Stat(w.fsys, full); err != nil {
				w.skipped++ // a dangling link
				continue
			}
			typ = info.Mode().Type()
		}
		switch {
		case typ.IsDir():
			if !skipDirs[name] {
				w.enter(full, e, info, depth+1)
			}
		case typ.IsRegular() && isPostName(name):
			w.jobs <- full
		}
	}
	return nil
}

// joinName is path.Join(dir, name) for a clean dir and a name read from
// it, which holds no slash and is neither "." nor "..".
func joinName(dir, name string) string {
	if dir == "." {
		return name
	}
	return dir + "/" + name
}

// readDirAnyOrder lists a folder of fsys, in the order the file system
// gives when fsys is a diskFS, and sorted by name otherwise.
func readDirAnyOrder(fsys fs.FS, dir string) ([]fs.DirEntry, error) {
	if d, ok := fsys.(diskFS); ok {
		return d.readDirAnyOrder(dir)
	}
	return fs.ReadDir(fsys, dir)
}

// enter walks a folder unless it was seen before, through another
// symlink or because a symlink leads back up to it. info is set when dir
// was reached through a symlink. Such a folder is followed only when it
// has a file ID: with no way to recognize a folder seen before, two loops
// would make the walk exponential before any depth limit stopped it.
func (w *walker) enter(dir string, e fs.DirEntry, info fs.FileInfo, depth int) {
	linked := info != nil
	if !linked {
		var err error
		if info, err = e.Info(); err != nil {
			w.skipped++
			return
		}
	}
	id, ok := idOf(info)
	switch {
	case ok && w.seen[id], !ok && linked, depth > maxDepth:
		w.skipped++
		return
	case ok:
		w.seen[id] = true
	}
	w.walk(dir, depth)
}

// HasMarkdown reports whether Scan would list at least one post in dir
// without scanning it: it walks the folders Scan walks (not following
// symlinks) until it meets a .md or .markdown file, which Scan lists
// even when it can't be read. It lets a program that looks for posts in
// a default folder show its first screen before the scan, which can take
// seconds; false means only that a scan must tell.
func HasMarkdown(dir string) bool {
	found := false
	fs.WalkDir(diskFS(dir), ".", func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return nil // an unreadable folder: look on
		case d.IsDir() && p != "." && (strings.HasPrefix(d.Name(), ".") || skipDirs[d.Name()]):
			return fs.SkipDir
		case d.Type().IsRegular():
			switch strings.ToLower(path.Ext(d.Name())) {
			case ".md", ".markdown":
				found = true
				return fs.SkipAll
			}
		}
		return nil
	})
	return found
}

func isPostName(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".md", ".markdown", ".txt":
		return true
	}
	return false
}

// scanFile reads and parses one file found by the walk. It returns nil
// for a file that turns out not to be a post: a .txt without front
// matter, or a file that is gone or no longer a regular file.
func scanFile(fsys fs.FS, name string, buf []byte) *Post {
	txt := strings.EqualFold(path.Ext(name), ".txt")
	p, err := readPost(fsys, name, buf)
	switch {
	case err == nil:
		if txt && (errors.Is(p.Err, ErrNoFrontMatter) || errors.Is(p.Err, ErrEmpty) || errors.Is(p.Err, ErrBinary)) {
			return nil
		}
		return p
	case txt, errors.Is(err, fs.ErrNotExist), errors.Is(err, errNotRegular):
		return nil
	}
	// Listed anyway, so that a post the user expects doesn't silently
	// vanish from the list.
	base := path.Base(name)
	p = &Post{Path: safetext.Line(name), file: name, Title: safetext.Line(base)}
	p.Date, p.HasDate = dateFromName(base)
	p.Err = fmt.Errorf("cannot read the file: %w", cleanError{unwrapPath(err)})
	return p
}

// cleanError is an error from an FS, whose text is cleaned for the
// terminal: it may quote a file name. errors.Is still sees through it.
type cleanError struct{ err error }

func (e cleanError) Error() string { return safetext.Line(e.err.Error()) }
func (e cleanError) Unwrap() error { return e.err }

var errNotRegular = errors.New("not a regular file")

// readPost reads the head of a file into buf and parses it. The Post
// keeps no reference to buf.
//
// The walk hands over regular files only, and nearly every post is
// smaller than buf: one read that comes back short is the whole file,
// and its length is the file's size, as it is for a regular file on
// every file system we read. Only a file that fills buf costs a stat,
// for its size and to check that it is still a regular file (a pipe or
// a device may have taken its name since the walk).
func readPost(fsys fs.FS, name string, buf []byte) (*Post, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	n, err := f.Read(buf)
	if errors.Is(err, syscall.EISDIR) {
		return nil, errNotRegular // a folder has taken the name since the walk
	}
	if err != nil && err != io.EOF {
		return nil, err
	}
	size := int64(n)
	if n == len(buf) {
		info, err := f.Stat()
		if err != nil {
			return nil, err
		}
		if !info.Mode().IsRegular() {
			return nil, errNotRegular
		}
		size = max(size, info.Size())
	}
	data := buf[:n]
	p := parse(name, data, size)
	if n == len(buf) && isUnclosed(p.Err) { // isUnclosed allocates
		more, err := io.ReadAll(io.LimitReader(f, frontLimit-int64(n)))
		if err != nil {
			return nil, err
		}
		p = parse(name, append(data[:n:n], more...), max(size, int64(n+len(more))))
	}
	return p, nil
}

// readHead reads up to limit bytes of a file.
func readHead(fsys fs.FS, name string, limit int64) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	return readHeadOf(f, limit)
}

// readHeadOf reads up to limit bytes of f and closes it.
func readHeadOf(f fs.File, limit int64) ([]byte, error) {
	defer f.Close()
	// Sized from the file, the buffer takes one allocation and two reads:
	// io.ReadAll grows its own from 512 bytes, a handful of reads and
	// copies for every body a search reads.
	var b bytes.Buffer
	if info, err := f.Stat(); err == nil && info.Size() > 0 {
		b.Grow(int(min(info.Size(), limit)) + bytes.MinRead)
	}
	_, err := b.ReadFrom(io.LimitReader(f, limit))
	return b.Bytes(), err
}

// fileID identifies a folder on disk, to notice a symlink that leads to a
// folder already read.
type fileID struct{ dev, ino uint64 }

// idOf reads the device and inode numbers of a *syscall.Stat_t from
// FileInfo.Sys(). It goes through reflection because syscall.Stat_t does
// not exist on Windows and its field types differ between Unix systems, and
// this keeps one file building everywhere. Without an ID (Windows, an FS
// in memory), symlinked folders are not followed.
func idOf(info fs.FileInfo) (fileID, bool) {
	v := reflect.ValueOf(info.Sys())
	if v.Kind() != reflect.Pointer || v.IsNil() || v.Elem().Kind() != reflect.Struct || v.Elem().Type().Name() != "Stat_t" {
		return fileID{}, false
	}
	dev, ok1 := asUint(v.Elem().FieldByName("Dev"))
	ino, ok2 := asUint(v.Elem().FieldByName("Ino"))
	return fileID{dev, ino}, ok1 && ok2
}

// FileIdentity is the device and inode of the file info describes, which
// tells one folder from another whatever path reaches it; ok is false
// where the system gives none (Windows, a file system in memory).
func FileIdentity(info fs.FileInfo) (dev, ino uint64, ok bool) {
	if info == nil {
		return 0, 0, false
	}
	id, ok := idOf(info)
	return id.dev, id.ino, ok
}

func asUint(v reflect.Value) (uint64, bool) {
	switch {
	case v.CanUint():
		return v.Uint(), true
	case v.CanInt():
		return uint64(v.Int()), true
	}
	return 0, false
}
