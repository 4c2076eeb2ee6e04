// Command newsreader reads bilingual tech news kept as Markdown posts in a
// local folder, in the terminal.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/term"

	"github.com/newsreader/newsreader/posts"
	"github.com/newsreader/newsreader/posts/safetext"
	"github.com/newsreader/newsreader/posts/state"
	"github.com/newsreader/newsreader/posts/watch"
	"github.com/newsreader/newsreader/ui"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

const usage = `newsreader — read bilingual tech news kept as Markdown posts.

Usage:
  newsreader [flags] [FOLDER | FILE...]

With no argument it lists ./_posts or ./posts when they hold posts, else
the built-in sample posts. A path piped on standard input opens that post;
several paths list exactly those posts; piped post content is rendered.
When standard output is not a terminal, it prints instead of starting the
interface: an article as plain text, a folder as one line per post.

Examples:
  newsreader                      # ./_posts, ./posts, or the samples
  newsreader ~/blog/_posts        # list a folder
  newsreader _posts/2025-02-03-x.md
  echo _posts/x.md | newsreader   # open a piped path
  grep -l DeepSeek _posts/* | newsreader
  newsreader _posts > list.txt    # one line per post
  newsreader --json _posts | jq .title

Flags:
`

// config is what the command line asked for, with the environment and
// the config file filling in what it did not say.
type config struct {
	settings
	json       bool
	version    bool
	configPath string
	args       []string
}

// memoryLimit is the soft limit on the Go heap; GOMEMLIMIT overrides it.
const memoryLimit = 150 << 20

// errUsage marks errors that are the caller's to fix: exit code 2.
var errUsage = errors.New("usage")

func main() {
	neutralEastAsianWidth()
	if os.Getenv("GOMEMLIMIT") == "" {
		// Scanning a large folder makes garbage faster than the default
		// GC pacing returns it: at 100,000 posts the live heap is about
		// 90 MB but the process grew past 300 MB. A soft limit makes the
		// collector work harder only as the heap nears it.
		debug.SetMemoryLimit(memoryLimit)
	}
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

func parseFlags(args []string, stderr io.Writer, getenv func(string) string) (config, error) {
	var c config
	var fl settings
	fs := flag.NewFlagSet("newsreader", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.IntVar(&fl.Width, "width", 0, "text width of articles (default: the window, at most 120; 80 when printing)")
	fs.StringVar(&fl.Style, "style", "", "colours: auto, dark, light, notty, or a Glamour JSON style file (default auto)")
	fs.BoolVar(&c.json, "json", false, "print the posts as JSON lines instead of starting the interface")
	fs.StringVar(&fl.Prefer, "prefer", "", "show each story told in both languages once, in this one: vn or en")
	fs.StringVar(&fl.UILang, "ui-lang", "", "language of the interface: vi or en (default: from LC_ALL, LC_MESSAGES or LANG)")
	fs.StringVar(&fl.State, "state", "", "the file of read marks and bookmarks (default $XDG_STATE_HOME/newsreader/state.db)")
	fs.StringVar(&c.configPath, "config", defaultConfigPath(getenv), "the config file")
	fs.BoolVar(&c.version, "version", false, "print the version and exit")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), usage)
		fs.VisitAll(func(f *flag.Flag) {
			name, help := flag.UnquoteUsage(f)
			fmt.Fprintf(fs.Output(), "  %s\n    \t%s\n", strings.TrimSpace("--"+f.Name+" "+name), help)
		})
		fmt.Fprintf(fs.Output(), configHelp, defaultConfigPath(getenv))
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return c, err
		}
		return c, fmt.Errorf("%w: %v", errUsage, err)
	}
	c.args = fs.Args()
	if bad := fl.check(); bad != nil {
		return c, fmt.Errorf("%w: --%s %q: %s", errUsage, strings.ReplaceAll(bad.key, "_", "-"), bad.value, bad.want)
	}
	env, err := envSettings(getenv)
	if err != nil {
		return c, fmt.Errorf("%w: %v", errUsage, err)
	}
	explicit := false
	fs.Visit(func(f *flag.Flag) { explicit = explicit || f.Name == "config" })
	file, err := loadConfig(c.configPath, explicit)
	if err != nil {
		return c, fmt.Errorf("%w: %v", errUsage, err)
	}
	c.settings = fl.over(env.over(file))
	if c.Style == "" {
		c.Style = "auto"
	}
	return c, nil
}

const configHelp = `
Settings also come from the environment (NEWSREADER_DIR, NEWSREADER_UI_LANG,
NEWSREADER_STYLE, NEWSREADER_WIDTH, NEWSREADER_PREFER, NEWSREADER_STATE) and
from the config file, %s:

  dir: ~/blog/_posts      # the folder to list when none is given
  ui_lang: vi             # vi or en
  style: auto             # auto, dark, light, notty or a Glamour JSON file
  width: 100              # the article's text width at most
  prefer: vn              # fold VN/EN twins into one row in this language
  keys:                   # remap any action; see the help screen (?)
    quit: [q, x]

Flags win over the environment, which wins over the file.
`

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	c, err := parseFlags(args, stderr, os.Getenv)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		complain(stderr, strings.TrimPrefix(err.Error(), "usage: "))
		return 2
	}
	if c.version {
		fmt.Fprintf(stdout, "newsreader %s\n", version)
		return 0
	}
	keys, err := keyMap(uiLang(c.UILang, os.Getenv), keyLists(c.Keys))
	if err != nil {
		complain(stderr, fmt.Sprintf("config %s: keys: %v", c.configPath, err))
		return 2
	}
	tui := !c.json && isTerminal(stdout)
	src, err := load(c.args, stdin, c.Dir, tui)
	if err != nil {
		complain(stderr, strings.TrimPrefix(err.Error(), "usage: "))
		if errors.Is(err, errUsage) {
			return 2
		}
		return 1
	}
	if c.json {
		return printJSON(src.lib, stdout, stderr)
	}
	if !tui {
		return printPlain(src, c, stdout, stderr)
	}
	var (
		mu       sync.Mutex // watchDir runs in the interface's commands
		watchers []*watch.Watcher
	)
	defer func() {
		mu.Lock()
		defer mu.Unlock()
		for _, w := range watchers {
			w.Close()
		}
	}()
	// The interface starts watching once the folder is listed, so setting
	// up the watches (a walk of the folder) doesn't delay the first
	// screen; a file changed in the meantime is seen at its next change.
	watchDir := func(dir string) <-chan watch.Batch {
		w, err := watch.New(dir, watch.Options{})
		if err != nil {
			return nil // the list just doesn't follow the folder
		}
		mu.Lock()
		defer mu.Unlock()
		watchers = append(watchers, w)
		return w.Batches()
	}
	statePath := c.State
	if statePath == "" {
		statePath, _ = state.DefaultPath() // none: the reader keeps no marks
	}
	opts := ui.Options{Load: src.load, StatePath: expandHome(statePath), Watch: watchDir, Style: c.Style, MaxWidth: c.Width, Source: src.label, Samples: src.samples, Open: src.open, Lang: uiLang(c.UILang, os.Getenv), Prefer: preferLang(c.Prefer)}
	progOpts := []tea.ProgramOption{tea.WithOutput(stdout)}
	if stdout == os.Stdout {
		// Lip Gloss found the colours of standard output when it was
		// loaded; finding them again runs "tmux info" again in tmux, a
		// few milliseconds more before the first screen.
		progOpts = append(progOpts, tea.WithColorProfile(lipgloss.Writer.Profile))
	}
	p := tea.NewProgram(ui.New(src.lib, keys, opts), progOpts...)
	final, err := p.Run()
	if m, ok := final.(ui.Model); ok {
		// Marks made just before quitting are still being written.
		if cerr := m.Close(); cerr != nil {
			complain(stderr, "saving read marks: "+cerr.Error())
		}
	}
	if errors.Is(err, tea.ErrProgramPanic) {
		// Bubble Tea has restored the terminal and printed the trace.
		fmt.Fprintln(stderr, "newsreader: an internal error stopped the reader; the terminal has been restored. Please report it with the trace above.")
		return 1
	} else if err != nil {
		complain(stderr, err.Error())
		return 1
	}
	return 0
}

// uiLang picks the interface language: the flag, else the first locale
// variable that is set, as the C library reads them.
func uiLang(flagValue string, getenv func(string) string) ui.Lang {
	if flagValue != "" {
		return ui.Lang(flagValue)
	}
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if loc := getenv(v); loc != "" {
			if strings.HasPrefix(strings.ToLower(loc), "vi") {
				return ui.Vietnamese
			}
			return ui.English
		}
	}
	return ui.English
}

// complain prints a message for people on stderr. It often quotes a path
// as typed or piped, which is outside text like any other.
func complain(stderr io.Writer, msg string) {
	fmt.Fprintf(stderr, "newsreader: %s\n", safetext.Line(msg))
}

// keyLists is the config file's key remapping as keyMap takes it.
func keyLists(m map[string]keyList) map[string][]string {
	out := make(map[string][]string, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// expandHome reads a leading ~/ as the home folder, as a shell would.
func expandHome(p string) string {
	if rest, ok := strings.CutPrefix(p, "~/"); ok {
		if home, err := os.UserHomeDir(); err == nil {
			return filepath.Join(home, rest)
		}
	}
	return p
}

func preferLang(s string) posts.Lang {
	switch s {
	case "vn", "vi":
		return posts.LangVN
	case "en":
		return posts.LangEN
	}
	return posts.LangUnknown
}

// source is what to show: a library, what the header calls it, and the
// post to open first, if any.
type source struct {
	lib     *posts.Library
	label   string
	open    *posts.Post
	samples bool // the built-in sample posts
	// load, when set, scans the folder; lib is empty until it has.
	load func() (*posts.Library, error)
}

// load finds the posts: arguments, then piped standard input, then the
// default folders, then the built-in samples.
func load(args []string, stdin io.Reader, dir string, lazy bool) (source, error) {
	if len(args) > 0 {
		return loadPaths(args, lazy)
	}
	if f, ok := stdin.(*os.File); !ok || !isTerminal(f) {
		data, err := io.ReadAll(io.LimitReader(stdin, maxStdin+1))
		if err != nil {
			return source{}, fmt.Errorf("reading standard input: %w", err)
		}
		if len(data) > maxStdin {
			return source{}, fmt.Errorf("%w: standard input is larger than %d MB; pass the file's path instead", errUsage, maxStdin>>20)
		}
		if len(bytes.TrimSpace(data)) > 0 {
			if paths, ok := pathList(data); ok {
				return loadPaths(paths, lazy)
			}
			lib := posts.FromBytes("stdin", data)
			return source{lib: lib, label: "stdin", open: first(lib)}, nil
		}
	}
	if dir != "" {
		return loadPaths([]string{expandHome(dir)}, lazy)
	}
	for _, dir := range []string{"_posts", "posts"} {
		if st, err := os.Stat(dir); err == nil && st.IsDir() && !goPackage(dir) {
			if lazy && posts.HasMarkdown(dir) {
				return pendingDir(dir), nil
			}
			lib, err := posts.OpenDir(dir)
			if err == nil && len(lib.Posts) > 0 {
				return source{lib: lib, label: dir}, nil
			}
		}
	}
	lib, err := posts.Scan(posts.Samples(), "")
	if err != nil {
		return source{}, fmt.Errorf("reading the built-in samples: %w", err)
	}
	return source{lib: lib, samples: true}, nil
}

// goPackage reports whether dir holds Go source: then it is a package
// named posts (as in this project's own checkout, whose posts/ holds the
// samples and test fixtures among its code), not a folder of posts.
func goPackage(dir string) bool {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return false
	}
	for _, e := range entries {
		if !e.IsDir() && strings.HasSuffix(e.Name(), ".go") {
			return true
		}
	}
	return false
}

// maxStdin bounds what is read from a pipe: post content or a list of
// paths, neither of which is anywhere near this.
const maxStdin = 64 << 20

// pathList reports whether piped input is a list of existing paths, one
// per line, and returns them.
func pathList(data []byte) ([]string, bool) {
	var paths []string
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for sc.Scan() {
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" {
			continue
		}
		if _, err := os.Stat(line); err != nil {
			// Tolerate a path padded with spaces by whatever printed it.
			line = strings.TrimSpace(line)
			if _, err := os.Stat(line); err != nil {
				return nil, false
			}
		}
		paths = append(paths, line)
	}
	return paths, sc.Err() == nil && len(paths) > 0
}

// pendingDir is the folder dir, to be scanned by the interface once its
// first screen is up.
func pendingDir(dir string) source {
	return source{
		lib: posts.Pending(dir), label: dir,
		load: func() (*posts.Library, error) { return posts.OpenDir(dir) },
	}
}

// loadPaths reads the posts at the paths given. A folder is scanned now,
// or, when lazy, by the interface after its first screen is up.
func loadPaths(args []string, lazy bool) (source, error) {
	for _, a := range args {
		if _, err := os.Stat(a); err != nil {
			if errors.Is(err, os.ErrNotExist) {
				return source{}, fmt.Errorf("%w: %s: no such file or folder", errUsage, a)
			}
			return source{}, fmt.Errorf("%w: %s: %v", errUsage, a, err)
		}
	}
	if len(args) == 1 {
		if st, _ := os.Stat(args[0]); st.IsDir() {
			if lazy {
				return pendingDir(args[0]), nil
			}
			lib, err := posts.OpenDir(args[0])
			if err != nil {
				return source{}, fmt.Errorf("listing %s: %w", args[0], err)
			}
			return source{lib: lib, label: args[0]}, nil
		}
	}
	for _, a := range args {
		if st, _ := os.Stat(a); st.IsDir() {
			return source{}, fmt.Errorf("%w: %s is a folder: give one folder, or files only", errUsage, a)
		}
	}
	lib, err := posts.OpenFiles(args)
	if err != nil {
		return source{}, err
	}
	s := source{lib: lib, label: filepath.Dir(args[0])}
	if len(args) == 1 {
		s.open = first(lib)
	} else {
		s.label = fmt.Sprintf("%d files", len(args))
	}
	return s, nil
}

func first(lib *posts.Library) *posts.Post {
	if len(lib.Posts) == 0 {
		return nil
	}
	return lib.Posts[0]
}

func isTerminal(w any) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(f.Fd())
}

// printPlain is the output for a pipe or a file: the article when one post
// was asked for, else one line per post.
func printPlain(src source, c config, stdout, stderr io.Writer) int {
	w := bufio.NewWriter(stdout)
	defer w.Flush()
	width := c.Width
	if width == 0 {
		width = 80
	}
	color := os.Getenv("CLICOLOR_FORCE") != "" && os.Getenv("CLICOLOR_FORCE") != "0"
	if src.open != nil {
		fmt.Fprint(w, ui.RenderPlain(src.lib, src.open, width, color, uiLang(c.UILang, os.Getenv)))
		return 0
	}
	for _, p := range src.lib.Posts {
		fmt.Fprintln(w, plainLine(src.lib, p))
	}
	if n := src.lib.Skipped; n > 0 {
		complain(stderr, fmt.Sprintf("%d entries skipped (a .txt without front matter, a dangling or looping link, an unreadable folder)", n))
	}
	return 0
}

// plainLine is one post as a tab-separated line: date, language, hotness,
// topic, title, path. Fields are already free of tabs and newlines.
func plainLine(lib *posts.Library, p *posts.Post) string {
	date := "no-date"
	if p.HasDate {
		date = p.Date.Format("2006-01-02")
	}
	lang := p.Lang.String()
	if lang == "" {
		lang = "--"
	}
	title := p.Title
	if p.Err != nil {
		title = "[invalid: " + safetext.Line(p.Err.Error()) + "] " + title
	}
	return strings.Join([]string{date, lang, strings.Repeat("🔥", p.Hotness), p.Topic, title, lib.DisplayPath(p)}, "\t")
}

// jsonPost is a post as scripts see it.
type jsonPost struct {
	Path       string   `json:"path"`
	Title      string   `json:"title"`
	RawTitle   string   `json:"raw_title"`
	Hotness    int      `json:"hotness"`
	Topic      string   `json:"topic,omitempty"`
	Date       string   `json:"date,omitempty"`
	Lang       string   `json:"lang,omitempty"`
	Categories []string `json:"categories,omitempty"`
	Tags       []string `json:"tags,omitempty"`
	Source     string   `json:"source,omitempty"`
	Image      string   `json:"image,omitempty"`
	Error      string   `json:"error,omitempty"`
}

func printJSON(lib *posts.Library, stdout, stderr io.Writer) int {
	w := bufio.NewWriter(stdout)
	defer w.Flush()
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, p := range lib.Posts {
		jp := jsonPost{
			Path: lib.DisplayPath(p), Title: p.Title, RawTitle: p.RawTitle, Hotness: p.Hotness,
			Topic: p.Topic, Lang: strings.ToLower(p.Lang.String()), Categories: p.Categories,
			Tags: p.Tags, Source: p.Source, Image: p.Image,
		}
		if p.HasDate {
			jp.Date = p.Date.Format(time.RFC3339)
		}
		if p.Err != nil {
			jp.Error = safetext.Line(p.Err.Error())
		}
		if err := enc.Encode(jp); err != nil {
			fmt.Fprintf(stderr, "newsreader: writing JSON: %v\n", err)
			return 1
		}
	}
	return 0
}
