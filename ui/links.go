package ui

import (
	"fmt"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/newsreader/newsreader/posts"
	"github.com/newsreader/newsreader/posts/safetext"
	"github.com/newsreader/newsreader/ui/browser"
)

// linkDoneMsg reports how opening or copying a link went.
type linkDoneMsg struct {
	text string // what to say in the status line
	err  error
}

// openLink opens url in the browser, from a command: starting a program
// is I/O.
func (m *Model) openLink(raw string) tea.Cmd {
	u, ok := safetext.URL(raw)
	if !ok {
		m.status = fmt.Sprintf(m.text.linkRefused, safetext.Line(raw))
		return nil
	}
	t := m.text
	opened := linkDoneMsg{text: fmt.Sprintf(t.linkOpened, safetext.Host(u))}
	// A browser that draws in the terminal (w3m, lynx…) gets it, as the
	// editor does, and gives it back when it exits.
	if cmd, err := browser.TerminalCommand(u); err != nil {
		return func() tea.Msg { return linkDoneMsg{err: err} }
	} else if cmd != nil {
		return tea.ExecProcess(cmd, func(err error) tea.Msg {
			if err != nil {
				return linkDoneMsg{err: err}
			}
			return opened
		})
	}
	return func() tea.Msg {
		if err := browser.Open(u); err != nil {
			return linkDoneMsg{err: err}
		}
		return opened
	}
}

// copyLink puts url on the clipboard: through the terminal (OSC 52, which
// works over ssh) and the system clipboard when there is one.
func (m *Model) copyLink(raw string) tea.Cmd {
	u, ok := safetext.URL(raw)
	if !ok {
		m.status = fmt.Sprintf(m.text.linkRefused, safetext.Line(raw))
		return nil
	}
	t := m.text
	return tea.Batch(tea.SetClipboard(u), func() tea.Msg {
		if err := browser.Copy(u); err != nil {
			// OSC 52 has been sent; whether the terminal took it can't be
			// known, so say what was done.
			return linkDoneMsg{text: fmt.Sprintf(t.linkCopiedTerm, u)}
		}
		return linkDoneMsg{text: fmt.Sprintf(t.linkCopied, u)}
	})
}

// linkPicker lists every link of the article being read, numbered, each
// with the host it really leads to.
type linkPicker struct {
	open   bool
	links  []posts.Link
	cursor int
	err    string
}

// linksMsg brings the links of a post's body, read off the update loop.
type linksMsg struct {
	post  *posts.Post
	links []posts.Link
	err   error
}

func readLinks(lib *posts.Library, p *posts.Post) tea.Cmd {
	return func() tea.Msg {
		body, err := lib.Body(p)
		if err != nil {
			return linksMsg{post: p, err: err}
		}
		return linksMsg{post: p, links: posts.Links(body)}
	}
}

// pickerKey handles a key while the link picker is open: up and down,
// a number, enter or o to open, y to copy, esc to close.
func (m Model) pickerKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	pk, k := &m.picker, m.keys
	switch {
	case key.Matches(msg, k.Back), key.Matches(msg, k.Links):
		pk.open = false
	case key.Matches(msg, k.Down):
		pk.cursor = min(pk.cursor+1, max(len(pk.links)-1, 0))
	case key.Matches(msg, k.Up):
		pk.cursor = max(pk.cursor-1, 0)
	case key.Matches(msg, k.Open), key.Matches(msg, k.OpenLink):
		if l, ok := pk.selected(); ok {
			pk.open = false
			return m, m.openLink(l.URL)
		}
	case key.Matches(msg, k.CopyLink):
		if l, ok := pk.selected(); ok {
			pk.open = false
			return m, m.copyLink(l.URL)
		}
	default:
		if n, err := strconv.Atoi(msg.String()); err == nil && n >= 1 && n <= len(pk.links) {
			pk.cursor = n - 1
		}
	}
	return m, nil
}

func (pk *linkPicker) selected() (posts.Link, bool) {
	if pk.cursor < 0 || pk.cursor >= len(pk.links) {
		return posts.Link{}, false
	}
	return pk.links[pk.cursor], true
}

// view draws the picker in a pane of w×h: one link a line, its number, the
// real host (or why it is refused), and its text.
func (pk *linkPicker) view(s Styles, t texts, w, h int) string {
	lines := []string{s.Title.Render(t.linksTitle), ""}
	switch {
	case pk.err != "":
		lines = append(lines, s.Error.Render(pk.err))
	case pk.links == nil:
		lines = append(lines, s.Meta.Render(t.loading))
	case len(pk.links) == 0:
		lines = append(lines, s.Meta.Render(t.noLinks))
	}
	first := max(0, pk.cursor-(h-4))
	for i := first; i < len(pk.links); i++ {
		l := pk.links[i]
		host := safetext.Host(l.URL)
		hostStyle := s.Link
		if _, ok := l.Safe(); !ok {
			host, hostStyle = t.linkBad, s.Error
		}
		text := l.Text
		if l.Image {
			text = t.image + text
		}
		row := fmt.Sprintf("%2d  ", i+1) + hostStyle.Render(host) + "  " + s.Meta.Render(text)
		if i == pk.cursor {
			row = s.RowSelected.Render("▸") + row
		} else {
			row = " " + row
		}
		lines = append(lines, row)
	}
	lines = append(lines, "", s.Meta.Render(t.linksHint))
	for i := range lines {
		lines[i] = strings.Repeat(" ", headerIndent) + lines[i]
	}
	return block(lines, w, h)
}

// editDoneMsg comes back when the editor exits.
type editDoneMsg struct {
	post *posts.Post
	err  error
}

// editPost opens the post's file in the user's editor, giving it the
// terminal, and reads the post again afterwards.
func (m *Model) editPost(p *posts.Post) tea.Cmd {
	if p == nil {
		return nil
	}
	path, ok := m.lib.File(p)
	if !ok {
		m.status = m.text.noEdit
		return nil
	}
	return tea.ExecProcess(browser.Edit(path), func(err error) tea.Msg { return editDoneMsg{post: p, err: err} })
}
