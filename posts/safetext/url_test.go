package safetext

import (
	"math/rand/v2"
	"testing"
)

func TestURL(t *testing.T) {
	good := []struct{ in, want, host string }{
		{"https://example.com", "https://example.com", "example.com"},
		{"http://example.com/path?q=1&r=2#frag", "http://example.com/path?q=1&r=2#frag", "example.com"},
		{"HTTPS://EXAMPLE.com/A", "https://example.com/A", "example.com"},
		{"https://vnexpress.net/deepseek-4845092.html", "https://vnexpress.net/deepseek-4845092.html", "vnexpress.net"},
		{"https://vi.wikipedia.org/wiki/Hà_Nội", "https://vi.wikipedia.org/wiki/H%C3%A0_N%E1%BB%99i", "vi.wikipedia.org"},
		{"https://example.com/?q=Hà", "https://example.com/?q=H%C3%A0", "example.com"},
		{"https://例え.jp/", "https://xn--r8jz45g.jp/", "xn--r8jz45g.jp"},
		// A Cyrillic а: the host shows what it really is.
		{"https://\u0430pple.com/", "https://xn--pple-43d.com/", "xn--pple-43d.com"},
		{"https://ｅｘａｍｐｌｅ.com/", "https://example.com/", "example.com"},
		{"https://example.com:0443/", "https://example.com:443/", "example.com"},
		{"https://[::1]:8080/", "https://[::1]:8080/", "::1"},
		{"https://203.0.113.7/x", "https://203.0.113.7/x", "203.0.113.7"},
		{"https://my_host.example.com/", "https://my_host.example.com/", "my_host.example.com"},
	}
	for _, tc := range good {
		got, ok := URL(tc.in)
		if !ok || got != tc.want {
			t.Errorf("URL(%q) = %q, %v; want %q, true", tc.in, got, ok, tc.want)
		}
		if h := Host(tc.in); h != tc.host {
			t.Errorf("Host(%q) = %q, want %q", tc.in, h, tc.host)
		}
	}
	bad := []string{
		"",
		"javascript:alert(1)",
		"JaVaScRiPt:alert(1)",
		"data:text/html,x",
		"file:///etc/passwd",
		"ftp://example.com/",
		"mailto:a@example.com",
		"https://",
		"https:///path",
		"https:example.com",
		"//example.com/",
		"example.com",
		"-https://example.com",
		" https://example.com",
		"https://example.com\n",
		"https://ex ample.com/",
		"https://example.com/a b",
		"https://example.com/\x1b]0;x\x07",
		"https://example.com/\u009b",
		"https://exa\u202emple.com/",
		"https://example.com/\u202egnp.exe",
		"https://example.com/a\u200bb",
		"https://example.com/a\u200db",
		"https://example.com/\u3000",
		"https://example.com/\xff",
		"https://user@example.com/",
		"https://bank.example@evil.example/",
		"https://bank.example:pw@evil.example/",
		"https://@evil.example/",
		"https://evil.example\\@bank.example/",
		"https://example.com:99999/",
		"https://example.com:0/",
		"https://[fe80::1%25eth0]/",
		"https://[1.2.3.4]/",
		"https://exa<mple.com/",
		"https://ex&#x1b;.com/",
		"https://a..b/",
		"https://ex%61mple.com/",
		"https://" + string(make([]byte, 5000)),
	}
	for _, in := range bad {
		if got, ok := URL(in); ok {
			t.Errorf("URL(%q) = %q, true; want false", in, got)
		}
		if h := Host(in); h != "" {
			t.Errorf("Host(%q) = %q, want \"\"", in, h)
		}
	}
}

// TestPlainURLsNeedNoParsing checks, over many generated links, that
// every URL plainURL lets through is one parsing gives back unchanged.
func TestPlainURLsNeedNoParsing(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	pick := func(alphabet string, n int) string {
		b := make([]byte, n)
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		return string(b)
	}
	passed := 0
	for range 200000 {
		raw := []string{"http://", "https://", "HTTP://", "https:/"}[r.IntN(4)] +
			pick("abcz09.-_A", 1+r.IntN(12)) + pick("/?aZ09-._~=&+,%#:;@[] \\", r.IntN(30))
		if !plainURL(raw) {
			continue
		}
		passed++
		if slow, ok := parseURL(raw); !ok || slow != raw {
			t.Fatalf("plainURL(%q), but parsing gives %q, %v", raw, slow, ok)
		}
	}
	if passed < 2000 {
		t.Fatalf("only %d generated links were plain; the test checks too little", passed)
	}
}
