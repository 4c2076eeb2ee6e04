// Package postgen writes a realistic, deterministic corpus of posts in
// newsreader's format (Jekyll front matter, a source link, an image line,
// paragraphs of Vietnamese or English news prose), so that benchmarks and
// tests can exercise scanning, parsing and rendering at scale without
// shipping real articles.
package postgen

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"time"
)

// Options says what to generate.
type Options struct {
	N        int   // number of posts
	Seed     int64 // deterministic output for a seed
	BigEvery int   // every Nth post is ~1 MB (0: none)
	Depth    int   // a few deep sub-folders up to this depth
}

// Body sizes. A normal body lands in [minBody, maxBody]; the target leaves
// room for the one block that may overshoot it.
const (
	minBody   = 2 << 10
	maxBody   = 10 << 10
	bodySlack = 1 << 10
	bigBody   = 1 << 20
)

// Separate random streams per post, so that a post's story (language,
// topic, date, title, link) can be replayed for its twin without replaying
// its body.
const (
	streamStory = 0x5354_4f52_59
	streamBody  = 0x424f_4459
	saltTwin    = 0x7477_696e
	saltExt     = 0x6578_74
	saltDir     = 0x646972
)

// twinEvery is how rare translated twins are.
const twinEvery = 50

// Write creates the posts under dir (which must exist) and returns the total bytes written.
//
// Post i is the one Post(o.Seed, i) returns, except that every BigEvery-th
// post has a body of about 1 MB, and when Depth > 0 some posts go into
// year (and month) folders, a few of them nested Depth folders deep.
func Write(dir string, o Options) (int64, error) {
	fi, err := os.Stat(dir)
	if err != nil {
		return 0, fmt.Errorf("postgen: %w", err)
	}
	if !fi.IsDir() {
		return 0, fmt.Errorf("postgen: %s is not a folder", dir)
	}
	g := newGen()
	made := map[string]bool{}
	var total int64
	for i := 0; i < o.N; i++ {
		big := o.BigEvery > 0 && (i+1)%o.BigEvery == 0
		name := g.post(o.Seed, i, big)
		sub := g.folder(o.Seed, i, o.Depth)
		if sub != "" && !made[sub] {
			if err := os.MkdirAll(filepath.Join(dir, sub), 0o755); err != nil {
				return total, fmt.Errorf("postgen: %w", err)
			}
			made[sub] = true
		}
		path := filepath.Join(dir, sub, name)
		// One write per file from a buffer reused across posts.
		if err := os.WriteFile(path, g.buf, 0o644); err != nil {
			return total, fmt.Errorf("postgen: %w", err)
		}
		total += int64(len(g.buf))
	}
	return total, nil
}

// Post returns the bytes of the i-th post (for in-memory use).
// The name is a Jekyll-style file name such as
// "2024-05-03-hai-dang-cong-bo-mo-hinh-2s.md", unique for each i.
func Post(seed int64, i int) (name string, data []byte) {
	if i < 0 {
		panic("postgen: negative post index")
	}
	g := newGen()
	name = g.post(seed, i, false)
	return name, g.buf
}

// gen holds the buffers reused from one post to the next.
type gen struct {
	pcg   rand.PCG
	r     *rand.Rand
	buf   []byte // the post being built
	title []byte // its title, without markers or tag
	link  []byte // its source link
	slug  []byte
	date  time.Time
}

func newGen() *gen {
	g := &gen{}
	g.r = rand.New(&g.pcg)
	return g
}

// story is what a post and its translated twin have in common.
type story struct {
	vn      bool
	topic   int
	hot     int
	date    time.Time
	jekyll  bool // date written as "2006-01-02 15:04:05 -0700"
	section int
	article int // number in the source link
}

var (
	firstDay = time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
	lastDay  = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
	// Most posts come from Vietnamese sites; the rest from sources abroad.
	vnZone = time.FixedZone("", 7*3600)
	zones  = []*time.Location{
		time.UTC, time.FixedZone("", -5*3600), time.FixedZone("", -8*3600),
		time.FixedZone("", 9*3600), time.FixedZone("", 5*3600+1800),
		time.FixedZone("", 3600), time.FixedZone("", 10*3600),
	}
)

// story draws the story of post j, then its title into g.title.
func (g *gen) story(seed int64, j int) story {
	g.pcg.Seed(mix(uint64(seed), uint64(j)), streamStory)
	r := g.r
	var s story
	s.vn = r.IntN(10) < 6
	s.topic = r.IntN(len(vn.topics))
	s.hot = [...]int{0, 0, 0, 0, 1, 1, 1, 2, 2, 3}[r.IntN(10)]
	zone := vnZone
	if r.IntN(10) >= 7 {
		zone = zones[r.IntN(len(zones))]
	}
	// Times fall on five-minute marks, as on the sites the posts come from.
	sec := firstDay + r.Int64N(lastDay-firstDay)
	s.date = time.Unix(sec-sec%300, 0).In(zone)
	s.jekyll = r.IntN(100) < 15
	s.section = r.IntN(8)
	s.article = 4_000_000 + r.IntN(900_000)
	g.title = g.appendTitle(g.title[:0], lang(s.vn))
	return s
}

func lang(isVN bool) *vocab {
	if isVN {
		return &vn
	}
	return &en
}

// post builds post i into g.buf and returns its file name.
func (g *gen) post(seed int64, i int, big bool) string {
	twin := isTwin(seed, i)
	ref := -1
	var s story
	if twin {
		s = g.story(seed, i-1)
		ref = i - 1
	} else {
		s = g.story(seed, i)
		if isTwin(seed, i+1) {
			ref = i
		}
	}
	w := lang(s.vn)
	g.link = g.appendLink(g.link[:0], w, s)

	g.pcg.Seed(mix(uint64(seed), uint64(i)), streamBody)
	if twin {
		// The translation comes out a little after the original.
		s.vn = !s.vn
		w = lang(s.vn)
		s.date = s.date.Add(time.Duration(30+g.r.IntN(150)) * time.Minute)
		g.title = g.appendTitle(g.title[:0], w)
	}
	g.date = s.date

	b := g.buf[:0]
	b = append(b, "---\nlayout: post\ntitle: \""...)
	for range s.hot {
		b = append(b, "🔥"...)
	}
	if s.hot > 0 {
		b = append(b, ' ')
	}
	b = append(b, '[')
	b = append(b, w.topics[s.topic]...)
	b = append(b, "] "...)
	b = append(b, g.title...)
	b = append(b, "\"\ndate: "...)
	if s.jekyll {
		b = s.date.AppendFormat(b, "2006-01-02 15:04:05 -0700")
	} else {
		b = s.date.AppendFormat(b, time.RFC1123Z)
	}
	b = append(b, "\ncategories: "...)
	b = append(b, w.category...)
	if ref >= 0 {
		b = append(b, "\nref: story-"...)
		b = strconv.AppendUint(b, mix(uint64(seed), uint64(ref))>>20, 36)
	}
	b = append(b, "\n---\n"...)

	target := minBody + g.r.IntN(maxBody-minBody-bodySlack)
	if big {
		target = bigBody - 32<<10 + g.r.IntN(64<<10)
	}
	g.buf = g.appendBody(b, w, target)

	g.slug = s.date.AppendFormat(g.slug[:0], "2006-01-02-")
	g.slug = appendSlug(g.slug, g.title, 6)
	g.slug = append(g.slug, '-')
	g.slug = strconv.AppendUint(g.slug, uint64(i), 36)
	if mix(uint64(seed)^saltExt, uint64(i))%20 == 0 {
		g.slug = append(g.slug, ".txt"...)
	} else {
		g.slug = append(g.slug, ".md"...)
	}
	return string(g.slug)
}

// isTwin reports whether post i retells post i-1 in the other language.
// A twin is never the original of another twin, so pairs never chain.
func isTwin(seed int64, i int) bool {
	picked := func(i int) bool {
		return i > 0 && mix(uint64(seed)^saltTwin, uint64(i))%twinEvery == 0
	}
	return picked(i) && !picked(i-1)
}

// folder returns the sub-folder (OS-separated, "" for dir itself) of post
// i, built from g.date, the date of the post just generated.
func (g *gen) folder(seed int64, i, depth int) string {
	if depth <= 0 {
		return ""
	}
	h := mix(uint64(seed)^saltDir, uint64(i))
	year := strconv.Itoa(g.date.Year())
	month := g.date.Format("01")
	switch {
	case depth >= 3 && h%100 == 0:
		parts := []string{year, month}
		for h >>= 8; len(parts) < depth; h /= uint64(len(deepDirs)) {
			parts = append(parts, deepDirs[h%uint64(len(deepDirs))])
		}
		return filepath.Join(parts...)
	case h%10 < 3 && depth == 1:
		return year
	case h%10 < 3:
		return filepath.Join(year, month)
	}
	return ""
}

// mix is SplitMix64's finalizer over two inputs: cheap, and good enough to
// make neighbouring indexes look unrelated.
func mix(a, b uint64) uint64 {
	z := a*0x9e3779b97f4a7c15 ^ (b + 0x632be59bd9b4e5f)
	z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
	z = (z ^ z>>27) * 0x94d049bb133111eb
	return z ^ z>>31
}
