package posts

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// The bare-descriptor file behaves as an fs.File from os.Open would, as
// far as the scan, the search and Body use it.
func TestRawFile(t *testing.T) {
	dir := t.TempDir()
	data := "---\ntitle: Tin\n---\nThân bài\n"
	if err := os.WriteFile(filepath.Join(dir, "a.md"), []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "sub.md"), 0o755); err != nil {
		t.Fatal(err)
	}
	fsys := diskFS(dir)

	f, err := fsys.Open("a.md")
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := f.(*rawFile); !ok {
		t.Fatalf("Open returned %T, not the bare-descriptor file", f)
	}
	got, err := io.ReadAll(f)
	if err != nil || string(got) != data {
		t.Errorf("ReadAll = %q, %v; want %q", got, err, data)
	}
	if n, err := f.Read(make([]byte, 8)); n != 0 || err != io.EOF {
		t.Errorf("Read at the end = %d, %v; want 0, EOF", n, err)
	}
	info, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.Stat(filepath.Join(dir, "a.md"))
	if err != nil {
		t.Fatal(err)
	}
	if info.Name() != "a.md" || info.Size() != int64(len(data)) || info.Mode() != want.Mode() ||
		!info.ModTime().Equal(want.ModTime()) {
		t.Errorf("Stat = %q %d %v %v, os.Stat %v %v", info.Name(), info.Size(), info.Mode(), info.ModTime(), want.Mode(), want.ModTime())
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := f.Read(make([]byte, 8)); !errors.Is(err, fs.ErrClosed) {
		t.Errorf("Read after Close: %v, want ErrClosed", err)
	}
	if err := f.Close(); !errors.Is(err, fs.ErrClosed) {
		t.Errorf("second Close: %v, want ErrClosed", err)
	}

	// Errors name the file as the library knows it and keep their cause.
	_, err = fsys.Open("gone.md")
	var pe *fs.PathError
	if !errors.Is(err, fs.ErrNotExist) || !errors.As(err, &pe) || pe.Path != "gone.md" {
		t.Errorf("Open of a missing file: %v", err)
	}

	// A folder opens, reads as EISDIR (which the scan turns into
	// errNotRegular) and stats as a folder.
	d, err := fsys.Open("sub.md")
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if _, err := d.Read(make([]byte, 8)); !errors.Is(err, syscall.EISDIR) {
		t.Errorf("Read of a folder: %v, want EISDIR", err)
	}
	if info, err := d.Stat(); err != nil || !info.IsDir() {
		t.Errorf("Stat of a folder: %v, %v", info, err)
	}
}

// A named pipe that takes a post's name after the walk neither blocks
// the open (no one writes to it) nor the read.
func TestRawFilePipe(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.md"), 0o644); err != nil {
		t.Skipf("no FIFO: %v", err)
	}
	done := make(chan error, 1)
	go func() {
		p, err := readPost(diskFS(dir), "pipe.md", make([]byte, 64<<10))
		if err == nil && p.Err == nil {
			err = errors.New("a pipe read as a post")
		}
		done <- err
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Error(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("reading a named pipe blocked")
	}
}

// A post another program holds a lease on (as Samba and NFS servers do)
// opens once the lease is given up, as with os.Open, instead of failing:
// the open without waiting fails with EWOULDBLOCK then.
func TestRawFileLease(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "a.md")
	if err := os.WriteFile(name, []byte("---\ntitle: Tin\n---\nThân bài\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	holder, err := syscall.Open(name, syscall.O_WRONLY|syscall.O_CLOEXEC, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer syscall.Close(holder)
	const setLease = 1024 // F_SETLEASE
	if _, _, e := syscall.Syscall(syscall.SYS_FCNTL, uintptr(holder), setLease, syscall.F_WRLCK); e != 0 {
		t.Skipf("no write lease here: %v", e)
	}
	if _, err := syscall.Open(name, syscall.O_RDONLY|syscall.O_NONBLOCK, 0); err != syscall.EWOULDBLOCK {
		t.Fatalf("an open without waiting under the lease gave %v, not EWOULDBLOCK", err)
	}
	go func() { // the holder is told of the open (SIGIO) and gives the lease up
		time.Sleep(100 * time.Millisecond)
		syscall.Syscall(syscall.SYS_FCNTL, uintptr(holder), setLease, syscall.F_UNLCK)
	}()
	p, err := readPost(diskFS(dir), "a.md", make([]byte, 64<<10))
	if err != nil || p.Err != nil || p.Title != "Tin" {
		t.Fatalf("post under a lease: %v, %+v", err, p)
	}
}
