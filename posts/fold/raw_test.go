package fold

import (
	"bytes"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/newsreader/newsreader/posts/postgen"
)

// TestRawVariantsComplete folds every rune: those that fold to something
// holding an ASCII letter or digit must all be where anchorPlans looks.
func TestRawVariantsComplete(t *testing.T) {
	for r := rune(utf8.RuneSelf); r <= utf8.MaxRune; r++ {
		if !utf8.ValidRune(r) {
			continue
		}
		f := Fold(string(r))
		if strings.IndexFunc(f, func(c rune) bool { return 'a' <= c && c <= 'z' || '0' <= c && c <= '9' }) < 0 {
			continue
		}
		if !foldsToASCII(r) {
			t.Errorf("%U %q folds to %q, which foldsToASCII denies", r, r, f)
		}
	}
}

// TestAnchorPlansFindEverySpelling: each rune whose folding holds a
// letter or digit is found by one of that character's finders, at a
// place in its UTF-8 the finder looks at.
func TestAnchorPlansFindEverySpelling(t *testing.T) {
	plans := anchorPlans()
	for r := rune(0xc0); r <= '\u212b'; r++ {
		if !foldsToASCII(r) {
			continue
		}
		enc, f := string(r), Fold(string(r))
		for i := 0; i < len(f); i++ {
			c := f[i]
			if !('a' <= c && c <= 'z' || '0' <= c && c <= '9') {
				continue
			}
			if !slices.ContainsFunc(plans[c].finders, func(fd finder) bool {
				for t := 0; t < len(enc); t++ {
					if enc[t] == fd.b && fd.offs&(1<<t) != 0 {
						return true
					}
				}
				return false
			}) {
				t.Errorf("%U %q folds to %q, but no finder of %c finds it", r, r, f, c)
			}
		}
	}
}

// setBytes lists the bytes of s in order.
func setBytes(s byteSet) []byte {
	var out []byte
	for b := range 256 {
		if s.has(byte(b)) {
			out = append(out, byte(b))
		}
	}
	return out
}

// TestAnchorPairsFindEverySpelling: the pairSet of each letter and
// digit, with each neighbour on each side, holds every spelling of it
// beyond ASCII by its first two bytes (its last two for a rune of
// three, which find looks for a byte back), and its ASCII spellings next to
// the neighbour's ASCII spellings and to every byte beyond ASCII. Some
// letters have more spellings than a set has groups, so that merging
// groups is tested too.
func TestAnchorPairsFindEverySpelling(t *testing.T) {
	merged := 0
	for c := byte('0'); c <= 'z'; c++ {
		if !isAlnum(c) {
			continue
		}
		spelled := map[[2]byte]bool{}
		for _, r := range (*spellings())[c] {
			t := len(r) - 2
			spelled[[2]byte{r[t], r[t+1] >> 4}] = true
		}
		if len(spelled) > maxGroups-2 {
			merged++
		}
		for side := range 2 {
			for _, nb := range []byte("a5z") {
				ps := anchorPairs(c, nb, side)
				in := func(a, b byte) bool { return ps.first[a]&ps.second[b] != 0 }
				for _, r := range (*spellings())[c] {
					// A rune of three bytes by its last two.
					if k := len(r) - 2; !in(r[k], r[k+1]) {
						t.Errorf("%c (side %d): %q is not in the set", c, side, r)
					}
				}
				for _, a := range setBytes(asciiCases(c)) {
					for _, b := range append(setBytes(asciiCases(nb)), 0x80, 0xa5, 0xcc, 0xff) {
						x, y := a, b
						if side == 1 {
							x, y = b, a
						}
						if !in(x, y) {
							t.Errorf("%c (side %d): %q is not in the set", c, side, []byte{x, y})
						}
					}
				}
			}
		}
	}
	if merged == 0 {
		t.Error("no letter needed its groups merged")
	}
}

// TestAnchors: the anchor of each word, and whether it is looked for by
// pairs or by IndexByte, planned for the scan of pairs in Go (which
// costs more than SIMD's) and for SIMD.
func TestAnchors(t *testing.T) {
	type anchor struct {
		at   int
		pair bool
	}
	for _, c := range []struct {
		query  string
		inGo   []anchor // planned for Go; nil when there is no matcher
		inSIMD []anchor
	}{
		// The n of "nam" before a or a letter beyond ASCII: rarer
		// than an m after one, and one pass; đ makes d dear.
		{`"dang hai nam"`, []anchor{{9, true}}, []anchor{{9, true}}},
		{`"dang hai"`, []anchor{{0, true}}, []anchor{{0, true}}},
		// A digit is rare: IndexByte's passes are the cheapest.
		{`nam 2025`, []anchor{{0, true}, {0, false}}, []anchor{{0, true}, {0, false}}},
		// p and b are rare enough for IndexByte to beat pairs in Go,
		// not in SIMD; so are r and q.
		{`pho bo`, []anchor{{0, false}, {0, false}}, []anchor{{0, true}, {0, true}}},
		{`"tri tue"`, []anchor{{1, false}}, []anchor{{1, true}}},
		{`quyx`, []anchor{{0, false}}, []anchor{{3, true}}},
		{`nha`, []anchor{{1, true}}, []anchor{{1, true}}},    // h after n, as in "nh"
		{`nguong`, []anchor{{1, true}}, []anchor{{1, true}}}, // g
		// Letters too common for IndexByte: pairs, even in Go, cost
		// less than folding.
		{`nien`, []anchor{{0, true}}, []anchor{{0, true}}},
		{`ua eo`, []anchor{{0, true}, {0, true}}, []anchor{{0, true}, {0, true}}},
		{`"ma ma"`, []anchor{{0, true}}, []anchor{{0, true}}}, // the first of equals
		{`a`, nil, nil},     // no pair in a word of one letter, no cheap letter
		{`"a e"`, nil, nil}, // nor across a space
		{`"a d"`, []anchor{{2, false}}, []anchor{{2, false}}},
	} {
		q, err := Parse(c.query)
		if err != nil {
			t.Fatal(err)
		}
		simd := haveSIMD
		for _, inSIMD := range []bool{false, true} {
			haveSIMD = inSIMD
			m, ok := q.RawMatcher()
			want := c.inGo
			if inSIMD {
				want = c.inSIMD
			}
			if ok != (want != nil) {
				t.Errorf("%s (SIMD %v): RawMatcher ok = %v", c.query, inSIMD, ok)
				continue
			}
			for i, rw := range m.words {
				if got := (anchor{rw.k, rw.pairs != nil}); got != want[i] {
					t.Errorf("%s (SIMD %v): word %q anchored %+v, want %+v", c.query, inSIMD, rw.w, got, want[i])
				}
			}
		}
		haveSIMD = simd
	}
}

// checkRaw compares a RawMatcher's sure answers, each way it can be
// planned and run (eachWay), with folding the text. It returns whether
// the matcher was sure the last way, planned for the scan in Go.
func checkRaw(t *testing.T, text []byte, q Query) (sure bool) {
	t.Helper()
	folded, _ := AppendFold(nil, text)
	want := q.MatchFolded(folded)
	eachWay(rawMatcher(q), func(way string, m *RawMatcher) {
		sure = false
		if m == nil {
			return
		}
		var hit bool
		if hit, sure = m.Match(text); sure && hit != want {
			t.Fatalf("text %q, words %q: RawMatcher (%s) says %v, the folded text %q says %v", text, q.Words, way, hit, folded, want)
		}
	})
	return sure
}

// rawMatcher plans q's RawMatcher, nil when it has none.
func rawMatcher(q Query) func() *RawMatcher {
	return func() *RawMatcher {
		if m, ok := q.RawMatcher(); ok {
			return &m
		}
		return nil
	}
}

// TestRawMatcherCases are the folding rules a matcher must follow at the
// edges of a word, each with the answer folding gives.
func TestRawMatcherCases(t *testing.T) {
	for _, c := range []struct {
		text, query string
		want        bool
	}{
		{"Đặng Hải Nam", `"dang hai nam"`, true},
		{"ĐẶNG   HẢI\t\nNAM", `"dang hai nam"`, true},
		{"Đặng Hải Năm", `"dang hai nam"`, true},
		{"Đặng Hải-Nam", `"dang hai nam"`, false},
		{"a \u0301 m", `"a m"`, true},      // a mark among blanks
		{"a\u0301 \u0301m", `"a m"`, true}, // marks on either side
		{"na\u0301\u0323m", `nam`, true},   // marks on a letter
		{"  m a", `"m a"`, true},           // leading blanks before the anchor
		{" m", `"a m"`, false},             // a leading blank folds to nothing
		{"m ", `"m a"`, false},             // nor does a trailing one
		{"x m \u0301", `"m a"`, false},     // nor one with a mark after it
		{"ḿa", `ma`, true},                 // the anchor accented
		{"Ṃ A", `"m a"`, true},
		{"ma", `"m a"`, false},
		{"m\x00a", `"m a"`, true}, // controls are blanks
		{"ùm", `um`, true},        // second byte 0xB9, not an anchor
		{"ẹm", `em`, true},        // third byte 0xB9
		{"niên", `nien`, true},
		{"Niên", `nien`, true},
		{"NIÊN", `nien`, true},
		{"nîen", `nien`, true}, // decomposed
		{"ńien", `nien`, true}, // a mark between the pair
		{"ñiên", `nien`, true},  // the anchor beyond ASCII
		{"ǹiên", `nien`, true},
		{"ṅiên", `nien`, true},
		{"nhiên", `nien`, false},
		{"tiên niêm", `nien`, false},
		{"oen", `oen`, true},
		{"oén", `oen`, true}, // the neighbour beyond ASCII, before the anchor
		{"oén", `oen`, true},
		{"oe n", `oen`, false},
		{"xoẹn", `oen`, true},
	} {
		q, err := Parse(c.query)
		if err != nil {
			t.Fatal(err)
		}
		folded, _ := AppendFold(nil, []byte(c.text))
		if q.MatchFolded(folded) != c.want {
			t.Fatalf("%q, %s: the case is wrong: folding gives %q", c.text, c.query, folded)
		}
		eachWay(rawMatcher(q), func(way string, m *RawMatcher) {
			if m == nil {
				t.Fatalf("%s: no RawMatcher (%s)", c.query, way)
			}
			if hit, sure := m.Match([]byte(c.text)); !sure || hit != c.want {
				t.Errorf("%q, %s (%s): Match = %v, sure %v; want %v", c.text, c.query, way, hit, sure, c.want)
			}
		})
	}
}

var rawQueries = []string{`nam`, `"dang hai nam"`, `m`, `am`, `ma`, `"a m"`, `"m a"`, `5g`, `"mua ban"`, `pho`, `vu`, `b`, `q`, `"ham m"`, `mm`, `"m m"`, `"am ma"`,
	`"nam ngoai"`, `nam ua`, `an m`, `a`, `"dang hai"`, `dh`, `"a d"`, `"tri tue"`, `nha`, `"a h"`, `hh`, `ch`, `sy`, `dz`, `k`, `"la t"`, `ij`, `ss`,
	`nien`, `oen`, `ua`, `eo`, `"a e"`, `ni`, `"ni en"`, `ie`, `nn`, `"en ni"`, `nj`, `"a5"`}

func TestRawMatcherAgreesWithFolding(t *testing.T) {
	var qs []Query
	for _, s := range rawQueries {
		q, err := Parse(s)
		if err != nil {
			t.Fatal(err)
		}
		qs = append(qs, q)
	}
	// Letters of the queries in many spellings, blanks, marks, runes
	// folded outside the tables, and broken UTF-8.
	alphabet := []string{"m", "M", "n", "N", "a", "A", "h", "H", "i", "g", "d", "5", "p", "b", "u", "v", "o",
		"ă", "â", "ạ", "ậ", "Ấ", "đ", "Đ", "ả", "ù", "ẹ", "ỹ", "ø", "ḿ", "Ṃ", "ṁ", "ǹ", "ȹ", "æ", "ß", "ṕ", "ḃ", "ṽ",
		" ", "  ", "\t", "\n", "\x00", "\u0301", "\u0303", "\u0323", "\u200d", "\u00a0", "“", "”", "’", "한", "🔥",
		"\xff", "\xe1\xb8", "\xe1", "\xc3", "\xb9", "\xb8",
		// Spellings of the other anchors: d, h, t, r, c, s, y, z, k, l.
		"d", "D", "t", "T", "r", "c", "C", "s", "y", "z", "k", "l", "j",
		"ḍ", "ď", "ð", "ǆ", "ǅ", "ĥ", "Ħ", "ḥ", "ẖ", "ȟ", "ţ", "ť", "ṭ", "ẗ", "ŕ", "ṛ", "ç", "ć", "ḉ",
		"ś", "ș", "ß", "ý", "ỵ", "ẙ", "ž", "ǳ", "\u212a", "ĳ", "ľ", "ł", "ĵ", "ǰ", "\xc4", "\x91", "\xe1\xba",
		// Spellings of n, i and e, for words with none of the above.
		"e", "E", "I", "ê", "ế", "Ệ", "é", "ẽ", "í", "ì", "Ĩ", "ị", "ı", "İ", "ñ", "Ñ", "ń", "ǹ", "ṅ", "ṉ", "Ǌ", "ŉ", "\xc5", "\xb9"}
	r := rand.New(rand.NewPCG(5, 6))
	sure, all := 0, 0
	for range 200_000 {
		var b strings.Builder
		for range r.IntN(16) {
			b.WriteString(alphabet[r.IntN(len(alphabet))])
		}
		q := qs[r.IntN(len(qs))]
		all++
		if checkRaw(t, []byte(b.String()), q) {
			sure++
		}
	}
	// The matcher must decide most texts itself, or this tests little.
	if sure < all/3 {
		t.Fatalf("sure of %d texts of %d", sure, all)
	}
	t.Logf("sure of %d texts of %d", sure, all)
}

// TestRawMatcherOnPosts checks generated posts, where the matcher should
// nearly always be sure, with words found and not found.
func TestRawMatcherOnPosts(t *testing.T) {
	sure, all := 0, 0
	for i := range 400 {
		_, data := postgen.Post(9, i)
		for _, s := range append([]string{`"nguyen van minh"`, `"hai nam"`, `2025`, `"viet nam"`, `phong`}, rawQueries...) {
			q, err := Parse(s)
			if err != nil {
				t.Fatal(err)
			}
			all++
			if checkRaw(t, data, q) {
				sure++
			}
		}
	}
	if sure < all*9/10 {
		t.Fatalf("sure of %d posts and queries of %d", sure, all)
	}
}

func FuzzMatchRaw(f *testing.F) {
	f.Add("Đặng Hải Nam", `"dang hai nam"`)
	f.Add("na\u0301m  \u0303 ma", `"am ma"`)
	f.Add("ḿ x “m”", `m`)
	f.Add("Đặng Hải ḍẖ", `"dang hai"`)
	f.Add("ǆ ß ĳ \u212a", `"dz ss"`)
	f.Add("ñiên n\u0301iên NIÊN", `nien`)
	f.Add("xoe\u0301n oén", `oen`)
	f.Fuzz(func(t *testing.T, text, query string) {
		q, err := Parse(query)
		if err != nil {
			return
		}
		checkRaw(t, []byte(text), q)
	})
}

// TestRawMatcherUnsure: next to a character folded outside the tables,
// or at a spelling of the anchor the tables lack, the matcher leaves the
// answer to folding.
func TestRawMatcherUnsure(t *testing.T) {
	q, _ := Parse(`"a nam"`)
	m, _ := q.RawMatcher()
	if _, sure := m.Match([]byte("a “nam”")); sure {
		t.Error(`"a nam" in "a “nam”": sure, past a typographic quote`)
	}
	if hit, sure := m.Match([]byte("“a nam”")); !sure || !hit {
		t.Errorf(`"a nam" in "“a nam”": %v, sure %v; the quotes are outside the word`, hit, sure)
	}
	// ß folds to "ss", outside fastRun's tables: found as a spelling of
	// the anchor s, it leaves the word to folding.
	for _, c := range []struct{ text, query string }{{"x ß", `ss`}, {"ß", `s`}, {"aß", `"as"`}} {
		q, _ := Parse(c.query)
		m, ok := q.RawMatcher()
		if !ok {
			t.Fatalf("%s: no anchor", c.query)
		}
		if _, sure := m.Match([]byte(c.text)); sure {
			t.Errorf("%s in %q: sure, though it is folded outside the tables", c.query, c.text)
		}
	}
}

// TestRawMatcherCarriesOn: an unsure place does not hide a sure one, and
// a word surely absent decides the query whatever the others are.
func TestRawMatcherCarriesOn(t *testing.T) {
	for _, c := range []struct {
		text, query string
		hit, sure   bool
	}{
		{"m\u00a0x ma", `ma`, true, true},    // NBSP is folded outside the tables
		{"m\u00a0x", `ma`, false, false},     // and may be the a's place? folding says
		{"m\u00a0x", `ma 5`, false, true},    // ma unsure, but no 5 anywhere
		{"m\u00a0x 5", `ma 5`, false, false}, // 5 found, ma unsure
		{"ma 5 m\u00a0", `ma 5`, true, true}, // both found
		{"của", `nam a`, false, true},        // nam is nowhere
		{"nam của", `nam a`, false, false},   // a has no anchor
		{"nam của", `nam ua`, true, true},    // ua is found by a pair
	} {
		q, err := Parse(c.query)
		if err != nil {
			t.Fatal(err)
		}
		m, _ := q.RawMatcher()
		if hit, sure := m.Match([]byte(c.text)); hit != c.hit || sure != c.sure {
			t.Errorf("%q, %s: %v, sure %v; want %v, sure %v", c.text, c.query, hit, sure, c.hit, c.sure)
		}
		checkRaw(t, []byte(c.text), q)
	}
}

// TestRawMatcherGivesUp: a text made of the anchor, with the start of the
// word at every place, is left to folding rather than compared at each
// place for the length of the word.
func TestRawMatcherGivesUp(t *testing.T) {
	ms := []byte("é" + strings.Repeat("m", 1<<20))
	for _, c := range []struct {
		word string
		text []byte
	}{
		{"mmmma", ms},
		{strings.Repeat("m", 500) + "a", ms}, // compared forwards
		// Compared backwards from each b, the anchor.
		{strings.Repeat("m", 500) + "b", bytes.Repeat([]byte(strings.Repeat("m", 499)+"b"), 2000)},
		// Runs of marks and blanks passed over again from each place.
		{strings.Repeat("m", 10), []byte(strings.Repeat("m", 9) + strings.Repeat("\u0301", 1<<19) + "x")},
		{`"m m m m m m m m m m"`, []byte(strings.Repeat("m ", 9) + strings.Repeat(" ", 1<<20) + "x")},
		{`"a m m m m m m m m m"`, []byte("a" + strings.Repeat(" ", 1<<20) + strings.Repeat(" m", 8) + " x")},
		{"ax", []byte(strings.Repeat("b"+strings.Repeat("\u0301", 1<<10)+"x", 1<<9))}, // marks before x
	} {
		q, _ := Parse(c.word)
		m, _ := q.RawMatcher()
		if _, sure := m.Match(c.text); sure {
			t.Errorf("%.12s...: sure after a million places", c.word)
		}
	}
	// An ordinary body stays within the budget.
	_, post := postgen.Post(2, 3)
	q, _ := Parse(`"dang hai nam"`)
	m, _ := q.RawMatcher()
	if _, sure := m.Match(post); !sure {
		t.Error("a generated post was left to folding")
	}
}

// TestFoldHolds: the table the matcher reads the folding of a spelling
// of its anchor from says what folding says, for every rune it may meet.
func TestFoldHolds(t *testing.T) {
	unknown := 0
	for r := rune(0xc0); r <= '\u212b'; r++ {
		if !foldsToASCII(r) {
			continue
		}
		f := Fold(string(r))
		for c := byte('0'); c <= 'z'; c++ {
			holds, known := foldHolds(r, c)
			if !known {
				unknown++
				break
			}
			if want := strings.IndexByte(f, c) >= 0; holds != want {
				t.Errorf("%U %q folds to %q: foldHolds(%q) = %v", r, r, f, c, holds)
			}
		}
	}
	t.Logf("%d runes left to folding", unknown)
}

// TestRawMatcherOutsideTablesAllocates: spellings of an anchor that the
// tables don't fold (ß for s, þ for t, the Kelvin sign for k) are told
// apart without folding them one by one.
func TestRawMatcherOutsideTablesAllocates(t *testing.T) {
	for _, c := range []struct{ text, query string }{{"ß ", `s`}, {"þ ", `t`}, {"\u212a ", `k`}} {
		text := []byte(strings.Repeat(c.text, 4096))
		q, _ := Parse(c.query)
		m, ok := q.RawMatcher()
		if !ok {
			t.Fatalf("%s: no anchor", c.query)
		}
		if allocs := testing.AllocsPerRun(10, func() { m.Match(text) }); allocs != 0 {
			t.Errorf("%s in %q...: %v allocations a match", c.query, c.text, allocs)
		}
	}
}

// TestRawMatcherCJKAllocates: Chinese and Korean characters with a
// second byte of 0xB8 or 0xB9 are passed over without folding them.
func TestRawMatcherCJKAllocates(t *testing.T) {
	text := []byte(strings.Repeat("一中上不为主之也 한글 ", 200))
	q, _ := Parse(`m`)
	m, _ := q.RawMatcher()
	if allocs := testing.AllocsPerRun(10, func() { m.Match(text) }); allocs != 0 {
		t.Errorf("%v allocations a match", allocs)
	}
}
