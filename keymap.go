package main

import (
	"fmt"
	"sort"
	"strings"

	"charm.land/bubbles/v2/key"

	"github.com/newsreader/newsreader/ui"
)

// action is one thing a key can do: its name in the config file, its
// default keys, and its help in English and Vietnamese (how the keys
// show, what they do).
type action struct {
	name string
	keys []string
	en   [2]string
	vi   [2]string
	bind func(*ui.KeyMap) *key.Binding
}

// actions is the reader's keyboard, vi keys and arrows alike. The help
// screen, the footer and the config file's keys: section all come from
// this table.
var actions = []action{
	{"up", []string{"k", "up"}, [2]string{"↑/k", "up"}, [2]string{"↑/k", "lên"}, func(k *ui.KeyMap) *key.Binding { return &k.Up }},
	{"down", []string{"j", "down"}, [2]string{"↓/j", "down"}, [2]string{"↓/j", "xuống"}, func(k *ui.KeyMap) *key.Binding { return &k.Down }},
	{"top", []string{"g", "home"}, [2]string{"g/home", "top"}, [2]string{"g/home", "đầu"}, func(k *ui.KeyMap) *key.Binding { return &k.Top }},
	{"bottom", []string{"G", "end"}, [2]string{"G/end", "bottom"}, [2]string{"G/end", "cuối"}, func(k *ui.KeyMap) *key.Binding { return &k.Bottom }},
	{"page_up", []string{"pgup", "b"}, [2]string{"pgup/b", "page up"}, [2]string{"pgup/b", "trang trước"}, func(k *ui.KeyMap) *key.Binding { return &k.PageUp }},
	{"page_down", []string{"pgdown", "f", "space"}, [2]string{"pgdn/f", "page down"}, [2]string{"pgdn/f", "trang sau"}, func(k *ui.KeyMap) *key.Binding { return &k.PageDown }},
	{"half_up", []string{"ctrl+u"}, [2]string{"ctrl+u", "½ page up"}, [2]string{"ctrl+u", "lên ½ trang"}, func(k *ui.KeyMap) *key.Binding { return &k.HalfUp }},
	{"half_down", []string{"ctrl+d"}, [2]string{"ctrl+d", "½ page down"}, [2]string{"ctrl+d", "xuống ½ trang"}, func(k *ui.KeyMap) *key.Binding { return &k.HalfDown }},
	{"open", []string{"enter", "l", "right"}, [2]string{"enter/l", "read"}, [2]string{"enter/l", "đọc"}, func(k *ui.KeyMap) *key.Binding { return &k.Open }},
	{"back", []string{"esc", "h", "left"}, [2]string{"esc/h", "back"}, [2]string{"esc/h", "quay lại"}, func(k *ui.KeyMap) *key.Binding { return &k.Back }},
	{"switch_focus", []string{"tab"}, [2]string{"tab", "switch pane"}, [2]string{"tab", "đổi khung"}, func(k *ui.KeyMap) *key.Binding { return &k.SwitchFocus }},
	{"next_post", []string{"J"}, [2]string{"J", "next post"}, [2]string{"J", "bài sau"}, func(k *ui.KeyMap) *key.Binding { return &k.NextPost }},
	{"prev_post", []string{"K"}, [2]string{"K", "previous post"}, [2]string{"K", "bài trước"}, func(k *ui.KeyMap) *key.Binding { return &k.PrevPost }},
	{"search", []string{"/"}, [2]string{"/", "search"}, [2]string{"/", "tìm"}, func(k *ui.KeyMap) *key.Binding { return &k.Search }},
	{"find_next", []string{"n"}, [2]string{"n", "next match"}, [2]string{"n", "chỗ khớp sau"}, func(k *ui.KeyMap) *key.Binding { return &k.FindNext }},
	{"find_prev", []string{"N"}, [2]string{"N", "previous match"}, [2]string{"N", "chỗ khớp trước"}, func(k *ui.KeyMap) *key.Binding { return &k.FindPrev }},
	{"cycle_lang", []string{"L"}, [2]string{"L", "language: all/VN/EN"}, [2]string{"L", "ngôn ngữ: tất cả/VN/EN"}, func(k *ui.KeyMap) *key.Binding { return &k.CycleLang }},
	{"cycle_sort", []string{"s"}, [2]string{"s", "sort: newest/hottest/oldest"}, [2]string{"s", "sắp xếp: mới/nóng/cũ"}, func(k *ui.KeyMap) *key.Binding { return &k.CycleSort }},
	{"twin", []string{"t"}, [2]string{"t", "other language"}, [2]string{"t", "bản ngôn ngữ kia"}, func(k *ui.KeyMap) *key.Binding { return &k.Twin }},
	{"toggle_read", []string{"m"}, [2]string{"m", "read/unread"}, [2]string{"m", "đã đọc/chưa đọc"}, func(k *ui.KeyMap) *key.Binding { return &k.ToggleRead }},
	{"mark_all_read", []string{"M"}, [2]string{"M", "mark all listed read"}, [2]string{"M", "đánh dấu đã đọc cả danh sách"}, func(k *ui.KeyMap) *key.Binding { return &k.MarkAllRead }},
	{"next_unread", []string{"u"}, [2]string{"u", "next unread"}, [2]string{"u", "bài chưa đọc tiếp theo"}, func(k *ui.KeyMap) *key.Binding { return &k.NextUnread }},
	{"toggle_star", []string{"*"}, [2]string{"*", "bookmark"}, [2]string{"*", "đánh dấu sao"}, func(k *ui.KeyMap) *key.Binding { return &k.ToggleStar }},
	{"open_link", []string{"o"}, [2]string{"o", "open the source"}, [2]string{"o", "mở bài gốc"}, func(k *ui.KeyMap) *key.Binding { return &k.OpenLink }},
	{"copy_link", []string{"y"}, [2]string{"y", "copy the source link"}, [2]string{"y", "chép link bài gốc"}, func(k *ui.KeyMap) *key.Binding { return &k.CopyLink }},
	{"links", []string{"v"}, [2]string{"v", "all links"}, [2]string{"v", "các link trong bài"}, func(k *ui.KeyMap) *key.Binding { return &k.Links }},
	{"edit", []string{"e"}, [2]string{"e", "edit the file"}, [2]string{"e", "sửa tệp"}, func(k *ui.KeyMap) *key.Binding { return &k.Edit }},
	{"help", []string{"?"}, [2]string{"?", "help"}, [2]string{"?", "trợ giúp"}, func(k *ui.KeyMap) *key.Binding { return &k.Help }},
	{"quit", []string{"q"}, [2]string{"q", "quit"}, [2]string{"q", "thoát"}, func(k *ui.KeyMap) *key.Binding { return &k.Quit }},
	{"force_quit", []string{"ctrl+c"}, [2]string{"ctrl+c", "quit now"}, [2]string{"ctrl+c", "thoát ngay"}, func(k *ui.KeyMap) *key.Binding { return &k.ForceQuit }},
}

// keyMap builds the bindings, with the keys the config file remaps
// (action name → keys) in place of the defaults, in the help as well.
func keyMap(lang ui.Lang, remap map[string][]string) (ui.KeyMap, error) {
	var km ui.KeyMap
	known := make(map[string]bool, len(actions))
	for _, a := range actions {
		known[a.name] = true
		help := a.en
		if lang == ui.Vietnamese {
			help = a.vi
		}
		keys := a.keys
		if r, ok := remap[a.name]; ok {
			keys = r
			help[0] = strings.Join(r, "/")
		}
		*a.bind(&km) = key.NewBinding(key.WithKeys(keys...), key.WithHelp(help[0], help[1]))
	}
	for name, keys := range remap {
		if !known[name] {
			return km, fmt.Errorf("unknown action %q; the actions are: %s", name, actionNames())
		}
		if len(keys) == 0 {
			return km, fmt.Errorf("action %q has no keys", name)
		}
	}
	// One key, one action: a key given to two would silently do only one
	// of them.
	owner := map[string]string{}
	for _, a := range actions {
		for _, k := range a.bind(&km).Keys() {
			if other, taken := owner[k]; taken {
				first, second := other, a.name
				if _, remapped := remap[first]; remapped {
					first, second = second, first
				}
				return km, fmt.Errorf("key %q is given to both %s and %s; give %s other keys too", k, first, second, first)
			}
			owner[k] = a.name
		}
	}
	return km, nil
}

func actionNames() string {
	names := make([]string, len(actions))
	for i, a := range actions {
		names[i] = a.name
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}
