package ui

import (
	tea "charm.land/bubbletea/v2"

	"github.com/newsreader/newsreader/posts"
)

// loadedMsg brings the library of a folder scanned after the first screen
// was drawn.
type loadedMsg struct {
	lib *posts.Library
	err error
}

// loadLibrary runs the scan that Options.Load describes, off the update
// loop, so the screen is up while a large folder is read.
func loadLibrary(load func() (*posts.Library, error)) tea.Cmd {
	if load == nil {
		return nil
	}
	return func() tea.Msg {
		lib, err := load()
		return loadedMsg{lib: lib, err: err}
	}
}

// handleLoaded shows the scanned folder, then applies the changes the
// watcher saw while it was being read.
func (m Model) handleLoaded(msg loadedMsg) (tea.Model, tea.Cmd) {
	m.loading = false
	m.live.busy = false
	if msg.err != nil || msg.lib == nil {
		m.status = m.text.loadError + ": " + errText(msg.err)
		return m, nil
	}
	m.lib = msg.lib
	m.setItems(posts.Sorted(m.lib.Posts, m.search.order))
	if m.opts.Open != nil {
		m.list.Select(m.opts.Open.Path)
	}
	cmds := []tea.Cmd{buildIndex(m.lib), m.preview(), m.startWatch()}
	if p := m.live.pending; p != nil {
		m.live.pending, m.live.busy = nil, true
		cmds = append(cmds, applyBatch(m.lib, *p))
	}
	return m, tea.Batch(cmds...)
}

func errText(err error) string {
	if err == nil {
		return "no posts"
	}
	return err.Error()
}
