package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/newsreader/newsreader/posts"
	"github.com/newsreader/newsreader/posts/watch"
)

func writeLivePost(t *testing.T, dir, name, title, date string) {
	t.Helper()
	body := "---\ntitle: \"" + title + "\"\ndate: " + date + "\ncategories: entries VN\n---\nThân bài.\n"
	if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestLiveFolderKeepsSelectionAndFilter(t *testing.T) {
	dir := t.TempDir()
	writeLivePost(t, dir, "a.md", "Tin A về chip", "2025-01-01")
	writeLivePost(t, dir, "b.md", "Tin B về chip", "2025-01-02")
	writeLivePost(t, dir, "c.md", "Tin C về pin", "2025-01-03")
	lib, err := posts.OpenDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	// The batches are given before the model starts and the channel is
	// closed, so the test's synchronous command runner never blocks.
	ch := make(chan watch.Batch, 1)
	writeLivePost(t, dir, "d.md", "Tin D về chip", "2025-01-04")
	writeLivePost(t, dir, "a.md", "Tin A về chip, đã sửa", "2025-01-01")
	if err := os.Remove(filepath.Join(dir, "c.md")); err != nil {
		t.Fatal(err)
	}
	m := newSized(t, lib, 120, 20, Options{})
	m = press(t, m, "/", "c", "h", "i", "p", "enter", "j") // filter, then select "Tin B"
	if sel := m.(Model).list.Selected(); sel == nil || sel.Title != "Tin A về chip" && sel.Title != "Tin B về chip" {
		t.Fatalf("selected %v", sel)
	}
	selected := m.(Model).list.Selected().Path
	ch <- watch.Batch{Changed: []string{"a.md", "d.md"}, Removed: []string{"c.md"}}
	close(ch)
	mm := m.(Model)
	mm.opts.Changes = ch
	m = send(t, mm, waitBatch(ch)())
	mm = m.(Model)
	var titles []string
	for _, p := range mm.list.items {
		titles = append(titles, p.Title)
	}
	want := []string{"Tin D về chip", "Tin B về chip", "Tin A về chip, đã sửa"}
	if fmt.Sprint(titles) != fmt.Sprint(want) {
		t.Fatalf("after the batch the filtered list is %q, want %q", titles, want)
	}
	if mm.list.Selected().Path != selected {
		t.Fatalf("selection moved from %s to %s", selected, mm.list.Selected().Path)
	}
	if len(mm.lib.Posts) != 3 {
		t.Fatalf("library has %d posts", len(mm.lib.Posts))
	}
}

func TestLiveFolderBurst(t *testing.T) {
	dir := t.TempDir()
	writeLivePost(t, dir, "first.md", "Bài đầu", "2024-12-31")
	lib, err := posts.OpenDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for i := 0; i < 1000; i++ {
		name := fmt.Sprintf("burst-%04d.md", i)
		writeLivePost(t, dir, name, fmt.Sprintf("Bài %d", i), "2025-02-01")
		names = append(names, name)
	}
	ch := make(chan watch.Batch, 1)
	ch <- watch.Batch{Changed: names}
	close(ch)
	m := newSized(t, lib, 120, 20, Options{Changes: ch})
	if n := len(m.(Model).list.items); n != 1001 {
		t.Fatalf("after a 1,000-file batch the list has %d posts", n)
	}
}

func TestMergeBatchesKeepsTheLastWord(t *testing.T) {
	b := mergeBatches(nil, watch.Batch{Changed: []string{"a.md", "b.md"}})
	b = mergeBatches(b, watch.Batch{Changed: []string{"b.md"}, Removed: []string{"a.md"}})
	b = mergeBatches(b, watch.Batch{Changed: []string{"c.md"}})
	if fmt.Sprint(b.Changed) != "[b.md c.md]" || fmt.Sprint(b.Removed) != "[a.md]" {
		t.Fatalf("changed %v removed %v", b.Changed, b.Removed)
	}
	b = mergeBatches(b, watch.Batch{Changed: []string{"a.md"}})
	if fmt.Sprint(b.Removed) != "[]" || len(b.Changed) != 3 {
		t.Fatalf("a file written again after removal: changed %v removed %v", b.Changed, b.Removed)
	}
}

func TestBatchArrivingWhileAnotherIsAppliedIsKept(t *testing.T) {
	dir := t.TempDir()
	writeLivePost(t, dir, "a.md", "Tin A", "2025-01-01")
	lib, err := posts.OpenDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	m := newSized(t, lib, 120, 20, Options{}).(Model)
	writeLivePost(t, dir, "b.md", "Tin B", "2025-01-02")
	writeLivePost(t, dir, "c.md", "Tin C", "2025-01-03")
	first := m.applyOrQueue(watch.Batch{Changed: []string{"b.md"}}) // in flight
	if cmd := m.applyOrQueue(watch.Batch{Changed: []string{"c.md"}}); cmd != nil {
		t.Fatal("a second batch started while the first was being applied")
	}
	got := send(t, m, first()).(Model)
	if n := len(got.lib.Posts); n != 3 {
		t.Fatalf("after both batches the library has %d posts, want 3", n)
	}
}

func TestEscOnPipedContentStaysPut(t *testing.T) {
	lib := posts.FromBytes("stdin", []byte("---\ntitle: \"Tin từ ống dẫn\"\n---\nThân bài.\n"))
	m := newSized(t, lib, 100, 20, Options{Open: lib.Posts[0]})
	m = press(t, m, "esc")
	if s := screen(m); strings.Contains(s, "Could not list") {
		t.Fatalf("esc on piped content tried to list a folder:\n%s", s)
	}
}

func TestFolderScannedAfterTheFirstScreen(t *testing.T) {
	dir := t.TempDir()
	writeLivePost(t, dir, "a.md", "Tin A", "2025-01-01")
	load := func() (*posts.Library, error) { return posts.OpenDir(dir) }
	m := New(posts.Pending(dir), testKeys(), Options{Style: "dark", Load: load})
	var tm tea.Model = send(t, m, tea.WindowSizeMsg{Width: 100, Height: 20})
	if s := screen(tm); !strings.Contains(s, "Loading") {
		t.Fatalf("before the scan:\n%s", s)
	}
	tm = send(t, tm, initMsg{m.Init()})
	if s := screen(tm); !strings.Contains(s, "Tin A") || !strings.Contains(s, "1 post") {
		t.Fatalf("after the scan:\n%s", s)
	}
}
