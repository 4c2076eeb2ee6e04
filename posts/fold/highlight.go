package fold

import (
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/rivo/uniseg"
)

// Highlight returns the byte ranges of s, the original accented text,
// where any of words matches its folded form: [start, end) pairs, sorted,
// with overlapping and touching ranges merged. Every range covers whole
// grapheme clusters, so a highlight never cuts a tone mark off its letter
// or an emoji in half. Words are folded again here, so Query.Words and
// words as typed both work; empty words are ignored.
func Highlight(s string, words []string) [][2]int {
	if s == "" || len(words) == 0 {
		return nil
	}
	folded, offs := FoldMap(s)
	var ranges [][2]int
	for _, w := range words {
		w = Fold(w)
		if w == "" {
			continue
		}
		// Overlapping matches count: "aa" in "aaa" lights all three.
		for i := 0; i < len(folded); {
			j := strings.Index(folded[i:], w)
			if j < 0 {
				break
			}
			a := i + j
			ranges = append(ranges, [2]int{offs[a], sourceEnd(s, folded, offs, a+len(w)-1)})
			_, n := utf8.DecodeRuneInString(folded[a:])
			i = a + n
		}
	}
	if len(ranges) == 0 {
		return nil
	}
	snapToClusters(s, ranges)
	slices.SortFunc(ranges, func(x, y [2]int) int { return x[0] - y[0] })
	merged := ranges[:1]
	for _, r := range ranges[1:] {
		last := &merged[len(merged)-1]
		if r[0] <= last[1] {
			last[1] = max(last[1], r[1])
			continue
		}
		merged = append(merged, r)
	}
	return merged
}

// sourceEnd returns where, in s, the text that folded byte k came from
// ends: where the next folded byte's text starts, which takes in the marks
// dropped after a letter. Spaces that were collapsed or trimmed away are
// not highlighted unless the match itself ended in a space.
func sourceEnd(s, folded string, offs []int, k int) int {
	end := len(s)
	for j := k + 1; j < len(offs); j++ {
		if offs[j] > offs[k] {
			end = offs[j]
			break
		}
	}
	if folded[k] != ' ' {
		end = offs[k] + len(strings.TrimRightFunc(s[offs[k]:end], unicode.IsSpace))
	}
	return end
}

// snapToClusters widens each range to the grapheme clusters of s it
// touches.
func snapToClusters(s string, ranges [][2]int) {
	bounds := make([]int, 1, len(s)/2+2)
	state := -1
	for rest := s; rest != ""; {
		_, rest, _, state = uniseg.FirstGraphemeClusterInString(rest, state)
		bounds = append(bounds, len(s)-len(rest))
	}
	for i, r := range ranges {
		// The last boundary at or before the start...
		a := sort.SearchInts(bounds, r[0]+1) - 1
		// ...and the first at or after the end.
		b := sort.SearchInts(bounds, r[1])
		ranges[i] = [2]int{bounds[a], bounds[b]}
	}
}
