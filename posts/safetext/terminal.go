package safetext

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"
)

// Terminal filters text that newsreader rendered itself (Glamour and
// Lipgloss output) just before it is shown. It keeps plain text, newlines,
// tabs, SGR sequences (ESC [ digits;: m) and OSC 8 hyperlinks whose target
// passes URL (rewritten to URL's form; the closing ESC ] 8 ; ; stays too).
// Every other escape sequence, terminated or not, and every other control
// character is removed as Text would. It is the last line of defence in
// case a renderer passed something from a post through; it does not
// NFC-normalize, since its input was built from text that already is.
func Terminal(s string) string {
	return clean(s, modeTerminal)
}

// osc handles the payload of a terminated OSC sequence: in modeTerminal a
// 7-bit OSC 8 hyperlink to a vetted URL is written back, with term as its
// terminator; anything else is dropped.
func (c *cleaner) osc(payload, term string, sevenBit bool) {
	if c.m != modeTerminal || !sevenBit {
		return
	}
	rest, ok := strings.CutPrefix(payload, "8;")
	if !ok {
		return
	}
	params, uri, ok := strings.Cut(rest, ";")
	if !ok {
		return
	}
	if uri == "" {
		c.b.WriteString("\x1b]8;;")
		c.b.WriteString(term)
		return
	}
	clean, ok := URL(uri)
	if !ok {
		return
	}
	if !isLinkParams(params) {
		params = ""
	}
	c.b.WriteString("\x1b]8;")
	c.b.WriteString(params)
	c.b.WriteByte(';')
	c.b.WriteString(clean)
	c.b.WriteString(term)
}

// isLinkParams reports whether p is a harmless OSC 8 parameter list such
// as "id=link-3": key=value pairs separated by ':'.
func isLinkParams(p string) bool {
	if len(p) > 256 {
		return false
	}
	for i := 0; i < len(p); i++ {
		ch := p[i]
		if !('a' <= ch && ch <= 'z' || 'A' <= ch && ch <= 'Z' || '0' <= ch && ch <= '9' ||
			ch == '=' || ch == ':' || ch == '_' || ch == '.' || ch == '-') {
			return false
		}
	}
	return true
}

// CheckTerminalOutput reports the first place where b breaks the promise
// made for styled text on its way to the terminal: it must be valid UTF-8
// with no control character but LF and TAB, no C1 control, no bidi
// control or line separator, and its only escape sequences must be SGR
// (ESC [ digits;: m) or OSC 8 hyperlinks terminated by BEL or ST whose
// target is empty (a closing link) or already in the form URL returns.
//
// It is written independently of Terminal so tests can hold Terminal, and
// whatever a program prints, to it. It is meant for rendered content (a
// post as shown, the non-interactive output), not for the byte stream of a
// full-screen program, which also moves the cursor.
func CheckTerminalOutput(b []byte) error {
	return check(b, true)
}

// CheckPlainText is CheckTerminalOutput for text that must carry no escape
// sequence at all, such as the output of Text or Markdown. For the output
// of Line, also check that b holds no LF or TAB.
func CheckPlainText(b []byte) error {
	return check(b, false)
}

func check(b []byte, styled bool) error {
	for i := 0; i < len(b); {
		ch := b[i]
		if ch == 0x1b && styled {
			n := allowedSequence(b[i:])
			if n == 0 {
				return fmt.Errorf("offset %d: escape sequence %q is neither SGR nor a vetted OSC 8 hyperlink", i, excerpt(b[i:]))
			}
			i += n
			continue
		}
		if ch < 0x20 && ch != '\n' && ch != '\t' || ch == 0x7f {
			return fmt.Errorf("offset %d: control character %#02x in %q", i, ch, excerpt(b[i:]))
		}
		if ch < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			return fmt.Errorf("offset %d: invalid UTF-8 byte %#02x", i, ch)
		case r < 0xa0:
			return fmt.Errorf("offset %d: C1 control %U", i, r)
		case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069,
			r == 0x200e, r == 0x200f, r == 0x061c:
			return fmt.Errorf("offset %d: bidi control %U", i, r)
		case r == 0x2028 || r == 0x2029:
			return fmt.Errorf("offset %d: line separator %U", i, r)
		}
		i += size
	}
	return nil
}

// allowedSequence returns the length of the SGR or vetted OSC 8 sequence
// at the start of b, which starts with ESC, or 0 if there is none.
func allowedSequence(b []byte) int {
	if len(b) < 2 {
		return 0
	}
	switch b[1] {
	case '[':
		for j := 2; j < len(b); j++ {
			switch {
			case b[j] == 'm':
				return j + 1
			case b[j] >= '0' && b[j] <= '9', b[j] == ';', b[j] == ':':
			default:
				return 0
			}
		}
	case ']':
		rest, ok := bytes.CutPrefix(b[2:], []byte("8;"))
		if !ok {
			return 0
		}
		params, tail, ok := bytes.Cut(rest, []byte(";"))
		if !ok || !isLinkParams(string(params)) {
			return 0
		}
		for j, ch := range tail {
			var termLen int
			switch {
			case ch == 0x07:
				termLen = 1
			case ch == 0x1b && j+1 < len(tail) && tail[j+1] == '\\':
				termLen = 2
			case ch > 0x20 && ch < 0x7f:
				continue
			default:
				return 0
			}
			uri := string(tail[:j])
			if uri != "" {
				if clean, ok := URL(uri); !ok || clean != uri {
					return 0
				}
			}
			return len(b) - len(tail) + j + termLen
		}
	}
	return 0
}

// excerpt is the start of b, for error messages.
func excerpt(b []byte) []byte {
	if len(b) > 24 {
		return b[:24]
	}
	return b
}
