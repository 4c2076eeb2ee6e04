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
	batch   watch.Batch // what was applied, to apply again if from is stale
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
				return libMsg{from: lib, batch: b, err: err}
			}
			next.Root = lib.Root
			return libMsg{from: lib, lib: next, batch: b}
		}
		changed := append(append([]string(nil), b.Changed...), b.Removed...)
		return libMsg{from: lib, lib: lib.Apply(b.Changed, b.Removed), batch: b, changed: changed}
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
	return m, tea.Batch(next, m.applyOrQueue(b))
}

// applyOrQueue applies a batch to the library, one batch at a time: one
// that comes while another is being applied waits, merged with any others,
// for the library the first one makes. Edits go through here too.
func (m *Model) applyOrQueue(b watch.Batch) tea.Cmd {
	if m.live.busy {
		m.live.pending = mergeBatches(m.live.pending, b)
		return nil
	}
	m.live.busy = true
	return applyBatch(m.lib, b)
}

// liveState is the live folder's bookkeeping: a batch being applied, and
// what came in meanwhile.
type liveState struct {
	busy    bool
	pending *watch.Batch
}

// mergeBatches adds b to the batch waiting in into. Each file is listed
// once, by what happened to it last: a file removed and then written again
// is changed, one written and then removed is removed.
func mergeBatches(into *watch.Batch, b watch.Batch) *watch.Batch {
	if into == nil {
		into = &watch.Batch{}
	}
	drop := func(list []string, gone []string) []string {
		if len(gone) == 0 {
			return list
		}
		set := make(map[string]bool, len(gone))
		for _, g := range gone {
			set[g] = true
		}
		kept := list[:0:0]
		for _, name := range list {
			if !set[name] {
				kept = append(kept, name)
			}
		}
		return kept
	}
	into.Changed = append(drop(drop(into.Changed, b.Removed), b.Changed), b.Changed...)
	into.Removed = append(drop(drop(into.Removed, b.Changed), b.Removed), b.Removed...)
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
		// The library was replaced meanwhile (esc from a single post):
		// the batch still holds, on the new one.
		m.live.pending = mergeBatches(m.live.pending, msg.batch)
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
		m.search.stopBodySearch()
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

// watchMsg brings the batches of a watcher started off the update loop
// (setting up the watches walks the whole folder).
type watchMsg struct{ ch <-chan watch.Batch }

// startWatch starts following the library's folder, once, when there is a
// folder and a way to watch it.
func (m *Model) startWatch() tea.Cmd {
	if m.opts.Watch == nil || m.opts.Changes != nil || m.watching || m.lib.Folder() == "" {
		return nil
	}
	m.watching = true
	watchDir, dir := m.opts.Watch, m.lib.Folder()
	return func() tea.Msg { return watchMsg{ch: watchDir(dir)} }
}
