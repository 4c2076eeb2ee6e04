package browser

import "syscall"

// detached keeps a helper out of the reader's console process group, so
// Ctrl+C or Ctrl+Break in the reader does not reach it, and hides the
// console window a console program would otherwise flash up.
func detached() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{CreationFlags: syscall.CREATE_NEW_PROCESS_GROUP, HideWindow: true}
}
