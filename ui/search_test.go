package ui

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/newsreader/newsreader/posts"
)

func searchFor(t *testing.T, lib *posts.Library, query string) Model {
	t.Helper()
	m := newSized(t, lib, 120, 40, Options{})
	m = press(t, m, "/")
	for _, r := range query {
		m = press(t, m, string(r))
	}
	return m.(Model)
}

func titles(m Model) []string {
	var out []string
	for _, p := range m.list.items {
		out = append(out, p.Title)
	}
	return out
}

func TestSearchIgnoresDiacritics(t *testing.T) {
	lib := sampleLib(t)
	m := searchFor(t, lib, "lua dao video")
	got := titles(m)
	if len(got) == 0 || !strings.Contains(got[0], "lừa gọi video") {
		t.Fatalf("unaccented query found %q", got)
	}
	if !strings.Contains(screen(m), "/ lua dao video") {
		t.Fatalf("search bar not shown:\n%s", screen(m))
	}
	// Upper case and word order do not matter either.
	m2 := searchFor(t, lib, "VIDEO LỪA")
	if t2 := titles(m2); len(t2) == 0 || t2[0] != got[0] {
		t.Fatalf("VIDEO LỪA found %q", t2)
	}
}

func TestSearchEnterKeepsEscClears(t *testing.T) {
	lib := sampleLib(t)
	m := searchFor(t, lib, "otp")
	n := len(m.list.items)
	if n == 0 || n == len(lib.Posts) {
		t.Fatalf("otp matched %d of %d", n, len(lib.Posts))
	}
	mm := press(t, m, "enter").(Model)
	if mm.search.active || len(mm.list.items) != n {
		t.Fatalf("enter: active=%v, %d items", mm.search.active, len(mm.list.items))
	}
	if !strings.Contains(screen(mm), "filter: otp") {
		t.Fatalf("header does not show the filter:\n%s", screen(mm))
	}
	mm = press(t, mm, "j").(Model) // keys move the list again
	mm = press(t, mm, "esc").(Model)
	if len(mm.list.items) != len(lib.Posts) {
		t.Fatalf("esc in the list did not clear the filter: %d items", len(mm.list.items))
	}
	m = press(t, m, "esc").(Model)
	if m.search.active || len(m.list.items) != len(lib.Posts) {
		t.Fatal("esc in the search bar did not clear it")
	}
}

func TestSearchBadKeyIsShown(t *testing.T) {
	m := searchFor(t, sampleLib(t), "colour:red")
	if m.search.queryErr == "" || !strings.Contains(screen(m), "colour") {
		t.Fatalf("unknown key not reported:\n%s", screen(m))
	}
}

func TestSearchQueryKeys(t *testing.T) {
	lib := sampleLib(t)
	for _, tc := range []struct {
		query string
		ok    func(p *posts.Post) bool
	}{
		{"lang:en", func(p *posts.Post) bool { return p.Lang == posts.LangEN }},
		{"hot:3", func(p *posts.Post) bool { return p.Hotness >= 3 }},
		{"topic:bao mat", func(p *posts.Post) bool { return p.Topic == "Bảo mật" }},
		{"since:2025-04-01", func(p *posts.Post) bool { return p.Date.Month() >= 4 }},
		{"until:2025-01-31 lang:vn", func(p *posts.Post) bool { return p.Date.Month() == 1 && p.Lang == posts.LangVN }},
	} {
		m := searchFor(t, lib, tc.query)
		if len(m.list.items) == 0 {
			t.Errorf("%s matched nothing", tc.query)
		}
		for _, p := range m.list.items {
			if !tc.ok(p) {
				t.Errorf("%s matched %s", tc.query, p.Path)
			}
		}
		want := 0
		for _, p := range lib.Posts {
			if tc.ok(p) {
				want++
			}
		}
		if len(m.list.items) != want {
			t.Errorf("%s matched %d, want %d", tc.query, len(m.list.items), want)
		}
	}
}

func TestSearchFindsBodiesAfterTitles(t *testing.T) {
	lib := sampleLib(t)
	// A word from the long guide's body ("Ollama"-like tool names are
	// not in any title): find a body word that no title holds.
	m := searchFor(t, lib, "lithium")
	if len(m.list.items) == 0 {
		t.Fatal("a word found only in bodies matched nothing")
	}
	for _, p := range m.list.items {
		if strings.Contains(strings.ToLower(p.Title), "lithium") {
			t.Fatalf("test word is in a title (%s); pick another", p.Title)
		}
	}
	// Title matches come before body matches.
	m = searchFor(t, lib, "pin")
	var sawBody bool
	for _, p := range m.list.items {
		inTitle := strings.Contains(strings.ToLower(p.Title), "pin")
		if !inTitle {
			sawBody = true
		} else if sawBody {
			t.Fatalf("title match %q after a body match", p.Title)
		}
	}
}

func TestLanguageAndSortShortcuts(t *testing.T) {
	lib := sampleLib(t)
	m := newSized(t, lib, 120, 40, Options{})
	m = press(t, m, "L")
	for _, p := range m.(Model).list.items {
		if p.Lang != posts.LangVN {
			t.Fatalf("L once: %s is not VN", p.Path)
		}
	}
	if !strings.Contains(screen(m), " VN ·") {
		t.Fatalf("header does not show the language filter:\n%s", strings.SplitN(screen(m), "\n", 2)[0])
	}
	m = press(t, m, "L")
	for _, p := range m.(Model).list.items {
		if p.Lang != posts.LangEN {
			t.Fatalf("L twice: %s is not EN", p.Path)
		}
	}
	m = press(t, m, "L", "s")
	items := m.(Model).list.items
	for i := 1; i < len(items); i++ {
		if items[i].Hotness > items[i-1].Hotness {
			t.Fatalf("hottest: %d after %d", items[i].Hotness, items[i-1].Hotness)
		}
	}
	if !strings.Contains(screen(m), "hottest") {
		t.Fatal("header does not show the sort")
	}
	m = press(t, m, "s")
	items = m.(Model).list.items
	if items[0] != lib.Posts[len(lib.Posts)-1] {
		t.Fatalf("oldest first starts with %s", items[0].Path)
	}
}

func TestTitleSegmentsHighlightAccentedText(t *testing.T) {
	hl := lipgloss.NewStyle().Bold(true)
	segs := titleSegments("Cảnh báo chiêu lừa đảo", 40, []string{"lua dao"}, lipgloss.NewStyle(), hl)
	var marked []string
	for _, s := range segs {
		if s.style.GetBold() {
			marked = append(marked, s.text)
		}
	}
	if strings.Join(marked, "|") != "lừa đảo" {
		t.Fatalf("highlighted %q", marked)
	}
	// Cut by truncation: the highlight stops where the title does.
	segs = titleSegments("Cảnh báo chiêu lừa đảo", 17, []string{"lua"}, lipgloss.NewStyle(), hl)
	var all string
	for _, s := range segs {
		all += s.text
	}
	if !strings.HasSuffix(strings.TrimRight(all, " "), "…") || lipgloss.Width(all) != 17 {
		t.Fatalf("truncated row %q (width %d)", all, lipgloss.Width(all))
	}
}

func TestVietnameseInterface(t *testing.T) {
	lib := sampleLib(t)
	m := newSized(t, lib, 120, 40, Options{Lang: Vietnamese})
	s := screen(m)
	if !strings.Contains(s, "13 bài") || !strings.Contains(s, "mới nhất") {
		t.Fatalf("header not in Vietnamese:\n%s", strings.SplitN(s, "\n", 2)[0])
	}
	if !strings.Contains(s, "Nguồn:") || !strings.Contains(s, "Thứ ") {
		t.Fatalf("reader header not in Vietnamese:\n%s", s)
	}
}

func twinPair(t *testing.T, lib *posts.Library) (vn, en *posts.Post) {
	t.Helper()
	tw := posts.PairTwins(lib.Posts)
	for a, b := range tw {
		if a.Lang == posts.LangVN {
			return a, b
		}
	}
	t.Fatal("the samples have no twins")
	return nil, nil
}

func TestTwinKeySwitchesInPlace(t *testing.T) {
	lib := sampleLib(t)
	vn, en := twinPair(t, lib)
	m := newSized(t, lib, 120, 40, Options{})
	mm := m.(Model)
	if !mm.list.SelectPost(vn) {
		t.Fatal("twin not listed")
	}
	m = press(t, mm, "enter", "f") // read, a page down
	before := m.(Model).reader
	frac := float64(before.offset) / float64(len(before.lines))
	m = press(t, m, "t")
	mm = m.(Model)
	if mm.list.Selected() != en || mm.reader.post != en {
		t.Fatalf("t selected %s, reader shows %v", mm.list.Selected().Path, mm.reader.post.Path)
	}
	after := float64(mm.reader.offset) / float64(len(mm.reader.lines))
	if frac > 0 && (after < frac-0.1 || after > frac+0.1) {
		t.Fatalf("position %.2f became %.2f", frac, after)
	}
	if !strings.Contains(screen(m), en.Title[:20]) {
		t.Fatalf("the twin's title is not on screen:\n%s", screen(m))
	}
	m = press(t, m, "t")
	if m.(Model).list.Selected() != vn {
		t.Fatal("t twice did not come back")
	}
	if !strings.Contains(screen(m), "VN⇄") {
		t.Fatal("the list does not mark posts that have a twin")
	}
}

func TestPreferFoldsTwins(t *testing.T) {
	lib := sampleLib(t)
	vn, en := twinPair(t, lib)
	m := newSized(t, lib, 120, 40, Options{Prefer: posts.LangEN}).(Model)
	listed := map[*posts.Post]bool{}
	for _, p := range m.list.items {
		listed[p] = true
	}
	if listed[vn] || !listed[en] {
		t.Fatalf("prefer EN: vn listed=%v, en listed=%v", listed[vn], listed[en])
	}
	if !m.list.SelectPost(en) {
		t.Fatal("en twin not selectable")
	}
	mm := press(t, m, "t").(Model)
	if mm.reader.post != vn || mm.list.Selected() != en {
		t.Fatalf("t with prefer: reader %v, list %v", mm.reader.post.Path, mm.list.Selected().Path)
	}
	mm = press(t, mm, "j").(Model)
	if mm.reader.post == vn {
		t.Fatal("moving on kept showing the twin")
	}
}

func TestBodySearchLeavesFrontMatterOut(t *testing.T) {
	// Every sample's front matter says "layout: post"; no body does.
	lib := sampleLib(t)
	m := searchFor(t, lib, "layout")
	if n := len(m.list.items); n != 0 {
		t.Fatalf("\"layout\" matched %d posts through their front matter", n)
	}
}

// TestBodySearchReadsPostsWithErrors: a post whose front matter has an
// error is listed and readable, so its text is searched as the reader
// shows it: the body, and the front matter it shows with it.
func TestBodySearchReadsPostsWithErrors(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{
		"2025-01-01-ok.md":     "---\ntitle: \"Tin tốt\"\ndate: 2025-01-01\nnguon: wombat\n---\nNội dung bình thường.\n",
		"2025-01-02-broken.md": "---\ntitle: [Tin hỏng\ndate: 2025-01-02\nnguon: quokka\n---\nThị trường vốn.\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	lib, err := posts.OpenDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for query, want := range map[string]int{"quokka": 1, `"thi truong von"`: 1, "wombat": 0} {
		m := searchFor(t, lib, query)
		if n := len(m.list.items); n != want {
			t.Errorf("%s: %d posts, want %d", query, n, want)
		}
	}
}

func TestAccentedWordsRankExactSpellingFirst(t *testing.T) {
	dir := t.TempDir()
	for name, title := range map[string]string{
		"a.md": "Giá vàng tăng mạnh", // newest, "vang" without the exact accent
		"b.md": "Vang đỏ nhập khẩu",
		"c.md": "Lá vàng mùa thu", // oldest, spelled as typed
	} {
		date := map[string]string{"a.md": "2025-03-03", "b.md": "2025-03-02", "c.md": "2025-03-01"}[name]
		writeLivePost(t, dir, name, title, date)
	}
	lib, err := posts.OpenDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	got := titles(searchFor(t, lib, "vàng"))
	want := []string{"Giá vàng tăng mạnh", "Lá vàng mùa thu", "Vang đỏ nhập khẩu"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("vàng: %q, want %q", got, want)
	}
	got = titles(searchFor(t, lib, "vang"))
	if len(got) != 3 || got[0] != "Giá vàng tăng mạnh" || got[2] != "Lá vàng mùa thu" {
		t.Fatalf("vang (no accents) should keep newest first: %q", got)
	}
}

func TestSearchBarHintsAndSamplesHeaderAreTranslated(t *testing.T) {
	m := newSized(t, sampleLib(t), 120, 30, Options{Samples: true, Lang: Vietnamese})
	if s := screen(m); !strings.Contains(strings.SplitN(s, "\n", 2)[0], "bài mẫu có sẵn") {
		t.Fatalf("header:\n%s", s)
	}
	m = press(t, m, "/")
	if s := screen(m); !strings.Contains(s, "từ khoá, lang:vn") {
		t.Fatalf("the empty search bar gives no hint:\n%s", s)
	}
}

// TestBodyMatchesCompleteAndNewestFirst searches a folder where many
// bodies match, more than one delivery of matches holds, and checks that
// every match is listed once, title matches first, then body matches
// newest first, in each sort order.
func TestBodyMatchesCompleteAndNewestFirst(t *testing.T) {
	dir := t.TempDir()
	const n = 1500
	for i := range n {
		title, body := fmt.Sprintf("Tin số %d", i), "Thân bài thường."
		if i%2 == 0 {
			body = "Bài viết nhắc tới Đà Nẵng."
		}
		if i%100 == 0 {
			title += " ở Đà Nẵng"
		}
		date := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Hour).Format(time.RFC3339)
		doc := "---\ntitle: \"" + title + "\"\ndate: " + date + "\nhot: " + strconv.Itoa(i%4) + "\n---\n" + body + "\n"
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("p%04d.md", i)), []byte(doc), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	lib, err := posts.OpenDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	// Slow reads spread the matches over several deliveries.
	lib.FS = slowFS{lib.FS}
	m := press(t, newSized(t, lib, 120, 40, Options{}), "/").(Model)
	m = send(t, m, tea.KeyPressMsg{Code: 'd', Text: "da nang"}).(Model) // pasted: one search, not seven
	if m.search.bodyBusy {
		t.Fatal("the body search had not finished when its commands had all run")
	}
	items := m.list.items
	// Every even post's body matches; every hundredth post's title does,
	// and it is even.
	if len(items) != n/2 {
		t.Fatalf("%d matches, want %d", len(items), n/2)
	}
	seen := map[*posts.Post]bool{}
	for k, p := range items {
		if seen[p] {
			t.Fatalf("%s listed twice", p.Path)
		}
		seen[p] = true
		inTitle := strings.Contains(p.Title, "Đà Nẵng")
		if k < n/100 != inTitle {
			t.Fatalf("row %d (%s): title match %v, want the %d title matches first", k, p.Title, inTitle, n/100)
		}
		if k > 0 && k != n/100 && p.Date.After(items[k-1].Date) {
			t.Fatalf("row %d (%s) is newer than the row above it", k, p.Path)
		}
	}
	// The sort key re-sorts the body matches too: hottest first.
	m = press(t, m, "enter").(Model)
	m = press(t, m, "s").(Model)
	body := m.list.items[n/100:]
	if len(body) != n/2-n/100 || !slices.IsSortedFunc(body, func(a, b *posts.Post) int { return b.Hotness - a.Hotness }) {
		t.Fatalf("after s: %d body matches, hottest first: %v", len(body),
			slices.IsSortedFunc(body, func(a, b *posts.Post) int { return b.Hotness - a.Hotness }))
	}
}

// slowFS takes a while to open each file.
type slowFS struct{ fs.FS }

func (s slowFS) Open(name string) (fs.File, error) {
	time.Sleep(300 * time.Microsecond)
	return s.FS.Open(name)
}

// countingFS counts the files opened through it.
type countingFS struct {
	fs.FS
	n *atomic.Int64
}

func (c countingFS) Open(name string) (fs.File, error) {
	c.n.Add(1)
	return c.FS.Open(name)
}

// TestNarrowingQueryReadsOnlyLastMatches: once a search is complete, a
// query typed on from it reads only the bodies of the posts it matched,
// and finds what a search from scratch finds.
func TestNarrowingQueryReadsOnlyLastMatches(t *testing.T) {
	dir := t.TempDir()
	bodies := []string{"Tin về Đà Nẵng hôm nay.", "Tin về Đà Lạt.", "Tin về Hà Nội.", "Đa số người dùng ở Nẵng.", "Không liên quan."}
	for i := range 200 {
		doc := fmt.Sprintf("---\ntitle: \"Tin số %d\"\ndate: 2025-01-01\n---\n%s\n", i, bodies[i%len(bodies)])
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("p%03d.md", i)), []byte(doc), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// Matched by "da" in its title, by "da nang" only in its body.
	special := "---\ntitle: \"Đà Lạt mùa hoa\"\ndate: 2025-01-02\n---\nRồi đi Đà Nẵng.\n"
	if err := os.WriteFile(filepath.Join(dir, "special.md"), []byte(special), 0o644); err != nil {
		t.Fatal(err)
	}
	lib, err := posts.OpenDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var opened atomic.Int64
	lib.FS = countingFS{lib.FS, &opened}

	m := searchFor(t, lib, "da")
	if got := len(m.list.items); got != 121 { // Đà Nẵng, Đà Lạt, Đa số, and the title
		t.Fatalf("da: %d matches, want 121", got)
	}
	opened.Store(0)
	m = send(t, m, tea.KeyPressMsg{Code: ' ', Text: " nang"}).(Model)
	// Three more files may be opened to render the selected post and
	// its neighbours for the reader.
	if n := opened.Load(); n > 121+3 {
		t.Fatalf("narrowing to \"da nang\" read %d bodies; \"da\" matched 121", n)
	}
	fresh := searchFor(t, lib, "da nang")
	if got, want := titles(m), titles(fresh); !slices.Equal(got, want) || len(got) != 81 {
		t.Fatalf("narrowed: %d matches, from scratch: %d (want 81)", len(got), len(want))
	}
	// Widening again ("da nan") is a new search over every body.
	opened.Store(0)
	m = send(t, m, tea.KeyPressMsg{Code: tea.KeyBackspace}).(Model)
	if got, n := len(m.list.items), opened.Load(); got != 81 || n < 201 {
		t.Fatalf("da nan: %d matches (want 81) after reading %d bodies (want all 201)", got, n)
	}
}
