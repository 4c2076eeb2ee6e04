package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsreader/newsreader/posts"
)

// fakeBrowser installs a $BROWSER that writes its arguments, one per
// line, to a file, and returns that file's path.
func fakeBrowser(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	out := filepath.Join(dir, "args")
	script := filepath.Join(dir, "browser")
	body := "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done > " + out + ".tmp && mv " + out + ".tmp " + out + "\n"
	if err := os.WriteFile(script, []byte(body), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("BROWSER", script)
	return out
}

func waitFile(t *testing.T, path string) string {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if b, err := os.ReadFile(path); err == nil {
			return string(b)
		}
	}
	t.Fatalf("%s never appeared", path)
	return ""
}

func TestOpenSourceLinkInBrowser(t *testing.T) {
	args := fakeBrowser(t)
	lib := sampleLib(t)
	m := newSized(t, lib, 120, 30, Options{})
	m = press(t, m, "o")
	if got := waitFile(t, args); got != lib.Posts[0].Source+"\n" {
		t.Fatalf("the browser got %q, want exactly the source link as one argument", got)
	}
	if s := screen(m); !strings.Contains(s, "Opened news.example.vn") {
		t.Fatalf("status line:\n%s", s)
	}
}

func TestLinkPickerListsHostsAndOpensOne(t *testing.T) {
	args := fakeBrowser(t)
	dir := t.TempDir()
	body := "---\ntitle: \"Links\"\ndate: 2025-01-01\n---\n" +
		"[Bài gốc](https://news.example.vn/a)\n\n" +
		"[https://bank.example](https://evil.example/login)\n\n" +
		"[click](javascript:alert(1))\n"
	if err := os.WriteFile(filepath.Join(dir, "l.md"), []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	lib, err := posts.OpenDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	m := newSized(t, lib, 120, 30, Options{})
	m = press(t, m, "v")
	s := screen(m)
	for _, want := range []string{"Links in this article", "news.example.vn", "evil.example", "refused"} {
		if !strings.Contains(s, want) {
			t.Fatalf("picker lacks %q:\n%s", want, s)
		}
	}
	// The spoofed link shows its real host beside its text.
	for _, ln := range strings.Split(s, "\n") {
		if strings.Contains(ln, "https://bank.example") && !strings.Contains(ln, "evil.example") {
			t.Fatalf("a link's text shows without its real host: %q", ln)
		}
	}
	m = press(t, m, "3", "enter") // the javascript: link is refused
	if st := screen(m); !strings.Contains(st, "Refused") {
		t.Fatalf("javascript: link not refused:\n%s", st)
	}
	if _, err := os.Stat(args); err == nil {
		t.Fatal("the browser was started for a javascript: link")
	}
	press(t, m, "v", "2", "enter")
	if got := waitFile(t, args); got != "https://evil.example/login\n" {
		t.Fatalf("the browser got %q", got)
	}
}

func TestEditIsRefusedForBuiltInPosts(t *testing.T) {
	m := newSized(t, sampleLib(t), 120, 30, Options{})
	m = press(t, m, "e")
	if !strings.Contains(screen(m), "not a file on disk") {
		t.Fatalf("status:\n%s", screen(m))
	}
}
