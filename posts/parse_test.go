package posts

import (
	"errors"
	"os"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"gopkg.in/yaml.v2"
)

// doc builds a post file from front matter lines and a body.
func doc(front, body string) []byte {
	return []byte("---\n" + front + "---\n" + body)
}

const vnBody = "[Mạng 5G phủ sóng thêm ba tỉnh miền núi](https://tin.example.vn/vien-thong/5g-mien-nui.html)\n\n" +
	"![Trạm phát sóng trên đỉnh đồi](https://anh.example.vn/2025/02/tram.jpg)\n\n" +
	"Nhà mạng cho biết đã lắp đặt thêm hàng trăm trạm phát sóng ở những xã vùng cao.\n"

const enBody = "[Telecom adds 5G in three mountain provinces](https://news.example.com/telecom/5g-highlands)\n\n" +
	"![A cell tower on a hill](https://img.example.com/2025/02/tower.jpg)\n\n" +
	"The operator says it has installed hundreds of new base stations in highland communes.\n"

func TestParseExampleFormat(t *testing.T) {
	data := doc("layout: post\n"+
		"title: \"🔥🔥 [Viễn thông] Mạng 5G phủ sóng thêm ba tỉnh miền núi\"\n"+
		"date: Tue, 04 Feb 2025 09:30:00 +0700\n"+
		"categories: entries VN\n"+
		"ref: 5g-highlands\n", vnBody)
	p := Parse("_posts/2025-02-04-5g-mien-nui.txt", data)
	if p.Err != nil || p.Note != "" {
		t.Fatalf("Err = %v, Note = %q", p.Err, p.Note)
	}
	want := Post{
		Path:       "_posts/2025-02-04-5g-mien-nui.txt",
		RawTitle:   "🔥🔥 [Viễn thông] Mạng 5G phủ sóng thêm ba tỉnh miền núi",
		Title:      "Mạng 5G phủ sóng thêm ba tỉnh miền núi",
		Hotness:    2,
		Topic:      "Viễn thông",
		HasDate:    true,
		Categories: []string{"entries", "VN"},
		Lang:       LangVN,
		Source:     "https://tin.example.vn/vien-thong/5g-mien-nui.html",
		Image:      "https://anh.example.vn/2025/02/tram.jpg",
		Size:       int64(len(data)),
		Ref:        "5g-highlands",
	}
	if p.Path != want.Path || p.RawTitle != want.RawTitle || p.Title != want.Title ||
		p.Hotness != want.Hotness || p.Topic != want.Topic || p.HasDate != want.HasDate ||
		!slices.Equal(p.Categories, want.Categories) || p.Lang != want.Lang ||
		p.Source != want.Source || p.Image != want.Image || p.Size != want.Size || p.Ref != want.Ref {
		t.Errorf("got  %+v\nwant %+v", *p, want)
	}
	if d := time.Date(2025, 2, 4, 9, 30, 0, 0, time.FixedZone("", 7*3600)); !p.Date.Equal(d) {
		t.Errorf("Date = %v, want %v", p.Date, d)
	}
	if _, off := p.Date.Zone(); off != 7*3600 {
		t.Errorf("Date zone offset = %d, want +0700 kept", off)
	}
}

func TestParseTitle(t *testing.T) {
	tests := []struct {
		title, raw, want, topic string
		hot                     int
	}{
		{`"🔥🔥🔥 [AI] Mô hình mới"`, "🔥🔥🔥 [AI] Mô hình mới", "Mô hình mới", "AI", 3},
		{`"🔥 🔥  [AI]   Mô hình mới  "`, "🔥 🔥  [AI]   Mô hình mới", "Mô hình mới", "AI", 2},
		{"\"🔥\ufe0f🔥\ufe0f [Chip] Chip mới\"", "🔥\ufe0f🔥\ufe0f [Chip] Chip mới", "Chip mới", "Chip", 2},
		{`🔥 [Chip] Unquoted works too`, "🔥 [Chip] Unquoted works too", "Unquoted works too", "Chip", 1},
		{`"[Bảo mật] Không có lửa"`, "[Bảo mật] Không có lửa", "Không có lửa", "Bảo mật", 0},
		{`"Chỉ có tiêu đề"`, "Chỉ có tiêu đề", "Chỉ có tiêu đề", "", 0},
		{`"[AI không đóng ngoặc"`, "[AI không đóng ngoặc", "[AI không đóng ngoặc", "", 0},
		{`"[] Ngoặc rỗng"`, "[] Ngoặc rỗng", "[] Ngoặc rỗng", "", 0},
		{`"[ ] Ngoặc trắng"`, "[ ] Ngoặc trắng", "[ ] Ngoặc trắng", "", 0},
		{`"[ Có cách ] Tiêu đề"`, "[ Có cách ] Tiêu đề", "Tiêu đề", "Có cách", 0},
		{`"[A [B] C] Lồng nhau"`, "[A [B] C] Lồng nhau", "[A [B] C] Lồng nhau", "", 0},
		{`"Giữa 🔥 không tính"`, "Giữa 🔥 không tính", "Giữa 🔥 không tính", "", 0},
		{`"🔥🔥 [AI]"`, "🔥🔥 [AI]", "AI", "AI", 2},
		{`"` + strings.Repeat("🔥", 9) + ` Rất nóng"`, strings.Repeat("🔥", 9) + " Rất nóng", "Rất nóng", "", MaxHotness},
		// Only markers: nothing is left, so the file name stands in.
		{`"🔥🔥"`, "🔥🔥", "2025-02-04-x.md", "", 2},
		{`""`, "", "2025-02-04-x.md", "", 0},
		{`"  "`, "", "2025-02-04-x.md", "", 0},
		// YAML escapes produce control bytes; none may survive.
		{`"Tin\tmới\u0007 [x]"`, "Tin mới [x]", "Tin mới [x]", "", 0},
		// NFD is composed.
		{"\"Ha\u0300 No\u0323\u0302i\"", "Hà Nội", "Hà Nội", "", 0},
	}
	for _, tt := range tests {
		p := Parse("2025-02-04-x.md", doc("title: "+tt.title+"\n", ""))
		if p.Err != nil {
			t.Errorf("title %s: Err = %v", tt.title, p.Err)
			continue
		}
		if p.RawTitle != tt.raw || p.Title != tt.want || p.Topic != tt.topic || p.Hotness != tt.hot {
			t.Errorf("title %s: got raw %q title %q topic %q hot %d, want %q %q %q %d",
				tt.title, p.RawTitle, p.Title, p.Topic, p.Hotness, tt.raw, tt.want, tt.topic, tt.hot)
		}
	}
}

func TestParseHotnessField(t *testing.T) {
	tests := []struct {
		front string
		want  int
	}{
		{"hotness: 1\n", 1},     // the explicit number wins over three markers
		{"hot: 4\n", 4},         // the short name
		{"hotness: 0\n", 0},     // zero is explicit too
		{"hotness: \"2\"\n", 2}, // quoted
		{"hotness: 2\nhot: 5\n", 2},
		{"hotness: abc\n", 3}, // not a number: the markers count
		{"hotness: 99\n", MaxHotness},
		{"hotness: -3\n", 0},
		{"hotness: 2.5\n", 3},
		{"hotness: [1, 2]\n", 3},
	}
	for _, tt := range tests {
		p := Parse("x.md", doc("title: \"🔥🔥🔥 Tin\"\n"+tt.front, ""))
		if p.Err != nil || p.Hotness != tt.want {
			t.Errorf("%q: Hotness = %d (Err %v), want %d", tt.front, p.Hotness, p.Err, tt.want)
		}
	}
}

func TestParseDateField(t *testing.T) {
	ict := time.FixedZone("", 7*3600)
	tests := []struct {
		name, front string
		want        time.Time // zero: no date
		note        bool
	}{
		{"a.md", "date: Mon, 03 Feb 2025 15:00:00 +0700\n", time.Date(2025, 2, 3, 15, 0, 0, 0, ict), false},
		{"a.md", "date: \"Mon, 03 Feb 2025 15:00:00 +0700\"\n", time.Date(2025, 2, 3, 15, 0, 0, 0, ict), false},
		{"a.md", "date: 2025-02-03 15:00:00 +0700\n", time.Date(2025, 2, 3, 15, 0, 0, 0, ict), false},
		// Unquoted timestamps that YAML itself recognizes keep their zone.
		{"a.md", "date: 2025-02-03T15:00:00+07:00\n", time.Date(2025, 2, 3, 15, 0, 0, 0, ict), false},
		{"a.md", "date: 2025-02-03t15:00:00.5+07:00 # comment\n", time.Date(2025, 2, 3, 15, 0, 0, 5e8, ict), false},
		{"a.md", "date: 2025-02-03\n", time.Date(2025, 2, 3, 0, 0, 0, 0, time.Local), false},
		{"a.md", "date: '2025-02-03'\n", time.Date(2025, 2, 3, 0, 0, 0, 0, time.Local), false},
		// An anchor sends it through the YAML parser.
		{"a.md", "date: &d 2025-02-03 15:00:00 +0700\n", time.Date(2025, 2, 3, 15, 0, 0, 0, ict), false},
		// No usable date: the file name's, and a note for a bad one.
		{"2024-12-31-x.md", "", time.Date(2024, 12, 31, 0, 0, 0, 0, time.Local), false},
		{"2024-12-31-x.md", "date:\n", time.Date(2024, 12, 31, 0, 0, 0, 0, time.Local), false},
		{"2024-12-31-x.md", "date: sometime\n", time.Date(2024, 12, 31, 0, 0, 0, 0, time.Local), true},
		{"x.md", "date: sometime\n", time.Time{}, true},
		{"x.md", "date: [2025-02-03]\n", time.Time{}, false},
		{"x.md", "", time.Time{}, false},
	}
	for _, tt := range tests {
		p := Parse(tt.name, doc(tt.front, ""))
		if p.Err != nil {
			t.Errorf("%s %q: Err = %v", tt.name, tt.front, p.Err)
			continue
		}
		if p.HasDate != !tt.want.IsZero() || !p.Date.Equal(tt.want) {
			t.Errorf("%s %q: Date = %v (HasDate %v), want %v", tt.name, tt.front, p.Date, p.HasDate, tt.want)
		}
		if _, off := p.Date.Zone(); p.HasDate && tt.want.Location() == ict && off != 7*3600 {
			t.Errorf("%s %q: zone offset %d, want +0700 kept", tt.name, tt.front, off)
		}
		if got := strings.Contains(p.Note, "not understood"); got != tt.note {
			t.Errorf("%s %q: Note = %q", tt.name, tt.front, p.Note)
		}
	}
}

func TestParseCategoriesAndTags(t *testing.T) {
	tests := []struct {
		front      string
		cats, tags []string
	}{
		{"categories: entries VN\n", []string{"entries", "VN"}, nil},
		{"categories: [entries, EN]\n", []string{"entries", "EN"}, nil},
		{"categories:\n  - entries\n  - công nghệ\n", []string{"entries", "công nghệ"}, nil},
		{"categories:\n- entries\n- VN\n", []string{"entries", "VN"}, nil},
		{"category: tin\n", []string{"tin"}, nil},
		{"categories: entries\ncategory: VN entries\n", []string{"entries", "VN"}, nil},
		{"tags: ai chip\n", nil, []string{"ai", "chip"}},
		{"tags: [ai, \"bảo mật\", ai]\n", nil, []string{"ai", "bảo mật"}},
		{"tags:\n", nil, nil},
		{"categories: {a: b}\n", nil, nil},
		// An escape sequence goes as a whole.
		{"categories: [\"a\\u001b[31m\", b]\n", []string{"a", "b"}, nil},
	}
	for _, tt := range tests {
		p := Parse("x.md", doc(tt.front, ""))
		if p.Err != nil || !slices.Equal(p.Categories, tt.cats) || !slices.Equal(p.Tags, tt.tags) {
			t.Errorf("%q: Categories %q Tags %q (Err %v), want %q %q", tt.front, p.Categories, p.Tags, p.Err, tt.cats, tt.tags)
		}
	}
}

func TestParseLang(t *testing.T) {
	tests := []struct {
		front, body string
		want        Lang
	}{
		{"categories: entries VN\n", enBody, LangVN}, // a category beats the text
		{"categories: entries vn\n", "", LangVN},
		{"categories: [entries, Vi]\n", "", LangVN},
		{"categories: entries EN\n", vnBody, LangEN},
		{"lang: vi\n", "", LangVN},
		{"lang: vi-VN\n", "", LangVN},
		{"language: vi_VN\n", "", LangVN},
		{"lang: en\n", "", LangEN},
		{"lang: en_US\n", "", LangEN},
		{"language: en-GB\n", "", LangEN},
		{"lang: VI\ncategories: entries EN\n", "", LangEN},
		{"lang: fr\n", "", LangUnknown},
		// Detected from the title and the start of the body.
		{"title: Mạng 5G phủ sóng thêm ba tỉnh\n", "", LangVN},
		{"", vnBody, LangVN},
		{"", enBody, LangEN},
		{"title: Hà Nội\n", "", LangVN},
		// A Vietnamese name in English text, and French accents, are not
		// Vietnamese.
		{"title: Nguyễn Văn An wins the national robotics prize for students this year\n", enBody, LangEN},
		{"title: Le café de la région à côté de l'église\n", "Une étude récente montre que les élèves préfèrent le thé.", LangEN},
		{"", "12345 67890", LangUnknown},
		{"", "", LangUnknown},
		// Link targets don't count: a Vietnamese body behind a long ASCII
		// link is still Vietnamese.
		{"", "[Tin](https://tin.example.vn/" + strings.Repeat("abcdefghij", 40) + ")\nĐây là bài viết về công nghệ.", LangVN},
	}
	for _, tt := range tests {
		p := Parse("x.md", doc(tt.front, tt.body))
		if p.Lang != tt.want {
			t.Errorf("%q + %.30q: Lang = %v, want %v", tt.front, tt.body, p.Lang, tt.want)
		}
	}
}

func TestParseSourceAndImage(t *testing.T) {
	tests := []struct {
		front, body, source, image string
	}{
		{"", vnBody, "https://tin.example.vn/vien-thong/5g-mien-nui.html", "https://anh.example.vn/2025/02/tram.jpg"},
		{"source: https://a.example.com/x\nlink: https://b.example.com/\n", vnBody, "https://a.example.com/x", "https://anh.example.vn/2025/02/tram.jpg"},
		{"link: https://b.example.com/\n", "", "https://b.example.com/", ""},
		{"url: https://c.example.com/\n", "", "https://c.example.com/", ""},
		{"canonical_url: https://d.example.com/\nurl: /2025/02/04/x.html\n", "", "https://d.example.com/", ""},
		// A Jekyll permalink or a script is not a source: the body's link is.
		{"url: /2025/02/04/x.html\n", enBody, "https://news.example.com/telecom/5g-highlands", "https://img.example.com/2025/02/tower.jpg"},
		{"source: javascript:alert(1)\n", "", "", ""},
		// An image first: it is the image, not the source.
		{"", "![ảnh](https://img.example.com/a.png)\n\n[nguồn](http://news.example.com/a)", "http://news.example.com/a", "https://img.example.com/a.png"},
		// A linked image: the outer link is the source.
		{"", "[![ảnh](img/a.png)](https://news.example.com/b)", "https://news.example.com/b", "img/a.png"},
		// Relative and mail links are skipped; the first web link counts.
		{"", "[trang](/about) [thư](mailto:a@example.com) [bài](<https://news.example.com/c d>) [x](https://e.example.com/)", "https://e.example.com/", ""},
		{"", "[bài](https://news.example.com/wiki/Go_(ngôn_ngữ) \"tiêu đề\")", "https://news.example.com/wiki/Go_%28ng%C3%B4n_ng%E1%BB%AF%29", ""},
		// No link across paragraphs, none without brackets.
		{"", "[mở\n\nđóng](https://news.example.com/)", "", ""},
		{"", "text](https://news.example.com/)", "", ""},
		{"", "![](https://img.example.com/empty-alt.png)", "", "https://img.example.com/empty-alt.png"},
	}
	for _, tt := range tests {
		p := Parse("x.md", doc(tt.front, tt.body))
		if p.Source != tt.source || p.Image != tt.image {
			t.Errorf("%q %q:\n got source %q image %q\nwant source %q image %q", tt.front, tt.body, p.Source, p.Image, tt.source, tt.image)
		}
	}
}

// TestParseBadFiles covers files that are not valid posts: each still
// gives a Post, with Err saying what and where, and the file name as the
// title.
func TestParseBadFiles(t *testing.T) {
	tests := []struct {
		name, data string
		is         error  // errors.Is target, or nil
		line       int    // FrontMatterError line, 0 for none
		errHas     string // in Err's text
		title      string // "" means the file name
	}{
		{"empty", "", ErrEmpty, 0, "empty file", ""},
		{"blank", " \n\n", ErrEmpty, 0, "empty file", ""},
		{"no front matter", "# Chỉ là ghi chú\n\nKhông có front matter.", ErrNoFrontMatter, 0, "no front matter", ""},
		{"never closed", "---\ntitle: Tin\ndate: 2025-02-03\n\nThân bài", nil, 1, "never closed", ""},
		{"unquoted colon", "---\nlayout: post\ntitle: Hà Nội: tin mới\ndate: 2025-02-03\n---\nThân bài", nil, 3, "needs quotes", ""},
		{"unquoted colon first", "---\ntitle: Hà Nội: tin mới\n---\n", nil, 2, "mapping values", ""},
		{"bad indent", "---\ntitle: Tin\n  date: 2025-02-03\ncategories: VN\n---\n", nil, 3, "", ""},
		{"tab indent", "---\ntitle: Tin\n\tdate: 2025\n---\n", nil, 3, "", ""},
		{"unclosed flow", "---\ntitle: Tin\ncategories: [a, b\n---\n", nil, 3, "", ""},
		{"not a mapping", "---\n- a\n- b\n---\n", nil, 2, "key: value", ""},
		{"scalar document", "---\nchỉ một dòng\n---\n", nil, 2, "key: value", ""},
		{"control char", "---\ntitle: a\ndate: a\x01b\n---\n", nil, 3, "control characters", ""},
		{"binary", "---\ntitle: x\n---\n\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", ErrBinary, 0, "binary", ""},
		{"utf16", "\xff\xfe-\x00-\x00-\x00\n\x00", ErrBinary, 0, "UTF-16", ""},
		{"bad toml", "+++\ntitle = \n+++\n", nil, 0, "TOML or JSON", ""},
		{"merge of a list", "---\n<<: [1, 2]\n---\n", nil, 0, "", ""},
	}
	for _, tt := range tests {
		p := Parse("bai-"+strings.ReplaceAll(tt.name, " ", "-")+".md", []byte(tt.data))
		checkClean(t, p)
		if p.Err == nil {
			t.Errorf("%s: no Err", tt.name)
			continue
		}
		if tt.is != nil && !errors.Is(p.Err, tt.is) {
			t.Errorf("%s: Err = %v, want %v", tt.name, p.Err, tt.is)
		}
		var fe *FrontMatterError
		if isFM := errors.As(p.Err, &fe); isFM != (tt.is == nil) || isFM && fe.Line != tt.line {
			t.Errorf("%s: Err = %v, want front matter line %d", tt.name, p.Err, tt.line)
		}
		if !strings.Contains(p.Err.Error(), tt.errHas) {
			t.Errorf("%s: Err = %q, want it to say %q", tt.name, p.Err, tt.errHas)
		}
		if want := "bai-" + strings.ReplaceAll(tt.name, " ", "-") + ".md"; p.Title != want || p.RawTitle != "" {
			t.Errorf("%s: Title %q RawTitle %q, want the file name", tt.name, p.Title, p.RawTitle)
		}
	}
}

func TestParseTOMLAndJSONFrontMatter(t *testing.T) {
	for _, tt := range []struct{ name, data string }{
		{"toml", "+++\ntitle = \"🔥🔥 [Chip] Tin TOML\"\ndate = 2025-02-03T15:00:00+07:00\ncategories = [\"entries\", \"VN\"]\n+++\n[Nguồn](https://e.example/toml)\n\nThân bài TOML.\n"},
		{"json", "{\n  \"title\": \"🔥🔥 [Chip] Tin JSON\",\n  \"date\": \"2025-02-03T15:00:00+07:00\",\n  \"categories\": [\"entries\", \"VN\"]\n}\n\n[Nguồn](https://e.example/json)\n\nThân bài JSON.\n"},
	} {
		p := Parse(tt.name+".md", []byte(tt.data))
		if p.Err != nil || p.Hotness != 2 || p.Topic != "Chip" || !strings.HasPrefix(p.Title, "Tin ") ||
			p.Lang != LangVN || !p.HasDate || p.Date.Day() != 3 || p.Source != "https://e.example/"+tt.name {
			t.Errorf("%s: %+v", tt.name, p)
		}
		lib := FromBytes(tt.name+".md", []byte(tt.data))
		body, err := lib.Body(lib.Posts[0])
		if err != nil || strings.Contains(body, "title") || !strings.Contains(body, "Thân bài") {
			t.Errorf("%s: body %q, %v", tt.name, body, err)
		}
	}
}

func TestParseEmptyFrontMatter(t *testing.T) {
	for _, data := range []string{"---\n---\n", "---\n---\nThân bài", "---\n\n# chú thích\n---\n", "---\r\n---\r\n", "---\n...\n"} {
		p := Parse("2025-02-03-trong.md", []byte(data))
		if p.Err != nil || p.Title != "2025-02-03-trong.md" || !p.HasDate {
			t.Errorf("%q: Err %v, Title %q, HasDate %v", data, p.Err, p.Title, p.HasDate)
		}
	}
}

func TestParseLineEndsAndBOM(t *testing.T) {
	lf := string(doc("title: \"🔥 [AI] Tin mới\"\ndate: 2025-02-03 15:00:00 +0700\ncategories: entries VN\n", vnBody))
	for name, data := range map[string]string{
		"LF":       lf,
		"CRLF":     strings.ReplaceAll(lf, "\n", "\r\n"),
		"BOM":      "\ufeff" + lf,
		"BOM CRLF": "\ufeff" + strings.ReplaceAll(lf, "\n", "\r\n"),
		"blanks":   strings.Replace(lf, "---\n", "---  \n", 2),
	} {
		p := Parse("x.md", []byte(data))
		if p.Err != nil || p.Title != "Tin mới" || p.Topic != "AI" || p.Hotness != 1 || !p.HasDate || p.Lang != LangVN ||
			p.Source != "https://tin.example.vn/vien-thong/5g-mien-nui.html" {
			t.Errorf("%s: %+v", name, *p)
		}
	}
}

func TestParseInvalidUTF8(t *testing.T) {
	p := Parse("x\xff.md", doc("title: \"Tin \xc3 mới\"\ncategories: [\"a\xfeb\"]\n", "Thân \xff bài"))
	checkClean(t, p)
	if p.Err != nil || p.Title != "Tin \ufffd mới" || p.Path != "x\ufffd.md" || p.Categories[0] != "a\ufffdb" {
		t.Errorf("%+v", *p)
	}
	if !strings.Contains(p.Note, "UTF-8") {
		t.Errorf("Note = %q, want it to mention the bad UTF-8", p.Note)
	}
}

func TestParseDuplicateKeys(t *testing.T) {
	for _, front := range []string{
		"title: Đầu tiên\ndate: 2025-02-03\ntitle: Thứ hai\n",             // the quick path
		"title: Đầu tiên\ndate: 2025-02-03\ntitle: [Thứ, hai]\n",          // the YAML parser
		"title: 'Đầu tiên'\ndate: 2025-02-03\ntitle: \"Thứ\\u0020hai\"\n", // an escape: YAML
	} {
		p := Parse("x.md", doc(front, ""))
		if p.Err != nil || p.Title != "Đầu tiên" || p.Note != `front matter line 4: "title" is given twice; the first one is used` {
			t.Errorf("%q: Title %q, Note %q, Err %v", front, p.Title, p.Note, p.Err)
		}
	}
	// Duplicates of keys newsreader doesn't read are nobody's business.
	if p := Parse("x.md", doc("x: 1\nx: 2\n", "")); p.Err != nil || p.Note != "" {
		t.Errorf("unknown duplicate: Note %q, Err %v", p.Note, p.Err)
	}
}

// TestParseAliasBomb checks that a "billion laughs" front matter ends
// quickly in little memory: the YAML library's alias limit stops a full
// decode, and Parse never expands the aliases in the first place.
func TestParseAliasBomb(t *testing.T) {
	var b strings.Builder
	b.WriteString("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n")
	for c := 'b'; c <= 'z'; c++ {
		b.WriteString(string(c) + ": &" + string(c) + " [")
		for i := range 9 {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString("*" + string(c-1))
		}
		b.WriteString("]\n")
	}
	b.WriteString("title: Bom\ncategories: *z\ntags: [*z, *y]\n")

	var anything any
	if err := yaml.Unmarshal([]byte(b.String()), &anything); err == nil || !strings.Contains(err.Error(), "excessive aliasing") {
		t.Errorf("yaml.v2 decoded the bomb (err %v): its alias limit is gone", err)
	}

	p := Parse("bom.md", doc(b.String(), ""))
	checkClean(t, p)
	if p.Err != nil || p.Title != "Bom" || len(p.Categories) != 0 || len(p.Tags) != 0 {
		t.Errorf("Err %v, Title %q, %d categories, %d tags", p.Err, p.Title, len(p.Categories), len(p.Tags))
	}
}

func TestParseFixtures(t *testing.T) {
	tests := []struct {
		file  string
		title string
		lang  Lang
		hot   int
		date  string
	}{
		{"testdata/2025-03-12-dien-toan-luong-tu.txt", "Phòng thí nghiệm trong nước thử nghiệm máy tính lượng tử 8 qubit", LangVN, 2, "2025-03-12T14:20:00+07:00"},
		{"testdata/2025-03-12-quantum-computer.md", "Local lab tests an 8-qubit quantum computer", LangEN, 2, "2025-03-12T16:45:00+07:00"},
	}
	for _, tt := range tests {
		data, err := os.ReadFile(tt.file)
		if err != nil {
			t.Fatal(err)
		}
		p := Parse(tt.file, data)
		if p.Err != nil || p.Title != tt.title || p.Lang != tt.lang || p.Hotness != tt.hot ||
			p.Date.Format(time.RFC3339) != tt.date || p.Source == "" || p.Image == "" || p.Ref != "qubit-8" {
			t.Errorf("%s: %+v", tt.file, *p)
		}
	}
}

// checkClean fails t if a string field of p could carry a control
// character to the terminal or is not valid UTF-8.
func checkClean(t *testing.T, p *Post) {
	t.Helper()
	fields := []string{p.Path, p.RawTitle, p.Title, p.Topic, p.Source, p.Image, p.Note, p.Ref}
	fields = append(fields, p.Categories...)
	fields = append(fields, p.Tags...)
	if p.Err != nil {
		fields = append(fields, p.Err.Error())
	}
	for _, s := range fields {
		if !utf8.ValidString(s) {
			t.Errorf("field %q is not valid UTF-8", s)
		}
		for _, r := range s {
			if r < 0x20 || r == 0x7f || r >= 0x80 && r <= 0x9f || r == 0x202e {
				t.Errorf("field %q holds control character %U", s, r)
			}
		}
	}
}
