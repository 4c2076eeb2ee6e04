package posts_test

// Benchmarks for the issue "Fast at any size". Each one writes its corpus
// with postgen into b.TempDir() and measures its floor in the same run, so
// the ratio it reports holds on a noisy shared machine where absolute
// times drift. bench/run.sh runs them and prints the table; set TMPDIR to a
// tmpfs to make writing 100,000 files quick.

import (
	"io"
	"io/fs"
	"os"
	"path"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsreader/newsreader/bench/cputime"
	"github.com/newsreader/newsreader/posts"
	"github.com/newsreader/newsreader/posts/postgen"
)

// benchCorpus is the shape of every generated folder: news-sized posts
// (2–10 KB), one in a thousand of about 1 MB, some in year/month folders
// and a few four folders deep.
func benchCorpus(b *testing.B, n int) string {
	b.Helper()
	dir := b.TempDir()
	if _, err := postgen.Write(dir, postgen.Options{N: n, Seed: 1, BigEvery: 1000, Depth: 4}); err != nil {
		b.Fatal(err)
	}
	return dir
}

// BenchmarkScanFolder times OpenDir (walk, read, parse and sort: the list
// ready to show) against its floor, readWhole: a walk of the same folder
// handing every post file to as many workers as Scan uses, each reading
// its files whole into a reused buffer. Scan reads at most 64 KB of a
// file, so on the 1 MB posts the floor does more I/O than Scan does.
//
// The floor opens the files the way the library does (Library.FS), so
// that a cheaper way of opening files, which Scan uses, makes the floor
// as cheap: the ratio is Scan's own work over reading. A second floor
// opens them with os.Open, as most Go programs would, for comparison
// (os-floor-ms, os-ratio). The three run in turns, each after a GC, in
// an order that rotates between rounds; each ratio is the median of the
// rounds' ratios.
func BenchmarkScanFolder(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		b.Run("posts="+strconv.Itoa(n), func(b *testing.B) {
			dir := benchCorpus(b, n)
			lib, err := posts.OpenDir(dir)
			if err != nil {
				b.Fatal(err)
			}
			libFS, osFS := lib.FS, os.DirFS(dir)
			var wall, cpu [3][]time.Duration
			for b.Loop() {
				d, c := timeTurns(len(wall[0]), []func(){
					func() {
						lib, err := posts.OpenDir(dir)
						if err != nil || len(lib.Posts) != n {
							b.Fatalf("OpenDir: %v, %d posts, want %d", err, len(lib.Posts), n)
						}
					},
					func() {
						if got := readWhole(b, libFS); got != n {
							b.Fatalf("read %d files, want %d", got, n)
						}
					},
					func() {
						if got := readWhole(b, osFS); got != n {
							b.Fatalf("read %d files, want %d", got, n)
						}
					},
				})
				for i := range wall {
					wall[i], cpu[i] = append(wall[i], d[i]), append(cpu[i], c[i])
				}
			}
			reportPairs(b, "scan", wall[0], wall[1])
			b.ReportMetric(medianRatio(cpu[0], cpu[1]), "cpu-ratio")
			b.ReportMetric(ms(median(wall[2])), "os-floor-ms")
			b.ReportMetric(medianRatio(wall[0], wall[2]), "os-ratio")
		})
	}
}

// timeTurns times each function, after a GC so that none pays for
// another's garbage, starting with the one at round modulo len(f). It
// returns their wall times and the CPU time the process used during
// each: on a machine shared with other jobs the wall times swing, the
// CPU times much less.
func timeTurns(round int, f []func()) (wall, cpu []time.Duration) {
	wall, cpu = make([]time.Duration, len(f)), make([]time.Duration, len(f))
	for k := range f {
		i := (round + k) % len(f)
		runtime.GC()
		c0 := cputime.Now()
		start := time.Now()
		f[i]()
		wall[i] = time.Since(start)
		cpu[i] = cputime.Now() - c0
	}
	return wall, cpu
}

// reportPairs reports the medians of a figure and its floor and the
// median of their paired ratios.
func reportPairs(b *testing.B, what string, figure, floor []time.Duration) {
	b.ReportMetric(ms(median(figure)), what+"-ms")
	b.ReportMetric(ms(median(floor)), "floor-ms")
	b.ReportMetric(medianRatio(figure, floor), "ratio")
	b.ReportMetric(0, "ns/op") // the pair's total says nothing
}

func medianRatio(figure, floor []time.Duration) float64 {
	ratios := make([]float64, len(figure))
	for i := range figure {
		ratios[i] = float64(figure[i]) / float64(max(floor[i], 1))
	}
	slices.Sort(ratios)
	return ratios[len(ratios)/2]
}

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// readWhole is the scan's floor: it lists fsys the way Scan does (one
// goroutine, hidden folders skipped), and GOMAXPROCS×2 workers, Scan's
// pool, read each .md, .markdown and .txt file to its end. It returns the
// number of files read.
func readWhole(b *testing.B, fsys fs.FS) int {
	names := make(chan string, 1024)
	counts := make([]int, runtime.GOMAXPROCS(0)*2)
	var wg sync.WaitGroup
	for w := range counts {
		wg.Go(func() {
			buf := make([]byte, 64<<10)
			for name := range names {
				if err := readAll(fsys, name, &buf); err != nil {
					b.Error(err)
				}
				counts[w]++
			}
		})
	}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return err
		case d.IsDir() && p != "." && d.Name()[0] == '.':
			return fs.SkipDir
		case d.Type().IsRegular() && isPostFile(d.Name()):
			names <- p
		}
		return nil
	})
	close(names)
	wg.Wait()
	if err != nil {
		b.Fatal(err)
	}
	total := 0
	for _, c := range counts {
		total += c
	}
	return total
}

// readAll reads a file to its end into *buf, growing it as needed.
func readAll(fsys fs.FS, name string, buf *[]byte) error {
	f, err := fsys.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	n := 0
	for {
		if n == len(*buf) {
			*buf = append(*buf, make([]byte, len(*buf))...)
		}
		m, err := f.Read((*buf)[n:])
		n += m
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

func isPostFile(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".md", ".markdown", ".txt":
		return true
	}
	return false
}

// BenchmarkHeap100k reports the live heap after OpenDir and NewIndex of
// 100,000 posts: what the list and its search keys keep in memory, bodies
// excluded. bench/firstscreen measures the binary's peak RSS.
func BenchmarkHeap100k(b *testing.B) {
	const n = 100_000
	dir := benchCorpus(b, n)
	var heap, perPost float64
	for b.Loop() {
		runtime.GC()
		var before runtime.MemStats
		runtime.ReadMemStats(&before)
		lib, err := posts.OpenDir(dir)
		if err != nil {
			b.Fatal(err)
		}
		ix := posts.NewIndex(lib.Posts)
		runtime.GC()
		var after runtime.MemStats
		runtime.ReadMemStats(&after)
		runtime.KeepAlive(lib)
		runtime.KeepAlive(ix)
		live := float64(after.HeapAlloc) - float64(before.HeapAlloc)
		heap = live / (1 << 20)
		perPost = live / n
	}
	b.ReportMetric(heap, "heap-MB")
	b.ReportMetric(perPost, "B/post")
	b.ReportMetric(0, "ns/op")
}

// BenchmarkParse is Parse alone on generated posts held in memory: the
// part of a scan that is not I/O, free of the file system's noise.
func BenchmarkParse(b *testing.B) {
	type file struct {
		name string
		data []byte
	}
	files := make([]file, 1000)
	for i := range files {
		files[i].name, files[i].data = postgen.Post(1, i)
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		f := files[i%len(files)]
		if p := posts.Parse(f.name, f.data); p.Err != nil {
			b.Fatal(p.Err)
		}
		i++
	}
}
