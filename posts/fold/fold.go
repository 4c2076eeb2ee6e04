// Package fold is the matching core of search-as-you-type: it folds text so
// that "da nang", "DA NANG" and "Đà Nẵng" compare equal, parses what the
// reader types into a Query, and maps matches back onto the accented text
// for highlighting.
//
// Readers often type Vietnamese without its accents, so every comparison is
// made between folded strings: lower-case, no diacritics, đ as d, single
// spaces. Fold is cheap on ASCII and allocation-free on text that is already
// folded, because the UI folds the query on every keystroke and the
// library folds one Key per post.
package fold

import (
	"encoding/binary"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"golang.org/x/text/unicode/norm"
)

// Sep separates the fields of a Key. Fold turns every control character
// into a space, so Sep never appears inside a folded field and a query word
// can't match across two fields.
const Sep = "\x00"

// Fold returns s lower-cased, without diacritics, and with every run of
// whitespace or control characters collapsed to one space (none at either
// end).
//
// Text is decomposed with NFD and its non-spacing and enclosing marks are
// dropped, so NFC and NFD spellings of the same text fold the same. Letters
// that carry their mark inside them and so don't decompose (đ, ø, ł, æ, ß
// and a few others) are mapped to their plain Latin spelling. Invisible
// format characters (zero-width joiners, soft hyphens, bidi marks) are
// dropped. Invalid UTF-8 becomes U+FFFD. Fold is idempotent.
func Fold(s string) string {
	if f, ok := foldASCII(s); ok {
		return f
	}
	f := folder{b: make([]byte, 0, len(s)+1)} // +1: see fastRun
	f.run(s)
	return f.string()
}

// AppendFold appends the folding of src, as Fold folds it, to dst and
// returns the extended buffer. A caller that folds many texts, such as
// a search through the bodies of a folder, reuses one buffer for all of
// them instead of allocating a string for each. valid reports whether
// src was valid UTF-8, which the folding finds out on its way, so that
// a caller need not check first for text in a legacy encoding.
func AppendFold(dst, src []byte) (folded []byte, valid bool) {
	f := folder{b: dst}
	// src is only read, and nothing keeps a piece of it after the call.
	f.run(unsafe.String(unsafe.SliceData(src), len(src)))
	return f.b, !f.invalid
}

// FoldMap is Fold that also reports, for each byte of folded, the byte
// offset in s of the text it came from: len(offsets) == len(folded), and
// offsets never decrease. A letter and the marks dropped after it share
// the letter's offset, so a match can be mapped back onto s whole (see
// Highlight).
func FoldMap(s string) (folded string, offsets []int) {
	f := folder{b: make([]byte, 0, len(s)), offs: make([]int, 0, len(s))}
	f.fold(s)
	return f.string(), f.offs
}

// Key builds the search key of one post from its fields (title, topic,
// categories...): each is folded and they are joined with Sep.
func Key(fields ...string) string {
	n := 0
	for _, s := range fields {
		n += len(s) + 1
	}
	f := folder{b: make([]byte, 0, n)}
	for i, s := range fields {
		if i > 0 {
			f.b = append(f.b, Sep...)
		}
		f.pending, f.started = 0, false // each field is trimmed on its own
		f.fold(s)
	}
	return f.string()
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// foldASCII folds s if it is all ASCII. It returns s itself when s is
// already folded, which is the common case for a query being typed.
func foldASCII(s string) (string, bool) {
	clean := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= utf8.RuneSelf:
			return "", false
		case 'A' <= c && c <= 'Z', c < ' ', c == 0x7f:
			clean = false
		case c == ' ' && (i == 0 || i == len(s)-1 || s[i+1] == ' '):
			clean = false
		}
	}
	if clean {
		return s, true
	}
	f := folder{b: make([]byte, 0, len(s)+1)} // +1: see fastRun
	f.fastRun(s, 0)
	return f.string(), true
}

// folder accumulates folded text. A run of spaces is remembered in
// pending rather than written, so that it can be collapsed to one and
// dropped at the end of the text.
type folder struct {
	b    []byte
	offs []int // nil unless offsets were asked for
	// pending is 1 + the offset of the first space of a run not yet
	// written, or 0 when there is none.
	pending int
	// started is set once something other than a space was written, so
	// that leading spaces are dropped.
	started bool
	// invalid is set when s was not valid UTF-8 (see AppendFold).
	invalid bool
}

// string returns the folded text without copying it, as strings.Builder
// does: f.b is never written again once its string is taken.
func (f *folder) string() string {
	return unsafe.String(unsafe.SliceData(f.b), len(f.b))
}

// fold appends the folding of s.
func (f *folder) fold(s string) {
	f.run(s)
}

// asciiFold is what each ASCII byte folds to: itself, its lower case, or
// a space for whitespace and control characters.
var asciiFold = func() (t [utf8.RuneSelf]byte) {
	for c := range t {
		switch {
		case c <= ' ' || c == 0x7f:
			t[c] = ' '
		case 'A' <= c && c <= 'Z':
			t[c] = byte(c) + 'a' - 'A'
		default:
			t[c] = byte(c)
		}
	}
	return t
}()

// fastRun folds s from i on, for as long as it meets ASCII or a letter or
// mark that folds to one ASCII byte or to nothing (fast2, fast3), and
// returns where it stopped: at the end of s, or at a rune the general
// path must fold. That is nearly all the letters of Vietnamese text, so
// this is the loop most of a body goes through in a full-text search; it
// keeps its state in locals, decodes UTF-8 itself, and records no offsets
// (f.offs must be nil).
//
// RawMatcher (raw.go) folds a character at a time the way this loop does,
// in nextRune and prevRune: a change to what this loop folds, or to when
// it leaves a rune to the general path, must be made there too.
//
// Runs of spaces collapse without a branch per byte: every ASCII byte is
// written, and the write position moves on unless it is a space after a
// space (or before anything). A space left last is taken back into
// pending, so that the text's end, or the general path, decides on it.
func (f *folder) fastRun(s string, i int) int {
	// Each byte read writes at most one, and a pending space one more.
	if need := len(s) - i + 1; cap(f.b)-len(f.b) < need {
		f.b = slices.Grow(f.b, need)
	}
	b, n := f.b[:cap(f.b)], len(f.b)
	entry := n
	var sp uint8 // 1 after a space, or before the text starts
	switch {
	case f.pending > 0:
		b[n] = ' '
		n++
		sp = 1
	case !f.started:
		sp = 1
	}
	// A long run of ASCII at the start (English text, a link, code) is
	// folded eight bytes at a time. The loop below is left to the
	// rest: Vietnamese rarely has eight ASCII bytes in a row, and a test
	// for them at each byte costs it more than the blocks save.
	for i+8 <= len(s) {
		x := binary.LittleEndian.Uint64([]byte(s[i : i+8]))
		if x&hi8 != 0 {
			break
		}
		out, blank, ok := foldASCII8(x, sp)
		if !ok {
			// Blanks collapse in these eight: the byte loop below,
			// for them only, so that the run goes on in blocks after.
			for j := i + 8; i < j; i++ {
				isSp := asciiSpace[s[i]]
				b[n] = asciiFold[s[i]]
				n += 1 - int(isSp&sp)
				sp = isSp
			}
			continue
		}
		binary.LittleEndian.PutUint64(b[n:n+8], out)
		n += 8
		sp = uint8(blank >> 63)
		i += 8
	}
	// The loop writes through a pointer, without the bounds check of
	// b[n]: n stays below cap(b), which was grown above for one byte per
	// byte of s and one more.
	out := unsafe.Pointer(unsafe.SliceData(b))
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			v := asciiFoldSp[c]
			*(*byte)(unsafe.Add(out, n)) = byte(v)
			isSp := uint8(v >> 8)
			n += 1 - int(isSp&sp)
			sp = isSp
			i++
			continue
		}
		var m byte
		switch {
		case c >= 0xc2 && c < 0xe0 && i+1 < len(s) && s[i+1]&0xc0 == 0x80:
			m = fast2[int(c&0x1f)<<6|int(s[i+1]&0x3f)]
			if m == 0 {
				goto out
			}
			i += 2
		case c == 0xe1 && i+2 < len(s) && s[i+1]&0xfc == 0xb8 && s[i+2]&0xc0 == 0x80:
			m = fast3[int(s[i+1]&0x03)<<6|int(s[i+2]&0x3f)]
			if m == 0 {
				goto out
			}
			i += 3
		default:
			goto out
		}
		*(*byte)(unsafe.Add(out, n)) = m // a dropped mark is written over
		if m != dropped {
			n++
			sp = 0
		}
	}
out:
	f.pending = 0
	if sp == 1 && n > entry && b[n-1] == ' ' {
		n--
		f.pending = 1 // offsets are not kept here, so any position will do
	}
	f.started = f.started || n > entry
	f.b = b[:n]
	return i
}

// Masks for working on the eight bytes of a uint64 at once: ones has 1
// in each byte, hi8 the top bit of each.
const (
	ones = 0x0101010101010101
	hi8  = 0x8080808080808080
)

// foldASCII8 folds eight ASCII bytes x (in little-endian order) as
// asciiFold folds each, in a few operations on the whole word, when no
// space of them is to be collapsed: no two blanks side by side, and no
// blank first after a space (sp == 1). blank has the top bit set in each
// byte that was a blank. ok is false when spaces collapse, and x must
// then be folded byte by byte. Long runs of ASCII (English sentences,
// links, code) go through here at a fraction of the cost per byte.
func foldASCII8(x uint64, sp uint8) (out, blank uint64, ok bool) {
	// Every byte is below 0x80, so no addition below carries into the
	// next byte, and a byte's top bit says how it compares.
	blank = ^(x+(0x80-0x21)*ones)&hi8 | (x+ones)&hi8 // <= ' ', or DEL
	if blank&(blank<<8) != 0 || blank&(uint64(sp)<<7) != 0 {
		return 0, 0, false
	}
	upper := (x + (0x80-'A')*ones) &^ (x + (0x80-'Z'-1)*ones) & hi8
	spread := (blank >> 7) * 0xff // 0xff in each blank byte
	return x&^spread | blank>>2 | upper>>2, blank, true
}

// asciiFoldSp is asciiFold in its low byte and asciiSpace in its high
// one: one load for both in fastRun's loop.
var asciiFoldSp = func() (t [utf8.RuneSelf]uint16) {
	for c := range t {
		t[c] = uint16(asciiFold[c])
		if asciiFold[c] == ' ' {
			t[c] |= 1 << 8
		}
	}
	return t
}()

// asciiSpace is 1 for the ASCII bytes asciiFold turns into a space.
var asciiSpace = func() (t [utf8.RuneSelf]uint8) {
	for c := range t {
		if asciiFold[c] == ' ' {
			t[c] = 1
		}
	}
	return t
}()

// fast2 is what the runes U+0000 to U+07FF (one or two bytes of UTF-8)
// fold to when that is one ASCII byte, or dropped for the combining
// diacritics; 0 sends the rune to the general path. fast3 is the same for
// U+1E00 to U+1EFF, where Vietnamese keeps its letters with two marks.
var fast2 [0x800]byte
var fast3 [0x100]byte

// dropped marks a rune that folds to nothing in fast2.
const dropped = 1

// iters recycles norm.Iter values: an Iter is several hundred bytes and
// escapes to the heap, which would otherwise be most of the cost of
// folding a title.
var iters = sync.Pool{New: func() any { return new(norm.Iter) }}

// latin is how each Latin letter from U+00C0 on folds when that is plain
// ASCII: what runIter makes of it, worked out once.
var latin [0x1f00 - 0xc0]string

func init() {
	for r := rune(0xc0); r < 0x1f00; r++ {
		if 0x250 <= r && r < 0x1e00 {
			continue
		}
		var f folder
		f.started = true
		f.runIter(string(r), 0)
		out := string(f.b)
		if out != "" && !strings.ContainsRune(out, ' ') && isASCII(out) {
			latin[r-0xc0] = out
		}
	}
	for r := 0x300; r <= 0x36f; r++ {
		fast2[r] = dropped
	}
	for r := 0xc0; r < 0x800; r++ {
		if out := latin[r-0xc0]; len(out) == 1 {
			fast2[r] = out[0]
		}
	}
	for r := 0x1e00; r < 0x1f00; r++ {
		if out := latin[r-0xc0]; len(out) == 1 {
			fast3[r-0x1e00] = out[0]
		}
	}
}

// run folds s. Runes the tables don't cover are folded segment by
// segment, where a segment is what norm.Iter returns: a starter and the
// marks that modify it. norm.Iter promises the same segments for any two
// inputs with the same NFD, which is what makes NFC and NFD input fold
// the same.

func (f *folder) run(s string) {
	for i := 0; i < len(s); {
		if f.offs == nil {
			if i = f.fastRun(s, i); i == len(s) {
				return
			}
		}
		c := s[i]
		if c < utf8.RuneSelf {
			f.ascii(c, i)
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			f.invalid = true
		}
		switch {
		case 0x300 <= r && r <= 0x36f:
		case r >= 0xc0 && r < 0x1f00 && latin[r-0xc0] != "":
			f.str(latin[r-0xc0], i)
		default:
			j := i + n
			for j < len(s) {
				r2, n2 := utf8.DecodeRuneInString(s[j:])
				if r2 < 0x300 || !unicode.Is(unicode.Mn, r2) {
					break
				}
				j += n2
			}
			f.runIter(s[i:j], i)
			i = j
			continue
		}
		i += n
	}
}

func (f *folder) runIter(s string, base int) {
	it := iters.Get().(*norm.Iter)
	it.InitString(norm.NFD, s)
	for !it.Done() {
		at := base + it.Pos()
		seg := it.Next()
		if len(seg) == 1 && seg[0] < utf8.RuneSelf {
			f.ascii(seg[0], at)
			continue
		}
		for len(seg) > 0 {
			r, n := utf8.DecodeRune(seg)
			seg = seg[n:]
			f.rune(r, at)
		}
	}
	// Only an Iter that got to the end goes back to the pool. The Iter
	// of golang.org/x/text (v0.44.0) can panic on a text that holds
	// several starters and marks out of order ("0ㅞ\u0740ㅞ"), which
	// run never gives it whole, and one that panicked corrupts the next
	// text it is given (TestPanickedIterNotPooled). Nor must the pooled
	// Iter keep s: it may be a view of a buffer the caller reuses
	// (AppendFold), as large as a whole post.
	it.InitString(norm.NFD, "")
	iters.Put(it)
}

func (f *folder) ascii(c byte, at int) {
	switch {
	case c == ' ' || c < ' ' || c == 0x7f:
		f.space(at)
	case 'A' <= c && c <= 'Z':
		f.byte(c+'a'-'A', at)
	default:
		f.byte(c, at)
	}
}

func (f *folder) space(at int) {
	if f.started && f.pending == 0 {
		f.pending = at + 1
	}
}

func (f *folder) flush() {
	if f.pending > 0 {
		f.b = append(f.b, ' ')
		if f.offs != nil {
			f.offs = append(f.offs, f.pending-1)
		}
		f.pending = 0
	}
	f.started = true
}

func (f *folder) byte(c byte, at int) {
	f.flush()
	f.b = append(f.b, c)
	if f.offs != nil {
		f.offs = append(f.offs, at)
	}
}

func (f *folder) str(s string, at int) {
	f.flush()
	f.b = append(f.b, s...)
	if f.offs != nil {
		for range len(s) {
			f.offs = append(f.offs, at)
		}
	}
}

// rune folds one rune of an NFD segment. Lower-casing a decomposed letter
// never yields a letter that decomposes again (TestFoldEveryRune checks
// this for every code point), so one NFD pass is enough for idempotence.
func (f *folder) rune(r rune, at int) {
	if r < utf8.RuneSelf {
		f.ascii(byte(r), at)
		return
	}
	if 0x300 <= r && r <= 0x36f { // the combining diacritics, by far the most common
		return
	}
	if s := plain(r); s != "" {
		f.str(s, at)
		return
	}
	switch {
	case unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf):
		return
	case unicode.IsSpace(r), unicode.Is(unicode.Cc, r):
		f.space(at)
		return
	}
	lr := unicode.ToLower(r)
	f.flush()
	f.b = utf8.AppendRune(f.b, lr)
	if f.offs != nil {
		for range utf8.RuneLen(lr) {
			f.offs = append(f.offs, at)
		}
	}
}

// plain spells the Latin letters that NFD leaves whole, because their
// mark is part of the letter's shape rather than a combining character.
func plain(r rune) string {
	switch r {
	case 'đ', 'Đ', 'ð', 'Ð': // đ is Vietnamese, ð Icelandic
		return "d"
	case 'ø', 'Ø':
		return "o"
	case 'ł', 'Ł':
		return "l"
	case 'ħ', 'Ħ':
		return "h"
	case 'ŧ', 'Ŧ':
		return "t"
	case 'ı':
		return "i"
	case 'æ', 'Æ':
		return "ae"
	case 'œ', 'Œ':
		return "oe"
	case 'ß', 'ẞ':
		return "ss"
	case 'þ', 'Þ':
		return "th"
	}
	return ""
}
