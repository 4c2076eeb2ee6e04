//go:build !unix

package main

// neutralEastAsianWidth does nothing where a process can't replace itself;
// see width_unix.go.
func neutralEastAsianWidth() {}
