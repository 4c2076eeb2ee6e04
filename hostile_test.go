package main

// Hostile posts against the real binary: every bad file gets a mark and a
// reason, and nothing a post holds reaches a pipe but plain text (issue
// 6). hostile_term_test.go does the same for the terminal.

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"github.com/newsreader/newsreader/posts/safetext"
)

// hostile is one entry of the hostile folder and what the reader must make
// of it.
type hostile struct {
	name string // as written to disk: may be NFD or invalid UTF-8
	data string
	// shown is the path the listing gives, cleaned; "" for an entry that
	// must be skipped, not listed.
	shown string
	title string // the title it is listed under
	// invalid is what the "[invalid: ...]" mark must say; "" for a post
	// that must list as valid.
	invalid string
	// screen is text the reader pane must show once the post is open.
	screen string
	// never is text that must appear nowhere in any output: the payload
	// of an escape sequence the post tried to smuggle through.
	never []string
}

// front makes a post of front matter lines and a body.
func front(fm, body string) string { return "---\n" + fm + "---\n" + body }

// hostileFiles are the bad files and escape tricks of issue 6, each next
// to two ordinary posts that must come through untouched.
func hostileFiles() []hostile {
	var bomb strings.Builder
	bomb.WriteString("a: &a [ha, ha, ha, ha, ha, ha, ha, ha, ha]\n")
	for c := 'b'; c <= 'z'; c++ {
		fmt.Fprintf(&bomb, "%c: &%c [*%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c]\n", c, c, c-1, c-1, c-1, c-1, c-1, c-1, c-1, c-1, c-1)
	}
	bomb.WriteString("title: Bom bí danh\ntags: *z\n")
	long := strings.Repeat("chữ nối chữ không xuống dòng ", (1<<20)/len("chữ nối chữ không xuống dòng "))
	valid := "title: \"Tin xuống dòng kiểu Windows\"\ndate: 2025-02-01 08:00:00 +0700\ncategories: entries VN\n"
	nfd := norm.NFD.String("2025-01-05-hà-nội.md")
	return []hostile{
		{name: "2025-03-01-binh-thuong.md", shown: "2025-03-01-binh-thuong.md", title: "Bài bình thường giữa đám tệp hỏng", screen: "Doanbinhthuong",
			data: front("title: \"🔥🔥 [Kiểm tra] Bài bình thường giữa đám tệp hỏng\"\ndate: Sat, 01 Mar 2025 09:00:00 +0700\ncategories: entries VN\n",
				"[Bài bình thường](https://tin.example.vn/binh-thuong.html)\n\nDoanbinhthuong mở đầu, viết bằng tiếng Việt có dấu.\n")},
		{name: "2025-03-02-normal.md", shown: "2025-03-02-normal.md", title: "A normal post among broken files", screen: "Normalparagraph",
			data: front("title: \"🔥 [Check] A normal post among broken files\"\ndate: 2025-03-02 10:00:00 +0000\ncategories: entries EN\n",
				"[A normal post](https://news.example.com/normal)\n\nNormalparagraph opens the story.\n")},
		{name: "2025-02-01-crlf.md", shown: "2025-02-01-crlf.md", title: "Tin xuống dòng kiểu Windows", screen: "Thanbaicrlf",
			data: strings.ReplaceAll(front(valid, "Thanbaicrlf dòng một.\nDòng hai.\n"), "\n", "\r\n")},
		{name: "2025-02-02-bom.md", shown: "2025-02-02-bom.md", title: "Tin có BOM ở đầu", screen: "Thanbaibom",
			data: "\ufeff" + front("title: Tin có BOM ở đầu\ndate: 2025-02-02\n", "Thanbaibom ở đây.\n")},
		{name: "khong-front-matter.md", shown: "khong-front-matter.md", title: "khong-front-matter.md", invalid: "no front matter", screen: "Ghichutudo",
			data: "# Chỉ là ghi chú\n\nGhichutudo không có front matter.\n"},
		{name: "chua-dong.md", shown: "chua-dong.md", title: "chua-dong.md", invalid: "never closed", screen: "Thanbaimo",
			data: "---\ntitle: Chưa đóng\ndate: 2025-02-03\n\nThanbaimo ở đây.\n"},
		{name: "yaml-hong.md", shown: "yaml-hong.md", title: "yaml-hong.md", invalid: "front matter line 2", screen: "Thanbaiyaml",
			data: front("title: [Tin, hỏng\n", "Thanbaiyaml ở đây.\n")},
		{name: "dau-hai-cham.md", shown: "dau-hai-cham.md", title: "dau-hai-cham.md", invalid: "needs quotes", screen: "Thanbaivanhien",
			data: front("title: Hà Nội: tin mới\ndate: 2025-02-04\n", "Thanbaivanhien dù tiêu đề hỏng.\n")},
		{name: "alias-bomb.md", shown: "alias-bomb.md", title: "Bom bí danh", screen: "Thanbaibom2",
			data: front(bomb.String(), "Thanbaibom2 vẫn đọc được.\n")},
		{name: "toml.md", shown: "toml.md", title: "Tin TOML", screen: "Thanbaitoml",
			data: "+++\ntitle = \"Tin TOML\"\n+++\nThanbaitoml ở đây.\n"},
		{name: "toml-hong.md", shown: "toml-hong.md", title: "toml-hong.md", invalid: "TOML or JSON front matter is not valid", screen: "Thanbaitomlhong",
			data: "+++\n\"k\\u001b]0;tomlkey\\u0007\" = \n+++\nThanbaitomlhong ở đây.\n"},
		{name: "json.md", shown: "json.md", title: "Tin JSON", screen: "Thanbaijson",
			data: "{\n  \"title\": \"Tin JSON\"\n}\n\nThanbaijson ở đây.\n"},
		{name: "json-dinh.md", shown: "json-dinh.md", title: "json-dinh.md", invalid: "never closed", screen: "Thanbaijsondinh",
			data: "{\n  \"title\": \"Tin JSON dính\"\n}\nThanbaijsondinh ở đây.\n"},
		{name: "tags-chuoi.md", shown: "tags-chuoi.md", title: "Thẻ là một chuỗi", screen: "Thanbaithe",
			data: front("title: Thẻ là một chuỗi\ntags: ai chip bán-dẫn\n", "Thanbaithe ở đây.\n")},
		{name: "trung-khoa.md", shown: "trung-khoa.md", title: "Tiêu đề thứ nhất", screen: "given twice",
			data: front("title: Tiêu đề thứ nhất\ntitle: Tiêu đề thứ hai\n", "Thanbaitrung ở đây.\n")},
		{name: "rong.md", shown: "rong.md", title: "rong.md", invalid: "empty file", screen: "empty file", data: ""},
		{name: "chi-gach.md", shown: "chi-gach.md", title: "chi-gach.md", screen: "chi-gach.md", data: "---\n---\n"},
		{name: "nhi-phan.md", shown: "nhi-phan.md", title: "nhi-phan.md", invalid: "binary", screen: "NUL bytes",
			data: "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x1b]52;c;cHduZWQ=\x07\x00\xff\xfe"},
		{name: hugeName, shown: hugeName, title: "Tệp khổng lồ", screen: "100.0 MiB",
			data: front("title: Tệp khổng lồ\n", strings.Repeat("Đoạn văn lấp đầy tệp khổng lồ.\n\n", 400))},
		{name: "dong-dai.md", shown: "dong-dai.md", title: "Một dòng dài một megabyte", screen: "chữ nối chữ",
			data: front("title: Một dòng dài một megabyte\n", long+"\n")},
		{name: "thu-muc.md/2025-01-04-ben-trong.md", shown: "thu-muc.md/2025-01-04-ben-trong.md", title: "Bài trong thư mục tên .md", screen: "Thanbaithumuc",
			data: front("title: Bài trong thư mục tên .md\n", "Thanbaithumuc ở đây.\n")},
		{name: "tin có dấu cách.md", shown: "tin có dấu cách.md", title: "Tên tệp có dấu cách", screen: "Thanbaicach",
			data: front("title: Tên tệp có dấu cách\n", "Thanbaicach ở đây.\n")},
		{name: "2025-01-05-hà-nội.md", shown: "2025-01-05-hà-nội.md", title: "Tên tệp NFC", screen: "Thanbainfc",
			data: front("title: Tên tệp NFC\n", "Thanbainfc ở đây.\n")},
		{name: nfd, shown: "2025-01-05-hà-nội.md", title: "Tên tệp NFD", screen: "Thanbainfd",
			data: front("title: Tên tệp NFD\n", "Thanbainfd ở đây.\n")},
		{name: "sai-\xff-utf8.md", shown: "sai-\ufffd-utf8.md", title: "Tên tệp sai UTF-8", screen: "Thanbaiutf",
			data: front("title: Tên tệp sai UTF-8\n", "Thanbaiutf ở đây.\n")},

		// Escape sequences and invisible tricks.
		{name: "tieu-de-osc.md", shown: "tieu-de-osc.md", title: "Tiêu đề đòi đổi tên cửa sổ", screen: "Thanbaiosc", never: []string{"pwn"},
			data: front("title: \"\\e]0;pwn\\a🔥 [Bảo mật] Tiêu đề đòi đổi tên cửa sổ\"\n", "Thanbaiosc ở đây.\n")},
		{name: "chuoi-thoat.md", shown: "chuoi-thoat.md", title: "Chuỗi thoát trong thân bài", screen: "Thanbaithoat",
			never: []string{"cHduZWQ", "544e", "evil.example/osc8", "pwn"},
			data: front("title: Chuỗi thoát trong thân bài\n",
				"Thanbaithoat \x1b]52;c;cHduZWQ=\x07 clipboard.\n\n"+
					"Title \x1b]2;pwn\x1b\\ and \x1b]8;;https://evil.example/osc8\x07link\x1b]8;;\x07 here.\n\n"+
					"Query \x1bP+q544e\x1b\\ and \x1b_Gpwn\x1b\\ and \x1b^pwn\x1b\\ and \x1bXpwn\x1b\\ and "+
					"\x1bPtmux;\x1b\x1b]52;c;cHduZWQ=\x07\x1b\\ and unterminated \x1b]0;pwn\n\nCSI \x1b[2J\x1b[31mred\x1b[0m \x1b[6n end.\n")},
		{name: "thuc-the.md", shown: "thuc-the.md", title: "Thực thể HTML", screen: "Thanbaithucthe",
			data: front("title: Thực thể HTML\n", "Thanbaithucthe &#x1b;]2;hienra&#7; giữa &#27;[31m đỏ &#x9b;31m *&#x1*b*; sau &#0000027; &#4294967323;.\n")},
		{name: "c1.md", shown: "c1.md", title: "Đỏ", screen: "Thanbaic1", never: []string{"pwn"},
			data: front("title: \"\\u009b31mĐỏ\\u009d0;pwn\\u009c\"\n", "Thanbaic1 \u009b31m và \u009d0;pwn\u009c hết.\n")},
		{name: "bidi-tieu-de.md", shown: "bidi-tieu-de.md", title: "Giá RẺ BẤT NGỜ hôm nay", screen: "Thanbaibidi",
			data: front("title: \"Giá \\u202eRẺ BẤT NGỜ\\u202c hôm nay\"\n", "Thanbaibidi \u202egnp.exe\u202c và \u2066tách\u2069.\n")},
		{name: "2025-01-07-\u202egnp.md", shown: "2025-01-07-gnp.md", title: "Tên tệp đảo chiều", screen: "Thanbaidao",
			data: front("title: Tên tệp đảo chiều\n", "Thanbaidao ở đây.\n")},
		{name: "ghi-de-cr.md", shown: "ghi-de-cr.md", title: "Ghi đè bằng CR", screen: "GIẢMẠO",
			data: front("title: Ghi đè bằng CR\n", "Thanbaicr thật\rGIẢMẠO ghi đè\n")},
		{name: "lien-ket-lua.md", shown: "lien-ket-lua.md", title: "Liên kết đội lốt ngân hàng", screen: "evil.example",
			data: front("title: Liên kết đội lốt ngân hàng\n", "[https://bank.example](https://evil.example/dang-nhap)\n\nĐăng nhập tại [https://bank.example](https://evil.example/dang-nhap) ngay.\n")},
		{name: "javascript.md", shown: "javascript.md", title: "Liên kết javascript", screen: "Thanbaijs",
			data: front("title: Liên kết javascript\nsource: \"javascript:alert(1)\"\n", "Thanbaijs [bấm vào đây](javascript:alert(document.cookie)) và [dữ liệu](data:text/html,x).\n")},

		// Entries that are not posts at all: each is skipped and counted.
		{name: "vong"},
		{name: "tu-tro.md"},
		{name: "treo.md"},
	}
}

// hugeName is the 100 MB post. It is sparse: its first 16 KiB are text
// (past the 8000 bytes checked for NUL) and the rest a hole, so it costs
// no disk and its body renders quickly.
const hugeName = "2025-01-03-khong-lo.md"

// writeHostile generates the hostile folder.
func writeHostile(t *testing.T) (string, []hostile) {
	t.Helper()
	dir := t.TempDir()
	files := hostileFiles()
	for _, h := range files {
		p := filepath.Join(dir, filepath.FromSlash(h.name))
		switch h.name {
		case "vong":
			mustSymlink(t, ".", p) // a loop back to the folder
			continue
		case "tu-tro.md":
			mustSymlink(t, "tu-tro.md", p) // a file link to itself
			continue
		case "treo.md":
			mustSymlink(t, "khong-ton-tai.md", p) // dangling
			continue
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(h.data), 0o644); err != nil {
			t.Fatal(err)
		}
		if h.name == hugeName {
			if err := os.Truncate(p, 100<<20); err != nil {
				t.Fatal(err)
			}
		}
	}
	return dir, files
}

func mustSymlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Skipf("this system cannot make symlinks: %v", err)
	}
}

// listed is one line of the plain listing.
type listed struct {
	line, path, title string
	// invalid is the reason of an "[invalid: reason] " mark, "" for none.
	invalid string
}

// key tells posts apart even when two files clean to the same path.
func (l listed) key() string  { return l.path + "\t" + l.title }
func (h hostile) key() string { return h.shown + "\t" + h.title }

// plainOrder lists the hostile folder without a terminal and returns its
// lines in the list's order.
func plainOrder(t *testing.T, dir string) []listed {
	t.Helper()
	out, errOut, code := runPlain(t, dir, "", ".")
	if code != 0 {
		t.Fatalf("listing: exit %d, stderr %q", code, errOut)
	}
	checkPlain(t, "listing", out)
	var ls []listed
	for _, ln := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		f := strings.Split(ln, "\t")
		if len(f) != 6 {
			t.Fatalf("listing line %q has %d fields, want 6", ln, len(f))
		}
		l := listed{line: ln, path: f[5], title: f[4]}
		if rest, ok := strings.CutPrefix(f[4], "[invalid: "); ok {
			end := strings.LastIndex(rest, "] ")
			if end < 0 {
				t.Fatalf("listing line %q: the mark is not closed", ln)
			}
			l.invalid, l.title = rest[:end], rest[end+2:]
		}
		ls = append(ls, l)
	}
	return ls
}

// checkPlain fails t if output meant for a pipe holds any escape
// sequence or control character but LF and TAB, or any smuggled payload.
func checkPlain(t *testing.T, what, out string) {
	t.Helper()
	if err := safetext.CheckPlainText([]byte(out)); err != nil {
		t.Errorf("%s: %v", what, err)
	}
	for _, h := range hostileFiles() {
		for _, s := range h.never {
			if strings.Contains(out, s) {
				t.Errorf("%s holds %q, smuggled in by %s", what, s, h.shown)
			}
		}
	}
}

// TestHostileListing: every bad file is listed with a mark and a reason,
// every entry that is no post is skipped, and the good posts are intact.
func TestHostileListing(t *testing.T) {
	dir, files := writeHostile(t)
	ls := plainOrder(t, dir)
	byKey := map[string]listed{}
	for _, l := range ls {
		if _, dup := byKey[l.key()]; dup {
			t.Errorf("%q is listed twice", l.line)
		}
		byKey[l.key()] = l
	}
	posts := 0
	for _, h := range files {
		t.Run(strings.ToValidUTF8(h.name, "?"), func(t *testing.T) {
			if h.shown == "" {
				for _, l := range ls {
					if strings.Contains(l.path, h.name) {
						t.Errorf("%s is listed as %q; it should be skipped", h.name, l.line)
					}
				}
				return
			}
			posts++
			l, ok := byKey[h.key()]
			switch {
			case !ok:
				t.Errorf("%q titled %q is not listed; the listing is:\n%s", h.shown, h.title, listing(ls))
			case h.invalid == "" && l.invalid != "":
				t.Errorf("listed as invalid: %q", l.line)
			case !strings.Contains(l.invalid, h.invalid):
				t.Errorf("listed as %q, want an [invalid: ...] mark that says %q", l.line, h.invalid)
			}
		})
	}
	if len(ls) != posts {
		t.Errorf("%d posts listed, want %d:\n%s", len(ls), posts, listing(ls))
	}
	// The ordinary posts come first, newest first, untouched.
	want := []string{
		"2025-03-02\tEN\t🔥\tCheck\tA normal post among broken files\t2025-03-02-normal.md",
		"2025-03-01\tVN\t🔥🔥\tKiểm tra\tBài bình thường giữa đám tệp hỏng\t2025-03-01-binh-thuong.md",
	}
	for i, w := range want {
		if i >= len(ls) || ls[i].line != w {
			t.Errorf("line %d is not %q:\n%s", i, w, listing(ls))
		}
	}
}

func listing(ls []listed) string {
	var b strings.Builder
	for _, l := range ls {
		b.WriteString(l.line + "\n")
	}
	return b.String()
}

// TestHostilePlainArticles prints every hostile post the way a pipe gets
// it: no escape sequence, no control character but LF and TAB, and the
// text the reader must see.
func TestHostilePlainArticles(t *testing.T) {
	dir, files := writeHostile(t)
	for _, h := range files {
		if h.shown == "" {
			continue
		}
		t.Run(strings.ToValidUTF8(h.name, "?"), func(t *testing.T) {
			out, errOut, code := runPlain(t, dir, "", h.name)
			if code != 0 {
				t.Fatalf("exit %d, stderr %q", code, errOut)
			}
			checkPlain(t, "article", out)
			if !strings.Contains(out, h.screen) {
				t.Errorf("the article lacks %q:\n%s", h.screen, clip(out))
			}
			if h.invalid != "" && !strings.Contains(out, h.invalid) {
				t.Errorf("the article does not say %q:\n%s", h.invalid, clip(out))
			}
		})
	}
}

func clip(s string) string {
	if len(s) > 2000 {
		return s[:2000] + "…"
	}
	return s
}

// TestHostileJSON: the JSON lines hold no control byte, and neither do
// the strings they decode to, which a script prints with jq -r.
func TestHostileJSON(t *testing.T) {
	dir, files := writeHostile(t)
	out, errOut, code := runPlain(t, dir, "", "--json", ".")
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	checkPlain(t, "JSON", out)
	byKey := map[string]map[string]any{}
	for _, ln := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(ln), &m); err != nil {
			t.Fatalf("line %q: %v", ln, err)
		}
		var walk func(v any)
		walk = func(v any) {
			switch v := v.(type) {
			case string:
				checkPlain(t, "a decoded JSON string", v)
				if strings.ContainsAny(v, "\n") {
					t.Errorf("decoded JSON string %q holds a line break", v)
				}
			case []any:
				for _, e := range v {
					walk(e)
				}
			case map[string]any:
				for _, e := range v {
					walk(e)
				}
			}
		}
		walk(m)
		byKey[fmt.Sprint(m["path"])+"\t"+fmt.Sprint(m["title"])] = m
	}
	for _, h := range files {
		if h.shown == "" {
			continue
		}
		m := byKey[h.key()]
		switch {
		case m == nil:
			t.Errorf("%q is missing from the JSON", h.shown)
		case h.invalid != "" && !strings.Contains(fmt.Sprint(m["error"]), h.invalid):
			t.Errorf("%s: error %q, want it to say %q", h.shown, m["error"], h.invalid)
		case h.invalid == "" && m["error"] != nil:
			t.Errorf("%s: unexpected error %q", h.shown, m["error"])
		}
	}
	if m := byKey["javascript.md\tLiên kết javascript"]; m == nil || m["source"] != nil {
		t.Errorf("javascript.md: %v; a javascript: URL must not be a source", m)
	}
	if m := byKey["lien-ket-lua.md\tLiên kết đội lốt ngân hàng"]; m == nil || m["source"] != "https://evil.example/dang-nhap" {
		t.Errorf("lien-ket-lua.md: source %v, want the real target", m)
	}
	if m := byKey["tags-chuoi.md\tThẻ là một chuỗi"]; m == nil || fmt.Sprint(m["tags"]) != "[ai chip bán-dẫn]" {
		t.Errorf("tags-chuoi.md: %v", m)
	}
}

// TestHostileUnreadableFile needs a file the reader can't open, which
// only a user other than root can have: root reads a file whatever its
// mode. posts/hostile_test.go covers it for root with an fs.FS that
// refuses.
func TestHostileUnreadableFile(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("running as root, which reads a chmod 000 file anyway; the posts package tests this case with a refusing fs.FS")
	}
	dir, _ := writeHostile(t)
	p := filepath.Join(dir, "khoa.md")
	if err := os.WriteFile(p, []byte(front("title: Tệp bị khoá\n", "Không ai đọc được.\n")), 0o000); err != nil {
		t.Fatal(err)
	}
	ls := plainOrder(t, dir)
	var locked, good bool
	for _, l := range ls {
		locked = locked || l.path == "khoa.md" && l.title == "khoa.md" && strings.Contains(l.invalid, "cannot read the file: permission denied")
		good = good || l.path == "2025-03-01-binh-thuong.md" && l.title == "Bài bình thường giữa đám tệp hỏng"
	}
	if !locked || !good {
		t.Errorf("khoa.md is not marked, or the rest of the folder suffered:\n%s", listing(ls))
	}
}
