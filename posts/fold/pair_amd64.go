//go:build amd64 && !purego

package fold

import "golang.org/x/sys/cpu"

// haveSIMD is true when pairBlocks can run: it needs SSSE3's byte
// shuffle, which every x86-64 processor of the last fifteen years has.
var haveSIMD = cpu.X86.HasSSSE3

// pairBlocks looks for a place of the set in s sixteen bytes at a time,
// as far as s has seventeen bytes from the place. It returns the place
// and true, or false and where the bytes left begin (index goes on from
// there in Go).
//
//go:noescape
func pairBlocks(s []byte, ps *pairSet) (i int, found bool)
