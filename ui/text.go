package ui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// fit truncates s (which may hold our own styling) to exactly w columns,
// padding with spaces. Truncation is by grapheme cluster, so a tone mark or
// an emoji is never split.
func fit(s string, w int) string {
	if w <= 0 {
		return ""
	}
	sw := ansi.StringWidth(s)
	if sw > w {
		s = ansi.Truncate(s, w, "…")
		sw = ansi.StringWidth(s)
	}
	if sw < w {
		s += strings.Repeat(" ", w-sw)
	}
	return s
}

// block makes lines into exactly h lines of exactly w columns each.
func block(lines []string, w, h int) string {
	if h <= 0 || w <= 0 {
		return ""
	}
	var b strings.Builder
	for i := 0; i < h; i++ {
		if i > 0 {
			b.WriteByte('\n')
		}
		line := ""
		if i < len(lines) {
			line = lines[i]
		}
		b.WriteString(fit(line, w))
	}
	return b.String()
}
