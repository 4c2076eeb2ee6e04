package safetext

import (
	"regexp"
	"sync"
	"testing"

	"charm.land/glamour/v2"
)

// Glamour is the renderer Markdown exists for, so its output is the proof:
// these tests render cleaned bodies with it and check what would reach the
// terminal.

var (
	glamourMu       sync.Mutex
	glamourRenderer *glamour.TermRenderer
)

// renderGlamour renders md as the reader pane would. A TermRenderer is not
// safe for concurrent use, hence the lock.
func renderGlamour(t testing.TB, md string) string {
	t.Helper()
	glamourMu.Lock()
	defer glamourMu.Unlock()
	if glamourRenderer == nil {
		r, err := glamour.NewTermRenderer(glamour.WithStandardStyle("dark"), glamour.WithWordWrap(80))
		if err != nil {
			t.Fatal(err)
		}
		glamourRenderer = r
	}
	out, err := glamourRenderer.Render(md)
	if err != nil {
		t.Fatalf("glamour: %v", err)
	}
	return out
}

// glamourLink matches the OSC 8 hyperlinks Glamour writes for any link in
// a post; vetting their targets is Terminal's job, not Markdown's, so the
// check below lets them through as long as they hold no control.
var glamourLink = regexp.MustCompile(`\x1b\]8;[^\x00-\x1f\x7f-\x{9f};]*;[^\x00-\x1f\x7f-\x{9f}]*(?:\x07|\x1b\\)`)

// checkRendered checks Glamour output: SGR, hyperlinks and text only.
func checkRendered(out string) error {
	return CheckTerminalOutput([]byte(glamourLink.ReplaceAllString(out, "")))
}

// markdownAttacks are bodies that get control bytes through Glamour when
// they are not cleaned.
var markdownAttacks = []string{
	"Title: &#x1b;]0;pwned&#7; done",
	"Clipboard: &#27;]52;c;Y3VybCBldmlsLnNoIHwgc2g=&#x7;",
	"Wrapped: &#4294967323;]0;pwned&#x10000000007;",
	"C1: &#x9d;0;pwned&#x9c; and &#x90;$qm&#x9c;",
	"Code span: `&#x1b;]0;pwned&#7;`",
	"Split: &#x1*b*;]0;x&#7; and &#x1**b**; and _&#x1_b;",
	"Strike: ~~&#x1b;]0;x&#7;~~",
	"<div>&#x1b;]0;pwned&#7;</div>",
	"Inline <span>&#x1b;]0;pwned&#7;</span> html",
	"[&#x1b;]0;x&#7;](https://example.com/) link text",
	"| a | b |\n|---|---|\n| &#x1b;]0;x&#7; | &#13;over |",
	"# &#x1b;]0;heading&#7;",
	"- item &#x1b;[2J\n- &#xd;overwrite",
	"> quote &#x202e;txt.exe",
	"Carriage: safe&#13;EVIL and &NewLine; &Tab; &rlm;",
	"Raw: \x1b]0;pwned\x07 \u009b2J \r\n",
}

func TestMarkdownThroughGlamour(t *testing.T) {
	for _, md := range markdownAttacks {
		if err := checkRendered(renderGlamour(t, md)); err != nil {
			t.Logf("uncleaned %q reaches the terminal as: %v", md, err)
		}
		out := renderGlamour(t, Markdown(md))
		if err := checkRendered(out); err != nil {
			t.Errorf("Markdown(%q) through Glamour: %v\noutput: %q", md, err, out)
		}
		if err := CheckTerminalOutput([]byte(Terminal(out))); err != nil {
			t.Errorf("Terminal(glamour(Markdown(%q))): %v", md, err)
		}
	}
}

// TestCheckRenderedIsNotBlind makes sure the check above can fail.
func TestCheckRenderedIsNotBlind(t *testing.T) {
	for _, bad := range []string{
		"x\x1b]0;pwned\x07",
		"\x1b]8;;https://e.com/\x01\x07",
		"\x1b[38;5;252m\x1b\x1b[m",
		"a\x01b",
		"\u009d0;t",
	} {
		if checkRendered(bad) == nil {
			t.Errorf("checkRendered(%q) = nil", bad)
		}
	}
	if err := checkRendered("\x1b]8;id=1;javascript:x\x07t\x1b]8;;\x07"); err != nil {
		t.Errorf("checkRendered(glamour link) = %v", err)
	}
}
