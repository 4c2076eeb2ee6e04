package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

func writeConfig(t *testing.T, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func noEnv(string) string { return "" }

func TestConfigRemapsKeysInBindingsAndHelp(t *testing.T) {
	p := writeConfig(t, "keys:\n  open: [enter, O]\n  quit: x\n")
	c, err := parseFlags([]string{"--config", p}, os.Stderr, noEnv)
	if err != nil {
		t.Fatal(err)
	}
	km, err := keyMap("en", keyLists(c.Keys))
	if err != nil {
		t.Fatal(err)
	}
	if !key.Matches(tea.KeyPressMsg{Code: 'O', Text: "O"}, km.Open) || key.Matches(tea.KeyPressMsg{Code: 'l', Text: "l"}, km.Open) {
		t.Fatalf("open keys = %v", km.Open.Keys())
	}
	if !key.Matches(tea.KeyPressMsg{Code: 'x', Text: "x"}, km.Quit) || key.Matches(tea.KeyPressMsg{Code: 'q', Text: "q"}, km.Quit) {
		t.Fatalf("quit keys = %v", km.Quit.Keys())
	}
	if km.Open.Help().Key != "enter/O" || km.Quit.Help().Key != "x" {
		t.Fatalf("help shows %q and %q", km.Open.Help().Key, km.Quit.Help().Key)
	}
}

func TestBadConfigNamesFileLineAndKey(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"dir: /tmp\ncolour: red\n", `line 2: unknown key "colour"`},
		{"style: neon\n", `line 1: style "neon"`},
		{"ui_lang: fr\n", `line 1: ui_lang "fr"`},
		{"width: wide\n", "line 1:"},
		{"keys:\n  jump: [z]\n", `line 2: keys: unknown action "jump"`},
		{"keys:\n  open: [enter, o]\n", `line 2: keys: key "o" is given to both open_link and open; give open_link other keys`},
		{"keys: [\n", "line"},
	} {
		p := writeConfig(t, tc.text)
		_, errOut, code := runPlain(t, t.TempDir(), "", "--config", p)
		if code != 2 || !strings.Contains(errOut, p) || !strings.Contains(errOut, tc.want) {
			t.Errorf("%q: exit %d, stderr %q; want the path and %q", tc.text, code, errOut, tc.want)
		}
	}
}

func TestFlagsOverEnvironmentOverFile(t *testing.T) {
	p := writeConfig(t, "ui_lang: vi\nwidth: 70\nprefer: en\n")
	env := map[string]string{"NEWSREADER_WIDTH": "90", "NEWSREADER_PREFER": "vn"}
	getenv := func(k string) string { return env[k] }
	c, err := parseFlags([]string{"--config", p, "--prefer", "en"}, os.Stderr, getenv)
	if err != nil {
		t.Fatal(err)
	}
	if c.UILang != "vi" || c.Width != 90 || c.Prefer != "en" || c.Style != "auto" {
		t.Fatalf("settings %+v", c.settings)
	}
	env["NEWSREADER_STYLE"] = "neon"
	if _, err := parseFlags([]string{"--config", p}, os.Stderr, getenv); err == nil || !strings.Contains(err.Error(), "NEWSREADER_STYLE") {
		t.Fatalf("bad environment value: %v", err)
	}
}

func TestConfigDirIsTheDefaultFolder(t *testing.T) {
	posts := writePosts(t)
	p := writeConfig(t, "dir: "+posts+"\n")
	out, _, code := runPlain(t, t.TempDir(), "", "--config", p)
	if code != 0 || !strings.Contains(out, "Warehouse robots") {
		t.Fatalf("exit %d:\n%s", code, out)
	}
}

func TestMissingDefaultConfigIsFine(t *testing.T) {
	env := func(k string) string {
		if k == "XDG_CONFIG_HOME" {
			return t.TempDir()
		}
		return ""
	}
	if _, err := parseFlags(nil, os.Stderr, env); err != nil {
		t.Fatal(err)
	}
}

func TestReadmeListsEveryAction(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range actions {
		if !strings.Contains(string(readme), a.name) {
			t.Errorf("README.md does not list the action %q", a.name)
		}
	}
}

func TestSettingMessagesQuoteTheValueAsGiven(t *testing.T) {
	_, err := parseFlags([]string{"--config", "", "--style", "/tmp/My_Style.json"}, os.Stderr, noEnv)
	if err == nil || !strings.Contains(err.Error(), `--style "/tmp/My_Style.json"`) {
		t.Fatalf("flag: %v", err)
	}
	env := func(k string) string {
		if k == "NEWSREADER_STYLE" {
			return "/tmp/My_Style.json"
		}
		return ""
	}
	_, err = parseFlags([]string{"--config", ""}, os.Stderr, env)
	if err == nil || !strings.Contains(err.Error(), `NEWSREADER_STYLE="/tmp/My_Style.json"`) {
		t.Fatalf("environment: %v", err)
	}
}

func TestNamedConfigMustExist(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "none.yaml")
	_, errOut, code := runPlain(t, t.TempDir(), "", "--config", missing)
	if code != 2 || !strings.Contains(errOut, missing) {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
}
