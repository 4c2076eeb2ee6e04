package safetext

import (
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/idna"
)

// maxURLLen bounds the links we vet. Terminals give up on longer OSC 8
// targets anyway (VTE stops at 2083 bytes), and no news link is this long.
const maxURLLen = 4096

// URL vets a link target taken from a post. ok is true only for an
// absolute http or https URL with a non-empty host and
//
//   - no userinfo: https://bank.example@evil.example shows one host and
//     opens another, and nobody needs a password in a news link;
//   - no control character, whitespace, invisible format character
//     (bidi controls, ZWJ, zero-width spaces) or backslash anywhere, as
//     these hide or move text, and browsers read '\' as '/';
//   - no leading '-', so it can never be taken for an option;
//   - a host that is a valid DNS name (an internationalized one must pass
//     IDNA lookup rules), or an IP address.
//
// clean is the URL re-serialized in printable ASCII: scheme and host in
// lower case, an internationalized host in its punycode (xn--) form so a
// look-alike letter can't pass for the real one, and everything else that
// is not ASCII percent-encoded. It is safe to put into an OSC 8 hyperlink.
func URL(raw string) (clean string, ok bool) {
	if plainURL(raw) {
		return raw, true
	}
	return parseURL(raw)
}

// plainURL reports whether raw is a URL that parseURL would give back
// unchanged, so that it need not be parsed: http or https in lower case,
// a lower-case DNS name with no port, and a path and query of letters,
// digits and "-._~/?=&+," only. Most links in posts look like this, and
// a scan vets one per post. FuzzURL checks that parseURL agrees.
func plainURL(raw string) bool {
	rest, ok := strings.CutPrefix(raw, "https://")
	if !ok {
		if rest, ok = strings.CutPrefix(raw, "http://"); !ok {
			return false
		}
	}
	if len(raw) > maxURLLen {
		return false
	}
	end := strings.IndexAny(rest, "/?")
	if end < 0 {
		end = len(rest)
	}
	if !isHostname(rest[:end]) {
		return false
	}
	for i := end; i < len(rest); i++ {
		if !plainURLByte[rest[i]] {
			return false
		}
	}
	return true
}

// plainURLByte is the set of bytes plainURL allows after the host.
var plainURLByte = func() (t [256]bool) {
	for c := range 256 {
		t[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
			strings.IndexByte("-._~/?=&+,", byte(c)) >= 0
	}
	return t
}()

// parseURL is URL for any link: parsed, vetted and written back.
func parseURL(raw string) (clean string, ok bool) {
	if raw == "" || len(raw) > maxURLLen || raw[0] == '-' {
		return "", false
	}
	for i := 0; i < len(raw); {
		ch := raw[i]
		if ch < utf8.RuneSelf {
			if ch <= ' ' || ch == 0x7f || ch == '\\' {
				return "", false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(raw[i:])
		if r == utf8.RuneError && size == 1 || classify(r) != keep ||
			unicode.IsSpace(r) || r == 0x200c || r == 0x200d {
			return "", false
		}
		i += size
	}
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "http" && u.Scheme != "https" || u.Opaque != "" || u.User != nil {
		return "", false
	}
	host, ok := normalHost(u)
	if !ok {
		return "", false
	}
	u.Host = host
	u.RawQuery = escapeNonASCII(u.RawQuery)
	clean = u.String()
	if len(clean) > maxURLLen {
		// Escaping grew it past the limit: vetted again, it would be
		// refused, so it is refused now.
		return "", false
	}
	for i := 0; i < len(clean); i++ {
		if clean[i] <= ' ' || clean[i] >= 0x7f {
			return "", false
		}
	}
	return clean, true
}

// Host returns the host name (without port) of a URL that passes URL, in
// the form URL gives it: lower case, punycode for an internationalized
// name. It returns "" for a URL that does not pass. Show it next to a
// link's text so the text can't pretend to lead somewhere else.
func Host(raw string) string {
	clean, ok := URL(raw)
	if !ok {
		return ""
	}
	u, err := url.Parse(clean)
	if err != nil {
		return ""
	}
	return u.Hostname()
}

// normalHost returns u's host, and port if any, in canonical ASCII form,
// or false if it is not a host we link to.
func normalHost(u *url.URL) (string, bool) {
	name := u.Hostname()
	if name == "" {
		return "", false
	}
	if strings.HasPrefix(u.Host, "[") {
		addr, err := netip.ParseAddr(name)
		if err != nil || !addr.Is6() || addr.Zone() != "" {
			return "", false
		}
		name = "[" + addr.String() + "]"
	} else {
		if !isASCII(name) {
			var err error
			if name, err = idna.Lookup.ToASCII(name); err != nil {
				return "", false
			}
		}
		name = strings.ToLower(name)
		if !isHostname(name) {
			return "", false
		}
	}
	if p := u.Port(); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 || n > 65535 {
			return "", false
		}
		name += ":" + strconv.Itoa(n)
	}
	return name, true
}

// isHostname reports whether h, in lower case ASCII, is a DNS name:
// dot-separated labels of letters, digits, '-' and '_' (which real hosts
// use despite the RFCs), with an optional final dot.
func isHostname(h string) bool {
	h = strings.TrimSuffix(h, ".")
	if h == "" || len(h) > 253 {
		return false
	}
	for label := range strings.SplitSeq(h, ".") {
		if label == "" || len(label) > 63 {
			return false
		}
		for i := 0; i < len(label); i++ {
			ch := label[i]
			if !('a' <= ch && ch <= 'z' || '0' <= ch && ch <= '9' || ch == '-' || ch == '_') {
				return false
			}
		}
	}
	return true
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// escapeNonASCII percent-encodes the non-ASCII bytes of a raw query, which
// url.URL.String writes back verbatim.
func escapeNonASCII(q string) string {
	if isASCII(q) {
		return q
	}
	const hexDigits = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(q); i++ {
		if ch := q[i]; ch >= utf8.RuneSelf {
			b.WriteByte('%')
			b.WriteByte(hexDigits[ch>>4])
			b.WriteByte(hexDigits[ch&0xf])
		} else {
			b.WriteByte(ch)
		}
	}
	return b.String()
}
