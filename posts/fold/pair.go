package fold

import "math/bits"

// pairSet is a set of two-byte sequences, looked for in one pass over a
// text (places); a place is where one begins. It is a union of up to
// eight groups, each the product of a set of first bytes and a set of
// second bytes. A byte's membership of
// a set is read from two tables of sixteen: one by its low four bits,
// one by its high four, each entry a mask of groups; the byte is in a
// group's set when both entries have the group's bit. That is how the
// SIMD scan (pairBlocks, on amd64) tests sixteen bytes at once, with a
// byte shuffle per table. A set drawn that way can hold more than was
// put into it (adding 0x41 and 0x62 also adds 0x42 and 0x61), never less:
// a pairSet finds every place it was built for, and the caller checks
// each place it finds.
type pairSet struct {
	// The layout of the first 64 bytes is read by pairBlocks.
	lo1, hi1, lo2, hi2 [16]byte
	// first and second are the same sets, by byte, for the scan in Go.
	first, second [256]byte
	groups        int
}

// maxGroups is the number of groups a pairSet holds: one bit each, in a
// byte.
const maxGroups = 8

// byteSet is a set of bytes, as a bitmap.
type byteSet [4]uint64

func (s *byteSet) add(b byte)      { s[b>>6] |= 1 << (b & 63) }
func (s *byteSet) has(b byte) bool { return s[b>>6]&(1<<(b&63)) != 0 }
func (s *byteSet) addRange(lo, hi int) { // lo to hi, both included
	for b := lo; b <= hi; b++ {
		s.add(byte(b))
	}
}

// add puts the group first × second in the set. The callers plan their
// groups to fit; a ninth would be a bug that loses places, so it panics.
func (ps *pairSet) add(first, second byteSet) {
	if ps.groups == maxGroups {
		panic("fold: a pairSet holds eight groups")
	}
	bit := byte(1) << ps.groups
	ps.groups++
	for b := range 256 {
		if first.has(byte(b)) {
			ps.lo1[b&15] |= bit
			ps.hi1[b>>4] |= bit
		}
		if second.has(byte(b)) {
			ps.lo2[b&15] |= bit
			ps.hi2[b>>4] |= bit
		}
	}
	for b := range 256 {
		ps.first[b] = ps.lo1[b&15] & ps.hi1[b>>4]
		ps.second[b] = ps.lo2[b&15] & ps.hi2[b>>4]
	}
}

// places walks the places of the set in s, in order.
func (ps *pairSet) places(s []byte) placeWalk {
	return placeWalk{ps: ps, s: s}
}

// placeWalk hands out the places of a pairSet in a text one at a time:
// those of a block of sixteen found in SIMD (pairBlocks) from its mask,
// the others from the scan in Go.
type placeWalk struct {
	ps   *pairSet
	s    []byte
	from int    // where the places not yet looked at begin
	base int    // the block of mask
	mask uint32 // its places not handed out yet
	done bool
}

// next returns the next place, or -1 when there are no more.
func (w *placeWalk) next() int {
	if w.mask == 0 {
		if w.done {
			return -1
		}
		if haveSIMD && w.from+17 <= len(w.s) {
			at, mask := pairBlocks(w.s, w.ps, w.from)
			w.base, w.mask, w.from = at, mask, at
			if mask != 0 {
				w.from = at + 16
			}
		}
		if w.mask == 0 {
			j := w.ps.indexFrom(w.s, w.from)
			if j < 0 {
				w.done = true
				return -1
			}
			w.from = j + 1
			return j
		}
	}
	j := bits.TrailingZeros32(w.mask)
	w.mask &= w.mask - 1
	return w.base + j
}

// indexFrom returns the first place of the set in s from s[i] on, or
// -1, in Go.
func (ps *pairSet) indexFrom(s []byte, i int) int {
	if i+1 >= len(s) {
		return -1
	}
	prev := ps.first[s[i]]
	for j := i + 1; j < len(s); j++ {
		c := s[j]
		if prev&ps.second[c] != 0 {
			return j - 1
		}
		prev = ps.first[c]
	}
	return -1
}
