package fold

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/newsreader/newsreader/posts/postgen"
)

// checkMatchASCII compares MatchASCII and ASCIIMatcher, with and
// without SIMD, with folding then MatchFolded.
func checkMatchASCII(t *testing.T, text, query string) {
	t.Helper()
	if !ASCII([]byte(text)) {
		return
	}
	q, err := Parse(query)
	if err != nil {
		return
	}
	folded, _ := AppendFold(nil, []byte(text))
	want := q.MatchFolded(folded)
	if got := q.MatchASCII([]byte(text)); got != want {
		t.Fatalf("text %q, query %q (words %q): MatchASCII %v, folded %q gives %v", text, query, q.Words, got, folded, want)
	}
	eachWay(q.ASCIIMatcher, func(way string, m ASCIIMatcher) {
		if got, sure := m.Match([]byte(text)); sure && got != want {
			t.Fatalf("text %q, query %q (words %q): ASCIIMatcher (%s) %v, folded %q gives %v", text, query, q.Words, way, got, folded, want)
		}
	})
}

// TestASCIIMatcherGivesUp: a text made of the start of a word, over and
// over, is left to folding rather than compared at each place for the
// length of the word, with pairs and without; an ordinary body is not.
func TestASCIIMatcherGivesUp(t *testing.T) {
	long := strings.Repeat("na", 100)
	for _, c := range []struct {
		query string
		text  []byte
	}{
		{`nien`, []byte(strings.Repeat("ni", 1<<19))},
		{`"` + long + `aa"`, []byte(strings.Repeat("na", 1<<19))},
		{`"` + long + ` x"`, []byte(strings.Repeat("na", 1<<19))},
		{`"qq qq qq qq qq qq qq qq qq qq qq qq z"`, []byte(strings.Repeat("qq ", 1<<18))}, // IndexByte for q
	} {
		q, _ := Parse(c.query)
		eachWay(q.ASCIIMatcher, func(way string, m ASCIIMatcher) {
			if _, sure := m.Match(c.text); sure {
				t.Errorf("%.12s... (%s): sure after a million places", c.query, way)
			}
		})
	}
	var post []byte
	for i := 0; post == nil || !ASCII(post); i++ { // an English post
		_, post = postgen.Post(2, i)
	}
	q, _ := Parse(`"dang hai nam"`)
	if _, sure := q.ASCIIMatcher().Match(post); !sure {
		t.Error("a generated post was left to folding")
	}
}

func TestMatchASCIIAgreesWithFolding(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	const alphabet = "aAdDnNgGhHiImM  \t\n\r\x01\x7f.,-'\"0"
	pick := func(n int) string {
		b := make([]byte, n)
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		return string(b)
	}
	queries := []string{"dang", `"dang hai nam"`, "ha na", `"a  d"`, "D", "nam dang", `"am, d"`, "0", `"n-g"`, "ấn", "a"}
	for range 30000 {
		text := pick(r.IntN(40))
		query := queries[r.IntN(len(queries))]
		if r.IntN(3) == 0 { // a query cut from the text itself
			i, j := r.IntN(len(text)+1), r.IntN(len(text)+1)
			query = `"` + strings.ReplaceAll(text[min(i, j):max(i, j)], `"`, "") + `"`
		}
		checkMatchASCII(t, text, query)
	}
	checkMatchASCII(t, "Dang   Hai\n\nNam", `"dang hai nam"`)
	if q, _ := Parse(`"dang hai nam"`); !q.MatchASCII([]byte("x DANG\tHAI\r\nnam.")) {
		t.Fatal("a phrase over blanks of every kind was not found")
	}
}

func TestASCII(t *testing.T) {
	for _, c := range []struct {
		s    string
		want bool
	}{{"", true}, {"abc", true}, {"0123456789abcdef", true}, {"0123456789abcdeé", false}, {"é", false}, {"abcdefgh\x80", false}} {
		if got := ASCII([]byte(c.s)); got != c.want {
			t.Errorf("ASCII(%q) = %v", c.s, got)
		}
	}
	// Every length up to 100, with one byte of 0x80 or more at each
	// place, or none.
	for n := range 100 {
		b := []byte(strings.Repeat("\x7f", n))
		if !ASCII(b) {
			t.Fatalf("ASCII of %d bytes of 0x7f is false", n)
		}
		for at := range n {
			for _, c := range []byte{0x80, 0xc3, 0xff} {
				b[at] = c
				if ASCII(b) {
					t.Fatalf("ASCII is true with %#x at %d of %d bytes", c, at, n)
				}
				b[at] = 0x7f
			}
		}
	}
}

func FuzzMatchASCII(f *testing.F) {
	f.Add("Dang   Hai\n\nNam", `"dang hai nam"`)
	f.Add("x\x01y", `"x y"`)
	f.Fuzz(checkMatchASCII)
}
