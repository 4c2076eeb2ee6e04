package state

import (
	"bytes"
	"crypto/rand"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// openT opens a store and fails the test on an error or a warning.
func openT(t *testing.T, path string) *Store {
	t.Helper()
	s, warning, err := Open(path)
	if err != nil {
		t.Fatalf("Open(%q): %v", path, err)
	}
	if warning != "" {
		t.Fatalf("Open(%q) warned: %s", path, warning)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func load(t *testing.T, s *Store) map[string]Mark {
	t.Helper()
	m, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestMarksSurviveReopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "dir", "state.db")
	s := openT(t, path)
	before := time.Now().Add(-time.Second)
	if err := s.SetRead("https://a.example/1", true); err != nil {
		t.Fatal(err)
	}
	if err := s.SetStarred("https://a.example/2", true); err != nil {
		t.Fatal(err)
	}
	if err := s.SetReadMany([]string{"h:1", "h:2", "h:3"}, true); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	s = openT(t, path)
	got := load(t, s)
	if len(got) != 5 {
		t.Fatalf("Load after reopen has %d marks, want 5: %v", len(got), got)
	}
	for _, id := range []string{"https://a.example/1", "h:1", "h:2", "h:3"} {
		m := got[id]
		if !m.Read || m.Starred || m.ReadAt.Before(before) || m.ReadAt.After(time.Now()) {
			t.Errorf("%s: got %+v, want read (at about now), not starred", id, m)
		}
	}
	if m := got["https://a.example/2"]; m.Read || !m.Starred || !m.ReadAt.IsZero() {
		t.Errorf("starred post: got %+v, want starred and unread", m)
	}
}

func TestUnmarking(t *testing.T) {
	s := openT(t, filepath.Join(t.TempDir(), "state.db"))
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(s.SetRead("a", true))
	first := load(t, s)["a"].ReadAt
	must(s.SetRead("a", true))
	if again := load(t, s)["a"].ReadAt; !again.Equal(first) {
		t.Errorf("reading again moved ReadAt from %v to %v; want the first time kept", first, again)
	}

	must(s.SetStarred("a", true))
	must(s.SetRead("a", false))
	if m := load(t, s)["a"]; m.Read || !m.Starred || !m.ReadAt.IsZero() {
		t.Errorf("after unread: got %+v, want starred, unread, no ReadAt", m)
	}
	must(s.SetStarred("a", false))
	if m, ok := load(t, s)["a"]; ok {
		t.Errorf("a post with no mark left is still stored: %+v", m)
	}

	must(s.SetReadMany([]string{"x", "y", "z"}, true))
	must(s.SetReadMany([]string{"x", "z"}, false))
	if got := load(t, s); len(got) != 1 || !got["y"].Read {
		t.Errorf("after unmarking x and z: got %v, want only y read", got)
	}
	must(s.SetReadMany(nil, true))
}

func TestEmptyIDRefused(t *testing.T) {
	s := openT(t, filepath.Join(t.TempDir(), "state.db"))
	if err := s.SetRead("", true); err == nil {
		t.Error("SetRead with an empty ID succeeded")
	}
	if err := s.SetStarred("", true); err == nil {
		t.Error("SetStarred with an empty ID succeeded")
	}
	// All or nothing: the good ID in the batch must not be stored either.
	if err := s.SetReadMany([]string{"ok", ""}, true); err == nil {
		t.Error("SetReadMany with an empty ID succeeded")
	}
	if got := load(t, s); len(got) != 0 {
		t.Errorf("marks stored after refused writes: %v", got)
	}
}

// TestOpenOddPaths opens names that mean something in a URI or a DSN.
func TestOpenOddPaths(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{
		"a?_pragma=user_version(7)", "b#frag", "c%20d", "e f", "tệp", "g&_txlock=deferred",
	} {
		path := filepath.Join(dir, name, "state.db")
		s := openT(t, path)
		if err := s.SetRead("x", true); err != nil {
			t.Fatalf("%q: %v", name, err)
		}
		s.Close()
		if fi, err := os.Stat(path); err != nil || fi.Size() == 0 {
			t.Errorf("%q: the store is not at the path given: %v", name, err)
		}
		s = openT(t, path)
		if got := load(t, s); !got["x"].Read {
			t.Errorf("%q: mark lost on reopen", name)
		}
	}
}

func TestFileIsPrivate(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no Unix permissions")
	}
	path := filepath.Join(t.TempDir(), "state.db")
	openT(t, path)
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if perm := fi.Mode().Perm(); perm&0o077 != 0 {
		t.Errorf("state file mode %v, want no access for group and others", perm)
	}
}

func TestEmptyFileIsAFreshStore(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	if err := os.WriteFile(path, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	s := openT(t, path)
	if err := s.SetRead("x", true); err != nil {
		t.Fatal(err)
	}
}

// bigStore writes a store of several pages and closes it, leaving no WAL.
func bigStore(t *testing.T, path string) {
	t.Helper()
	s := openT(t, path)
	ids := make([]string, 3000)
	for i := range ids {
		ids[i] = fmt.Sprintf("https://news.example/%d/%s", i, strings.Repeat("x", 40))
	}
	if err := s.SetReadMany(ids, true); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestBadFileMovedAside(t *testing.T) {
	random := make([]byte, 8192)
	rand.Read(random)
	tests := []struct {
		name string
		kind string
		make func(t *testing.T, path string)
	}{
		{"random bytes", "corrupt", func(t *testing.T, path string) {
			write(t, path, random)
		}},
		{"text file", "corrupt", func(t *testing.T, path string) {
			write(t, path, []byte("title: not a database\nhello\n"))
		}},
		{"short text file", "corrupt", func(t *testing.T, path string) {
			write(t, path, []byte("x"))
		}},
		{"truncated database", "corrupt", func(t *testing.T, path string) {
			bigStore(t, path)
			fi, err := os.Stat(path)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.Truncate(path, fi.Size()/2+100); err != nil {
				t.Fatal(err)
			}
		}},
		{"damaged page", "corrupt", func(t *testing.T, path string) {
			bigStore(t, path)
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			// Leave the header, so SQLite opens it, and scribble over a
			// b-tree page in the middle.
			copy(data[len(data)/2:], random[:4096])
			write(t, path, data)
		}},
		{"newer version", "newer", func(t *testing.T, path string) {
			s := openT(t, path)
			if err := s.SetRead("from-the-future", true); err != nil {
				t.Fatal(err)
			}
			if _, err := s.db.Exec(fmt.Sprintf(`PRAGMA user_version = %d`, schemaVersion+1)); err != nil {
				t.Fatal(err)
			}
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "state.db")
			tt.make(t, path)
			// A WAL beside the bad file belongs to it and must go with it,
			// or SQLite would replay it into the fresh store.
			write(t, path+"-wal", []byte("leftover"))
			original, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}

			s, warning, err := Open(path)
			if err != nil {
				t.Fatalf("Open: %v (warning %q)", err, warning)
			}
			defer s.Close()
			asides, _ := filepath.Glob(path + "." + tt.kind + "-*")
			var aside string
			for _, a := range asides {
				if !strings.HasSuffix(a, "-wal") {
					aside = a
				}
			}
			if aside == "" {
				t.Fatalf("no %s.%s-TIME file; dir has %v", path, tt.kind, ls(t, dir))
			}
			if !strings.Contains(warning, path) || !strings.Contains(warning, aside) {
				t.Errorf("warning %q does not name both %s and %s", warning, path, aside)
			}
			if moved, err := os.ReadFile(aside); err != nil || !bytes.Equal(moved, original) {
				t.Errorf("the file moved aside is not the original (err %v)", err)
			}
			if wal, err := os.ReadFile(path + "-wal"); err == nil && bytes.Contains(wal, []byte("leftover")) {
				t.Error("the old WAL is still beside the fresh store")
			}

			if got := load(t, s); len(got) != 0 {
				t.Errorf("fresh store is not empty: %d marks", len(got))
			}
			if err := s.SetRead("after", true); err != nil {
				t.Fatal(err)
			}
			s.Close()
			s = openT(t, path)
			if got := load(t, s); len(got) != 1 || !got["after"].Read {
				t.Errorf("fresh store after reopen: %v", got)
			}
		})
	}
}

func TestMoveAsideTakesCompanions(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "state.db")
	for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
		write(t, path+suffix, []byte("file"+suffix))
	}
	// A name already taken, as by a bad file moved aside this second.
	now := time.Date(2025, 2, 3, 15, 0, 0, 0, time.Local)
	taken := path + ".corrupt-20250203-150000"
	write(t, taken, []byte("older"))

	aside, err := moveAside(path, "corrupt", now)
	if err != nil {
		t.Fatal(err)
	}
	if aside != taken+"-2" {
		t.Fatalf("moved to %s, want %s-2 as %s was taken", aside, taken, taken)
	}
	if data, _ := os.ReadFile(taken); string(data) != "older" {
		t.Errorf("%s was overwritten", taken)
	}
	for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
		if data, err := os.ReadFile(aside + suffix); err != nil || string(data) != "file"+suffix {
			t.Errorf("%s: got %q, %v", aside+suffix, data, err)
		}
		if _, err := os.Lstat(path + suffix); err == nil {
			t.Errorf("%s is still there", path+suffix)
		}
	}
}

func TestOtherProgramsDatabaseLeftAlone(t *testing.T) {
	path := filepath.Join(t.TempDir(), "places.sqlite")
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`CREATE TABLE bookmarks (url TEXT); INSERT INTO bookmarks VALUES ('x')`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}

	s, warning, err := Open(path)
	if err == nil {
		s.Close()
		t.Fatalf("Open took another program's database (warning %q)", warning)
	}
	if !strings.Contains(err.Error(), "another program") {
		t.Errorf("error does not say why: %v", err)
	}
	after, _ := os.ReadFile(path)
	if !bytes.Equal(before, after) {
		t.Error("another program's database was changed")
	}
	if names := ls(t, filepath.Dir(path)); len(names) != 1 {
		t.Errorf("files beside it: %v", names)
	}
}

func TestOpenFailsWhenNoStoreCanBeMade(t *testing.T) {
	dir := t.TempDir()
	// A folder where the file should be: nothing to move aside, nothing
	// to create.
	path := filepath.Join(dir, "state.db")
	if err := os.Mkdir(path, 0o700); err != nil {
		t.Fatal(err)
	}
	if s, _, err := Open(path); err == nil {
		s.Close()
		t.Fatal("Open succeeded on a folder")
	}
	if _, err := os.Stat(path); err != nil {
		t.Errorf("the folder was moved: %v", err)
	}
	if _, _, err := Open(""); err == nil {
		t.Error("Open of an empty name succeeded")
	}
}

func TestDefaultPath(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("uses LocalAppData")
	}
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_STATE_HOME", "/var/xdg")
	if got, err := DefaultPath(); err != nil || got != "/var/xdg/newsreader/state.db" {
		t.Errorf("with XDG_STATE_HOME: %q, %v", got, err)
	}
	want := filepath.Join(home, ".local", "state", "newsreader", "state.db")
	for _, v := range []string{"", "relative/dir"} {
		t.Setenv("XDG_STATE_HOME", v)
		if got, err := DefaultPath(); err != nil || got != want {
			t.Errorf("XDG_STATE_HOME=%q: got %q, %v; want %q", v, got, err, want)
		}
	}
}

func write(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
}

func ls(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}
