package safetext

import (
	"html"
	"strconv"
	"strings"

	"golang.org/x/text/unicode/norm"
)

// Markdown cleans a Markdown body before it goes to Glamour. It is Text,
// plus this: a character reference (&#27;, &#x1B;, &Tab;) that would
// decode to a control or to a character Text removes is replaced by its
// Visible form (␛, ␉, <U+202E>), so no Markdown renderer can turn it into
// a live control byte after our cleaning ran.
//
// "Would decode" covers every decoder on the way, not only the HTML
// standard: Glamour runs html.UnescapeString on each piece of text (and on
// code spans), which accepts a missing ';', maps &#x80;–&#x9F; through
// Windows-1252 but leaves the gaps in that table as C1 controls, and
// computes the code point in an int32 that wraps, so &#4294967323; decodes
// to ESC; goldmark reads a decimal reference with a leading 0 as octal, so
// for it &#033; is ESC too. Hence a reference beyond U+10FFFF becomes
// U+FFFD, and a safe one with leading zeros is rewritten without them.
//
// Every reference is judged on its own longest match, as the decoders
// read it. Markdown can split text only at punctuation, never inside a
// name or a run of digits, so a reference cut apart by emphasis markers
// (&#x1*b*;) has a prefix that already counts as a reference (&#x1) and
// is neutralized, and the pieces can't decode to anything else. The
// replacements contain no '&', so they can't start a new reference.
//
// A reference inside a code block is replaced too; code blocks are shown
// raw, so the reader then sees ␛ where the source said &#x1b;.
func Markdown(s string) string {
	s = Text(s)
	i := strings.IndexByte(s, '&')
	if i < 0 {
		return s
	}
	var b strings.Builder
	last := 0
	for i < len(s) {
		end, repl, bad := reference(s, i)
		if bad {
			if b.Len() == 0 {
				b.Grow(len(s) + 16)
			}
			b.WriteString(s[last:i])
			b.WriteString(repl)
			last = end
		}
		next := strings.IndexByte(s[end:], '&')
		if next < 0 {
			break
		}
		i = end + next
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	out := b.String()
	if !isNFC(out) {
		// A replacement may end in a letter a following mark composes with.
		out = norm.NFC.String(out)
	}
	return out
}

// reference looks at the '&' at s[i]. It returns where the reference (if
// any) ends, and whether it must be replaced, and by what.
func reference(s string, i int) (end int, repl string, bad bool) {
	j := i + 1
	if j < len(s) && s[j] == '#' {
		return numericReference(s, i)
	}
	for j < len(s) && isAlnum(s[j]) {
		j++
	}
	if j == i+1 {
		return j, "", false
	}
	if j < len(s) && s[j] == ';' {
		j++
	}
	span := s[i:j]
	dec := html.UnescapeString(span)
	if dec == span {
		return j, "", false
	}
	for _, r := range dec {
		if unsafeRune(r) {
			return j, Visible(dec), true
		}
	}
	return j, "", false
}

// numericReference is reference for "&#", decimal or hex, any number of
// digits and leading zeros, with or without ';'.
func numericReference(s string, i int) (end int, repl string, bad bool) {
	j := i + 2
	hex := j < len(s) && (s[j] == 'x' || s[j] == 'X')
	if hex {
		j++
	}
	digits := j
	var v uint64
	for ; j < len(s); j++ {
		d, ok := digitValue(s[j], hex)
		if !ok {
			break
		}
		if v <= 0x10ffff {
			if hex {
				v = v*16 + d
			} else {
				v = v*10 + d
			}
		}
	}
	if j == digits {
		return j, "", false
	}
	octalLooking := !hex && s[digits] == '0' && j-digits > 1
	if j < len(s) && s[j] == ';' {
		j++
	}
	switch {
	case v > 0x10ffff:
		return j, "\uFFFD", true
	case unsafeRune(rune(v)):
		return j, Visible(string(rune(v))), true
	case octalLooking:
		return j, "&#" + strconv.FormatUint(v, 10) + ";", true
	}
	return j, "", false
}

// unsafeRune reports whether r must not come out of a character reference:
// a control of any kind, TAB and LF included (a reference is text, not a
// line break), or a character Text would remove.
func unsafeRune(r rune) bool {
	return r < 0x20 || r == 0x7f || r >= 0x80 && classify(r) != keep
}

func digitValue(ch byte, hex bool) (uint64, bool) {
	switch {
	case '0' <= ch && ch <= '9':
		return uint64(ch - '0'), true
	case hex && 'a' <= ch && ch <= 'f':
		return uint64(ch-'a') + 10, true
	case hex && 'A' <= ch && ch <= 'F':
		return uint64(ch-'A') + 10, true
	}
	return 0, false
}

func isAlnum(ch byte) bool {
	return 'a' <= ch && ch <= 'z' || 'A' <= ch && ch <= 'Z' || '0' <= ch && ch <= '9'
}
