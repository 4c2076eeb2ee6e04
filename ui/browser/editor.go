package browser

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
)

// Edit returns the command that opens path in the user's editor: $VISUAL,
// else $EDITOR, else vi (notepad on Windows). The variable may hold
// arguments ("code --wait"); it is split on spaces without any shell
// quoting, so an editor whose path has a space needs a wrapper script.
// path is always one argument, and one starting with '-' is written
// "./-…" so the editor can't take it for an option.
//
// Stdin, Stdout and Stderr are left nil for tea.ExecProcess to connect to
// the terminal; the editor, unlike the browser, needs it.
func Edit(path string) *exec.Cmd {
	argv := strings.Fields(os.Getenv("VISUAL"))
	if len(argv) == 0 {
		argv = strings.Fields(os.Getenv("EDITOR"))
	}
	if len(argv) == 0 {
		argv = []string{"vi"}
		if runtime.GOOS == "windows" {
			argv = []string{"notepad"}
		}
	}
	if strings.HasPrefix(path, "-") {
		path = "." + string(filepath.Separator) + path
	}
	return exec.Command(argv[0], append(argv[1:], path)...)
}
