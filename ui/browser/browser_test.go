package browser

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
)

func TestOpenRefuses(t *testing.T) {
	dir := t.TempDir()
	rec := writeFake(t, dir, "fakebrowser", 0, false)
	t.Setenv("BROWSER", filepath.Join(dir, "fakebrowser"))
	t.Setenv("PATH", dir) // nor may any platform opener run

	tests := []struct {
		url, why string
	}{
		{"", "empty"},
		{"javascript:alert(1)", "javascript: link"},
		{"JAVASCRIPT:alert(document.cookie)", "javascript: link"},
		{"jAvAsCrIpT:alert(1)", "javascript: link"},
		{"vbscript:msgbox(1)", "vbscript: link"},
		{"file:///etc/passwd", "file: link"},
		{"data:text/html,<script>alert(1)</script>", "data: link"},
		{"data:text/html;base64,PHNjcmlwdD4=", "data: link"},
		{"mailto:ed@news.example", "mailto: link"},
		{"ftp://files.example/x", "ftp: link"},
		{"-oProxyCommand=x", "starts with '-'"},
		{"--help", "starts with '-'"},
		{" https://news.example/", "space"},
		{"https://news.example/ ", "space"},
		{"https://a b", "space"},
		{"https://news.example/\n", "control"},
		{"https://news.example/a\nrm -rf ~", "control"},
		{"https://news.example/\x1b[31m", "control"},
		{"https://news.example/\x1b]52;c;ZXZpbA==\x07", "control"},
		{"https://news.example/\u202etxt.exe", "invisible"},
		{"https://news\u200b.example/", "invisible"},
		{"https://news.example/\xff", "invisible"},
		{"https://news.example\\@evil.example/", "backslash"},
		{"https://", "no host"},
		{"http://", "no host"},
		{"https:///path", "no host"},
		{"http:/x", "no host"},
		{"http:x", "no host"},
		{"https://:443/", "no host"},
		{"//host.example/x", "does not start with http"},
		{"/relative/path", "does not start with http"},
		{"news.example/path", "does not start with http"},
		{"https://bank.example@evil.example/", "user name"},
		{"https://user:pass@news.example/", "user name"},
		{"https://news..example/", "not valid"},
		{"https://news.example:99999/", "not valid"},
		{"https://" + strings.Repeat("a", 5000) + ".example/", "too long"},
	}
	for _, tt := range tests {
		err := Open(tt.url)
		if !errors.Is(err, ErrRefused) {
			t.Errorf("Open(%q) = %v, want a refusal", tt.url, err)
			continue
		}
		if !strings.Contains(err.Error(), tt.why) {
			t.Errorf("Open(%q) says %q, want it to say why (%q)", tt.url, err, tt.why)
		}
		// The reason goes to the screen; the link itself must not.
		if tt.url != "" && strings.Contains(err.Error(), tt.url) {
			t.Errorf("Open(%q) repeats the untrusted link in %q", tt.url, err)
		}
	}
	if _, err := os.Stat(rec); err == nil {
		t.Errorf("the browser was started for a refused link")
	}
}

func TestOpenStartsBrowserWithOneArgument(t *testing.T) {
	dir := t.TempDir()
	hostile := hostileQuery(t, dir)
	tests := []struct {
		url, want string
	}{
		{"https://news.example/bai-viet.html", "https://news.example/bai-viet.html"},
		{"HTTPS://News.Example/A?b=C", "https://news.example/A?b=C"},
		{"http://192.0.2.1:8080/x", "http://192.0.2.1:8080/x"},
		{"https://[2001:db8::1]/", "https://[2001:db8::1]/"},
		{"https://bücher.example/", "https://xn--bcher-kva.example/"},
		{"https://news.example/tin-tức?q=Hà%20Nội", "https://news.example/tin-t%E1%BB%A9c?q=H%C3%A0%20N%E1%BB%99i"},
		{hostile, hostile},
	}
	for i, tt := range tests {
		// A fresh program name per case, so each case has its own record.
		name := "fakebrowser" + string(rune('a'+i))
		rec := writeFake(t, dir, name, 0, false)
		t.Setenv("BROWSER", filepath.Join(dir, name))
		if err := Open(tt.url); err != nil {
			t.Errorf("Open(%q) = %v", tt.url, err)
			continue
		}
		r := waitRecord(t, rec)
		if !reflect.DeepEqual(r.args, []string{tt.want}) {
			t.Errorf("Open(%q): browser got %q, want exactly one argument %q", tt.url, r.args, tt.want)
		}
		checkDetached(t, r, false)
	}
}

func TestOpenBrowserList(t *testing.T) {
	dir := t.TempDir()
	hostile := hostileQuery(t, dir)
	rec := writeFake(t, dir, "fakebrowser", 0, false)
	sep := string(os.PathListSeparator)
	// The first entry does not exist; the second takes the URL in place
	// of %s, whose twin inside the URL must stay as it is.
	t.Setenv("BROWSER", "no-such-browser-here --x"+sep+filepath.Join(dir, "fakebrowser")+" --new-tab %s --flag")
	if err := Open(hostile); err != nil {
		t.Fatalf("Open: %v", err)
	}
	r := waitRecord(t, rec)
	if want := []string{"--new-tab", hostile, "--flag"}; !reflect.DeepEqual(r.args, want) {
		t.Errorf("browser got %q, want %q", r.args, want)
	}
}

func TestOpenPlatformOpener(t *testing.T) {
	var opener string
	switch runtime.GOOS {
	case "windows":
		t.Skip("rundll32 can't be faked with a script")
	case "darwin", "ios":
		opener = "open"
	default:
		opener = "xdg-open"
	}
	dir := t.TempDir()
	hostile := hostileQuery(t, dir)
	rec := writeFake(t, dir, opener, 0, false)
	t.Setenv("BROWSER", "")
	t.Setenv("PATH", dir)
	if err := Open(hostile); err != nil {
		t.Fatalf("Open: %v", err)
	}
	r := waitRecord(t, rec)
	if !reflect.DeepEqual(r.args, []string{hostile}) {
		t.Errorf("%s got %q, want exactly %q", opener, r.args, hostile)
	}
	checkDetached(t, r, false)
}

func TestOpenNoBrowser(t *testing.T) {
	t.Setenv("BROWSER", "no-such-browser-here")
	t.Setenv("PATH", t.TempDir())
	err := Open("https://news.example/")
	if !errors.Is(err, ErrNoBrowser) {
		t.Fatalf("Open with no browser = %v, want ErrNoBrowser", err)
	}
	if strings.Contains(err.Error(), "\n") {
		t.Errorf("error %q spans lines; it goes to the status line", err)
	}
	if !strings.Contains(err.Error(), "$BROWSER") {
		t.Errorf("error %q does not say what to do", err)
	}
}

func TestBrowserCommands(t *testing.T) {
	const link = "https://news.example/?q=%s"
	sep := string(os.PathListSeparator)
	xdg := []string{"xdg-open", link}
	tests := []struct {
		env, goos string
		want      [][]string
	}{
		{"", "linux", [][]string{xdg}},
		{"", "freebsd", [][]string{xdg}},
		{"", "darwin", [][]string{{"open", link}}},
		{"", "windows", [][]string{{"rundll32", "url.dll,FileProtocolHandler", link}}},
		{"firefox", "linux", [][]string{{"firefox", link}, xdg}},
		{"  firefox   --new-window  ", "linux", [][]string{{"firefox", "--new-window", link}, xdg}},
		{"w3m %s -o x", "linux", [][]string{{"w3m", link, "-o", "x"}, xdg}},
		{"chromium --app=%s", "linux", [][]string{{"chromium", "--app=" + link}, xdg}},
		{"a" + sep + sep + " " + sep + "b %s", "linux", [][]string{{"a", link}, {"b", link}, xdg}},
		// Quotes are not shell syntax here: they stay part of the word.
		{"sh -c 'echo %s'", "linux", [][]string{{"sh", "-c", "'echo", link + "'"}, xdg}},
		// A "%s" that is the program name is not substituted.
		{"%s", "linux", [][]string{{"%s", link}, xdg}},
	}
	for _, tt := range tests {
		got := browserCommands(tt.env, link, tt.goos)
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("browserCommands(%q, %s) = %q, want %q", tt.env, tt.goos, got, tt.want)
		}
	}
}

func TestTerminalCommand(t *testing.T) {
	const link = "https://tin.example.vn/a?b=1;$(rm)"
	for _, tc := range []struct {
		env  string
		want []string // nil: not a terminal browser
	}{
		{"w3m", []string{"w3m", "https://tin.example.vn/a?b=1;$(rm)"}},
		{"/usr/bin/lynx -accept_all_cookies", []string{"/usr/bin/lynx", "-accept_all_cookies", "https://tin.example.vn/a?b=1;$(rm)"}},
		{"elinks %s" + string(os.PathListSeparator) + "firefox", []string{"elinks", "https://tin.example.vn/a?b=1;$(rm)"}},
		{"firefox" + string(os.PathListSeparator) + "w3m", nil}, // the first one is a desktop browser
		{"", nil},
		{"xw3m", nil},
	} {
		t.Setenv("BROWSER", tc.env)
		cmd, err := TerminalCommand(link)
		if err == nil && tc.want == nil && cmd == nil {
			continue
		}
		if err != nil || cmd == nil {
			t.Errorf("BROWSER=%q: cmd %v, err %v; want %q", tc.env, cmd, err, tc.want)
			continue
		}
		if tc.want == nil || strings.Join(cmd.Args, "\x00") != strings.Join(tc.want, "\x00") {
			t.Errorf("BROWSER=%q: argv %q, want %q", tc.env, cmd.Args, tc.want)
		}
	}
	t.Setenv("BROWSER", "w3m")
	if cmd, err := TerminalCommand("javascript:alert(1)"); err == nil || cmd != nil || !errors.Is(err, ErrRefused) {
		t.Errorf("a javascript: link: cmd %v, err %v", cmd, err)
	}
}
