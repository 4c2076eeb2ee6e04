//go:build !amd64 || purego

package fold

// haveSIMD is false where pairBlocks has no assembly: index runs in Go.
var haveSIMD = false

func pairBlocks(s []byte, ps *pairSet) (i int, found bool) { return 0, false }
