//go:build unix

package main

// End-to-end tests: the real binary in a pseudo-terminal, read back
// through a terminal emulator, as a person would see it.

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/vt"
	"github.com/creack/pty"
)

// ptyTerm is the binary running in a pseudo-terminal.
type ptyTerm struct {
	t    *testing.T
	cmd  *exec.Cmd
	ptmx *os.File
	emu  *vt.SafeEmulator
	done chan struct{}
	mu   sync.Mutex
	raw  bytes.Buffer // every byte the program wrote
}

// startTerm runs newsreader with args in dir at the given size. stdin, when
// not nil, replaces the terminal as standard input (a pipe); keys still
// reach the program through its controlling terminal.
func startTerm(t *testing.T, dir string, cols, rows int, stdin io.Reader, args ...string) *ptyTerm {
	t.Helper()
	cmd := exec.Command(binPath, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "TERM=xterm-256color", "COLORTERM=truecolor", "LANG=C.UTF-8",
		"XDG_CONFIG_HOME="+t.TempDir()) // no config file of the user's
	if os.Getenv("XDG_STATE_HOME") == "" || !strings.HasPrefix(os.Getenv("XDG_STATE_HOME"), os.TempDir()) {
		// Marks go to a store of the test's, never the user's.
		cmd.Env = append(cmd.Env, "XDG_STATE_HOME="+t.TempDir())
	}
	ws := &pty.Winsize{Rows: uint16(rows), Cols: uint16(cols)}
	var ptmx *os.File
	var err error
	if stdin != nil {
		ptmx, err = startWithPipe(cmd, ws, stdin)
	} else {
		ptmx, err = pty.StartWithSize(cmd, ws)
	}
	if err != nil {
		t.Fatalf("start: %v", err)
	}
	tm := &ptyTerm{t: t, cmd: cmd, ptmx: ptmx, emu: vt.NewSafeEmulator(cols, rows), done: make(chan struct{})}
	go func() {
		defer close(tm.done)
		buf := make([]byte, 32*1024)
		for {
			n, err := ptmx.Read(buf)
			if n > 0 {
				tm.mu.Lock()
				tm.raw.Write(buf[:n])
				_, _ = tm.emu.Write(buf[:n])
				tm.mu.Unlock()
			}
			if err != nil {
				return
			}
		}
	}()
	// The emulator answers the program's terminal queries (background
	// colour and the like) the way a real terminal would.
	go func() {
		buf := make([]byte, 1024)
		for {
			n, err := tm.emu.Read(buf)
			if n > 0 {
				_, _ = ptmx.Write(buf[:n])
			}
			if err != nil {
				return
			}
		}
	}()
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = ptmx.Close()
		<-tm.done // no more writes to the emulator
		// The emulator is not closed: its Close races with the Read
		// above inside the library. That goroutine stays blocked until
		// the test binary exits, which costs nothing.
	})
	return tm
}

// startWithPipe starts cmd with stdin from r while stdout, stderr and the
// controlling terminal are the pseudo-terminal.
func startWithPipe(cmd *exec.Cmd, ws *pty.Winsize, r io.Reader) (*os.File, error) {
	ptmx, tty, err := pty.Open()
	if err != nil {
		return nil, err
	}
	if err := pty.Setsize(ptmx, ws); err != nil {
		return nil, err
	}
	cmd.Stdin = r
	cmd.Stdout = tty
	cmd.Stderr = tty
	// The terminal on fd 1 becomes the controlling terminal, so the
	// program can open /dev/tty for keys while stdin is the pipe.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true, Ctty: 1}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	_ = tty.Close()
	return ptmx, nil
}

// screen is the emulator's screen as plain text, one line per row.
func (tm *ptyTerm) screen() string {
	var b strings.Builder
	tm.mu.Lock() // the emulator is written to as the program draws
	defer tm.mu.Unlock()
	w, h := tm.emu.Width(), tm.emu.Height()
	for y := 0; y < h; y++ {
		var line strings.Builder
		for x := 0; x < w; x++ {
			c := tm.emu.CellAt(x, y)
			if c == nil {
				continue
			}
			if c.Width == 0 && c.Content == "" {
				continue
			}
			if c.Content == "" {
				line.WriteByte(' ')
				continue
			}
			line.WriteString(c.Content)
		}
		b.WriteString(strings.TrimRight(line.String(), " "))
		b.WriteByte('\n')
	}
	return b.String()
}

// waitFor waits until the screen shows want, failing with the screen.
func (tm *ptyTerm) waitFor(want string) string {
	tm.t.Helper()
	return tm.waitUntil(fmt.Sprintf("%q", want), func(s string) bool { return strings.Contains(s, want) })
}

// waitUntil waits until ok holds for the screen, failing with the screen
// and what was awaited.
func (tm *ptyTerm) waitUntil(what string, ok func(screen string) bool) string {
	tm.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		s := tm.screen()
		if ok(s) {
			return s
		}
		if time.Now().After(deadline) {
			tm.t.Fatalf("screen never showed %s; it shows:\n%s", what, s)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func (tm *ptyTerm) send(keys string) {
	tm.t.Helper()
	if _, err := tm.ptmx.Write([]byte(keys)); err != nil {
		tm.t.Fatalf("send %q: %v", keys, err)
	}
}

// wait waits for the program to exit and returns its exit code.
func (tm *ptyTerm) wait() int {
	tm.t.Helper()
	errc := make(chan error, 1)
	go func() { errc <- tm.cmd.Wait() }()
	select {
	case err := <-errc:
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return ee.ExitCode()
		}
		if err != nil {
			tm.t.Fatalf("wait: %v", err)
		}
		return 0
	case <-time.After(10 * time.Second):
		tm.t.Fatalf("program did not exit; screen:\n%s", tm.screen())
		return -1
	}
}

func TestE2EBrowseAndRead(t *testing.T) {
	dir := writePosts(t)
	tm := startTerm(t, dir, 120, 40, nil, ".")
	tm.waitFor("Nhà máy chip mới khởi công")
	tm.waitFor("3 posts")
	tm.send("j")  // the English post
	tm.send("\r") // read it
	s := tm.waitFor("https://news.example.com/robots-aisles")
	if !strings.Contains(s, "Warehouse robots learn to share aisles") {
		t.Fatalf("reader lacks the title:\n%s", s)
	}
	tm.send("q")
	if code := tm.wait(); code != 0 {
		t.Fatalf("exit code %d", code)
	}
}

func TestE2EPipedPathOpensPost(t *testing.T) {
	dir := writePosts(t)
	tm := startTerm(t, dir, 100, 30, strings.NewReader("sub/2025-01-05-ung-dung.txt\n"))
	tm.waitFor("Source: https://tin.example.vn/vi-dien-tu")
	tm.waitFor("chia hoá đơn nhóm")
	tm.send("q")
	if code := tm.wait(); code != 0 {
		t.Fatalf("exit code %d", code)
	}
}

func TestE2ETinySizes(t *testing.T) {
	dir := writePosts(t)
	for _, sz := range [][2]int{{1, 1}, {20, 5}, {40, 10}, {79, 24}} {
		tm := startTerm(t, dir, sz[0], sz[1], nil, ".")
		time.Sleep(300 * time.Millisecond)
		tm.send("j\rjk")
		time.Sleep(100 * time.Millisecond)
		tm.send("q")
		if code := tm.wait(); code != 0 {
			t.Fatalf("%dx%d: exit code %d, screen:\n%s", sz[0], sz[1], code, tm.screen())
		}
	}
}

func TestE2ESearchUnaccentedThenTwin(t *testing.T) {
	tm := startTerm(t, t.TempDir(), 120, 40, nil)
	tm.waitFor("built-in sample posts")
	tm.send("/lo hong ngan hang")
	// Body matches arrive after the title match and may change the count;
	// wait for the search to settle, then the title match must lead.
	s := tm.waitUntil("a settled search", func(s string) bool {
		return strings.Contains(s, "filter: lo hong ngan hang ") && strings.Contains(s, " of 13") &&
			!strings.Contains(s, "searching articles")
	})
	if rows := strings.Split(s, "\n"); len(rows) < 2 || !strings.Contains(rows[1], "Phát hiện lỗ hổng") {
		t.Fatalf("the accented title match is not the first row:\n%s", s)
	}
	tm.send("\r\r") // keep the filter, open the post
	tm.waitFor("Source: https://")
	tm.send("t")
	tm.waitFor("Researcher finds OTP bypass in a banking app")
	tm.send("q")
	if code := tm.wait(); code != 0 {
		t.Fatalf("exit code %d", code)
	}
}

func TestE2EEastAsianWidthKeepsColumns(t *testing.T) {
	dir := writePosts(t)
	// A long title, so that its row is cut with "…", an ambiguous-width
	// character, while the others are not.
	long := "---\ntitle: \"🔥 [Dài] Một tiêu đề rất dài để hàng của nó bị cắt ngắn bằng dấu ba chấm ở cuối\"\ndate: 2025-02-20 10:00:00 +0700\ncategories: entries VN\n---\nThân bài.\n"
	if err := os.WriteFile(filepath.Join(dir, "2025-02-20-dai.md"), []byte(long), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("RUNEWIDTH_EASTASIAN", "1")
	tm := startTerm(t, dir, 120, 20, nil, ".")
	s := tm.waitFor("Một tiêu đề rất dài")
	col := -1
	for i, row := range strings.Split(s, "\n")[1:5] {
		c := strings.Index(row, "│")
		if c < 0 {
			t.Fatalf("row %d has no divider:\n%s", i, s)
		}
		c = ansi.StringWidth(row[:c]) // this process measures … as one cell, as terminals draw it
		if col >= 0 && c != col {
			t.Fatalf("divider at column %d in row %d, %d in row 0:\n%s", c, i, col, s)
		}
		col = c
	}
	tm.send("q")
	if code := tm.wait(); code != 0 {
		t.Fatalf("exit code %d", code)
	}
}

func TestE2EReadMarkSurvivesRestart(t *testing.T) {
	dir := writePosts(t)
	t.Setenv("XDG_STATE_HOME", t.TempDir())
	tm := startTerm(t, dir, 120, 30, nil, ".")
	tm.waitFor("3 unread")
	tm.send("j\r") // read the second post
	tm.waitFor("2 unread")
	tm.send("q")
	if code := tm.wait(); code != 0 {
		t.Fatalf("exit code %d", code)
	}
	tm = startTerm(t, dir, 120, 30, nil, ".")
	tm.waitFor("2 unread")
	tm.send("q")
	tm.wait()
}

func TestE2EEditThenReread(t *testing.T) {
	dir := writePosts(t)
	// The "editor" changes the title in place, as a person would.
	editor := filepath.Join(t.TempDir(), "editor")
	script := "#!/bin/sh\nsed -i 's/Warehouse robots learn/Warehouse robots now learn/' \"$1\"\n"
	if err := os.WriteFile(editor, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("VISUAL", "")
	t.Setenv("EDITOR", editor)
	tm := startTerm(t, dir, 120, 30, nil, ".")
	tm.waitFor("Warehouse robots learn")
	tm.send("j")
	tm.send("e")
	tm.waitFor("Warehouse robots now learn")
	tm.send("q")
	if code := tm.wait(); code != 0 {
		t.Fatalf("exit code %d", code)
	}
}

func TestConfigRemapOnScreen(t *testing.T) {
	cfg := writeConfig(t, "keys:\n  quit: x\n")
	tm := startTerm(t, writePosts(t), 120, 30, nil, "--config", cfg, ".")
	tm.waitFor("x quit")
	tm.send("q") // no longer quits
	tm.send("x")
	if code := tm.wait(); code != 0 {
		t.Fatalf("exit code %d", code)
	}
}
