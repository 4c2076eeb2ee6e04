package ui

import (
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
		plain := ansi.Strip(mm.reader.lines[f.line])
		got := ansi.Cut(plain, f.start, f.end)
		if strings.ToLower(got) != "máy tính" {
			t.Fatalf("match on line %d is %q", f.line, got)
		}
	}
	m = press(t, m, "enter", "n")
	mm = m.(Model)
	if mm.reader.cur != 1 {
		t.Fatalf("n went to match %d", mm.reader.cur)
	}
	cur := mm.reader.matches[mm.reader.cur]
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
