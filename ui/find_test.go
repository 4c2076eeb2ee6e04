package ui

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

func TestFindInArticle(t *testing.T) {
	lib := sampleLib(t)
	m := newSized(t, lib, 120, 20, Options{})
	mm := m.(Model)
	for i, p := range lib.Posts {
		if strings.Contains(p.Path, "huong-dan") {
			mm.list.MoveTo(i)
		}
	}
	m = press(t, mm, "enter", "/")
	for _, r := range "MAY TINH" {
		m = press(t, m, string(r))
	}
	mm = m.(Model)
	n := len(mm.reader.matches)
	if n < 2 {
		t.Fatalf("\"MAY TINH\" found %d times in the guide", n)
	}
	if !strings.Contains(screen(m), "1/") {
		t.Fatalf("the count is not shown:\n%s", screen(m))
	}
	// Every match is really "máy tính" in any case, accents and all.
	for _, f := range mm.reader.matches {
		var got []string
		for _, p := range f.parts {
			got = append(got, ansi.Cut(ansi.Strip(mm.reader.lines[p.line]), p.start, p.end))
		}
		if strings.ToLower(strings.Join(got, " ")) != "máy tính" {
			t.Fatalf("match on lines %v is %q", f.parts, got)
		}
	}
	m = press(t, m, "enter", "n")
	mm = m.(Model)
	if mm.reader.cur != 1 {
		t.Fatalf("n went to match %d", mm.reader.cur)
	}
	cur := mm.reader.matches[mm.reader.cur].parts[0]
	if cur.line < mm.reader.offset || cur.line >= mm.reader.offset+mm.reader.height {
		t.Fatalf("current match on line %d is off screen (offset %d)", cur.line, mm.reader.offset)
	}
	m = press(t, m, "N", "N")
	if got := m.(Model).reader.cur; got != n-1 {
		t.Fatalf("N twice from the second match went to %d, want the last (%d)", got, n-1)
	}
	m = press(t, m, "esc")
	if mm = m.(Model); len(mm.reader.matches) != 0 || mm.focus != focusReader {
		t.Fatalf("esc: %d matches left, focus %v", len(mm.reader.matches), mm.focus)
	}
}

// TestFindAcrossWrappedLines: a phrase the wrapping broke over two lines
// is one match with a part on each, and a blank line ends a paragraph.
func TestFindAcrossWrappedLines(t *testing.T) {
	lines := []string{
		"  Một câu rất dài nói về \x1b[1mmáy\x1b[0m  ",
		"  tính xách tay mới.",
		"",
		"  Máy tính bảng.",
	}
	ms := findIn(lines, "may tinh")
	if len(ms) != 2 {
		t.Fatalf("%d matches, want 2: %+v", len(ms), ms)
	}
	want := []findPart{{line: 0, start: 25, end: 28}, {line: 1, start: 2, end: 6}}
	if fmt.Sprint(ms[0].parts) != fmt.Sprint(want) {
		t.Fatalf("first match %+v, want %+v", ms[0].parts, want)
	}
	if p := ms[1].parts; len(p) != 1 || p[0].line != 3 || ansi.Cut(lines[3], p[0].start, p[0].end) != "Máy tính" {
		t.Fatalf("second match %+v", p)
	}
	if ms := findIn(lines, "tay moi may"); len(ms) != 0 {
		t.Fatalf("found across a blank line: %+v", ms)
	}
	// Both parts of the current match are drawn as the current one.
	r := readerPane{lines: lines, height: 4, width: 40}
	r.SetFind("may tinh")
	st := newStyles(true)
	for _, p := range r.matches[r.cur].parts {
		if got := r.highlight(p.line, lines[p.line], st); got == lines[p.line] {
			t.Fatalf("line %d of the current match is not highlighted", p.line)
		}
	}
}
