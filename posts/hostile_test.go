package posts

// The hostile folder of issue 6 at the level of the library: every bad
// file is listed with Err or a Note that says what is wrong, or skipped
// and counted, and the rest of the folder is read as if it weren't there.

import (
	"errors"
	"fmt"
	"html"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"github.com/newsreader/newsreader/posts/safetext"
)

// hostileCase is one entry of the hostile folder and what Scan must make
// of it.
type hostileCase struct {
	name string // as written to disk: may be NFD or invalid UTF-8
	data string
	// path is the Post.Path it must be listed under; "" for an entry
	// that must be skipped.
	path string
	// check looks at the post and, when it needs to, its body.
	check func(t *testing.T, l *Library, p *Post)
}

// refusedName is the file the refusing FS won't open: a file without read
// permission, which root can't make with chmod.
const refusedName = "khoa.md"

// refusingFS is a folder on disk in which one file can't be opened.
type refusingFS struct{ diskFS }

func (r refusingFS) Open(name string) (fs.File, error) {
	if name == refusedName {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	return r.diskFS.Open(name)
}

// isValid checks a post that must read as a good one, with this title.
func isValid(title string) func(*testing.T, *Library, *Post) {
	return func(t *testing.T, l *Library, p *Post) {
		t.Helper()
		if p.Err != nil || p.Title != title {
			t.Errorf("Err %v, Title %q; want a valid post titled %q", p.Err, p.Title, title)
		}
	}
}

// isBad checks a post that must be listed under its file name with an Err
// that is kind (a sentinel, or nil for a *FrontMatterError) and says why.
func isBad(kind error, says string) func(*testing.T, *Library, *Post) {
	return func(t *testing.T, l *Library, p *Post) {
		t.Helper()
		var fe *FrontMatterError
		switch {
		case p.Err == nil:
			t.Fatalf("no Err; want one that says %q", says)
		case kind != nil && !errors.Is(p.Err, kind), kind == nil && !errors.As(p.Err, &fe):
			t.Errorf("Err %v is not a %v", p.Err, kind)
		case !strings.Contains(p.Err.Error(), says):
			t.Errorf("Err %q does not say %q", p.Err, says)
		}
		if p.Title != safetext.Line(filepath.Base(p.Path)) {
			t.Errorf("Title %q, want the file name", p.Title)
		}
	}
}

// bodyHas checks that the body reads, is clean, and holds every want.
func bodyHas(want ...string) func(*testing.T, *Library, *Post) {
	return func(t *testing.T, l *Library, p *Post) {
		t.Helper()
		body, err := l.Body(p)
		if err != nil {
			t.Fatalf("Body: %v", err)
		}
		checkBody(t, body)
		for _, w := range want {
			if !strings.Contains(body, w) {
				t.Errorf("the body lacks %q: %q", w, clipped(body))
			}
		}
	}
}

// checkBody fails t if a body could put a control character on the
// terminal, directly or once a Markdown renderer decodes its entities.
func checkBody(t *testing.T, body string) {
	t.Helper()
	if err := safetext.CheckPlainText([]byte(body)); err != nil {
		t.Errorf("body: %v", err)
	}
	md := safetext.Markdown(body)
	if err := safetext.CheckPlainText([]byte(html.UnescapeString(md))); err != nil {
		t.Errorf("the body as Glamour would decode it: %v", err)
	}
}

func clipped(s string) string {
	if len(s) > 300 {
		return s[:300] + "…"
	}
	return s
}

func all(checks ...func(*testing.T, *Library, *Post)) func(*testing.T, *Library, *Post) {
	return func(t *testing.T, l *Library, p *Post) {
		t.Helper()
		for _, c := range checks {
			c(t, l, p)
		}
	}
}

func hostileCases() []hostileCase {
	var bomb strings.Builder
	bomb.WriteString("a: &a [ha, ha, ha, ha, ha, ha, ha, ha, ha]\n")
	for c := 'b'; c <= 'z'; c++ {
		fmt.Fprintf(&bomb, "%c: &%c [*%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c]\n", c, c, c-1, c-1, c-1, c-1, c-1, c-1, c-1, c-1, c-1)
	}
	bomb.WriteString("title: Bom bí danh\ncategories: *z\n")
	long := strings.Repeat("chữ nối chữ ", (1<<20)/len("chữ nối chữ "))
	good := "title: \"🔥 [Thử] Tin xuống dòng kiểu Windows\"\ndate: 2025-02-01 08:00:00 +0700\ncategories: entries VN\n"
	hanoi := "2025-01-05-hà-nội.md"
	return []hostileCase{
		{"2025-03-01-binh-thuong.md", front("title: \"🔥🔥 [Kiểm tra] Bài bình thường\"\ndate: Sat, 01 Mar 2025 09:00:00 +0700\ncategories: entries VN\n",
			"[Nguồn](https://tin.example.vn/binh-thuong.html)\n\nMở đầu bài.\n"), "2025-03-01-binh-thuong.md",
			func(t *testing.T, l *Library, p *Post) {
				if p.Err != nil || p.Note != "" || p.Title != "Bài bình thường" || p.Topic != "Kiểm tra" || p.Hotness != 2 ||
					p.Lang != LangVN || p.Source != "https://tin.example.vn/binh-thuong.html" || p.Date.Format("2006-01-02 15:04 -0700") != "2025-03-01 09:00 +0700" {
					t.Errorf("%+v", *p)
				}
			}},
		{"2025-02-01-crlf.md", strings.ReplaceAll(front(good, "Dòng một.\nDòng hai.\n"), "\n", "\r\n"), "2025-02-01-crlf.md",
			all(isValid("Tin xuống dòng kiểu Windows"), bodyHas("Dòng một.\nDòng hai.\n"))},
		{"2025-02-02-bom.md", "\ufeff" + front(good, "Thân bài.\n"), "2025-02-02-bom.md", isValid("Tin xuống dòng kiểu Windows")},
		{"khong-front-matter.md", "# Ghi chú\n\nKhông có front matter.\n", "khong-front-matter.md",
			all(isBad(ErrNoFrontMatter, "does not start with a --- line"), bodyHas("Không có front matter."))},
		{"khong-front-matter.txt", "Một ghi chú, không phải bài viết.\n", "", nil},
		{"chua-dong.md", "---\ntitle: Chưa đóng\n\nThân bài\n", "chua-dong.md", all(isBad(nil, "never closed"), bodyHas("Thân bài"))},
		{"yaml-hong.md", front("title: [Tin, hỏng\n", "Thân bài\n"), "yaml-hong.md", isBad(nil, "front matter line 2")},
		// Issue 6: fall back to the file name, and still show the body.
		{"dau-hai-cham.md", front("title: Hà Nội: tin mới\n", "Thân bài vẫn hiện.\n"), "dau-hai-cham.md",
			all(isBad(nil, `needs quotes, as in title: "Hà Nội: tin mới"`), bodyHas("Thân bài vẫn hiện."))},
		{"alias-bomb.md", front(bomb.String(), "Thân bài\n"), "alias-bomb.md", all(isValid("Bom bí danh"), func(t *testing.T, l *Library, p *Post) {
			if len(p.Categories) != 0 {
				t.Errorf("the aliases were expanded into %d categories", len(p.Categories))
			}
		})},
		{"toml.md", "+++\ntitle = \"Tin TOML\"\ntags = [\"a\", \"b\"]\n+++\nThân bài\n", "toml.md", all(isValid("Tin TOML"), func(t *testing.T, l *Library, p *Post) {
			if !slices.Equal(p.Tags, []string{"a", "b"}) {
				t.Errorf("Tags %q", p.Tags)
			}
		})},
		{"toml-chua-dong.md", "+++\ntitle = \"Tin TOML\"\nThân bài\n", "toml-chua-dong.md", isBad(nil, "never closed")},
		// A TOML parser error quotes the key, which YAML-style escapes
		// made into a live OSC sequence.
		{"toml-hong.md", "+++\n\"k\\u001b]0;pwn\\u0007\" = \n+++\n", "toml-hong.md", isBad(nil, "TOML or JSON front matter is not valid")},
		{"json.md", "{\n  \"title\": \"Tin JSON\"\n}\n\nThân bài\n", "json.md", isValid("Tin JSON")},
		{"json-dinh.md", "{\n  \"title\": \"Tin JSON\"\n}\nThân bài dính liền\n", "json-dinh.md", isBad(nil, "never closed")},
		{"tags-chuoi.md", front("title: Thẻ\ntags: ai chip bán-dẫn\n", ""), "tags-chuoi.md", all(isValid("Thẻ"), func(t *testing.T, l *Library, p *Post) {
			if !slices.Equal(p.Tags, []string{"ai", "chip", "bán-dẫn"}) {
				t.Errorf("Tags %q", p.Tags)
			}
		})},
		{"trung-khoa.md", front("title: Thứ nhất\ndate: 2025-01-01\ntitle: Thứ hai\n", ""), "trung-khoa.md", all(isValid("Thứ nhất"), func(t *testing.T, l *Library, p *Post) {
			if p.Note != `front matter line 4: "title" is given twice; the first one is used` {
				t.Errorf("Note %q", p.Note)
			}
		})},
		{"rong.md", "", "rong.md", isBad(ErrEmpty, "empty file")},
		{"chi-gach.md", "---\n---\n", "chi-gach.md", all(isValid("chi-gach.md"), bodyHas())},
		{"nhi-phan.md", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x1b]52;c;eA==\x07\xff", "nhi-phan.md", all(isBad(ErrBinary, "NUL bytes"), bodyHas())},
		{"2025-01-03-khong-lo.md", "", "2025-01-03-khong-lo.md", all(isValid("Tệp khổng lồ"), func(t *testing.T, l *Library, p *Post) {
			if p.Size != 100<<20 || !strings.Contains(p.Note, "the file is 100.0 MiB; only its first 2 MiB are shown") {
				t.Errorf("Size %d, Note %q", p.Size, p.Note)
			}
		}, bodyHas("Đoạn văn lấp đầy"))},
		{"dong-dai.md", front("title: Một dòng dài\n", long), "dong-dai.md", all(isValid("Một dòng dài"), bodyHas(long))},
		{"thu-muc.md/2025-01-04-ben-trong.md", front("title: Trong thư mục\n", ""), "thu-muc.md/2025-01-04-ben-trong.md", isValid("Trong thư mục")},
		{"vong", "", "", nil},
		{"tu-tro.md", "", "", nil},
		{"treo.md", "", "", nil},
		{refusedName, front("title: Bị khoá\n", ""), refusedName, isBad(fs.ErrPermission, "cannot read the file: permission denied")},
		{"tin có dấu cách.md", front("title: Có dấu cách\n", "Thân bài cách.\n"), "tin có dấu cách.md", all(isValid("Có dấu cách"), bodyHas("Thân bài cách."))},
		// The same name in NFC and in NFD: two files, one clean path, and
		// each must still read as itself.
		{hanoi, front("title: Bản NFC\n", "Nội dung NFC.\n"), hanoi, all(isValid("Bản NFC"), bodyHas("Nội dung NFC."))},
		{norm.NFD.String(hanoi), front("title: Bản NFD\n", "Nội dung NFD.\n"), hanoi, all(isValid("Bản NFD"), bodyHas("Nội dung NFD."))},
		{"sai-\xff-utf8.md", front("title: Tên sai UTF-8\n", "Thân bài UTF-8.\n"), "sai-\ufffd-utf8.md", all(isValid("Tên sai UTF-8"), bodyHas("Thân bài UTF-8."))},

		// Escape sequences and invisible tricks.
		{"tieu-de-osc.md", front("title: \"\\e]0;pwn\\a🔥 [Bảo mật] Tiêu đề\"\n", ""), "tieu-de-osc.md", func(t *testing.T, l *Library, p *Post) {
			if p.Title != "Tiêu đề" || p.Topic != "Bảo mật" || p.Hotness != 1 || strings.Contains(p.RawTitle, "pwn") {
				t.Errorf("Title %q, Topic %q, Hotness %d, RawTitle %q", p.Title, p.Topic, p.Hotness, p.RawTitle)
			}
		}},
		{"osc52.md", front("title: OSC 52\n", "Trước \x1b]52;c;cHduZWQ=\x07 sau \x1bPtmux;\x1b\x1b]52;c;eA==\x07\x1b\\ hết \x1b]0;pwn\n"), "osc52.md",
			all(bodyHas("Trước  sau  hết \n"), func(t *testing.T, l *Library, p *Post) {
				if body, _ := l.Body(p); strings.Contains(body, "cHduZWQ") || strings.Contains(body, "pwn") {
					t.Errorf("a payload survived: %q", body)
				}
			})},
		{"thuc-the.md", front("title: Thực thể\n", "A &#x1b;]0;x&#7; B &#27;[31m C &#x9b; D &#x1*b*; E &#0000027;\n"), "thuc-the.md", bodyHas("&#x1b;")},
		{"c1.md", front("title: \"\\u009b31mĐỏ\\u009d0;pwn\\u009c\"\n", "Một \u009b31m hai \u0085 ba\n"), "c1.md", all(isValid("Đỏ"), bodyHas("Một  hai"))},
		{"bidi-tieu-de.md", front("title: \"Giá \\u202eRẺ\\u202c \\u2066nay\\u2069\"\n", "Tệp \u202egnp.exe\n"), "bidi-tieu-de.md",
			all(isValid("Giá RẺ nay"), bodyHas("Tệp gnp.exe"))},
		{"2025-01-07-\u202egnp.md", front("title: Đảo chiều\n", ""), "2025-01-07-gnp.md", isValid("Đảo chiều")},
		{"ghi-de-cr.md", front("title: CR\n", "Tin thật\rTIN GIẢ\n"), "ghi-de-cr.md", bodyHas("Tin thật\nTIN GIẢ\n")},
		{"lien-ket-lua.md", front("title: Liên kết lừa\n", "[https://bank.example](https://evil.example/dang-nhap)\n"), "lien-ket-lua.md",
			func(t *testing.T, l *Library, p *Post) {
				if p.Source != "https://evil.example/dang-nhap" || safetext.Host(p.Source) != "evil.example" {
					t.Errorf("Source %q: the source is where the link leads, not what its text says", p.Source)
				}
			}},
		{"javascript.md", front("title: JS\nsource: \"javascript:alert(1)\"\n", "[bấm](javascript:alert(1)) [ảnh](data:text/html,x)\n"), "javascript.md",
			func(t *testing.T, l *Library, p *Post) {
				if p.Source != "" {
					t.Errorf("Source %q: only http(s) links may be a source", p.Source)
				}
			}},
	}
}

// front makes a post of front matter lines and a body.
func front(fm, body string) string { return "---\n" + fm + "---\n" + body }

// writeHostileFolder writes the cases into dir. The 100 MB file is
// sparse: 16 KiB of text, then a hole.
func writeHostileFolder(t *testing.T, dir string, cases []hostileCase) {
	t.Helper()
	for _, c := range cases {
		p := filepath.Join(dir, filepath.FromSlash(c.name))
		switch c.name {
		case "vong":
			symlink(t, ".", p) // a loop back to the folder
			continue
		case "tu-tro.md":
			symlink(t, "tu-tro.md", p) // a file link to itself
			continue
		case "treo.md":
			symlink(t, "khong-ton-tai.md", p) // dangling
			continue
		}
		data := c.data
		if c.name == "2025-01-03-khong-lo.md" {
			para := "Đoạn văn lấp đầy tệp khổng lồ.\n\n"
			data = front("title: Tệp khổng lồ\n", strings.Repeat(para, 16<<10/len(para)))
		}
		write(t, dir, c.name, data)
		if c.name == "2025-01-03-khong-lo.md" {
			if err := os.Truncate(p, 100<<20); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// TestHostileFolder scans the hostile folder once and checks each entry,
// then that nothing else was listed and the skipped count is exact.
func TestHostileFolder(t *testing.T) {
	dir := t.TempDir()
	cases := hostileCases()
	writeHostileFolder(t, dir, cases)
	l, err := Scan(refusingFS{diskFS(dir)}, dir)
	if err != nil {
		t.Fatal(err)
	}
	byPath := map[string][]*Post{}
	for _, p := range l.Posts {
		checkClean(t, p)
		byPath[p.Path] = append(byPath[p.Path], p)
	}
	want, skipped := 0, 0
	for _, c := range cases {
		t.Run(strings.ToValidUTF8(c.name, "?"), func(t *testing.T) {
			if c.path == "" {
				skipped++
				for _, p := range l.Posts {
					if strings.HasPrefix(p.Path, strings.TrimSuffix(c.name, ".md")) {
						t.Errorf("listed as %q; it should be skipped", p.Path)
					}
				}
				return
			}
			want++
			// Two files may share a clean path; the case's own one is
			// the one whose file name is exactly c.name.
			var p *Post
			for _, q := range byPath[c.path] {
				if q.name() == c.name {
					p = q
				}
			}
			if p == nil {
				t.Fatalf("not listed as %q; the list is %q", c.path, paths(l))
			}
			c.check(t, l, p)
		})
	}
	if len(l.Posts) != want || l.Skipped != skipped {
		t.Errorf("%d posts, %d skipped; want %d and %d: %q", len(l.Posts), l.Skipped, want, skipped, paths(l))
	}
	if l.Posts[0].Path != "2025-03-01-binh-thuong.md" {
		t.Errorf("the newest post is %q, want the ordinary one", l.Posts[0].Path)
	}
}

// TestHostileOpenDir: without the refusing FS, as the command line opens
// a folder, the same posts are listed, every one of them readable.
func TestHostileOpenDir(t *testing.T) {
	dir := t.TempDir()
	cases := hostileCases()
	writeHostileFolder(t, dir, cases)
	l, err := OpenDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	want, skipped := 0, 0
	for _, c := range cases {
		if c.path == "" {
			skipped++
		} else {
			want++
		}
	}
	if len(l.Posts) != want || l.Skipped != skipped {
		t.Errorf("%d posts, %d skipped; want %d and %d: %q", len(l.Posts), l.Skipped, want, skipped, paths(l))
	}
	for _, p := range l.Posts {
		checkClean(t, p)
		if p.Err != nil && strings.Contains(p.Err.Error(), "cannot read") && p.Path != refusedName {
			t.Errorf("%s: %v", p.Path, p.Err)
		}
		if _, err := l.Body(p); err != nil {
			t.Errorf("%s: Body: %v", p.Path, err)
		}
	}
}

// TestHostileVanishingFiles: a file deleted or cut short after the list
// was made is an error that names it, or a shorter body, never a crash.
func TestHostileVanishingFiles(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "2025-01-01-xoa.md", front("title: Sẽ bị xoá\n", "Thân bài.\n"))
	write(t, dir, "2025-01-02-cat.md", front("title: Sẽ bị cắt\n", strings.Repeat("Dòng văn bản.\n", 1000)))
	write(t, dir, "2025-01-03-con.md", front("title: Còn nguyên\n", "Vẫn đọc được.\n"))
	l, err := OpenDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Posts) != 3 {
		t.Fatalf("%q", paths(l))
	}
	if err := os.Remove(filepath.Join(dir, "2025-01-01-xoa.md")); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(filepath.Join(dir, "2025-01-02-cat.md"), 20); err != nil {
		t.Fatal(err)
	}
	for _, p := range l.Posts {
		body, err := l.Body(p)
		switch p.Path {
		case "2025-01-01-xoa.md":
			if err == nil || !strings.Contains(err.Error(), "cannot read") || !strings.Contains(err.Error(), "2025-01-01-xoa.md") {
				t.Errorf("deleted: body %q, err %v", body, err)
			}
		case "2025-01-02-cat.md":
			if err != nil || len(body) > 20 {
				t.Errorf("truncated: body %q, err %v", body, err)
			}
		default:
			if err != nil || body != "Vẫn đọc được.\n" {
				t.Errorf("untouched: body %q, err %v", body, err)
			}
		}
	}
}

// TestHostileNamesOpenOneByOne: the odd names open as single files too,
// the way "newsreader FILE" and piped paths open them.
func TestHostileNamesOpenOneByOne(t *testing.T) {
	dir := t.TempDir()
	names := []string{"tin có dấu cách.md", norm.NFD.String("2025-01-05-hà-nội.md"), "sai-\xff-utf8.md", "2025-01-07-\u202egnp.md"}
	var full []string
	for _, n := range names {
		write(t, dir, n, front("title: Tên lạ\n", "Thân bài.\n"))
		full = append(full, filepath.Join(dir, n))
	}
	l, err := OpenFiles(full)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range l.Posts {
		checkClean(t, p)
		if body, err := l.Body(p); p.Err != nil || err != nil || body != "Thân bài.\n" {
			t.Errorf("%s: Err %v, body %q, %v", p.Path, p.Err, body, err)
		}
		if d := l.DisplayPath(p); safetext.Line(d) != d {
			t.Errorf("DisplayPath %q is not clean", d)
		}
	}
}
