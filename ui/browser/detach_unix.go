//go:build unix

package browser

import "syscall"

// detached puts a helper in a session of its own: it then has no
// controlling terminal it could write to or read keys from, and the
// hangup sent when the reader's terminal closes does not reach it (a
// browser, or a clipboard program serving its selection, outlives us).
func detached() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setsid: true}
}
