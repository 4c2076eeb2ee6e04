package fold

import (
	"fmt"
	"math/rand"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/newsreader/newsreader/posts/postgen"
)

// normalised folds s the way run did before its table of Latin letters:
// every rune through the NFD iterator. The table must change nothing.
func normalised(s string) (string, []int) {
	var f folder
	f.offs = []int{}
	f.runIter(s, 0)
	return string(f.b), f.offs
}

func TestFastPathMatchesNormaliser(t *testing.T) {
	var inputs []string
	for i := 0; i < 300; i++ {
		_, data := postgen.Post(7, i)
		inputs = append(inputs, string(data))
	}
	r := rand.New(rand.NewSource(1))
	alphabet := []rune("aáàảãạăắằẳẵặâấầẩẫậđĐeéèẻẽẹêếềểễệoóòỏõọôốồổỗộơớờởỡợuúùủũụưứừửữựyýỳỷỹỵ \u0300\u0301\u0303\u0309\u0323\u031b\u0302\u0306🔥👨\u200d👩한국ßøæŁ\u3000\t\nXYZ")
	for i := 0; i < 20000; i++ {
		n := r.Intn(12)
		b := make([]rune, n)
		for j := range b {
			b[j] = alphabet[r.Intn(len(alphabet))]
		}
		inputs = append(inputs, string(b))
	}
	for _, s := range inputs {
		var f folder
		f.offs = []int{}
		f.run(s)
		o, oo := normalised(s)
		if string(f.b) != o || fmt.Sprint(f.offs) != fmt.Sprint(oo) {
			t.Fatalf("%q: new %q %v, old %q %v", s, string(f.b), f.offs, o, oo)
		}
		checkAppendFold(t, s, o)
	}
}

// checkAppendFold checks that folding s without offsets, which takes the
// ASCII loop, gives want, and that AppendFold gives it after what the
// buffer held.
func checkAppendFold(t *testing.T, s, want string) {
	t.Helper()
	if got := Fold(s); got != want {
		t.Fatalf("Fold(%q) = %q, the normaliser gives %q", s, got, want)
	}
	buf, valid := AppendFold([]byte("x"), []byte(s))
	if valid != utf8.ValidString(s) {
		t.Fatalf("AppendFold(%q) says valid UTF-8: %v", s, valid)
	}
	if string(buf) != "x"+want {
		t.Fatalf("AppendFold(\"x\", %q) = %q, want %q", s, buf, "x"+want)
	}
}

func TestAppendFoldFindsInvalidUTF8(t *testing.T) {
	for _, s := range []string{"\xff", "Đà N\xe1\xba", "a\xc3(b", "\xe1\xbb", "ti\xeau \xf0\x9f", "\xed\xa0\x80"} {
		if _, valid := AppendFold(nil, []byte(s)); valid {
			t.Errorf("%q: said valid", s)
		}
	}
	for _, s := range []string{"", "Đà Nẵng", "\ufffd", "🔥 x", norm.NFD.String("Nguyễn")} {
		if _, valid := AppendFold(nil, []byte(s)); !valid {
			t.Errorf("%q: said invalid", s)
		}
	}
}

// normalisedOK is normalised, or false when golang.org/x/text's Iter
// panics on the whole of s (it can, on several starters followed by
// marks out of order: "0ㅞ\u0740ㅞ"), which leaves no reference.
func normalisedOK(s string) (o string, oo []int, ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	o, oo = normalised(s)
	return o, oo, true
}

// TestPanickedIterNotPooled: after the Iter of golang.org/x/text panics
// on a text given whole, the next text is folded right (the pooled Iter
// it would have left behind gave "0ㅞ" for "\u0740ㅞ").
func TestPanickedIterNotPooled(t *testing.T) {
	_, _, ok := normalisedOK("0ㅞ\u0740ㅞ")
	if o, _ := normalised("\u0740ㅞ"); o != "ㅞ" {
		t.Fatalf("\\u0740ㅞ after a panic (%v): %q", !ok, o)
	}
	if got := Fold("0ㅞ\u0740ㅞ"); got != "0ㅞㅞ" {
		t.Errorf("Fold: %q", got)
	}
}

func FuzzFastPath(f *testing.F) {
	f.Add("Đà Nẵng ư\u0301 🔥 한국")
	f.Add("0ㅞ\u0740ㅞ")
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			// Both give U+FFFD for bad bytes; the table gives each its
			// own offset, the normaliser the first one's. Text reaching
			// Fold has been cleaned to valid UTF-8 anyway.
			return
		}
		var fo folder
		fo.offs = []int{}
		fo.run(s)
		o, oo, ok := normalisedOK(s)
		if !ok {
			return
		}
		if string(fo.b) != o || !finerOffsets(s, fo.offs, oo) {
			t.Fatalf("%q: table %q %v, normaliser %q %v", s, string(fo.b), fo.offs, o, oo)
		}
		checkAppendFold(t, s, o)
	})
}

// finerOffsets reports whether the offsets of the table path agree with
// the normaliser's, allowing them to be finer: norm.Iter may return
// several characters that are already in NFD as one segment ("0ㅞ"),
// and then gives them all the segment's start, where the table path
// gives each its own. Each offset must fall on a character of s, no
// earlier than the normaliser's and before the start of its next
// segment, and never go back.
func finerOffsets(s string, got, norm []int) bool {
	if len(got) != len(norm) {
		return false
	}
	for k := range got {
		next := len(s)
		for j := k + 1; j < len(norm); j++ {
			if norm[j] > norm[k] {
				next = norm[j]
				break
			}
		}
		if got[k] < norm[k] || got[k] >= next || !utf8.RuneStart(s[got[k]]) || k > 0 && got[k] < got[k-1] {
			return false
		}
	}
	return true
}

// TestFoldASCII8 checks the eight-bytes-at-a-time folding of ASCII
// against the normaliser: every ASCII byte at every place of a block,
// after a letter and after a space, and random runs of ASCII rich in
// blanks and capitals, long enough to hold blocks at every offset.
func TestFoldASCII8(t *testing.T) {
	var inputs []string
	for c := range utf8.RuneSelf {
		for at := range 8 {
			// Blocks start where a run of ASCII opens the text or
			// follows a rune folded outside the tables (a typographic
			// quote), after a letter, a blank or a pending space; a
			// Vietnamese letter ends the blocks.
			for _, lead := range []string{"abcdefgh", "abcdefg ", "ABCDEFG\t", "ẠBCDEFGHI", "’abcdefgh", "“ \tbcdefgh", "x  ’ "} {
				block := []byte("kLmNoPqR")
				block[at] = byte(c)
				inputs = append(inputs, lead+string(block)+"stUVwxYz")
			}
		}
	}
	r := rand.New(rand.NewSource(8))
	const alphabet = "aAzZ@[`{ \t\n\r\x00\x1f\x7f!~09"
	for range 50000 {
		b := make([]byte, 8+r.Intn(24))
		for j := range b {
			if r.Intn(3) == 0 {
				b[j] = byte(r.Intn(utf8.RuneSelf))
			} else {
				b[j] = alphabet[r.Intn(len(alphabet))]
			}
		}
		inputs = append(inputs, string(b))
	}
	for _, s := range inputs {
		var f folder
		f.run(s)
		if got, want := string(f.b), Fold(s); got != want {
			t.Fatalf("run(%q) = %q, Fold gives %q", s, got, want)
		}
		if want, _ := normalised(s); Fold(s) != want {
			t.Fatalf("Fold(%q) = %q, the normaliser gives %q", s, Fold(s), want)
		}
	}
}
