package fold

import (
	"reflect"
	"testing"

	"github.com/rivo/uniseg"
	"golang.org/x/text/unicode/norm"
)

// lit returns the highlighted pieces of s.
func lit(s string, ranges [][2]int) []string {
	var out []string
	for _, r := range ranges {
		out = append(out, s[r[0]:r[1]])
	}
	return out
}

func TestHighlight(t *testing.T) {
	tests := []struct {
		s     string
		words []string
		want  []string // in NFC; the NFD run expects the same pieces in NFD
	}{
		{"Tốn hơn tỷ USD", []string{"ton", "usd"}, []string{"Tốn", "USD"}},
		{"Tốn hơn tỷ USD", []string{"ton hon"}, []string{"Tốn hơn"}},
		{"Tốn hơn tỷ USD", []string{"hon", "ton"}, []string{"Tốn", "hơn"}}, // sorted
		{"Tốnhơn", []string{"hon", "ton"}, []string{"Tốnhơn"}},             // touching ranges merge
		{"Đà Nẵng", []string{"da nang"}, []string{"Đà Nẵng"}},
		{"Đà Nẵng", []string{"Đà"}, []string{"Đà"}},       // words are folded again
		{"Đà Nẵng", []string{"na"}, []string{"Nẵ"}},       // never split a tone mark
		{"Đà Nẵng", []string{"a"}, []string{"à", "ẵ"}},    // the marks come along
		{"Đà   Nẵng", []string{"a n"}, []string{"à   N"}}, // a collapsed space covers the run
		{"Nẵng  ", []string{"ng"}, []string{"ng"}},        // trailing spaces are not lit
		{"aaa", []string{"aa"}, []string{"aaa"}},          // overlapping matches
		{"Æsir", []string{"a"}, []string{"Æ"}},            // a letter folded to two
		{"🔥🔥 Tin nóng", []string{"🔥"}, []string{"🔥🔥"}},
		{"gia đình 👨‍👩‍👧 vui", []string{"👨"}, []string{"👨‍👩‍👧"}}, // a whole emoji sequence
		{"cờ 🇻🇳 đỏ", []string{"do"}, []string{"đỏ"}},
		{"한국어 AI", []string{"국"}, []string{"국"}},
		{"nothing here", []string{"xyz"}, nil},
		{"empty words", []string{"", " "}, nil},
		{"", []string{"a"}, nil},
	}
	for _, tt := range tests {
		for _, form := range []norm.Form{norm.NFC, norm.NFD} {
			s := form.String(tt.s)
			var want []string
			for _, w := range tt.want {
				want = append(want, form.String(w))
			}
			got := Highlight(s, tt.words)
			if pieces := lit(s, got); !reflect.DeepEqual(pieces, want) {
				t.Errorf("Highlight(%q, %q) = %v %q, want %q", s, tt.words, got, pieces, want)
			}
			checkClusters(t, s, got)
		}
	}
}

// checkClusters fails unless ranges are sorted, apart, and on grapheme
// cluster boundaries of s.
func checkClusters(t *testing.T, s string, ranges [][2]int) {
	t.Helper()
	bounds := map[int]bool{0: true}
	state := -1
	for rest := s; rest != ""; {
		_, rest, _, state = uniseg.FirstGraphemeClusterInString(rest, state)
		bounds[len(s)-len(rest)] = true
	}
	last := -1
	for _, r := range ranges {
		if r[0] >= r[1] || r[0] <= last || r[1] > len(s) {
			t.Errorf("ranges %v of %q are not sorted, merged and within the text", ranges, s)
			return
		}
		if !bounds[r[0]] || !bounds[r[1]] {
			t.Errorf("range %v of %q splits a grapheme cluster", r, s)
		}
		last = r[1]
	}
}
