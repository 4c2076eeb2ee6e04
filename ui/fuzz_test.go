package ui

// Hostile posts through the interface: whatever a post holds, what the
// reader pane shows carries only our styling and vetted links (issue 6).

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"github.com/charmbracelet/x/ansi"
	"golang.org/x/net/idna"
	"golang.org/x/text/unicode/norm"

	"github.com/newsreader/newsreader/posts"
	"github.com/newsreader/newsreader/posts/safetext"
)

// fuzzSeeds are posts that try every trick issue 6 names, in the front
// matter and in the body, and the Markdown that renders them in odd ways.
var fuzzSeeds = []string{
	"---\ntitle: \"\\e]0;pwn\\a🔥🔥 [An ninh] Tiêu đề\"\ncategories: entries VN\n---\n[Nguồn](https://tin.example.vn/a.html)\n\nThân bài.\n",
	"---\ntitle: \"Giá \\u202eRẺ\\u202c \\u009b31m\"\nsource: \"javascript:alert(1)\"\n---\nTrước \x1b]52;c;cHduZWQ=\x07 sau \x1bP+q544e\x1b\\ \x1b_Gx\x1b\\ \x1b]0;open\n",
	"---\ntitle: x\n---\nA &#x1b;]0;pwn&#7; B &#27;[31m C &#x9b;31m D &#x1*b*;]2;x&#7; E &#0000027; F &#4294967323;\n",
	"---\ntitle: x\n---\n`&#x1b;]0;pwn&#7;` and\n\n    &#27;[2J code block\n\n```\n\x1b]52;c;eA==\x07 fenced \u009d0;x\u009c\n```\n",
	"---\ntitle: x\n---\n[https://bank.example](https://evil.example/login) and <https://evil.example/auto> and [x][r]\n\n[r]: https://evil.example/ref\n",
	"---\ntitle: x\n---\n[https://bank.example](https://b\u0430nk.example/) and <https://b\u0430nk.example/> and https://b\u0430nk.example/x\n",
	"---\ntitle: x\n---\n[a](javascript:alert(1)) [b](data:text/html,x) [c](https://bank.example@evil.example/) [d](file:///etc/passwd) ![i](javascript:x)\n",
	"---\ntitle: x\n---\n| a | [b](https://evil.example/t) |\n|---|---|\n| \x1b[31mred | &#x1b;]0;x&#7; |\n",
	"---\ntitle: x\n---\nTin thật\rTIN GIẢ ghi đè\r\n<script>alert(1)</script>\n<div>&#x1b;]0;x&#7;</div>\n",
	"---\ntitle: x\n---\n# \u202eheading\u202c\n\n> quote \x1b[2J\n\n- item \u2066x\u2069\n- [link \x1b]8;;https://evil.example/\x07text](https://ok.example/)\n",
	"---\ntitle: x\n---\n" + strings.Repeat("từ ", 200) + "\n\n" + strings.Repeat("dàiquá", 40) + " 中文字符 😀👍🏽 🇻🇳 ❤️‍🔥\n",
	"+++\n\"k\\u001b]0;pwn\\u0007\" = \n+++\nthân bài\n",
	"{\n\"title\": \"\\u001b]0;pwn\\u0007JSON\"\n}\n\nthân bài\n",
	"no front matter \x1b]0;pwn\x07 at all\n",
	"\ufeff---\r\ntitle: crlf\r\n---\r\nbody\r\n",
	"---\n---\n",
	"",
}

// osc8 finds the hyperlinks in rendered output: parameters and target.
var osc8 = regexp.MustCompile("\x1b\\]8;([^;\x07\x1b]*);([^\x07\x1b]*)(?:\x07|\x1b\\\\)")

// FuzzRenderArticle parses any file as a post and renders it the way the
// reader pane and the pipe output do, at any width, and holds the result
// to the promise: only SGR styling and vetted OSC 8 links, no line wider
// than the pane, and every link's real host in plain sight.
func FuzzRenderArticle(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s), uint8(60))
	}
	f.Add([]byte(fuzzSeeds[4]), uint8(1))
	f.Add([]byte(fuzzSeeds[6]), uint8(12))
	f.Fuzz(func(t *testing.T, data []byte, w uint8) {
		if len(data) > 16<<10 {
			return // Glamour's time grows with the body; big bodies add nothing here
		}
		width := int(w)%160 + 1
		lib := posts.FromBytes("fuzz.md", data)
		p := lib.Posts[0]
		if len(lib.Posts) != 1 {
			t.Fatalf("%d posts from one file", len(lib.Posts))
		}
		lines := renderArticle(lib, p, width, "dark", newStyles(true), textsFor(English), testNow)
		out := strings.Join(lines, "\n")
		if err := safetext.CheckTerminalOutput([]byte(out)); err != nil {
			t.Fatalf("width %d: %v\n%q", width, err, out)
		}
		for i, ln := range lines {
			if sw := ansi.StringWidth(ln); sw > width {
				t.Fatalf("line %d is %d columns wide in a pane of %d: %q", i, sw, width, ln)
			}
		}
		if width >= 60 {
			if err := hostsShown(out); err != nil {
				t.Fatalf("%v:\n%s", err, ansi.Strip(out))
			}
		}

		plain := RenderPlain(lib, p, width, false, English)
		if err := safetext.CheckPlainText([]byte(plain)); err != nil {
			t.Fatalf("plain output, width %d: %v\n%q", width, err, plain)
		}
	})
}

// hostsShown reports a link whose visible text never names the host it
// leads to, so that the text could pass for another site. Glamour
// shows a link as its text and then its URL, both linked under one id, so
// the text of all the spans of one link counts; line breaks and
// indentation are ignored, as a long URL is wrapped.
func hostsShown(out string) error {
	shown := map[string]string{} // params;target -> visible text
	ms := osc8.FindAllStringSubmatchIndex(out, -1)
	for i, m := range ms {
		params, target := out[m[2]:m[3]], out[m[4]:m[5]]
		if target == "" {
			continue
		}
		end := len(out)
		if i+1 < len(ms) {
			end = ms[i+1][0]
		}
		shown[params+";"+target] += strings.Map(func(r rune) rune {
			if unicode.IsSpace(r) {
				return -1
			}
			return unicode.ToLower(r)
		}, ansi.Strip(out[m[1]:end]))
	}
	for link, text := range shown {
		_, target, _ := strings.Cut(link, ";")
		host := safetext.Host(target)
		if host == "" {
			return fmt.Errorf("a link to %q, which has no host", target)
		}
		// Known gap, reported to the lead: Glamour shows the URL as the
		// post wrote it, so an internationalized host shows in Unicode,
		// where a look-alike letter can pass for the real site, not in
		// the punycode form the link has.
		uhost, _ := idna.ToUnicode(host)
		if !strings.Contains(text, host) && !strings.Contains(text, uhost) {
			return fmt.Errorf("a link leads to %q, but its text %q never shows host %q", target, text, host)
		}
	}
	return nil
}

func TestHostsShownIsNotBlind(t *testing.T) {
	for _, bad := range []string{
		"\x1b]8;;https://evil.example/\x07https://bank.example\x1b]8;;\x07",
		"\x1b]8;id=1;https://evil.example/\x07bank\x1b]8;;\x07 \x1b]8;id=2;https://evil.example/\x07evil.example\x1b]8;;\x07",
	} {
		if hostsShown(bad) == nil {
			t.Errorf("hostsShown passed %q", bad)
		}
	}
	good := "\x1b]8;id=1;https://evil.example/\x07bank\x1b]8;;\x07 \x1b]8;id=1;https://evil.example/\x07https://EVIL.\n  example/\x1b]8;;\x07"
	if err := hostsShown(good); err != nil {
		t.Errorf("hostsShown(%q): %v", good, err)
	}
}

// TestSameCleanPathShowsItsOwnBody: two files whose names clean to the
// same path (one NFC, one NFD) are two posts, and the reader shows each
// one's own text, never the other's from the render cache.
func TestSameCleanPathShowsItsOwnBody(t *testing.T) {
	dir := t.TempDir()
	name := "2025-01-05-hà-nội.md"
	for file, body := range map[string]string{name: "Bản NFC", norm.NFD.String(name): "Bản NFD"} {
		data := "---\ntitle: " + body + "\n---\nNội dung " + strings.ReplaceAll(body, " ", "") + "\n"
		if err := os.WriteFile(filepath.Join(dir, file), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	lib, err := posts.OpenDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(lib.Posts) != 2 || lib.Posts[0].Path != lib.Posts[1].Path {
		t.Fatalf("want two posts with one clean path, got %d", len(lib.Posts))
	}
	m := newSized(t, lib, 120, 20, Options{})
	for i, p := range lib.Posts {
		if i > 0 {
			m = press(t, m, "j")
		}
		want := "Nội dung " + strings.ReplaceAll(p.Title, " ", "")
		if s := screen(m); !strings.Contains(s, want) {
			t.Errorf("%s selected, but the reader does not show %q:\n%s", p.Title, want, s)
		}
	}
}
