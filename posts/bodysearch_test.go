package posts

import (
	"fmt"
	"io/fs"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"testing/fstest"
	"time"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"

	"github.com/newsreader/newsreader/posts/fold"
	"github.com/newsreader/newsreader/posts/postgen"
)

// searchAll runs a body search to its end and returns the paths of the
// matches in the order of ps. Each batch must be in order, and no match
// may be handed over twice; batches may come in any order.
func searchAll(t *testing.T, l *Library, ps []*Post, query string) []string {
	t.Helper()
	q, err := fold.Parse(query)
	if err != nil {
		t.Fatal(err)
	}
	s := l.SearchBodies(ps, q)
	var all []int
	for {
		hits, done := s.Next(time.Millisecond)
		if !slices.IsSorted(hits) {
			t.Fatalf("Next gave %v, not in order", hits)
		}
		all = append(all, hits...)
		if done {
			break
		}
	}
	slices.Sort(all)
	if len(slices.Compact(slices.Clone(all))) != len(all) {
		t.Fatalf("a match was handed over twice: %v", all)
	}
	var got []string
	for _, p := range s.Posts(all) {
		got = append(got, p.Path)
	}
	return got
}

func TestSearchBodies(t *testing.T) {
	legacy, err := charmap.Windows1258.NewEncoder().String(cp1258Form("Tin về Đà Nẵng và Hà Nội, mưa lớn."))
	if err != nil {
		t.Fatal(err)
	}
	front := "title: \"Không có từ khoá\"\ndate: 2025-01-01\ncategories: entries VN\n"
	fsys := faultyFS{
		MapFS: fstest.MapFS{
			"nfc.md":     {Data: doc(front, "Hôm nay ở Đà Nẵng trời nắng.\n")},
			"nfd.md":     {Data: doc(front, norm.NFD.String("Mưa to ở ĐÀ   NẴNG\r\nsuốt đêm.\n"))},
			"legacy.md":  {Data: doc("title: x\n", legacy)}, // all of it Windows-1258
			"bom.md":     {Data: append([]byte("\xef\xbb\xbf"), doc(front, "da nang, không dấu\n")...)},
			"other.md":   {Data: doc(front, "Tin về Hà Nội.\n")},
			"front.md":   {Data: doc("title: \"Đà Nẵng\"\ndate: 2025-01-01\n", "Chỉ có tiêu đề nhắc tới.\n")},
			"split.md":   {Data: doc(front, "Đà\nNẵng bị ngắt dòng.\n")},
			"gone.md":    {Data: doc(front, "Đà Nẵng\n")},
			"broken.md":  {Data: doc(front, "Đà Nẵng\n")},
			"nofront.md": {Data: []byte("Đà Nẵng không có front matter.\n")},
			"ascii.md":   {Data: doc(front, "Rain in DA\r\n   NANG\x01all night.\n")},
			"toml.md":    {Data: []byte("+++\ntitle = \"Đà Nẵng\"\ncategories = [\"entries\", \"VN\"]\n+++\nTin về Đà Nẵng.\n")},
		},
		openErr: map[string]error{"gone.md": fs.ErrNotExist},
		readErr: map[string]error{"broken.md": fs.ErrPermission},
	}
	l := &Library{FS: fsys}
	names := []string{"nfc.md", "nfd.md", "legacy.md", "bom.md", "other.md", "front.md", "split.md", "gone.md", "broken.md", "nofront.md", "ascii.md", "toml.md"}
	var ps []*Post
	for _, n := range names {
		ps = append(ps, &Post{Path: n})
	}
	got := searchAll(t, l, ps, "da nang")
	want := []string{"nfc.md", "nfd.md", "legacy.md", "bom.md", "split.md", "nofront.md", "ascii.md", "toml.md"}
	if !slices.Equal(got, want) {
		t.Errorf("da nang: got %v, want %v", got, want)
	}
	// Every word, in any order; a quoted phrase as one.
	if got := searchAll(t, l, ps, "nang mua"); !slices.Equal(got, []string{"nfd.md", "legacy.md"}) {
		t.Errorf("nang mua: got %v", got)
	}
	if got := searchAll(t, l, ps, `"nang all night"`); !slices.Equal(got, []string{"ascii.md"}) {
		t.Errorf(`"nang all night": got %v`, got)
	}
	if got := searchAll(t, l, ps, `"dem suot"`); len(got) != 0 {
		t.Errorf(`"dem suot": got %v, want nothing`, got)
	}
	if got := searchAll(t, l, ps, "entries"); len(got) != 0 {
		t.Errorf("the front matter was searched: %v", got)
	}
}

// TestSearchBodiesManyHits checks that every match of a large search is
// handed over, once, whatever the number of workers.
func TestSearchBodiesManyHits(t *testing.T) {
	fsys := fstest.MapFS{}
	var ps []*Post
	var want []string
	for i := range 3000 {
		name := fmt.Sprintf("p%04d.md", i)
		body := "Tin thường.\n"
		if i%3 == 0 {
			body = "Tin về Đà Nẵng.\n"
			want = append(want, name)
		}
		fsys[name] = &fstest.MapFile{Data: doc("title: x\n", body)}
		ps = append(ps, &Post{Path: name})
	}
	got := searchAll(t, &Library{FS: fsys}, ps, "đà nẵng")
	if !slices.Equal(got, want) {
		t.Fatalf("got %d matches, want %d", len(got), len(want))
	}
}

// slowFS makes each open take a while, so a search is still running when
// it is stopped.
type slowFS struct{ fstest.MapFS }

func (s slowFS) Open(name string) (fs.File, error) {
	time.Sleep(time.Millisecond)
	return s.MapFS.Open(name)
}

func TestSearchBodiesStop(t *testing.T) {
	fsys := fstest.MapFS{}
	var ps []*Post
	for i := range 5000 {
		name := fmt.Sprintf("p%04d.md", i)
		fsys[name] = &fstest.MapFile{Data: doc("title: x\n", "Đà Nẵng\n")}
		ps = append(ps, &Post{Path: name})
	}
	before := runtime.NumGoroutine()
	q, _ := fold.Parse("da nang")
	s := (&Library{FS: slowFS{fsys}}).SearchBodies(ps, q)
	if hits, done := s.Next(time.Millisecond); len(hits) == 0 || done {
		t.Fatalf("first Next: %d hits, done %v", len(hits), done)
	}
	s.Stop()
	s.Stop() // twice is harmless
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > before {
		if time.Now().After(deadline) {
			t.Fatalf("%d goroutines before the search, %d after Stop", before, runtime.NumGoroutine())
		}
		time.Sleep(5 * time.Millisecond)
	}
	if n := int(s.next.Load()); n >= len(ps) {
		t.Errorf("the workers went through all %d posts after Stop", n)
	}
}

func TestReadIntoReusesAndBounds(t *testing.T) {
	big := strings.Repeat("x", 200<<10)
	fsys := fstest.MapFS{"big.md": {Data: []byte(big)}, "small.md": {Data: []byte("abc")}}
	const limit = 100 << 10
	// The size from the listing may be right, out of date either way, or
	// unknown: the file is read to its end or to the limit all the same.
	for _, size := range []int{0, 10, 150 << 10, 200 << 10, 300 << 10} {
		buf, err := readInto(fsys, "big.md", nil, size, limit)
		if err != nil || len(buf) != limit || string(buf) != big[:limit] {
			t.Fatalf("big, size %d: %d bytes, %v; want the first %d", size, len(buf), err, limit)
		}
	}
	buf, _ := readInto(fsys, "big.md", nil, 0, limit)
	c := cap(buf)
	for _, size := range []int{0, 1, 3, 1000} {
		got, err := readInto(fsys, "small.md", buf[:0], size, limit)
		if err != nil || string(got) != "abc" || cap(got) != c {
			t.Fatalf("small, size %d: %q, %v, cap %d (was %d)", size, got, err, cap(got), c)
		}
	}
	// What the buffer held before stays, and the limit counts from there.
	got, err := readInto(fsys, "small.md", []byte("pre"), 3, 2)
	if err != nil || string(got) != "preab" {
		t.Fatalf("appending: %q, %v", got, err)
	}
	if _, err := readInto(fsys, "none.md", buf[:0], 0, 10); err == nil {
		t.Fatal("a missing file read without error")
	}
}

// TestSearchBodiesLegacyEncodings: a Windows-1258 file is decoded whole,
// as Body decodes it, with or without a byte-order mark, and whichever
// part of it is not UTF-8; its front matter is never searched.
func TestSearchBodiesLegacyEncodings(t *testing.T) {
	enc := func(s string) string {
		out, err := charmap.Windows1258.NewEncoder().String(cp1258Form(s))
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	body := "Tin về Đà Nẵng, mưa lớn suốt đêm qua ở miền Trung.\n"
	front := "title: \"Mưa lớn\"\ncategories: entries VN\n"
	fsys := fstest.MapFS{
		"plain.md":     {Data: []byte(enc("---\n" + front + "---\n" + body))},
		"bom.md":       {Data: []byte("\xef\xbb\xbf" + enc("---\n"+front+"---\n"+body))},
		"frontonly.md": {Data: []byte("---\n" + enc(front) + "---\n" + "Tin về Đà Nẵng.\n")},
	}
	l := &Library{FS: fsys}
	ps := []*Post{{Path: "plain.md"}, {Path: "bom.md"}, {Path: "frontonly.md"}}
	if got := searchAll(t, l, ps, "da nang"); len(got) != 3 {
		t.Errorf("da nang: got %v, want all three", got)
	}
	if got := searchAll(t, l, ps, "entries"); len(got) != 0 {
		t.Errorf("the front matter was searched: %v", got)
	}
	for _, p := range ps {
		text, err := l.Body(p)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(text, "Đà Nẵng") {
			t.Errorf("%s: Body gives %q", p.Path, text)
		}
	}
}

// TestSearchBodiesStartsOnNext: no worker runs before the first Next, and
// a search stopped before it never starts one; a Next after that ends.
func TestSearchBodiesStartsOnNext(t *testing.T) {
	var opened atomic.Int64
	fsys := countOpens{fstest.MapFS{"a.md": {Data: doc("title: x\n", "Đà Nẵng\n")}}, &opened}
	q, _ := fold.Parse("da nang")
	before := runtime.NumGoroutine()
	s := (&Library{FS: fsys}).SearchBodies([]*Post{{Path: "a.md"}}, q)
	if n := runtime.NumGoroutine(); n > before || opened.Load() != 0 {
		t.Fatalf("before Next: %d goroutines (was %d), %d files opened", n, before, opened.Load())
	}
	s.Stop()
	if hits, done := s.Next(time.Millisecond); len(hits) != 0 || !done {
		t.Fatalf("Next after Stop: %v, done %v", hits, done)
	}
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > before {
		if time.Now().After(deadline) {
			t.Fatalf("%d goroutines left after a stopped search (was %d)", runtime.NumGoroutine(), before)
		}
		time.Sleep(5 * time.Millisecond)
	}
	if opened.Load() != 0 {
		t.Fatalf("a search stopped before it started opened %d files", opened.Load())
	}
	// And one that is started finds its match.
	s = (&Library{FS: fsys}).SearchBodies([]*Post{{Path: "a.md"}}, q)
	if hits, _ := s.Next(time.Millisecond); len(hits) != 1 {
		t.Fatalf("started search: %v", hits)
	}
}

type countOpens struct {
	fstest.MapFS
	n *atomic.Int64
}

func (c countOpens) Open(name string) (fs.File, error) {
	c.n.Add(1)
	return c.MapFS.Open(name)
}

// TestSearchBodiesEarlyMatch: a body that holds the words in its first
// piece is not folded to its end, and still matches exactly when Body
// shows the words: when the rest of the file is broken UTF-8, and not
// when the rest is Windows-1258, which makes Body decode the whole file.
func TestSearchBodiesEarlyMatch(t *testing.T) {
	name := "Anh Đặng Hải Nam cho biết.\n"
	filler := strings.Repeat("Thị trường bán dẫn tăng trưởng mạnh trong quý này.\n", 300) // 16 KB
	legacy, err := charmap.Windows1258.NewEncoder().String(cp1258Form(filler))
	if err != nil {
		t.Fatal(err)
	}
	legacyName, err := charmap.Windows1258.NewEncoder().String(cp1258Form(name))
	if err != nil {
		t.Fatal(err)
	}
	front := "title: x\n"
	fsys := fstest.MapFS{
		"utf8.md":        {Data: doc(front, name+filler)},
		"utf8-broken.md": {Data: doc(front, name+filler+"\xff\xfe")},
		"mixed.md":       {Data: doc(front, name+legacy)}, // the name in UTF-8, the rest not
		"legacy-late.md": {Data: doc(front, legacy+legacyName)},
		"absent.md":      {Data: doc(front, filler)},
	}
	l := &Library{FS: fsys}
	var ps []*Post
	for _, p := range []string{"absent.md", "legacy-late.md", "mixed.md", "utf8-broken.md", "utf8.md"} {
		ps = append(ps, &Post{Path: p})
	}
	want := []string{"legacy-late.md", "utf8-broken.md", "utf8.md"}
	if got := searchAll(t, l, ps, `"dang hai nam"`); !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
	// What Body shows agrees.
	for _, p := range ps {
		text, err := l.Body(p)
		if err != nil {
			t.Fatal(err)
		}
		if shown := strings.Contains(fold.Fold(text), "dang hai nam"); shown != slices.Contains(want, p.Path) {
			t.Errorf("%s: Body shows the name: %v", p.Path, shown)
		}
	}
	if !notLegacy(fsys["utf8-broken.md"].Data) || notLegacy(fsys["mixed.md"].Data) {
		t.Error("the byte count does not tell broken UTF-8 from Windows-1258")
	}
}

// TestNotLegacyBound checks what notLegacy relies on: Windows-1258 gives
// one character for each byte, ASCII for ASCII and, for 0x80 to 0xBF,
// none that looksVietnamese counts as Vietnamese; and that when it says
// a text is not Windows-1258, decodeLegacy agrees.
func TestNotLegacyBound(t *testing.T) {
	dec := charmap.Windows1258.NewDecoder()
	for b := range 0xc0 {
		out, err := dec.Bytes([]byte{byte(b)})
		if err != nil {
			t.Fatal(err)
		}
		rs := []rune(string(out))
		switch {
		case len(rs) != 1:
			t.Errorf("%#x decodes to %d characters", b, len(rs))
		case b < 0x80 && rs[0] != rune(b):
			t.Errorf("%#x decodes to %q", b, rs[0])
		case b >= 0x80 && (rs[0] < 0x80 || isVietnamese(rs[0])):
			t.Errorf("%#x decodes to %q, counted as Vietnamese or ASCII", b, rs[0])
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	enc := charmap.Windows1258.NewEncoder()
	pieces := []string{"a", "b ", "\n", "Đà Nẵng ", "mưa lớn ", "\xff", "\xc3", "\x80", "\xe1\xba"}
	for range 5000 {
		var sb strings.Builder
		for range r.IntN(20) {
			p := pieces[r.IntN(len(pieces))]
			if r.IntN(3) == 0 {
				if e, err := enc.String(cp1258Form(p)); err == nil {
					p = e
				}
			}
			sb.WriteString(p)
		}
		data := []byte(sb.String())
		if _, decoded := decodeLegacy(data); notLegacy(data) && decoded {
			t.Fatalf("%q: notLegacy, but decodeLegacy decodes it", data)
		}
	}
}

// BenchmarkMatchFile is the body search's work on each post once it is
// read: 2,000 generated posts, the queries of BenchmarkSearchBody (the
// last two no post holds, so every body is searched to its end). It
// measures that work apart from reading, to compare ways of doing it:
// "unfolded" is what the search does, finding the words without folding
// the bodies where it can (fold.RawMatcher), "folded" folds every body.
func BenchmarkMatchFile(b *testing.B) {
	var files [][]byte
	size := 0
	for i := range 2000 {
		_, data := postgen.Post(1, i)
		files = append(files, data)
		size += len(data)
	}
	for _, c := range []struct {
		query  string
		absent bool
	}{{`"dang hai nam"`, false}, {`"dang hai"`, false}, {`nguong`, true}, {`nien`, true}} {
		query, absent := c.query, c.absent
		q, err := fold.Parse(query)
		if err != nil {
			b.Fatal(err)
		}
		for _, c := range []struct {
			name string
			q    bodyQuery
		}{{"unfolded", newBodyQuery(q)}, {"folded", foldingQuery(q)}} {
			b.Run(strings.ReplaceAll(strings.Trim(query, `"`), " ", "_")+"/"+c.name, func(b *testing.B) {
				if c.name == "unfolded" && !c.q.hasRaw {
					b.Fatalf("%s is folded", query)
				}
				b.SetBytes(int64(size))
				var folded []byte
				hits := 0
				for b.Loop() {
					hits = 0
					for _, data := range files {
						var hit bool
						folded, hit = matchFile(data, c.q, folded, false)
						if hit {
							hits++
						}
					}
				}
				if absent != (hits == 0) {
					b.Fatalf("%d posts matched", hits)
				}
				b.ReportMetric(float64(hits), "hits")
			})
		}
	}
}

// foldingQuery is newBodyQuery(q) without its RawMatcher: every body
// beyond ASCII is folded.
func foldingQuery(q fold.Query) bodyQuery {
	bq := newBodyQuery(q)
	bq.raw, bq.hasRaw = fold.RawMatcher{}, false
	return bq
}

// TestMatchFileRawAgrees: finding the words unfolded gives what folding
// gives, on generated posts, in UTF-8 and in Windows-1258, whole and with
// broken bytes, for queries whose words all have an anchor.
func TestMatchFileRawAgrees(t *testing.T) {
	var files [][]byte
	for i := range 300 {
		_, data := postgen.Post(4, i)
		files = append(files, data)
		if i%10 == 0 {
			front, body, _ := splitFile(data)
			if legacy, err := charmap.Windows1258.NewEncoder().String(cp1258Form(string(body))); err == nil {
				files = append(files, doc(string(front), legacy))
			}
			files = append(files, append(slices.Clip(data), "\xff\xfe Nam"...))
		}
	}
	queries := []string{`"dang hai nam"`, `nam`, `"viet nam"`, `2025`, `"mua ban" pho`, `"thi truong"`, `"hai nam"`,
		`"dang hai"`, `"tri tue"`, `nha`, `"cong nghe"`, `gia dinh`, `an`, `ngoai`, `ua`, `eo`, `cua ua`,
		`nien`, `nguong`, `oen`, `a`, `"a e"`, `nam a`}
	raw, plain := 0, 0
	for _, s := range queries {
		q, err := fold.Parse(s)
		if err != nil {
			t.Fatal(err)
		}
		bq := newBodyQuery(q)
		for _, data := range files {
			_, got := matchFile(data, bq, nil, false)
			_, want := matchFile(data, foldingQuery(q), nil, false)
			if got != want {
				t.Fatalf("%s in %q...: %v unfolded, %v folded", s, data[:min(len(data), 200)], got, want)
			}
			if bq.hasRaw {
				raw++
			} else {
				plain++
			}
		}
	}
	if raw == 0 || plain == 0 {
		t.Fatalf("%d files matched unfolded, %d folded: both ways must be tested", raw, plain)
	}
}

// TestSearchBodiesSearchesWhatBodyShows: the front matter is searched
// only where Body shows it, in a post whose front matter has an error.
func TestSearchBodiesSearchesWhatBodyShows(t *testing.T) {
	fsys := fstest.MapFS{
		"2025-01-01-ok.md":     {Data: doc("title: \"Tin\"\ndate: 2025-01-01\ncategories: entries VN\n", "Nội dung.\n")},
		"2025-01-02-broken.md": {Data: doc("title: [Tin\ndate: 2025-01-02\ncategories: entries VN\n", "Nội dung.\n")},
	}
	l, err := Scan(fsys, "")
	if err != nil {
		t.Fatal(err)
	}
	var broken int
	for _, p := range l.Posts {
		if p.Err != nil {
			broken++
		}
	}
	if broken != 1 {
		t.Fatalf("%d posts with an error, want 1", broken)
	}
	for _, query := range []string{"entries", `"entries vn"`, "2025"} {
		got := searchAll(t, l, l.Posts, query)
		var want []string
		for _, p := range l.Posts {
			text, err := l.Body(p)
			if err != nil {
				t.Fatal(err)
			}
			if q, _ := fold.Parse(query); q.MatchText(fold.Fold(text)) {
				want = append(want, p.Path)
			}
		}
		slices.Sort(want)
		if !slices.Equal(got, want) || len(want) != 1 {
			t.Errorf("%s: search finds %v, Body shows it in %v", query, got, want)
		}
	}
}

// TestMatchFileTooManyPlaces: a body made to take more steps than
// folding it (the start of the word at every other byte) is folded, and
// the answer is still folding's, in English and in Vietnamese.
func TestMatchFileTooManyPlaces(t *testing.T) {
	for _, c := range []struct {
		body string
		want bool
	}{
		{strings.Repeat("ni", 1<<18), false},
		{strings.Repeat("ni", 1<<18) + " NIEN", true},
		{strings.Repeat("ni", 1<<18) + " niên", true},
		{strings.Repeat("niê ", 1<<17), false},
		{strings.Repeat("niê ", 1<<17) + "niên", true},
	} {
		q, err := fold.Parse("nien")
		if err != nil {
			t.Fatal(err)
		}
		bq := newBodyQuery(q)
		data := doc("title: x\n", c.body)
		if fold.ASCII([]byte(c.body)) {
			if _, sure := bq.ascii.Match([]byte(c.body)); sure {
				t.Errorf("%.8q...: the English matcher was sure", c.body)
			}
		} else if _, sure := bq.raw.Match([]byte(c.body)); sure {
			t.Errorf("%.8q...: the matcher was sure", c.body)
		}
		if _, got := matchFile(data, bq, nil, false); got != c.want {
			t.Errorf("%.8q... (%d bytes): %v, want %v", c.body, len(c.body), got, c.want)
		}
	}
}
