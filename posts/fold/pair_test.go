package fold

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// index returns the first place of ps in s, or -1.
func (ps *pairSet) index(s []byte) int {
	w := ps.places(s)
	return w.next()
}

// naiveIndex is index by the definition: the first place whose
// two bytes are in one group, from the sets the groups were built of.
func naiveIndex(s []byte, groups [][2]byteSet) int {
	for i := 0; i+1 < len(s); i++ {
		for _, g := range groups {
			if g[0].has(s[i]) && g[1].has(s[i+1]) {
				return i
			}
		}
	}
	return -1
}

// randomSet is a few bytes, some ASCII, some not, or a range of them.
func randomSet(rng *rand.Rand) byteSet {
	var s byteSet
	if rng.IntN(4) == 0 {
		lo := rng.IntN(256)
		s.addRange(lo, min(255, lo+rng.IntN(64)))
		return s
	}
	for range 1 + rng.IntN(4) {
		s.add(byte(rng.IntN(256)))
	}
	return s
}

// TestPairSetIndex checks index, in SIMD where the machine has it and
// in Go, against the groups it was built of: it may find a place that
// is in none (the tables draw the sets wider), but never miss one, and
// the SIMD and Go scans find the same place. Texts are of every length
// around the sixteen-byte blocks, with the places anywhere in them.
func TestPairSetIndex(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 9))
	for round := range 3000 {
		var ps pairSet
		var groups [][2]byteSet
		for range 1 + rng.IntN(maxGroups) {
			g := [2]byteSet{randomSet(rng), randomSet(rng)}
			ps.add(g[0], g[1])
			groups = append(groups, g)
		}
		s := make([]byte, rng.IntN(80))
		for i := range s {
			// Mostly bytes outside every group, so that places are rare.
			s[i] = byte(rng.IntN(256))
			if rng.IntN(3) > 0 {
				s[i] = 'q'
			}
		}
		want := naiveIndex(s, groups)
		goIndex := ps.indexFrom(s, 0)
		if want >= 0 && (goIndex < 0 || goIndex > want) {
			t.Fatalf("round %d: Go index %d, want at most %d in %q", round, goIndex, want, s)
		}
		if goIndex >= 0 && ps.first[s[goIndex]]&ps.second[s[goIndex+1]] == 0 {
			t.Fatalf("round %d: Go index %d is not in the tables", round, goIndex)
		}
		if haveSIMD {
			if got := ps.index(s); got != goIndex {
				t.Fatalf("round %d: SIMD index %d, Go %d, in %q", round, got, goIndex, s)
			}
		}
	}
	var ps pairSet
	for range maxGroups {
		ps.add(byteSet{}, byteSet{})
	}
	defer func() {
		if recover() == nil {
			t.Error("a ninth group was taken")
		}
	}()
	ps.add(byteSet{}, byteSet{})
}

// TestPairBlocksEdges puts one place, or two, at every position of
// texts of every length up to 70: the SIMD scan must report them in the
// block that holds them, or hand over before them.
func TestPairBlocksEdges(t *testing.T) {
	if !haveSIMD {
		t.Skip("no SIMD scan on this machine")
	}
	var ps pairSet
	var a, b byteSet
	a.add(0xc3)
	b.add('n')
	ps.add(a, b)
	for n := range 70 {
		for at := -1; at+1 < n; at++ {
			s := make([]byte, n)
			for i := range s {
				s[i] = 'x'
			}
			if at >= 0 {
				s[at], s[at+1] = 0xc3, 'n'
			}
			base, mask := pairBlocks(s, &ps, 0)
			switch {
			case mask != 0 && (base > at || at >= base+16 || mask != 1<<(at-base)):
				t.Fatalf("len %d, place %d: block %d, mask %b", n, at, base, mask)
			case mask == 0 && (base > n || at >= 0 && base > at || base+17 <= n):
				t.Fatalf("len %d, place %d: handed over at %d", n, at, base)
			}
			if got := ps.index(s); got != at {
				t.Fatalf("len %d: index %d, want %d", n, got, at)
			}
		}
	}
}

// TestPlaceWalk: a walk hands out every place of the set in order, each
// once, in SIMD and in Go, from texts of every length up to 100 with
// places at random, some in runs.
func TestPlaceWalk(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	var ps pairSet
	var a, b byteSet
	a.add('n')
	a.add('N')
	b.addRange(0x80, 0xff)
	b.add('i')
	ps.add(a, b)
	for round := range 5000 {
		s := make([]byte, rng.IntN(100))
		for i := range s {
			s[i] = "nNix\xc3\xa0"[rng.IntN(6)]
		}
		var want []int
		for i := 0; i+1 < len(s); i++ {
			if ps.first[s[i]]&ps.second[s[i+1]] != 0 {
				want = append(want, i)
			}
		}
		eachScan(func(scan string) {
			var got []int
			w := ps.places(s)
			for p := w.next(); p >= 0; p = w.next() {
				got = append(got, p)
			}
			if w.next() != -1 {
				t.Fatalf("round %d (%s): a place after the end", round, scan)
			}
			if !slices.Equal(got, want) {
				t.Fatalf("round %d (%s): %q: places %v, want %v", round, scan, s, got, want)
			}
		})
	}
}

// eachScan runs f with the scan of pairSet in SIMD, where the machine
// has it, and in Go, naming it.
func eachScan(f func(scan string)) {
	simd := haveSIMD
	defer func() { haveSIMD = simd }()
	if simd {
		f("SIMD")
	}
	haveSIMD = false
	f("Go")
}

// FuzzPairIndex: the SIMD scan and the one in Go hand out the same
// places, each in the set as its tables draw it, for a set of up to
// eight groups drawn from the fuzzer's bytes (a byte, or a range from
// it when the next says so).
func FuzzPairIndex(f *testing.F) {
	f.Add([]byte("nhiên niên"), []byte("nNi\xc3"))
	f.Add([]byte("\xff\x00\x80"), []byte{0, 0x80, 0xff, 0x7f, 1, 2})
	f.Add([]byte("0123456789abcdef0123456789"), []byte{'0', 0x83, '5', 0x02, 'a', 'b'})
	f.Fuzz(func(t *testing.T, text, set []byte) {
		var ps pairSet
		pick := func(i int) (s byteSet) {
			if i+1 < len(set) && set[i+1]&0x80 != 0 {
				s.addRange(int(set[i]), min(255, int(set[i])+int(set[i+1]&0x3f)))
			} else {
				s.add(set[i])
			}
			return s
		}
		for i := 0; i+1 < len(set) && ps.groups < maxGroups; i += 2 {
			ps.add(pick(i), pick(i+1))
		}
		var walks [][]int
		eachScan(func(string) {
			var got []int
			w := ps.places(text)
			for p := w.next(); p >= 0; p = w.next() {
				if p+1 >= len(text) || ps.first[text[p]]&ps.second[text[p+1]] == 0 {
					t.Fatalf("place %d is not in the set", p)
				}
				got = append(got, p)
			}
			walks = append(walks, got)
		})
		n := 0
		for i := 0; i+1 < len(text); i++ {
			if ps.first[text[i]]&ps.second[text[i+1]] != 0 {
				n++
			}
		}
		for _, got := range walks {
			if len(got) != n || !slices.Equal(got, walks[0]) {
				t.Fatalf("walks %v, %d places in the set", walks, n)
			}
		}
	})
}

// eachWay runs check on matchers made by plan three ways, named by way:
// planned for the SIMD scan of pairSet and scanned with it (where the
// machine has it), planned for it and scanned in Go, and planned for Go.
func eachWay[M any](plan func() M, check func(way string, m M)) {
	simd := haveSIMD
	defer func() { haveSIMD = simd }()
	haveSIMD = true
	m := plan()
	if simd {
		check("SIMD", m)
	}
	haveSIMD = false
	check("SIMD plan, Go scan", m)
	check("Go", plan())
}
