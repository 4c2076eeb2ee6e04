package fold

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

var fuzzSeeds = []string{
	"",
	"Đà Nẵng",
	"🔥🔥🔥 [DeepSeek] Tốn hơn tỷ USD",
	"  a\t\tb\x00c  ",
	"o\u0302\u0301n",
	"\u0301\u0301",
	"gia đình 👨‍👩‍👧 🇻🇳",
	"한국어",
	"bad\xff\xfeutf8",
	"ÆØß İ ΣΊΣ",
	`lang:vn topic:"Deep Seek" hot:2 since:2025-02 until:2025 is:read "da nang" https://x`,
	`abc:def "unclosed`,
}

func FuzzFold(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		folded := Fold(s)
		if again := Fold(folded); again != folded {
			t.Fatalf("Fold not idempotent on %q: %q then %q", s, folded, again)
		}
		if strings.Contains(folded, Sep) || strings.Contains(folded, "  ") ||
			strings.HasPrefix(folded, " ") || strings.HasSuffix(folded, " ") {
			t.Fatalf("Fold(%q) = %q: separator or loose spaces", s, folded)
		}
		if !utf8.ValidString(folded) {
			t.Fatalf("Fold(%q) = %q: invalid UTF-8", s, folded)
		}
		if utf8.ValidString(s) {
			if nfc, nfd := Fold(norm.NFC.String(s)), Fold(norm.NFD.String(s)); nfc != nfd {
				t.Fatalf("%q: NFC folds to %q, NFD to %q", s, nfc, nfd)
			}
		}
		mapped, offs := FoldMap(s)
		if mapped != folded {
			t.Fatalf("FoldMap(%q) = %q, Fold = %q", s, mapped, folded)
		}
		if len(offs) != len(mapped) {
			t.Fatalf("FoldMap(%q): %d offsets for %d bytes", s, len(offs), len(mapped))
		}
		for i, o := range offs {
			if o < 0 || o >= len(s) || (i > 0 && o < offs[i-1]) {
				t.Fatalf("FoldMap(%q): offsets %v out of range or decreasing at %d", s, offs, i)
			}
		}
		// Highlight any word of the text itself: it must be found.
		if w, _, _ := strings.Cut(folded, " "); w != "" {
			ranges := Highlight(s, []string{w})
			if len(ranges) == 0 {
				t.Fatalf("Highlight(%q, %q) found nothing", s, w)
			}
			checkClusters(t, s, ranges)
		}
	})
}

func FuzzParse(f *testing.F) {
	for i, s := range fuzzSeeds {
		f.Add(s, fuzzSeeds[(i+1)%len(fuzzSeeds)])
	}
	f.Fuzz(func(t *testing.T, s, text string) {
		q, err := Parse(s)
		if err != nil {
			var qe *QueryError
			if !errors.As(err, &qe) {
				t.Fatalf("Parse(%q): %T, want *QueryError", s, err)
			}
			_ = qe.Error() + qe.Vietnamese()
		}
		if len(q.Words) != len(q.Raw) {
			t.Fatalf("Parse(%q): %d words, %d raw", s, len(q.Words), len(q.Raw))
		}
		for _, w := range q.Words {
			if w == "" || Fold(w) != w {
				t.Fatalf("Parse(%q): word %q is empty or not folded", s, w)
			}
		}
		// What Refines promises: a refined query never matches more.
		key := Key(text)
		prev, _ := Parse(s[:len(s)/2])
		if q.Refines(prev) && q.MatchText(key) && !prev.MatchText(key) {
			t.Fatalf("%q refines %q but matches %q, which the latter does not", s, s[:len(s)/2], text)
		}
	})
}
