package browser

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestCopy(t *testing.T) {
	dir := t.TempDir()
	hostile := hostileQuery(t, dir)
	rec := writeFake(t, dir, "xclip", 0, true)
	t.Setenv("PATH", dir)

	// Text goes to stdin byte for byte, however it looks.
	for _, text := range []string{hostile, "Tin nóng: chip 5G\nhai dòng\tvà tab", ""} {
		if err := Copy(text); err != nil {
			t.Fatalf("Copy(%q): %v", text, err)
		}
		r := readRecord(t, rec)
		if want := []string{"-selection", "clipboard"}; !reflect.DeepEqual(r.args, want) {
			t.Errorf("xclip got arguments %q, want %q", r.args, want)
		}
		if r.stdin != text {
			t.Errorf("xclip read %q, want %q", r.stdin, text)
		}
		checkDetached(t, r, true)
		if err := os.Remove(rec); err != nil {
			t.Fatal(err)
		}
	}
}

func TestCopyFallsBack(t *testing.T) {
	dir := t.TempDir()
	failing := writeFake(t, dir, "wl-copy", 1, true) // say, no Wayland here
	rec := writeFake(t, dir, "xsel", 0, true)
	t.Setenv("PATH", dir)
	if err := Copy("https://news.example/"); err != nil {
		t.Fatalf("Copy: %v", err)
	}
	if r := readRecord(t, failing); r.stdin != "https://news.example/" {
		t.Errorf("wl-copy was tried with %q", r.stdin)
	}
	r := readRecord(t, rec)
	if want := []string{"--clipboard", "--input"}; !reflect.DeepEqual(r.args, want) || r.stdin != "https://news.example/" {
		t.Errorf("xsel got %q and read %q", r.args, r.stdin)
	}
}

func TestCopyErrors(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("PATH", dir)
	if err := Copy("x"); !errors.Is(err, ErrNoClipboard) {
		t.Errorf("Copy with no clipboard program = %v, want ErrNoClipboard", err)
	}

	writeFake(t, dir, "wl-copy", 1, true)
	writeFake(t, dir, "xclip", 2, true)
	err := Copy("x")
	if err == nil || errors.Is(err, ErrNoClipboard) {
		t.Fatalf("Copy with failing programs = %v, want their errors", err)
	}
	if strings.Contains(err.Error(), "\n") {
		t.Errorf("error %q spans lines; it goes to the status line", err)
	}
	for _, name := range []string{"wl-copy", "xclip"} {
		if !strings.Contains(err.Error(), name) {
			t.Errorf("error %q does not name %s", err, name)
		}
	}
	if _, statErr := os.Stat(filepath.Join(dir, "xsel.rec")); statErr == nil {
		t.Errorf("a program that is not installed left a record")
	}
}
