package posts

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

func TestOpenFiles(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "tin cũ/2025-01-01-bài viết.md", post("Bài cũ", "2025-01-01"))
	write(t, dir, "tin cũ/2025-01-02-khac.md", post("Bài khác", "2025-01-02"))
	write(t, dir, "2025-02-01-moi.txt", post("Bài mới", "2025-02-01"))
	write(t, dir, "ghi-chu.txt", "không có front matter")
	t.Chdir(dir)

	typed := []string{
		"tin cũ/2025-01-01-bài viết.md",             // relative, with a space and Vietnamese letters
		filepath.Join(dir, "2025-02-01-moi.txt"),    // absolute
		"ghi-chu.txt",                               // not a post, but asked for by name
		"./tin cũ/../tin cũ/2025-01-01-bài viết.md", // the same file again
	}
	l, err := OpenFiles(typed)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range l.Posts {
		got = append(got, l.DisplayPath(p))
	}
	want := []string{typed[1], typed[0], "ghi-chu.txt"}
	if !slices.Equal(got, want) {
		t.Errorf("DisplayPaths = %q, want %q", got, want)
	}
	if p := l.Posts[2]; !errors.Is(p.Err, ErrNoFrontMatter) {
		t.Errorf("ghi-chu.txt: Err = %v", p.Err)
	}
	body, err := l.Body(l.Posts[1])
	if err != nil || body != "Nội dung bài viết.\n" {
		t.Errorf("Body = %q, %v", body, err)
	}

	// Back to the folder of one of the files.
	folder, err := l.Dir(l.Posts[1])
	if err != nil {
		t.Fatal(err)
	}
	if got := paths(folder); !slices.Equal(got, []string{"2025-01-02-khac.md", "2025-01-01-bài viết.md"}) {
		t.Errorf("Dir posts = %q", got)
	}
	if got := folder.DisplayPath(folder.Posts[0]); got != filepath.Join("tin cũ", "2025-01-02-khac.md") {
		t.Errorf("Dir DisplayPath = %q", got)
	}

	// The set opens its files and nothing else.
	if _, err := fs.ReadFile(l.FS, strings.TrimLeft(filepath.ToSlash(filepath.Join(dir, "tin cũ/2025-01-02-khac.md")), "/")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("opened a file outside the set: %v", err)
	}

	for _, bad := range [][]string{{"khong-co.md"}, {"ghi-chu.txt", "tin cũ/mat.md"}} {
		if _, err := OpenFiles(bad); err == nil || !strings.Contains(err.Error(), bad[len(bad)-1]) {
			t.Errorf("OpenFiles(%q) = %v, want an error naming the missing file", bad, err)
		}
	}
	if _, err := OpenFiles([]string{"tin cũ"}); err == nil || !strings.Contains(err.Error(), "folder") {
		t.Errorf("a folder: %v", err)
	}
}

func TestOpenFilesPipe(t *testing.T) {
	// "newsreader <(cat post.md)" gives a pipe, which can be read once.
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		w.Write([]byte(post("Từ ống", "2025-01-01")))
		w.Close()
	}()
	defer r.Close()
	if _, err := os.Stat("/proc/self/fd"); err != nil {
		t.Skip("no /proc/self/fd")
	}
	name := "/proc/self/fd/" + strconv.Itoa(int(r.Fd()))
	l, err := OpenFiles([]string{name})
	if err != nil {
		t.Fatal(err)
	}
	p := l.Posts[0]
	body, err := l.Body(p)
	if p.Err != nil || p.Title != "Từ ống" || err != nil || body != "Nội dung bài viết.\n" {
		t.Errorf("%+v; Body %q, %v", *p, body, err)
	}
	if _, err := l.Dir(p); err == nil {
		t.Error("Dir of a pipe worked")
	}
}

func TestFromBytes(t *testing.T) {
	l := FromBytes("stdin", []byte(post("Từ bàn phím", "2025-01-01")))
	p := l.Posts[0]
	if p.Err != nil || p.Title != "Từ bàn phím" || l.DisplayPath(p) != "stdin" {
		t.Errorf("%+v", *p)
	}
	if body, err := l.Body(p); err != nil || body != "Nội dung bài viết.\n" {
		t.Errorf("Body = %q, %v", body, err)
	}
	if _, err := l.Dir(p); err == nil || !strings.Contains(err.Error(), "not a file on disk") {
		t.Errorf("Dir = %v", err)
	}

	// Plain Markdown, as from "cat README.md |", is fine.
	md := "Lời mở đầu\n\n# 🔥 [Hướng dẫn] Cài đặt\n\nChạy lệnh sau.\n"
	l = FromBytes("stdin", []byte(md))
	p = l.Posts[0]
	if p.Err != nil || p.Title != "Cài đặt" || p.Topic != "Hướng dẫn" || p.Hotness != 1 {
		t.Errorf("%+v", *p)
	}
	if body, _ := l.Body(p); body != md {
		t.Errorf("Body = %q", body)
	}
	if l := FromBytes("stdin", []byte("# "+strings.Repeat("🔥", 8)+" Nóng\n")); l.Posts[0].Hotness != MaxHotness {
		t.Errorf("Hotness = %d", l.Posts[0].Hotness)
	}
	if l := FromBytes("stdin", []byte("không có tiêu đề")); l.Posts[0].Title != "stdin" {
		t.Errorf("Title = %q", l.Posts[0].Title)
	}
	// A name that is not a plain file name is not used as one.
	if l := FromBytes("../../etc/passwd", nil); l.Posts[0].Path != "stdin" {
		t.Errorf("Path = %q", l.Posts[0].Path)
	}
}

func TestBody(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "crlf.md", "\ufeff---\r\ntitle: CRLF\r\n---\r\nDòng một\r\nDòng hai\r\n")
	write(t, dir, "hong.md", "---\ntitle: Hà Nội: tin \x1b]0;owned\x07mới\n---\nThân bài vẫn đọc được\n")
	write(t, dir, "khong-fm.md", "# Ghi chú\n\nKhông có front matter.\n")
	write(t, dir, "xau.md", "---\ntitle: Xấu\n---\nChữ \xff hỏng và \x1b[2J xoá màn hình\n")
	write(t, dir, "dau-cham.md", "---\ntitle: x\n...\nThân\n")
	// A name that needs cleaning for display must still open.
	write(t, dir, "ten\x1b[31mdo.md", "---\ntitle: Tên lạ\n---\nThân\n")
	l, err := OpenDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"crlf.md":     "Dòng một\nDòng hai\n",
		"hong.md":     "---\ntitle: Hà Nội: tin mới\n---\nThân bài vẫn đọc được\n",
		"khong-fm.md": "# Ghi chú\n\nKhông có front matter.\n",
		"xau.md":      "Chữ \ufffd hỏng và  xoá màn hình\n",
		"dau-cham.md": "Thân\n",
		"tendo.md":    "Thân\n",
	}
	for _, p := range l.Posts {
		body, err := l.Body(p)
		if err != nil || body != want[p.Path] {
			t.Errorf("%s: Body = %q, %v; want %q", p.Path, body, err, want[p.Path])
		}
	}
	if len(l.Posts) != len(want) {
		t.Errorf("%d posts, want %d", len(l.Posts), len(want))
	}

	// The file went away after the scan.
	if err := os.Remove(filepath.Join(dir, "crlf.md")); err != nil {
		t.Fatal(err)
	}
	for _, p := range l.Posts {
		if p.Path == "crlf.md" {
			if _, err := l.Body(p); !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), "crlf.md") {
				t.Errorf("Body of a deleted file: %v", err)
			}
		}
	}
	if got, want := l.DisplayPath(l.Posts[0]), filepath.Join(dir, l.Posts[0].Path); got != want {
		t.Errorf("DisplayPath = %q, want %q", got, want)
	}
}

func TestDirOfScannedPost(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a/2025-01-01-x.md", post("X", "2025-01-01"))
	write(t, dir, "a/2025-01-02-y.md", post("Y", "2025-01-02"))
	write(t, dir, "2025-01-03-z.md", post("Z", "2025-01-03"))
	l, err := OpenDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	sub, err := l.Dir(l.Posts[1]) // a/2025-01-02-y.md
	if err != nil {
		t.Fatal(err)
	}
	if got := paths(sub); !slices.Equal(got, []string{"2025-01-02-y.md", "2025-01-01-x.md"}) {
		t.Errorf("Dir posts = %q", got)
	}
	// A library scanned from an FS that is not a folder on disk has no Dir.
	mem, err := Scan(os.DirFS(dir), "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := mem.Dir(mem.Posts[0]); err == nil {
		t.Error("Dir worked without a folder on disk")
	}
}
