package fold

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/newsreader/newsreader/posts/postgen"
)

// checkMatchFold compares MatchFold, in pieces of every size from one
// byte, with folding whole then MatchFolded.
func checkMatchFold(t *testing.T, text, query string) {
	t.Helper()
	q, err := Parse(query)
	if err != nil {
		return
	}
	want, valid := AppendFold(nil, []byte(text))
	wantHit := q.MatchFolded(want)
	for _, chunk := range []int{1, 2, 3, 7, 64, streamChunk} {
		got, hit, whole, gotValid := q.matchFold([]byte("kept"), []byte(text), chunk)
		if !bytes.HasPrefix(got, []byte("kept")) {
			t.Fatalf("text %q: MatchFold wrote over dst: %q", text, got)
		}
		got = got[len("kept"):]
		if hit != wantHit {
			t.Fatalf("text %q, query %q (words %q), pieces of %d: hit %v, folding whole (%q) %v", text, query, q.Words, chunk, hit, want, wantHit)
		}
		if !bytes.HasPrefix(want, got) {
			t.Fatalf("text %q, pieces of %d: folded %q, not a start of %q", text, chunk, got, want)
		}
		if !whole && !hit {
			t.Fatalf("text %q: stopped without a hit", text)
		}
		if whole && (!bytes.Equal(got, want) || gotValid != valid) {
			t.Fatalf("text %q, pieces of %d: whole fold %q valid %v, want %q %v", text, chunk, got, gotValid, want, valid)
		}
	}
}

func TestMatchFoldAgreesWithFolding(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	// Letters with and without accents, in NFC and NFD, blanks, marks
	// alone, a letter that folds to two, invalid bytes, a character the
	// tables leave to the general path.
	alphabet := []string{"a", "A", "d", "Đ", "đ", "n", "ng", "Nẵ", "a\u0306\u0303", "\u0301", "ặ", "i", "h", "m", "M",
		" ", "  ", "\t", "\n", "\x00", "\u200b", "æ", "ß", "\xff", "\xe1\xba", "한", "0", ".", "-"}
	pick := func(n int) string {
		var b strings.Builder
		for range n {
			b.WriteString(alphabet[r.IntN(len(alphabet))])
		}
		return b.String()
	}
	queries := []string{"dang", `"dang hai nam"`, "ha na", "d", "nam dang", "ae ss", "0", `"n-g"`, "ấn", "a", "", "an na da"}
	for range 20000 {
		text := pick(r.IntN(30))
		query := queries[r.IntN(len(queries))]
		if r.IntN(3) == 0 { // a phrase cut from the folded text itself
			folded := Fold(text)
			i, j := r.IntN(len(folded)+1), r.IntN(len(folded)+1)
			query = `"` + strings.ReplaceAll(folded[min(i, j):max(i, j)], `"`, "") + `"`
		}
		checkMatchFold(t, text, query)
	}
	// Generated posts, long enough to take several pieces.
	for i := range 40 {
		_, data := postgen.Post(7, i)
		for _, query := range []string{`"dang hai nam"`, "entries", "zzz", "nha may", "the"} {
			checkMatchFold(t, string(data), query)
		}
	}
}

// A body that holds the words early is not folded to its end.
func TestMatchFoldStopsEarly(t *testing.T) {
	body := "Anh Đặng Hải Nam cho biết. " + strings.Repeat("Thị trường bán dẫn tăng trưởng mạnh. ", 1000)
	q, err := Parse(`"dang hai nam"`)
	if err != nil {
		t.Fatal(err)
	}
	folded, hit, whole, _ := q.MatchFold(nil, []byte(body))
	if !hit || whole || len(folded) > 2*streamChunk {
		t.Errorf("hit %v, whole %v after folding %d of %d bytes", hit, whole, len(folded), len(body))
	}
	if _, hit, whole, _ := q.MatchFold(nil, []byte(body[len("Anh Đặng Hải Nam"):])); hit || !whole {
		t.Errorf("without the name: hit %v, whole %v", hit, whole)
	}
}

func FuzzMatchFold(f *testing.F) {
	f.Add("Anh Đặng  Hải\nNam", `"dang hai nam"`)
	f.Add("a\u0306\u0303 b\xff", "an b")
	f.Add("x\x01y", `"x y"`)
	f.Fuzz(checkMatchFold)
}
