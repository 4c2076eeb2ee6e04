package ui

import (
	"fmt"

	tea "charm.land/bubbletea/v2"

	"github.com/newsreader/newsreader/posts"
	"github.com/newsreader/newsreader/posts/safetext"
	"github.com/newsreader/newsreader/posts/state"
)

// marks are the read marks and bookmarks: what the store holds, kept in
// memory so that drawing a row never touches the disk. Writes go to the
// store from commands; the map is updated at once, in Update.
type marks struct {
	store  *state.Store
	w      *writer // applies the writes to store, in order
	byID   map[string]state.Mark
	ids    map[*posts.Post]string // a post's identity, computed with the index
	ready  bool                   // the store has been opened (or failed to)
	unread int                    // posts of the library not read, kept up to date
	// posts counts the posts of each identity: twins that share a source
	// link are one story, read in either language.
	posts map[string]int
}

func (mk *marks) id(p *posts.Post) string {
	if id, ok := mk.ids[p]; ok {
		return id
	}
	if mk.ids == nil {
		mk.ids = make(map[*posts.Post]string)
	}
	id := state.PostID(*p)
	mk.ids[p] = id
	return id
}

func (mk *marks) get(p *posts.Post) state.Mark { return mk.byID[mk.id(p)] }

// enabled reports whether marks are kept: a store is open.
func (mk *marks) enabled() bool { return mk.store != nil }

// stateMsg brings the opened store and every mark in it.
type stateMsg struct {
	store   *state.Store
	marks   map[string]state.Mark
	warning string
	err     error
}

// openState opens the store off the update loop. A store that can't be
// had leaves the reader working, without marks.
func openState(path string) tea.Cmd {
	if path == "" {
		return nil
	}
	return func() tea.Msg {
		st, warning, err := state.Open(path)
		if err != nil {
			return stateMsg{err: err}
		}
		all, err := st.Load()
		if err != nil {
			st.Close()
			return stateMsg{err: err, warning: warning}
		}
		return stateMsg{store: st, marks: all, warning: warning}
	}
}

// writeMsg reports a write to the store that failed.
type writeMsg struct{ err error }

// setRead marks posts read or unread, in memory now and in the store in
// the background.
func (m *Model) setRead(read bool, ps ...*posts.Post) tea.Cmd {
	if !m.marks.enabled() || len(ps) == 0 {
		return nil
	}
	var ids []string
	for _, p := range ps {
		id := m.marks.id(p)
		mk := m.marks.byID[id]
		if mk.Read == read {
			continue
		}
		mk.Read = read
		m.marks.byID[id] = mk
		ids = append(ids, id)
		n := max(m.marks.posts[id], 1)
		if read {
			m.marks.unread -= n
		} else {
			m.marks.unread += n
		}
	}
	if len(ids) == 0 {
		return nil
	}
	m.marks.w.put(func(st *state.Store) error {
		if len(ids) == 1 {
			return st.SetRead(ids[0], read)
		}
		return st.SetReadMany(ids, read)
	})
	return nil
}

// toggleStar flips a post's bookmark.
func (m *Model) toggleStar(p *posts.Post) tea.Cmd {
	if !m.marks.enabled() || p == nil {
		return nil
	}
	id := m.marks.id(p)
	mk := m.marks.byID[id]
	mk.Starred = !mk.Starred
	m.marks.byID[id] = mk
	starred := mk.Starred
	m.marks.w.put(func(st *state.Store) error { return st.SetStarred(id, starred) })
	return nil
}

// handleState takes the opened store.
func (m Model) handleState(msg stateMsg) (tea.Model, tea.Cmd) {
	m.marks.ready = true
	switch {
	case msg.err != nil:
		m.status = fmt.Sprintf(m.text.stateError, safetext.Line(msg.err.Error()))
	case msg.warning != "":
		m.status = safetext.Line(msg.warning)
	}
	if msg.store == nil {
		return m, nil
	}
	m.marks.store, m.marks.byID = msg.store, msg.marks
	m.marks.w = newWriter(msg.store)
	if m.marks.ids != nil {
		// Without the index's identities, counting would hash every post
		// here, in Update; the index's arrival counts instead.
		m.recount()
	}
	var cmds []tea.Cmd
	if m.focus == focusReader {
		cmds = append(cmds, m.setRead(true, m.current()))
	}
	if len(m.search.query.Is) > 0 {
		cmds = append(cmds, m.applySearch())
	}
	return m, tea.Batch(cmds...)
}

// recount counts the posts of the library not marked read, when the
// library or the marks change as a whole.
func (m *Model) recount() {
	n := 0
	for _, p := range m.lib.Posts {
		if !m.marks.get(p).Read {
			n++
		}
	}
	m.marks.unread = n
	if len(m.marks.posts) == 0 {
		m.marks.posts = make(map[string]int, len(m.lib.Posts))
		for _, p := range m.lib.Posts {
			m.marks.posts[m.marks.id(p)]++
		}
	}
}

// postIDs computes every post's identity for the marks; it hashes, so it
// runs with the index, off the update loop.
func postIDs(ps []*posts.Post) map[*posts.Post]string {
	ids := make(map[*posts.Post]string, len(ps))
	for _, p := range ps {
		ids[p] = state.PostID(*p)
	}
	return ids
}

// matchIs applies the query's is: filters.
func (m *Model) matchIs(p *posts.Post, is []string) bool {
	mk := m.marks.get(p)
	for _, want := range is {
		switch want {
		case "unread":
			if mk.Read {
				return false
			}
		case "read":
			if !mk.Read {
				return false
			}
		case "starred":
			if !mk.Starred {
				return false
			}
		}
	}
	return true
}
