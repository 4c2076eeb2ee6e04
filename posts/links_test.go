package posts

import (
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/newsreader/newsreader/posts/safetext"
)

func TestLinks(t *testing.T) {
	tests := []struct {
		name string
		body string
		want []Link
	}{
		{
			name: "source link then image, as posts open",
			body: "[Chip *mới* `v2`](https://news.example/chip-moi.html \"title\")\n\n" +
				"![Ảnh minh họa](https://img.example/a.jpg?w=1200&h=0)\n\nBody text.\n",
			want: []Link{
				{Text: "Chip mới v2", URL: "https://news.example/chip-moi.html"},
				{Text: "Ảnh minh họa", URL: "https://img.example/a.jpg?w=1200&h=0", Image: true},
			},
		},
		{
			name: "autolink, bare URL and www address",
			body: "See <https://a.example/x>, also https://b.example/y. And www.c.example/z too.",
			want: []Link{
				{Text: "https://a.example/x", URL: "https://a.example/x"},
				{Text: "https://b.example/y", URL: "https://b.example/y"},
				{Text: "www.c.example/z", URL: "http://www.c.example/z"},
			},
		},
		{
			name: "reference styles",
			body: "Full [one][r1], collapsed [r2][], shortcut [r3], missing [nope][zz].\n\n" +
				"[r1]: https://r.example/1\n[R2]: <https://r.example/2> \"t\"\n[r3]: https://r.example/3\n" +
				"[unused]: https://r.example/unused\n",
			want: []Link{
				{Text: "one", URL: "https://r.example/1"},
				{Text: "r2", URL: "https://r.example/2"},
				{Text: "r3", URL: "https://r.example/3"},
			},
		},
		{
			name: "image inside a link comes after it",
			body: "[![logo](https://img.example/logo.png)](https://site.example/)",
			want: []Link{
				{Text: "logo", URL: "https://site.example/"},
				{Text: "logo", URL: "https://img.example/logo.png", Image: true},
			},
		},
		{
			name: "duplicates keep the first place and the first non-empty text",
			body: "[](https://d.example/a) [first](https://d.example/b) [A text](https://d.example/a)\n" +
				"[second](https://d.example/b) [upper](HTTPS://D.EXAMPLE/b)",
			want: []Link{
				{Text: "A text", URL: "https://d.example/a"},
				{Text: "first", URL: "https://d.example/b"},
			},
		},
		{
			name: "escapes and character references are read as Markdown means them",
			body: `[a\*b &amp; c](https://e.example/?a=1&amp;b=2\_x)`,
			want: []Link{{Text: "a*b & c", URL: "https://e.example/?a=1&b=2_x"}},
		},
		{
			name: "e-mail addresses, code and empty targets are not links",
			body: "Write to <ed@news.example> or ed@news.example.\n\n`[x](https://code.example/)`\n\n" +
				"    [y](https://block.example/)\n\n[empty]()\n",
			want: nil,
		},
		{
			name: "hostile targets are kept, hostile text is cleaned",
			body: "[click \x1b]52;c;ZXZpbA==\x07me\x1b[31m](javascript:alert(1)) [x](file:///etc/passwd)",
			want: []Link{
				{Text: "click me", URL: "javascript:alert(1)"},
				{Text: "x", URL: "file:///etc/passwd"},
			},
		},
		{
			name: "character references can't smuggle controls",
			body: "[a&#27;b&#x9b;c&#033;d](https://r.example/&#27;x)",
			want: []Link{{Text: "a␛b<U+009B>c!d", URL: "https://r.example/␛x"}},
		},
		{
			name: "links in a table and a list",
			body: "| a | b |\n|---|---|\n| [t](https://t.example/) | x |\n\n- [l](https://l.example/)\n",
			want: []Link{
				{Text: "t", URL: "https://t.example/"},
				{Text: "l", URL: "https://l.example/"},
			},
		},
		{
			name: "text over lines becomes one line",
			body: "[two\nlines  here](https://w.example/)",
			want: []Link{{Text: "two lines here", URL: "https://w.example/"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Links(tt.body)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Links(%q)\n got %#v\nwant %#v", tt.body, got, tt.want)
			}
		})
	}
}

func TestLinkSafe(t *testing.T) {
	tests := []struct {
		url, want string
		ok        bool
	}{
		{"https://News.Example/a?b=c", "https://news.example/a?b=c", true},
		{"http://xn--h-1ga.example/", "http://xn--h-1ga.example/", true},
		{"javascript:alert(1)", "", false},
		{"https://bank.example@evil.example/", "", false},
		{"https://a.example/\x1b[31m", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		got, ok := Link{URL: tt.url}.Safe()
		if got != tt.want || ok != tt.ok {
			t.Errorf("Link{URL: %q}.Safe() = %q, %v; want %q, %v", tt.url, got, ok, tt.want, tt.ok)
		}
	}
}

func TestLinksLimits(t *testing.T) {
	var b strings.Builder
	for i := range maxLinks + 500 {
		fmt.Fprintf(&b, "[%d](https://n.example/%d)\n", i, i)
	}
	got := Links(b.String())
	if len(got) != maxLinks {
		t.Fatalf("got %d links, want the first %d", len(got), maxLinks)
	}
	if got[maxLinks-1].URL != fmt.Sprintf("https://n.example/%d", maxLinks-1) {
		t.Errorf("last kept link is %q, want the %dth of the article", got[maxLinks-1].URL, maxLinks)
	}

	long := strings.Repeat("ộ", 1000)
	got = Links("[" + long + "](https://long.example/)")
	if len(got) != 1 {
		t.Fatalf("got %d links, want 1", len(got))
	}
	text := got[0].Text
	if len(text) > maxLinkText+len("…") || !strings.HasSuffix(text, "…") || !utf8.ValidString(text) {
		t.Errorf("long text not cut at a rune boundary with an ellipsis: %d bytes, ending %q", len(text), text[len(text)-8:])
	}
}

func TestLinksBounded(t *testing.T) {
	// A paragraph, and a line, far longer than the bounds, with links
	// spread over them: cutting at spaces and line ends must keep them.
	var b strings.Builder
	for i := range 400 {
		fmt.Fprintf(&b, "Câu văn thứ %d có [liên kết %d](https://p.example/%d) ở giữa. ", i, i, i)
		if i%100 == 99 {
			b.WriteString("\n")
		}
	}
	b.WriteString("\n\n<!-- [hidden](https://html.example/) -->\n\n[after](https://p.example/after)\n")
	got := Links(b.String())
	if len(got) != 401 {
		t.Fatalf("got %d links, want 401", len(got))
	}
	for i, l := range got[:400] {
		want := Link{Text: fmt.Sprintf("liên kết %d", i), URL: fmt.Sprintf("https://p.example/%d", i)}
		if l != want {
			t.Fatalf("link %d = %#v, want %#v", i, l, want)
		}
	}
	if got[400].URL != "https://p.example/after" {
		t.Errorf("last link = %#v, want the one after the HTML comment", got[400])
	}

	// Past maxParse nothing is searched.
	tail := strings.Repeat("x ", maxParse/2) + "\n[late](https://late.example/)\n"
	if got := Links("[early](https://early.example/)\n" + tail); len(got) != 1 || got[0].Text != "early" {
		t.Errorf("Links past maxParse = %#v, want only the early link", got)
	}
}

// checkBounded verifies what bounded promises for an input under
// maxParse: nothing lost but line breaks, and no line or paragraph over
// its bound.
func checkBounded(t *testing.T, in string) {
	t.Helper()
	out := string(bounded(in))
	if strings.ReplaceAll(out, "\n", "") != strings.ReplaceAll(in, "\n", "") {
		t.Fatalf("bounded changed more than line breaks")
	}
	para := 0
	for line := range strings.SplitSeq(out, "\n") {
		if len(line) > maxLine {
			t.Fatalf("line of %d bytes, over %d", len(line), maxLine)
		}
		if strings.TrimSpace(line) == "" {
			para = 0
		} else if para += len(line); para > maxPara {
			t.Fatalf("paragraph of %d bytes, over %d", para, maxPara)
		}
	}
}

func TestBounded(t *testing.T) {
	for _, in := range []string{
		"",
		"short\n",
		strings.Repeat("word ", 3000),
		strings.Repeat("ộ", 5000),          // no space: cut at a rune boundary
		" " + strings.Repeat("x", 5000),    // the only space is first
		strings.Repeat("line\n", 5000),     // one long paragraph of short lines
		strings.Repeat("a\xff", 3000),      // not UTF-8: must still end
		strings.Repeat("\x80", 5000),       // only continuation bytes
		strings.Repeat(" ", maxLine) + "x", // a line of spaces
	} {
		checkBounded(t, in)
	}
}

func TestEscapeInlineHTML(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain [a](b)", "plain [a](b)"},
		{"a <!-- c --> b <?php ?>", `a \<!-- c --> b \<?php ?>`},
		{"<!-- block -->\n  <?pi?>\n> > <!x>", "<!-- block -->\n  <?pi?>\n> > <!x>"},
		{`already \<! escaped`, `already \<! escaped`},
		{`a backslash \\<! before`, `a backslash \\\<! before`},
		{"x <!", `x \<!`},
		{"x <", "x <"},
	}
	for _, tt := range tests {
		if got := escapeInlineHTML(tt.in); got != tt.want {
			t.Errorf("escapeInlineHTML(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestLinksConcurrent lets the race detector check that the shared parser
// may serve several goroutines, as the UI extracts links off its loop.
func TestLinksConcurrent(t *testing.T) {
	body := "[a](https://a.example/) https://b.example/ | x |\n|---|\n| [c](https://c.example/) |\n"
	want := Links(body)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 50 {
				if got := Links(body); !reflect.DeepEqual(got, want) {
					t.Errorf("concurrent Links = %v, want %v", got, want)
					return
				}
			}
		})
	}
	wg.Wait()
}

func FuzzLinks(f *testing.F) {
	for _, s := range []string{
		"[a](https://a.example/ \"t\") <https://b.example> https://c.example/x www.d.example",
		"[x][r]\n\n[r]: https://r.example/\n",
		"[![i](https://i.example/i.png)](https://l.example/)",
		"| [t](https://t.example/) |\n|---|\n",
		"[\x1b]8;;https://evil.example\x07x](javascript:alert(1))",
		"[a\\*b &#0;&#x1b;](https://e.example/?a&amp;b)",
		"[[[[[[[[[[]]]]]]]]]](((((((",
		"<https://a.example/\xff>",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		if len(body) < maxParse {
			checkBounded(t, body)
		}
		links := Links(body)
		if len(links) > maxLinks {
			t.Fatalf("%d links, more than the cap", len(links))
		}
		seen := map[string]bool{}
		for _, l := range links {
			if l.URL == "" {
				t.Errorf("empty URL in %#v", l)
			}
			key := l.URL
			if clean, ok := l.Safe(); ok {
				key = clean
				if _, again := safetext.URL(clean); !again {
					t.Errorf("Safe() of %q gave %q, which safetext.URL refuses", l.URL, clean)
				}
			}
			if seen[key] {
				t.Errorf("URL %q listed twice", l.URL)
			}
			seen[key] = true
			if err := safetext.CheckPlainText([]byte(l.URL)); err != nil || strings.ContainsAny(l.URL, "\n\t") {
				t.Errorf("URL %q is not one clean line: %v", l.URL, err)
			}
			if err := safetext.CheckPlainText([]byte(l.Text)); err != nil {
				t.Errorf("text %q: %v", l.Text, err)
			}
			if strings.ContainsAny(l.Text, "\n\t") || !utf8.ValidString(l.Text) ||
				len(l.Text) > maxLinkText+len("…") {
				t.Errorf("text %q is not one short clean line", l.Text)
			}
		}
	})
}

// BenchmarkLinks measures a typical article and inputs that make a
// Markdown parser rescan the rest of a line or paragraph at every opener;
// bounded should keep the latter near linear.
func BenchmarkLinks(b *testing.B) {
	var article strings.Builder
	article.WriteString("[Tiêu đề bài báo](https://news.example/bai-bao.html)\n\n![Ảnh](https://img.example/a.jpg)\n\n")
	for i := range 30 {
		fmt.Fprintf(&article, "Đoạn %d nói về chip, pin và [mạng 5G](https://news.example/%d) trong nước. "+
			"Xem thêm https://other.example/%d.\n\n", i, i, i)
	}
	cases := map[string]string{"article": article.String()}
	for _, unit := range []string{"[a](", "![a](", "a <!--a\n", "a <?a\n", "[a](<b", "a_", "> [a](\n"} {
		cases[fmt.Sprintf("hostile %q", unit)] = strings.Repeat(unit, maxParse/len(unit))
	}
	for name, body := range cases {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			for b.Loop() {
				Links(body)
			}
		})
	}
}

func TestForRenderingBoundsHostileBodies(t *testing.T) {
	for _, body := range []string{
		strings.Repeat("a <!--a\n", 20000),
		strings.Repeat("[a](", 40000),
	} {
		md, _ := ForRendering(body)
		for _, line := range strings.Split(md, "\n") {
			if len(line) > maxLine+8 {
				t.Fatalf("a line of %d bytes is left for the renderer", len(line))
			}
		}
		if strings.Contains(md, "a <!--") {
			t.Fatal("an inline comment opener is left unescaped")
		}
	}
	if _, cut := ForRendering(strings.Repeat("para\n\n", maxParse)); !cut {
		t.Fatal("a body over the bound is not reported as cut")
	}
}

func TestForRenderingRevealsLookAlikeHosts(t *testing.T) {
	body := "[https://bank.example](https://b\u0430nk.example/login) and <https://b\u0430nk.example/x> and https://b\u0430nk.example/y\n\n[fine](https://tin.example.vn/bài-viết)\n"
	md, _ := ForRendering(body)
	if strings.Contains(md, "b\u0430nk") {
		t.Fatalf("a look-alike host is left for the renderer to show: %q", md)
	}
	if !strings.Contains(md, "xn--") {
		t.Fatalf("hosts not shown in punycode: %q", md)
	}
	if !strings.Contains(md, "https://tin.example.vn/bài-viết") {
		t.Fatalf("an ASCII host's address was changed: %q", md)
	}
}
