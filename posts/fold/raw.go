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
// spellings and, at each, folds outwards only as far as the word
// reaches, one character at a time, stopping at the first that differs.
// Most of a Vietnamese body is then never folded.
//
// The spellings of the anchor are found one of two ways, whichever costs
// less for the word (planWord). With pairs (planPair), in one pass of a
// pairSet: the anchor in ASCII, either case, next to its neighbour in
// the word spelled in ASCII or next to any byte beyond ASCII, and its
// spellings beyond ASCII by two of their bytes. Or with passes of
// bytes.IndexByte: for the ASCII byte, in either case, and, for a
// character other than ASCII that folds to it (đ for d, ḿ for m), for
// one of its bytes, chosen so that few passes find few places in
// Vietnamese text (see cover): often its first (0xC4 for đ and for the
// eight accented g's) or its second (0xB8 for ḿ). A word with neither
// (a single letter as common as n or a vowel) is left to folding.
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
	// pairs, when set, is looked for instead of spell and finders: the
	// anchor in ASCII next to a byte its neighbour in w may end or begin
	// with, and two of the bytes of each other spelling: both of a rune
	// of two, the last two of a rune of three (planPair).
	// side is where the ASCII anchor is in such a pair: 0 first, 1 second.
	pairs *pairSet
	side  int
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
		if isAlnum(c) && (k < 0 || plans[c].cost < plans[w[k]].cost) {
			k = i
		}
	}
	// The passes of IndexByte for the cheapest anchor, or one pass for
	// pairs, whichever costs less, if either costs less than folding.
	cost := maxAnchorCost + 1
	if k >= 0 {
		cost = plans[w[k]].cost
	}
	if rw, pc, ok := planPair(w); ok && pc < cost && pc <= maxAnchorCost {
		return rw, true
	}
	if cost > maxAnchorCost {
		return rawWord{}, false
	}
	c := w[k]
	rw := rawWord{w: w, k: k, spell: []byte{c}, finders: plans[c].finders}
	if 'a' <= c && c <= 'z' {
		rw.spell = append(rw.spell, c-'a'+'A')
	}
	return rw, true
}

// isAlnum reports whether c is a folded letter or a digit.
func isAlnum(c byte) bool { return 'a' <= c && c <= 'z' || '0' <= c && c <= '9' }

// planPair picks w's anchor and the neighbour in w that it is looked
// for with, in one pass for a pairSet: the anchor in ASCII, either case,
// with the byte next to it on the neighbour's side either the
// neighbour in ASCII or a byte beyond ASCII (which any other spelling of
// the neighbour, and a mark between the two, begins or ends with); or
// two of the bytes of a spelling of the anchor beyond ASCII (both of a
// rune of two, the last two of a rune of three: spellGroups). Of the
// letters and digits of w with a letter or a digit beside them, the one
// whose pairs are the fewest in Vietnamese text (pairCost) is chosen.
// A word with none (one letter, or letters between blanks) is left to
// IndexByte or to folding. cost is that of anchorPlan: the pairs, and
// the pass.
func planPair(w string) (_ rawWord, cost int, ok bool) {
	k, side, best := -1, 0, 0
	for i := 0; i < len(w); i++ {
		if !isAlnum(w[i]) {
			continue
		}
		for sd, nb := range [2]int{i + 1, i - 1} {
			if nb < 0 || nb >= len(w) || !isAlnum(w[nb]) {
				continue
			}
			if cost := pairCost(w[i], w[nb], sd); k < 0 || cost < best {
				k, side, best = i, sd, cost
			}
		}
	}
	if k < 0 {
		return rawWord{}, 0, false
	}
	pass := pairPassGo
	if haveSIMD {
		pass = pairPassSIMD
	}
	return rawWord{w: w, k: k, pairs: anchorPairs(w[k], w[k+1-2*side], side), side: side}, pass + best, true
}

// pairPassSIMD and pairPassGo are what a pass for pairs costs, in the
// places of anchorPlan (where a pass of IndexByte costs passPlaces): on
// the Vietnamese bodies of BenchmarkRawMatcher, words whose pairs are
// in none of them ("quyx", and "2031" when it was still looked for by
// pairs) took about 0.1 ns a byte in SIMD and 0.35 in Go, and "2031" by
// passes of IndexByte for its 3, 0.03.
const (
	pairPassSIMD = 50
	pairPassGo   = 180
)

// pairCost is about how many places per 10,000 bytes of Vietnamese a
// pairSet for anchor c with neighbour nb finds: c in ASCII next to nb in
// ASCII, or next to a byte beyond ASCII, and c spelled beyond ASCII.
func pairCost(c, nb byte, side int) int {
	spelled := spellGroups()[c].cost
	if side == 0 {
		return int(nextHigh[c]) + int(asciiPairFreq[string([]byte{c, nb})]) + spelled
	}
	return int(prevHigh[c]) + int(asciiPairFreq[string([]byte{nb, c})]) + spelled
}

// asciiCases is c and, for a letter, its capital.
func asciiCases(c byte) byteSet {
	var s byteSet
	s.add(c)
	if 'a' <= c && c <= 'z' {
		s.add(c - 'a' + 'A')
	}
	return s
}

// anchorPairs builds the pairSet of planPair for anchor c and neighbour
// nb on side side.
func anchorPairs(c, nb byte, side int) *pairSet {
	ps := new(pairSet)
	var high byteSet
	high.addRange(utf8.RuneSelf, 0xff)
	anchor, near := asciiCases(c), asciiCases(nb)
	if side == 0 {
		ps.add(anchor, near)
		ps.add(anchor, high)
	} else {
		ps.add(near, anchor)
		ps.add(high, anchor)
	}
	for _, g := range spellGroups()[c].groups {
		ps.add(g.first, g.second)
	}
	return ps
}

// spelling is a group of a pairSet for the spellings of a letter beyond
// ASCII.
type spelling struct {
	first, second byteSet
}

// drawn is the set s is drawn as in the tables of a pairSet: every byte
// whose low half is that of a byte of s and whose high half is that of
// one, given as the two halves' masks.
type drawn struct{ lo, hi uint16 }

func drawSet(s byteSet) drawn {
	var d drawn
	for b := range 256 {
		if s.has(byte(b)) {
			d.lo |= 1 << (b & 15)
			d.hi |= 1 << (b >> 4)
		}
	}
	return d
}

func (d drawn) has(b byte) bool { return d.lo&(1<<(b&15)) != 0 && d.hi&(1<<(b>>4)) != 0 }
func (d drawn) count() int      { return bits.OnesCount16(d.lo) * bits.OnesCount16(d.hi) }

// cost is how many places of Vietnamese text (highFreq, as a list) per
// 10,000 bytes the group finds as the tables draw it, and, in a second
// figure that only breaks ties, how many pairs of bytes it holds.
func (g spelling) cost(freq []pairCount) (places, pairs int) {
	first, second := drawSet(g.first), drawSet(g.second)
	for _, f := range freq {
		if first.has(f.a) && second.has(f.b) {
			places += int(f.n)
		}
	}
	return places, first.count() * second.count()
}

// pairCount is a pair of bytes and how many times it occurs.
type pairCount struct {
	a, b byte
	n    uint16
}

func (g spelling) union(h spelling) spelling {
	for i := range g.first {
		g.first[i] |= h.first[i]
		g.second[i] |= h.second[i]
	}
	return g
}

// spellPlan is the groups of a pairSet for the spellings of a letter
// beyond ASCII, and how many places in 10,000 bytes of Vietnamese they
// find.
type spellPlan struct {
	groups []spelling
	cost   int
}

// spellGroups plans, for each letter and digit, the groups of its
// spellings beyond ASCII, as many as a pairSet has left beside the two of
// the letter in ASCII. A rune of two bytes is looked for by both; one of
// three (U+1E00 to U+1EFF, where Vietnamese keeps its letters with two
// marks, and the Kelvin and Ångström signs) by its last two, since its
// first is one of two (0xE1 for the letters, 0xE2 for the signs) that
// say nothing of the letter (find looks a byte back). The
// runes are grouped by those two bytes' first and the high half of their
// second, so that each group is what it holds, and then, while there are
// too many, the two groups whose union finds the fewest more places are
// merged. Worked out on first use.
var spellGroups = sync.OnceValue(func() *[128]spellPlan {
	var freq []pairCount
	for ab, n := range highFreq {
		freq = append(freq, pairCount{ab[0], ab[1], n})
	}
	var plans [128]spellPlan
	for c, runes := range spellings() {
		var groups []spelling
		at := map[[2]byte]int{}
		for _, r := range runes {
			t := len(r) - 2 // 0 or 1
			key := [2]byte{r[t], r[t+1] >> 4}
			i, ok := at[key]
			if !ok {
				i = len(groups)
				at[key] = i
				groups = append(groups, spelling{})
			}
			groups[i].first.add(r[t])
			groups[i].second.add(r[t+1])
		}
		type cost struct{ places, pairs int }
		costs := make([]cost, len(groups))
		for i, g := range groups {
			costs[i].places, costs[i].pairs = g.cost(freq)
		}
		for len(groups) > maxGroups-2 {
			bi, bj := 0, 1
			var best, merged cost
			for i := range groups {
				for j := i + 1; j < len(groups); j++ {
					var u cost
					u.places, u.pairs = groups[i].union(groups[j]).cost(freq)
					more := cost{u.places - costs[i].places - costs[j].places, u.pairs - costs[i].pairs - costs[j].pairs}
					if i == 0 && j == 1 || more.places < best.places || more.places == best.places && more.pairs < best.pairs {
						bi, bj, best, merged = i, j, more, u
					}
				}
			}
			groups[bi], costs[bi] = groups[bi].union(groups[bj]), merged
			groups = append(groups[:bj], groups[bj+1:]...)
			costs = append(costs[:bj], costs[bj+1:]...)
		}
		plans[c].groups = groups
		for _, k := range costs {
			plans[c].cost += k.places
		}
	}
	return &plans
})

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

// nextHigh and prevHigh are, per 10,000 bytes of Vietnamese body text
// and counted as rawFreq is, how many times an ASCII byte that folds to
// each letter is followed by a byte beyond ASCII, and how many times one
// is preceded by such a byte. asciiPairFreq is how many times two ASCII
// bytes in a row fold to each pair of letters and digits, for the pairs
// seen 5 times or more. highFreq is how many times each pair of bytes
// occurs whose first is the first byte of a rune of two (0xC2 to 0xC9,
// Latin letters) or the second of a rune of three (0xB8 to 0xBB, and
// 0x84, for U+1E00 to U+1EFF and the Kelvin and Ångström signs), and
// whose second continues it, for the pairs seen once or more. Like
// rawFreq, they only rank anchors (pairCost) and order merges
// (spellGroups).
var (
	nextHigh = [128]uint16{
		'b': 52, 'c': 141, 'd': 28, 'g': 45, 'h': 247, 'i': 161, 'k': 28, 'l': 55, 'm': 81, 'n': 43, 'o': 23,
		'r': 58, 's': 53, 't': 96, 'u': 44, 'v': 77, 'x': 5, 'y': 11,
	}
	prevHigh = [128]uint16{
		'a': 41, 'c': 99, 'i': 146, 'm': 70, 'n': 427, 'o': 35, 'p': 41, 't': 103, 'u': 91, 'y': 25,
	}
	highFreq = map[[2]byte]uint16{
		{0xba, 0xa1}: 85, {0xba, 0xa2}: 2, {0xba, 0xa3}: 46, {0xba, 0xa5}: 31, {0xba, 0xa7}: 35, {0xba, 0xa9}: 7,
		{0xba, 0xab}: 6, {0xba, 0xad}: 42, {0xba, 0xaf}: 14, {0xba, 0xb1}: 19, {0xba, 0xb3}: 1, {0xba, 0xb5}: 2,
		{0xba, 0xb7}: 8, {0xba, 0xbb}: 5, {0xba, 0xbd}: 8, {0xba, 0xbf}: 43, {0xbb, 0x81}: 29, {0xbb, 0x83}: 44,
		{0xbb, 0x85}: 1, {0xbb, 0x87}: 85, {0xbb, 0x89}: 5, {0xbb, 0x8b}: 30, {0xbb, 0x8d}: 15, {0xbb, 0x8f}: 13,
		{0xbb, 0x91}: 46, {0xbb, 0x93}: 5, {0xbb, 0x95}: 11, {0xbb, 0x97}: 5, {0xbb, 0x99}: 28, {0xbb, 0x9b}: 45,
		{0xbb, 0x9d}: 22, {0xbb, 0x9f}: 17, {0xbb, 0xa1}: 3, {0xbb, 0xa3}: 24, {0xbb, 0xa5}: 17, {0xbb, 0xa7}: 27,
		{0xbb, 0xa9}: 24, {0xbb, 0xab}: 15, {0xbb, 0xad}: 14, {0xbb, 0xaf}: 15, {0xbb, 0xb1}: 12, {0xbb, 0xb3}: 8,
		{0xbb, 0xb7}: 14, {0xbb, 0xb9}: 12, {0xc2, 0xa0}: 2, {0xc3, 0x81}: 4, {0xc3, 0xa0}: 93, {0xc3, 0xa1}: 81,
		{0xc3, 0xa2}: 30, {0xc3, 0xa3}: 8, {0xc3, 0xa9}: 2, {0xc3, 0xaa}: 38, {0xc3, 0xac}: 30, {0xc3, 0xad}: 30,
		{0xc3, 0xb2}: 16, {0xc3, 0xb3}: 38, {0xc3, 0xb4}: 52, {0xc3, 0xb5}: 3, {0xc3, 0xb9}: 17, {0xc3, 0xba}: 6,
		{0xc3, 0xbd}: 18, {0xc4, 0x83}: 28, {0xc4, 0x90}: 19, {0xc4, 0x91}: 126, {0xc4, 0xa9}: 2, {0xc5, 0xa9}: 9,
		{0xc6, 0xa1}: 35, {0xc6, 0xb0}: 80,
	}

	asciiPairFreq = map[string]uint16{
		"00": 30, "02": 8, "10": 11, "20": 8, "50": 5, "ai": 39, "al": 14, "am": 12, "an": 45, "ao": 11,
		"ay": 15, "bi": 10, "bo": 7, "ca": 8, "ch": 103, "co": 6, "cu": 6, "de": 39, "di": 9, "do": 11,
		"ec": 8, "ee": 73, "ek": 36, "em": 9, "en": 7, "eo": 16, "ep": 36, "er": 8, "es": 6, "et": 5,
		"fl": 5, "ga": 8, "gh": 38, "gi": 28, "go": 6, "gp": 8, "ha": 14, "he": 13, "hi": 82, "ho": 42,
		"ht": 5, "hu": 18, "ia": 24, "id": 8, "ie": 5, "ig": 5, "in": 24, "ip": 6, "is": 9, "it": 5,
		"kh": 32, "ki": 8, "la": 6, "le": 9, "li": 12, "lo": 8, "lu": 15, "ly": 14, "mi": 9, "mo": 5,
		"mu": 5, "na": 12, "ne": 8, "ng": 320, "nh": 138, "nv": 5, "oa": 9, "ob": 7, "on": 27, "or": 7,
		"ot": 10, "ph": 47, "ps": 39, "pu": 8, "qu": 29, "ra": 12, "ri": 27, "ro": 27, "ru": 9, "sa": 8,
		"sd": 30, "se": 46, "si": 12, "so": 9, "st": 7, "su": 11, "te": 11, "th": 76, "ti": 21, "to": 9,
		"tp": 5, "tr": 88, "tu": 11, "ty": 17, "ua": 15, "un": 11, "us": 32, "uy": 24, "vi": 20, "vn": 5,
		"xa": 6, "xe": 8, "ye": 5, "ys": 9,
	}
)

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
	spellings := spellings()
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

// spellings lists, for each ASCII letter and digit, the runes other than
// ASCII whose folding holds it, in UTF-8. Worked out on first use.
var spellings = sync.OnceValue(func() *[128][]string {
	var sp [128][]string
	for r := rune(0xc0); r <= '\u212b'; r++ {
		if !foldsToASCII(r) {
			continue
		}
		f := Fold(string(r))
		for i := 0; i < len(f); i++ {
			if c := f[i]; c < utf8.RuneSelf && (i == 0 || f[i-1] != c) {
				sp[c] = append(sp[c], string(r))
			}
		}
	}
	return &sp
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
// step, and a text that takes more steps than an eighth of its bytes
// (one made of the anchor, with the word's start repeated, or with long
// runs of marks next to it) is left to folding, whose cost is linear.
// A step costs about 5 to 10 ns, so such a text costs at most about 1 ns
// a byte before it is folded. Vietnamese bodies take far fewer: on
// generated ones, words of vowels only ("aoa", "oeo") stayed within a
// sixteenth.
func (rw *rawWord) find(text []byte) (found, sure bool) {
	s := rawSearch{rw: rw, text: text, budget: len(text)/8 + 64}
	// The characters next to the anchor, when they are ASCII, are all
	// most places need to be passed over: the folding of each is the
	// byte's own (a blank's a space, which a run of blanks also folds
	// to). lo and hi are their positions from the anchor's, 0 where the
	// word has no character there.
	if rw.k > 0 {
		s.lo = -1
	}
	if rw.k+1 < len(rw.w) {
		s.hi = 1
	}
	var spent bool
	switch {
	case rw.pairs != nil:
		w := rw.pairs.places(text)
		found, spent = s.each(w.next, func(p int) bool {
			// The anchor in ASCII, first or second in the pair, or
			// spelled beyond ASCII from p, or from the byte before p
			// when it has three bytes.
			a := p + rw.side
			return text[a] < utf8.RuneSelf && asciiFold[text[a]] == rw.w[rw.k] && s.atASCII(a) ||
				s.atRune(p, 0) || s.atRune(p-1, 1)
		})
	default:
		for _, c := range rw.spell {
			if found, spent = s.each(indexByteWalk(text, c), s.atASCII); found || spent {
				break
			}
		}
		for _, f := range rw.finders {
			if found || spent {
				break
			}
			found, spent = s.each(indexByteWalk(text, f.b), func(q int) bool {
				for offs := f.offs; offs != 0; offs &= offs - 1 {
					// A spelling of the anchor may begin t bytes
					// before q.
					t := bits.TrailingZeros8(offs)
					if s.atRune(q-t, t) {
						return true
					}
				}
				return false
			})
		}
	}
	return found, found || !spent && !s.unsure
}

// each calls at with each place next hands out, until at reports the
// word found there, or the budget is spent.
func (s *rawSearch) each(next func() int, at func(int) bool) (found, spent bool) {
	for p := next(); p >= 0; p = next() {
		if s.budget--; s.budget < 0 {
			return false, true
		}
		if at(p) {
			return true, false
		}
	}
	return false, false
}

// indexByteWalk hands out the places of c in text, in order, with
// bytes.IndexByte; -1 when there are no more.
func indexByteWalk(text []byte, c byte) func() int {
	i := 0
	return func() int {
		j := bytes.IndexByte(text[i:], c)
		if j < 0 {
			i = len(text)
			return -1
		}
		i += j + 1
		return i - 1
	}
}

// rawSearch is one text searched for one rawWord: the steps left, where
// the quick test of atASCII looks, and whether a place could not be told.
type rawSearch struct {
	rw     *rawWord
	text   []byte
	budget int
	lo, hi int
	unsure bool
}

// atASCII reports whether w is in the text with its anchor the ASCII
// byte at p.
func (s *rawSearch) atASCII(p int) bool {
	text, rw := s.text, s.rw
	if p+s.lo >= 0 && p+s.hi < len(text) {
		if b := text[p+s.lo]; b < utf8.RuneSelf && asciiFold[b] != rw.w[rw.k+s.lo] {
			return false
		}
		if b := text[p+s.hi]; b < utf8.RuneSelf && asciiFold[b] != rw.w[rw.k+s.hi] {
			return false
		}
	}
	found, sure := rw.around(text, p, 1, &s.budget)
	s.unsure = s.unsure || !sure
	return found
}

// atRune reports whether w is in the text with its anchor spelled by
// the rune at p, if one begins there that holds more than t bytes.
func (s *rawSearch) atRune(p, t int) bool {
	text, rw := s.text, s.rw
	if p < 0 || text[p] < 0xc2 {
		return false // the byte found is not byte t of a rune here
	}
	m, n := nextRune(text, p)
	if n == 0 {
		// Folded outside the tables: unsure if it may be one of the
		// anchor's spellings (ß for s).
		if r, size := utf8.DecodeRune(text[p:]); size > t && foldsToASCII(r) {
			if holds, known := foldHolds(r, rw.w[rw.k]); holds || !known {
				s.unsure = true
			}
		}
		return false
	}
	if n <= t || m != rw.w[rw.k] {
		return false
	}
	found, sure := rw.around(text, p, n, &s.budget)
	s.unsure = s.unsure || !sure
	return found
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
