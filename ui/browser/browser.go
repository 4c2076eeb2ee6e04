// Package browser hands links and files to other programs: the web
// browser, the system clipboard and the user's editor.
//
// Every link comes from a post, so from a stranger. A program is always
// started directly, never through a shell, with the link as exactly one
// argument, so quotes, ';', '$(…)' or backticks in a URL are just
// characters of the URL. Open accepts only what safetext.URL accepts:
// absolute http and https URLs with a real host, nothing that could be
// read as an option.
package browser

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsreader/newsreader/posts/safetext"
)

// ErrRefused is wrapped by the error Open returns for a link it will not
// open; the rest of the message says why.
var ErrRefused = errors.New("link refused")

// ErrNoBrowser is wrapped by the error Open returns when no browser
// program could be started.
var ErrNoBrowser = errors.New("no browser found")

// Open starts the web browser on rawURL and returns once it has started,
// without waiting for it. Only http and https URLs with a host are
// opened; anything else is refused with an error wrapping ErrRefused.
//
// The browser is the first program of $BROWSER that can be started, else
// the platform's opener (xdg-open, open, or rundll32's URL handler). As
// in the xdg convention, $BROWSER is a list of commands separated by ':'
// (';' on Windows); each is split on spaces, without any shell quoting,
// and gets the URL in place of an argument "%s" or as a final argument.
// The browser reads and writes the null device, so it can't draw over the
// reader, and it runs in its own session, so it outlives the reader.
func Open(rawURL string) error {
	link, err := vet(rawURL)
	if err != nil {
		return err
	}
	var errs []error
	for _, argv := range browserCommands(os.Getenv("BROWSER"), link, runtime.GOOS) {
		err := start(argv)
		if err == nil {
			return nil
		}
		errs = append(errs, err)
	}
	return fmt.Errorf("%w: set $BROWSER to your browser's command (%w)", ErrNoBrowser, errList(errs))
}

// errList is errors.Join on one line: these errors end up in the status
// line, where a newline has no place.
type errList []error

func (e errList) Error() string {
	msgs := make([]string, len(e))
	for i, err := range e {
		msgs[i] = err.Error()
	}
	return strings.Join(msgs, "; ")
}

func (e errList) Unwrap() []error { return e }

// vet returns the form of raw that safetext.URL accepts, or an error
// that says why it is refused. safetext.URL alone decides; the checks
// here only find the words for its refusal.
func vet(raw string) (string, error) {
	if clean, ok := safetext.URL(raw); ok {
		return clean, nil
	}
	return "", fmt.Errorf("%w: %s", ErrRefused, refusal(raw))
}

// refusal explains why safetext.URL refused raw, checking the commonest
// reasons first. It never quotes raw itself: the message is shown in the
// reader, and raw is untrusted.
func refusal(raw string) string {
	switch {
	case raw == "":
		return "the link is empty"
	case len(raw) > 4096:
		return "the link is too long"
	case raw[0] == '-':
		return "the link starts with '-', so a program could take it for an option"
	case strings.IndexFunc(raw, hidden) >= 0:
		return "the link contains a space, a control character or an invisible character"
	case strings.IndexByte(raw, '\\') >= 0:
		return "the link contains a backslash, which browsers read as '/'"
	}
	u, err := url.Parse(raw)
	switch {
	case err != nil:
		return "the link is not a valid web address"
	case u.Scheme == "":
		return "the link does not start with http:// or https://"
	case u.Scheme != "http" && u.Scheme != "https":
		scheme := u.Scheme // url.Parse allows only letters, digits, '+', '-' and '.'
		if len(scheme) > 20 {
			scheme = scheme[:20] + "…"
		}
		return "it is a " + scheme + ": link; only http and https links are opened"
	case u.User != nil:
		return "the link has a user name before its host (user@host), which hides where it really goes"
	case u.Opaque != "" || u.Hostname() == "":
		return "the link has no host"
	}
	return "the link's host or port is not valid"
}

// hidden reports whether r is a character that has no business in a link
// and may hide what it says: whitespace, controls, format characters
// (bidi controls, zero-width spaces) and invalid UTF-8.
func hidden(r rune) bool {
	return r == utf8.RuneError || unicode.IsSpace(r) || unicode.IsControl(r) || unicode.Is(unicode.Cf, r)
}

// browserCommands lists the command lines to try, in order, for a link
// that passed vet: those of $BROWSER, then the platform opener.
func browserCommands(env, link, goos string) [][]string {
	var cmds [][]string
	for entry := range strings.SplitSeq(env, string(os.PathListSeparator)) {
		fields := strings.Fields(entry)
		if len(fields) == 0 {
			continue
		}
		substituted := false
		for i, f := range fields[1:] {
			if strings.Contains(f, "%s") {
				// One pass over the field: a "%s" inside the link is
				// never substituted again.
				fields[i+1] = strings.ReplaceAll(f, "%s", link)
				substituted = true
			}
		}
		if !substituted {
			fields = append(fields, link)
		}
		cmds = append(cmds, fields)
	}
	switch goos {
	case "darwin", "ios":
		cmds = append(cmds, []string{"open", link})
	case "windows":
		cmds = append(cmds, []string{"rundll32", "url.dll,FileProtocolHandler", link})
	default:
		cmds = append(cmds, []string{"xdg-open", link})
	}
	return cmds
}

// start runs argv detached from the reader: null stdin, stdout and stderr
// (exec.Cmd's default), its own session, and a goroutine to reap it.
func start(argv []string) error {
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.SysProcAttr = detached()
	if err := cmd.Start(); err != nil {
		return err
	}
	go func() {
		// Its exit status says nothing we could act on: a browser that
		// failed has already told the user in its own window, or not.
		_ = cmd.Wait()
	}()
	return nil
}
