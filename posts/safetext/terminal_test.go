package safetext

import (
	"strings"
	"testing"
)

func TestTerminal(t *testing.T) {
	const (
		open  = "\x1b]8;;https://example.com/a\x1b\\"
		close = "\x1b]8;;\x1b\\"
	)
	tests := []struct {
		name, in, want string
	}{
		{"plain", "plain\ttext\n", "plain\ttext\n"},
		{"sgr", "\x1b[1;38;2;255;0;0mhi\x1b[0m\x1b[m", "\x1b[1;38;2;255;0;0mhi\x1b[0m\x1b[m"},
		{"sgr with colons", "\x1b[4:3mwavy\x1b[58:2::255:0:0m", "\x1b[4:3mwavy\x1b[58:2::255:0:0m"},
		{"private sgr-looking", "\x1b[>4;2mx", "x"},
		{"sgr with intermediate", "\x1b[1 mx", "x"},
		{"c1 sgr", "\u009b31mx", "x"},
		{"cursor and erase", "\x1b[2J\x1b[10;10H\x1b[Kx\x1b[?25l", "x"},
		{"link st", open + "text" + close, open + "text" + close},
		{"link bel", "\x1b]8;id=7;https://example.com/\x07t\x1b]8;;\x07", "\x1b]8;id=7;https://example.com/\x07t\x1b]8;;\x07"},
		{"link c1 st", "\x1b]8;;https://example.com/\u009ct", "\x1b]8;;https://example.com/\x1b\\t"},
		{"link rewritten", "\x1b]8;;HTTPS://Example.COM/Hà\x07t", "\x1b]8;;https://example.com/H%C3%A0\x07t"},
		{"link odd params dropped", "\x1b]8;x=\"1\";https://example.com/\x07t", "\x1b]8;;https://example.com/\x07t"},
		{"closer params dropped", "t\x1b]8;id=1;\x07", "t\x1b]8;;\x07"},
		{"link javascript", "\x1b]8;;javascript:alert(1)\x1b\\text" + close, "text" + close},
		{"link userinfo", "\x1b]8;;https://bank.example@evil.example/\x1b\\text" + close, "text" + close},
		{"link file", "\x1b]8;;file:///etc/passwd\x07text", "text"},
		{"link no params separator", "\x1b]8;https://example.com/\x07text", "text"},
		{"link unterminated", "\x1b]8;;https://example.com/ text\nnext", "\nnext"},
		{"c1 link", "\u009d8;;https://example.com/\u009ctext", "text"},
		{"title", "a\x1b]0;pwned\x07b", "ab"},
		{"clipboard", "a\x1b]52;c;aGk=\x1b\\b", "ab"},
		{"dcs", "a\x1bP$qm\x1b\\b", "ab"},
		{"tmux", "a\x1bPtmux;\x1b\x1b]52;c;aGk=\x07\x1b\\b", "ab"},
		{"apc pm sos", "\x1b_a\x1b\\\x1b^b\x1b\\\x1bXc\x1b\\d", "d"},
		{"cr", "line\rover", "line\nover"},
		{"controls", "a\x00\x07\x08\x7f\u0085b", "ab"},
		{"bidi", "a\u202eb\u2066c", "abc"},
		{"lone esc", "abc\x1b", "abc"},
		{"invalid utf8", "\xff", "\uFFFD"},
		{"emoji", "👨\u200d👩\u200d👧 ❤\ufe0f", "👨\u200d👩\u200d👧 ❤\ufe0f"},
	}
	for _, tc := range tests {
		got := Terminal(tc.in)
		if got != tc.want {
			t.Errorf("%s: Terminal(%q) = %q, want %q", tc.name, tc.in, got, tc.want)
		}
		if err := CheckTerminalOutput([]byte(got)); err != nil {
			t.Errorf("%s: CheckTerminalOutput(Terminal(%q)): %v", tc.name, tc.in, err)
		}
	}
}

// TestTerminalKeepsGoodOutput runs a realistic piece of rendered output:
// Terminal must hand it back byte for byte.
func TestTerminalKeepsGoodOutput(t *testing.T) {
	good := "\n  \x1b]8;id=41;https://example.com/x\a\x1b[38;5;35;1mlink\x1b[m\x1b]8;;\a" +
		"\x1b[38;5;252m Hà Nội \x1b[m\n\n"
	if got := Terminal(good); got != good {
		t.Errorf("Terminal changed good output:\n got %q\nwant %q", got, good)
	}
}

func TestCheckTerminalOutput(t *testing.T) {
	ok := []string{
		"",
		"plain\ttext\n",
		"\x1b[1;31mred\x1b[m",
		"\x1b]8;;https://example.com/\x1b\\t\x1b]8;;\x1b\\",
		"\x1b]8;id=3;https://example.com/\x07t\x1b]8;;\x07",
		"👨\u200d👩\u200d👧 Hà Nội",
	}
	for _, s := range ok {
		if err := CheckTerminalOutput([]byte(s)); err != nil {
			t.Errorf("CheckTerminalOutput(%q) = %v, want nil", s, err)
		}
	}
	bad := []string{
		"\x1b]0;title\x07",
		"\x1b]52;c;aGk=\x07",
		"\x1b[2J",
		"\x1b[?25l",
		"\x1b[31",
		"\x1b",
		"\x1bc",
		"\x1bP$qm\x1b\\",
		"\x1b]8;;javascript:alert(1)\x07",
		"\x1b]8;;HTTPS://EXAMPLE.COM/\x07", // vetted, but not in URL's form
		"\x1b]8;;https://example.com/",     // unterminated
		"\x1b]8;;https://example.com/ x\x07",
		"a\rb",
		"a\x00b",
		"a\x7fb",
		"\u009b31m",
		"\u0085",
		"a\u202eb",
		"a\u2028b",
		"\xff",
	}
	for _, s := range bad {
		if err := CheckTerminalOutput([]byte(s)); err == nil {
			t.Errorf("CheckTerminalOutput(%q) = nil, want an error", s)
		}
		if err := CheckPlainText([]byte(s)); err == nil {
			t.Errorf("CheckPlainText(%q) = nil, want an error", s)
		}
	}
	if err := CheckPlainText([]byte("\x1b[1mbold\x1b[m")); err == nil {
		t.Error("CheckPlainText accepted SGR")
	}
	if err := CheckPlainText([]byte("a\tb\nc Hà Nội")); err != nil {
		t.Errorf("CheckPlainText(plain) = %v", err)
	}
	err := CheckTerminalOutput([]byte("ok\x1b]0;pwned\x07"))
	if err == nil || !strings.Contains(err.Error(), "offset 2") {
		t.Errorf("error should say where: %v", err)
	}
}
