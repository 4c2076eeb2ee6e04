package ui

// Benchmarks for the issue "Fast at any size": keys, search and rendering
// at 100,000 posts. Each writes its corpus with postgen into b.TempDir();
// where a floor exists it is measured in the same run and the ratio is
// reported. Per-operation times are recorded one by one so that medians,
// which the targets are stated in, can be reported beside the mean.

import (
	"io"
	"io/fs"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/glamour/v2"

	"github.com/newsreader/newsreader/bench/cputime"
	"github.com/newsreader/newsreader/posts"
	"github.com/newsreader/newsreader/posts/fold"
	"github.com/newsreader/newsreader/posts/postgen"
)

// benchLib writes n posts shaped like real news (2–10 KB, one in a
// thousand of about 1 MB, a few deep folders) and scans them.
func benchLib(b *testing.B, n int) *posts.Library {
	b.Helper()
	dir := b.TempDir()
	if _, err := postgen.Write(dir, postgen.Options{N: n, Seed: 1, BigEvery: 1000, Depth: 4}); err != nil {
		b.Fatal(err)
	}
	lib, err := posts.OpenDir(dir)
	if err != nil || len(lib.Posts) != n {
		b.Fatalf("OpenDir: %v, %d posts, want %d", err, len(lib.Posts), n)
	}
	return lib
}

// benchModel is the root model of a w×h terminal showing lib, with its
// search index built, as after start-up; no rendering is run.
func benchModel(b *testing.B, lib *posts.Library, w, h int) Model {
	b.Helper()
	m := New(lib, testKeys(), Options{Style: "dark", Now: func() time.Time { return testNow }})
	var tm tea.Model = m
	tm, _ = tm.Update(indexMsg{lib: lib, index: posts.NewIndex(lib.Posts)})
	tm, _ = tm.Update(tea.WindowSizeMsg{Width: w, Height: h})
	return tm.(Model)
}

// step is one key through Update and then View, as the runtime does for a
// frame; it returns the new model and how long both took.
func step(m Model, k tea.KeyPressMsg) (Model, time.Duration) {
	m, d, _ := stepCPU(m, k)
	return m, d
}

// stepCPU is step that also returns the CPU time the process spent
// meanwhile. On a shared machine the wall time of a key swings with the
// other jobs; its CPU time (Update and View run on one goroutine, plus
// whatever GC work they cause) is what an idle machine would see.
func stepCPU(m Model, k tea.KeyPressMsg) (Model, time.Duration, time.Duration) {
	c0 := cputime.Now()
	start := time.Now()
	tm, _ := m.Update(k)
	m = tm.(Model)
	v := m.View()
	d := time.Since(start)
	c := cputime.Now() - c0
	if v.Content == "" {
		panic("empty frame")
	}
	return m, d, c
}

// reportTimes reports the median and the slowest of per-operation times.
func reportTimes(b *testing.B, what string, ds []time.Duration) {
	s := slices.Clone(ds)
	slices.Sort(s)
	b.ReportMetric(float64(s[len(s)/2])/1e6, what+"-median-ms")
	b.ReportMetric(float64(s[len(s)-1])/1e6, what+"-max-ms")
}

// reportCPU reports the median of per-operation CPU times.
func reportCPU(b *testing.B, what string, ds []time.Duration) {
	s := slices.Clone(ds)
	slices.Sort(s)
	b.ReportMetric(float64(s[len(s)/2])/1e6, what+"-cpu-median-ms")
}

// BenchmarkKeyJ is the cost of one j at the top of the list: Update and
// View of the root model. The same figure at 1,000 and 100,000 posts shows
// that the work follows the rows on screen, not the folder.
func BenchmarkKeyJ(b *testing.B) {
	for _, n := range []int{1_000, 100_000} {
		b.Run("posts="+strconv.Itoa(n), func(b *testing.B) {
			m := benchModel(b, benchLib(b, n), 120, 40)
			j := keyMsg("j")
			var ds, cs []time.Duration
			for b.Loop() {
				var d, c time.Duration
				m, d, c = stepCPU(m, j)
				ds, cs = append(ds, d), append(cs, c)
				if m.list.cursor == len(m.list.items)-1 {
					m.list.MoveTo(0)
				}
			}
			reportTimes(b, "j", ds)
			reportCPU(b, "j", cs)
		})
	}
}

// BenchmarkSearchTitle types a two-word query one character at a time over
// 100,000 posts, each keystroke through Update and View, then clears it
// (untimed) and types it again. The query is the start of a generated
// title, so it matches as readers' queries do: many posts at the first
// letter, a few at the end.
func BenchmarkSearchTitle(b *testing.B) {
	lib := benchLib(b, 100_000)
	m := benchModel(b, lib, 120, 40)
	query := strings.Join(strings.Fields(fold.Fold(lib.Posts[len(lib.Posts)/2].Title))[:2], " ")
	var ds, cs []time.Duration
	hits := 0
	typed := len(query) // start by opening the search bar
	for b.Loop() {
		if typed == len(query) {
			b.StopTimer()
			hits = len(m.list.items)
			m, _ = step(m, keyMsg("esc"))
			m, _ = step(m, keyMsg("/"))
			typed = 0
			b.StartTimer()
		}
		var d, c time.Duration
		m, d, c = stepCPU(m, keyMsg(query[typed:typed+1]))
		typed++
		ds, cs = append(ds, d), append(cs, c)
	}
	if hits == 0 {
		hits = len(m.list.items)
	}
	reportTimes(b, "key", ds)
	reportCPU(b, "key", cs)
	b.ReportMetric(float64(hits), "hits")
}

// BenchmarkSearchBody searches the bodies of 100,000 posts, driving the
// model the way the Bubble Tea runtime does: every command in its own
// goroutine, every message back through Update. It reports the time from
// the keystroke to the first body match on the list and to the end of
// the search, against the floor: reading the same files whole with as
// many goroutines as the search uses, opened the way the library opens
// them (Library.FS). A second floor opens them with os.Open, as most Go
// programs would, for comparison (os-ratio).
//
// The queries are typed without accents and match no title. The first
// is a name, quoted so that it is one phrase (Đặng Hải Nam): the figure
// the table gives. The others show how the way words are looked
// for (fold.RawMatcher) changes it. No post holds "nguong" (ngưỡng) or
// "nien" (niên), so every body is searched to its end, the slowest case;
// the letters of "nien" are the commonest in Vietnamese (until pairs of
// bytes were looked for, such a word had every Vietnamese body folded).
func BenchmarkSearchBody(b *testing.B) {
	lib := benchLib(b, 100_000)
	for _, c := range []struct {
		query string
		none  bool // no post holds it
	}{{`"dang hai nam"`, false}, {`"dang hai"`, false}, {`nguong`, true}, {`nien`, true}} {
		b.Run("q="+strings.ReplaceAll(strings.Trim(c.query, `"`), " ", "_"), func(b *testing.B) {
			searchBodyBench(b, lib, c.query, c.none)
		})
	}
}

func searchBodyBench(b *testing.B, lib *posts.Library, query string, none bool) {
	var todo []string // every post, as the search reads them all
	for _, p := range lib.Posts {
		todo = append(todo, p.Path)
	}
	m := benchModel(b, lib, 120, 40)
	m, _ = step(m, keyMsg("/"))
	osFS := os.DirFS(lib.Root) // benchLib opens the folder by its full path
	var first, done, floor, osFloor, cpu, floorCPU []time.Duration
	hits := 0
	for b.Loop() {
		runtime.GC()
		c0 := cputime.Now()
		start := time.Now()
		readFloor(b, lib.FS, todo, runtime.GOMAXPROCS(0))
		floor = append(floor, time.Since(start))
		floorCPU = append(floorCPU, cputime.Now()-c0)

		runtime.GC()
		start = time.Now()
		readFloor(b, osFS, todo, runtime.GOMAXPROCS(0))
		osFloor = append(osFloor, time.Since(start))

		runtime.GC()
		var f, d time.Duration
		c0 = cputime.Now()
		m, f, d = searchOnce(b, m, query)
		first, done = append(first, f), append(done, d)
		cpu = append(cpu, cputime.Now()-c0)
		hits = len(m.list.items)
		m, _ = step(m, keyMsg("esc"))
		m, _ = step(m, keyMsg("/"))
		// Each round searches from scratch: the same query again would
		// only read the bodies it matched last time.
		m.search.last = nil
	}
	if (hits == 0) != none {
		b.Fatalf("%d posts match %q", hits, query)
	}
	med := func(ds []time.Duration) float64 {
		s := slices.Clone(ds)
		slices.Sort(s)
		return float64(s[len(s)/2]) / 1e6
	}
	if !none {
		b.ReportMetric(med(first), "first-ms")
	}
	b.ReportMetric(med(done), "complete-ms")
	b.ReportMetric(med(floor), "floor-ms")
	b.ReportMetric(med(done)/med(floor), "ratio")
	b.ReportMetric(med(cpu)/med(floorCPU), "cpu-ratio")
	b.ReportMetric(med(osFloor), "os-floor-ms")
	b.ReportMetric(med(done)/med(osFloor), "os-ratio")
	b.ReportMetric(float64(hits), "hits")
	b.ReportMetric(0, "ns/op")
}

// searchOnce types query into the open search bar and runs the commands
// that follow until the body search is over. It returns the times to the
// first body match shown and to the end.
func searchOnce(b *testing.B, m Model, query string) (Model, time.Duration, time.Duration) {
	msgs := make(chan tea.Msg, 64)
	pending := 0
	run := func(cmd tea.Cmd) {
		if cmd != nil {
			pending++
			go func() { msgs <- cmd() }()
		}
	}
	start := time.Now()
	tm, cmd := m.Update(tea.KeyPressMsg{Code: rune(query[0]), Text: query})
	m = tm.(Model)
	_ = m.View()
	run(cmd)
	var first, done time.Duration
	for done == 0 {
		if pending == 0 {
			b.Fatal("the body search never finished")
		}
		msg := <-msgs
		pending--
		switch msg := msg.(type) {
		case tea.BatchMsg:
			for _, c := range msg {
				run(c)
			}
			continue
		case nil:
			continue
		case bodyMsg:
			tm, cmd = m.Update(msg)
			m = tm.(Model)
			_ = m.View()
			if first == 0 && len(msg.hits) > 0 && msg.gen == m.search.gen {
				first = time.Since(start)
			}
			if !m.search.bodyBusy {
				done = time.Since(start)
			}
		default:
			tm, cmd = m.Update(msg)
			m = tm.(Model)
		}
		run(cmd)
	}
	// Renders of the selected post may still be running: let them land
	// before the next round is timed.
	for ; pending > 0; pending-- {
		if bm, ok := (<-msgs).(tea.BatchMsg); ok {
			for _, c := range bm {
				run(c)
			}
		}
	}
	return m, first, done
}

// readFloor reads every named file of fsys to its end, with workers
// goroutines each reusing one buffer.
func readFloor(b *testing.B, fsys fs.FS, names []string, workers int) {
	next := make(chan string, 1024)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			buf := make([]byte, 64<<10)
			for name := range next {
				f, err := fsys.Open(name)
				if err != nil {
					b.Error(err)
					continue
				}
				for {
					if _, err := f.Read(buf); err != nil {
						if err != io.EOF {
							b.Error(err)
						}
						break
					}
				}
				f.Close()
			}
		})
	}
	for _, name := range names {
		next <- name
	}
	close(next)
	wg.Wait()
}

// sixKB is a post of about 6 KB from a small generated folder.
func sixKB(b *testing.B) (*posts.Library, *posts.Post) {
	lib := benchLib(b, 300)
	for _, p := range lib.Posts {
		if p.Err == nil && p.Size >= 6000 && p.Size < 6400 {
			return lib, p
		}
	}
	b.Fatal("no post of about 6 KB")
	return nil, nil
}

// BenchmarkRenderArticle renders a 6 KB post at 100 columns the first
// time (read, clean, Glamour, filter: renderArticle) against the floor,
// Glamour's own render of the same body with a renderer built beforehand,
// in alternating pairs. cached is showing it again from the model's cache,
// and next-post the J key when the next post was rendered ahead.
func BenchmarkRenderArticle(b *testing.B) {
	lib, p := sixKB(b)
	const width = 100
	body, err := lib.Body(p)
	if err != nil {
		b.Fatal(err)
	}
	g, err := glamour.NewTermRenderer(glamour.WithStandardStyle("dark"), glamour.WithWordWrap(width))
	if err != nil {
		b.Fatal(err)
	}
	s, t := newStyles(true), textsFor(English)

	b.Run("first", func(b *testing.B) {
		var ours, floor []time.Duration
		for b.Loop() {
			swap := len(ours) % 2
			for k := range 2 {
				start := time.Now()
				if k == swap {
					if _, err := g.Render(body); err != nil {
						b.Fatal(err)
					}
					floor = append(floor, time.Since(start))
				} else {
					if lines := renderArticle(lib, p, width, "dark", s, t, testNow); len(lines) < 20 {
						b.Fatalf("only %d lines", len(lines))
					}
					ours = append(ours, time.Since(start))
				}
			}
		}
		reportTimes(b, "ours", ours)
		reportTimes(b, "glamour", floor)
		ratios := make([]float64, len(ours))
		for i := range ours {
			ratios[i] = float64(ours[i]) / float64(floor[i])
		}
		slices.Sort(ratios)
		b.ReportMetric(ratios[len(ratios)/2], "ratio")
	})

	// A 181-column terminal gives the reader pane exactly 100 columns.
	m := benchModel(b, lib, 181, 50)
	if w := articleWidth(m.reader.width, m.opts.MaxWidth); w != width {
		b.Fatalf("article width %d, want %d", w, width)
	}
	at := slices.Index(m.list.items, p)
	m.list.MoveTo(max(at, 1))
	var tm tea.Model = m
	tm = send(b, tm, keyMsg("down"))
	tm = send(b, tm, keyMsg("up"))
	m = tm.(Model)

	b.Run("cached", func(b *testing.B) {
		var ds []time.Duration
		for b.Loop() {
			m.list.Move(1 - 2*(len(ds)%2))
			start := time.Now()
			if cmd := m.preview(); cmd != nil {
				b.Fatal("a neighbour was not rendered ahead")
			}
			ds = append(ds, time.Since(start))
			if m.reader.lines == nil {
				b.Fatal("nothing shown")
			}
		}
		reportTimes(b, "cached", ds)
	})

	b.Run("next-post", func(b *testing.B) {
		keys := []tea.KeyPressMsg{keyMsg("J"), keyMsg("K")}
		var ds, cs []time.Duration
		for b.Loop() {
			var d, c time.Duration
			m, d, c = stepCPU(m, keys[len(ds)%2])
			ds, cs = append(ds, d), append(cs, c)
			if !m.reader.have {
				b.Fatal("the next post was not on screen in the next frame")
			}
		}
		reportTimes(b, "J", ds)
		reportCPU(b, "J", cs)
	})
}

// TestRowCacheMatchesFreshRows guards the row cache that BenchmarkKeyJ
// measures: after every step, the list drawn with rows reused from the
// frame before must equal the list drawn from scratch.
func TestRowCacheMatchesFreshRows(t *testing.T) {
	lib := sampleLib(t)
	var tm tea.Model = newSized(t, lib, 120, 30, Options{})
	steps := []tea.Msg{
		keyMsg("j"), keyMsg("j"), keyMsg("k"), keyMsg("tab"), keyMsg("tab"), keyMsg("G"), keyMsg("g"),
		keyMsg("/"), keyMsg("c"), keyMsg("h"), keyMsg("esc"), keyMsg("L"), keyMsg("j"), keyMsg("s"),
		tea.WindowSizeMsg{Width: 70, Height: 20}, keyMsg("j"), tea.WindowSizeMsg{Width: 140, Height: 30},
	}
	for i, msg := range steps {
		tm = send(t, tm, msg)
		m := tm.(Model)
		reused := m.View().Content
		fresh := m
		fresh.list.rows = &rowCache{}
		if want := fresh.View().Content; reused != want {
			t.Fatalf("step %d (%v): reused rows differ from fresh ones:\n%s\nwant:\n%s", i, msg, reused, want)
		}
	}
}
