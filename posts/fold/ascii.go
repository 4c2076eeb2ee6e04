package fold

import (
	"bytes"
	"encoding/binary"
	"math"
	"unicode/utf8"
)

// ASCII reports whether b is all ASCII, 32 bytes at a time: four words
// are or-ed together and tested once, which keeps the loop to a load and
// an or per word. A post that is not ASCII most often shows it in its
// first 32 bytes; one that is (an English body, before the search
// matches it as such) is read here whole.
func ASCII(b []byte) bool {
	i := 0
	for ; i+32 <= len(b); i += 32 {
		w := b[i : i+32 : i+32]
		if (binary.LittleEndian.Uint64(w)|binary.LittleEndian.Uint64(w[8:])|
			binary.LittleEndian.Uint64(w[16:])|binary.LittleEndian.Uint64(w[24:]))&0x8080808080808080 != 0 {
			return false
		}
	}
	for ; i+8 <= len(b); i += 8 {
		if binary.LittleEndian.Uint64(b[i:])&0x8080808080808080 != 0 {
			return false
		}
	}
	for ; i < len(b); i++ {
		if b[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// MatchASCII is MatchFolded(AppendFold(nil, text)) for text that is all
// ASCII (see ASCII), without folding it: folding ASCII only lowers its
// case and turns each run of blanks and control characters into one
// space, so each word is looked for in text itself, its first letter in
// either case through bytes.IndexByte, the rest compared as folding
// would see it. English posts are most often all ASCII, and this reads
// each byte about once instead of writing a folded copy of it.
func (q Query) MatchASCII(text []byte) bool {
	for _, w := range q.Words {
		if !containsFoldedASCII(text, w) {
			return false
		}
	}
	return true
}

// containsFoldedASCII reports whether the folding of the ASCII text
// contains the folded word w.
func containsFoldedASCII(text []byte, w string) bool {
	budget := math.MaxInt
	found, _ := containsASCII(text, w, &budget)
	return found
}

// containsASCII is containsFoldedASCII within a budget of steps: each
// place of the anchor and each byte compared there costs one, and ok is
// false when they run out.
func containsASCII(text []byte, w string, budget *int) (found, ok bool) {
	if w == "" {
		return true, true
	}
	if !isASCII(w) || w[0] == ' ' {
		return false, true // folded ASCII holds neither, nor a leading space
	}
	// The anchor is the rarest letter of w before its first space, so
	// that its distance from the start of a match is fixed.
	k := 0
	for i := 1; i < len(w) && w[i] != ' '; i++ {
		if rarity[w[i]] > rarity[w[k]] {
			k = i
		}
	}
	lo, up := w[k], w[k]
	if 'a' <= lo && lo <= 'z' {
		up = lo - 'a' + 'A'
	}
	// The next place of each case of the anchor at or after i, -1 when
	// there is none; each is looked for again only once passed.
	nextLo, nextUp := -2, -2
	if up == lo {
		nextUp = -1
	}
	for i := k; i < len(text); {
		if nextLo != -1 && nextLo < i {
			nextLo = indexFrom(text, i, lo)
		}
		if nextUp != -1 && nextUp < i {
			nextUp = indexFrom(text, i, up)
		}
		p := nextLo
		if p < 0 || nextUp >= 0 && nextUp < p {
			p = nextUp
		}
		if p < 0 {
			return false, true
		}
		match, n := foldedPrefix(text[p-k:], w)
		if *budget -= 1 + n; *budget < 0 {
			return false, false
		}
		if match {
			return true, true
		}
		i = p + 1
	}
	return false, true
}

// rarity ranks the letters by how seldom they occur in English text, a
// guess that only makes the search faster or slower, never different:
// the rarer the anchor, the fewer places to compare.
var rarity = func() (t [256]uint8) {
	for i := range t {
		t[i] = 10 // digits and punctuation: rare enough
	}
	for i, c := range []byte("etaoinshrdlcumwfgypbvkjxqz") {
		t[c] = uint8(i)
	}
	return t
}()

func indexFrom(b []byte, i int, c byte) int {
	if j := bytes.IndexByte(b[i:], c); j >= 0 {
		return i + j
	}
	return -1
}

// foldedPrefix reports whether the folding of the ASCII text t starts
// with w, given that t starts with a letter (not a blank): a space of w
// stands for a whole run of blanks in t. n is how many bytes of t it
// passed.
func foldedPrefix(t []byte, w string) (match bool, n int) {
	k := 0
	for m := 0; m < len(w); m++ {
		if k >= len(t) || t[k] >= utf8.RuneSelf {
			return false, k
		}
		if w[m] == ' ' {
			if asciiSpace[t[k]] == 0 {
				return false, k
			}
			for k < len(t) && t[k] < utf8.RuneSelf && asciiSpace[t[k]] == 1 {
				k++
			}
			continue
		}
		if asciiFold[t[k]] != w[m] {
			return false, k
		}
		k++
	}
	return true, k
}

// ASCIIMatcher is MatchASCII made ready for many texts. A word whose
// start (up to its first space) holds two letters or digits in a row is
// looked for by its rarest such pair, in either case, in one SIMD pass
// (pairSet), when that costs less than the passes of IndexByte for the
// rarest character of its start, by English letter frequencies
// (enFreq): a pair of common letters is far rarer than either letter,
// but IndexByte skips faster than the pass for pairs when a letter is
// rare itself (BenchmarkASCIIMatcher). Otherwise, and without SIMD, it
// does what MatchASCII does.
type ASCIIMatcher struct {
	words []asciiWord
}

// asciiWord is a folded word and, when pairs is set, where in it the
// pair that pairs finds begins, before its first space.
type asciiWord struct {
	w     string
	k     int
	pairs *pairSet
}

// ASCIIMatcher prepares q's words for MatchASCII on many texts.
func (q Query) ASCIIMatcher() ASCIIMatcher {
	var m ASCIIMatcher
	for _, w := range q.Words {
		aw := asciiWord{w: w, k: -1}
		if haveSIMD && isASCII(w) && w != "" && w[0] != ' ' {
			// The rarest pair in English, and the rarest character
			// before the first space, in places per 10,000 bytes as
			// anchorPlan counts them.
			pairCost, byteCost := 0, maxAnchorCost
			for i := 0; i < len(w) && w[i] != ' '; i++ {
				passes := 1
				if 'a' <= w[i] && w[i] <= 'z' {
					passes = 2 // both cases
				}
				byteCost = min(byteCost, passes*passPlaces+int(enFreq(w[i])))
				if i+1 < len(w) && isAlnum(w[i]) && isAlnum(w[i+1]) {
					c := pairPassSIMD + int(enFreq(w[i]))*int(enFreq(w[i+1]))/10000
					if aw.k < 0 || c < pairCost {
						aw.k, pairCost = i, c
					}
				}
			}
			if pairCost >= byteCost {
				aw.k = -1
			}
		}
		if aw.k >= 0 {
			aw.pairs = new(pairSet)
			aw.pairs.add(asciiCases(w[aw.k]), asciiCases(w[aw.k+1]))
		}
		m.words = append(m.words, aw)
	}
	return m
}

// Match reports whether text, all ASCII, holds every word, as
// q.MatchASCII(text) would for the q the matcher was made of. sure is
// false when that can't be told for less than folding the text costs:
// each place looked at and each byte compared there is a step, and a
// text that takes more steps than a quarter of its bytes (one made of
// the start of a word, over and over) is left to folding, whose cost is
// linear. A word surely absent settles it whatever the others are.
func (m ASCIIMatcher) Match(text []byte) (hit, sure bool) {
	sure = true
	for i := range m.words {
		budget := len(text)/4 + 64
		found, ok := m.words[i].contains(text, &budget)
		if ok && !found {
			return false, true
		}
		sure = sure && ok
	}
	return sure, sure
}

// contains looks for the word at each place of its pair, or as
// containsASCII does.
func (aw *asciiWord) contains(text []byte, budget *int) (found, ok bool) {
	if aw.pairs == nil {
		return containsASCII(text, aw.w, budget)
	}
	// The letters before the pair are one byte each in text, as they
	// are in w.
	w := aw.pairs.places(text)
	for p := w.next(); p >= 0; p = w.next() {
		if p < aw.k {
			continue
		}
		match, n := foldedPrefix(text[p-aw.k:], aw.w)
		if *budget -= 1 + n; *budget < 0 {
			return false, false
		}
		if match {
			return true, true
		}
	}
	return false, true
}

// enFreq is about how many times c occurs in 10,000 bytes of English
// news, in either case: the usual figures for the letters, a guess for
// digits and the rest. A wrong figure costs time, never a match.
func enFreq(c byte) uint16 {
	if 'a' <= c && c <= 'z' {
		return [26]uint16{650, 120, 220, 340, 1000, 180, 160, 490, 560, 12, 60, 320, 190,
			540, 600, 150, 8, 480, 500, 730, 220, 80, 190, 12, 160, 6}[c-'a']
	}
	if '0' <= c && c <= '9' {
		return 20
	}
	return 50
}
