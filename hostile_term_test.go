//go:build unix

package main

// The hostile folder of hostile_test.go in a pseudo-terminal: whatever the
// posts hold, the program writes only plain text, SGR styling, vetted OSC 8
// links, clean window titles and the renderer's own sequences (issue 6).

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/creack/pty"

	"github.com/newsreader/newsreader/posts/safetext"
)

// termStream is what checkTermStream saw in a full-screen run's output.
type termStream struct {
	titles []string // every window title set, in order
	links  []string // every OSC 8 target, "" for a link's end
}

// checkTermStream holds the raw output of a full-screen run to the
// promise of issue 6. Outside escape sequences it must be valid UTF-8 with
// no C1 control, bidi control or line separator, and no C0 control but
// the CR, LF, BS and TAB the renderer moves the cursor with. The only
// sequences allowed are the renderer's own CSI sequences (SGR, cursor,
// erase, scroll, modes and its key and mode queries), a few two-byte ESC
// forms, OSC 0/2 window titles whose text is clean, OSC 8 links to
// http(s) URLs with a host, and OSC 10/11/12 colour queries. DCS, SOS,
// PM, APC, OSC 52 and everything else fail, as does a CSI such as
// "ESC [ 21 t" that asks the terminal to type the window title back.
func checkTermStream(b []byte) (termStream, error) {
	var ts termStream
	for i := 0; i < len(b); {
		ch := b[i]
		switch {
		case ch == 0x1b:
			n, err := ts.sequence(b[i:])
			if err != nil {
				return ts, fmt.Errorf("offset %d: %w", i, err)
			}
			i += n
		case ch == '\r' || ch == '\n' || ch == '\b' || ch == '\t':
			i++
		case ch < 0x20 || ch == 0x7f:
			return ts, fmt.Errorf("offset %d: control character %#02x near %q", i, ch, near(b, i))
		case ch < utf8.RuneSelf:
			i++
		default:
			r, size := utf8.DecodeRune(b[i:])
			if err := badRune(r, size); err != nil {
				return ts, fmt.Errorf("offset %d: %w near %q", i, err, near(b, i))
			}
			i += size
		}
	}
	return ts, nil
}

// badRune reports a decoded rune that must never reach the terminal.
func badRune(r rune, size int) error {
	switch {
	case r == utf8.RuneError && size == 1:
		return fmt.Errorf("invalid UTF-8")
	case r >= 0x80 && r <= 0x9f:
		return fmt.Errorf("C1 control %U", r)
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f, r == 0x061c:
		return fmt.Errorf("bidi control %U", r)
	case r == 0x2028 || r == 0x2029:
		return fmt.Errorf("line separator %U", r)
	}
	return nil
}

func near(b []byte, i int) []byte { return b[max(i-16, 0):min(i+32, len(b))] }

// sequence checks the escape sequence at the start of b and returns its
// length.
func (ts *termStream) sequence(b []byte) (int, error) {
	if len(b) < 2 {
		return 0, fmt.Errorf("a lone ESC at the end")
	}
	switch b[1] {
	case '[':
		return csi(b)
	case ']':
		return ts.osc(b)
	case 'P', 'X', '^', '_':
		return 0, fmt.Errorf("DCS, SOS, PM or APC string %q", near(b, 0))
	case '7', '8', '=', '>', 'M':
		// Save and restore the cursor, keypad modes, reverse index.
		return 2, nil
	}
	return 0, fmt.Errorf("escape sequence %q", near(b, 0))
}

// csi checks a CSI sequence: ESC [, a private prefix, parameters,
// intermediates and a final byte.
func csi(b []byte) (int, error) {
	j := 2
	start := j
	for j < len(b) && b[j] >= 0x3c && b[j] <= 0x3f {
		j++
	}
	prefix := string(b[start:j])
	for j < len(b) && b[j] >= 0x30 && b[j] <= 0x3b {
		j++
	}
	start = j
	for j < len(b) && b[j] >= 0x20 && b[j] <= 0x2f {
		j++
	}
	inter := string(b[start:j])
	if j >= len(b) || b[j] < 0x40 || b[j] > 0x7e {
		return 0, fmt.Errorf("malformed CSI %q", near(b, 0))
	}
	final := b[j]
	seq := b[:j+1]
	ok := false
	switch {
	case prefix == "" && inter == "":
		// SGR; cursor moves; erase, insert and delete; scroll; scroll
		// region; the renderer's cursor position query.
		ok = strings.IndexByte("mHfGdABCDEF`aeJKXPLM@STrn", final) >= 0 || final == 'h' || final == 'l'
	case prefix == "?" && inter == "":
		ok = final == 'h' || final == 'l' || final == 'W' || final == 'u' // modes, tab stops, keyboard query
	case prefix == "?" && inter == "$":
		ok = final == 'p' // DECRQM: does the terminal know a mode?
	case prefix == ">" && inter == "":
		ok = final == 'm' || final == 'u' // modifyOtherKeys, kitty keyboard
	case (prefix == "<" || prefix == "=") && inter == "":
		ok = final == 'u' // kitty keyboard
	case prefix == "" && inter == " ":
		ok = final == 'q' // cursor shape
	}
	if !ok {
		return 0, fmt.Errorf("CSI %q is not one of the renderer's own", seq)
	}
	return len(seq), nil
}

// osc checks an OSC string, which must be terminated.
func (ts *termStream) osc(b []byte) (int, error) {
	end, termLen := -1, 0
	for j := 2; j < len(b); j++ {
		if b[j] == 0x07 {
			end, termLen = j, 1
			break
		}
		if b[j] == 0x1b {
			if j+1 < len(b) && b[j+1] == '\\' {
				end, termLen = j, 2
				break
			}
			return 0, fmt.Errorf("OSC cut short by ESC: %q", near(b, 0))
		}
	}
	if end < 0 {
		return 0, fmt.Errorf("unterminated OSC %q", near(b, 0))
	}
	payload := string(b[2:end])
	cmd, text, _ := strings.Cut(payload, ";")
	switch cmd {
	case "0", "2":
		if err := safetext.CheckPlainText([]byte(text)); err != nil || strings.ContainsAny(text, "\n\t") {
			return 0, fmt.Errorf("window title %q is not clean text: %v", text, err)
		}
		ts.titles = append(ts.titles, text)
	case "8":
		params, uri, ok := strings.Cut(text, ";")
		if !ok || strings.Trim(params, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789=:_.-") != "" {
			return 0, fmt.Errorf("malformed OSC 8 %q", payload)
		}
		if uri != "" {
			clean, ok := safetext.URL(uri)
			if !ok || clean != uri || safetext.Host(uri) == "" ||
				!strings.HasPrefix(uri, "https://") && !strings.HasPrefix(uri, "http://") {
				return 0, fmt.Errorf("OSC 8 link to %q, which is not a vetted http(s) URL", uri)
			}
		}
		ts.links = append(ts.links, uri)
	case "10", "11", "12":
		if text != "?" {
			return 0, fmt.Errorf("OSC %s sets a colour: %q", cmd, payload)
		}
	default:
		return 0, fmt.Errorf("OSC %q is never allowed", payload)
	}
	return end + termLen, nil
}

// TestTermStreamCheckerIsNotBlind feeds the checker what a hostile post
// would try, so a checker that lets everything through fails here.
func TestTermStreamCheckerIsNotBlind(t *testing.T) {
	good := "\x1b[?1049h\x1b[?25l\x1b[H\x1b[2J\x1b[1;38;2;1;2;3mTin mới\x1b[m\r\n\x1b[3;5H\x1b[K\x1b[2X\b\t" +
		"\x1b]2;Tiêu đề — newsreader\x07\x1b]8;id=1;https://tin.example.vn/a\x1b\\link\x1b]8;;\x1b\\\x1b]11;?\x07" +
		"\x1b[?2026$p\x1b[>4;2m\x1b[>1u\x1b[<u\x1b[?u\x1b[2 q\x1b7\x1b8\x1b[?5W❤️‍🔥"
	ts, err := checkTermStream([]byte(good))
	if err != nil {
		t.Fatalf("good stream rejected: %v", err)
	}
	if len(ts.titles) != 1 || ts.titles[0] != "Tiêu đề — newsreader" || len(ts.links) != 2 {
		t.Errorf("titles %q, links %q", ts.titles, ts.links)
	}
	for _, bad := range []string{
		"\x1b]52;c;cHduZWQ=\x07", "\x1b]0;a\x1b[31mb\x07", "\x1b]2;pwn", "\x1b]2;a\u202eb\x07", "\x1b]50;font\x07",
		"\x1bP+q544e\x1b\\", "\x1b_Gx\x1b\\", "\x1b^x\x1b\\", "\x1bXx\x1b\\", "\x1b[21t", "\x1b[8;1;1t", "\x1b[c",
		"\x1b]8;;javascript:alert(1)\x07", "\x1b]8;;https://bank.example@evil.example/\x07", "\x1b]8;;file:///etc/passwd\x07",
		"\x1b]11;rgb:0/0/0\x07", "\x07", "\x00", "\x7f", "\u009b31m", "\u009d0;x\u009c", "a\u202eb", "\u2066", "\xff",
		"\x1bc", "\x1b", "\x1b[31", "\x1b]8;;https://a.example/\x1b[m",
	} {
		if _, err := checkTermStream([]byte("ok " + bad + " ok")); err == nil {
			t.Errorf("checker let %q through", bad)
		}
	}
}

// rawOutput is a copy of everything the program wrote so far.
func (tm *ptyTerm) rawOutput() []byte {
	tm.mu.Lock()
	defer tm.mu.Unlock()
	return bytes.Clone(tm.raw.Bytes())
}

// waitRaw waits until the program has written want.
func (tm *ptyTerm) waitRaw(want string) {
	tm.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !bytes.Contains(tm.rawOutput(), []byte(want)) {
		if time.Now().After(deadline) {
			tm.t.Fatalf("the program never wrote %q; the screen shows:\n%s", want, tm.screen())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// checkRaw holds all the program wrote to checkTermStream and to the
// payloads the hostile posts tried to smuggle.
func checkRaw(t *testing.T, tm *ptyTerm) termStream {
	t.Helper()
	raw := tm.rawOutput()
	ts, err := checkTermStream(raw)
	if err != nil {
		t.Errorf("terminal output: %v", err)
	}
	for _, h := range hostileFiles() {
		for _, s := range h.never {
			if bytes.Contains(raw, []byte(s)) {
				t.Errorf("terminal output holds %q, smuggled in by %s", s, h.shown)
			}
		}
	}
	return ts
}

// altScreen is what the program writes once it runs full screen, with the
// terminal in raw mode: keys sent after it are read as keys.
const altScreen = "\x1b[?1049h"

// TestHostileTerminal opens every hostile post in the pseudo-terminal,
// scrolls it and goes back, then holds every byte written to the promise:
// only SGR, vetted OSC 8 links, clean window titles and the renderer's own
// sequences.
func TestHostileTerminal(t *testing.T) {
	dir, files := writeHostile(t)
	ls := plainOrder(t, dir)
	byKey := map[string]hostile{}
	for _, h := range files {
		byKey[h.key()] = h
	}
	before := folderState(t, dir)
	tm := startTerm(t, dir, 160, 50, nil, ".")
	tm.waitFor("3 skipped")
	for i, l := range ls {
		h, ok := byKey[l.key()]
		if !ok {
			t.Fatalf("%q is not a post of the fixture", l.line)
		}
		if i > 0 {
			tm.send("j")
		}
		tm.send("\r")
		// The window title names the open post: the reader has it.
		tm.waitRaw("\x1b]2;" + h.title + " — newsreader")
		s := tm.waitFor(h.screen)
		if strings.ContainsRune(s, '\u202e') {
			t.Errorf("%s: the screen shows U+202E:\n%s", l.path, s)
		}
		tm.send("jjf ")
		tm.send("h")
	}
	tm.send("q")
	if code := tm.wait(); code != 0 {
		t.Fatalf("exit code %d", code)
	}
	if after := folderState(t, dir); after != before {
		t.Errorf("the reader changed the posts folder:\nbefore\n%s\nafter\n%s", before, after)
	}
	ts := checkRaw(t, tm)
	bidi := "Giá RẺ BẤT NGỜ hôm nay — newsreader"
	found := false
	for _, title := range ts.titles {
		found = found || title == bidi
	}
	if !found {
		t.Errorf("no window title %q among %q", bidi, ts.titles)
	}
}

// folderState describes every entry below dir, symlinks unfollowed: the
// reader must leave the posts folder exactly as it found it.
func folderState(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		fmt.Fprintf(&b, "%q %v %d %v\n", p, info.Mode(), info.Size(), info.ModTime().UnixNano())
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestHostileSizes runs the hostile folder at the sizes of issue 6; a pty
// can't be 0x0 in any useful way, so 1x1 is the smallest, and 12x2 is
// where only the "too small" message fits.
func TestHostileSizes(t *testing.T) {
	dir, _ := writeHostile(t)
	for _, sz := range [][2]int{{1, 1}, {12, 2}, {20, 5}, {300, 100}} {
		t.Run(fmt.Sprintf("%dx%d", sz[0], sz[1]), func(t *testing.T) {
			tm := startTerm(t, dir, sz[0], sz[1], nil, ".")
			tm.waitRaw(altScreen)
			tm.send("jjj\rjjf GG")
			tm.send("hJJKk")
			switch {
			case sz[0] >= 20:
				tm.waitFor("newsreader")
			case sz[0] >= len("too small"):
				tm.waitFor("too small")
			}
			tm.send("q")
			if code := tm.wait(); code != 0 {
				t.Fatalf("exit code %d, screen:\n%s", code, tm.screen())
			}
			checkRaw(t, tm)
		})
	}
}

// TestHostileResizeStorm resizes the terminal over and over while the
// 1 MB line renders.
func TestHostileResizeStorm(t *testing.T) {
	dir, _ := writeHostile(t)
	tm := startTerm(t, dir, 120, 40, nil, "dong-dai.md")
	tm.waitRaw(altScreen)
	for i := range 60 {
		ws := &pty.Winsize{Cols: uint16(1 + i*37%300), Rows: uint16(1 + i*13%100)}
		if err := pty.Setsize(tm.ptmx, ws); err != nil {
			t.Fatal(err)
		}
		if i%10 == 0 {
			tm.send("j")
		}
	}
	if err := pty.Setsize(tm.ptmx, &pty.Winsize{Cols: 120, Rows: 40}); err != nil {
		t.Fatal(err)
	}
	tm.waitFor("chữ nối chữ")
	tm.send("q")
	if code := tm.wait(); code != 0 {
		t.Fatalf("exit code %d, screen:\n%s", code, tm.screen())
	}
	checkRaw(t, tm)
}

// startTermEnv is startTerm with extra environment variables, which win
// over startTerm's own: it runs the binary through env(1).
func startTermEnv(t *testing.T, dir string, cols, rows int, env []string, args ...string) *ptyTerm {
	t.Helper()
	envPath, err := exec.LookPath("env")
	if err != nil {
		t.Skipf("no env command: %v", err)
	}
	bin := binPath
	binPath = envPath
	defer func() { binPath = bin }()
	return startTerm(t, dir, cols, rows, nil, append(append(env, bin), args...)...)
}

// TestHostilePoorTerminals: with no colours, a dumb terminal or no UTF-8
// locale the list still shows, keys work and q quits cleanly.
func TestHostilePoorTerminals(t *testing.T) {
	dir, _ := writeHostile(t)
	for _, env := range [][]string{{"NO_COLOR=1"}, {"TERM=dumb"}, {"LANG=C", "LC_ALL=C"}, {"RUNEWIDTH_EASTASIAN=1"}} {
		t.Run(strings.Join(env, " "), func(t *testing.T) {
			tm := startTermEnv(t, dir, 100, 30, env, ".")
			tm.waitFor("Bài bình th")
			tm.send("j\r")
			s := tm.waitFor("Doanbinhthuong")
			// The list's rows hold Vietnamese letters, "…" and "·", which
			// an East Asian width table counts as two columns; the divider
			// after the list must still be in one column on every row.
			if cols := dividerColumns(tm); len(cols) != 1 {
				t.Errorf("the divider is in columns %v, not one:\n%s", cols, s)
			}
			tm.send("q")
			if code := tm.wait(); code != 0 {
				t.Fatalf("exit code %d, screen:\n%s", code, tm.screen())
			}
			checkRaw(t, tm)
			if env[0] == "NO_COLOR=1" {
				if raw := tm.rawOutput(); bytes.Contains(raw, []byte("38;5;")) || bytes.Contains(raw, []byte("38;2;")) {
					i := bytes.Index(raw, []byte("38;"))
					t.Errorf("NO_COLOR is set, yet the program writes colours: %q", near(raw, i))
				}
			}
		})
	}
}

// dividerColumns lists the screen columns in which the rows between the
// header and the footer have the "│" between list and reader.
func dividerColumns(tm *ptyTerm) []int {
	tm.mu.Lock()
	defer tm.mu.Unlock()
	var cols []int
	for y := 1; y < tm.emu.Height()-1; y++ {
		for x := 0; x < tm.emu.Width(); x++ {
			if c := tm.emu.CellAt(x, y); c != nil && c.Content == "│" {
				if !slices.Contains(cols, x) {
					cols = append(cols, x)
				}
				break
			}
		}
	}
	return cols
}

// TestHostileFolderName: the folder's own name is outside text too, when
// a path comes from a pipe (grep -l … | newsreader) or the reader goes
// from a file to its folder.
func TestHostileFolderName(t *testing.T) {
	dir := t.TempDir()
	folder := "tin\x1b]0;pwn\x07\u202eđảo"
	if err := os.Mkdir(filepath.Join(dir, folder), 0o755); err != nil {
		t.Skipf("this file system refuses the name: %v", err)
	}
	post := filepath.Join(folder, "2025-01-01-bai.md")
	if err := os.WriteFile(filepath.Join(dir, post), []byte(front("title: Bài trong thư mục lạ\n", "Thanbaithumucla ở đây.\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, run := range []struct {
		name  string
		stdin string
		args  []string
	}{
		{"folder argument", "", []string{folder}},
		{"piped path", post + "\n", nil},
		{"file, then its folder", "", []string{post}},
	} {
		t.Run(run.name, func(t *testing.T) {
			var stdin io.Reader
			if run.stdin != "" {
				stdin = strings.NewReader(run.stdin)
			}
			tm := startTerm(t, dir, 100, 30, stdin, run.args...)
			tm.waitFor("Thanbaithumucla")
			tm.send("h")
			tm.waitFor("1 post")
			tm.send("q")
			if code := tm.wait(); code != 0 {
				t.Fatalf("exit code %d", code)
			}
			checkRaw(t, tm)
		})
	}
}
