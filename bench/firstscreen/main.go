// Command firstscreen measures newsreader the way a person meets it: the
// time from starting the binary in a pseudo-terminal to the first screen
// with posts on it, the binary's peak memory on a big folder, and the
// start-up of --version. bench/run.sh runs it; it prints one
// "name value" line per figure.
//
// The folders are written with postgen under $TMPDIR and removed at the
// end. They are read once before any timing, so every run starts with the
// files in the page cache, as on a machine where the posts were just
// synced or read before.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/charmbracelet/x/vt"
	"github.com/creack/pty"

	"github.com/newsreader/newsreader/posts"
	"github.com/newsreader/newsreader/posts/fold"
	"github.com/newsreader/newsreader/posts/postgen"
)

func main() {
	bin := flag.String("bin", "", "the newsreader binary to measure (required)")
	n := flag.Int("posts", 10_000, "posts in the folder for the first screen")
	runs := flag.Int("runs", 7, "runs of the first screen; the median is printed")
	rssPosts := flag.Int("rss-posts", 100_000, "posts in the folder for peak memory; 0 skips it")
	versionRuns := flag.Int("version-runs", 50, "runs of --version; 0 skips it")
	cols := flag.Int("cols", 120, "terminal columns")
	rows := flag.Int("rows", 40, "terminal rows")
	flag.Parse()
	if *bin == "" {
		fmt.Fprintln(os.Stderr, "firstscreen: -bin is required")
		os.Exit(2)
	}
	m := measurer{bin: *bin, cols: *cols, rows: *rows}
	if err := m.run(*n, *runs, *rssPosts, *versionRuns); err != nil {
		fmt.Fprintln(os.Stderr, "firstscreen:", err)
		os.Exit(1)
	}
}

type measurer struct {
	bin        string
	cols, rows int
}

func (m measurer) run(n, runs, rssPosts, versionRuns int) error {
	if versionRuns > 0 {
		d, cpu, err := m.version(versionRuns)
		if err != nil {
			return err
		}
		fmt.Printf("version-ms %.2f\n", ms(d))
		fmt.Printf("version-cpu-ms %.2f\n", ms(cpu))
	}
	if runs > 0 {
		dir, title, cleanup, err := corpus(n)
		if err != nil {
			return err
		}
		defer cleanup()
		var ds []time.Duration
		var rss int
		for i := 0; i <= runs; i++ { // run 0 warms the binary and the folder up
			s, err := m.start(dir, title)
			if err != nil {
				return err
			}
			d, err := s.first(30 * time.Second)
			if err == nil {
				rss, err = s.peakRSS()
			}
			if err == nil {
				err = s.quit()
			}
			s.close()
			if err != nil {
				return fmt.Errorf("%d posts: %w", n, err)
			}
			if i > 0 {
				ds = append(ds, d)
			}
		}
		slices.Sort(ds)
		fmt.Printf("firstscreen-posts %d\n", n)
		fmt.Printf("firstscreen-ms %.1f\n", ms(ds[len(ds)/2]))
		fmt.Printf("firstscreen-max-ms %.1f\n", ms(ds[len(ds)-1]))
		fmt.Printf("firstscreen-rss-MB %.1f\n", float64(rss)/1024)
	}
	if rssPosts > 0 {
		rss, err := m.memory(rssPosts)
		if err != nil {
			return fmt.Errorf("%d posts: %w", rssPosts, err)
		}
		fmt.Printf("rss-posts %d\n", rssPosts)
		fmt.Printf("peak-rss-MB %.1f\n", float64(rss)/1024)
	}
	return nil
}

// version is the median wall time of running the binary with --version,
// fork and exec included, and the median CPU time (user and system) of
// the process: on a shared machine the wall time also holds the time the
// process waited for a processor.
func (m measurer) version(runs int) (wall, cpu time.Duration, err error) {
	var ds, cs []time.Duration
	for range runs + 1 {
		start := time.Now()
		cmd := exec.Command(m.bin, "--version")
		out, err := cmd.Output()
		d := time.Since(start)
		if err != nil || !strings.HasPrefix(string(out), "newsreader") {
			return 0, 0, fmt.Errorf("--version: %q, %v", out, err)
		}
		ds = append(ds, d)
		cs = append(cs, cmd.ProcessState.UserTime()+cmd.ProcessState.SystemTime())
	}
	// The first run brings the binary into the page cache.
	ds, cs = ds[1:], cs[1:]
	slices.Sort(ds)
	slices.Sort(cs)
	return ds[len(ds)/2], cs[len(cs)/2], nil
}

// memory opens a folder of n posts, waits for the first screen (and
// prints the peak resident set so far), searches titles for a word once
// the index is built, and returns the process's peak resident set (VmHWM)
// in KiB a second later.
func (m measurer) memory(n int) (int, error) {
	dir, title, cleanup, err := corpus(n)
	if err != nil {
		return 0, err
	}
	defer cleanup()
	s, err := m.start(dir, title)
	if err != nil {
		return 0, err
	}
	defer s.close()
	if _, err := s.first(60 * time.Second); err != nil {
		return 0, err
	}
	if rss, err := s.peakRSS(); err == nil {
		fmt.Printf("rss-first-screen-MB %.1f\n", float64(rss)/1024)
	}
	// The first word of the newest title matches a part of the folder;
	// until the index is built the bar counts every post.
	word := strings.Fields(fold.Fold(title))[0]
	s.send("/" + word)
	all := fmt.Sprintf("%d of %d", n, n)
	if err := s.waitFor(60*time.Second, func(screen string) bool {
		return strings.Contains(screen, fmt.Sprintf(" of %d", n)) && !strings.Contains(screen, all)
	}); err != nil {
		return 0, fmt.Errorf("the search never narrowed the list: %w", err)
	}
	time.Sleep(time.Second)
	rss, err := s.peakRSS()
	if err != nil {
		return 0, err
	}
	// esc then q would arrive together and read as alt+q; ctrl+c quits
	// from the search bar too.
	s.send("\x03")
	return rss, s.wait()
}

// corpus writes n posts into a new folder under $TMPDIR, reads them all
// once, and returns the folder and the title of the newest post, which
// the list shows first.
func corpus(n int) (dir, title string, cleanup func(), err error) {
	dir, err = os.MkdirTemp("", "newsreader-firstscreen-")
	if err != nil {
		return "", "", nil, err
	}
	cleanup = func() { os.RemoveAll(dir) }
	if _, err = postgen.Write(dir, postgen.Options{N: n, Seed: 1, BigEvery: 1000, Depth: 4}); err != nil {
		cleanup()
		return "", "", nil, err
	}
	lib, err := posts.OpenDir(dir)
	if err != nil || len(lib.Posts) != n {
		cleanup()
		return "", "", nil, fmt.Errorf("scanning the folder: %v, %d posts", err, len(lib.Posts))
	}
	return dir, lib.Posts[0].Title, cleanup, nil
}

// session is the binary running in a pseudo-terminal, its output read
// back through a terminal emulator.
type session struct {
	cmd   *exec.Cmd
	ptmx  *os.File
	emu   *vt.SafeEmulator
	start time.Time
	want  string // what the first screen must show

	mu      sync.Mutex
	firstAt time.Duration // when want was first on screen; 0 until then
	done    chan struct{} // closed when the output ends
	shown   chan struct{} // closed when want is first on screen
}

func (m measurer) start(dir, title string) (*session, error) {
	cmd := exec.Command(m.bin, dir)
	var env []string
	for _, kv := range os.Environ() {
		// The binary starts itself again when this is set.
		if !strings.HasPrefix(kv, "RUNEWIDTH_EASTASIAN=") {
			env = append(env, kv)
		}
	}
	cmd.Env = append(env, "TERM=xterm-256color", "COLORTERM=truecolor", "LANG=C.UTF-8")
	s := &session{
		cmd:   cmd,
		emu:   vt.NewSafeEmulator(m.cols, m.rows),
		want:  prefix(title, 12),
		done:  make(chan struct{}),
		shown: make(chan struct{}),
	}
	s.start = time.Now()
	ptmx, err := pty.StartWithSize(cmd, &pty.Winsize{Cols: uint16(m.cols), Rows: uint16(m.rows)})
	if err != nil {
		return nil, err
	}
	s.ptmx = ptmx
	go s.readOutput()
	// The emulator answers the program's queries (background colour) as
	// a terminal would.
	go func() { _, _ = io.Copy(ptmx, s.emu) }()
	return s, nil
}

// prefix is the first n characters of a title: enough to recognize it,
// short enough to fit the list's title column.
func prefix(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

func (s *session) readOutput() {
	defer close(s.done)
	buf := make([]byte, 64<<10)
	for {
		k, err := s.ptmx.Read(buf)
		if k > 0 {
			_, _ = s.emu.Write(buf[:k])
			s.mu.Lock()
			if s.firstAt == 0 && strings.Contains(s.screen(), s.want) {
				s.firstAt = time.Since(s.start)
				close(s.shown)
			}
			s.mu.Unlock()
		}
		if err != nil {
			return
		}
	}
}

// first waits for the first screen with posts and returns how long after
// the start it was drawn.
func (s *session) first(timeout time.Duration) (time.Duration, error) {
	select {
	case <-s.shown:
		s.mu.Lock()
		defer s.mu.Unlock()
		return s.firstAt, nil
	case <-s.done:
		return 0, fmt.Errorf("the program ended before showing %q; screen:\n%s", s.want, s.screen())
	case <-time.After(timeout):
		return 0, fmt.Errorf("no screen showed %q in %v; screen:\n%s", s.want, timeout, s.screen())
	}
}

func (s *session) waitFor(timeout time.Duration, ok func(string) bool) error {
	deadline := time.Now().Add(timeout)
	for !ok(s.screen()) {
		if time.Now().After(deadline) {
			return fmt.Errorf("timed out; screen:\n%s", s.screen())
		}
		time.Sleep(10 * time.Millisecond)
	}
	return nil
}

// screen is the emulator's screen as text, one line per row.
func (s *session) screen() string {
	var b strings.Builder
	for y := range s.emu.Height() {
		for x := range s.emu.Width() {
			if c := s.emu.CellAt(x, y); c != nil && c.Content != "" {
				b.WriteString(c.Content)
			} else if c != nil && c.Width > 0 {
				b.WriteByte(' ')
			}
		}
		b.WriteByte('\n')
	}
	return b.String()
}

func (s *session) send(keys string) { _, _ = s.ptmx.Write([]byte(keys)) }

// peakRSS reads the process's high-water mark of resident memory, in KiB.
func (s *session) peakRSS() (int, error) {
	data, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(s.cmd.Process.Pid), "status"))
	if err != nil {
		return 0, err
	}
	for line := range strings.Lines(string(data)) {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			return strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(v), " kB"))
		}
	}
	return 0, errors.New("no VmHWM in /proc status")
}

// quit presses q and waits for a clean exit.
func (s *session) quit() error {
	s.send("q")
	return s.wait()
}

// wait waits for the program to end, for a few seconds at most.
func (s *session) wait() error {
	errc := make(chan error, 1)
	go func() { errc <- s.cmd.Wait() }()
	select {
	case err := <-errc:
		return err
	case <-time.After(10 * time.Second):
		_ = s.cmd.Process.Kill()
		<-errc
		return errors.New("the program did not quit")
	}
}

// close ends the program if it still runs and frees the terminal.
func (s *session) close() {
	if s.cmd.ProcessState == nil {
		_ = s.cmd.Process.Kill()
		_ = s.cmd.Wait()
	}
	_ = s.ptmx.Close()
	_ = s.emu.Close()
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
