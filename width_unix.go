//go:build unix

package main

import (
	"os"
	"strconv"
	"syscall"
)

// neutralEastAsianWidth starts the program again without
// RUNEWIDTH_EASTASIAN when it is set. That variable, common in CJK
// locales, makes the width libraries count ambiguous characters (… │ · →)
// as two columns, which the terminals our readers use draw as one: every
// truncated title and the pane divider would then be off by a column. The
// libraries read it once, before main, so the only way to measure text as
// it is drawn is a process that never saw it.
func neutralEastAsianWidth() {
	if ea, err := strconv.ParseBool(os.Getenv("RUNEWIDTH_EASTASIAN")); err != nil || !ea {
		return
	}
	exe, err := os.Executable()
	if err != nil {
		return
	}
	os.Unsetenv("RUNEWIDTH_EASTASIAN")
	_ = syscall.Exec(exe, os.Args, os.Environ())
	// Exec failed: go on, measuring as the variable says.
}
