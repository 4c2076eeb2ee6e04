package ui

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/newsreader/newsreader/posts"
	"github.com/newsreader/newsreader/posts/state"
)

func TestReadMarksAndBookmarks(t *testing.T) {
	lib := sampleLib(t)
	path := filepath.Join(t.TempDir(), "state.db")
	m := newSized(t, lib, 120, 30, Options{StatePath: path})
	mm := m.(Model)
	if !mm.marks.enabled() {
		t.Fatalf("no store: %s", mm.status)
	}
	n := len(lib.Posts)
	if !strings.Contains(screen(m), "13 unread") {
		t.Fatalf("header does not count unread:\n%s", strings.SplitN(screen(m), "\n", 2)[0])
	}
	// Previewing in the list doesn't mark; opening does.
	m = press(t, m, "j")
	if markOf(m, lib.Posts[1]).Read {
		t.Fatal("moving in the list marked a post read")
	}
	m = press(t, m, "enter")
	if !markOf(m, lib.Posts[1]).Read || m.(Model).marks.unread != n-1 {
		t.Fatal("opening did not mark the post read")
	}
	m = press(t, m, "J") // the next post, read in the reader
	if !markOf(m, lib.Posts[2]).Read {
		t.Fatal("J in the reader did not mark the next post read")
	}
	m = press(t, m, "*", "esc", "g", "u")
	mm = m.(Model)
	if !markOf(mm, lib.Posts[2]).Starred {
		t.Fatal("* did not bookmark")
	}
	if mm.list.cursor != 3 {
		t.Fatalf("u from the top went to %d, want 3 (0 is unread: it is the first)", mm.list.cursor)
	}
	// is: filters.
	m = press(t, m, "/", "i", "s", ":", "s", "t", "a", "r", "r", "e", "d", "enter")
	if items := m.(Model).list.items; len(items) != 1 || items[0] != lib.Posts[2] {
		t.Fatalf("is:starred listed %d posts", len(items))
	}
	m = press(t, m, "esc", "/", "i", "s", ":", "u", "n", "r", "e", "a", "d", "enter")
	if got := len(m.(Model).list.items); got != n-2 {
		t.Fatalf("is:unread listed %d, want %d", got, n-2)
	}
	m = press(t, m, "M", "esc")
	if m.(Model).marks.unread != 0 {
		t.Fatalf("M left %d unread", m.(Model).marks.unread)
	}
	// The marks are in the store: a new reader sees them.
	if err := m.(Model).Close(); err != nil { // waits for the queued writes
		t.Fatal(err)
	}
	st, _, err := state.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	all, err := st.Load()
	if err != nil {
		t.Fatal(err)
	}
	read, starred := 0, 0
	for _, mk := range all {
		if mk.Read {
			read++
		}
		if mk.Starred {
			starred++
		}
	}
	// Twins sharing a source link are one story: one mark covers both.
	stories := map[string]bool{}
	for _, p := range lib.Posts {
		stories[state.PostID(*p)] = true
	}
	if read != len(stories) || starred != 1 {
		t.Fatalf("store has %d read and %d starred, want %d and 1", read, starred, len(stories))
	}
}

func TestToggleReadInReaderGoesBack(t *testing.T) {
	lib := sampleLib(t)
	m := newSized(t, lib, 120, 30, Options{StatePath: filepath.Join(t.TempDir(), "s.db")})
	m = press(t, m, "enter", "m")
	mm := m.(Model)
	if markOf(mm, lib.Posts[0]).Read || mm.focus != focusList {
		t.Fatalf("m in the reader: read=%v focus=%v", markOf(mm, lib.Posts[0]).Read, mm.focus)
	}
}

func TestUnusableStoreLeavesTheReaderWorking(t *testing.T) {
	lib := sampleLib(t)
	dir := t.TempDir()
	m := newSized(t, lib, 120, 30, Options{StatePath: dir}) // a folder, not a file
	mm := m.(Model)
	if mm.marks.enabled() || !strings.Contains(screen(m), "read marks are off") {
		t.Fatalf("store on a folder: enabled=%v\n%s", mm.marks.enabled(), screen(m))
	}
	m = press(t, m, "j", "enter", "m", "*")
	if m.(Model).list.cursor != 1 {
		t.Fatal("keys stopped working without a store")
	}
}

func markOf(m tea.Model, p *posts.Post) state.Mark {
	mk := m.(Model).marks
	return mk.get(p)
}

func TestMarksReachTheStoreInOrder(t *testing.T) {
	lib := sampleLib(t)
	path := filepath.Join(t.TempDir(), "s.db")
	m := newSized(t, lib, 120, 30, Options{StatePath: path})
	for i := 0; i < 9; i++ { // read, unread, … : an odd count leaves it read
		m = press(t, m, "m")
	}
	m = press(t, m, "*", "*", "*")
	if err := m.(Model).Close(); err != nil {
		t.Fatal(err)
	}
	st, _, err := state.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	all, _ := st.Load()
	mk := all[state.PostID(*lib.Posts[0])]
	if !mk.Read || !mk.Starred {
		t.Fatalf("after 9×m and 3×* the store has %+v, want read and starred", mk)
	}
}

func TestRowsRedrawnWhenTheStoreOpens(t *testing.T) {
	lib := sampleLib(t)
	path := filepath.Join(t.TempDir(), "s.db")
	st, _, err := state.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.SetRead(state.PostID(*lib.Posts[1]), true); err != nil {
		t.Fatal(err)
	}
	st.Close()
	opts := Options{Style: "dark", Now: func() time.Time { return testNow }, StatePath: path}
	row := func(tm tea.Model) string { return strings.Split(tm.(Model).View().Content, "\n")[2] }

	// Drawn once before the store opens, then after.
	m := New(lib, testKeys(), opts)
	var late tea.Model = send(t, m, tea.WindowSizeMsg{Width: 120, Height: 30})
	before := row(late)
	late = send(t, late, initMsg{m.Init()})
	// Drawn only after.
	fresh := newSized(t, lib, 120, 30, opts)
	if row(late) != row(fresh) {
		t.Fatalf("a read post's row drawn before the store opened was reused:\n%q\nwant\n%q", row(late), row(fresh))
	}
	if before == row(fresh) {
		t.Fatal("the test shows nothing: the row looks the same with and without marks")
	}
}
