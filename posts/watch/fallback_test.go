package watch

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"
)

func TestWatchLimitAtStart(t *testing.T) {
	dir, _ := fixture(t)
	l := start(t, dir, Options{
		PollInterval: fastPoll,
		FailAdd:      func(string) error { return syscall.ENOSPC },
	})
	l.until("the polling note", func() bool { return len(l.batches) > 0 })
	b := l.batches[0]
	if !b.Polling || b.Rescan || !strings.Contains(b.Note, "limit") {
		t.Errorf("first batch %+v: want Polling, no Rescan, a note about the limit", b)
	}
	exercise(t, dir, l)
}

func TestWatchLimitLater(t *testing.T) {
	dir, _ := fixture(t)
	var calls atomic.Int32
	l := start(t, dir, Options{
		PollInterval: fastPoll,
		FailAdd: func(dir string) error {
			calls.Add(1)
			if filepath.Base(dir) == "full" {
				return fmt.Errorf("add watch: %w", syscall.ENOSPC)
			}
			return nil
		},
	})
	write(t, filepath.Join(dir, "b.md"), post("B"))
	l.changed("b.md")
	if err := os.Mkdir(filepath.Join(dir, "full"), 0o755); err != nil {
		t.Fatal(err)
	}
	l.until("the switch to polling", func() bool {
		return slices.ContainsFunc(l.batches, func(b Batch) bool { return b.Polling })
	})
	i := slices.IndexFunc(l.batches, func(b Batch) bool { return b.Polling })
	if b := l.batches[i]; !b.Rescan || !strings.Contains(b.Note, "rescanning") {
		t.Errorf("batch %+v: want Rescan and a note", b)
	}
	if calls.Load() < 2 {
		t.Errorf("FailAdd was called %d times, want once per folder", calls.Load())
	}
	// Polling now sees what watching would have.
	write(t, filepath.Join(dir, "full", "x.md"), post("X"))
	l.changed("full/x.md")
	if err := os.Remove(filepath.Join(dir, "b.md")); err != nil {
		t.Fatal(err)
	}
	l.removed("b.md")
}

func TestOtherAddErrorsSkipFolder(t *testing.T) {
	dir, _ := fixture(t)
	l := start(t, dir, Options{FailAdd: func(dir string) error {
		if filepath.Base(dir) == "locked" {
			return &fs.PathError{Op: "inotify_add_watch", Path: dir, Err: fs.ErrPermission}
		}
		return nil
	}})
	write(t, filepath.Join(dir, "locked", "x.md"), post("X"))
	write(t, filepath.Join(dir, "b.md"), post("B"))
	l.changed("b.md")
	for _, b := range l.batches {
		if b.Polling || b.Rescan {
			t.Errorf("batch %+v: a locked folder made the Watcher give up", b)
		}
	}
}

func TestRootRemoved(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "posts")
	write(t, filepath.Join(dir, "a.md"), post("A"))
	write(t, filepath.Join(dir, "sub", "b.md"), post("B"))
	l := start(t, dir, Options{PollInterval: fastPoll})
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	l.removed("a.md", "sub/b.md")
	l.until("the switch to polling", func() bool {
		return slices.ContainsFunc(l.batches, func(b Batch) bool { return b.Polling && b.Err != nil })
	})
	// Put back, it is found again.
	write(t, filepath.Join(dir, "a.md"), post("A again"))
	l.changed("a.md")
}

func TestEmitMerges(t *testing.T) {
	w := &Watcher{}
	w.emit(Batch{Changed: []string{"a.md", "b.md"}, Removed: []string{"c.md"}})
	w.emit(Batch{Changed: []string{"c.md"}, Removed: []string{"a.md", "d.md"}, Err: errors.New("one")})
	w.emit(Batch{Err: errors.New("two")})
	got := *w.ready
	if !slices.Equal(got.Changed, []string{"b.md", "c.md"}) || !slices.Equal(got.Removed, []string{"a.md", "d.md"}) {
		t.Errorf("merged to changed %v removed %v", got.Changed, got.Removed)
	}
	if got.Err == nil || !strings.Contains(got.Err.Error(), "one") || !strings.Contains(got.Err.Error(), "two") {
		t.Errorf("Err = %v, want both errors", got.Err)
	}
	w.emit(Batch{Rescan: true, Polling: true, Note: "n"})
	got = *w.ready
	if !got.Rescan || !got.Polling || got.Note != "n" || got.Changed != nil || got.Removed != nil {
		t.Errorf("after a rescan batch: %+v, want Rescan with no lists", got)
	}
}

func TestDiff(t *testing.T) {
	t0 := time.Date(2025, 1, 20, 10, 0, 0, 0, time.UTC)
	before := map[string]stamp{"same.md": {1, t0}, "size.md": {1, t0}, "time.md": {1, t0}, "gone.md": {1, t0}}
	now := map[string]stamp{"same.md": {1, t0}, "size.md": {2, t0}, "time.md": {1, t0.Add(time.Nanosecond)}, "new.md": {1, t0}}
	changed, removed := diff(before, now)
	if !slices.Equal(changed, []string{"new.md", "size.md", "time.md"}) || !slices.Equal(removed, []string{"gone.md"}) {
		t.Errorf("diff = %v, %v", changed, removed)
	}
}

func TestFormatInterval(t *testing.T) {
	for d, want := range map[time.Duration]string{
		2 * time.Second: "2 s", 1500 * time.Millisecond: "1.5 s", 50 * time.Millisecond: "50 ms",
	} {
		if got := formatInterval(d); got != want {
			t.Errorf("formatInterval(%v) = %q, want %q", d, got, want)
		}
	}
}

// TestOverflow: when the system's queue overflows, the UI is told to
// rescan, and watching goes on with the tree walked afresh.
func TestOverflow(t *testing.T) {
	dir, _ := fixture(t)
	write(t, filepath.Join(dir, "sub", "x.md"), post("X"))
	l := start(t, dir, Options{})
	// The queue can't be overflowed on purpose without root, so the
	// error is sent where fsnotify would send it.
	l.w.fsw.Errors <- fsnotify.ErrEventOverflow
	l.until("a rescan", func() bool {
		return slices.ContainsFunc(l.batches, func(b Batch) bool { return b.Rescan })
	})
	for _, b := range l.batches {
		if b.Polling || len(b.Changed)+len(b.Removed) > 0 {
			t.Errorf("batch %+v: want a bare Rescan, still watching", b)
		}
	}
	write(t, filepath.Join(dir, "sub", "x.md"), post("X, edited"))
	l.changed("sub/x.md")
	if err := os.RemoveAll(filepath.Join(dir, "sub")); err != nil {
		t.Fatal(err)
	}
	l.removed("sub/x.md")
}
