package ui

import (
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/newsreader/newsreader/posts/fold"
)

// findMatch is one place in the rendered article that matches the find
// query. A phrase that the wrapping broke over lines has a part on each.
type findMatch struct {
	parts []findPart
}

// findPart is the cells [start, end) of one line that a match covers.
type findPart struct {
	line, start, end int
}

// findIn returns every place in the rendered lines where query matches,
// with the same folding as the list search: case and diacritics ignored.
// The lines of each paragraph (up to a blank line) are searched as one
// text, so a phrase is found where the wrapping broke it.
func findIn(lines []string, query string) []findMatch {
	if strings.TrimSpace(query) == "" {
		return nil
	}
	plain := make([]string, len(lines))
	for i, ln := range lines {
		plain[i] = ansi.Strip(ln)
	}
	var out []findMatch
	for i := 0; i < len(plain); {
		if strings.TrimSpace(plain[i]) == "" {
			i++
			continue
		}
		j := i
		var text strings.Builder
		var starts []int // where each line of the paragraph starts in text
		for ; j < len(plain) && strings.TrimSpace(plain[j]) != ""; j++ {
			if j > i {
				text.WriteByte('\n')
			}
			starts = append(starts, text.Len())
			text.WriteString(plain[j])
		}
		for _, r := range fold.Highlight(text.String(), []string{query}) {
			var m findMatch
			for k := i; k < j; k++ {
				ln := plain[k]
				from, to := max(r[0]-starts[k-i], 0), min(r[1]-starts[k-i], len(ln))
				if from >= to {
					continue
				}
				// The blanks the wrapping left at a line's edges are not
				// part of the match.
				lead := len(ln[from:to]) - len(strings.TrimLeft(ln[from:to], " "))
				from, to = from+lead, from+lead+len(strings.TrimRight(ln[from+lead:to], " "))
				if from < to {
					m.parts = append(m.parts, findPart{line: k, start: ansi.StringWidth(ln[:from]), end: ansi.StringWidth(ln[:to])})
				}
			}
			if len(m.parts) > 0 {
				out = append(out, m)
			}
		}
		i = j
	}
	return out
}

// SetFind searches the article for query and moves to the first match at
// or after the top of the screen.
func (r *readerPane) SetFind(query string) {
	r.findQuery = query
	r.matches = findIn(r.lines, query)
	r.cur = -1
	for i, m := range r.matches {
		if m.parts[0].line >= r.offset {
			r.cur = i
			break
		}
	}
	if r.cur < 0 && len(r.matches) > 0 {
		r.cur = 0
	}
	r.showCurrent()
}

// FindNext moves to the next (or, with delta -1, previous) match, round
// the end of the article.
func (r *readerPane) FindNext(delta int) {
	if len(r.matches) == 0 {
		return
	}
	r.cur = (r.cur + delta + len(r.matches)) % len(r.matches)
	r.showCurrent()
}

// showCurrent scrolls the current match into view, a third of the way down
// so that its context shows.
func (r *readerPane) showCurrent() {
	if r.cur < 0 || r.cur >= len(r.matches) {
		return
	}
	parts := r.matches[r.cur].parts
	l, last := parts[0].line, parts[len(parts)-1].line
	if l < r.offset || last >= r.offset+r.height {
		r.offset = l - r.height/3
		r.clampOffset()
	}
}

// highlight marks the matches on line i of the article.
func (r *readerPane) highlight(i int, line string, s Styles) string {
	var ranges []lipgloss.Range
	for k, m := range r.matches {
		st := s.Match
		if k == r.cur {
			st = s.CurrentMatch
		}
		for _, p := range m.parts {
			if p.line == i {
				ranges = append(ranges, lipgloss.NewRange(p.start, p.end, st))
			}
		}
	}
	if len(ranges) == 0 {
		return line
	}
	return lipgloss.StyleRanges(line, ranges...)
}
