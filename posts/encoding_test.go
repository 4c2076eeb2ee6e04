package posts

import (
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"
)

func TestWindows1258PostIsDecoded(t *testing.T) {
	// Windows-1258 writes most tone marks as combining characters, so
	// encode the decomposed form, as a legacy editor would have saved it.
	src := "---\ntitle: \"[Chip] Nhà máy bán dẫn mới ở Bắc Giang\"\ndate: 2025-03-01\n---\nCông suất dự kiến đạt một triệu tấm wafer mỗi năm.\n"
	enc, err := charmap.Windows1258.NewEncoder().String(cp1258Form(src))
	if err != nil {
		t.Fatal(err)
	}
	p := Parse("2025-03-01-ban-dan.md", []byte(enc))
	if p.Err != nil || p.Title != "Nhà máy bán dẫn mới ở Bắc Giang" || p.Topic != "Chip" {
		t.Fatalf("title %q topic %q err %v", p.Title, p.Topic, p.Err)
	}
	if !strings.Contains(p.Note, "Windows-1258") {
		t.Fatalf("note %q does not say the file was decoded", p.Note)
	}
	if p.Lang != LangVN {
		t.Fatalf("lang %v", p.Lang)
	}
	lib := FromBytes("legacy.md", []byte(enc))
	body, err := lib.Body(lib.Posts[0])
	if err != nil || !strings.Contains(body, "Công suất dự kiến đạt một triệu tấm wafer") {
		t.Fatalf("body %q, %v", body, err)
	}
}

func TestInvalidUTF8ThatIsNotVietnameseShowsReplacements(t *testing.T) {
	data := []byte("---\ntitle: \"Bad \xff\xfe bytes\"\n---\nBody \xc3\x28 here\n")
	p := Parse("bad.md", data)
	if strings.Contains(p.Note, "Windows-1258") {
		t.Fatal("random bad bytes were taken for Windows-1258")
	}
	if !strings.Contains(p.Title, "\uFFFD") {
		t.Fatalf("title %q shows no replacement character", p.Title)
	}
	lib := FromBytes("bad.md", data)
	body, _ := lib.Body(lib.Posts[0])
	if strings.Contains(body, "\xff") || strings.Contains(body, "\xc3\x28") || !strings.Contains(body, "\uFFFD") {
		t.Fatalf("body %q", body)
	}
}

// cp1258Form writes s the way Windows-1258 stores Vietnamese: letters with
// a circumflex, breve or horn precomposed, tone marks as combining
// characters after them.
func cp1258Form(s string) string {
	var b strings.Builder
	var tones []rune
	base := []rune{}
	flush := func() {
		b.WriteString(norm.NFC.String(string(base)))
		b.WriteString(string(tones))
		base, tones = base[:0], tones[:0]
	}
	for _, r := range norm.NFD.String(s) {
		switch r {
		case 0x0300, 0x0301, 0x0303, 0x0309, 0x0323:
			tones = append(tones, r)
		case 0x0302, 0x0306, 0x031B:
			base = append(base, r)
		default:
			flush()
			base = append(base, r)
		}
	}
	flush()
	return b.String()
}
