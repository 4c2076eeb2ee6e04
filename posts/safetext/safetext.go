// Package safetext turns untrusted text into text that is safe to show in
// a terminal. Posts come from scrapers and strangers, and a terminal obeys
// whatever bytes reach it: an OSC 52 sequence writes the clipboard, OSC 0
// renames the window, DCS queries make the terminal type replies into our
// input, C1 controls and a bare CR rewrite what is already on the screen,
// and bidi overrides make text read differently from what it is.
//
// The promise is that nothing from a post reaches the terminal except plain
// text, newsreader's own styling and hyperlinks that passed URL.
//
//   - Line cleans one-line fields (titles, file names, link texts).
//   - Text cleans bodies; Markdown cleans a body that goes to Glamour.
//   - Terminal filters what we rendered ourselves, keeping only SGR styling
//     and validated OSC 8 hyperlinks.
//   - URL and Host vet link targets; CheckTerminalOutput and
//     CheckPlainText let tests anywhere verify the promise.
//
// What is removed, and why:
//
//   - Escape sequences go as a unit (introducer, parameters, payload and
//     terminator), so no half of one is left to be shown as junk: CSI, OSC,
//     DCS (tmux passthrough included), SOS, PM, APC, the two-byte ESC forms
//     and their 8-bit C1 introducers (U+009B and friends).
//   - A string sequence (OSC, DCS, SOS, PM, APC) ends at its terminator
//     (ST; BEL too for OSC), where a terminal would abort it (CAN, SUB, or
//     an ESC that starts something else), or at the end of its line,
//     whichever comes first. Cutting at the line end hides the payload an
//     attacker meant to stay invisible (a title, base64 clipboard data)
//     while one stray introducer can never swallow the rest of a body.
//     Nothing depends on where the cut falls for safety: the output holds
//     no ESC and no C1 at all, so the terminal never enters a sequence.
//   - All C0 controls, DEL and C1 controls. TAB and LF survive in bodies
//     (spaces in one-line fields); CR, VT, FF, U+2028 and U+2029 are line
//     breaks, so a CR can never send the cursor back over its own line.
//   - Invisible format characters (Unicode category Cf): bidi embeddings,
//     overrides and isolates, LRM, RLM and ALM (news in Vietnamese and
//     English has no use for them, and they reorder what a reader sees),
//     zero-width spaces, word joiners, soft hyphens (terminals disagree on
//     their width), BOMs, invisible operators, interlinear annotations.
//     Kept: ZWJ and ZWNJ (emoji sequences, Persian and Indic text),
//     variation selectors (they are marks, not Cf, so ❤️ stays red), the
//     visible prepended concatenation marks, and tag characters directly
//     after 🏴 (subdivision flags); elsewhere tag characters are dropped,
//     as they are only a way to hide text.
//   - Invalid UTF-8 becomes U+FFFD, so there is a visible trace of it.
//
// Line and Text finish with NFC normalization, after cleaning, so that
// removing a control between a letter and its mark still yields one
// composed letter, and "Hà Nội" typed in NFD compares equal to NFC.
package safetext

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Line cleans a one-line field (a title, a file name, a link text, a
// category): every escape sequence and control character is removed, tabs
// and line breaks become spaces, invisible format characters are dropped,
// invalid UTF-8 becomes U+FFFD and the result is NFC-normalized. A string
// that needs none of that is returned as is, without allocating.
func Line(s string) string {
	return clean(s, modeLine)
}

// Text cleans a multi-line text (a post body) like Line, but keeps
// newlines and tabs. A carriage return never survives: CRLF becomes LF and
// a lone CR becomes LF, so text can't overwrite the line it is on.
func Text(s string) string {
	return clean(s, modeText)
}

// mode says whose text is being cleaned and where it goes.
type mode uint8

const (
	// modeLine is for one-line fields: line breaks and tabs become spaces.
	modeLine mode = iota
	// modeText is for bodies: newlines and tabs stay.
	modeText
	// modeTerminal is for our own rendered output: like modeText, but SGR
	// sequences and OSC 8 hyperlinks to vetted URLs stay too.
	modeTerminal
)

// class is what cleaning does with one rune.
type class uint8

const (
	keep      class = iota
	drop            // removed without a trace
	lineBreak       // becomes '\n' (a space in a Line)
	tagChar         // kept only inside an emoji tag sequence
)

// blackFlag (🏴) is the only base that tag characters may follow: RGI
// subdivision flags are 🏴 + tag letters + CANCEL TAG.
const blackFlag = 0x1F3F4

// classify says what happens to a rune of U+0080 or above. C1 controls are
// dropped here; callers that care about C1 introducers check for them
// first.
func classify(r rune) class {
	switch {
	case r < 0xa0:
		return drop
	case r < 0x600:
		// The common case for Vietnamese: Latin letters and combining marks.
		if r == 0xad { // soft hyphen
			return drop
		}
		return keep
	case r >= 0x1e00 && r < 0x2000, r >= 0x2070 && r < 0xfeff:
		// Latin Extended Additional (ạ, ồ, ữ…), Greek, CJK: no format
		// characters in these blocks (TestClassify checks).
		return keep
	case r == 0x2028 || r == 0x2029:
		return lineBreak
	case r == 0x200c || r == 0x200d:
		return keep
	case r >= 0xe0020 && r <= 0xe007f:
		return tagChar
	case r <= 0x605, r == 0x6dd, r == 0x70f, r == 0x890, r == 0x891, r == 0x8e2,
		r == 0x110bd, r == 0x110cd:
		// Prepended concatenation marks are Cf but printed.
		return keep
	case unicode.Is(unicode.Cf, r):
		return drop
	}
	return keep
}

// isTag reports whether r is a tag character that may continue an emoji
// tag sequence.
func isTag(r rune) bool { return r >= 0xe0020 && r <= 0xe007f }

// clean is Line, Text and Terminal: a scan for the common case that needs
// nothing, and the full filter otherwise.
func clean(s string, m mode) string {
	n, surelyNFC := cleanPrefix(s, m)
	if n == len(s) {
		if surelyNFC || m == modeTerminal || isNFC(s) {
			return s
		}
		return norm.NFC.String(s)
	}
	c := cleaner{s: s, m: m, mayNeedNFC: !surelyNFC}
	c.b.Grow(len(s))
	c.b.WriteString(s[:n])
	c.run(n)
	out := c.b.String()
	if m != modeTerminal && c.mayNeedNFC && !isNFC(out) {
		out = norm.NFC.String(out)
	}
	return out
}

// isNFC reports whether s is in NFC. Unlike norm's IsNormalString it
// does not allocate, which matters on the fast path; the price is a rare
// false negative, after which NFC just returns an equal string.
func isNFC(s string) bool {
	return norm.NFC.QuickSpanString(s) == len(s)
}

// cleanPrefix returns the length of the longest prefix of s that cleaning
// would leave alone, and whether that prefix is surely NFC because it
// holds only ASCII and nfcStarter runes.
//
// Two kinds of characters, most of any Vietnamese text, are read without
// decoding them: printable ASCII, eight bytes at a time once one is met,
// and the letters of two bytes and of U+1E00–U+1EFF that classify keeps;
// TestCleanPrefixShortcuts compares every rune with the plain loop.
func cleanPrefix(s string, m mode) (n int, surelyNFC bool) {
	surelyNFC = true
	i := 0
	for i < len(s) {
		ch := s[i]
		if ch < utf8.RuneSelf {
			if ch >= 0x20 && ch != 0x7f || (ch == '\n' || ch == '\t') && m != modeLine {
				i++
				for i+8 <= len(s) && printable8(s[i:i+8]) {
					i += 8
				}
				continue
			}
			return i, surelyNFC
		}
		switch {
		case ch >= 0xc2 && ch < 0xe0 && i+1 < len(s) && s[i+1]&0xc0 == 0x80:
			// U+0080 to U+07FF: kept from U+00A0 to U+05FF but for the
			// soft hyphen; only those below U+0300 are surely NFC.
			r := rune(ch&0x1f)<<6 | rune(s[i+1]&0x3f)
			if r >= 0xa0 && r < 0x600 && r != 0xad {
				surelyNFC = surelyNFC && r < 0x300
				i += 2
				continue
			}
		case ch == 0xe1 && i+2 < len(s) && s[i+1]&0xfc == 0xb8 && s[i+2]&0xc0 == 0x80:
			// U+1E00 to U+1EFF: Latin Extended Additional, kept and NFC.
			i += 3
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || classify(r) != keep {
			return i, surelyNFC
		}
		if surelyNFC && !nfcStarter(r) {
			surelyNFC = false
		}
		i += size
	}
	return i, surelyNFC
}

// printable8 reports whether the eight bytes of b are all printable
// ASCII, from 0x20 to 0x7E.
func printable8(b string) bool {
	x := uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
		uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	// A byte from 0x80, one below 0x20 (which x-0x20 borrows from, with
	// the top bit set after the subtraction), or 0x7F (which x+1 carries
	// into the top bit of).
	return (x|(x-0x20*ones)|(x+ones))&highs == 0
}

// nfcStarter reports whether r is in a block known to hold only
// characters that are NFC as they are and never combine with what comes
// before them (quick-check Yes, combining class 0); a string of ASCII and
// such characters is NFC without asking the normalizer, which is the
// costly part of cleaning Vietnamese text. TestNFCStarter checks the
// ranges against the tables.
func nfcStarter(r rune) bool {
	switch {
	case r < 0x300: // Latin-1, Latin Extended-A and -B (ơ, ư, đ)
		return true
	case r >= 0x1e00 && r < 0x1f00: // Latin Extended Additional (ạ, ồ, ữ)
		return true
	case r >= 0x2002 && r < 0x20d0: // punctuation (“ ” – …), currency
		return true
	case r >= 0x1f300 && r < 0x1fb00: // emoji (🔥)
		return true
	case r >= 0xfe00 && r < 0xfe10: // variation selectors
		return true
	case r == utf8.RuneError: // what invalid UTF-8 becomes
		return true
	}
	return false
}

// cleaner holds the state of one run of the full filter.
type cleaner struct {
	s string
	m mode
	b strings.Builder
	// mayNeedNFC is set once a rune that is not an nfcStarter is written.
	mayNeedNFC bool
}

// newline writes a line break the way the mode wants it.
func (c *cleaner) newline() {
	if c.m == modeLine {
		c.b.WriteByte(' ')
	} else {
		c.b.WriteByte('\n')
	}
}

// run filters c.s from byte i on. Runs of bytes that need nothing are
// copied in one write.
func (c *cleaner) run(i int) {
	s := c.s
	start := i
	flush := func() {
		c.b.WriteString(s[start:i])
	}
	for i < len(s) {
		ch := s[i]
		if ch < utf8.RuneSelf {
			if ch >= 0x20 && ch != 0x7f {
				i++
				continue
			}
			switch ch {
			case '\n', '\t':
				if c.m != modeLine {
					i++
					continue
				}
				flush()
				c.b.WriteByte(' ')
				i++
			case '\r':
				flush()
				if i+1 < len(s) && s[i+1] == '\n' {
					i++ // the LF that follows is the line break
				} else {
					c.newline()
					i++
				}
			case '\v', '\f':
				flush()
				c.newline()
				i++
			case 0x1b:
				flush()
				i = c.escape(i)
			default:
				flush()
				i++
			}
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			flush()
			c.b.WriteString("\uFFFD")
			i++
			start = i
			continue
		}
		if r < 0xa0 {
			flush()
			i = c.c1(r, i+size)
			start = i
			continue
		}
		switch classify(r) {
		case keep:
			if !nfcStarter(r) {
				c.mayNeedNFC = true
			}
			i += size
			continue
		case lineBreak:
			flush()
			c.newline()
		case tagChar:
			flush()
			last, _ := utf8.DecodeLastRuneInString(c.b.String())
			if last == blackFlag || isTag(last) {
				c.b.WriteString(s[i : i+size])
				c.mayNeedNFC = true
			}
		default:
			flush()
		}
		i += size
		start = i
	}
	flush()
}

// Kinds of string sequence; they differ only in what may end them.
const (
	strOSC = iota
	strDCS
	strOther // SOS, PM, APC
)

// c1 handles the C1 control r whose encoding ends at i; the 8-bit
// introducers start the same sequences as their ESC forms. It returns where
// scanning resumes.
func (c *cleaner) c1(r rune, i int) int {
	switch r {
	case 0x9b: // CSI
		return c.csi(i, i, false)
	case 0x9d: // OSC
		return c.str(i, strOSC, false)
	case 0x90: // DCS
		return c.str(i, strDCS, false)
	case 0x98, 0x9e, 0x9f: // SOS, PM, APC
		return c.str(i, strOther, false)
	}
	return i
}

// escape removes the escape sequence that starts with the ESC at s[i] and
// returns where scanning resumes. A sequence cut short is dropped as far as
// it got; the byte that cut it is looked at again as ordinary input.
func (c *cleaner) escape(i int) int {
	s := c.s
	j := i + 1
	if j == len(s) {
		return j
	}
	switch s[j] {
	case '[':
		return c.csi(i, j+1, true)
	case ']':
		return c.str(j+1, strOSC, true)
	case 'P':
		return c.str(j+1, strDCS, true)
	case 'X', '^', '_':
		return c.str(j+1, strOther, true)
	}
	// ESC, any intermediates (0x20–0x2F), one final (0x30–0x7E): charset
	// designations, DECALN, RIS, a stray ST and the like.
	for j < len(s) && s[j] >= 0x20 && s[j] <= 0x2f {
		j++
	}
	if j < len(s) && s[j] >= 0x30 && s[j] <= 0x7e {
		j++
	}
	return j
}

// csi removes the control sequence whose parameters start at s[j]; the
// introducer started at s[start]. In modeTerminal a 7-bit SGR sequence is
// kept. Parameters and intermediates are taken in any order, as a
// terminal's parser would swallow them all before the final byte.
func (c *cleaner) csi(start, j int, sevenBit bool) int {
	s := c.s
	p := j
	for j < len(s) && s[j] >= 0x20 && s[j] <= 0x3f {
		j++
	}
	if j == len(s) || s[j] < 0x40 || s[j] > 0x7e {
		return j
	}
	if c.m == modeTerminal && sevenBit && s[j] == 'm' && isSGRParams(s[p:j]) {
		c.b.WriteString(s[start : j+1])
	}
	return j + 1
}

// isSGRParams reports whether p is a plain SGR parameter string: digits,
// ';' and ':' (sub-parameters for underline styles and colours) only.
func isSGRParams(p string) bool {
	for i := 0; i < len(p); i++ {
		if (p[i] < '0' || p[i] > '9') && p[i] != ';' && p[i] != ':' {
			return false
		}
	}
	return true
}

// str removes the string sequence (OSC, DCS, SOS, PM, APC) whose payload
// starts at s[j], and returns where scanning resumes. See the package
// comment for where such a sequence ends.
func (c *cleaner) str(j, kind int, sevenBit bool) int {
	s := c.s
	payload := j
	for j < len(s) {
		switch ch := s[j]; ch {
		case 0x07:
			if kind == strOSC {
				c.osc(s[payload:j], "\a", sevenBit)
				return j + 1
			}
		case 0x1b:
			if j+1 < len(s) && s[j+1] == '\\' {
				if kind == strOSC {
					c.osc(s[payload:j], "\x1b\\", sevenBit)
				}
				return j + 2
			}
			if kind == strDCS && j+1 < len(s) && s[j+1] == 0x1b {
				// tmux passthrough doubles every ESC it carries.
				j += 2
				continue
			}
			return j
		case 0x18, 0x1a: // CAN, SUB
			return j + 1
		case '\n', '\r', '\v', '\f':
			return j
		case 0xc2: // U+009C ST
			if j+1 < len(s) && s[j+1] == 0x9c {
				if kind == strOSC {
					c.osc(s[payload:j], "\x1b\\", sevenBit)
				}
				return j + 2
			}
		case 0xe2: // U+2028, U+2029
			if j+2 < len(s) && s[j+1] == 0x80 && (s[j+2] == 0xa8 || s[j+2] == 0xa9) {
				return j
			}
		}
		j++
	}
	return j
}

// Visible returns s with every control and invisible format character
// shown instead of acted on: C0 controls, TAB and LF included, as their
// Control Pictures (␛ for ESC, ␉ for TAB), DEL as ␡, C1 controls, format
// characters (tag characters too) and line separators as "<U+202E>",
// invalid UTF-8 as U+FFFD. ZWJ, ZWNJ and variation selectors stay, as in
// Text. Use it where a reader should see that something was there, as
// Markdown does for character references.
func Visible(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r < 0x20:
			b.WriteRune(0x2400 + r)
		case r == 0x7f:
			b.WriteRune(0x2421)
		case r == utf8.RuneError && size == 1:
			b.WriteRune(utf8.RuneError)
		case r < utf8.RuneSelf || classify(r) == keep:
			b.WriteRune(r)
		default:
			b.WriteString("<U+")
			const hexDigits = "0123456789ABCDEF"
			digits := 4
			for r>>(4*digits) != 0 {
				digits++
			}
			for k := digits - 1; k >= 0; k-- {
				b.WriteByte(hexDigits[(r>>(4*k))&0xf])
			}
			b.WriteByte('>')
		}
	}
	return b.String()
}
