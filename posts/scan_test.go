package posts

import (
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// write creates a file below dir, making its folders.
func write(t testing.TB, dir, name, content string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Skipf("symlinks unavailable: %v", err)
	}
}

func post(title, date string) string {
	return string(doc("title: \""+title+"\"\ndate: "+date+"\ncategories: entries VN\n", "Nội dung bài viết.\n"))
}

func paths(l *Library) []string {
	var out []string
	for _, p := range l.Posts {
		out = append(out, p.Path)
	}
	return out
}

func TestScanFolder(t *testing.T) {
	dir := t.TempDir()
	root := filepath.Join(dir, "posts")
	write(t, root, "2025-01-01-a.md", post("Bài A", "2025-01-01 10:00:00 +0700"))
	write(t, root, "2025-01-02-b.txt", post("Bài B", "Thu, 02 Jan 2025 10:00:00 +0700"))
	write(t, root, "ghi-chu.txt", "Chỉ là ghi chú, không phải bài viết.\n")
	write(t, root, "trong.txt", "")
	write(t, root, "sub/deeper/2025-01-03-c.markdown", post("Bài C", "2025-01-03"))
	write(t, root, "sub/2025-01-04-D.MD", post("Bài D", "2025-01-04"))
	write(t, root, "sub/anh.png", "\x89PNG\r\n\x1a\n\x00")
	write(t, root, ".git/2025-01-05-hidden.md", post("Ẩn", "2025-01-05"))
	write(t, root, ".nhap.md", post("Nháp", "2025-01-05"))
	write(t, root, "_site/2025-01-05-built.md", post("Đã dựng", "2025-01-05"))
	write(t, root, "node_modules/pkg/README.md", "# readme\n")
	write(t, root, "thu-muc.md/2025-01-06-e.md", post("Bài E", "2025-01-06")) // a folder named x.md
	write(t, root, "hong.md", "---\ntitle: Hà Nội: tin mới\n---\nThân bài")
	write(t, root, "khong-ngay.md", post("Không ngày", "sometime"))
	write(t, dir, "outside/2025-01-07-f.md", post("Bài F", "2025-01-07"))
	symlink(t, filepath.Join(dir, "outside"), filepath.Join(root, "linked"))
	symlink(t, filepath.Join(dir, "outside"), filepath.Join(root, "linked-again")) // read once only
	symlink(t, ".", filepath.Join(root, "loop"))
	symlink(t, "..", filepath.Join(root, "sub", "up"))
	symlink(t, "nowhere.md", filepath.Join(root, "dangling.md"))
	symlink(t, "2025-01-01-a.md", filepath.Join(root, "2025-01-08-alias.md"))
	// A pipe named like a post must not be opened: that would block.
	if err := exec.Command("mkfifo", filepath.Join(root, "2025-01-09-pipe.md")).Run(); err != nil {
		t.Logf("no FIFO: %v", err)
	}

	l, err := OpenDir(root)
	if err != nil {
		t.Fatal(err)
	}
	// The alias has the same date as 2025-01-01-a.md; the path breaks the tie.
	want := []string{
		"linked/2025-01-07-f.md",
		"thu-muc.md/2025-01-06-e.md",
		"sub/2025-01-04-D.MD",
		"sub/deeper/2025-01-03-c.markdown",
		"2025-01-02-b.txt",
		"2025-01-01-a.md",
		"2025-01-08-alias.md",
		"hong.md",
		"khong-ngay.md",
	}
	if got := paths(l); !slices.Equal(got, want) {
		t.Errorf("posts:\n got %q\nwant %q", got, want)
	}
	// ghi-chu.txt, trong.txt, linked-again, loop, sub/up, dangling.md.
	if l.Skipped != 6 {
		t.Errorf("Skipped = %d, want 6", l.Skipped)
	}
	if l.Root != root || l.FS == nil {
		t.Errorf("Root = %q", l.Root)
	}
	for _, p := range l.Posts {
		checkClean(t, p)
		switch p.Path {
		case "hong.md":
			if p.Err == nil || p.Title != "hong.md" {
				t.Errorf("hong.md: Err %v, Title %q", p.Err, p.Title)
			}
		case "khong-ngay.md":
			if p.HasDate || p.Note == "" {
				t.Errorf("khong-ngay.md: HasDate %v, Note %q", p.HasDate, p.Note)
			}
		default:
			if p.Err != nil || !strings.HasPrefix(p.Title, "Bài ") || p.Size == 0 {
				t.Errorf("%s: Err %v, Title %q, Size %d", p.Path, p.Err, p.Title, p.Size)
			}
		}
	}
}

// faultyFS is an fs.FS whose files fail the way real ones do: unreadable,
// gone between listing and reading, failing halfway.
type faultyFS struct {
	fstest.MapFS
	openErr map[string]error
	readErr map[string]error
	dirErr  map[string]error
}

func (f faultyFS) Open(name string) (fs.File, error) {
	if err := f.openErr[name]; err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	file, err := f.MapFS.Open(name)
	if err != nil {
		return nil, err
	}
	if err := f.readErr[name]; err != nil {
		return failingFile{file, err}, nil
	}
	return file, nil
}

func (f faultyFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if err := f.dirErr[name]; err != nil {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: err}
	}
	return f.MapFS.ReadDir(name)
}

type failingFile struct {
	fs.File
	err error
}

func (f failingFile) Read([]byte) (int, error) { return 0, f.err }

func TestScanFaultyFiles(t *testing.T) {
	good := &fstest.MapFile{Data: []byte(post("Tốt", "2025-01-01"))}
	fsys := faultyFS{
		MapFS: fstest.MapFS{
			"2025-01-01-tot.md":   good,
			"khoa.md":             good,
			"khoa.txt":            good,
			"da-xoa.md":           good,
			"loi-doc.md":          good,
			"khong-vao/2025-x.md": good,
		},
		openErr: map[string]error{
			"khoa.md":   fs.ErrPermission,
			"khoa.txt":  fs.ErrPermission,
			"da-xoa.md": fs.ErrNotExist,
		},
		readErr: map[string]error{"loi-doc.md": errors.New("input/output error")},
		dirErr:  map[string]error{"khong-vao": fs.ErrPermission},
	}
	l, err := Scan(fsys, "")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := paths(l), []string{"2025-01-01-tot.md", "khoa.md", "loi-doc.md"}; !slices.Equal(got, want) {
		t.Errorf("posts = %q, want %q", got, want)
	}
	// khoa.txt (can't tell it is a post), da-xoa.md (gone), khong-vao/.
	if l.Skipped != 3 {
		t.Errorf("Skipped = %d, want 3", l.Skipped)
	}
	for _, p := range l.Posts[1:] {
		checkClean(t, p)
		if p.Err == nil || p.Title != p.Path || !strings.Contains(p.Err.Error(), "cannot read") {
			t.Errorf("%s: Err %v, Title %q", p.Path, p.Err, p.Title)
		}
	}
	if !errors.Is(l.Posts[1].Err, fs.ErrPermission) || !strings.Contains(l.Posts[2].Err.Error(), "input/output") {
		t.Errorf("errors don't say why: %v; %v", l.Posts[1].Err, l.Posts[2].Err)
	}
}

// TestScanLoopWithoutFileIDs: an FS with no inode numbers can't tell a
// folder seen before, so its symlinked folders are not followed; two
// loops would otherwise make the walk explode.
func TestScanLoopWithoutFileIDs(t *testing.T) {
	fsys := fstest.MapFS{
		"a/2025-01-01-x.md": {Data: []byte(post("X", "2025-01-01"))},
		"a/loop":            {Mode: fs.ModeSymlink, Data: []byte("..")},
		"a/again":           {Mode: fs.ModeSymlink, Data: []byte(".")},
		"b":                 {Mode: fs.ModeSymlink, Data: []byte("a")},
		"2025-01-02-y.md":   {Mode: fs.ModeSymlink, Data: []byte("a/2025-01-01-x.md")},
	}
	l, err := Scan(fsys, "")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := paths(l), []string{"2025-01-02-y.md", "a/2025-01-01-x.md"}; !slices.Equal(got, want) {
		t.Errorf("posts = %q, want %q", got, want)
	}
	if l.Skipped != 3 {
		t.Errorf("Skipped = %d, want 3", l.Skipped)
	}
}

func TestScanRootErrors(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a.md", post("A", "2025-01-01"))
	if _, err := OpenDir(filepath.Join(dir, "khong-co")); err == nil || !strings.Contains(err.Error(), "khong-co") {
		t.Errorf("missing folder: %v", err)
	}
	if _, err := OpenDir(filepath.Join(dir, "a.md")); err == nil || !strings.Contains(err.Error(), "not a folder") {
		t.Errorf("a file: %v", err)
	}
	if _, err := Scan(faultyFS{MapFS: fstest.MapFS{}, dirErr: map[string]error{".": fs.ErrPermission}}, "goc"); err == nil || !strings.Contains(err.Error(), "goc") {
		t.Errorf("unreadable root: %v", err)
	}
	// An empty folder is a library with no posts, not an error.
	if l, err := OpenDir(t.TempDir()); err != nil || len(l.Posts) != 0 {
		t.Errorf("empty folder: %v, %d posts", err, len(l.Posts))
	}
}

func TestScanLongFrontMatter(t *testing.T) {
	// Front matter longer than what Scan reads at first: it reads on.
	var b strings.Builder
	for i := 0; b.Len() < readLimit+1000; i++ {
		fmt.Fprintf(&b, "field%d: giá trị số %d\n", i, i)
	}
	dir := t.TempDir()
	write(t, dir, "dai.md", string(doc(b.String()+"title: Cuối cùng\n", "Thân bài\n")))
	write(t, dir, "mo.md", "---\n"+b.String()) // and one that is never closed
	l, err := OpenDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]*Post{}
	for _, p := range l.Posts {
		got[p.Path] = p
	}
	if p := got["dai.md"]; p == nil || p.Err != nil || p.Title != "Cuối cùng" {
		t.Errorf("dai.md: %+v", p)
	}
	if p := got["mo.md"]; p == nil || !isUnclosed(p.Err) {
		t.Errorf("mo.md: %+v", p)
	}
}

func TestScanHugeFile(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "2025-01-01-khong-lo.md")
	line := "Một dòng văn bản khá dài để làm đầy tệp rất lớn này.\n"
	write(t, dir, "2025-01-01-khong-lo.md", string(doc("title: Khổng lồ\n", strings.Repeat(line, 3<<20/len(line)))))
	// The rest is a hole: 100 MB on paper, nothing written.
	if err := os.Truncate(name, 100<<20); err != nil {
		t.Fatal(err)
	}
	l, err := OpenDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	p := l.Posts[0]
	if p.Err != nil || p.Title != "Khổng lồ" || p.Size != 100<<20 || !strings.Contains(p.Note, "100.0 MiB") {
		t.Fatalf("%+v", *p)
	}
	body, err := l.Body(p)
	if err != nil {
		t.Fatal(err)
	}
	if len(body) > maxBody || len(body) < maxBody/2 || !strings.HasSuffix(body, "\n") {
		t.Errorf("Body is %d bytes, want a little under %d, ending at a line end", len(body), maxBody)
	}
}

func TestSortPosts(t *testing.T) {
	ict := time.FixedZone("", 7*3600)
	at := func(path string, d time.Time) *Post {
		return &Post{Path: path, Date: d, HasDate: !d.IsZero()}
	}
	ps := []*Post{
		at("z-khong-ngay.md", time.Time{}),
		at("b.md", time.Date(2025, 2, 3, 15, 0, 0, 0, ict)), // 08:00 UTC
		at("c.md", time.Date(2025, 2, 3, 9, 0, 0, 0, time.UTC)),
		at("a.md", time.Date(2025, 2, 3, 8, 0, 0, 0, time.UTC)), // same instant as b.md
		at("a-khong-ngay.md", time.Time{}),
		at("cu.md", time.Date(2024, 12, 31, 23, 0, 0, 0, ict)),
	}
	sortPosts(ps)
	var got []string
	for _, p := range ps {
		got = append(got, p.Path)
	}
	want := []string{"c.md", "a.md", "b.md", "cu.md", "a-khong-ngay.md", "z-khong-ngay.md"}
	if !slices.Equal(got, want) {
		t.Errorf("order = %q, want %q", got, want)
	}
}

// TestSortPostsRandom: dates before and after 1970, far off years, equal
// instants in other zones, nanoseconds, no date, equal paths: the order
// is newest first, then by path, then by file name.
func TestSortPostsRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	zones := []*time.Location{time.UTC, time.FixedZone("", 7*3600), time.FixedZone("", -5*3600)}
	for range 200 {
		var ps []*Post
		for range r.IntN(40) {
			p := &Post{Path: string(rune('a' + r.IntN(4))), file: string(rune('a' + r.IntN(3)))}
			if r.IntN(5) > 0 {
				sec := []int64{-1e10, -1, 0, 1, 1.7e9, 1.7e9 + 3600, 6e10}[r.IntN(7)]
				p.Date = time.Unix(sec, int64(r.IntN(3))).In(zones[r.IntN(len(zones))])
				p.HasDate = true
			}
			ps = append(ps, p)
		}
		sortPosts(ps)
		for i := 1; i < len(ps); i++ {
			a, b := ps[i-1], ps[i]
			var c int
			switch {
			case a.HasDate != b.HasDate:
				c = map[bool]int{true: -1, false: 1}[a.HasDate]
			case a.HasDate && !a.Date.Equal(b.Date):
				c = b.Date.Compare(a.Date)
			case a.Path != b.Path:
				c = strings.Compare(a.Path, b.Path)
			default:
				c = strings.Compare(a.name(), b.name())
			}
			if c > 0 {
				t.Fatalf("out of order at %d: %+v before %+v", i, *a, *b)
			}
		}
	}
}

// TestScanFileGoneFolder: a name the walk listed as a file and that is a
// folder by the time it is read is dropped, not listed as a bad post.
func TestScanFileGoneFolder(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "d.md"), 0o755); err != nil {
		t.Fatal(err)
	}
	if p := scanFile(diskFS(dir), "d.md", make([]byte, readLimit)); p != nil {
		t.Fatalf("a folder read as a post: %+v", p)
	}
}

func TestHasMarkdown(t *testing.T) {
	for _, c := range []struct {
		files []string
		want  bool
	}{
		{nil, false},
		{[]string{"ghi-chu.txt", "anh.png"}, false},
		{[]string{".git/x.md", "_site/x.md", "node_modules/p/README.md"}, false},
		{[]string{"a/b/c/2025-01-01-TIN.MD"}, true},
		{[]string{"x.markdown"}, true},
	} {
		dir := t.TempDir()
		for _, f := range c.files {
			write(t, dir, f, "---\ntitle: x\n---\n")
		}
		if got := HasMarkdown(dir); got != c.want {
			t.Errorf("%q: HasMarkdown = %v", c.files, got)
		}
	}
}
