package browser

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
)

// fakeScript is a stand-in for a browser or clipboard program. It
// records its argument count, each argument, where its standard streams
// lead and its session (Linux only), then its standard input, and
// renames the record into place only when complete, so a reader never
// sees half of it. It also writes to stdout and stderr, which must not
// reach the test's terminal.
const fakeScript = `#!/bin/sh
PATH=/usr/bin:/bin
rec=%REC%
if [ -r /proc/$$/stat ]; then
	procinfo=$(
		for fd in 0 1 2; do printf 'fd%s:%s\n' "$fd" "$(readlink /proc/$$/fd/$fd)"; done
		set -- $(cat /proc/$$/stat)
		printf 'pid:%s\nsid:%s' "$1" "$6"
	)
fi
{
	printf 'argc:%s\n' "$#"
	for a in "$@"; do printf 'arg:%s\n' "$a"; done
	if [ -n "$procinfo" ]; then printf '%s\n' "$procinfo"; fi
	printf 'stdin:'
	%STDIN%
} > "$rec.tmp"
mv "$rec.tmp" "$rec"
echo "fake program output that must not reach the screen"
echo "fake program error that must not reach the screen" >&2
exit %EXIT%
`

// record is what one run of a fake program saw.
type record struct {
	args   []string
	fields map[string]string // fd0, fd1, fd2, pid, sid
	stdin  string
}

// writeFake installs a fake program called name in dir, which exits with
// the given status and, if readStdin, records its standard input. It
// returns the path of the record file.
func writeFake(t *testing.T, dir, name string, exit int, readStdin bool) string {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("the fake programs are shell scripts")
	}
	rec := filepath.Join(dir, name+".rec")
	stdin := ":"
	if readStdin {
		stdin = "cat"
	}
	script := strings.NewReplacer(
		"%REC%", "'"+rec+"'",
		"%STDIN%", stdin,
		"%EXIT%", strconv.Itoa(exit),
	).Replace(fakeScript)
	if err := os.WriteFile(filepath.Join(dir, name), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return rec
}

// readRecord parses a record file, failing the test if it does not exist.
func readRecord(t *testing.T, path string) record {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("the fake program left no record: %v", err)
	}
	head, stdin, ok := strings.Cut(string(data), "stdin:")
	if !ok {
		t.Fatalf("record %q has no stdin section", data)
	}
	r := record{fields: map[string]string{}, stdin: stdin}
	argc := -1
	for line := range strings.Lines(head) {
		key, value, _ := strings.Cut(strings.TrimSuffix(line, "\n"), ":")
		switch key {
		case "argc":
			argc, _ = strconv.Atoi(value)
		case "arg":
			r.args = append(r.args, value)
		default:
			r.fields[key] = value
		}
	}
	if argc != len(r.args) {
		// An argument with a newline in it would show up here.
		t.Fatalf("fake program got %d arguments but recorded %d lines: %q", argc, len(r.args), r.args)
	}
	return r
}

// waitRecord waits for a program started in the background to finish
// its record. The deadline only keeps a broken test from hanging; it is
// not a timing assertion.
func waitRecord(t *testing.T, path string) record {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); {
		if _, err := os.Stat(path); err == nil {
			return readRecord(t, path)
		} else if !errors.Is(err, os.ErrNotExist) {
			t.Fatal(err)
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("the fake program never wrote %s", path)
	return record{}
}

// checkDetached verifies, where /proc says, that the program's standard
// streams were the null device and that it ran in a session of its own.
func checkDetached(t *testing.T, r record, wantStdin bool) {
	t.Helper()
	if r.fields["pid"] == "" {
		return // no /proc here
	}
	fds := []string{"fd1", "fd2"}
	if !wantStdin {
		fds = append(fds, "fd0")
	}
	for _, fd := range fds {
		if r.fields[fd] != os.DevNull {
			t.Errorf("%s of the program is %q, want %s", fd, r.fields[fd], os.DevNull)
		}
	}
	if r.fields["sid"] != r.fields["pid"] {
		t.Errorf("program runs in session %s, want a session of its own (%s)", r.fields["sid"], r.fields["pid"])
	}
}

// hostileQuery builds a URL, valid for safetext.URL, whose query holds
// shell syntax that would create files in dir if a shell ever saw it,
// and checks at the end of the test that none was created.
func hostileQuery(t *testing.T, dir string) (url string) {
	traps := []string{
		filepath.Join(dir, "PWNED1"), filepath.Join(dir, "PWNED2"),
		filepath.Join(dir, "PWNED3"), filepath.Join(dir, "PWNED4"),
	}
	// Quotes are balanced, so that a shell would run this, not reject it.
	url = "https://news.example/search?q=a;touch${IFS}" + traps[0] +
		";x=$(touch${IFS}" + traps[1] + ")" +
		"`touch${IFS}" + traps[2] + "`" +
		"|touch${IFS}" + traps[3] + "&e=%s'q'\"q\""
	t.Cleanup(func() {
		for _, p := range traps {
			if _, err := os.Stat(p); err == nil {
				t.Errorf("%s exists: a shell interpreted the URL", p)
			}
		}
	})
	return url
}
