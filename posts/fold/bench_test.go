package fold

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/newsreader/newsreader/posts/postgen"
)

// benchTitle is an 80-byte Vietnamese title with markers and a tag.
const benchTitle = "🔥🔥 [Chip] Nhà máy bán dẫn mới ở Bắc Ninh tuyển thêm kỹ sư"

func BenchmarkFold(b *testing.B) {
	b.SetBytes(int64(len(benchTitle)))
	b.ReportAllocs()
	for b.Loop() {
		Fold(benchTitle)
	}
}

func BenchmarkFoldMap(b *testing.B) {
	b.SetBytes(int64(len(benchTitle)))
	b.ReportAllocs()
	for b.Loop() {
		FoldMap(benchTitle)
	}
}

func BenchmarkFoldTypedQuery(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		Fold("nha may ban dan")
	}
}

func BenchmarkHighlight(b *testing.B) {
	b.ReportAllocs()
	words := []string{"ban dan", "ky su"}
	for b.Loop() {
		Highlight(benchTitle, words)
	}
}

// benchKeys generates n search keys that look like those of real posts.
func benchKeys(n int) []string {
	syllables := strings.Fields("nhà máy bán dẫn mới ở bắc ninh tuyển thêm kỹ sư công nghệ trí tuệ nhân tạo " +
		"điện thoại thông minh giá rẻ ra mắt người dùng việt nam mạng xã hội dữ liệu bảo mật lỗ hổng " +
		"cập nhật phần mềm chip xe điện pin sạc nhanh vệ tinh internet tốc độ cao đầu tư tỷ đồng USD " +
		"startup gọi vốn thị trường chứng khoán giảm tăng mạnh nhất năm 2025 Apple Google Nvidia OpenAI")
	topics := strings.Fields("AI Chip Apple Google Startup Security Mobile Cloud Xe Game")
	rng := rand.New(rand.NewPCG(1, 2))
	keys := make([]string, n)
	for i := range keys {
		words := make([]string, 8+rng.IntN(8))
		for j := range words {
			words[j] = syllables[rng.IntN(len(syllables))]
		}
		topic := topics[rng.IntN(len(topics))]
		title := strings.Repeat("🔥", rng.IntN(4)) + " [" + topic + "] " + strings.Join(words, " ")
		cat := "entries VN"
		if i%2 == 1 {
			cat = "entries EN"
		}
		keys[i] = Key(title, topic, cat)
	}
	return keys
}

// BenchmarkMatchText measures one keystroke of search-as-you-type over
// 100,000 posts: parse the query, then test every key. ns/op is the time
// per keystroke (the target is well under 20 ms); ns/key the time per post.
func BenchmarkMatchText(b *testing.B) {
	keys := benchKeys(100_000)
	for _, input := range []string{"ban dan", "tri tue", "dien thoai zzz", "nha"} {
		b.Run(strings.ReplaceAll(input, " ", "_"), func(b *testing.B) {
			b.ReportAllocs()
			matched := 0
			for b.Loop() {
				q, _ := Parse(input)
				matched = 0
				for _, k := range keys {
					if q.MatchText(k) {
						matched++
					}
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(keys)), "ns/key")
			b.ReportMetric(float64(matched), "matches")
		})
	}
}

// BenchmarkTyping types "tri tue" one key at a time over 100,000 posts,
// testing only the previous results when the new query Refines the old
// one, as the UI can. ns/op covers all seven keystrokes.
func BenchmarkTyping(b *testing.B) {
	keys := benchKeys(100_000)
	const typed = "tri tue"
	all := make([]int, len(keys))
	for i := range all {
		all[i] = i
	}
	b.ReportAllocs()
	for b.Loop() {
		var prev Query
		hits := all
		for n := 1; n <= len(typed); n++ {
			q, _ := Parse(typed[:n])
			from := all
			if q.Refines(prev) {
				from = hits
			}
			next := make([]int, 0, len(from))
			for _, i := range from {
				if q.MatchText(keys[i]) {
					next = append(next, i)
				}
			}
			prev, hits = q, next
		}
	}
}

// BenchmarkAppendFoldBody folds the bodies of generated posts into one
// reused buffer, as the full-text search does: all of them, then the
// Vietnamese and the English ones apart, and the English ones again with
// typographic quotes, as real English news writes them: folded outside
// the tables, each quote sends the folding back to its start.
func BenchmarkAppendFoldBody(b *testing.B) {
	var all, vn, en, quoted [][]byte
	for i := range 60 {
		_, data := postgen.Post(3, i)
		all = append(all, data)
		if bytes.Contains(data, []byte("entries VN")) {
			vn = append(vn, data)
		} else {
			en = append(en, data)
			data = bytes.ReplaceAll(data, []byte("'"), []byte("’"))
			data = bytes.ReplaceAll(data, []byte(` "`), []byte(" “"))
			quoted = append(quoted, bytes.ReplaceAll(data, []byte(`"`), []byte("”")))
		}
	}
	for _, c := range []struct {
		name   string
		bodies [][]byte
	}{{"all", all}, {"vn", vn}, {"en", en}, {"en-quotes", quoted}} {
		b.Run(c.name, func(b *testing.B) {
			size := 0
			for _, body := range c.bodies {
				size += len(body)
			}
			b.SetBytes(int64(size))
			b.ReportAllocs()
			var buf []byte
			for b.Loop() {
				for _, body := range c.bodies {
					buf, _ = AppendFold(buf[:0], body)
				}
			}
		})
	}
}

// BenchmarkRawMatcher compares the ways a RawMatcher can look for a word
// in Vietnamese bodies with folding them: "simd" is what the search does
// where pairs are scanned in SIMD, "go" what it does where they are
// scanned in Go (planWord weighs the two ways of finding the anchor
// differently), and "fold" folds each body and matches the folded text.
// Most posts hold "nam" and "dinh"; no post holds the other words, so
// every body is searched to its end.
func BenchmarkRawMatcher(b *testing.B) {
	var bodies [][]byte
	size := 0
	for i := range 400 {
		_, data := postgen.Post(3, i)
		if bytes.Contains(data, []byte("entries VN")) {
			bodies = append(bodies, data)
			size += len(data)
		}
	}
	simd := haveSIMD
	defer func() { haveSIMD = simd }()
	for _, query := range []string{`"dang hai nam"`, `"hai nam"`, `nguong`, `nien`, `oen`, `gieo`, `dinh`, `quyx`, `2031`} {
		q, err := Parse(query)
		if err != nil {
			b.Fatal(err)
		}
		for _, way := range []string{"simd", "go", "fold"} {
			if way == "simd" && !simd {
				continue
			}
			haveSIMD = way == "simd"
			m, ok := q.RawMatcher()
			if !ok && way != "fold" {
				b.Fatalf("%s: no RawMatcher", query)
			}
			b.Run(strings.ReplaceAll(strings.Trim(query, `"`), " ", "_")+"/"+way, func(b *testing.B) {
				b.SetBytes(int64(size))
				var buf []byte
				hits := 0
				for b.Loop() {
					hits = 0
					for _, body := range bodies {
						var hit, sure bool
						if way != "fold" {
							hit, sure = m.Match(body)
						}
						if !sure {
							buf, _ = AppendFold(buf[:0], body)
							hit = q.MatchFolded(buf)
						}
						if hit {
							hits++
						}
					}
				}
				b.ReportMetric(float64(hits), "hits")
			})
		}
	}
}

// BenchmarkASCIIMatcher compares, on the English bodies of generated
// posts (all ASCII), ASCIIMatcher ("matcher": pairs scanned in SIMD for
// words of common letters, as MatchASCII for the others) with MatchASCII
// ("indexbyte": passes of IndexByte for the rarest letter of each word,
// in both cases). Only "data" is in the posts.
func BenchmarkASCIIMatcher(b *testing.B) {
	var bodies [][]byte
	size := 0
	for i := range 400 {
		_, data := postgen.Post(3, i)
		if ASCII(data) {
			bodies = append(bodies, data)
			size += len(data)
		}
	}
	for _, query := range []string{`"dang hai nam"`, `nien`, `oen`, `quyx`, `2031`, `data`} {
		q, err := Parse(query)
		if err != nil {
			b.Fatal(err)
		}
		m := q.ASCIIMatcher()
		for _, way := range []string{"matcher", "indexbyte"} {
			if way == "matcher" && !haveSIMD {
				continue
			}
			b.Run(strings.ReplaceAll(strings.Trim(query, `"`), " ", "_")+"/"+way, func(b *testing.B) {
				b.SetBytes(int64(size))
				hits := 0
				for b.Loop() {
					hits = 0
					for _, body := range bodies {
						hit := false
						if way == "matcher" {
							hit, _ = m.Match(body)
						} else {
							hit = q.MatchASCII(body)
						}
						if hit {
							hits++
						}
					}
				}
				b.ReportMetric(float64(hits), "hits")
			})
		}
	}
}
