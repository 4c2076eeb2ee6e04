package ui

import (
	"errors"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/newsreader/newsreader/posts"
	"github.com/newsreader/newsreader/posts/fold"
)

// langFilter is the language shortcut's state: all, VN only, EN only.
type langFilter uint8

const (
	langAny langFilter = iota
	langVN
	langEN
)

func (l langFilter) query() string {
	switch l {
	case langVN:
		return "vn"
	case langEN:
		return "en"
	}
	return ""
}

// search is the state of the list's filter: what was typed, what it
// means, and the body search running behind it.
type search struct {
	input    textinput.Model
	active   bool // the search bar has the keyboard
	query    fold.Query
	queryErr string
	lang     langFilter
	order    posts.SortOrder

	index *posts.Index // built off the update loop; nil until then

	titleHits []int             // index positions matching on title and metadata
	body      *posts.BodySearch // the body search under way, if any
	bodyPos   []int             // the index position of each post it searches
	bodyHits  []int             // its matches so far: positions in the list it searches, in order
	gen       int               // generation of the body search; older results are dropped
	bodyBusy  bool

	// last is what the last complete search matched, title or body, by
	// index position: typing on narrows a query, and the narrower one
	// need only read the bodies of those posts again.
	last *lastSearch
}

// lastSearch is a complete search's query and its matches.
type lastSearch struct {
	index   *posts.Index
	query   fold.Query
	matched []bool // by index position
}

// remember keeps the matches of the search that just ended.
func (s *search) remember(bodyHits []int) {
	if len(s.query.Is) > 0 {
		s.last = nil // read marks change under a query; don't count on them
		return
	}
	matched := make([]bool, s.index.Len())
	for _, i := range s.titleHits {
		matched[i] = true
	}
	for _, h := range bodyHits {
		matched[s.bodyPos[h]] = true
	}
	s.last = &lastSearch{index: s.index, query: s.query, matched: matched}
}

func newSearch(isDark bool, t texts) search {
	in := textinput.New()
	in.Prompt = "/ "
	in.Placeholder = t.searchHint // the query keys, for whoever hasn't read the README
	in.SetStyles(inputStyles(isDark))
	return search{input: in}
}

// inputStyles is the search bar's look: a steady cursor, which also keeps
// the screen still while the reader thinks.
func inputStyles(isDark bool) textinput.Styles {
	st := textinput.DefaultStyles(isDark)
	st.Cursor.Blink = false
	return st
}

// titleItems is the title matches in list order. When the reader typed a
// word with its accents ("tỷ"), titles spelled exactly so come first, in
// their order; the others ("tý", "ty") follow.
func (s *search) titleItems() []*posts.Post {
	items := posts.Sorted(s.index.Posts(s.titleHits), s.order)
	var accented []string
	for i, raw := range s.query.Raw {
		if i < len(s.query.Words) && raw != s.query.Words[i] {
			accented = append(accented, raw)
		}
	}
	if len(accented) == 0 {
		return items
	}
	exact := func(p *posts.Post) bool {
		title := strings.ToLower(p.Title)
		for _, w := range accented {
			if !strings.Contains(title, w) {
				return false
			}
		}
		return true
	}
	out := make([]*posts.Post, 0, len(items))
	for _, p := range items {
		if exact(p) {
			out = append(out, p)
		}
	}
	for _, p := range items {
		if !exact(p) {
			out = append(out, p)
		}
	}
	return out
}

// stopBodySearch drops the body search under way: its results would be
// for another library.
func (s *search) stopBodySearch() {
	s.gen++
	if s.body != nil {
		s.body.Stop()
	}
	s.body, s.bodyHits, s.bodyBusy = nil, nil, false
}

// filtering reports whether anything narrows or reorders the list.
func (s *search) filtering() bool {
	return s.input.Value() != "" || s.lang != langAny || s.order != posts.SortNewest
}

// indexMsg brings the search index, built in the background.
type indexMsg struct {
	lib   *posts.Library
	index *posts.Index
	twins posts.Twins
	ids   map[*posts.Post]string
}

func buildIndex(lib *posts.Library) tea.Cmd {
	return func() tea.Msg {
		return indexMsg{lib: lib, index: posts.NewIndex(lib.Posts), twins: posts.PairTwins(lib.Posts), ids: postIDs(lib.Posts)}
	}
}

// bodyMsg brings the matches a body search found since the last one.
type bodyMsg struct {
	gen  int
	hits []int // positions in the searched list, in order
	done bool  // the search is over
}

// bodyWindow is how long a body search gathers matches after one is
// found before they are shown: the first ones soon after the keystroke,
// later ones without redrawing the list for each.
const (
	firstBodyWindow = 20 * time.Millisecond
	bodyWindow      = 100 * time.Millisecond
)

// waitBody waits in a tea.Cmd for the next matches of a body search.
func waitBody(b *posts.BodySearch, gen int, window time.Duration) tea.Cmd {
	return func() tea.Msg {
		hits, done := b.Next(window)
		return bodyMsg{gen: gen, hits: hits, done: done}
	}
}

// applySearch recomputes the list from the query, the language shortcut
// and the sort order, keeping the selected post selected when it is still
// listed, and starts a new body search when there are words to look for.
func (m *Model) applySearch() tea.Cmd {
	s := &m.search
	q, err := fold.Parse(s.input.Value())
	s.queryErr = ""
	if err != nil {
		var qe *fold.QueryError
		if errors.As(err, &qe) && m.text.lang == Vietnamese {
			s.queryErr = qe.Vietnamese()
		} else {
			s.queryErr = err.Error()
		}
	}
	if len(q.Is) > 0 && s.queryErr == "" && !m.marks.enabled() {
		s.queryErr = m.text.isNotYet
	}
	if q.Lang == "" {
		q.Lang = s.lang.query()
	}
	prev := s.query
	s.query = q
	s.stopBodySearch()

	if !s.filtering() || s.index == nil {
		s.titleHits = nil
		m.setItems(posts.Sorted(m.lib.Posts, s.order))
		return nil
	}
	// Typing on only narrows: test the previous matches, not every post.
	var within []int
	if s.titleHits != nil && q.Refines(prev) {
		within = s.titleHits
	}
	s.titleHits = s.index.Match(q, within)
	if len(q.Is) > 0 && m.marks.enabled() {
		kept := s.titleHits[:0:0]
		for _, i := range s.titleHits {
			if m.matchIs(s.index.Posts([]int{i})[0], q.Is) {
				kept = append(kept, i)
			}
		}
		s.titleHits = kept
	}
	m.setItems(s.titleItems())
	if len(q.Words) == 0 {
		return nil
	}
	// This runs on every keystroke over up to every post: a slice rather
	// than a map, and one Posts call rather than one per post, took a
	// quarter off a keystroke at 100,000 posts (BenchmarkSearchTitle).
	inTitle := make([]bool, s.index.Len())
	for _, i := range s.titleHits {
		inTitle[i] = true
	}
	// A query that narrows the last complete one can only match posts
	// that one matched: only their bodies are read again.
	var narrows []bool
	if l := s.last; l != nil && l.index == s.index && len(q.Is) == 0 && q.Refines(l.query) {
		narrows = l.matched
	}
	// Posts with an error are read too: the list shows them and Body
	// shows their text, front matter and all, and that is what the
	// search looks through (posts.SearchBodies).
	meta := s.index.MatchMeta(q)
	todo := make([]*posts.Post, 0, max(len(meta)-len(s.titleHits), 0))
	s.bodyPos = s.bodyPos[:0:0]
	for k, p := range s.index.Posts(meta) {
		i := meta[k]
		if !inTitle[i] && (narrows == nil || narrows[i]) && (!m.marks.enabled() || m.matchIs(p, q.Is)) {
			todo = append(todo, p)
			s.bodyPos = append(s.bodyPos, i)
		}
	}
	if len(todo) == 0 {
		s.remember(nil)
		return nil
	}
	s.body, s.bodyBusy = m.lib.SearchBodies(todo, q), true
	return waitBody(s.body, s.gen, firstBodyWindow)
}

// addBodyHits shows body matches after the title matches, newest first
// within each group, and waits for more.
func (m *Model) addBodyHits(msg bodyMsg) tea.Cmd {
	s := &m.search
	if msg.gen != s.gen || s.body == nil {
		return nil
	}
	if len(msg.hits) > 0 {
		// The searched list is in the library's order, so positions in
		// it sort the matches the way Sorted expects.
		s.bodyHits = mergeSorted(s.bodyHits, msg.hits)
		items := slices.Clone(s.titleItems())
		items = append(items, posts.Sorted(s.body.Posts(s.bodyHits), s.order)...)
		m.setItems(items)
	}
	if msg.done {
		s.remember(s.bodyHits)
		s.body, s.bodyBusy = nil, false
		return nil
	}
	return waitBody(s.body, s.gen, bodyWindow)
}

// mergeSorted merges two increasing lists into a new one.
func mergeSorted(a, b []int) []int {
	out := make([]int, 0, len(a)+len(b))
	for len(a) > 0 && len(b) > 0 {
		if a[0] <= b[0] {
			out, a = append(out, a[0]), a[1:]
		} else {
			out, b = append(out, b[0]), b[1:]
		}
	}
	return append(append(out, a...), b...)
}

// setItems replaces the list's posts, keeping the selected post selected
// when it is still there. With a preferred language, each pair of twins
// shows as one row, in that language.
func (m *Model) setItems(items []*posts.Post) {
	sel := m.list.Selected()
	if m.opts.Prefer != posts.LangUnknown && len(m.twins) > 0 && m.search.query.Lang == "" {
		kept := make([]*posts.Post, 0, len(items))
		for _, p := range items {
			if tw := m.twins[p]; tw == nil || p.Lang == m.opts.Prefer {
				kept = append(kept, p)
			}
		}
		items = kept
	}
	m.list.SetItems(items)
	if sel == nil || !m.list.SelectPost(sel) && !m.list.Select(sel.Path) {
		m.list.MoveTo(0)
	}
}
