package watch

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// patience is how long a test waits for a batch before calling it lost;
// the Watcher promises half a second, so only a bug comes near it.
const patience = 5 * time.Second

// fastPoll keeps polling tests quick.
const fastPoll = 50 * time.Millisecond

// log gathers what a Watcher reported.
type log struct {
	t       *testing.T
	w       *Watcher
	fate    map[string]bool // true: last reported changed; false: removed
	all     map[string]bool // every path ever reported
	batches []Batch
}

func start(t *testing.T, dir string, opts Options) *log {
	t.Helper()
	w, err := New(dir, opts)
	if err != nil {
		t.Fatalf("New(%s): %v", dir, err)
	}
	t.Cleanup(func() {
		if err := w.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return &log{t: t, w: w, fate: map[string]bool{}, all: map[string]bool{}}
}

// until reads batches until done says the log has what the test waits
// for.
func (l *log) until(what string, done func() bool) {
	l.t.Helper()
	deadline := time.NewTimer(patience)
	defer deadline.Stop()
	for !done() {
		select {
		case b, ok := <-l.w.Batches():
			if !ok {
				l.t.Fatalf("Batches closed while waiting for %s", what)
			}
			l.batches = append(l.batches, b)
			for _, p := range b.Changed {
				l.fate[p], l.all[p] = true, true
			}
			for _, p := range b.Removed {
				l.fate[p], l.all[p] = false, true
			}
		case <-deadline.C:
			l.t.Fatalf("no batch with %s within %v; got %+v", what, patience, l.batches)
		}
	}
}

func (l *log) changed(paths ...string) {
	l.t.Helper()
	l.until("changed "+strings.Join(paths, ", "), func() bool {
		for _, p := range paths {
			if got, ok := l.fate[p]; !ok || !got {
				return false
			}
		}
		return true
	})
	for _, p := range paths {
		delete(l.fate, p) // so the next wait for p needs a new report
	}
}

func (l *log) removed(paths ...string) {
	l.t.Helper()
	l.until("removed "+strings.Join(paths, ", "), func() bool {
		for _, p := range paths {
			if got, ok := l.fate[p]; !ok || got {
				return false
			}
		}
		return true
	})
	for _, p := range paths {
		delete(l.fate, p)
	}
}

// never fails if any of paths was ever reported. Events arrive in order,
// so once a later change has been seen, an earlier one would have been.
func (l *log) never(paths ...string) {
	l.t.Helper()
	for _, p := range paths {
		if l.all[p] {
			l.t.Errorf("%s was reported; it is out of the scanner's view", p)
		}
	}
}

func write(t *testing.T, name, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func post(title string) string {
	return "---\ntitle: " + title + "\ndate: 2025-01-20\ncategories: entries EN\n---\nhttps://example.com/a\n"
}

// listing lists every file and folder under dir, to check that the
// Watcher left nothing behind.
func listing(t *testing.T, dir string) []string {
	t.Helper()
	var names []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		names = append(names, p)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return names
}

// exercise adds, changes, renames and removes posts in a folder that holds
// a.md, c.md and _site/, and checks each shows up. Polling and watching
// must tell the same story.
func exercise(t *testing.T, dir string, l *log) {
	write(t, filepath.Join(dir, "b.md"), post("B"))
	write(t, filepath.Join(dir, "tin-tức.markdown"), post("Tin"))
	l.changed("b.md", "tin-tức.markdown")

	// Out of view: hidden files and folders, _site, other extensions.
	write(t, filepath.Join(dir, ".draft.md"), post("hidden"))
	write(t, filepath.Join(dir, ".git", "x.md"), post("git"))
	write(t, filepath.Join(dir, "_site", "built.md"), post("site"))
	write(t, filepath.Join(dir, "image.png"), "png")
	write(t, filepath.Join(dir, "a.md"), post("A, edited at length"))
	l.changed("a.md")
	l.never(".draft.md", ".git/x.md", "_site/built.md", "image.png")

	if err := os.Rename(filepath.Join(dir, "c.md"), filepath.Join(dir, "d.md")); err != nil {
		t.Fatal(err)
	}
	l.removed("c.md")
	l.changed("d.md")

	if err := os.Remove(filepath.Join(dir, "a.md")); err != nil {
		t.Fatal(err)
	}
	l.removed("a.md")

	// A new folder, and a folder made with the file already in it.
	write(t, filepath.Join(dir, "2025", "01", "x.md"), post("X"))
	l.changed("2025/01/x.md")
	write(t, filepath.Join(dir, "2025", "01", "x.md"), post("X, edited"))
	l.changed("2025/01/x.md")
	write(t, filepath.Join(dir, "2025", "01", "y.txt"), post("Y"))
	l.changed("2025/01/y.txt")

	// A folder renamed within the tree, then removed.
	if err := os.Rename(filepath.Join(dir, "2025"), filepath.Join(dir, "archive")); err != nil {
		t.Fatal(err)
	}
	l.removed("2025/01/x.md", "2025/01/y.txt")
	l.changed("archive/01/x.md", "archive/01/y.txt")
	if err := os.RemoveAll(filepath.Join(dir, "archive")); err != nil {
		t.Fatal(err)
	}
	l.removed("archive/01/x.md", "archive/01/y.txt")
}

func fixture(t *testing.T) (dir string, before []string) {
	dir = t.TempDir()
	write(t, filepath.Join(dir, "a.md"), post("A"))
	write(t, filepath.Join(dir, "c.md"), post("C"))
	write(t, filepath.Join(dir, "_site", "old.md"), post("old"))
	return dir, listing(t, dir)
}

func TestWatchReportsChanges(t *testing.T) {
	dir, _ := fixture(t)
	l := start(t, dir, Options{})
	exercise(t, dir, l)
	for _, b := range l.batches {
		if b.Polling || b.Rescan || b.Err != nil || b.Note != "" {
			t.Errorf("batch %+v: want plain watching", b)
		}
	}
}

func TestPollingReportsChanges(t *testing.T) {
	dir, _ := fixture(t)
	l := start(t, dir, Options{ForcePolling: true, PollInterval: fastPoll})
	l.until("the polling note", func() bool { return len(l.batches) > 0 })
	if b := l.batches[0]; !b.Polling || !strings.Contains(b.Note, "rescanning every 50 ms") || b.Rescan {
		t.Errorf("first batch %+v: want Polling and a note, no Rescan", b)
	}
	exercise(t, dir, l)
	for _, b := range l.batches {
		if !b.Polling || b.Note == "" {
			t.Errorf("batch %+v: want Polling with a note", b)
		}
	}
}

func TestWatcherNeverWrites(t *testing.T) {
	for _, opts := range []Options{{}, {ForcePolling: true, PollInterval: fastPoll}} {
		dir, before := fixture(t)
		l := start(t, dir, opts)
		write(t, filepath.Join(dir, "b.md"), post("B"))
		l.changed("b.md")
		if err := os.Remove(filepath.Join(dir, "b.md")); err != nil {
			t.Fatal(err)
		}
		l.removed("b.md")
		if after := listing(t, dir); !slices.Equal(before, after) {
			t.Errorf("polling=%v: the folder went from %v to %v", opts.ForcePolling, before, after)
		}
	}
}

// TestBurst writes a thousand posts as fast as it can, as a git pull
// would, while the batches are being read: the UI is always waiting for
// the next one, so only the quiet period keeps them few.
func TestBurst(t *testing.T) {
	dir := t.TempDir()
	l := start(t, dir, Options{})
	var want []string
	for i := range 1000 {
		want = append(want, fmt.Sprintf("2025/%02d/post-%04d.md", i%12+1, i))
	}
	wrote := make(chan error, 1)
	go func() {
		for _, name := range want {
			full := filepath.Join(dir, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
				wrote <- err
				return
			}
			if err := os.WriteFile(full, []byte(post(name)), 0o644); err != nil {
				wrote <- err
				return
			}
		}
		wrote <- nil
	}()
	l.changed(want...)
	if err := <-wrote; err != nil {
		t.Fatal(err)
	}
	// Coalescing makes this a handful, writing slowly on a loaded machine
	// a few more; without it there would be one per file.
	if n := len(l.batches); n > 10 {
		t.Errorf("1000 files came in %d batches, want a handful", n)
	}
	t.Logf("1000 files in %d batches", len(l.batches))
	for _, b := range l.batches {
		if b.Rescan || b.Err != nil {
			t.Errorf("batch lost track: %+v", b)
		}
	}
}

// TestMaxDelay keeps a file busy with writes closer together than the
// quiet period: a batch must still come while they go on, or a folder
// that never settles would never update.
func TestMaxDelay(t *testing.T) {
	dir := t.TempDir()
	l := start(t, dir, Options{Quiet: time.Second, MaxDelay: 100 * time.Millisecond})
	stop, gaveUp := make(chan struct{}), make(chan struct{})
	done := make(chan error, 1)
	go func() {
		giveUp := time.After(3 * time.Second)
		for i := 0; ; i++ {
			select {
			case <-stop:
				done <- nil
				return
			case <-giveUp:
				close(gaveUp)
				done <- nil
				return
			case <-time.After(20 * time.Millisecond):
			}
			if err := os.WriteFile(filepath.Join(dir, "busy.md"), []byte(post(fmt.Sprint(i))), 0o644); err != nil {
				done <- err
				return
			}
		}
	}()
	l.until("a batch", func() bool { return len(l.batches) > 0 })
	select {
	case <-gaveUp:
		t.Error("no batch came while the writes went on")
	default:
	}
	close(stop)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

// TestFolderMovedIn brings a thousand posts at once in a folder renamed
// into the tree: one event, so exactly one batch.
func TestFolderMovedIn(t *testing.T) {
	dir, outside := t.TempDir(), t.TempDir()
	var want []string
	for i := range 1000 {
		name := fmt.Sprintf("sub%d/p%04d.md", i%3, i)
		want = append(want, "incoming/"+name)
		write(t, filepath.Join(outside, "incoming", filepath.FromSlash(name)), post(name))
	}
	l := start(t, dir, Options{})
	if err := os.Rename(filepath.Join(outside, "incoming"), filepath.Join(dir, "incoming")); err != nil {
		t.Fatal(err)
	}
	l.changed(want...)
	if len(l.batches) != 1 {
		t.Errorf("got %d batches, want 1", len(l.batches))
	}
	// The watches are in place: a change deep inside shows up.
	write(t, filepath.Join(dir, "incoming", "sub2", "p0002.md"), post("edited"))
	l.changed("incoming/sub2/p0002.md")

	// Renamed out of the tree, its files are gone, and its old watches
	// say nothing more about them.
	if err := os.Rename(filepath.Join(dir, "incoming"), filepath.Join(outside, "left")); err != nil {
		t.Fatal(err)
	}
	l.removed(want...)
	write(t, filepath.Join(outside, "left", "sub1", "p0001.md"), post("edited outside"))
	write(t, filepath.Join(dir, "marker.md"), post("marker"))
	l.changed("marker.md")
	if got, ok := l.fate["incoming/sub1/p0001.md"]; ok {
		t.Errorf("a file moved out of the tree was reported again (changed=%v)", got)
	}
	// Its events would be stat'ed at a path that no longer exists and
	// dropped, so only the watch list shows a leak.
	for _, p := range l.w.fsw.WatchList() {
		if strings.Contains(p, "incoming") {
			t.Errorf("still watching %s after it left the tree", p)
		}
	}
}

// TestOtherAddErrorsSkipFolder: a folder that can't be watched because it
// vanished or can't be read is left out, as the scanner leaves it out,
// and the Watcher goes on watching.
func TestSymlinkedFolders(t *testing.T) {
	dir, outside := t.TempDir(), t.TempDir()
	write(t, filepath.Join(dir, "sub", "a.md"), post("A"))
	write(t, filepath.Join(outside, "o.md"), post("O"))
	if err := os.Symlink(dir, filepath.Join(dir, "sub", "loop")); err != nil {
		t.Skipf("no symlinks here: %v", err)
	}
	if err := os.Symlink(outside, filepath.Join(dir, "ext")); err != nil {
		t.Fatal(err)
	}
	for _, opts := range []Options{{}, {ForcePolling: true, PollInterval: fastPoll}} {
		l := start(t, dir, opts)
		write(t, filepath.Join(outside, "o.md"), post(fmt.Sprintf("O, edited (polling=%v)", opts.ForcePolling)))
		l.changed("ext/o.md")
		write(t, filepath.Join(dir, "sub", "b.md"), post("B"))
		l.changed("sub/b.md")
		for p := range l.all {
			if strings.Contains(p, "loop") {
				t.Errorf("polling=%v: %s reported through the loop", opts.ForcePolling, p)
			}
		}
		if err := os.Remove(filepath.Join(dir, "sub", "b.md")); err != nil {
			t.Fatal(err)
		}
		l.removed("sub/b.md")
	}
}

func TestNewErrors(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "a.md")
	write(t, file, post("A"))
	for _, name := range []string{filepath.Join(dir, "missing"), file} {
		if w, err := New(name, Options{}); err == nil {
			w.Close()
			t.Errorf("New(%s) succeeded, want an error", name)
		}
	}
}

func TestCloseEndsBatches(t *testing.T) {
	w, err := New(t.TempDir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	select {
	case b, ok := <-w.Batches():
		if ok {
			t.Errorf("got %+v after Close", b)
		}
	case <-time.After(patience):
		t.Error("Batches not closed by Close")
	}
}

// TestEmitMerges: while the UI hasn't taken a batch, later changes join
// it, each path by its latest fate.
func TestIgnored(t *testing.T) {
	for rel, want := range map[string]bool{
		"a.md": false, "2025/01/a.md": false, ".a.md": true, ".git/a.md": true,
		"_site/a.md": true, "x/node_modules/y/a.md": true, "x/_sites/a.md": false,
	} {
		if got := ignored(rel); got != want {
			t.Errorf("ignored(%q) = %v, want %v", rel, got, want)
		}
	}
}
