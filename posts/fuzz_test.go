package posts

import (
	"bytes"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzParse checks that Parse never panics, that no string it returns can
// carry a control character to the terminal, and that the quick front
// matter reader agrees with the YAML parser on everything it accepts.
func FuzzParse(f *testing.F) {
	f.Add("2025-02-04-tin.md", doc("layout: post\ntitle: \"🔥🔥 [AI] Tin mới\"\ndate: Tue, 04 Feb 2025 09:30:00 +0700\ncategories: entries VN\n", vnBody))
	f.Add("en.md", doc("title: 🔥 [Chip] News # comment\ndate: 2025-02-04 9:30:00 +0700\ncategories: [entries, EN]\nhotness: 2\n", enBody))
	f.Add("q.md", doc("title: 'It''s here'\nsource: \"https://news.example.com/a\"\ntags:\n  - a\n  - b\n", "[x](https://news.example.com/b)"))
	f.Add("dup.md", doc("title: a\ntitle: b\nx: ~\ny:\nz: null\n", ""))
	f.Add("colon.md", doc("title: Hà Nội: tin mới\n", "body"))
	f.Add("esc.md", doc("title: \"a\\e[31mb\\u202e\"\n", ""))
	f.Add("crlf.md", []byte("\ufeff---\r\ntitle: x\r\n---\r\nbody\r\n"))
	f.Add("bad.md", []byte("---\ntitle: \xff\xfe\n---\n\x00"))
	f.Add("open.md", []byte("---\ntitle: x\n"))
	f.Add("empty.md", []byte(""))
	f.Add("toml.md", []byte("+++\ntitle = 1\n+++\n"))
	f.Add("null.md", doc("title: \"null\"\ntags: ['~', a\u2028b]\n", ""))
	f.Add("nest.md", []byte("---\ntitle: [![a](b)](https://c.example.com)\n---\n[![a](b)](https://c.example.com)"))
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		p := Parse(name, data)
		checkClean(t, p)
		if p.Title == "" {
			t.Errorf("empty Title")
		}
		if p.Hotness < 0 || p.Hotness > MaxHotness {
			t.Errorf("Hotness = %d", p.Hotness)
		}

		if front, _, err := splitFile(data); err == nil {
			checkQuickAgrees(t, bytes.ToValidUTF8(front, []byte("\uFFFD")))
		}

		l := FromBytes(name, data)
		body, err := l.Body(l.Posts[0])
		if err != nil {
			t.Fatalf("Body: %v", err)
		}
		if !utf8.ValidString(body) || strings.ContainsFunc(body, func(r rune) bool {
			return r < 0x20 && r != '\n' && r != '\t' || r == 0x7f || r >= 0x80 && r <= 0x9f
		}) {
			t.Errorf("Body holds control characters: %q", body)
		}
	})
}

// checkQuickAgrees fails t if the quick front matter reader accepts front
// but reads it differently from the YAML parser.
func checkQuickAgrees(t *testing.T, front []byte) {
	t.Helper()
	qf, qnotes, ok := quickFields(front, nil)
	if !ok {
		return
	}
	yf, ynotes, err := yamlFields(front)
	if err != nil {
		t.Fatalf("quick read %q, YAML failed: %v", front, err)
	}
	if !reflect.DeepEqual(asMap(qf), asMap(yf)) || len(qf) != len(yf) || !reflect.DeepEqual(qnotes, ynotes) {
		t.Fatalf("front matter %q:\nquick %#v %q\nYAML  %#v %q", front, qf, qnotes, yf, ynotes)
	}
}

// asMap gives the fields of f by key, to compare two readings whatever
// their order.
func asMap(f fields) map[string]value {
	m := make(map[string]value, len(f))
	for _, x := range f {
		m[x.key] = x.value
	}
	return m
}

// TestQuickFieldsAgree runs the fuzz check on lines chosen to sit on the
// edge of what the quick reader accepts, so it is checked on every run.
func TestQuickFieldsAgree(t *testing.T) {
	accepted := 0
	for _, line := range []string{
		"title: plain words", "title: 🔥🔥 [AI] Tin mới, giá [rẻ] {x}", "title: \"quoted: # yes\"",
		"title: 'it''s'", "title: 'a' # c", "title: \"a\" #c", "title: 'a'#c", "title: \"a\"x",
		"title: a #b", "title: a#b", "title: C# và F#", "title: a:b", "title: a: b", "title: a:",
		"title: yes", "title: No", "title: on", "title: y", "title: ~", "title: null", "title: Null",
		"title: NULL", "title: nULL", "title: \"null\"", "title: 0x1F", "title: 1_000", "title: 1.50",
		"title: .inf", "title: -.inf", "title: .NaN", "title: 2025-02-03", "title: 2025-02-03t15:04:05z",
		"title: <<", "title: =", "title: a  b  ", "title:", "title:  ", "title:x", "title :x",
		"title: -x", "title: ?x", "title: :x", "title: %x", "title: @x", "title: `x`", "title: !x",
		"title: &a x", "title: *a", "title: |", "title: >", "title: [a]", "title: {a: b}",
		"title: a\u2028b", "title: a\u2029b", "title: a\u0085b", "title: a\ufeffb", "\ufefftitle: a",
		"title: a\u00a0b", "title: \u00a0a", "title: a\u200bb", "title: a\ufffdb", "title: \"a\u2028b\"",
		"title: a\rb", "title: a\tb", "title: 'a\tb'", "title: a\x7fb", "title: a\u0080b",
		"yes: a", "y: a", "null: a", "~: a", "1: a", "01: a", "0x1: a", "2025-01-01: a", "-a: a", "a-b_c: a",
		"title: a\ntitle: b", "title: a\nTitle: b", "yes: 1\nyes: 2", "# comment\ntitle: a", "  # comment",
		"title: a\n  b", "title:\n- a", "title: a\n...", "%YAML 1.1\ntitle: a",
		strings.Repeat("k", 130) + ": a", strings.Repeat("k", 1100) + ": a",
	} {
		front := []byte(line + "\n")
		if _, _, ok := quickFields(front, nil); ok {
			accepted++
		}
		checkQuickAgrees(t, front)
	}
	if accepted < 20 {
		t.Errorf("the quick reader accepted only %d lines: it is no longer quick", accepted)
	}
}

// TestQuickFieldsManyKeys: past manyKeys, duplicates are found through a
// map, with the same result as YAML's and the same note.
func TestQuickFieldsManyKeys(t *testing.T) {
	var b strings.Builder
	b.WriteString("title: first\nk0: zero\n")
	for i := 1; i < 3*manyKeys; i++ {
		fmt.Fprintf(&b, "k%d: v%d\n", i, i)
	}
	b.WriteString("title: second\nk0: again\n")
	front := []byte(b.String())
	f, notes, ok := quickFields(front, nil)
	if !ok {
		t.Fatal("the quick reader refused plain lines")
	}
	if len(f) != 3*manyKeys+1 || f.get("title").text != "first" || f.get("k0").text != "zero" {
		t.Errorf("%d fields, title %q, k0 %q", len(f), f.get("title").text, f.get("k0").text)
	}
	if len(notes) != 1 || !strings.Contains(notes[0], `"title" is given twice`) {
		t.Errorf("notes %q", notes)
	}
	checkQuickAgrees(t, front)
}
