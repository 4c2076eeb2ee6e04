package ui

import (
	"strconv"
	"strings"
	"time"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/newsreader/newsreader/posts"
	"github.com/newsreader/newsreader/posts/fold"
)

// listPane is the list of posts. It renders only the rows on screen, so a
// key press costs the same at ten posts or a hundred thousand.
type listPane struct {
	items   []*posts.Post
	cursor  int
	offset  int
	width   int
	height  int
	focused bool
	words   []string  // search words to highlight in titles
	now     time.Time // for "3 hours ago"
	twins   posts.Twins
	marks   *marks // nil or disabled: no read marks to show
	empty   string // what an empty list says
	// rows is shared by the copies of the pane that Bubble Tea's value
	// models make, so View, which runs on a copy, can keep what it drew.
	rows *rowCache
}

func (l *listPane) SetSize(w, h int) {
	l.width, l.height = max(w, 0), max(h, 0)
	l.clamp()
	if l.rows == nil {
		l.rows = &rowCache{}
	}
}

func (l *listPane) SetItems(items []*posts.Post) {
	l.items = items
	l.clamp()
	if l.rows == nil {
		l.rows = &rowCache{}
	}
}

// Selected is the post under the cursor, or nil for an empty list.
func (l listPane) Selected() *posts.Post {
	if l.cursor < 0 || l.cursor >= len(l.items) {
		return nil
	}
	return l.items[l.cursor]
}

// Select moves the cursor to the post with this path, if it is listed.
func (l *listPane) Select(path string) bool {
	for i, p := range l.items {
		if p.Path == path {
			l.MoveTo(i)
			return true
		}
	}
	return false
}

// SelectPost moves the cursor to p, if it is listed.
func (l *listPane) SelectPost(p *posts.Post) bool {
	for i, q := range l.items {
		if q == p {
			l.MoveTo(i)
			return true
		}
	}
	return false
}

// MoveTo puts the cursor on row i (clamped) and scrolls it into view.
func (l *listPane) MoveTo(i int) {
	l.cursor = i
	l.clamp()
}

// Move moves the cursor by delta rows.
func (l *listPane) Move(delta int) { l.MoveTo(l.cursor + delta) }

// Scroll moves the window by delta rows, dragging the cursor along only
// when it would leave the screen (as the mouse wheel does in most readers).
func (l *listPane) Scroll(delta int) {
	maxOff := max(len(l.items)-l.height, 0)
	l.offset = min(max(l.offset+delta, 0), maxOff)
	if l.cursor < l.offset {
		l.cursor = l.offset
	}
	if l.height > 0 && l.cursor >= l.offset+l.height {
		l.cursor = l.offset + l.height - 1
	}
}

// RowAt is the index of the post shown on screen row y of the pane, or -1.
func (l *listPane) RowAt(y int) int {
	i := l.offset + y
	if y < 0 || y >= l.height || i >= len(l.items) {
		return -1
	}
	return i
}

func (l *listPane) clamp() {
	n := len(l.items)
	l.cursor = min(max(l.cursor, 0), max(n-1, 0))
	if l.height <= 0 {
		return
	}
	if l.cursor < l.offset {
		l.offset = l.cursor
	}
	if l.cursor >= l.offset+l.height {
		l.offset = l.cursor - l.height + 1
	}
	l.offset = min(max(l.offset, 0), max(n-l.height, 0))
}

func (l *listPane) View(s Styles, t texts) string {
	if l.width <= 0 || l.height <= 0 {
		return ""
	}
	if len(l.items) == 0 {
		return block([]string{s.Meta.Render(l.empty)}, l.width, l.height)
	}
	lines := make([]string, 0, l.height)
	end := min(l.offset+l.height, len(l.items))
	c := l.rows
	if c == nil {
		c = &rowCache{}
	}
	c.begin(rowEnv{width: l.width, focused: l.focused, dark: s.isDark, lang: t.lang, words: strings.Join(l.words, "\x00"),
		marks: l.marks != nil && l.marks.enabled()})
	for i := l.offset; i < end; i++ {
		p, selected := l.items[i], i == l.cursor
		k := rowKey{p: p, selected: selected, twin: l.twins[p] != nil}
		if p.HasDate {
			k.date = t.shortDate(p.Date, l.now)
		}
		if l.marks != nil && l.marks.enabled() {
			mk := l.marks.get(p)
			k.unread, k.starred = !mk.Read, mk.Starred
		}
		row, ok := c.get(k)
		if !ok {
			row = l.row(s, t, p, selected)
		}
		c.put(k, row)
		lines = append(lines, row)
	}
	return block(lines, l.width, l.height)
}

// rowCache keeps the rows of the last frame. From one frame to the next
// usually only the cursor moves, and styling a row's dozen pieces with
// lipgloss made a frame of forty rows cost about 2 ms, over the 1 ms a
// key may take (BenchmarkKeyJ); reused rows bring it well under.
type rowCache struct {
	env        rowEnv
	last, this map[rowKey]string
}

// rowEnv is what every row depends on: when it changes, no row is reused.
type rowEnv struct {
	width         int
	focused, dark bool
	lang          Lang
	words         string
	marks         bool // read marks are shown (rows look different before the store opens)
}

// rowKey is what one row depends on besides its rowEnv. A post is never
// changed in place (a changed file is a new *Post), so its pointer stands
// for its fields.
type rowKey struct {
	p                               *posts.Post
	selected, twin, unread, starred bool
	date                            string // as shown: "3 hours ago" moves on
}

// begin starts a frame: the rows drawn in the frame before it are kept
// for reuse, and older ones dropped, so the cache never holds more than
// two screens.
func (c *rowCache) begin(env rowEnv) {
	if env != c.env {
		clear(c.this)
		c.env = env
	}
	c.last, c.this = c.this, c.last
	if c.this == nil {
		c.this = make(map[rowKey]string)
	}
	clear(c.this)
}

func (c *rowCache) get(k rowKey) (string, bool) {
	row, ok := c.last[k]
	return row, ok
}

func (c *rowCache) put(k rowKey, row string) { c.this[k] = row }

// segment is a piece of a row and its style; a selected row restyles each
// piece so nested resets can't cut its background short.
type segment struct {
	text  string
	style lipgloss.Style
}

const (
	hotWidth  = 6  // 🔥🔥🔥
	dateWidth = 13 // "59 phút trước"
	langWidth = 3  // "VN⇄"
	maxBadge  = 14
)

// row renders one post as exactly l.width columns:
// hotness, topic badge, title, date, language.
func (l *listPane) row(s Styles, t texts, p *posts.Post, selected bool) string {
	w := l.width
	var segs []segment
	used := 0
	add := func(text string, st lipgloss.Style) {
		segs = append(segs, segment{text, st})
		used += ansi.StringWidth(text)
	}
	showHot := w >= 24
	showBadge := w >= 36 && p.Topic != ""
	showDate := w >= 44
	showLang := w >= 16

	unread, starred, titleStyle := false, false, s.Row
	if l.marks != nil && l.marks.enabled() {
		mk := l.marks.get(p)
		unread, starred = !mk.Read, mk.Starred
		if unread {
			titleStyle = s.Unread
		} else {
			titleStyle = s.ReadRow
		}
	}
	switch {
	case selected:
		add("▸", s.Row)
	case unread:
		add("•", s.Unread)
	default:
		add(" ", s.Row)
	}
	if showHot {
		if p.Err != nil {
			add(fit("⚠", hotWidth), s.BadMark)
		} else {
			add(fit(hotMarks(p.Hotness), hotWidth), s.Row)
		}
		add(" ", s.Row)
	} else if p.Err != nil {
		add("⚠ ", s.BadMark)
	}
	right := 0
	if showDate {
		right += dateWidth + 1
	}
	if showLang {
		right += langWidth + 1
	}
	if showBadge {
		badge := " " + ansi.Truncate(p.Topic, maxBadge-2, "…") + " "
		add(badge, s.Badge(p.Topic))
		add(" ", s.Row)
	}
	titleW := w - used - right - 1
	if titleW < 1 {
		titleW = max(w-used, 0)
		right = 0
		showDate, showLang = false, false
	}
	title := p.Title
	if starred {
		title = "★ " + title
	}
	for _, sg := range titleSegments(title, titleW, l.words, titleStyle, s.Match) {
		add(sg.text, sg.style)
	}
	if right > 0 {
		add(" ", s.Row)
	}
	if showDate {
		if p.HasDate {
			add(fit(t.shortDate(p.Date, l.now), dateWidth), s.Date)
		} else {
			add(fit(t.noDate, dateWidth), s.NoDate)
		}
		add(" ", s.Row)
	}
	if showLang {
		lang := p.Lang.String()
		st := s.LangEN
		if p.Lang == posts.LangVN {
			st = s.LangVN
		}
		if l.twins[p] != nil {
			lang += t.twin
		}
		add(fit(lang, langWidth), st)
		add(" ", s.Row)
	}

	var b strings.Builder
	for _, sg := range segs {
		st := sg.style
		if selected {
			if l.focused {
				st = st.Inherit(s.RowSelected)
			} else {
				st = st.Inherit(s.RowBlurred)
			}
		}
		b.WriteString(st.Render(sg.text))
	}
	return fit(b.String(), w)
}

// titleSegments fits a title to w columns and marks the characters that
// match the search words, on the original accented text.
func titleSegments(title string, w int, words []string, base, match lipgloss.Style) []segment {
	fitted := fit(title, w)
	if len(words) == 0 {
		return []segment{{fitted, base}}
	}
	keep := len(title)
	if ansi.StringWidth(title) > w {
		keep = len(strings.TrimSuffix(ansi.Truncate(title, w, "…"), "…"))
	}
	var segs []segment
	at := 0
	for _, r := range fold.Highlight(title, words) {
		start, end := r[0], min(r[1], keep)
		if start >= keep {
			break
		}
		if start > at {
			segs = append(segs, segment{title[at:start], base})
		}
		segs = append(segs, segment{title[start:end], match})
		at = end
	}
	rest := fitted[at:] // fitted begins with the same bytes as title[:keep]
	return append(segs, segment{rest, base})
}

// hotMarks draws hotness as flames; past three it shows the number so the
// column keeps its width.
func hotMarks(n int) string {
	switch {
	case n <= 0:
		return ""
	case n <= 3:
		return strings.Repeat("🔥", n)
	default:
		return "🔥×" + strconv.Itoa(n)
	}
}
