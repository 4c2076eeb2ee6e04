package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"golang.org/x/text/unicode/norm"

	"github.com/newsreader/newsreader/posts"
)

// nfdLib is a folder whose titles are stored decomposed (NFD), as macOS
// file names and some copied text are, with every hotness level.
func nfdLib(t *testing.T) *posts.Library {
	t.Helper()
	dir := t.TempDir()
	titles := []string{
		"🔥🔥🔥 [Bảo mật] Lỗ hổng nghiêm trọng trong ứng dụng ví điện tử",
		"🔥🔥 [Điện thoại] Điện thoại gập mỏng nhất thị trường",
		"🔥 [AI] Trợ lý ảo tiếng Việt hiểu giọng địa phương",
		"[Chip] Nhà máy đóng gói chip ở Đà Nẵng",
		"🔥🔥 [Startup] Startup logistics raises a seed round",
		"Tin không có chủ đề và rất dài để kiểm tra việc cắt ngắn tiêu đề",
	}
	for i, title := range titles {
		name := filepath.Join(dir, norm.NFD.String("2025-06-0"+string(rune('1'+i))+"-bài-"+string(rune('a'+i))+".md"))
		body := "---\ntitle: \"" + norm.NFD.String(title) + "\"\ndate: 2025-06-0" + string(rune('1'+i)) + " 09:00:00 +0700\ncategories: entries VN\n---\nNội dung.\n"
		if err := os.WriteFile(name, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	lib, err := posts.OpenDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	lib.Root = "nfd"
	return lib
}

func TestColumnsAlignWithNFDAndFlames(t *testing.T) {
	lib := nfdLib(t)
	for _, w := range []int{40, 80, 120} {
		m := newSized(t, lib, w, 12, Options{})
		lines := strings.Split(screen(m), "\n")
		rows := lines[1 : 1+len(lib.Posts)]
		// Every row ends at the same column, and the language badge
		// (the last thing on a row) starts at the same column in each.
		want := -1
		for i, row := range rows {
			if got := ansi.StringWidth(row); got != w {
				t.Errorf("width %d: row %d is %d columns: %q", w, i, got, row)
			}
			list := row
			if j := strings.Index(row, "│"); j >= 0 {
				list = row[:j]
			}
			col := ansi.StringWidth(list[:strings.LastIndex(list, "VN")])
			if want < 0 {
				want = col
			} else if col != want {
				t.Errorf("width %d: row %d has its language at column %d, row 0 at %d:\n%s", w, i, col, want, strings.Join(rows, "\n"))
			}
		}
		golden(t, "nfd-"+itoa(w), strings.Join(lines, "\n"))
	}
}

func itoa(n int) string {
	s := ""
	for ; n > 0; n /= 10 {
		s = string(rune('0'+n%10)) + s
	}
	return s
}

// golden compares got with testdata/NAME.golden, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./ui -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("screen differs from %s:\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}
