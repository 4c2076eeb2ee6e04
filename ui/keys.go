package ui

import "charm.land/bubbles/v2/key"

// KeyMap holds every binding the reader responds to. Package main builds
// the defaults (keymap.go); the help screen is generated from these same
// bindings, so what the help shows is what the code matches.
type KeyMap struct {
	Up, Down           key.Binding
	Top, Bottom        key.Binding
	PageUp, PageDown   key.Binding
	HalfUp, HalfDown   key.Binding
	Open, Back         key.Binding
	SwitchFocus        key.Binding
	NextPost, PrevPost key.Binding
	Search             key.Binding
	FindNext, FindPrev key.Binding
	CycleLang          key.Binding
	CycleSort          key.Binding
	Twin               key.Binding
	ToggleRead         key.Binding
	MarkAllRead        key.Binding
	NextUnread         key.Binding
	ToggleStar         key.Binding
	OpenLink, CopyLink key.Binding
	Links, Edit        key.Binding
	Help               key.Binding
	Quit, ForceQuit    key.Binding
}

// ShortHelp is the footer: the few keys a newcomer needs.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Down, k.Up, k.Open, k.Back, k.Search, k.Twin, k.Help, k.Quit}
}

// FullHelp is the help screen, one column per group.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Up, k.Down, k.Top, k.Bottom},
		{k.PageUp, k.PageDown, k.HalfUp, k.HalfDown},
		{k.Open, k.Back, k.SwitchFocus, k.NextPost, k.PrevPost},
		{k.Search, k.FindNext, k.FindPrev, k.CycleLang, k.CycleSort, k.Twin},
		{k.ToggleRead, k.MarkAllRead, k.NextUnread, k.ToggleStar},
		{k.OpenLink, k.CopyLink, k.Links, k.Edit},
		{k.Help, k.Quit, k.ForceQuit},
	}
}
