package safetext

import (
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Hà Nội written with combining marks (NFD) and precomposed (NFC).
const (
	hanoiNFD = "Ha\u0300 No\u0302\u0323i"
	hanoiNFC = "Hà Nội"
)

// cleanCases hold for both Line and Text: nothing in them is a line break
// or a tab.
var cleanCases = []struct {
	name, in, want string
}{
	{"ascii", "DeepSeek R1 ships", "DeepSeek R1 ships"},
	{"vietnamese", "🔥🔥🔥 [DeepSeek] tốn hơn tỷ USD", "🔥🔥🔥 [DeepSeek] tốn hơn tỷ USD"},
	{"nfd to nfc", hanoiNFD, hanoiNFC},
	{"empty", "", ""},

	// Window titles, with every terminator and none.
	{"osc 0 bel", "a\x1b]0;pwned\x07b", "ab"},
	{"osc 2 st", "a\x1b]2;pwned\x1b\\b", "ab"},
	{"osc 0 c1 st", "a\x1b]0;pwned\u009cb", "ab"},
	{"osc 2 unterminated", "title\x1b]2;pwned", "title"},
	{"osc aborted by can", "a\x1b]0;x\x18b", "ab"},
	{"osc aborted by esc", "a\x1b]0;x\x1b[31mb", "ab"},
	{"osc 52 clipboard", "x\x1b]52;c;Y3VybCBldmlsLnNoIHwgc2g=\x07y", "xy"},
	{"osc 50 font", "x\x1b]50;?\x07y", "xy"},
	{"osc 8 link", "\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\", "click"},

	// DCS, APC, PM, SOS, tmux.
	{"dcs decrqss", "a\x1bP$qm\x1b\\b", "ab"},
	{"dcs unterminated", "a\x1bP$qm", "a"},
	{"apc", "a\x1b_Gf=100;AAAA\x1b\\b", "ab"},
	{"pm", "a\x1b^private\x1b\\b", "ab"},
	{"sos", "a\x1bXstring\x1b\\b", "ab"},
	{"tmux passthrough", "a\x1bPtmux;\x1b\x1b]52;c;aGk=\x07\x1b\\b", "ab"},
	{"tmux passthrough is one unit", "a\x1bPtmux;\x1b\x1b[1mhidden\x1b\\b", "ab"},
	{"tmux passthrough with inner st", "a\x1bPtmux;\x1b\x1b]0;t\x1b\x1b\\\x1b\\b", "ab"},

	// CSI and the two-byte forms.
	{"sgr", "\x1b[1;31mred\x1b[0m", "red"},
	{"erase and home", "\x1b[2J\x1b[Hx", "x"},
	{"private mode", "\x1b[?1049hx", "x"},
	{"csi with intermediate", "\x1b[2 qx", "x"},
	{"csi unterminated", "a\x1b[31", "a"},
	{"csi cut by a letter", "\x1b[31éx", "éx"},
	{"c1 csi", "\u009b31mred", "red"},
	{"c1 osc", "\u009d0;title\u009cok", "ok"},
	{"c1 dcs", "\u0090$qm\u009cok", "ok"},
	{"c1 apc", "\u009fpayload\u009cok", "ok"},
	{"lone c1", "a\u0085b\u0080c", "abc"},
	{"lone esc at end", "abc\x1b", "abc"},
	{"esc esc", "\x1b\x1b[31mx", "x"},
	{"ris", "a\x1bcb", "ab"},
	{"charset", "\x1b(Bx", "x"},
	{"decaln", "\x1b#8x", "x"},
	{"stray st", "a\x1b\\b", "ab"},
	{"esc before letter", "\x1bé", "é"},

	// Other controls.
	{"nul bel bs del", "a\x00b\x07c\x08d\x7fe", "abcde"},
	{"control between letter and mark", "a\x00\u0301", "á"},
	{"invalid utf8", "a\xffb", "a\uFFFDb"},
	{"truncated utf8", "a\xe1\xbb", "a\uFFFD\uFFFD"},

	// Bidi and invisibles.
	{"rlo", "abc\u202edcba", "abcdcba"},
	{"all embeddings", "\u202aa\u202bb\u202cc\u202dd\u202ee", "abcde"},
	{"isolates", "\u2066a\u2067b\u2068c\u2069", "abc"},
	{"marks", "a\u200eb\u200fc\u061cd", "abcd"},
	{"zero width", "a\u200bb\u2060c\ufeffd\u00ade", "abcde"},
	{"stray tags", "a\U000E0041\U000E0001b", "ab"},

	// Emoji must survive.
	{"zwj family", "👨\u200d👩\u200d👧", "👨\u200d👩\u200d👧"},
	{"red heart", "❤\ufe0f", "❤\ufe0f"},
	{"text heart", "❤\ufe0e", "❤\ufe0e"},
	{"scotland", "🏴\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F", "🏴\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F"},
	{"zwnj", "می\u200cخواهم", "می\u200cخواهم"},
}

func TestLineAndText(t *testing.T) {
	for _, tc := range cleanCases {
		if got := Line(tc.in); got != tc.want {
			t.Errorf("%s: Line(%q) = %q, want %q", tc.name, tc.in, got, tc.want)
		}
		if got := Text(tc.in); got != tc.want {
			t.Errorf("%s: Text(%q) = %q, want %q", tc.name, tc.in, got, tc.want)
		}
	}
}

func TestLineBreaks(t *testing.T) {
	tests := []struct {
		name, in, line, text string
	}{
		{"lf", "a\nb", "a b", "a\nb"},
		{"tab", "a\tb", "a b", "a\tb"},
		{"crlf", "a\r\nb", "a b", "a\nb"},
		{"cr overwrite", "safe\rEVIL", "safe EVIL", "safe\nEVIL"},
		{"cr cr lf", "a\r\r\nb", "a  b", "a\n\nb"},
		{"cr at end", "a\r", "a ", "a\n"},
		{"vt ff", "a\vb\fc", "a b c", "a\nb\nc"},
		{"line separator", "a\u2028b\u2029c", "a b c", "a\nb\nc"},
		// An unterminated sequence ends with its line, not with the body.
		{"osc to end of line", "intro\x1b]0;title\nline 2\nline 3", "intro line 2 line 3", "intro\nline 2\nline 3"},
		{"dcs to end of line", "a\x1bPq#0;2;0;0;0\r\nb", "a b", "a\nb"},
		{"c1 osc to end of line", "a\u009dtitle\u2028b", "a b", "a\nb"},
		{"csi cut by newline", "a\x1b[3\n1m", "a 1m", "a\n1m"},
	}
	for _, tc := range tests {
		if got := Line(tc.in); got != tc.line {
			t.Errorf("%s: Line(%q) = %q, want %q", tc.name, tc.in, got, tc.line)
		}
		if got := Text(tc.in); got != tc.text {
			t.Errorf("%s: Text(%q) = %q, want %q", tc.name, tc.in, got, tc.text)
		}
	}
}

func TestNFDEqualsNFC(t *testing.T) {
	if Line(hanoiNFD) != Line(hanoiNFC) {
		t.Errorf("Line(NFD) = %q, Line(NFC) = %q", Line(hanoiNFD), Line(hanoiNFC))
	}
	if Text(hanoiNFD+"\n") != hanoiNFC+"\n" {
		t.Errorf("Text(NFD) = %q", Text(hanoiNFD+"\n"))
	}
}

// TestCleanInputIsReturnedAsIs checks the fast path: most fields of most
// posts need nothing, and must cost no allocation.
func TestCleanInputIsReturnedAsIs(t *testing.T) {
	for _, s := range []string{"DeepSeek R1", hanoiNFC, vietnameseTitle} {
		if got := Line(s); got != s {
			t.Errorf("Line(%q) = %q, want it unchanged", s, got)
		}
		if n := testing.AllocsPerRun(10, func() { _ = Line(s) }); n != 0 {
			t.Errorf("Line(%q) allocates %v times", s, n)
		}
	}
	body := vietnameseBody(6 << 10)
	if Text(body) != body {
		t.Fatal("Text changed a clean body")
	}
	if n := testing.AllocsPerRun(10, func() { _ = Text(body) }); n != 0 {
		t.Errorf("Text on a clean body allocates %v times", n)
	}
}

// TestNormalizationKeepsClean checks that NFC, which runs after the
// filter, can't bring back anything the filter removes: no kept
// character decomposes or composes into a removed one.
func TestNormalizationKeepsClean(t *testing.T) {
	for r := rune(0xa0); r <= utf8.MaxRune; r++ {
		if r >= 0xd800 && r <= 0xdfff || classify(r) != keep {
			continue
		}
		for _, f := range []norm.Form{norm.NFC, norm.NFD} {
			for _, d := range f.String(string(r)) {
				if unsafeRune(d) {
					t.Errorf("%U normalizes to %q, which holds %U", r, f.String(string(r)), d)
				}
			}
		}
	}
}

// TestClassify checks classify's shortcuts against the Unicode tables:
// every format character is dropped but the few that are kept on purpose.
func TestClassify(t *testing.T) {
	keptFormat := map[rune]bool{0x200c: true, 0x200d: true, 0x6dd: true, 0x70f: true,
		0x890: true, 0x891: true, 0x8e2: true, 0x110bd: true, 0x110cd: true}
	for r := rune(0x600); r <= 0x605; r++ {
		keptFormat[r] = true
	}
	for r := rune(0xa0); r <= utf8.MaxRune; r++ {
		want := keep
		switch {
		case r == 0x2028 || r == 0x2029:
			want = lineBreak
		case r >= 0xe0020 && r <= 0xe007f:
			want = tagChar
		case unicode.Is(unicode.Cf, r) && !keptFormat[r]:
			want = drop
		}
		if got := classify(r); got != want {
			t.Errorf("classify(%U) = %d, want %d", r, got, want)
		}
	}
	for r := rune(0x80); r < 0xa0; r++ {
		if classify(r) != drop {
			t.Errorf("classify(%U) keeps a C1 control", r)
		}
	}
}

func TestNFCStarter(t *testing.T) {
	for r := rune(0); r <= utf8.MaxRune; r++ {
		if !nfcStarter(r) || r >= 0xd800 && r <= 0xdfff {
			continue
		}
		s := string(r)
		if !norm.NFC.PropertiesString(s).BoundaryBefore() || norm.NFC.String(s) != s {
			t.Errorf("nfcStarter(%U) is true, but it is not an NFC starter", r)
		}
	}
}

func TestVisible(t *testing.T) {
	tests := []struct{ in, want string }{
		{"a\x1b[31mb", "a␛[31mb"},
		{"\x00\t\n\x7f", "␀␉␊␡"},
		{"\u009b\u202e\u200b", "<U+009B><U+202E><U+200B>"},
		{"\U000E0041", "<U+E0041>"},
		{"\xff", "\uFFFD"},
		{"👨\u200d👩 ❤\ufe0f", "👨\u200d👩 ❤\ufe0f"},
	}
	for _, tc := range tests {
		if got := Visible(tc.in); got != tc.want {
			t.Errorf("Visible(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
