package ui

import (
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/newsreader/newsreader/posts/fold"
)

// findMatch is one place in the rendered article that matches the find
// query: a line and the cells [start, end) on it.
type findMatch struct {
	line, start, end int
}

// findIn returns every place in the rendered lines where query matches,
// with the same folding as the list search: case and diacritics ignored.
// A phrase broken across two lines by wrapping is not found.
func findIn(lines []string, query string) []findMatch {
	if strings.TrimSpace(query) == "" {
		return nil
	}
	var out []findMatch
	for i, ln := range lines {
		plain := ansi.Strip(ln)
		for _, r := range fold.Highlight(plain, []string{query}) {
			out = append(out, findMatch{
				line:  i,
				start: ansi.StringWidth(plain[:r[0]]),
				end:   ansi.StringWidth(plain[:r[1]]),
			})
		}
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
		if m.line >= r.offset {
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
	l := r.matches[r.cur].line
	if l < r.offset || l >= r.offset+r.height {
		r.offset = l - r.height/3
		r.clampOffset()
	}
}

// highlight marks the matches on line i of the article.
func (r *readerPane) highlight(i int, line string, s Styles) string {
	var ranges []lipgloss.Range
	for k, m := range r.matches {
		if m.line != i {
			continue
		}
		st := s.Match
		if k == r.cur {
			st = s.CurrentMatch
		}
		ranges = append(ranges, lipgloss.NewRange(m.start, m.end, st))
	}
	if len(ranges) == 0 {
		return line
	}
	return lipgloss.StyleRanges(line, ranges...)
}
