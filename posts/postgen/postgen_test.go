package postgen

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

var namePattern = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}-[a-z0-9]+(-[a-z0-9]+)*\.(md|txt)$`)

// field returns the value of a front matter line, or "".
func field(data []byte, key string) string {
	front, _, _ := bytes.Cut(data[4:], []byte("\n---\n"))
	for _, line := range strings.Split(string(front), "\n") {
		if v, ok := strings.CutPrefix(line, key+": "); ok {
			return v
		}
	}
	return ""
}

// body returns what follows the front matter.
func body(t *testing.T, name string, data []byte) []byte {
	t.Helper()
	if !bytes.HasPrefix(data, []byte("---\n")) {
		t.Fatalf("%s: does not start with ---", name)
	}
	_, b, ok := bytes.Cut(data[4:], []byte("\n---\n"))
	if !ok {
		t.Fatalf("%s: front matter never closed", name)
	}
	return b
}

// readTree returns every file under dir by slash path.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, path)
		if err != nil {
			return err
		}
		files[filepath.ToSlash(rel)], err = os.ReadFile(path)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func TestWrite(t *testing.T) {
	const n, big, depth = 200, 100, 4
	o := Options{N: n, Seed: 42, BigEvery: big, Depth: depth}
	dir := t.TempDir()
	total, err := Write(dir, o)
	if err != nil {
		t.Fatal(err)
	}
	files := readTree(t, dir)
	if len(files) != n {
		t.Fatalf("wrote %d files, want %d", len(files), n)
	}

	var sum int64
	bases := map[string]bool{}
	langs := map[string]int{}
	bigs, txt, nested, deepest := 0, 0, 0, 0
	for path, data := range files {
		sum += int64(len(data))
		base := filepath.Base(path)
		if bases[base] {
			t.Errorf("file name %s used twice", base)
		}
		bases[base] = true
		if !namePattern.MatchString(base) {
			t.Errorf("%s: not a Jekyll-style ASCII name", path)
		}
		if strings.HasSuffix(base, ".txt") {
			txt++
		}
		if d := strings.Count(path, "/"); d > 0 {
			nested++
			deepest = max(deepest, d)
		}
		if !utf8.Valid(data) || !norm.NFC.IsNormal(data) {
			t.Errorf("%s: not valid NFC UTF-8", path)
		}
		langs[field(data, "categories")]++
		checkDate(t, path, field(data, "date"))
		if title := field(data, "title"); !regexp.MustCompile(`^"(🔥){0,3} ?\[[^\]"]+\] [^"]+"$`).MatchString(title) {
			t.Errorf("%s: title %s", path, title)
		}

		b := len(body(t, path, data))
		switch {
		case b >= bigBody-64<<10 && b <= bigBody+64<<10:
			bigs++
		case b < minBody || b > maxBody:
			t.Errorf("%s: body of %d bytes, want %d to %d", path, b, minBody, maxBody)
		}
		if name, want := Post(o.Seed, indexOf(t, base)); name != base {
			t.Errorf("Post gave name %s for %s", name, base)
		} else if b < bigBody/2 && !bytes.Equal(data, want) {
			t.Errorf("%s: file differs from Post's bytes", path)
		}
	}
	if sum != total {
		t.Errorf("Write reported %d bytes, files hold %d", total, sum)
	}
	if bigs != n/big {
		t.Errorf("got %d big posts, want %d", bigs, n/big)
	}
	if langs["entries VN"] < n*45/100 || langs["entries EN"] < n*25/100 ||
		langs["entries VN"]+langs["entries EN"] != n {
		t.Errorf("languages %v, want about 60%% VN and 40%% EN", langs)
	}
	if txt == 0 || txt > n/5 {
		t.Errorf("%d .txt files, want a few", txt)
	}
	if nested == 0 || nested > n/2 {
		t.Errorf("%d posts in sub-folders, want some", nested)
	}
	if deepest != depth {
		t.Errorf("deepest post is %d folders down, want %d", deepest, depth)
	}

	// The same seed gives the same bytes; another seed does not.
	again := t.TempDir()
	if _, err := Write(again, o); err != nil {
		t.Fatal(err)
	}
	for path, data := range readTree(t, again) {
		if !bytes.Equal(data, files[path]) {
			t.Errorf("%s: differs between two runs with the same seed", path)
		}
	}
	other := t.TempDir()
	o.Seed++
	if _, err := Write(other, o); err != nil {
		t.Fatal(err)
	}
	same := 0
	for path := range readTree(t, other) {
		if files[path] != nil {
			same++
		}
	}
	if same > n/10 {
		t.Errorf("%d of %d names repeat with another seed", same, n)
	}
}

// indexOf recovers i from the base-36 suffix Post puts in the name.
func indexOf(t *testing.T, base string) int {
	t.Helper()
	stem := strings.TrimSuffix(strings.TrimSuffix(base, ".md"), ".txt")
	var i int
	suffix := stem[strings.LastIndexByte(stem, '-')+1:]
	for _, c := range suffix {
		i = i*36 + strings.IndexRune("0123456789abcdefghijklmnopqrstuvwxyz", c)
	}
	return i
}

func checkDate(t *testing.T, path, date string) {
	t.Helper()
	if _, err := time.Parse(time.RFC1123Z, date); err == nil {
		return
	}
	if _, err := time.Parse("2006-01-02 15:04:05 -0700", date); err != nil {
		t.Errorf("%s: date %q is neither RFC 1123 nor Jekyll style", path, date)
	}
}

var firstLink = regexp.MustCompile(`^\[[^\]]+\]\((https://[^)]+)\)\n`)

func TestTwins(t *testing.T) {
	type half struct {
		i          int
		lang, link string
	}
	const n = 3000
	refs := map[string][]half{}
	for i := range n {
		name, data := Post(7, i)
		ref := field(data, "ref")
		if ref == "" {
			continue
		}
		m := firstLink.FindSubmatch(body(t, name, data))
		if m == nil {
			t.Fatalf("%s: body does not open with a link", name)
		}
		refs[ref] = append(refs[ref], half{i, field(data, "categories"), string(m[1])})
	}
	pairs := 0
	for ref, h := range refs {
		if len(h) == 1 && h[0].i == n-1 {
			continue // its twin is past the end
		}
		if len(h) != 2 {
			t.Errorf("ref %s is on %d posts, want 2", ref, len(h))
			continue
		}
		pairs++
		if h[1].i != h[0].i+1 || h[0].lang == h[1].lang || h[0].link != h[1].link {
			t.Errorf("ref %s: %+v and %+v are not a twin pair", ref, h[0], h[1])
		}
	}
	// One post in 50 is a twin, give or take chance.
	if pairs < n/100 || pairs > n/25 {
		t.Errorf("got %d twin pairs in %d posts", pairs, n)
	}
}

func TestWriteNeedsFolder(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "missing")
	if _, err := Write(missing, Options{N: 1}); err == nil {
		t.Error("Write into a missing folder succeeded")
	}
	if _, err := os.Stat(missing); err == nil {
		t.Error("Write created the missing folder")
	}
}

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{
		"Điện thoại gập 'giá rẻ' ra mắt": "dien-thoai-gap-gia-re",
		"Sen Vàng AI: 5G ở Hà Nội?":      "sen-vang-ai-5g-o",
		"  --  ":                         "",
	} {
		if got := string(appendSlug(nil, []byte(in), 5)); got != want {
			t.Errorf("appendSlug(%q) = %q, want %q", in, got, want)
		}
	}
}

func BenchmarkPost(b *testing.B) {
	g := newGen()
	var n int64
	for i := 0; b.Loop(); i++ {
		g.post(1, i, false)
		n += int64(len(g.buf))
	}
	b.SetBytes(n / int64(b.N))
}

func BenchmarkWrite(b *testing.B) {
	const n = 1000
	root := b.TempDir()
	var total int64
	for i := 0; b.Loop(); i++ {
		dir := filepath.Join(root, strconv.Itoa(i))
		if err := os.Mkdir(dir, 0o755); err != nil {
			b.Fatal(err)
		}
		w, err := Write(dir, Options{N: n, Seed: int64(i), Depth: 3})
		if err != nil {
			b.Fatal(err)
		}
		total += w
	}
	b.SetBytes(total / int64(b.N))
}
