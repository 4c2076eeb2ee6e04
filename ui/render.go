package ui

import (
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"strings"
	"sync"
	"time"

	"charm.land/glamour/v2"
	gansi "charm.land/glamour/v2/ansi"
	"charm.land/glamour/v2/styles"
	"github.com/charmbracelet/x/ansi"

	"github.com/newsreader/newsreader/posts"
	"github.com/newsreader/newsreader/posts/safetext"
)

// maxArticleWidth caps the text column: long lines are hard to read.
const maxArticleWidth = 120

// renderKey identifies one rendering of one post. A result is kept in the
// cache under its key and shown only if the reader still wants that key.
type renderKey struct {
	path string
	// post tells apart files whose paths clean to the same text, such as
	// one name in NFC and another in NFD, so one never shows the other.
	post  *posts.Post
	width int
	style string
}

// renderedMsg carries a finished rendering back to the update loop.
// skipped is set, with no lines, for a rendering that was no longer
// wanted when its turn came.
type renderedMsg struct {
	key     renderKey
	lines   []string
	skipped bool
}

// renderGate lets a few renderings run at once, and drops those the
// reader no longer wants by the time their turn comes. Dragging the edge
// of a window sends a size for every step, and each asks for the article
// at the new width: a long article takes seconds in Glamour, and without
// the gate each step would start one more of them, all running at once.
// Only the last step's renderings are still wanted when a slot frees.
type renderGate struct {
	slots chan struct{}

	mu     sync.Mutex
	wanted map[renderKey]bool
	ran    int // renderings done, for the tests
}

func newRenderGate(n int) *renderGate {
	return &renderGate{slots: make(chan struct{}, max(n, 1)), wanted: map[renderKey]bool{}}
}

// want replaces the set of wanted renderings.
func (g *renderGate) want(keys []renderKey) {
	g.mu.Lock()
	defer g.mu.Unlock()
	clear(g.wanted)
	for _, k := range keys {
		g.wanted[k] = true
	}
}

// run waits for a slot, then renders with do if key is still wanted.
func (g *renderGate) run(key renderKey, do func() []string) ([]string, bool) {
	g.slots <- struct{}{}
	defer func() { <-g.slots }()
	g.mu.Lock()
	ok := g.wanted[key]
	if ok {
		g.ran++
	}
	g.mu.Unlock()
	if !ok {
		return nil, false
	}
	return do(), true
}

// renderer pools: a glamour.TermRenderer is not safe for concurrent use,
// and building one parses a whole style, so each (style, width) keeps a
// pool of them.
var renderers sync.Map // rendererKey -> *sync.Pool

type rendererKey struct {
	style      string
	width      int
	imageLabel string
}

func getRenderer(style string, width int, imageLabel string) (*glamour.TermRenderer, *sync.Pool, error) {
	k := rendererKey{style, width, imageLabel}
	v, _ := renderers.LoadOrStore(k, &sync.Pool{})
	pool := v.(*sync.Pool)
	if r, ok := pool.Get().(*glamour.TermRenderer); ok {
		return r, pool, nil
	}
	cfg, err := styleConfig(style, imageLabel)
	if err != nil {
		return nil, pool, err
	}
	r, err := glamour.NewTermRenderer(
		glamour.WithStyles(cfg),
		glamour.WithWordWrap(width),
		glamour.WithTableWrap(true),
	)
	return r, pool, err
}

// styleConfig is the Glamour style named style, or stored in the JSON
// file style (a name is tried first, as glamour.WithStylePath does), with
// Glamour's "Image:" label in front of an image's text replaced by
// imageLabel, so that it follows the interface language.
func styleConfig(style, imageLabel string) (gansi.StyleConfig, error) {
	var cfg gansi.StyleConfig
	if std, ok := styles.DefaultStyles[style]; ok {
		cfg = *std
	} else {
		data, err := os.ReadFile(style)
		if err != nil {
			return cfg, fmt.Errorf("glamour: error reading file: %w", err)
		}
		if err := json.Unmarshal(data, &cfg); err != nil {
			return cfg, err
		}
	}
	if rest, ok := strings.CutPrefix(cfg.ImageText.Format, "Image:"); ok && imageLabel != "" {
		cfg.ImageText.Format = imageLabel + rest
	}
	return cfg, nil
}

// renderMarkdown renders a cleaned body with Glamour and filters the result
// so that only our styling and validated links reach the terminal.
func renderMarkdown(body, style string, width int, imageLabel string) (string, error) {
	r, pool, err := getRenderer(style, width, imageLabel)
	if err != nil {
		return "", err
	}
	md, _ := posts.ForRendering(body)
	out, err := r.Render(md)
	pool.Put(r)
	if err != nil {
		return "", err
	}
	return safetext.Terminal(out), nil
}

// articleWidth is the text width for a pane of paneW columns.
func articleWidth(paneW, maxW int) int {
	if maxW <= 0 {
		maxW = maxArticleWidth
	}
	return max(min(paneW, maxW), 1)
}

// renderArticle reads a post's body and renders the whole article: our
// header, then the body. It does file I/O and is run from a tea.Cmd, never
// from Update.
func renderArticle(lib *posts.Library, p *posts.Post, width int, style string, s Styles, t texts, now time.Time) []string {
	var b strings.Builder
	b.WriteString(indent(articleHeader(lib, p, width-headerIndent, s, t, now), headerIndent))
	body, err := lib.Body(p)
	if err != nil {
		b.WriteString("\n")
		b.WriteString(s.Error.Render(wrap(fmt.Sprintf(t.readError, err), width)))
		b.WriteString("\n")
		return strings.Split(b.String(), "\n")
	}
	out, err := renderMarkdown(dropSourceLine(body, p.Source), style, width, t.imageLabel)
	if err != nil {
		// Glamour failing must not hide the text: show it unrendered.
		out = wrap(safetext.Text(body), width)
	}
	b.WriteString(strings.TrimRight(out, "\n"))
	lines := strings.Split(b.String(), "\n")
	for i, ln := range lines {
		if ansi.StringWidth(ln) > width {
			lines[i] = ansi.Truncate(ln, width, "")
		}
	}
	return lines
}

// articleHeader is the block above the body: markers, topic, title, date,
// language, categories and the source link, the link as an OSC 8 hyperlink
// whose visible text is the real URL.
func articleHeader(lib *posts.Library, p *posts.Post, width int, s Styles, t texts, now time.Time) string {
	var lines []string
	if p.Err != nil {
		lines = append(lines, s.BadMark.Render("⚠ "+wrap(t.badPost, width-2)))
		lines = append(lines, s.Error.Render(wrap(lib.DisplayPath(p)+": "+safetext.Line(p.Err.Error()), width)))
		lines = append(lines, s.Meta.Render(wrap(t.badPostHint, width)))
		lines = append(lines, "")
	}
	var tags []string
	if h := hotMarks(p.Hotness); h != "" {
		tags = append(tags, h)
	}
	if p.Topic != "" {
		tags = append(tags, s.Badge(p.Topic).Render(" "+p.Topic+" "))
	}
	if lang := p.Lang.String(); lang != "" {
		st := s.LangEN
		if p.Lang == posts.LangVN {
			st = s.LangVN
		}
		tags = append(tags, st.Render(lang))
	}
	if len(tags) > 0 {
		lines = append(lines, strings.Join(tags, " "))
	}
	lines = append(lines, s.Title.Render(wrap(p.Title, width)))
	var meta []string
	if p.HasDate {
		meta = append(meta, t.fullDate(p.Date, now))
	} else {
		meta = append(meta, t.noDate)
	}
	if cats := append(append([]string{}, p.Categories...), p.Tags...); len(cats) > 0 {
		meta = append(meta, strings.Join(cats, ", "))
	}
	lines = append(lines, s.Meta.Render(wrap(strings.Join(meta, " · "), width)))
	if u, ok := safetext.URL(p.Source); ok {
		label := t.source + ": "
		shown := ansi.Hardwrap(u, max(width-ansi.StringWidth(label), 8), false)
		var linked []string
		for _, part := range strings.Split(shown, "\n") {
			linked = append(linked, ansi.SetHyperlink(u)+s.Link.Render(part)+ansi.ResetHyperlink())
		}
		lines = append(lines, s.Meta.Render(label)+strings.Join(linked, "\n"+strings.Repeat(" ", ansi.StringWidth(label))))
	}
	if p.Note != "" {
		lines = append(lines, s.Meta.Render(wrap(p.Note, width)))
	}
	lines = append(lines, s.Divider.Render(strings.Repeat("─", max(width, 1))))
	return strings.Join(lines, "\n") + "\n"
}

// sourceLine matches a paragraph that is only a Markdown link.
var sourceLine = regexp.MustCompile(`^\[[^\]\n]*\]\(<?([^)\s>]+)>?\)$`)

// dropSourceLine removes the link to the source article that posts open
// with: the header already shows it, with its real URL.
func dropSourceLine(body, source string) string {
	if source == "" {
		return body
	}
	rest := strings.TrimLeft(body, " \t\n")
	first, after, _ := strings.Cut(rest, "\n")
	if m := sourceLine.FindStringSubmatch(strings.TrimSpace(first)); m != nil && m[1] == source {
		return after
	}
	return body
}

// headerIndent lines the header up with Glamour's document margin.
const headerIndent = 2

func indent(s string, n int) string {
	pad := strings.Repeat(" ", n)
	return pad + strings.ReplaceAll(s, "\n", "\n"+pad)
}

// wrap word-wraps plain text to width columns without splitting a
// grapheme cluster.
func wrap(s string, width int) string {
	if width <= 0 {
		return s
	}
	return ansi.Wrap(s, width, "")
}

// RenderPlain renders one post for a pipe or a file: header and body, and
// not one escape sequence unless color is true.
func RenderPlain(lib *posts.Library, p *posts.Post, width int, color bool, lang Lang) string {
	style := "notty"
	if color {
		style = "dark"
	}
	s := newStyles(true)
	lines := renderArticle(lib, p, width, style, s, textsFor(lang), time.Now())
	var b strings.Builder
	for _, ln := range lines {
		if !color {
			ln = ansi.Strip(ln)
		}
		b.WriteString(strings.TrimRight(ln, " "))
		b.WriteByte('\n')
	}
	return b.String()
}
