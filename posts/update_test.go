package posts

import (
	"os"
	"path/filepath"
	"testing"
)

func TestApplyChanges(t *testing.T) {
	dir := t.TempDir()
	write := func(name, title, date string) {
		t.Helper()
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		body := "---\ntitle: \"" + title + "\"\ndate: " + date + "\ncategories: entries VN\n---\nThân bài.\n"
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.md", "Bài A", "2025-01-01")
	write("b.md", "Bài B", "2025-01-02")
	lib, err := OpenDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	write("a.md", "Bài A sửa", "2025-01-03") // now the newest
	write("sub/c.md", "Bài C", "2025-01-04")
	if err := os.Remove(filepath.Join(dir, "b.md")); err != nil {
		t.Fatal(err)
	}
	next := lib.Apply([]string{"a.md", "sub/c.md", "notes.json"}, []string{"b.md"})
	var got []string
	for _, p := range next.Posts {
		got = append(got, p.Title)
	}
	if len(got) != 2 || got[0] != "Bài C" || got[1] != "Bài A sửa" {
		t.Fatalf("after Apply: %q", got)
	}
	if len(lib.Posts) != 2 || lib.Posts[0].Title != "Bài B" {
		t.Fatal("Apply changed the library it was called on")
	}
	if next.Folder() != dir {
		t.Fatalf("Folder() = %q", next.Folder())
	}
}

func TestFileOnDisk(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "x.md")
	if err := os.WriteFile(name, []byte("---\ntitle: X\n---\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	lib, err := OpenDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got, ok := lib.File(lib.Posts[0]); !ok || got != name {
		t.Fatalf("OpenDir: File = %q, %v", got, ok)
	}
	files, err := OpenFiles([]string{name})
	if err != nil {
		t.Fatal(err)
	}
	if got, ok := files.File(files.Posts[0]); !ok || got == "" {
		t.Fatalf("OpenFiles: File = %q, %v", got, ok)
	}
	piped := FromBytes("stdin", []byte("---\ntitle: X\n---\n"))
	if _, ok := piped.File(piped.Posts[0]); ok {
		t.Fatal("piped text has a file")
	}
	samples, err := Scan(Samples(), "")
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := samples.File(samples.Posts[0]); ok {
		t.Fatal("a built-in sample has a file")
	}
}
