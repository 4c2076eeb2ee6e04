package ui

import (
	"github.com/newsreader/newsreader/posts"
)

// readerPane shows one rendered article and scrolls it.
type readerPane struct {
	post    *posts.Post
	want    renderKey // the rendering this pane is waiting for or showing
	lines   []string
	have    bool // lines belong to want (not a stale size or post)
	offset  int
	width   int
	height  int
	focused bool
	// keep, when set, is the fraction of the article to open at: a twin
	// opens where its other-language version was being read.
	keep    float64
	hasKeep bool

	// Find in the article: the query, where it matches, and which match
	// is current.
	findQuery string
	matches   []findMatch
	cur       int
}

// KeepPosition makes the article being asked for open at this fraction
// of its length.
func (r *readerPane) KeepPosition(frac float64) {
	r.keep, r.hasKeep = frac, frac > 0
	if r.hasKeep && r.have {
		r.applyKeep()
	}
}

func (r *readerPane) applyKeep() {
	r.offset = int(r.keep * float64(len(r.lines)))
	r.hasKeep = false
	r.clampOffset()
}

func (r *readerPane) SetSize(w, h int) {
	r.width, r.height = max(w, 0), max(h, 0)
	r.clampOffset()
}

// Show sets the lines for the key the pane wants. Lines from an older key
// (a previous size, say) are still better than a blank pane, so they stay
// until the new ones arrive, but a different post never shows old text.
func (r *readerPane) Show(key renderKey, lines []string) {
	if key != r.want {
		return
	}
	if len(r.lines) > 0 && r.offset > 0 {
		// A re-render at a new width keeps the reading position
		// proportionally, so a resize doesn't throw the reader back.
		r.offset = r.offset * len(lines) / len(r.lines)
	}
	r.lines = lines
	r.have = true
	if r.hasKeep {
		r.applyKeep()
	}
	r.clampOffset()
	if r.findQuery != "" {
		r.SetFind(r.findQuery)
	}
}

// Want records the rendering the pane needs now. It reports whether the
// pane must ask for it (it isn't already showing it).
func (r *readerPane) Want(p *posts.Post, key renderKey) bool {
	if key == r.want && r.have {
		return false
	}
	if r.want.path != key.path {
		r.lines = nil
		r.offset = 0
		r.matches = nil
	}
	r.post = p
	r.want = key
	r.have = false
	return true
}

func (r *readerPane) Scroll(delta int) {
	r.offset += delta
	r.clampOffset()
}

func (r *readerPane) GotoTop()    { r.offset = 0 }
func (r *readerPane) GotoBottom() { r.offset = len(r.lines); r.clampOffset() }

func (r *readerPane) clampOffset() {
	r.offset = min(r.offset, max(len(r.lines)-r.height, 0))
	r.offset = max(r.offset, 0)
}

// Percent is how far through the article the reader is, 0–100.
func (r *readerPane) Percent() int {
	total := len(r.lines) - r.height
	if total <= 0 {
		return 100
	}
	return r.offset * 100 / total
}

func (r *readerPane) View(s Styles, t texts) string {
	if r.width <= 0 || r.height <= 0 {
		return ""
	}
	if r.post == nil {
		return block([]string{s.Meta.Render(t.noSelection)}, r.width, r.height)
	}
	if r.lines == nil {
		return block([]string{s.Meta.Render(t.loading)}, r.width, r.height)
	}
	end := min(r.offset+r.height, len(r.lines))
	shown := r.lines[r.offset:end]
	if len(r.matches) > 0 {
		shown = append([]string(nil), shown...)
		for i := range shown {
			shown[i] = r.highlight(r.offset+i, shown[i], s)
		}
	}
	return block(shown, r.width, r.height)
}
