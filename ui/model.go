// Package ui is newsreader's terminal interface: a list of posts beside a
// reading pane, built with Bubble Tea.
package ui

import (
	"fmt"
	"runtime"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/newsreader/newsreader/posts"
	"github.com/newsreader/newsreader/posts/safetext"
	"github.com/newsreader/newsreader/posts/watch"
)

// Options are the choices made on the command line.
type Options struct {
	// Style is "auto" (dark unless the terminal reports a light
	// background), "dark", "light", "notty" or a Glamour JSON style file.
	Style string
	// MaxWidth caps the article's text width; 0 means 120 columns.
	MaxWidth int
	// Source is what the header calls the folder; empty uses the library's
	// root.
	Source string
	// Samples says the library is the built-in sample posts, which the
	// header then says in the interface language.
	Samples bool
	// Open, when set, starts in the reader on this post. If the library
	// holds only that post, esc lists the post's folder.
	Open *posts.Post
	// Lang is the interface language; empty means English.
	Lang Lang
	// Now is the clock for "3 hours ago"; nil means time.Now.
	Now func() time.Time
	// Prefer, when set, shows each pair of twins as one row in this
	// language; t still shows the other.
	Prefer posts.Lang
	// Changes, when set, brings the watcher's batches of changes in the
	// library's folder, which the list then follows.
	Changes <-chan watch.Batch
	// Watch, when set, starts watching a folder and returns its batches,
	// or nil when it can't. The folder listed (at start, or after esc from
	// a single post) is watched through it, off the update loop.
	Watch func(dir string) <-chan watch.Batch
	// Load, when set, scans the library's folder after the first screen
	// is drawn; the library given to New is shown (empty) until then.
	Load func() (*posts.Library, error)
	// StatePath is the store of read marks and bookmarks; empty keeps
	// none.
	StatePath string
}

type focus int

const (
	focusList focus = iota
	focusReader
)

// wideLayout is the width from which list and reader stand side by side.
const wideLayout = 80

// Model is the root model: it owns the panes, routes messages and lays
// out the screen.
type Model struct {
	lib    *posts.Library
	keys   KeyMap
	opts   Options
	styles Styles
	text   texts
	help   help.Model

	list    listPane
	reader  readerPane
	search  search
	find    textinput.Model // find in the article
	finding bool
	focus   focus

	width, height int
	listW         int // width of the list in the wide layout, 0 when narrow
	ready         bool
	showHelp      bool
	helpTop       int // first help line shown, when the help does not fit
	isDark        bool
	single        bool // started on one file: esc lists its folder
	loading       bool // Options.Load is still scanning
	watching      bool // a watcher has been asked for
	status        string

	cache   map[renderKey][]string
	pending map[renderKey]bool // renderings asked for and not back yet
	gate    *renderGate        // shared by every copy of the model

	live   liveState
	marks  marks
	picker linkPicker

	twins    posts.Twins
	shown    *posts.Post // a twin shown in the reader in place of the selection
	shownFor *posts.Post // the selection it replaces; moving on drops it
}

// New builds the model for a library of posts.
func New(lib *posts.Library, keys KeyMap, opts Options) Model {
	if opts.Style == "" {
		opts.Style = "auto"
	}
	m := Model{
		lib:     lib,
		keys:    keys,
		opts:    opts,
		isDark:  true,
		text:    textsFor(opts.Lang),
		help:    help.New(),
		cache:   make(map[renderKey][]string),
		pending: make(map[renderKey]bool),
		gate:    newRenderGate(runtime.GOMAXPROCS(0)),
		search:  newSearch(true, textsFor(opts.Lang)),
		find:    newFindInput(true),
	}
	if m.opts.Now == nil {
		m.opts.Now = time.Now
	}
	if opts.Load != nil {
		m.loading = true
		m.live.busy = true // the watcher's batches wait for the scan
	}
	m.setStyles()
	m.list.SetItems(lib.Posts)
	if opts.Open != nil {
		m.list.Select(opts.Open.Path)
		m.focus = focusReader
		_, onDisk := lib.File(opts.Open)
		m.single = onDisk && len(lib.Posts) == 1
	}
	m.applyFocus()
	return m
}

// Init asks the terminal for its background colour; nothing is drawn
// until the first window size arrives.
func (m Model) Init() tea.Cmd {
	cmds := []tea.Cmd{loadLibrary(m.opts.Load), waitBatch(m.opts.Changes), openState(m.opts.StatePath)}
	if m.opts.Load == nil {
		cmds = append(cmds, buildIndex(m.lib), m.startWatch())
	}
	if m.opts.Style == "auto" {
		cmds = append(cmds, tea.RequestBackgroundColor)
	}
	return tea.Batch(cmds...)
}

func (m *Model) setStyles() {
	switch m.opts.Style {
	case "light":
		m.isDark = false
	case "dark", "notty":
		m.isDark = true
	}
	m.styles = newStyles(m.isDark)
	m.help.Styles = help.DefaultStyles(m.isDark)
	m.search.input.SetStyles(inputStyles(m.isDark))
	m.find.SetStyles(inputStyles(m.isDark))
}

// glamourStyle is the Glamour standard style the articles are rendered in.
func (m Model) glamourStyle() string {
	if m.opts.Style != "auto" {
		return m.opts.Style // a standard style or a style file
	}
	if m.isDark {
		return "dark"
	}
	return "light"
}

// folderMsg brings the listing of a single post's folder.
type folderMsg struct {
	lib  *posts.Library
	path string // the post to keep selected
	err  error
}

// Update routes a message: keys to the focused pane, everything else to
// whoever needs it.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.ready = true
		m.setSize()
		if m.showHelp {
			m.scrollHelp(0)
		}
		return m, m.preview()
	case tea.BackgroundColorMsg:
		if m.opts.Style == "auto" {
			m.isDark = msg.IsDark()
			m.setStyles()
			return m, m.preview()
		}
	case renderedMsg:
		delete(m.pending, msg.key)
		if msg.skipped {
			// It may have been wanted again after it was dropped, while
			// it still counted as pending: ask again for what is wanted.
			return m, m.preview()
		}
		m.cache[msg.key] = msg.lines
		m.reader.Show(msg.key, msg.lines)
		return m, nil
	case folderMsg:
		return m.openFolder(msg)
	case batchMsg:
		return m.handleBatch(msg)
	case stateMsg:
		return m.handleState(msg)
	case loadedMsg:
		return m.handleLoaded(msg)
	case watchMsg:
		if msg.ch == nil {
			return m, nil
		}
		m.opts.Changes = msg.ch
		return m, waitBatch(msg.ch)
	case linkDoneMsg:
		if msg.err != nil {
			m.status = safetext.Line(msg.err.Error())
		} else {
			m.status = msg.text
		}
		return m, nil
	case linksMsg:
		if msg.post == m.current() {
			m.picker.links, m.picker.err = msg.links, ""
			if msg.links == nil {
				m.picker.links = []posts.Link{}
			}
			if msg.err != nil {
				m.picker.err = safetext.Line(msg.err.Error())
			}
		}
		return m, nil
	case editDoneMsg:
		if msg.err != nil {
			m.status = safetext.Line(msg.err.Error())
		}
		return m, m.applyOrQueue(watch.Batch{Changed: []string{msg.post.FileName()}})
	case writeMsg:
		if msg.err != nil {
			m.status = fmt.Sprintf(m.text.stateError, msg.err)
		}
		return m, nil
	case libMsg:
		return m.swapLibrary(msg)
	case indexMsg:
		if msg.lib != m.lib {
			return m, nil
		}
		m.search.index = msg.index
		m.search.titleHits = nil
		m.twins = msg.twins
		m.marks.ids, m.marks.posts = msg.ids, nil
		m.recount()
		if m.search.filtering() || m.opts.Prefer != posts.LangUnknown {
			cmd := m.applySearch()
			return m, tea.Batch(cmd, m.preview())
		}
		return m, nil
	case bodyMsg:
		cmd := m.addBodyHits(msg)
		return m, tea.Batch(cmd, m.preview())
	case tea.KeyPressMsg:
		next, cmd := m.handleKey(msg)
		return next.(Model).markShownRead(cmd)
	case tea.MouseWheelMsg:
		return m.handleWheel(msg)
	case tea.MouseClickMsg:
		next, cmd := m.handleClick(msg)
		return next.(Model).markShownRead(cmd)
	}
	return m, nil
}

func (m Model) handleKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	k := m.keys
	if key.Matches(msg, k.ForceQuit) {
		return m, tea.Quit
	}
	m.status = ""
	if m.search.active {
		return m.searchKey(msg)
	}
	if m.finding {
		return m.findKey(msg)
	}
	if m.picker.open {
		return m.pickerKey(msg)
	}
	switch {
	case key.Matches(msg, k.Quit):
		return m, tea.Quit
	case key.Matches(msg, k.Help):
		m.showHelp, m.helpTop = !m.showHelp, 0
		return m, nil
	case m.showHelp && key.Matches(msg, k.Back):
		m.showHelp = false
		return m, nil
	case m.showHelp:
		// The help has the keyboard: movement scrolls it when the window
		// is too short to show it whole, and nothing moves behind it.
		if delta, jump, ok := m.motion(msg, max(m.bodyHeight()-1, 1)); ok {
			m.scrollHelp(delta + jump*len(m.helpLines()))
		}
		return m, nil
	case key.Matches(msg, k.SwitchFocus):
		if m.focus == focusList {
			m.focus = focusReader
		} else {
			m.focus = focusList
		}
		m.applyFocus()
		return m, nil
	case key.Matches(msg, k.Search) && m.focus == focusReader && m.reader.post != nil:
		m.finding = true
		m.find.SetValue(m.reader.findQuery)
		m.find.CursorEnd()
		return m, m.find.Focus()
	case key.Matches(msg, k.Search):
		m.search.active = true
		m.focus = focusList
		m.applyFocus()
		return m, m.search.input.Focus()
	case key.Matches(msg, k.CycleLang):
		m.search.lang = (m.search.lang + 1) % 3
		return m, tea.Batch(m.applySearch(), m.preview())
	case key.Matches(msg, k.CycleSort):
		m.search.order = (m.search.order + 1) % 3
		return m, tea.Batch(m.applySearch(), m.preview())
	case key.Matches(msg, k.Twin):
		return m.showTwin()
	case key.Matches(msg, k.OpenLink):
		p := m.current()
		if p == nil || p.Source == "" {
			m.status = m.text.noSource
			return m, nil
		}
		return m, tea.Batch(m.openLink(p.Source), m.setRead(true, p))
	case key.Matches(msg, k.CopyLink):
		if p := m.current(); p == nil || p.Source == "" {
			m.status = m.text.noSource
			return m, nil
		}
		return m, m.copyLink(m.current().Source)
	case key.Matches(msg, k.Links):
		p := m.current()
		if p == nil {
			return m, nil
		}
		m.picker = linkPicker{open: true}
		return m, readLinks(m.lib, p)
	case key.Matches(msg, k.Edit):
		return m, m.editPost(m.current())
	case key.Matches(msg, k.ToggleRead) && m.marks.enabled():
		if p := m.current(); p != nil {
			if m.focus == focusReader {
				// Reading it marks it read again: go back to the list,
				// as mail readers do after "mark unread".
				m.focus = focusList
				m.applyFocus()
			}
			return m, m.setRead(!m.marks.get(p).Read, p)
		}
		return m, nil
	case key.Matches(msg, k.MarkAllRead) && m.marks.enabled():
		return m, m.setRead(true, m.list.items...)
	case key.Matches(msg, k.ToggleStar) && m.marks.enabled():
		return m, m.toggleStar(m.current())
	case key.Matches(msg, k.NextUnread) && m.marks.enabled():
		for i := 1; i <= len(m.list.items); i++ {
			j := (m.list.cursor + i) % len(m.list.items)
			if !m.marks.get(m.list.items[j]).Read {
				m.list.MoveTo(j)
				return m, m.preview()
			}
		}
		m.status = m.text.allRead
		return m, nil
	case key.Matches(msg, k.NextPost):
		m.list.Move(1)
		return m, m.preview()
	case key.Matches(msg, k.PrevPost):
		m.list.Move(-1)
		return m, m.preview()
	}
	if m.focus == focusReader {
		return m.readerKey(msg)
	}
	return m.listKey(msg)
}

// motion reads a movement key: a step of delta rows (a page being page
// rows), or a jump to the top (-1) or the bottom (+1). ok is false for any
// other key. The list and the reader move by the same keys.
func (m Model) motion(msg tea.KeyPressMsg, page int) (delta, jump int, ok bool) {
	k := m.keys
	half := max(page/2, 1)
	switch {
	case key.Matches(msg, k.Up):
		return -1, 0, true
	case key.Matches(msg, k.Down):
		return 1, 0, true
	case key.Matches(msg, k.Top):
		return 0, -1, true
	case key.Matches(msg, k.Bottom):
		return 0, 1, true
	case key.Matches(msg, k.PageUp):
		return -page, 0, true
	case key.Matches(msg, k.PageDown):
		return page, 0, true
	case key.Matches(msg, k.HalfUp):
		return -half, 0, true
	case key.Matches(msg, k.HalfDown):
		return half, 0, true
	}
	return 0, 0, false
}

func (m Model) listKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	k := m.keys
	if delta, jump, ok := m.motion(msg, max(m.list.height, 1)); ok {
		switch jump {
		case -1:
			m.list.MoveTo(0)
		case 1:
			m.list.MoveTo(len(m.list.items) - 1)
		default:
			m.list.Move(delta)
		}
		return m, m.preview()
	}
	switch {
	case key.Matches(msg, k.Open):
		if m.list.Selected() != nil {
			m.focus = focusReader
			m.applyFocus()
		}
	case key.Matches(msg, k.Back) && m.search.input.Value() != "":
		m.search.input.Reset()
		return m, tea.Batch(m.applySearch(), m.preview())
	default:
		return m, nil
	}
	return m, m.preview()
}

func (m Model) readerKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	k := m.keys
	if delta, jump, ok := m.motion(msg, max(m.reader.height-1, 1)); ok {
		switch jump {
		case -1:
			m.reader.GotoTop()
		case 1:
			m.reader.GotoBottom()
		default:
			m.reader.Scroll(delta)
		}
		return m, nil
	}
	switch {
	case key.Matches(msg, k.FindNext):
		m.reader.FindNext(1)
	case key.Matches(msg, k.FindPrev):
		m.reader.FindNext(-1)
	case key.Matches(msg, k.Back) && m.reader.findQuery != "":
		m.reader.SetFind("")
	case key.Matches(msg, k.Back):
		if m.single {
			m.single = false
			return m, loadFolder(m.lib, m.list.Selected())
		}
		m.focus = focusList
		m.applyFocus()
	}
	return m, nil
}

// markShownRead marks the post in the reader read once the reader has the
// keyboard: reading it is what opening means.
func (m Model) markShownRead(cmd tea.Cmd) (tea.Model, tea.Cmd) {
	if m.marks.w != nil {
		if err := m.marks.w.failed(); err != nil {
			m.status = fmt.Sprintf(m.text.stateError, err)
		}
	}
	if m.focus != focusReader || m.showHelp {
		return m, cmd
	}
	return m, tea.Batch(cmd, m.setRead(true, m.current()))
}

// showTwin switches to the other language version of the post being
// read, in place, at the same point of the article.
func (m Model) showTwin() (tea.Model, tea.Cmd) {
	cur := m.current()
	tw := m.twins[cur]
	if tw == nil {
		m.status = m.text.noTwin
		return m, nil
	}
	frac := 0.0
	if n := len(m.reader.lines); n > 0 {
		frac = float64(m.reader.offset) / float64(n)
	}
	if m.list.SelectPost(tw) {
		m.shown, m.shownFor = nil, nil
	} else {
		m.shown, m.shownFor = tw, m.list.Selected()
	}
	cmd := m.preview()
	m.reader.KeepPosition(frac)
	return m, cmd
}

// current is the post the reader is showing or about to show.
func (m *Model) current() *posts.Post {
	if m.shown != nil && m.shownFor == m.list.Selected() {
		return m.shown
	}
	return m.list.Selected()
}

// searchKey handles a key while the search bar has the keyboard: enter
// keeps the filter, esc clears it, arrows move in the list, and the rest
// is typing.
func (m Model) searchKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	switch msg.String() {
	case "enter":
		m.search.active = false
		m.search.input.Blur()
		return m, nil
	case "esc":
		m.search.active = false
		m.search.input.Blur()
		m.search.input.Reset()
		return m, tea.Batch(m.applySearch(), m.preview())
	case "up", "ctrl+p":
		m.list.Move(-1)
		return m, m.preview()
	case "down", "ctrl+n":
		m.list.Move(1)
		return m, m.preview()
	}
	before := m.search.input.Value()
	var cmd tea.Cmd
	m.search.input, cmd = m.search.input.Update(msg)
	if m.search.input.Value() == before {
		return m, cmd
	}
	return m, tea.Batch(cmd, m.applySearch(), m.preview())
}

// findKey handles a key while the find bar has the keyboard: the article
// is searched as the reader types; enter keeps the matches, esc drops them.
func (m Model) findKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	switch msg.String() {
	case "enter":
		m.finding = false
		m.find.Blur()
		return m, nil
	case "esc":
		m.finding = false
		m.find.Blur()
		m.reader.SetFind("")
		return m, nil
	}
	var cmd tea.Cmd
	m.find, cmd = m.find.Update(msg)
	if m.find.Value() != m.reader.findQuery {
		m.reader.SetFind(m.find.Value())
	}
	return m, cmd
}

func newFindInput(isDark bool) textinput.Model {
	in := textinput.New()
	in.Prompt = "/ "
	in.SetStyles(inputStyles(isDark))
	return in
}

// findInfo is "3/12", the current match and how many there are.
func (m *Model) findInfo() string {
	if len(m.reader.matches) == 0 {
		return m.text.noFind
	}
	return fmt.Sprintf("%d/%d", m.reader.cur+1, len(m.reader.matches))
}

// loadFolder lists the folder of the post that was opened on its own.
func loadFolder(lib *posts.Library, p *posts.Post) tea.Cmd {
	if p == nil {
		return nil
	}
	return func() tea.Msg {
		folder, err := lib.Dir(p)
		return folderMsg{lib: folder, path: p.Path, err: err}
	}
}

func (m Model) openFolder(msg folderMsg) (tea.Model, tea.Cmd) {
	m.focus = focusList
	m.applyFocus()
	if msg.err != nil || msg.lib == nil {
		m.status = fmt.Sprintf(m.text.folderError, m.lib.DisplayPath(m.list.Selected()), msg.err)
		return m, nil
	}
	old := m.list.Selected()
	m.lib = msg.lib
	m.opts.Source = ""
	m.cache = make(map[renderKey][]string)
	m.pending = make(map[renderKey]bool)
	m.twins, m.shown, m.shownFor = nil, nil, nil
	m.search.index, m.search.titleHits = nil, nil
	m.search.stopBodySearch()
	m.list.SetItems(m.lib.Posts)
	m.list.MoveTo(0)
	if old != nil {
		for i, p := range m.lib.Posts {
			if m.lib.DisplayPath(p) == msg.path || p.Path == msg.path {
				m.list.MoveTo(i)
				break
			}
		}
	}
	m.reader = readerPane{width: m.reader.width, height: m.reader.height}
	m.setSize()
	// The folder now listed is followed live like one named at start.
	return m, tea.Batch(m.preview(), buildIndex(m.lib), m.startWatch())
}

func (m Model) handleWheel(msg tea.MouseWheelMsg) (tea.Model, tea.Cmd) {
	delta := 0
	switch msg.Button {
	case tea.MouseWheelUp:
		delta = -3
	case tea.MouseWheelDown:
		delta = 3
	default:
		return m, nil
	}
	if m.showHelp {
		m.scrollHelp(delta)
		return m, nil
	}
	if m.overList(msg.X) {
		m.list.Scroll(delta)
		return m, m.preview()
	}
	m.reader.Scroll(delta)
	return m, nil
}

func (m Model) handleClick(msg tea.MouseClickMsg) (tea.Model, tea.Cmd) {
	if msg.Button != tea.MouseLeft || m.showHelp {
		return m, nil
	}
	if m.overList(msg.X) {
		i := m.list.RowAt(msg.Y - headerHeight)
		if i < 0 {
			return m, nil
		}
		m.list.MoveTo(i)
		m.focus = focusList
		m.applyFocus()
		return m, m.preview()
	}
	m.focus = focusReader
	m.applyFocus()
	return m, nil
}

// overList reports whether screen column x belongs to the list.
func (m *Model) overList(x int) bool {
	if m.listW > 0 {
		return x < m.listW
	}
	return m.focus == focusList
}

func (m *Model) applyFocus() {
	m.list.focused = m.focus == focusList
	m.reader.focused = m.focus == focusReader
	if m.ready {
		m.setSize()
	}
}

const (
	headerHeight = 1
	footerHeight = 1
)

// setSize is the one place where the screen is divided between the panes.
func (m *Model) setSize() {
	bodyH := max(m.height-headerHeight-footerHeight, 0)
	m.help.SetWidth(m.width)
	m.search.input.SetWidth(max(m.width/2, 10))
	m.find.SetWidth(max(m.width/2, 10))
	if m.width >= wideLayout {
		m.listW = min(max(m.width/2, 36), 80)
		m.list.SetSize(m.listW, bodyH)
		m.reader.SetSize(m.width-m.listW-1, bodyH)
		return
	}
	m.listW = 0
	m.list.SetSize(m.width, bodyH)
	m.reader.SetSize(m.width, bodyH)
}

// preview makes the reader show the selected post, from the cache when it
// can, else by asking for a rendering off the update loop. It also renders
// the neighbours ahead so that J/K show them at once.
func (m *Model) preview() tea.Cmd {
	if !m.ready {
		return nil
	}
	p := m.current()
	if p == nil {
		m.reader = readerPane{width: m.reader.width, height: m.reader.height, focused: m.reader.focused}
		return nil
	}
	w := articleWidth(m.reader.width, m.opts.MaxWidth)
	key := renderKey{path: p.Path, post: p, width: w, style: m.glamourStyle()}
	wanted := []renderKey{key}
	defer func() { m.gate.want(wanted) }()
	var cmds []tea.Cmd
	if m.reader.Want(p, key) {
		if lines, ok := m.cache[key]; ok {
			m.reader.Show(key, lines)
		} else if !m.pending[key] {
			cmds = append(cmds, m.renderCmd(p, key))
		}
	}
	for _, d := range []int{1, -1} {
		i := m.list.cursor + d
		if i < 0 || i >= len(m.list.items) {
			continue
		}
		np := m.list.items[i]
		nk := renderKey{path: np.Path, post: np, width: w, style: key.style}
		wanted = append(wanted, nk)
		if _, ok := m.cache[nk]; !ok && !m.pending[nk] {
			cmds = append(cmds, m.renderCmd(np, nk))
		}
	}
	return tea.Batch(cmds...)
}

// renderCmd renders a post in the background. It captures everything it
// needs now; it never reads the model from its goroutine.
func (m *Model) renderCmd(p *posts.Post, key renderKey) tea.Cmd {
	m.pending[key] = true
	lib, s, t, now, gate := m.lib, m.styles, m.text, m.opts.Now(), m.gate
	return func() (msg tea.Msg) {
		// A post that trips a bug in the renderer says so in its pane;
		// the reader goes on.
		defer func() {
			if r := recover(); r != nil {
				text := fmt.Sprintf(t.renderPanic, lib.DisplayPath(p), r)
				msg = renderedMsg{key: key, lines: strings.Split(s.Error.Render(wrap(safetext.Line(text), key.width)), "\n")}
			}
		}()
		lines, ok := gate.run(key, func() []string { return renderArticle(lib, p, key.width, key.style, s, t, now) })
		return renderedMsg{key: key, lines: lines, skipped: !ok}
	}
}

// View draws the screen.
func (m Model) View() tea.View {
	v := tea.NewView("")
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = m.windowTitle()
	if !m.ready {
		return v
	}
	if m.width < 20 || m.height < 3 {
		v.SetContent(block([]string{m.text.tooSmall}, m.width, m.height))
		return v
	}
	bodyH := m.bodyHeight()
	var body string
	switch {
	case m.showHelp:
		body = block(m.helpView(bodyH), m.width, bodyH)
	case m.picker.open && m.listW > 0:
		m.prepareList()
		div := m.styles.Divider.Render(strings.TrimSuffix(strings.Repeat("│\n", bodyH), "\n"))
		body = joinColumns(m.list.View(m.styles, m.text), div, m.picker.view(m.styles, m.text, m.reader.width, bodyH))
	case m.picker.open:
		body = m.picker.view(m.styles, m.text, m.width, bodyH)
	case m.listW > 0:
		m.prepareList()
		div := m.styles.Divider.Render(strings.TrimSuffix(strings.Repeat("│\n", bodyH), "\n"))
		body = joinColumns(m.list.View(m.styles, m.text), div, m.reader.View(m.styles, m.text))
	case m.focus == focusReader:
		body = m.reader.View(m.styles, m.text)
	default:
		m.prepareList()
		body = m.list.View(m.styles, m.text)
	}
	v.SetContent(m.headerView() + "\n" + body + "\n" + m.footerView())
	return v
}

// bodyHeight is the height between the header and the footer.
func (m Model) bodyHeight() int {
	return max(m.height-headerHeight-footerHeight, 0)
}

// scrollHelp moves the help by delta lines, within what can be shown in
// the window as it is; delta 0 only brings it back within that.
func (m *Model) scrollHelp(delta int) {
	n, page := len(m.helpLines()), max(m.bodyHeight()-1, 1)
	if n <= page+1 { // it fits
		m.helpTop = 0
		return
	}
	m.helpTop = max(min(m.helpTop+delta, n-page), 0)
}

// helpView is the part of the help that fits in h lines, from helpTop
// on, with a last line saying how to see the rest when it does not fit.
func (m Model) helpView(h int) []string {
	lines := m.helpLines()
	if len(lines) <= h || h < 2 {
		return lines
	}
	top := min(m.helpTop, len(lines)-(h-1))
	shown := slices.Clone(lines[top : top+h-1])
	k := m.keys
	more := fmt.Sprintf(m.text.helpMore, top+1, top+h-1, len(lines),
		k.Down.Help().Key+" "+k.Up.Help().Key, k.Help.Help().Key)
	return append(shown, m.styles.HeaderDim.Render(more))
}

// helpLines lays out the full help: its groups side by side as far as the
// window allows, then on further rows, so no key is cut off in a narrow
// terminal.
func (m *Model) helpLines() []string {
	const gap = 4
	var lines, row []string
	rowW := 0
	flush := func() {
		lines = append(lines, row...)
		if len(row) > 0 {
			lines = append(lines, "")
		}
		row, rowW = nil, 0
	}
	// Each group is drawn whole and cut at the window's edge, rather than
	// replaced by "…" as bubbles/help does with a group wider than its
	// width: in a narrow window the keys at least show.
	h := m.help
	h.SetWidth(0)
	for _, group := range m.keys.FullHelp() {
		col := strings.Split(h.FullHelpView([][]key.Binding{group}), "\n")
		for i, ln := range col {
			if ansi.StringWidth(ln) <= m.width {
				continue
			}
			tail := "…" // unless only the column's padding is cut
			if ansi.StringWidth(strings.TrimRight(ansi.Strip(ln), " ")) <= m.width {
				tail = ""
			}
			col[i] = ansi.Truncate(ln, m.width, tail)
		}
		w := 0
		for _, ln := range col {
			w = max(w, ansi.StringWidth(ln))
		}
		if rowW > 0 && rowW+gap+w > m.width {
			flush()
		}
		pad := 0
		if rowW > 0 {
			pad = gap
		}
		for i, ln := range col {
			if i >= len(row) {
				row = append(row, strings.Repeat(" ", rowW))
			}
			row[i] = fit(row[i], rowW) + strings.Repeat(" ", pad) + ln
		}
		for i := len(col); i < len(row); i++ {
			row[i] = fit(row[i], rowW+pad+w)
		}
		rowW += pad + w
	}
	flush()
	return lines
}

// prepareList gives the list what it draws with besides its posts.
func (m *Model) prepareList() {
	m.list.words, m.list.now, m.list.twins, m.list.marks = m.search.query.Words, m.opts.Now(), m.twins, &m.marks
	switch {
	case m.loading:
		m.list.empty = m.text.loading
	case m.search.filtering():
		m.list.empty = m.text.noMatches
	default:
		m.list.empty = m.text.noPosts
	}
}

// joinColumns puts blocks of equal height side by side. Every block is
// already padded to its width, so lines simply concatenate.
func joinColumns(cols ...string) string {
	split := make([][]string, len(cols))
	n := 0
	for i, c := range cols {
		split[i] = strings.Split(c, "\n")
		n = max(n, len(split[i]))
	}
	var b strings.Builder
	for row := 0; row < n; row++ {
		if row > 0 {
			b.WriteByte('\n')
		}
		for _, lines := range split {
			if row < len(lines) {
				b.WriteString(lines[row])
			}
		}
	}
	return b.String()
}

func (m *Model) windowTitle() string {
	if p := m.current(); p != nil && m.focus == focusReader {
		return ansi.Strip(p.Title) + " — newsreader"
	}
	return "newsreader"
}

func (m *Model) headerView() string {
	src := m.opts.Source
	if src == "" {
		src = m.lib.Root
	}
	if m.opts.Samples {
		src = m.text.samples
	}
	// A folder's name is outside text too: it may come from a pipe.
	src = safetext.Line(src)
	total := len(m.lib.Posts)
	count := fmt.Sprintf(m.text.posts, total)
	if total == 1 {
		count = m.text.onePost
	}
	if m.loading {
		count = m.text.loading
	}
	if m.search.filtering() {
		count = fmt.Sprintf(m.text.matches, len(m.list.items), total)
	}
	parts := []string{src, count}
	if m.lib.Skipped > 0 {
		parts = append(parts, fmt.Sprintf(m.text.skipped, m.lib.Skipped))
	}
	if m.marks.enabled() {
		parts = append(parts, fmt.Sprintf(m.text.unread, m.marks.unread))
	}
	if q := m.search.input.Value(); q != "" {
		parts = append(parts, m.text.filter+": "+q)
	}
	if l := m.search.lang.query(); l != "" {
		parts = append(parts, strings.ToUpper(l))
	}
	parts = append(parts, "↓ "+m.text.sortNames[m.search.order])
	left := m.styles.Header.Render(m.text.appName) + m.styles.HeaderDim.Render(" · "+strings.Join(parts, " · "))
	right := ""
	if m.focus == focusReader && m.reader.lines != nil {
		right = m.styles.HeaderDim.Render(fmt.Sprintf("%d%%", m.reader.Percent()))
	}
	gap := m.width - ansi.StringWidth(left) - ansi.StringWidth(right)
	if gap < 1 {
		return fit(left, m.width)
	}
	return left + strings.Repeat(" ", gap) + right
}

func (m *Model) footerView() string {
	if m.finding {
		line := m.find.View()
		if m.reader.findQuery != "" {
			line += "  " + m.styles.HeaderDim.Render(m.findInfo())
		}
		return fit(line, m.width)
	}
	if m.focus == focusReader && m.reader.findQuery != "" && m.status == "" {
		return fit(m.styles.Status.Render(m.text.findLabel+": "+m.reader.findQuery+"  "+m.findInfo()+"  · n/N · esc"), m.width)
	}
	s := &m.search
	if s.active {
		line := s.input.View()
		if s.queryErr != "" {
			line += "  " + m.styles.Error.Render(s.queryErr)
		} else {
			info := fmt.Sprintf(m.text.matches, len(m.list.items), len(m.lib.Posts))
			if s.bodyBusy {
				info += " · " + m.text.searching
			}
			line += "  " + m.styles.HeaderDim.Render(info)
		}
		return fit(line, m.width)
	}
	if s.queryErr != "" && s.input.Value() != "" {
		return fit(m.styles.Error.Render(s.queryErr), m.width)
	}
	if m.status != "" {
		// Errors in the status quote paths as the user or a pipe gave them.
		return fit(m.styles.Status.Render(safetext.Line(m.status)), m.width)
	}
	return fit(m.help.ShortHelpView(m.keys.ShortHelp()), m.width)
}
