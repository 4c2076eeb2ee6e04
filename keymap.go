package main

import (
	"charm.land/bubbles/v2/key"

	"github.com/newsreader/newsreader/ui"
)

// defaultKeyMap is the reader's keyboard, vi keys and arrows alike, with
// its help in the interface language.
func defaultKeyMap(lang ui.Lang) ui.KeyMap {
	h := helpEN
	if lang == ui.Vietnamese {
		h = helpVI
	}
	b := func(name string, keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(h[name][0], h[name][1]))
	}
	return ui.KeyMap{
		Up:          b("up", "k", "up"),
		Down:        b("down", "j", "down"),
		Top:         b("top", "g", "home"),
		Bottom:      b("bottom", "G", "end"),
		PageUp:      b("pgup", "pgup", "b"),
		PageDown:    b("pgdown", "pgdown", "f", "space"),
		HalfUp:      b("halfup", "ctrl+u"),
		HalfDown:    b("halfdown", "ctrl+d"),
		Open:        b("open", "enter", "l", "right"),
		Back:        b("back", "esc", "h", "left"),
		SwitchFocus: b("focus", "tab"),
		NextPost:    b("next", "J"),
		PrevPost:    b("prev", "K"),
		Search:      b("search", "/"),
		FindNext:    b("findnext", "n"),
		FindPrev:    b("findprev", "N"),
		CycleLang:   b("lang", "L"),
		CycleSort:   b("sort", "s"),
		Twin:        b("twin", "t"),
		Help:        b("help", "?"),
		Quit:        b("quit", "q"),
		ForceQuit:   b("forcequit", "ctrl+c"),
	}
}

// helpEN and helpVI are the keys' help: what the key shows as, and what
// it does.
var helpEN = map[string][2]string{
	"up": {"↑/k", "up"}, "down": {"↓/j", "down"}, "top": {"g/home", "top"}, "bottom": {"G/end", "bottom"},
	"pgup": {"pgup/b", "page up"}, "pgdown": {"pgdn/f", "page down"},
	"halfup": {"ctrl+u", "½ page up"}, "halfdown": {"ctrl+d", "½ page down"},
	"open": {"enter/l", "read"}, "back": {"esc/h", "back"}, "focus": {"tab", "switch pane"},
	"next": {"J", "next post"}, "prev": {"K", "previous post"},
	"search": {"/", "search (in the reader: find)"}, "findnext": {"n", "next match"}, "findprev": {"N", "previous match"}, "lang": {"L", "language: all/VN/EN"}, "sort": {"s", "sort: newest/hottest/oldest"},
	"twin": {"t", "other language"},
	"help": {"?", "help"}, "quit": {"q", "quit"}, "forcequit": {"ctrl+c", "quit now"},
}

var helpVI = map[string][2]string{
	"up": {"↑/k", "lên"}, "down": {"↓/j", "xuống"}, "top": {"g/home", "đầu"}, "bottom": {"G/end", "cuối"},
	"pgup": {"pgup/b", "trang trước"}, "pgdown": {"pgdn/f", "trang sau"},
	"halfup": {"ctrl+u", "lên ½ trang"}, "halfdown": {"ctrl+d", "xuống ½ trang"},
	"open": {"enter/l", "đọc"}, "back": {"esc/h", "quay lại"}, "focus": {"tab", "đổi khung"},
	"next": {"J", "bài sau"}, "prev": {"K", "bài trước"},
	"search": {"/", "tìm (trong bài: tìm chữ)"}, "findnext": {"n", "chỗ khớp sau"}, "findprev": {"N", "chỗ khớp trước"}, "lang": {"L", "ngôn ngữ: tất cả/VN/EN"}, "sort": {"s", "sắp xếp: mới/nóng/cũ"},
	"twin": {"t", "bản ngôn ngữ kia"},
	"help": {"?", "trợ giúp"}, "quit": {"q", "thoát"}, "forcequit": {"ctrl+c", "thoát ngay"},
}
