package watch

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/newsreader/newsreader/posts"
)

// maxDepth bounds the walk like the scanner's, whatever the links do.
const maxDepth = 64

// skipDirs are the folders posts.Scan skips (generated sites and
// dependencies): a Jekyll build rewriting _site must not flood the list
// with updates for files it would never show.
var skipDirs = map[string]bool{"_site": true, "node_modules": true}

// errSkip, from an enter callback, leaves that folder out of the walk
// without ending it.
var errSkip = errors.New("skip this folder")

// walker lists a tree with the scanner's rules: hidden entries and
// skipDirs are left out, symlinked folders are followed once each (by
// device and inode), and nothing deeper than maxDepth is read.
type walker struct {
	root string // absolute, in the OS's form
	// seen maps each folder entered to the slash path it was entered by.
	seen map[fileID]string
	// enter is called for every folder before it is listed, so that a
	// watch is in place before the listing and a file created in between
	// is reported by one or the other. An error other than errSkip ends
	// the walk.
	enter func(rel string) error
	// file is called for every file named like a post. info is set when
	// the file was reached through a symlink (it describes the target),
	// else the callback asks d if it needs to.
	file func(rel string, d fs.DirEntry, info fs.FileInfo)
}

// abs turns a slash path relative to the root into a path for the OS.
func (w *walker) abs(rel string) string {
	return filepath.Join(w.root, filepath.FromSlash(rel))
}

// walk reads the folder rel, described by info, and all below it. linked
// says it was reached through a symlink: such a folder is only followed
// when it has a file ID, since without one a loop of links could not be
// recognized. A folder that can't be listed is skipped like the scanner
// does, except the root, whose error is returned.
func (w *walker) walk(rel string, info fs.FileInfo, linked bool, depth int) error {
	if depth > maxDepth {
		return nil
	}
	id, ok := idOf(info)
	switch {
	case ok:
		if _, dup := w.seen[id]; dup {
			return nil
		}
		w.seen[id] = rel
	case linked:
		return nil
	}
	if w.enter != nil {
		if err := w.enter(rel); err != nil {
			if errors.Is(err, errSkip) {
				return nil
			}
			return err
		}
	}
	entries, err := os.ReadDir(w.abs(rel))
	if err != nil && rel == "." && len(entries) == 0 {
		return err
	}
	for _, e := range entries {
		name := e.Name()
		if hidden(name) {
			continue
		}
		child := path.Join(rel, name)
		typ := e.Type()
		var target fs.FileInfo
		if typ&fs.ModeSymlink != 0 {
			if target, err = os.Stat(w.abs(child)); err != nil {
				continue // dangling
			}
			typ = target.Mode().Type()
		}
		switch {
		case typ.IsDir():
			if skipDirs[name] {
				continue
			}
			di := target
			if di == nil {
				if di, err = e.Info(); err != nil {
					continue // gone since the listing
				}
			}
			if err := w.walk(child, di, target != nil, depth+1); err != nil {
				return err
			}
		case typ.IsRegular() && isPostName(name):
			w.file(child, e, target)
		}
	}
	return nil
}

// hidden reports whether a name is hidden by the Unix convention, which
// the scanner follows everywhere: .git, .jekyll-cache, editors' .#locks.
func hidden(name string) bool { return strings.HasPrefix(name, ".") }

// isPostName reports whether a file name has an extension the scanner
// reads; whether a .txt is really a post is for the parser to say.
func isPostName(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".md", ".markdown", ".txt":
		return true
	}
	return false
}

// ignored reports whether anything at the slash path rel is out of the
// scanner's view: inside a hidden or skipped folder, or hidden itself.
func ignored(rel string) bool {
	for part := range strings.SplitSeq(rel, "/") {
		if hidden(part) || skipDirs[part] {
			return true
		}
	}
	return false
}

// under reports whether the slash path p is dir or lies below it.
func under(p, dir string) bool {
	return dir == "." || p == dir || strings.HasPrefix(p, dir+"/")
}

// fileID identifies a folder on disk, to notice a symlink that leads to
// a folder already watched.
type fileID struct{ dev, ino uint64 }

// idOf is the folder's identity, as the scanner finds it.
func idOf(info fs.FileInfo) (fileID, bool) {
	dev, ino, ok := posts.FileIdentity(info)
	return fileID{dev, ino}, ok
}
