package fold

import (
	"bytes"
	"math/bits"
	"strings"
	"sync"
	"unicode/utf8"
)

// RawMatcher decides MatchFolded(AppendFold(nil, text)) for UTF-8 text
// without folding the text. Folding is a byte loop over the whole text;
// a RawMatcher looks for one letter of each word, its anchor, in all its
// spellings with bytes.IndexByte and, at each, folds outwards only as
// far as the word reaches, one character at a time, stopping at the
// first that differs. Most of a Vietnamese body is then never folded.
//
// A spelling of the anchor is found by its ASCII byte, in either case,
// or, for a character other than ASCII that folds to it (đ for d, ḿ for
// m), by one of its bytes, chosen so that few passes find few places in
// Vietnamese text (see cover): often its first (0xC4 for đ and for the
// eight accented g's) or its second (0xB8 for ḿ). The anchor of a word
// is its letter or digit whose spellings cost the least to look for; a
// word whose every letter is too common (as n and the vowels are) is
// left to folding.
type RawMatcher struct {
	words []rawWord
	// partial is set when some of the query's words have no anchor: a
	// text can then be ruled out by the others, but a text that holds
	// them all must be folded to look for the rest.
	partial bool
}

// rawWord is one folded word and its anchor, at w[k].
type rawWord struct {
	w       string
	k       int
	spell   []byte   // the ASCII bytes that fold to w[k]
	finders []finder // where to look for the other runes that fold to it
}

// finder is a byte that the UTF-8 of some runes folding to an anchor
// holds, and where in them: bit t of offs is set when one of them has b
// as its byte t, so that the rune begins t bytes before b.
type finder struct {
	b    byte
	offs uint8
}

// RawMatcher returns the matcher of q's words, or false when no word
// has an anchor (or q has no words), and every text must be folded.
func (q Query) RawMatcher() (RawMatcher, bool) {
	var m RawMatcher
	for _, w := range q.Words {
		rw, ok := planWord(w)
		if !ok {
			m.partial = true
			continue
		}
		m.words = append(m.words, rw)
	}
	return m, len(m.words) > 0
}

// maxAnchorCost is the most an anchor may cost (see anchorPlan) for a
// RawMatcher to be worth it: about one place to look at in eleven bytes
// of Vietnamese. It was set by BenchmarkMatchFile with words that no
// post holds, so that every body is searched to its end, the case that
// decides how long a search takes. Against folding, "gieo" and "nguong"
// (anchored by g, cost 666) took 0.70 to 0.80 of the time, "nien" (i,
// 1048) about as long, "oen" (n, 1077) 1.2 times and "oea" (e, 1616)
// 1.6 times. Other costs: m 278, d 523, t 598, y 637, h 787, a 1434.
const maxAnchorCost = 900

// planWord picks w's anchor: the character of w whose spellings cost the
// least to look for. w is folded, so it has no capitals and its spaces
// are single, inside it.
func planWord(w string) (rawWord, bool) {
	if w == "" || !isASCII(w) || w[0] == ' ' || w[len(w)-1] == ' ' || strings.Contains(w, "  ") {
		return rawWord{}, false
	}
	plans := anchorPlans()
	k := -1
	for i := 0; i < len(w); i++ {
		c := w[i]
		if ('a' <= c && c <= 'z' || '0' <= c && c <= '9') && (k < 0 || plans[c].cost < plans[w[k]].cost) {
			k = i
		}
	}
	if k < 0 || plans[w[k]].cost > maxAnchorCost {
		return rawWord{}, false
	}
	c := w[k]
	rw := rawWord{w: w, k: k, spell: []byte{c}, finders: plans[c].finders}
	if 'a' <= c && c <= 'z' {
		rw.spell = append(rw.spell, c-'a'+'A')
	}
	return rw, true
}

// rawFreq is how many times in 10,000 bytes of Vietnamese body text each
// byte occurs, the most of a real post (the project's reference one) and
// of 5,000 generated ones. It only ranks anchors: a wrong figure costs
// time, never a match.
var rawFreq = [256]uint16{
	'\n': 68, ' ': 1578, '!': 2, '"': 59, '#': 2, '%': 8, '&': 8, '\'': 9, '(': 3, ')': 3, ',': 114, '-': 31, '.': 82,
	'/': 17, '0': 67, '1': 28, '2': 17, '3': 9, '4': 8, '5': 19, '6': 14, '7': 5, '8': 6, '9': 5, ':': 6, '=': 9, '?': 2,
	'A': 45, 'B': 14, 'C': 23, 'D': 58, 'E': 5, 'F': 6, 'G': 12, 'H': 19, 'I': 37, 'J': 2, 'K': 4, 'L': 8, 'M': 17,
	'N': 21, 'O': 5, 'P': 12, 'Q': 6, 'R': 3, 'S': 70, 'T': 34, 'U': 33, 'V': 17, 'W': 5, 'X': 3, 'Y': 3, '[': 3, ']': 3,
	'a': 149, 'b': 60, 'c': 341, 'd': 55, 'e': 189, 'f': 6, 'g': 373, 'h': 491, 'i': 351, 'j': 2, 'k': 86, 'l': 106,
	'm': 172, 'n': 709, 'o': 187, 'p': 123, 'q': 28, 'r': 127, 's': 118, 't': 401, 'u': 193, 'v': 100, 'w': 2, 'x': 17,
	'y': 90, 0x81: 34, 0x83: 59, 0x85: 1, 0x87: 86, 0x89: 5, 0x8b: 31, 0x8d: 15, 0x8f: 13, 0x90: 19, 0x91: 175,
	0x93: 5, 0x95: 11, 0x97: 5, 0x99: 29, 0x9b: 46, 0x9d: 22, 0x9f: 17, 0xa0: 97, 0xa1: 194, 0xa2: 32, 0xa3: 70,
	0xa5: 48, 0xa7: 64, 0xa9: 41, 0xaa: 39, 0xab: 20, 0xac: 30, 0xad: 84, 0xaf: 21, 0xb0: 83, 0xb1: 29, 0xb2: 16,
	0xb3: 39, 0xb4: 53, 0xb5: 3, 0xb7: 16, 0xb9: 29, 0xba: 342, 0xbb: 480, 0xbd: 25, 0xbf: 44, 0xc2: 2, 0xc3: 410,
	0xc4: 176, 0xc5: 9, 0xc6: 117, 0xe1: 813,
}

// anchorPlan is how to find every spelling of one ASCII letter or digit
// in UTF-8 text, and what that costs, in places looked at in 10,000
// bytes of Vietnamese: a pass of IndexByte over a text costs about as
// much as passPlaces places.
type anchorPlan struct {
	finders []finder
	cost    int
}

const passPlaces = 15

// anchorPlans plans each ASCII letter and digit as an anchor. Worked out
// on first use, not at start-up.
var anchorPlans = sync.OnceValue(func() *[128]anchorPlan {
	// The runes other than ASCII whose folding holds each letter.
	var spellings [128][]string
	for r := rune(0xc0); r <= '\u212b'; r++ {
		if !foldsToASCII(r) {
			continue
		}
		f := Fold(string(r))
		for i := 0; i < len(f); i++ {
			if c := f[i]; c < utf8.RuneSelf && (i == 0 || f[i-1] != c) {
				spellings[c] = append(spellings[c], string(r))
			}
		}
	}
	var plans [128]anchorPlan
	for c := range plans {
		p := &plans[c]
		p.cost = passPlaces + int(rawFreq[c])
		if 'a' <= c && c <= 'z' {
			p.cost += passPlaces + int(rawFreq[c-'a'+'A'])
		}
		p.finders, p.cost = cover(spellings[c], p.cost)
	}
	return &plans
})

// cover picks the bytes to look for so that each of the runes is found:
// greedily, the byte that costs the least for each rune it adds, as
// cost adds up. Many runes may share a byte: Ĝ, ĝ, Ğ, ğ, Ġ, ġ, Ģ and ģ
// are all found by their first, 0xC4, in one pass.
func cover(runes []string, cost int) ([]finder, int) {
	var finders []finder
	found := make([]bool, len(runes))
	for left := len(runes); left > 0; {
		var best finder
		bestCost, bestAdds := 0, 0
		for b := 0x80; b <= 0xff; b++ {
			adds := 0
			for i, r := range runes {
				if !found[i] && strings.IndexByte(r, byte(b)) >= 0 {
					adds++
				}
			}
			c := passPlaces + int(rawFreq[b])
			if adds > 0 && (bestAdds == 0 || c*bestAdds < bestCost*adds) {
				best, bestCost, bestAdds = finder{b: byte(b)}, c, adds
			}
		}
		for i, r := range runes {
			for t := 0; t < len(r); t++ {
				if r[t] == best.b {
					best.offs |= 1 << t
					if !found[i] {
						found[i] = true
						left--
					}
				}
			}
		}
		finders = append(finders, best)
		cost += bestCost
	}
	return finders, cost
}

// Match reports whether text, read as UTF-8, holds every word once
// folded, as MatchFolded(AppendFold(nil, text)) would. sure is false
// when that can't be told without folding: a word was not found, and a
// place it may be has a character folded outside fastRun's tables (a
// typographic quote, an emoji, a broken byte next to it), or the places
// to look at were so many that folding would cost less (see find), or
// every word with an anchor was found and the others must be looked for.
func (m RawMatcher) Match(text []byte) (hit, sure bool) {
	sure = !m.partial
	for i := range m.words {
		found, ok := m.words[i].find(text)
		if ok && !found {
			return false, true
		}
		sure = sure && ok
	}
	return sure, sure
}

// find looks for w at each place the anchor may be. Each place, each
// character compared there and each blank or mark passed over costs a
// step, and a text that takes more steps than a quarter of its bytes
// (one made of the anchor, with the word's start repeated, or with long
// runs of marks next to it) is left to folding, whose cost is linear.
func (rw *rawWord) find(text []byte) (found, sure bool) {
	budget := len(text)/4 + 64
	unsure := false
	// The characters next to the anchor, when they are ASCII, are all
	// most places need to be passed over: the folding of each is the
	// byte's own (a blank's a space, which a run of blanks also folds
	// to). lo and hi are their positions from the anchor's, 0 where the
	// word has no character there.
	var lo, hi int
	if rw.k > 0 {
		lo = -1
	}
	if rw.k+1 < len(rw.w) {
		hi = 1
	}
	for _, c := range rw.spell {
		for i := 0; i < len(text); {
			j := bytes.IndexByte(text[i:], c)
			if j < 0 {
				break
			}
			p := i + j
			i = p + 1
			if budget--; budget < 0 {
				return false, false
			}
			if p+lo >= 0 && p+hi < len(text) {
				if b := text[p+lo]; b < utf8.RuneSelf && asciiFold[b] != rw.w[rw.k+lo] {
					continue
				}
				if b := text[p+hi]; b < utf8.RuneSelf && asciiFold[b] != rw.w[rw.k+hi] {
					continue
				}
			}
			found, sure := rw.around(text, p, 1, &budget)
			if found {
				return true, true
			}
			unsure = unsure || !sure
		}
	}
	for _, f := range rw.finders {
		for i := 0; i < len(text); {
			j := bytes.IndexByte(text[i:], f.b)
			if j < 0 {
				break
			}
			q := i + j
			i = q + 1
			if budget--; budget < 0 {
				return false, false
			}
			for offs := f.offs; offs != 0; offs &= offs - 1 {
				// A spelling of the anchor may begin t bytes before q.
				t := bits.TrailingZeros8(offs)
				p := q - t
				if p < 0 || text[p] < 0xc2 {
					continue // f.b is not byte t of a rune here
				}
				m, n := nextRune(text, p)
				if n == 0 {
					// Folded outside the tables: unsure if it may be
					// one of the anchor's spellings (ß for s).
					if r, size := utf8.DecodeRune(text[p:]); size > t && foldsToASCII(r) {
						if holds, known := foldHolds(r, rw.w[rw.k]); holds || !known {
							unsure = true
						}
					}
					continue
				}
				if n <= t || m != rw.w[rw.k] {
					continue
				}
				found, sure := rw.around(text, p, n, &budget)
				if found {
					return true, true
				}
				unsure = unsure || !sure
			}
		}
	}
	return false, !unsure
}

// foldHolds reports whether the folding of r, a rune foldsToASCII
// admits, holds c, from the table folding takes it from (latin); known
// is false when the table can't tell.
func foldHolds(r rune, c byte) (holds, known bool) {
	switch {
	case r == '\u212a': // the Kelvin sign, K
		return c == 'k', true
	case r == '\u212b': // the Ångström sign, Å
		return c == 'a', true
	case r >= 0xc0 && r < 0x1f00 && latin[r-0xc0] != "":
		return strings.IndexByte(latin[r-0xc0], c) >= 0, true
	}
	return false, false
}

// foldsToASCII reports whether r, not ASCII, may fold to something
// holding an ASCII letter or digit: only the Latin letters from U+00C0
// to U+024F and U+1E00 to U+1EFF, and the Kelvin and Ångström signs,
// do (TestRawVariantsComplete folds every rune to check).
func foldsToASCII(r rune) bool {
	return 0xc0 <= r && r < 0x250 || 0x1e00 <= r && r < 0x1f00 || r == '\u212a' || r == '\u212b'
}

// around reports whether the folding of text holds w with its anchor
// folded from the n bytes at p: it folds backwards from p and forwards
// from p+n a character at a time, comparing as it goes.
func (rw *rawWord) around(text []byte, p, n int, budget *int) (found, sure bool) {
	w := rw.w
	pos := p
	for j := rw.k - 1; j >= 0; j-- {
		if *budget--; *budget < 0 {
			return false, false
		}
		size := droppedBefore(text, pos, budget)
		if size < 0 {
			return false, false
		}
		pos -= size
		if pos == 0 {
			return false, true // the text starts before w could
		}
		m, size := prevRune(text, pos)
		switch {
		case size == 0:
			return false, false
		case m != w[j]:
			return false, true
		case m == ' ':
			// A run of blanks (and marks among them) folds to one
			// space, and to none at the start of the text.
			for pos -= size; ; pos -= size {
				if pos == 0 {
					return false, true
				}
				if *budget--; *budget < 0 {
					return false, false
				}
				if m, size = prevRune(text, pos); size == 0 {
					return false, false
				}
				if m != ' ' && m != dropped {
					break
				}
			}
		default:
			pos -= size
		}
	}
	pos = p + n
	for j := rw.k + 1; j < len(w); j++ {
		if *budget--; *budget < 0 {
			return false, false
		}
		var m byte
		var size int
		for {
			if pos == len(text) {
				return false, true
			}
			if m, size = nextRune(text, pos); size == 0 {
				return false, false
			}
			if m != dropped {
				break
			}
			if *budget--; *budget < 0 {
				return false, false
			}
			pos += size
		}
		if m != w[j] {
			return false, true
		}
		pos += size
		if m == ' ' {
			for {
				if pos == len(text) {
					return false, true // trailing blanks fold to nothing
				}
				if m, size = nextRune(text, pos); size == 0 {
					return false, false
				}
				if m != ' ' && m != dropped {
					break
				}
				if *budget--; *budget < 0 {
					return false, false
				}
				pos += size
			}
		}
	}
	return true, true
}

// droppedBefore returns how many bytes of marks that fold to nothing
// end at pos, or -1 when a rune before pos is not in the tables or the
// budget runs out: each mark is a step.
func droppedBefore(text []byte, pos int, budget *int) int {
	start := pos
	for pos > 0 {
		m, size := prevRune(text, pos)
		if size == 0 {
			return -1
		}
		if m != dropped {
			break
		}
		if *budget--; *budget < 0 {
			return -1
		}
		pos -= size
	}
	return start - pos
}

// nextRune folds the rune at pos as fastRun does: the byte it folds to
// (dropped for a mark, ' ' for a blank) and its length, or a length of
// 0 when fastRun would leave it to the general path.
func nextRune(s []byte, pos int) (m byte, n int) {
	c := s[pos]
	switch {
	case c < utf8.RuneSelf:
		return asciiFold[c], 1
	case c >= 0xc2 && c < 0xe0 && pos+1 < len(s) && s[pos+1]&0xc0 == 0x80:
		if m = fast2[int(c&0x1f)<<6|int(s[pos+1]&0x3f)]; m != 0 {
			return m, 2
		}
	case c == 0xe1 && pos+2 < len(s) && s[pos+1]&0xfc == 0xb8 && s[pos+2]&0xc0 == 0x80:
		if m = fast3[int(s[pos+1]&0x03)<<6|int(s[pos+2]&0x3f)]; m != 0 {
			return m, 3
		}
	}
	return 0, 0
}

// prevRune is nextRune for the rune that ends at pos. A byte from 0xC2
// up is always the first of a rune, so reading backwards to one finds
// the rune that reading forwards does.
func prevRune(s []byte, pos int) (m byte, n int) {
	c := s[pos-1]
	switch {
	case c < utf8.RuneSelf:
		return asciiFold[c], 1
	case c&0xc0 != 0x80:
		return 0, 0
	case pos >= 2 && s[pos-2] >= 0xc2 && s[pos-2] < 0xe0:
		return nextRune(s, pos-2)
	case pos >= 3 && s[pos-3] == 0xe1:
		if m, n = nextRune(s, pos-3); n == 3 {
			return m, 3
		}
	}
	return 0, 0
}
