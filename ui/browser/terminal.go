package browser

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
)

// terminalBrowsers are browsers that draw in the terminal. Started like a
// desktop browser, detached and writing to the null device, they would
// have nowhere to draw.
var terminalBrowsers = map[string]bool{
	"w3m": true, "lynx": true, "links": true, "links2": true, "elinks": true,
	"browsh": true, "carbonyl": true, "cha": true, "chawan": true,
}

// TerminalCommand returns the command that opens rawURL in a browser
// that runs in the terminal, when the first command of $BROWSER is one
// (w3m, lynx, links, elinks…): the caller gives it the terminal, as it
// does the editor, and takes the terminal back when it exits. It returns
// nil when $BROWSER names no such browser first, and Open is the way. A
// link Open would refuse is refused here too, with the same error.
func TerminalCommand(rawURL string) (*exec.Cmd, error) {
	link, err := vet(rawURL)
	if err != nil {
		return nil, err
	}
	cmds := browserCommands(os.Getenv("BROWSER"), link, runtime.GOOS)
	if len(cmds) < 2 { // only the platform opener
		return nil, nil
	}
	argv := cmds[0]
	name := strings.TrimSuffix(strings.ToLower(filepath.Base(argv[0])), ".exe")
	if !terminalBrowsers[name] {
		return nil, nil
	}
	return exec.Command(argv[0], argv[1:]...), nil
}
