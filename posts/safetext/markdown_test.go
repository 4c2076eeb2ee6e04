package safetext

import (
	"html"
	"testing"
)

func TestMarkdown(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"title attack", "&#x1b;]0;pwned&#7;", "␛]0;pwned␇"},
		{"decimal", "&#27;", "␛"},
		{"hex upper", "&#X1B;", "␛"},
		{"no semicolon", "&#x1b[2J", "␛[2J"},
		{"leading zeros hex", "&#x00001b;", "␛"},
		{"leading zeros decimal", "&#0000027;", "␛"},
		{"int32 wrap", "&#4294967323;", "\uFFFD"},
		{"hex wrap", "&#x10000001b;", "\uFFFD"},
		{"too big", "&#x110000;", "\uFFFD"},
		{"octal trap", "&#033;", "&#33;"},
		{"nul", "&#0;", "␀"},
		{"cr", "&#13;", "␍"},
		{"lf", "&#10;", "␊"},
		{"del", "&#127;", "␡"},
		{"c1 csi", "&#x9b;31m", "<U+009B>31m"},
		{"c1 osc", "&#157;0;t", "<U+009D>0;t"},
		{"rlo", "&#x202E;", "<U+202E>"},
		{"isolate", "&#8294;", "<U+2066>"},
		{"tag", "&#xE0041;", "<U+E0041>"},
		{"named tab", "a&Tab;b", "a␉b"},
		{"named newline", "a&NewLine;b", "a␊b"},
		{"named rlm", "&rlm;", "<U+200F>"},
		{"named lrm", "&lrm;", "<U+200E>"},
		{"named shy", "co&shy;op", "co<U+00AD>op"},
		{"legacy shy", "co&shyop", "co<U+00AD>op"},
		{"named zwsp", "&ZeroWidthSpace;", "<U+200B>"},
		{"split by emphasis", "&#x1*b*;", "␁*b*;"},
		{"split by strong", "&#x1**b**;", "␁**b**;"},
		{"split by code", "&#x1`b`;", "␁`b`;"},
		{"split by escape", "&#x1\\b;", "␁\\b;"},
		{"joined by removed nul", "&#x1\x00b;", "␛"},
		{"in code span", "`&#x1b;`", "`␛`"},
		{"in html", "<div>&#x1b;]0;x&#7;</div>", "<div>␛]0;x␇</div>"},
		{"raw esc", "\x1b]0;x\x07", ""},
		{"composes after", "&#x85;\u0338", "<U+0085≯"},

		// Left alone.
		{"emoji", "&#x1F600;", "&#x1F600;"},
		{"letter", "&#65;&#x41;", "&#65;&#x41;"},
		{"zwj", "&zwj;&#x200d;", "&zwj;&#x200d;"},
		{"amp", "AT&amp;T &copy; &lt;b&gt;", "AT&amp;T &copy; &lt;b&gt;"},
		{"double encoded", "&amp;#x1b;", "&amp;#x1b;"},
		{"legacy prefix", "&notit;", "&notit;"},
		{"not references", "AT&T & &# &#x &#xg; &#; &;", "AT&T & &# &#x &#xg; &#; &;"},
		{"surrogate", "&#xD800;", "&#xD800;"},
		{"cut at hash", "&*#x1b;*", "&*#x1b;*"},
		{"crlf", "a\r\nb", "a\nb"},
	}
	for _, tc := range tests {
		got := Markdown(tc.in)
		if got != tc.want {
			t.Errorf("%s: Markdown(%q) = %q, want %q", tc.name, tc.in, got, tc.want)
		}
		if err := CheckPlainText([]byte(html.UnescapeString(got))); err != nil {
			t.Errorf("%s: Markdown(%q) decodes to unsafe text: %v", tc.name, tc.in, err)
		}
	}
}
