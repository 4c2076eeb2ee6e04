package ui

import (
	"hash/fnv"
	"image/color"

	"charm.land/lipgloss/v2"
)

// Styles is every style the screen uses, built once per background.
type Styles struct {
	isDark bool

	Header       lipgloss.Style
	HeaderDim    lipgloss.Style
	Footer       lipgloss.Style
	Status       lipgloss.Style
	Error        lipgloss.Style
	Row          lipgloss.Style
	RowSelected  lipgloss.Style
	RowBlurred   lipgloss.Style // the selected row while the reader has focus
	Date         lipgloss.Style
	NoDate       lipgloss.Style
	BadMark      lipgloss.Style
	LangVN       lipgloss.Style
	LangEN       lipgloss.Style
	Divider      lipgloss.Style
	Title        lipgloss.Style
	Meta         lipgloss.Style
	Link         lipgloss.Style
	Match        lipgloss.Style
	Unread       lipgloss.Style
	ReadRow      lipgloss.Style
	CurrentMatch lipgloss.Style
	badges       []lipgloss.Style
}

// newStyles builds the styles for a dark or a light terminal background.
func newStyles(isDark bool) Styles {
	ld := lipgloss.LightDark(isDark)
	fg := ld(lipgloss.Color("#1f1f1f"), lipgloss.Color("#dddddd"))
	dim := ld(lipgloss.Color("#6b6b6b"), lipgloss.Color("#8a8a8a"))
	accent := ld(lipgloss.Color("#5a3fd0"), lipgloss.Color("#b4a0ff"))
	selBg := ld(lipgloss.Color("#e4ddff"), lipgloss.Color("#3b3360"))
	blurBg := ld(lipgloss.Color("#ececec"), lipgloss.Color("#2e2e2e"))
	red := ld(lipgloss.Color("#b00020"), lipgloss.Color("#ff6b6b"))

	s := Styles{isDark: isDark}
	s.Header = lipgloss.NewStyle().Bold(true).Foreground(accent)
	s.HeaderDim = lipgloss.NewStyle().Foreground(dim)
	s.Footer = lipgloss.NewStyle().Foreground(dim)
	s.Status = lipgloss.NewStyle().Foreground(accent)
	s.Error = lipgloss.NewStyle().Foreground(red)
	s.Row = lipgloss.NewStyle().Foreground(fg)
	s.RowSelected = lipgloss.NewStyle().Foreground(fg).Background(selBg).Bold(true)
	s.RowBlurred = lipgloss.NewStyle().Foreground(fg).Background(blurBg)
	s.Date = lipgloss.NewStyle().Foreground(dim)
	s.NoDate = lipgloss.NewStyle().Foreground(dim).Italic(true)
	s.BadMark = lipgloss.NewStyle().Foreground(red).Bold(true)
	s.LangVN = lipgloss.NewStyle().Foreground(ld(lipgloss.Color("#a31515"), lipgloss.Color("#ff8f8f"))).Bold(true)
	s.LangEN = lipgloss.NewStyle().Foreground(ld(lipgloss.Color("#0b5cad"), lipgloss.Color("#8fc3ff"))).Bold(true)
	s.Divider = lipgloss.NewStyle().Foreground(dim)
	s.Title = lipgloss.NewStyle().Bold(true).Foreground(fg)
	s.Meta = lipgloss.NewStyle().Foreground(dim)
	s.Link = lipgloss.NewStyle().Foreground(accent).Underline(true)
	s.Match = lipgloss.NewStyle().Foreground(accent).Bold(true).Underline(true)
	s.CurrentMatch = lipgloss.NewStyle().Reverse(true).Bold(true)
	s.Unread = lipgloss.NewStyle().Foreground(fg).Bold(true)
	s.ReadRow = lipgloss.NewStyle().Foreground(dim)

	var palette []color.Color
	if isDark {
		palette = []color.Color{lipgloss.Color("#2d6a4f"), lipgloss.Color("#7b2cbf"), lipgloss.Color("#9d4edd"),
			lipgloss.Color("#1d4e89"), lipgloss.Color("#b5179e"), lipgloss.Color("#8a5a00"), lipgloss.Color("#0f766e"), lipgloss.Color("#9a3412")}
	} else {
		palette = []color.Color{lipgloss.Color("#b7e4c7"), lipgloss.Color("#e0c3fc"), lipgloss.Color("#cdb4db"),
			lipgloss.Color("#bde0fe"), lipgloss.Color("#ffc8dd"), lipgloss.Color("#ffe8a3"), lipgloss.Color("#b2f0e8"), lipgloss.Color("#fed7aa")}
	}
	badgeFg := ld(lipgloss.Color("#111111"), lipgloss.Color("#ffffff"))
	for _, c := range palette {
		s.badges = append(s.badges, lipgloss.NewStyle().Background(c).Foreground(badgeFg))
	}
	return s
}

// Badge is the style of a topic's badge: the same topic always gets the
// same colour, so a reader learns them.
func (s Styles) Badge(topic string) lipgloss.Style {
	h := fnv.New32a()
	_, _ = h.Write([]byte(topic))
	return s.badges[h.Sum32()%uint32(len(s.badges))]
}
