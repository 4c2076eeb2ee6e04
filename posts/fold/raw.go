package fold

import (
	"bytes"
	"strings"
	"sync"
	"unicode/utf8"
)

// RawMatcher decides MatchFolded(AppendFold(nil, text)) for UTF-8 text
// without folding the text, for queries where each word holds a letter
// that is cheap to find unfolded: an anchor. Folding is a byte loop over
// the whole text; a RawMatcher looks for the anchor's few spellings
// with bytes.IndexByte and, at each, folds outwards only as far as the
// word reaches, one character at a time, stopping at the first that
// differs. Most of a Vietnamese body is then never folded at all.
//
// The anchor of a word is a digit, or a letter whose accented forms are
// all encoded with a second byte that Vietnamese text seldom holds (m, b,
// p, v, f, q); see anchorable. Every character that folds to the anchor
// is found by its ASCII byte, in either case, or by that second byte.
type RawMatcher struct {
	words []rawWord
}

// rawWord is one folded word and its anchor, at w[k].
type rawWord struct {
	w      string
	k      int
	spell  []byte // the ASCII bytes that fold to w[k]
	second []byte // the second bytes of the other runes that fold to it
}

// RawMatcher returns the matcher of q's words, or false when a word has
// no anchor (or q has no words), and the text must be folded.
func (q Query) RawMatcher() (RawMatcher, bool) {
	if len(q.Words) == 0 {
		return RawMatcher{}, false
	}
	m := RawMatcher{words: make([]rawWord, 0, len(q.Words))}
	for _, w := range q.Words {
		rw, ok := planWord(w)
		if !ok {
			return RawMatcher{}, false
		}
		m.words = append(m.words, rw)
	}
	return m, true
}

// planWord picks w's anchor: the rarest anchorable character of w. w is
// folded, so it has no capitals and its spaces are single, inside it.
func planWord(w string) (rawWord, bool) {
	if w == "" || !isASCII(w) || w[0] == ' ' || w[len(w)-1] == ' ' || strings.Contains(w, "  ") {
		return rawWord{}, false
	}
	k := -1
	for i := 0; i < len(w); i++ {
		if anchorable(w[i]) && (k < 0 || foldedRarity[w[i]] > foldedRarity[w[k]]) {
			k = i
		}
	}
	if k < 0 {
		return rawWord{}, false
	}
	c := w[k]
	rw := rawWord{w: w, k: k, spell: []byte{c}, second: variants()[c]}
	if 'a' <= c && c <= 'z' {
		rw.spell = append(rw.spell, c-'a'+'A')
	}
	return rw, true
}

// rareSecond are the bytes a RawMatcher may look for as the second byte
// of an anchor's accented forms. In generated Vietnamese posts they are
// 0.00 (0xB8), 0.16 (0xB5) and 2.2 (0xB9) bytes in 1,000, against 18 for
// the letter m; 0xBA and 0xBB, the second bytes of most Vietnamese
// letters, are 25 and 36.
var rareSecond = [256]bool{0xb5: true, 0xb8: true, 0xb9: true}

// anchorable reports whether c, a folded ASCII byte, can anchor a word:
// a digit or letter whose other spellings all have a rare second byte.
func anchorable(c byte) bool {
	if !('a' <= c && c <= 'z' || '0' <= c && c <= '9') {
		return false
	}
	for _, b := range variants()[c] {
		if !rareSecond[b] {
			return false
		}
	}
	return true
}

// variants lists, for each ASCII letter and digit, the second bytes of
// the UTF-8 of the runes other than ASCII whose folding holds it. Those
// runes are those foldsToASCII admits. Worked out on first use, not at
// start-up.
var variants = sync.OnceValue(func() *[128][]byte {
	var v [128][]byte
	add := func(r rune) {
		f := Fold(string(r))
		var buf [utf8.UTFMax]byte
		utf8.EncodeRune(buf[:], r)
		for i := 0; i < len(f); i++ {
			if c := f[i]; c < utf8.RuneSelf && bytes.IndexByte(v[c], buf[1]) < 0 {
				v[c] = append(v[c], buf[1])
			}
		}
	}
	for r := rune(0xc0); r <= '\u212b'; r++ {
		if foldsToASCII(r) {
			add(r)
		}
	}
	return &v
})

// Match reports whether text, read as UTF-8, holds every word once
// folded, as MatchFolded(AppendFold(nil, text)) would. sure is false
// when that can't be told without folding: a word was not found, and a
// place it may be has a character folded outside fastRun's tables (a
// typographic quote, an emoji, a broken byte next to it), or the places
// to look at were so many that folding would cost less (see find).
func (m RawMatcher) Match(text []byte) (hit, sure bool) {
	sure = true
	for i := range m.words {
		found, ok := m.words[i].find(text)
		if ok && !found {
			return false, true
		}
		sure = sure && ok
	}
	return sure, sure
}

// find looks for w at each place the anchor may be. Each place and each
// character compared there costs a step, and a text that takes more
// steps than a quarter of its bytes (one made of the anchor, with the
// word's start repeated) is left to folding, whose cost is linear.
func (rw *rawWord) find(text []byte) (found, sure bool) {
	budget := len(text)/4 + 64
	unsure := false
	// The character next to the anchor, when it is ASCII, is all most
	// places need to be passed over: its folding is the byte's own (a
	// blank's a space, which a run of blanks also folds to).
	at := -1 // the character before the anchor, or after it at the start
	if rw.k == 0 {
		at = 1
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
			if len(rw.w) > 1 && p+at >= 0 && p+at < len(text) {
				if b := text[p+at]; b < utf8.RuneSelf && asciiFold[b] != rw.w[rw.k+at] {
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
	for _, c := range rw.second {
		for i := 1; i < len(text); {
			j := bytes.IndexByte(text[i:], c)
			if j < 0 {
				break
			}
			q := i + j // the rune, if any, starts at q-1
			i = q + 1
			if budget--; budget < 0 {
				return false, false
			}
			if text[q-1] < 0xc2 {
				continue // ASCII or a continuation: c is not a second byte here
			}
			m, n := nextRune(text, q-1)
			if n == 0 {
				// Folded outside the tables: unsure only if it may be
				// one of the anchor's spellings, which for today's
				// anchors none is.
				if r, _ := utf8.DecodeRune(text[q-1:]); foldsToASCII(r) && strings.IndexByte(Fold(string(r)), rw.w[rw.k]) >= 0 {
					unsure = true
				}
				continue
			}
			if m != rw.w[rw.k] {
				continue
			}
			found, sure := rw.around(text, q-1, n, &budget)
			if found {
				return true, true
			}
			unsure = unsure || !sure
		}
	}
	return false, !unsure
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
		size := droppedBefore(text, pos)
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
				pos += size
			}
		}
	}
	return true, true
}

// droppedBefore returns how many bytes of marks that fold to nothing
// end at pos, or -1 when a rune before pos is not in the tables.
func droppedBefore(text []byte, pos int) int {
	start := pos
	for pos > 0 {
		m, size := prevRune(text, pos)
		if size == 0 {
			return -1
		}
		if m != dropped {
			break
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
