package posts

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

// diskFS is os.DirFS without its refusal of names that are not valid
// UTF-8 (fs.ValidPath demands UTF-8). Such files exist, copied from older
// systems or unpacked from archives; the walk lists them, so they must
// open like any other instead of failing with "invalid argument".
type diskFS string

var (
	_ fs.ReadDirFS = diskFS("")
	_ fs.StatFS    = diskFS("")
)

// join turns a slash-separated name into a path on disk. The name must
// still be a valid fs path in every other way: no "..", no leading
// slash, no empty element, so it can't leave the folder.
func (d diskFS) join(op, name string) (string, error) {
	// Replacing the bad bytes can't make or hide a "." or a "/", so this
	// checks everything ValidPath does except the UTF-8.
	valid := fs.ValidPath(name) // the usual case, and it allocates nothing
	if !valid && !utf8.ValidString(name) {
		valid = fs.ValidPath(strings.ToValidUTF8(name, "_"))
	}
	if !valid || strings.IndexByte(name, 0) >= 0 {
		return "", &fs.PathError{Op: op, Path: name, Err: fs.ErrInvalid}
	}
	if name == "." {
		return string(d), nil
	}
	return string(d) + string(filepath.Separator) + filepath.FromSlash(name), nil
}

func (d diskFS) Open(name string) (fs.File, error) {
	full, err := d.join("open", name)
	if err != nil {
		return nil, err
	}
	return openFile(full, name)
}

func (d diskFS) ReadDir(name string) ([]fs.DirEntry, error) {
	full, err := d.join("readdir", name)
	if err != nil {
		return nil, err
	}
	return os.ReadDir(full)
}

// readDirAnyOrder is ReadDir without sorting the entries by name.
func (d diskFS) readDirAnyOrder(name string) ([]fs.DirEntry, error) {
	full, err := d.join("readdir", name)
	if err != nil {
		return nil, err
	}
	f, err := os.Open(full)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return f.ReadDir(-1)
}

func (d diskFS) Stat(name string) (fs.FileInfo, error) {
	full, err := d.join("stat", name)
	if err != nil {
		return nil, err
	}
	return os.Stat(full)
}
