package posts

import (
	"io"
	"io/fs"
	"path"
	"syscall"
	"time"
)

// openFile opens a post for reading with a bare file descriptor.
//
// os.Open registers every file with the runtime's poller: two fcntl calls
// to make it non-blocking, an epoll_ctl that Linux refuses for a regular
// file, two more fcntl calls to undo the first, and a finalizer. For a
// scan or a body search, which open every post once and read it in one
// call, that is five system calls beside the three that do the work
// (open, read, close) and a quarter of the time spent reading; see
// BENCHMARKS.md.
//
// O_NONBLOCK keeps a named pipe, put in a post's place after the folder
// was listed, from stopping the open until something writes to it. For a
// regular file it changes one thing: while another program holds a lease
// on the file (Samba and NFS servers take them), the open fails with
// EWOULDBLOCK instead of waiting for the lease to be given up, so the
// file is then opened again the way os.Open does, waiting.
func openFile(full, name string) (fs.File, error) {
	fd, err := open(full, syscall.O_NONBLOCK)
	if err == syscall.EWOULDBLOCK {
		fd, err = open(full, 0)
	}
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	return &rawFile{fd: fd, name: name}, nil
}

// open opens path read-only with the extra flags, again when a signal
// interrupts it.
func open(path string, flags int) (int, error) {
	for {
		fd, err := syscall.Open(path, syscall.O_RDONLY|syscall.O_CLOEXEC|flags, 0)
		if err != syscall.EINTR {
			return fd, err
		}
	}
}

// rawFile is an fs.File over a descriptor, read with plain read calls.
// It is used by one goroutine at a time, as the scan and search use it.
type rawFile struct {
	fd   int
	name string
}

func (f *rawFile) Read(b []byte) (int, error) {
	if f.fd < 0 {
		return 0, &fs.PathError{Op: "read", Path: f.name, Err: fs.ErrClosed}
	}
	if len(b) == 0 {
		return 0, nil
	}
	for {
		n, err := syscall.Read(f.fd, b)
		switch {
		case err == syscall.EINTR:
			continue
		case err != nil:
			return 0, &fs.PathError{Op: "read", Path: f.name, Err: err}
		case n == 0:
			return 0, io.EOF
		}
		return n, nil
	}
}

func (f *rawFile) Stat() (fs.FileInfo, error) {
	if f.fd < 0 {
		return nil, &fs.PathError{Op: "stat", Path: f.name, Err: fs.ErrClosed}
	}
	var st syscall.Stat_t
	for {
		err := syscall.Fstat(f.fd, &st)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return nil, &fs.PathError{Op: "stat", Path: f.name, Err: err}
		}
		break
	}
	mode := fs.FileMode(st.Mode & 0o777)
	if st.Mode&syscall.S_ISUID != 0 {
		mode |= fs.ModeSetuid
	}
	if st.Mode&syscall.S_ISGID != 0 {
		mode |= fs.ModeSetgid
	}
	if st.Mode&syscall.S_ISVTX != 0 {
		mode |= fs.ModeSticky
	}
	switch st.Mode & syscall.S_IFMT {
	case syscall.S_IFREG:
	case syscall.S_IFDIR:
		mode |= fs.ModeDir
	case syscall.S_IFLNK:
		mode |= fs.ModeSymlink
	case syscall.S_IFIFO:
		mode |= fs.ModeNamedPipe
	case syscall.S_IFSOCK:
		mode |= fs.ModeSocket
	case syscall.S_IFCHR:
		mode |= fs.ModeDevice | fs.ModeCharDevice
	default:
		mode |= fs.ModeDevice
	}
	sec, nsec := st.Mtim.Unix()
	return &rawInfo{name: path.Base(f.name), size: st.Size, mode: mode, mod: time.Unix(sec, nsec), sys: &st}, nil
}

func (f *rawFile) Close() error {
	if f.fd < 0 {
		return &fs.PathError{Op: "close", Path: f.name, Err: fs.ErrClosed}
	}
	err := syscall.Close(f.fd)
	f.fd = -1
	if err != nil {
		return &fs.PathError{Op: "close", Path: f.name, Err: err}
	}
	return nil
}

// rawInfo is what rawFile.Stat returns.
type rawInfo struct {
	name string
	size int64
	mode fs.FileMode
	mod  time.Time
	sys  *syscall.Stat_t
}

func (i *rawInfo) Name() string       { return i.name }
func (i *rawInfo) Size() int64        { return i.size }
func (i *rawInfo) Mode() fs.FileMode  { return i.mode }
func (i *rawInfo) ModTime() time.Time { return i.mod }
func (i *rawInfo) IsDir() bool        { return i.mode.IsDir() }
func (i *rawInfo) Sys() any           { return i.sys }
