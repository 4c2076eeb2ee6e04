package browser

import (
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strings"
	"time"
)

// ErrNoClipboard is wrapped by the error Copy returns when no clipboard
// program is installed.
var ErrNoClipboard = errors.New("no clipboard program found (install wl-clipboard, xclip or xsel)")

// clipboardCommands are tried in order; the first that exists on $PATH
// and succeeds wins. wl-copy comes first because under Wayland an X
// clipboard program would only reach XWayland's clipboard.
var clipboardCommands = [][]string{
	{"wl-copy"},
	{"xclip", "-selection", "clipboard"},
	{"xsel", "--clipboard", "--input"},
	{"pbcopy"},
	{"clip.exe"},
}

// copyTimeout bounds a clipboard program that never returns, such as one
// waiting for a display that does not answer.
const copyTimeout = 5 * time.Second

// Copy puts text on the system clipboard through the first clipboard
// program on $PATH that accepts it (wl-copy, xclip, xsel, pbcopy,
// clip.exe), writing text to its standard input unchanged: callers pass
// text that is safe to paste, such as a URL vetted by safetext.URL.
// It returns an error wrapping ErrNoClipboard when none is installed, and
// the programs' errors when all of them failed (an X program without a
// display, for example). It blocks until the program is done, so call it
// from a tea.Cmd, never from Update.
func Copy(text string) error {
	var errs []error
	for _, argv := range clipboardCommands {
		path, err := exec.LookPath(argv[0])
		if err != nil {
			continue
		}
		if err := runClipboard(path, argv[1:], text); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", argv[0], err))
			continue
		}
		return nil
	}
	if len(errs) == 0 {
		return ErrNoClipboard
	}
	return fmt.Errorf("copy to the clipboard: %w", errList(errs))
}

func runClipboard(path string, args []string, text string) error {
	ctx, cancel := context.WithTimeout(context.Background(), copyTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, path, args...)
	cmd.Stdin = strings.NewReader(text)
	// Output goes to the null device (the default): xclip and wl-copy
	// fork a child that keeps serving the selection, and a pipe it
	// inherited would keep Wait from returning until the selection is
	// taken over.
	cmd.SysProcAttr = detached()
	cmd.WaitDelay = time.Second
	return cmd.Run()
}
