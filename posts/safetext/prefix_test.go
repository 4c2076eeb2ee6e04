package safetext

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

// cleanPrefixPlain is cleanPrefix without its shortcuts: every character
// decoded and classified.
func cleanPrefixPlain(s string, m mode) (n int, surelyNFC bool) {
	surelyNFC = true
	i := 0
	for i < len(s) {
		ch := s[i]
		if ch < utf8.RuneSelf {
			if ch >= 0x20 && ch != 0x7f || (ch == '\n' || ch == '\t') && m != modeLine {
				i++
				continue
			}
			return i, surelyNFC
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

func TestCleanPrefixShortcuts(t *testing.T) {
	modes := []mode{modeLine, modeText, modeTerminal}
	check := func(s string) {
		t.Helper()
		for _, m := range modes {
			n, nfc := cleanPrefix(s, m)
			wn, wnfc := cleanPrefixPlain(s, m)
			if n != wn || nfc != wnfc {
				t.Fatalf("cleanPrefix(%q, %d) = %d, %v; the plain loop gives %d, %v", s, m, n, nfc, wn, wnfc)
			}
		}
	}
	// Every rune, alone, after ASCII and before more, at each alignment
	// of the eight-byte steps.
	for r := rune(0); r <= utf8.MaxRune; r++ {
		if !utf8.ValidRune(r) {
			continue
		}
		c := string(r)
		check(c)
		check("abcdefg" + c + "xyz")
		check(strings.Repeat("x", int(r%9)) + c + "đ")
	}
	// Every byte, and bytes that are not UTF-8.
	for b := range 256 {
		check(strings.Repeat("a", b%11) + string([]byte{byte(b)}) + "bcdefghij")
	}
	for _, s := range []string{"\xc2", "\xe1\xba", "\xe1\xb8\x80", "\xe1\xbc\x80", "\xc3\x28", "\xe1\xba\xa1\x80", "a\tb\nc\x7f", "12345678\x1f", "1234567\x7f", "\u00ad", "\u2028"} {
		check(s)
	}
	// Random mixes of what the shortcuts take and what they leave.
	r := rand.New(rand.NewPCG(9, 10))
	parts := []string{"a", "Z", " ", "~", "\t", "\n", "\x00", "\x1f", "\x7f", "\x80", "\xff", "đ", "ơ", "ạ", "ồ", "\u0301", "\u00ad", "\u05ff", "\u0600", "\u200b", "\u2028", "🔥", "\ufe0f", "Ἀ", "\xe1\xba"}
	for range 100000 {
		var b strings.Builder
		for range r.IntN(24) {
			b.WriteString(parts[r.IntN(len(parts))])
		}
		check(b.String())
	}
}
