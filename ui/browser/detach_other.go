//go:build !unix && !windows

package browser

import "syscall"

// detached has nothing to add on systems without sessions or consoles.
func detached() *syscall.SysProcAttr {
	return nil
}
