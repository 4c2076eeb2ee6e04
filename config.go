package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v2"
)

// settings are the choices a flag, an environment variable or the config
// file can make; flags win over the environment, which wins over the file.
type settings struct {
	Dir    string             `yaml:"dir"`
	UILang string             `yaml:"ui_lang"`
	Style  string             `yaml:"style"`
	Width  int                `yaml:"width"`
	Prefer string             `yaml:"prefer"`
	State  string             `yaml:"state"`
	Keys   map[string]keyList `yaml:"keys"`
}

// keyList is the keys of one action: a list, or one key as a string.
type keyList []string

func (k *keyList) UnmarshalYAML(unmarshal func(any) error) error {
	var one string
	if err := unmarshal(&one); err == nil {
		*k = keyList{one}
		return nil
	}
	var many []string
	if err := unmarshal(&many); err != nil {
		return err
	}
	*k = many
	return nil
}

// configKeys are the keys the config file may have, for error messages.
const configKeys = "dir, ui_lang, style, width, prefer, state, keys"

// defaultConfigPath is $XDG_CONFIG_HOME/newsreader/config.yaml, or
// ~/.config/newsreader/config.yaml.
func defaultConfigPath(getenv func(string) string) string {
	base := getenv("XDG_CONFIG_HOME")
	if base == "" || !filepath.IsAbs(base) {
		home, err := os.UserHomeDir()
		if err != nil {
			return ""
		}
		base = filepath.Join(home, ".config")
	}
	return filepath.Join(base, "newsreader", "config.yaml")
}

// configError is a problem in the config file: which file, which line,
// which key, and what to do.
type configError struct {
	path string
	line int
	msg  string
}

func (e *configError) Error() string {
	if e.line > 0 {
		return fmt.Sprintf("config %s line %d: %s", e.path, e.line, e.msg)
	}
	return fmt.Sprintf("config %s: %s", e.path, e.msg)
}

var (
	yamlLine     = regexp.MustCompile(`line (\d+): (.*)`)
	unknownField = regexp.MustCompile(`^field (\S+) not found in type`)
)

// loadConfig reads the config file. A file that does not exist is no
// error: every setting then has its default. Unknown keys are reported,
// not ignored.
func loadConfig(path string, explicit bool) (settings, error) {
	var s settings
	if path == "" {
		return s, nil
	}
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) && !explicit {
		return s, nil
	}
	if err != nil {
		return s, &configError{path: path, msg: err.Error()}
	}
	if err := yaml.UnmarshalStrict(data, &s); err != nil {
		return s, yamlConfigError(path, err)
	}
	for name, keys := range s.Keys {
		if _, err := keyMap("", map[string][]string{name: keys}); err != nil {
			return s, &configError{path: path, line: lineOf(data, name), msg: "keys: " + err.Error()}
		}
	}
	if bad := s.check(); bad != nil {
		return s, &configError{path: path, line: lineOf(data, bad.key), msg: fmt.Sprintf("%s %q: %s", bad.key, bad.value, bad.want)}
	}
	return s, nil
}

// yamlConfigError turns a YAML parser error into one line that names the
// line and the key.
func yamlConfigError(path string, err error) error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	msg = strings.TrimPrefix(msg, "unmarshal errors:\n")
	first := strings.TrimSpace(strings.SplitN(msg, "\n", 2)[0])
	m := yamlLine.FindStringSubmatch(first)
	if m == nil {
		return &configError{path: path, msg: first}
	}
	line, _ := strconv.Atoi(m[1])
	if f := unknownField.FindStringSubmatch(m[2]); f != nil {
		return &configError{path: path, line: line, msg: fmt.Sprintf("unknown key %q; the keys are: %s", f[1], configKeys)}
	}
	return &configError{path: path, line: line, msg: m[2]}
}

// lineOf finds the line where key is set, for messages about its value.
func lineOf(data []byte, key string) int {
	re := regexp.MustCompile(`^\s*"?` + regexp.QuoteMeta(key) + `"?\s*:`)
	for i, ln := range strings.Split(string(data), "\n") {
		if re.MatchString(ln) {
			return i + 1
		}
	}
	return 0
}

// badSetting is a setting whose value can't be used: its key as the
// config file writes it, the value, and what to write instead. Each
// source words it its own way (--ui-lang, NEWSREADER_UI_LANG, ui_lang).
type badSetting struct{ key, value, want string }

// check validates the values.
func (s settings) check() *badSetting {
	bad := func(key, val, want string) *badSetting {
		return &badSetting{key, val, want}
	}
	switch s.Style {
	case "", "auto", "dark", "light", "notty":
	default:
		if !strings.HasSuffix(strings.ToLower(s.Style), ".json") {
			return bad("style", s.Style, "use auto, dark, light, notty or the path of a Glamour JSON style file")
		}
		if _, err := os.Stat(s.Style); err != nil {
			return bad("style", s.Style, "the style file can't be read: "+err.Error())
		}
	}
	switch s.Prefer {
	case "", "vn", "vi", "en":
	default:
		return bad("prefer", s.Prefer, "use vn or en")
	}
	switch s.UILang {
	case "", "vi", "en":
	default:
		return bad("ui_lang", s.UILang, "use vi or en")
	}
	if s.Width < 0 {
		return bad("width", strconv.Itoa(s.Width), "use a positive number of columns")
	}
	return nil
}

// envSettings reads NEWSREADER_DIR, NEWSREADER_UI_LANG, NEWSREADER_STYLE,
// NEWSREADER_WIDTH, NEWSREADER_PREFER and NEWSREADER_STATE.
func envSettings(getenv func(string) string) (settings, error) {
	s := settings{
		Dir:    getenv("NEWSREADER_DIR"),
		UILang: getenv("NEWSREADER_UI_LANG"),
		Style:  getenv("NEWSREADER_STYLE"),
		Prefer: getenv("NEWSREADER_PREFER"),
		State:  getenv("NEWSREADER_STATE"),
	}
	if w := getenv("NEWSREADER_WIDTH"); w != "" {
		n, err := strconv.Atoi(w)
		if err != nil {
			return s, fmt.Errorf("NEWSREADER_WIDTH=%q: use a number of columns", w)
		}
		s.Width = n
	}
	if bad := s.check(); bad != nil {
		return s, fmt.Errorf("environment: NEWSREADER_%s=%q: %s", strings.ToUpper(bad.key), bad.value, bad.want)
	}
	return s, nil
}

// over returns s with every setting it leaves empty taken from base.
func (s settings) over(base settings) settings {
	if s.Dir == "" {
		s.Dir = base.Dir
	}
	if s.UILang == "" {
		s.UILang = base.UILang
	}
	if s.Style == "" {
		s.Style = base.Style
	}
	if s.Width == 0 {
		s.Width = base.Width
	}
	if s.Prefer == "" {
		s.Prefer = base.Prefer
	}
	if s.State == "" {
		s.State = base.State
	}
	if s.Keys == nil {
		s.Keys = base.Keys
	}
	return s
}
