package safetext

import (
	"html"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/yuin/goldmark/util"
	"golang.org/x/text/unicode/norm"
)

// addSeeds gives every fuzzer the inputs of the table tests.
func addSeeds(f *testing.F) {
	for _, tc := range cleanCases {
		f.Add(tc.in)
	}
	for _, s := range markdownAttacks {
		f.Add(s)
	}
	f.Add("\x1b]8;;https://example.com/\x1b\\t\x1b]8;;\x1b\\\x1b[1mb\x1b[m")
	f.Add("\x1b]8;id=1;https://bank.example@evil.example/\x07t\x1b]8;;\x07")
	f.Add(vietnameseTitle)
	f.Add(hanoiNFD + "\r\n&#033;&shy&Tab;")
}

// checkNoRemovable fails if s holds a character the filter drops; tag
// characters are allowed after 🏴, where the filter keeps them.
func checkNoRemovable(t *testing.T, in, out string) {
	t.Helper()
	prev := rune(0)
	for _, r := range out {
		switch c := classify(r); {
		case r < 0x80:
		case c == tagChar && (prev == blackFlag || isTag(prev)):
		case c != keep:
			t.Fatalf("output of %q holds %U: %q", in, r, out)
		}
		prev = r
	}
}

func FuzzLine(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, s string) {
		out := Line(s)
		if err := CheckPlainText([]byte(out)); err != nil {
			t.Fatalf("Line(%q) = %q: %v", s, out, err)
		}
		if strings.ContainsAny(out, "\n\t") {
			t.Fatalf("Line(%q) = %q holds a line break or tab", s, out)
		}
		checkNoRemovable(t, s, out)
		if !norm.NFC.IsNormalString(out) {
			t.Fatalf("Line(%q) = %q is not NFC", s, out)
		}
		if again := Line(out); again != out {
			t.Fatalf("Line is not idempotent: %q -> %q -> %q", s, out, again)
		}
	})
}

func FuzzText(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, s string) {
		out := Text(s)
		if err := CheckPlainText([]byte(out)); err != nil {
			t.Fatalf("Text(%q) = %q: %v", s, out, err)
		}
		checkNoRemovable(t, s, out)
		if !norm.NFC.IsNormalString(out) {
			t.Fatalf("Text(%q) = %q is not NFC", s, out)
		}
		if again := Text(out); again != out {
			t.Fatalf("Text is not idempotent: %q -> %q -> %q", s, out, again)
		}
		// Line is Text with the line breaks and tabs turned into spaces.
		flat := strings.Map(func(r rune) rune {
			if r == '\n' || r == '\t' {
				return ' '
			}
			return r
		}, out)
		if line := Line(s); line != flat {
			t.Fatalf("Line(%q) = %q, but Text flattened is %q", s, line, flat)
		}
	})
}

func FuzzMarkdown(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, s string) {
		out := Markdown(s)
		if err := CheckPlainText([]byte(out)); err != nil {
			t.Fatalf("Markdown(%q) = %q: %v", s, out, err)
		}
		if again := Markdown(out); again != out {
			t.Fatalf("Markdown is not idempotent: %q -> %q -> %q", s, out, again)
		}
		// What the decoders on the way make of it: Go's html (Glamour, and
		// bluemonday through x/net/html) and goldmark's own.
		if err := CheckPlainText([]byte(html.UnescapeString(out))); err != nil {
			t.Fatalf("html.UnescapeString(Markdown(%q)): %v", s, err)
		}
		gm := util.ResolveEntityNames(util.ResolveNumericReferences([]byte(out)))
		if err := CheckPlainText(gm); err != nil {
			t.Fatalf("goldmark decoding of Markdown(%q): %v", s, err)
		}
		if len(s) <= 4<<10 {
			if err := checkRendered(renderGlamour(t, out)); err != nil {
				t.Fatalf("Markdown(%q) through Glamour: %v", s, err)
			}
		}
	})
}

func FuzzTerminal(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, s string) {
		out := Terminal(s)
		if !utf8.ValidString(out) {
			t.Fatalf("Terminal(%q) = %q is not UTF-8", s, out)
		}
		if err := CheckTerminalOutput([]byte(out)); err != nil {
			t.Fatalf("Terminal(%q) = %q: %v", s, out, err)
		}
		if again := Terminal(out); again != out {
			t.Fatalf("Terminal is not idempotent: %q -> %q -> %q", s, out, again)
		}
		// With no ESC there is nothing to keep, so Terminal is Text short
		// of the normalization.
		if !strings.Contains(s, "\x1b") {
			if text := Text(s); norm.NFC.String(out) != text {
				t.Fatalf("Terminal(%q) = %q, Text = %q", s, out, text)
			}
		}
	})
}

func FuzzURL(f *testing.F) {
	f.Add("https://example.com/a?b=c#d")
	f.Add("https://bank.example@evil.example/")
	f.Add("https://例え.jp/Hà?q=Nội")
	f.Add("https://[::1]:8080/")
	f.Add("javascript:alert(1)")
	f.Add("http://a.example/x/y-z_1.html?p=2&q=a+b,c~d")
	f.Add("https://a.example?x")
	f.Fuzz(func(t *testing.T, raw string) {
		clean, ok := URL(raw)
		if plainURL(raw) {
			if slow, ok := parseURL(raw); !ok || slow != raw {
				t.Fatalf("plainURL(%q), but parsing gives %q, %v", raw, slow, ok)
			}
		}
		if !ok {
			if clean != "" || Host(raw) != "" {
				t.Fatalf("URL(%q) rejected but returned %q, host %q", raw, clean, Host(raw))
			}
			return
		}
		for i := 0; i < len(clean); i++ {
			if clean[i] <= ' ' || clean[i] >= 0x7f {
				t.Fatalf("URL(%q) = %q holds byte %#02x", raw, clean, clean[i])
			}
		}
		if !strings.HasPrefix(clean, "http://") && !strings.HasPrefix(clean, "https://") {
			t.Fatalf("URL(%q) = %q", raw, clean)
		}
		again, ok := URL(clean)
		if !ok || again != clean {
			t.Fatalf("URL not idempotent: %q -> %q -> %q, %v", raw, clean, again, ok)
		}
		host := Host(raw)
		if host == "" || Host(clean) != host {
			t.Fatalf("Host(%q) = %q, Host(%q) = %q", raw, host, clean, Host(clean))
		}
		// The host shown must be the one the URL leads to: it follows the
		// scheme directly, with no userinfo in between.
		rest := clean[strings.Index(clean, "//")+2:]
		if !strings.HasPrefix(rest, host) && !strings.HasPrefix(rest, "["+host+"]") {
			t.Fatalf("URL(%q) = %q does not lead to host %q", raw, clean, host)
		}
	})
}
