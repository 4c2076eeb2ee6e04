package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// writePosts makes a small folder of posts in the format newsreader reads.
func writePosts(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"2025-03-01-chip-moi.md": `---
layout: post
title: "🔥🔥 [Chip] Nhà máy chip mới khởi công ở Bắc Ninh"
date: Sat, 01 Mar 2025 09:30:00 +0700
categories: entries VN
---
[Nhà máy chip mới khởi công](https://tin.example.vn/chip-moi-123.html)

Dự án dự kiến hoàn thành vào năm 2027, tạo việc làm cho hàng nghìn kỹ sư.
`,
		"2025-02-14-robot.md": `---
layout: post
title: "🔥 [Robot] Warehouse robots learn to share aisles"
date: Fri, 14 Feb 2025 08:00:00 +0000
categories: entries EN
---
[Warehouse robots learn to share aisles](https://news.example.com/robots-aisles)

A logistics firm says its new scheduler cut collisions by half.
`,
		"sub/2025-01-05-ung-dung.txt": `---
layout: post
title: "[Ứng dụng] Ví điện tử thêm tính năng chia hoá đơn"
date: 2025-01-05 7:15:00 +0700
categories: entries VN
---
[Ví điện tử thêm tính năng](https://tin.example.vn/vi-dien-tu-456.html)

Người dùng có thể chia hoá đơn nhóm chỉ với vài thao tác.
`,
	}
	for name, body := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// runPlain runs the binary with stdout to a pipe (not a terminal).
func runPlain(t *testing.T, dir string, stdin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	cmd := exec.Command(binPath, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "XDG_CONFIG_HOME="+t.TempDir()) // no config file of the user's
	cmd.Stdin = strings.NewReader(stdin)
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	err := cmd.Run()
	code = 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("run: %v", err)
	}
	return o.String(), e.String(), code
}

func TestPlainArticleHasNoEscapes(t *testing.T) {
	dir := writePosts(t)
	out, errOut, code := runPlain(t, dir, "", "2025-03-01-chip-moi.md")
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	for _, want := range []string{"Nhà máy chip mới khởi công ở Bắc Ninh", "🔥🔥", "Chip", "https://tin.example.vn/chip-moi-123.html", "hàng nghìn kỹ sư", "VN"} {
		if !strings.Contains(out, want) {
			t.Errorf("article output lacks %q:\n%s", want, out)
		}
	}
	if i := strings.IndexByte(out, 0x1b); i >= 0 {
		t.Errorf("plain output has an ESC byte at %d: %q", i, out[max(i-20, 0):min(i+20, len(out))])
	}
}

func TestPlainFolderListing(t *testing.T) {
	dir := writePosts(t)
	out, _, code := runPlain(t, dir, "", ".")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 {
		t.Fatalf("want 3 lines, got %d:\n%s", len(lines), out)
	}
	// Newest first, one tab-separated line per post.
	wantOrder := []string{"2025-03-01\tVN\t🔥🔥\tChip\tNhà máy chip", "2025-02-14\tEN\t🔥\tRobot\tWarehouse", "2025-01-05\tVN\t\tỨng dụng\tVí điện tử"}
	for i, w := range wantOrder {
		if !strings.HasPrefix(lines[i], w) {
			t.Errorf("line %d = %q, want prefix %q", i, lines[i], w)
		}
	}
}

func TestPipedPathPrintsThatPost(t *testing.T) {
	dir := writePosts(t)
	out, _, code := runPlain(t, dir, "2025-02-14-robot.md\n")
	if code != 0 || !strings.Contains(out, "Warehouse robots learn to share aisles") || strings.Contains(out, "Bắc Ninh") {
		t.Fatalf("exit %d, output:\n%s", code, out)
	}
}

func TestPipedPathsListExactlyThose(t *testing.T) {
	dir := writePosts(t)
	out, _, code := runPlain(t, dir, "2025-02-14-robot.md\nsub/2025-01-05-ung-dung.txt\n")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != 0 || len(lines) != 2 || strings.Contains(out, "Bắc Ninh") {
		t.Fatalf("exit %d, output:\n%s", code, out)
	}
}

func TestPipedContentIsRendered(t *testing.T) {
	dir := t.TempDir()
	post := "---\ntitle: \"🔥 [AI] Bài viết từ ống dẫn\"\ndate: 2025-05-05\ncategories: entries VN\n---\nNội dung **đậm** ở đây.\n"
	out, _, code := runPlain(t, dir, post)
	if code != 0 || !strings.Contains(out, "Bài viết từ ống dẫn") || !strings.Contains(out, "Nội dung **đậm** ở đây") {
		t.Fatalf("exit %d, output:\n%s", code, out)
	}
}

func TestJSONLines(t *testing.T) {
	dir := writePosts(t)
	out, _, code := runPlain(t, dir, "", "--json", ".")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 || !strings.Contains(lines[0], `"source":"https://tin.example.vn/chip-moi-123.html"`) || !strings.Contains(lines[0], `"hotness":2`) {
		t.Fatalf("json output:\n%s", out)
	}
}

func TestMissingPathExitsTwo(t *testing.T) {
	dir := t.TempDir()
	_, errOut, code := runPlain(t, dir, "", "không-có.md")
	if code != 2 || !strings.Contains(errOut, "không-có.md") {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	_, errOut, code = runPlain(t, dir, "", "--style", "neon")
	if code != 2 || !strings.Contains(errOut, "neon") {
		t.Fatalf("bad flag: exit %d, stderr %q", code, errOut)
	}
}

func TestNoArgumentUsesSamples(t *testing.T) {
	out, _, code := runPlain(t, t.TempDir(), "")
	if code != 0 || len(strings.Split(strings.TrimSpace(out), "\n")) < 10 {
		t.Fatalf("exit %d, want the built-in samples listed:\n%s", code, out)
	}
}

// TestGoPackageNamedPostsIsNotAPostsFolder: run in a checkout of this
// project, whose posts/ is a Go package holding sample and test posts,
// the reader shows the built-in samples, as the README promises.
func TestGoPackageNamedPostsIsNotAPostsFolder(t *testing.T) {
	dir := t.TempDir()
	pkg := filepath.Join(dir, "posts")
	if err := os.MkdirAll(pkg, 0o755); err != nil {
		t.Fatal(err)
	}
	post := "---\ntitle: \"Bài thử\"\ndate: 2025-01-01\n---\nThân bài.\n"
	for name, data := range map[string]string{"post.go": "package posts\n", "2025-01-01-thu.md": post} {
		if err := os.WriteFile(filepath.Join(pkg, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out, _, code := runPlain(t, dir, "")
	if code != 0 || strings.Contains(out, "Bài thử") || len(strings.Split(strings.TrimSpace(out), "\n")) < 10 {
		t.Fatalf("exit %d, want the built-in samples, not posts/:\n%s", code, out)
	}
	// Without Go source, posts/ is a posts folder.
	if err := os.Remove(filepath.Join(pkg, "post.go")); err != nil {
		t.Fatal(err)
	}
	out, _, code = runPlain(t, dir, "")
	if code != 0 || !strings.Contains(out, "Bài thử") {
		t.Fatalf("exit %d, want posts/ listed:\n%s", code, out)
	}
}

func TestVersionAndHelp(t *testing.T) {
	out, _, code := runPlain(t, t.TempDir(), "", "--version")
	if code != 0 || !strings.HasPrefix(out, "newsreader ") {
		t.Fatalf("--version: exit %d, %q", code, out)
	}
	_, errOut, code := runPlain(t, t.TempDir(), "", "--help")
	if code != 0 || !strings.Contains(errOut, "Examples:") || !strings.Contains(errOut, "--style") {
		t.Fatalf("--help: exit %d, %q", code, errOut)
	}
}

// TestDefaultFolderScannedAfterFirstScreen: in the interface, ./_posts is
// scanned after the first screen, as a folder named on the command line
// is, when it surely holds a post; a folder with only .txt files, which
// may not be posts, is still scanned first, so that an empty one falls
// back to the samples.
func TestDefaultFolderScannedAfterFirstScreen(t *testing.T) {
	t.Chdir(t.TempDir())
	if err := os.MkdirAll("_posts/2025", 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(name, data string) {
		t.Helper()
		if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("_posts/2025/ghi-chu.txt", "not a post\n")
	src, err := load(nil, strings.NewReader(""), "", true)
	if err != nil || src.load != nil || !src.samples {
		t.Fatalf("only a .txt that is no post: load %v, samples %v, err %v", src.load != nil, src.samples, err)
	}
	write("_posts/2025/2025-01-01-tin.md", "---\ntitle: Tin\n---\nThân bài.\n")
	src, err = load(nil, strings.NewReader(""), "", true)
	if err != nil || src.load == nil || src.label != "_posts" || len(src.lib.Posts) != 0 {
		t.Fatalf("load %v, label %q, %d posts before the scan, err %v", src.load != nil, src.label, len(src.lib.Posts), err)
	}
	lib, err := src.load()
	if err != nil || len(lib.Posts) != 1 || lib.Posts[0].Title != "Tin" {
		t.Fatalf("the scan: %v, %d posts", err, len(lib.Posts))
	}
	// Not in the interface, the folder is read before anything is shown.
	if src, err := load(nil, strings.NewReader(""), "", false); err != nil || src.load != nil || len(src.lib.Posts) != 1 {
		t.Fatalf("plain output: load %v, %d posts, err %v", src.load != nil, len(src.lib.Posts), err)
	}
}
