package watch

import (
	"errors"
	"fmt"
	"runtime"
	"syscall"

	"github.com/newsreader/newsreader/posts/safetext"
)

// reason says, for the status line, why the system's watches were given
// up, and what a person could do about it.
func (e *addError) reason() string {
	switch {
	case errors.Is(e.err, syscall.ENOSPC) && runtime.GOOS == "linux":
		return "the inotify watch limit was reached (raise fs.inotify.max_user_watches)"
	case errors.Is(e.err, syscall.ENOSPC):
		return "the system's limit on watched folders was reached"
	case errors.Is(e.err, syscall.EMFILE):
		// kqueue takes a file descriptor for every file and folder.
		return "too many open files to watch them all"
	}
	return fmt.Sprintf("cannot watch %s (%v)", e.rel, e.err)
}

func isNotDir(err error) bool { return errors.Is(err, syscall.ENOTDIR) }

// addError is a failure to add a watch that means the Watcher can't go
// on with the system's watches.
type addError struct {
	rel string
	err error
}

func (e *addError) Error() string { return fmt.Sprintf("cannot watch %s: %v", e.rel, e.err) }
func (e *addError) Unwrap() error { return e.err }

// cleanError is an error whose text, which may quote a file name, is
// cleaned for the terminal; errors.Is still sees through it.
type cleanError struct{ err error }

func (e cleanError) Error() string { return safetext.Line(e.err.Error()) }
func (e cleanError) Unwrap() error { return e.err }
