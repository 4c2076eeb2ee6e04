package ui

import (
	tea "charm.land/bubbletea/v2"

	"github.com/newsreader/newsreader/posts"
	"github.com/newsreader/newsreader/posts/watch"
)

// batchMsg is one batch of changes in the folder, from the watcher.
type batchMsg struct {
	batch watch.Batch
	ok    bool // false when the watcher has stopped
}

// waitBatch waits for the watcher's next batch.
func waitBatch(ch <-chan watch.Batch) tea.Cmd {
	if ch == nil {
		return nil
	}
	return func() tea.Msg {
		b, ok := <-ch
		return batchMsg{batch: b, ok: ok}
	}
}

// libMsg brings the library with a batch of changes applied.
type libMsg struct {
	from    *posts.Library // the library the changes were applied to
	lib     *posts.Library
	changed []string
	err     error
}

// applyBatch reads the changed files, or the whole folder when the watcher
// lost track, off the update loop.
func applyBatch(lib *posts.Library, b watch.Batch) tea.Cmd {
	return func() tea.Msg {
		if b.Rescan {
			next, err := posts.OpenDir(lib.Folder())
			if err != nil {
				return libMsg{from: lib, err: err}
			}
			next.Root = lib.Root
			return libMsg{from: lib, lib: next}
		}
		return libMsg{from: lib, lib: lib.Apply(b.Changed, b.Removed), changed: append(b.Changed, b.Removed...)}
	}
}

// handleBatch starts applying a batch and waits for the next one.
func (m Model) handleBatch(msg batchMsg) (tea.Model, tea.Cmd) {
	if !msg.ok {
		return m, nil
	}
	b := msg.batch
	switch {
	case b.Note != "":
		m.status = b.Note
	case b.Err != nil:
		m.status = b.Err.Error()
	}
	next := waitBatch(m.opts.Changes)
	if !b.Rescan && len(b.Changed) == 0 && len(b.Removed) == 0 {
		return m, next
	}
	if m.live.busy {
		// One batch at a time: later ones wait, merged, for the library
		// the first one makes.
		m.live.pending = mergeBatches(m.live.pending, b)
		return m, next
	}
	m.live.busy = true
	return m, tea.Batch(next, applyBatch(m.lib, b))
}

// liveState is the live folder's bookkeeping: a batch being applied, and
// what came in meanwhile.
type liveState struct {
	busy    bool
	pending *watch.Batch
}

func mergeBatches(into *watch.Batch, b watch.Batch) *watch.Batch {
	if into == nil {
		into = &watch.Batch{}
	}
	into.Changed = append(into.Changed, b.Changed...)
	into.Removed = append(into.Removed, b.Removed...)
	into.Rescan = into.Rescan || b.Rescan
	return into
}

// swapLibrary shows the folder as it is now, keeping the selection, the
// scroll position and the filter, then applies what came in meanwhile.
func (m Model) swapLibrary(msg libMsg) (tea.Model, tea.Cmd) {
	m.live.busy = false
	var cmds []tea.Cmd
	switch {
	case msg.from != m.lib:
		// The folder was swapped meanwhile (esc from a single post).
	case msg.err != nil:
		m.status = msg.err.Error()
	default:
		m.lib = msg.lib
		if msg.changed == nil {
			m.cache = make(map[renderKey][]string)
		}
		for _, name := range msg.changed {
			for k := range m.cache {
				if k.path == name {
					delete(m.cache, k)
				}
			}
		}
		m.search.index, m.search.titleHits = nil, nil
		if !m.search.filtering() {
			m.setItems(m.lib.Posts)
		}
		cmds = append(cmds, buildIndex(m.lib), m.preview())
	}
	if p := m.live.pending; p != nil {
		m.live.pending, m.live.busy = nil, true
		cmds = append(cmds, applyBatch(m.lib, *p))
	}
	return m, tea.Batch(cmds...)
}
