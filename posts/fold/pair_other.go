//go:build !amd64 || purego

package fold

// haveSIMD is false where pairBlocks has no assembly: places are found
// in Go.
var haveSIMD = false

func pairBlocks(s []byte, ps *pairSet, i int) (at int, mask uint32) { return i, 0 }
