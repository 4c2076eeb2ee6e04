//go:build unix

// Package cputime reads the CPU time of the process, for the benchmarks
// that report it beside wall times: on a shared machine the wall times
// swing with other jobs, the CPU times much less.
package cputime

import (
	"syscall"
	"time"
)

// Now is the user and system time the process has used.
func Now() time.Duration {
	var r syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &r); err != nil {
		return 0
	}
	return time.Duration(r.Utime.Nano() + r.Stime.Nano())
}
