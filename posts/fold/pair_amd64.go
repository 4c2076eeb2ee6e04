//go:build amd64 && !purego

package fold

import "golang.org/x/sys/cpu"

// haveSIMD is true when pairBlocks can run: it needs SSSE3's byte
// shuffle, which every x86-64 processor of the last fifteen years has.
var haveSIMD = cpu.X86.HasSSSE3

// pairBlocks looks for places of the set in s sixteen at a time, from
// place i on, as far as s has seventeen bytes from a block's start. It
// returns the first block with a place in it and a mask of its places
// (bit j for place at+j), or where the places left begin and a mask of
// zero (the scan in Go goes on from there).
//
//go:noescape
func pairBlocks(s []byte, ps *pairSet, i int) (at int, mask uint32)
