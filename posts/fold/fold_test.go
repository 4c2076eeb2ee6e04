package fold

import (
	"slices"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"da nang", "da nang"},
		{"Đà Nẵng", "da nang"},
		{"DA NANG", "da nang"},
		{"đà nẵng", "da nang"},
		{"ĐẮK LẮK", "dak lak"},
		{"tốn hơn tỷ USD", "ton hon ty usd"},
		{"Người dùng ưa thích", "nguoi dung ua thich"},
		{"  many   spaces\t\tand\ttabs \n", "many spaces and tabs"},
		{"a\u00a0b\u3000c\u2028d", "a b c d"},                        // Unicode spaces
		{"a\x00b\x1bc\x7fd\u0085e", "a b c d e"},                     // control characters are spaces
		{"soft\u00adhyphen zero\u200bwidth", "softhyphen zerowidth"}, // format characters vanish
		{"Ærø, Łódź, straße, Þór, ħ", "aero, lodz, strasse, thor, h"},
		{"İstanbul", "istanbul"},
		{"ΣΊΣΥΦΟΣ", "σισυφοσ"},
		{"🔥🔥🔥 [DeepSeek] Tin", "🔥🔥🔥 [deepseek] tin"},
		{"❤\ufe0f", "❤"}, // variation selector is a mark
		{"5,6 triệu", "5,6 trieu"},
		{"bad\xffutf8", "bad\ufffdutf8"},
		{"\u0301leading mark", "leading mark"},
	}
	if norm.NFD.String(tests[2].in) == tests[2].in {
		t.Fatal("the NFD cases are not NFD")
	}
	for _, tt := range tests {
		for _, form := range []norm.Form{norm.NFC, norm.NFD} {
			in := form.String(tt.in)
			if got := Fold(in); got != tt.want {
				t.Errorf("Fold(%q) = %q, want %q", in, got, tt.want)
			}
			if got, _ := FoldMap(in); got != tt.want {
				t.Errorf("FoldMap(%q) = %q, want %q", in, got, tt.want)
			}
		}
	}
}

// The fast path and the general path must agree on ASCII.
func TestFoldASCIIAgrees(t *testing.T) {
	for _, s := range []string{"", " ", "abc", "ABC def", "  a  b  ", "x\ty\nz", "a\x00b", "!@# $%^ ~", "tab\t", "\x7f"} {
		fast, ok := foldASCII(s)
		if !ok {
			t.Fatalf("foldASCII(%q) refused ASCII", s)
		}
		var f folder
		f.run(s)
		if slow := string(f.b); fast != slow {
			t.Errorf("ASCII %q: fast path %q, general path %q", s, fast, slow)
		}
	}
	if _, ok := foldASCII("ă"); ok {
		t.Error("foldASCII accepted non-ASCII")
	}
}

// A query being typed is usually folded already; folding it again must not
// allocate, since it happens on every keystroke.
func TestFoldFoldedASCIIDoesNotAllocate(t *testing.T) {
	s := "ton hon ty usd"
	if n := testing.AllocsPerRun(100, func() { _ = Fold(s) }); n != 0 {
		t.Errorf("Fold of folded ASCII: %v allocations, want 0", n)
	}
}

func TestFoldMapOffsets(t *testing.T) {
	tests := []struct {
		in   string
		want string
		offs []int
	}{
		{"Ab  c", "ab c", []int{0, 1, 2, 4}},
		{"  x ", "x", []int{2}},
		{"Đà", "da", []int{0, 2}},                                     // đ is 2 bytes, à is 2 bytes
		{"a\u0300b", "ab", []int{0, 3}},                               // the mark stays with a
		{"æ!", "ae!", []int{0, 0, 2}},                                 // both letters come from æ
		{"x🔥", "x🔥", []int{0, 1, 1, 1, 1}},                            // every byte of a rune
		{"o\u0302\u0301n", "on", []int{0, 5}},                         // NFD ố
		{"\u00e0\u0323", "a", []int{0}},                               // a composed letter with an extra mark
		{"a\u3000b", "a b", []int{0, 1, 4}},                           // a wide space
		{"한", "\u1112\u1161\u11ab", []int{0, 0, 0, 0, 0, 0, 0, 0, 0}}, // Hangul syllable to jamo
	}
	for _, tt := range tests {
		got, offs := FoldMap(tt.in)
		if got != tt.want || !slices.Equal(offs, tt.offs) {
			t.Errorf("FoldMap(%q) = %q, %v; want %q, %v", tt.in, got, offs, tt.want, tt.offs)
		}
	}
}

func TestKey(t *testing.T) {
	k := Key("Đà Nẵng mới", "DeepSeek", "entries VN")
	if want := "da nang moi\x00deepseek\x00entries vn"; k != want {
		t.Fatalf("Key = %q, want %q", k, want)
	}
	// A word must not match across two fields...
	if strings.Contains(k, Fold("moi deepseek")) {
		t.Error("a phrase matched across fields")
	}
	// ...even when a field smuggles in the separator.
	if k := Key("  A ", "", " b  c "); k != "a\x00\x00b c" {
		t.Errorf("Key trims and folds each field: got %q", k)
	}
	k = Key("a\x00b", "c")
	if strings.Count(k, Sep) != 1 {
		t.Errorf("Key(%q, %q) = %q: a field added a separator", "a\x00b", "c", k)
	}
}

func TestMatchText(t *testing.T) {
	key := Key("🔥🔥 [DeepSeek] Tốn hơn tỷ USD cho AI", "DeepSeek", "entries VN")
	tests := []struct {
		query string
		want  bool
	}{
		{"", true},
		{"ton hon ty usd", true},
		{"usd ty hon ton", true}, // any order
		{"TỐN  HƠN", true},       // case, accents, extra spaces
		{"tôn", true},            // a different accent still matches: accents are ignored
		{"ton hon ty eur", false},
		{"ai deepseek", true},
		{`"hon ty"`, true},               // a phrase
		{`"ty hon"`, false},              // a phrase keeps its order
		{`"usd cho ai deepseek"`, false}, // not across fields
		{"deep", true},                   // substrings match while typing
	}
	for _, tt := range tests {
		q, err := Parse(tt.query)
		if err != nil {
			t.Fatalf("Parse(%q): %v", tt.query, err)
		}
		if got := q.MatchText(key); got != tt.want {
			t.Errorf("query %q on %q: got %v, want %v", tt.query, key, got, tt.want)
		}
	}
}

// Every assigned code point, alone and between letters, folds idempotently
// and the same in NFC and NFD; the fuzzer would take long to visit them all.
func TestFoldEveryRune(t *testing.T) {
	bad := 0
	check := func(r rune) {
		for _, s := range []string{string(r), "A" + string(r) + "b"} {
			f := Fold(s)
			if again := Fold(f); again != f {
				t.Errorf("U+%04X: Fold(%q) = %q, again %q", r, s, f, again)
				bad++
			}
			if nfc, nfd := Fold(norm.NFC.String(s)), Fold(norm.NFD.String(s)); nfc != nfd {
				t.Errorf("U+%04X: NFC folds to %q, NFD to %q", r, nfc, nfd)
				bad++
			}
		}
	}
	n := 0
	for _, table := range []*unicode.RangeTable{unicode.L, unicode.M, unicode.N, unicode.P, unicode.S, unicode.Z, unicode.Cc, unicode.Cf} {
		for _, rg := range table.R16 {
			for r := rune(rg.Lo); r <= rune(rg.Hi) && bad < 10; r += rune(rg.Stride) {
				check(r)
				n++
			}
		}
		for _, rg := range table.R32 {
			for r := rune(rg.Lo); r <= rune(rg.Hi) && bad < 10; r += rune(rg.Stride) {
				check(r)
				n++
			}
		}
	}
	if n < 100000 {
		t.Errorf("checked only %d code points", n)
	}
}
