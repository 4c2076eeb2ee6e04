package ui

import (
	"flag"
	"fmt"
	"io/fs"
	"strings"
	"testing"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/newsreader/newsreader/posts"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// testKeys mirrors the defaults of package main, which tests can't import.
func testKeys() KeyMap {
	b := func(keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(keys[0], keys[0]))
	}
	return KeyMap{
		Up: b("k", "up"), Down: b("j", "down"), Top: b("g", "home"), Bottom: b("G", "end"),
		PageUp: b("pgup", "b"), PageDown: b("pgdown", "f", "space"), HalfUp: b("ctrl+u"), HalfDown: b("ctrl+d"),
		Open: b("enter", "l", "right"), Back: b("esc", "h", "left"), SwitchFocus: b("tab"),
		NextPost: b("J"), PrevPost: b("K"), Help: b("?"), Quit: b("q"), ForceQuit: b("ctrl+c"),
		ToggleRead: b("m"), MarkAllRead: b("M"), NextUnread: b("u"), ToggleStar: b("*"),
		OpenLink: b("o"), CopyLink: b("y"), Links: b("v"), Edit: b("e"),
		Search: b("/"), CycleLang: b("L"), CycleSort: b("s"), Twin: b("t"),
		FindNext: b("n"), FindPrev: b("N"),
	}
}

// testNow is the clock of UI tests: a fixed day after every sample post.
var testNow = time.Date(2025, 7, 1, 12, 0, 0, 0, time.UTC)

func sampleLib(t testing.TB) *posts.Library {
	t.Helper()
	lib, err := posts.Scan(posts.Samples(), "samples")
	if err != nil {
		t.Fatal(err)
	}
	return lib
}

// send runs Update and then, synchronously, every command it returns, the
// way the Bubble Tea runtime would, but in order and without goroutines.
func send(t testing.TB, m tea.Model, msg tea.Msg) tea.Model {
	t.Helper()
	var cmds []tea.Cmd
	var cmd tea.Cmd
	if im, ok := msg.(initMsg); ok {
		cmds = append(cmds, im.cmd)
	} else {
		m, cmd = m.Update(msg)
		cmds = append(cmds, cmd)
	}
	for n := 0; len(cmds) > 0; n++ {
		if n > 1000 {
			t.Fatal("commands never settle")
		}
		c := cmds[0]
		cmds = cmds[1:]
		if c == nil {
			continue
		}
		switch msg := c().(type) {
		case tea.BatchMsg:
			cmds = append(cmds, msg...)
		case nil:
		case tea.QuitMsg:
			return m
		default:
			m, cmd = m.Update(msg)
			cmds = append(cmds, cmd)
		}
	}
	return m
}

// initMsg makes send run a model's Init command like any other.
type initMsg struct{ cmd tea.Cmd }

func press(t testing.TB, m tea.Model, keys ...string) tea.Model {
	t.Helper()
	for _, k := range keys {
		m = send(t, m, keyMsg(k))
	}
	return m
}

func keyMsg(k string) tea.KeyPressMsg {
	switch k {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "end":
		return tea.KeyPressMsg{Code: tea.KeyEnd}
	case "ctrl+d":
		return tea.KeyPressMsg{Code: 'd', Mod: tea.ModCtrl}
	}
	r := []rune(k)
	return tea.KeyPressMsg{Code: r[0], Text: k}
}

func screen(m tea.Model) string {
	return ansi.Strip(m.(Model).View().Content)
}

func newSized(t testing.TB, lib *posts.Library, w, h int, opts Options) tea.Model {
	t.Helper()
	if opts.Style == "" {
		opts.Style = "dark"
	}
	if opts.Now == nil {
		opts.Now = func() time.Time { return testNow }
	}
	m := New(lib, testKeys(), opts)
	var tm tea.Model = m
	if cmd := m.Init(); cmd != nil {
		tm = send(t, tm, initMsg{cmd})
	}
	return send(t, tm, tea.WindowSizeMsg{Width: w, Height: h})
}

func TestNothingDrawnBeforeSize(t *testing.T) {
	m := New(sampleLib(t), testKeys(), Options{Style: "dark"})
	if c := m.View().Content; c != "" {
		t.Fatalf("view before the first size: %q", c)
	}
}

func TestScreenIsExactlyTheWindow(t *testing.T) {
	lib := sampleLib(t)
	for _, sz := range [][2]int{{120, 40}, {80, 24}, {79, 24}, {60, 20}, {40, 10}, {20, 5}, {19, 4}, {1, 1}, {0, 0}, {300, 100}} {
		m := newSized(t, lib, sz[0], sz[1], Options{})
		for _, keys := range [][]string{nil, {"j", "enter"}, {"?"}} {
			m = press(t, m, keys...)
			lines := strings.Split(screen(m), "\n")
			if sz[1] > 0 && len(lines) != sz[1] {
				t.Errorf("%dx%d after %v: %d lines", sz[0], sz[1], keys, len(lines))
			}
			for i, ln := range lines {
				if w := ansi.StringWidth(ln); w > sz[0] {
					t.Errorf("%dx%d after %v: line %d is %d wide: %q", sz[0], sz[1], keys, i, w, ln)
				}
			}
		}
	}
}

func TestNavigationMovesSelectionAndPreviews(t *testing.T) {
	lib := sampleLib(t)
	m := newSized(t, lib, 120, 40, Options{})
	if got := m.(Model).list.Selected(); got != lib.Posts[0] {
		t.Fatalf("first selection = %v", got.Path)
	}
	if !strings.Contains(screen(m), lib.Posts[0].Title) {
		t.Fatalf("preview of the first post missing:\n%s", screen(m))
	}
	m = press(t, m, "j", "j")
	mm := m.(Model)
	if mm.list.Selected() != lib.Posts[2] {
		t.Fatalf("after jj selected %s", mm.list.Selected().Path)
	}
	if mm.reader.post != lib.Posts[2] || !mm.reader.have {
		t.Fatalf("reader shows %v (have=%v), want %s", mm.reader.post, mm.reader.have, lib.Posts[2].Path)
	}
	m = press(t, m, "G")
	if m.(Model).list.Selected() != lib.Posts[len(lib.Posts)-1] {
		t.Fatal("G did not reach the last post")
	}
	m = press(t, m, "g", "k")
	if m.(Model).list.cursor != 0 {
		t.Fatal("k at the top moved past it")
	}
}

func TestOpenScrollsReaderAndBackReturns(t *testing.T) {
	lib := sampleLib(t)
	long := -1
	for i, p := range lib.Posts {
		if strings.Contains(p.Path, "huong-dan") {
			long = i
		}
	}
	if long < 0 {
		t.Fatal("the long sample post is missing")
	}
	m := newSized(t, lib, 120, 40, Options{})
	for i := 0; i < long; i++ {
		m = press(t, m, "j")
	}
	m = press(t, m, "enter")
	if m.(Model).focus != focusReader {
		t.Fatal("enter did not focus the reader")
	}
	m = press(t, m, "j", "j", "j")
	if off := m.(Model).reader.offset; off != 3 {
		t.Fatalf("reader offset after jjj = %d", off)
	}
	if m.(Model).list.cursor != long {
		t.Fatal("j in the reader moved the list")
	}
	m = press(t, m, "J")
	if m.(Model).list.cursor != long+1 || m.(Model).reader.offset != 0 {
		t.Fatalf("J: cursor %d offset %d", m.(Model).list.cursor, m.(Model).reader.offset)
	}
	m = press(t, m, "esc")
	if m.(Model).focus != focusList {
		t.Fatal("esc did not return to the list")
	}
}

func TestNarrowShowsOnePane(t *testing.T) {
	lib := sampleLib(t)
	m := newSized(t, lib, 60, 20, Options{})
	s := screen(m)
	if strings.Contains(s, "│") || !strings.Contains(s, ansi.Truncate(lib.Posts[1].Title, 10, "")) {
		t.Fatalf("narrow list screen:\n%s", s)
	}
	m = press(t, m, "enter")
	s = screen(m)
	if !strings.Contains(s, "Source:") {
		t.Fatalf("narrow reader screen:\n%s", s)
	}
}

func TestStaleRenderIsNotShown(t *testing.T) {
	lib := sampleLib(t)
	m := newSized(t, lib, 120, 40, Options{}).(Model)
	old := m.reader.want
	m2, _ := m.Update(tea.KeyPressMsg{Code: 'j', Text: "j"}) // wants post 1; its render is not run
	stale := renderedMsg{key: old, lines: []string{"STALE"}}
	m3, _ := m2.Update(stale)
	if strings.Contains(screen(m3), "STALE") {
		t.Fatal("a rendering for a post no longer selected was shown")
	}
}

func TestMouseClickSelectsAndWheelScrolls(t *testing.T) {
	lib := sampleLib(t)
	m := newSized(t, lib, 120, 40, Options{})
	m = send(t, m, tea.MouseClickMsg{X: 5, Y: headerHeight + 3, Button: tea.MouseLeft})
	if m.(Model).list.cursor != 3 {
		t.Fatalf("click on row 3 selected %d", m.(Model).list.cursor)
	}
	m = send(t, m, tea.MouseWheelMsg{X: 100, Y: 10, Button: tea.MouseWheelDown})
	if m.(Model).reader.offset == 0 {
		t.Fatal("wheel over the reader did not scroll it")
	}
	if m.(Model).list.cursor != 3 {
		t.Fatal("wheel over the reader moved the list")
	}
}

func TestLightBackgroundSwitchesStyle(t *testing.T) {
	lib := sampleLib(t)
	m := newSized(t, lib, 120, 40, Options{Style: "auto"})
	if m.(Model).glamourStyle() != "dark" {
		t.Fatal("auto is not dark by default")
	}
	m = send(t, m, tea.BackgroundColorMsg{Color: whiteColor{}})
	mm := m.(Model)
	if mm.glamourStyle() != "light" || mm.reader.want.style != "light" || !mm.reader.have {
		t.Fatalf("after a light background: style %q, want %+v have %v", mm.glamourStyle(), mm.reader.want, mm.reader.have)
	}
}

type whiteColor struct{}

func (whiteColor) RGBA() (r, g, b, a uint32) { return 0xffff, 0xffff, 0xffff, 0xffff }

func TestGoldenScreens(t *testing.T) {
	lib := sampleLib(t)
	for _, tc := range []struct {
		name string
		w, h int
		keys []string
	}{
		{"list-120x40", 120, 40, nil},
		{"reader-120x40", 120, 40, []string{"j", "j", "enter"}},
		{"list-60x20", 60, 20, nil},
		{"reader-60x20", 60, 20, []string{"j", "enter"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := press(t, newSized(t, lib, tc.w, tc.h, Options{}), tc.keys...)
			golden(t, tc.name, screen(m))
		})
	}
}

// panicFS is a folder whose files make reading them panic, standing in
// for a bug set off by one post.
type panicFS struct{}

func (panicFS) Open(name string) (fs.File, error) { panic("boom in " + name) }

func TestPanicWhileRenderingStaysInItsPane(t *testing.T) {
	p := &posts.Post{Path: "hỏng.md", Title: "Bài hỏng"}
	lib := &posts.Library{FS: panicFS{}, Root: "x", Posts: []*posts.Post{p}}
	m := newSized(t, lib, 100, 20, Options{})
	s := screen(m)
	if !strings.Contains(s, "failed while showing") || !strings.Contains(s, "hỏng.md") {
		t.Fatalf("the pane does not report the failure:\n%s", s)
	}
	m = press(t, m, "j", "?")
	if !m.(Model).showHelp {
		t.Fatal("the reader stopped responding after the failure")
	}
}

func TestHelpShowsEveryKeyInANarrowWindow(t *testing.T) {
	m := press(t, newSized(t, sampleLib(t), 50, 40, Options{}), "?")
	s := screen(m)
	for _, k := range []string{"q", "e", "*", "t", "K", "ctrl+d"} {
		found := false
		for _, ln := range strings.Split(s, "\n")[1:] {
			if strings.HasPrefix(strings.TrimSpace(ln), k+" ") || strings.Contains(ln, "  "+k+" ") {
				found = true
			}
		}
		if !found {
			t.Errorf("help at 50 columns does not show %q:\n%s", k, s)
		}
	}
}

// TestHelpScrollsInAShortWindow: when the help does not fit, movement
// keys scroll it, a line says which part is shown, and nothing moves
// behind it.
func TestHelpScrollsInAShortWindow(t *testing.T) {
	m := newSized(t, sampleLib(t), 100, 6, Options{})
	sel := m.(Model).list.Selected()
	m = press(t, m, "?")
	mm := m.(Model)
	all := len(mm.helpLines())
	page := m.(Model).bodyHeight() - 1
	if all <= page+1 {
		t.Fatalf("the help (%d lines) fits in %d; make the window shorter", all, page+1)
	}
	want := func(first, last int) {
		t.Helper()
		line := fmt.Sprintf("lines %d–%d of %d", first, last, all)
		if s := screen(m); !strings.Contains(s, line) {
			t.Fatalf("want %q on screen:\n%s", line, s)
		}
	}
	want(1, page)
	m = press(t, m, "j")
	want(2, page+1)
	m = press(t, m, "G")
	want(all-page+1, all)
	m = press(t, m, "k") // moves at once, from the end
	want(all-page, all-1)
	if got := m.(Model).list.Selected(); got != sel {
		t.Fatalf("the list moved behind the help: %v, was %v", got.Path, sel.Path)
	}
	// The wheel scrolls the help too, not the list behind it.
	m = send(t, m, tea.MouseWheelMsg{Button: tea.MouseWheelUp, X: 1, Y: 2})
	want(all-page-3, all-4)
	if got := m.(Model).list.Selected(); got != sel {
		t.Fatalf("the wheel moved the list behind the help")
	}
	// Scrolled to the end, then the window grows: the first key up moves.
	m = press(t, m, "G")
	m = send(t, m, tea.WindowSizeMsg{Width: 100, Height: 7})
	page = m.(Model).bodyHeight() - 1
	m = press(t, m, "k")
	want(all-page, all-1)
	m = press(t, m, "esc")
	if m.(Model).showHelp {
		t.Fatal("esc did not close the help")
	}
}

// TestHelpGroupWiderThanTheWindow: a group of keys wider than the window
// is cut at its edge, not replaced by "…", so its keys still show.
func TestHelpGroupWiderThanTheWindow(t *testing.T) {
	keys := testKeys()
	keys.Open = key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "read the post in the reading pane"))
	var m tea.Model = New(sampleLib(t), keys, Options{Style: "dark", Now: func() time.Time { return testNow }})
	m = send(t, m, tea.WindowSizeMsg{Width: 24, Height: 60})
	m = press(t, m, "?")
	s := screen(m)
	if !strings.Contains(s, "enter read the post") || !strings.Contains(s, "esc   esc") {
		t.Fatalf("the group with the long description is not shown, cut:\n%s", s)
	}
	for _, ln := range strings.Split(s, "\n") {
		if ansi.StringWidth(ln) > 24 {
			t.Fatalf("a help line is wider than the window: %q", ln)
		}
	}
}
