package posts

// Reading the fields of YAML front matter: the quick way for plain
// key: value lines, yaml.v2 for the rest.

import (
	"bytes"
	"errors"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v2"

	"github.com/newsreader/newsreader/posts/safetext"
)

// quickFields reads the common front matter made only of one-line
// "key: value" pairs, many times faster than the YAML parser. It gives up
// (ok false) on anything it can't read exactly as YAML would, and the YAML
// parser reads it instead; FuzzParse and TestQuickFieldsAgree check that
// the two agree.
//
// The fields are added to f, a buffer given by the caller.
func quickFields(text []byte, f fields) (_ fields, notes []string, ok bool) {
	// The keys seen, once there are too many to look through for each
	// new one: a front matter of thousands of keys would take time that
	// grows with the square of their number.
	var seen map[string]bool
	for line := 2; len(text) > 0; line++ {
		l := text
		if i := bytes.IndexByte(text, '\n'); i >= 0 {
			l, text = text[:i], text[i+1:]
		} else {
			text = nil
		}
		l = bytes.TrimSuffix(l, []byte("\r"))
		if !plainLine(l) {
			return nil, nil, false
		}
		if len(bytes.TrimRight(l, " ")) == 0 || l[0] == '#' {
			continue
		}
		k := 0
		for k < len(l) && k <= 128 && isKeyByte(l[k]) {
			k++
		}
		if k == 0 || k == len(l) || l[k] != ':' || (k+1 < len(l) && l[k+1] != ' ') || l[0] == '-' {
			return nil, nil, false
		}
		key, interned := keyNames[string(l[:k])] // looked up without a copy
		if !interned {
			key = string(l[:k])
		}
		v, ok := quickValue(string(l[k+1:]))
		if !ok || isNull(key) {
			return nil, nil, false
		}
		if seen == nil && len(f) >= manyKeys {
			seen = make(map[string]bool, 2*len(f))
			for _, x := range f {
				seen[x.key] = true
			}
		}
		if seen != nil && seen[key] || seen == nil && f.has(key) {
			if known[key] {
				notes = append(notes, dupNote(line, key))
			}
			continue
		}
		if seen != nil {
			seen[key] = true
		}
		f = append(f, field{key, value{text: v}})
	}
	return f, notes, true
}

// manyKeys is how many keys quickFields looks through for a duplicate
// before it keeps a map of them instead.
const manyKeys = 32

// plainLine reports whether a line has none of the characters YAML treats
// specially wherever they are: tabs, control characters, a lone CR, the
// Unicode line breaks, and a byte order mark.
func plainLine(l []byte) bool {
	for i := 0; i < len(l); {
		c := l[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == 0x7f {
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(l[i:])
		if r <= 0x9f || r == 0x2028 || r == 0x2029 || r == 0xfeff || r >= 0xfffe && r <= 0xffff {
			return false
		}
		i += n
	}
	return true
}

func isKeyByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '-'
}

func isNull(s string) bool {
	return s == "~" || s == "null" || s == "Null" || s == "NULL"
}

// quickValue reads a value that is plain, or single- or double-quoted
// without escapes, with an optional comment after it.
func quickValue(s string) (string, bool) {
	s = strings.Trim(s, " ")
	if s == "" {
		return "", true
	}
	switch s[0] {
	case '"':
		end := strings.IndexByte(s[1:], '"') + 1
		if end == 0 || strings.IndexByte(s[1:end], '\\') >= 0 || !onlyComment(s[end+1:]) {
			return "", false
		}
		return s[1:end], true
	case '\'':
		i := 1
		for ; i < len(s); i++ {
			if s[i] == '\'' {
				if i+1 < len(s) && s[i+1] == '\'' {
					i++
					continue
				}
				break
			}
		}
		if i >= len(s) || !onlyComment(s[i+1:]) {
			return "", false
		}
		return strings.ReplaceAll(s[1:i], "''", "'"), true
	}
	if strings.IndexByte("-?:,[]{}#&*!|>'\"%@`", s[0]) >= 0 ||
		strings.Contains(s, ": ") || strings.Contains(s, " #") || strings.HasSuffix(s, ":") {
		return "", false
	}
	if isNull(s) {
		return "", true
	}
	return s, true
}

func onlyComment(s string) bool {
	return s == "" || s[0] == ' ' && strings.TrimLeft(s, " ")[0] == '#'
}

// yamlValue decodes any YAML node into a value: a scalar as the text
// written, a list of scalars as a list, and anything else as nothing,
// without an error. Decoding into a string is what keeps "yes" as "yes"
// (not true) and an unquoted timestamp as written rather than a time.Time
// in UTC, so parseDate sees the zone.
type yamlValue value

func (v *yamlValue) UnmarshalYAML(unmarshal func(any) error) error {
	var s string
	if unmarshal(&s) == nil {
		v.text = s
		return nil
	}
	var l []string
	if unmarshal(&l) == nil {
		v.list, v.isList = l, true
	}
	return nil
}

// UnmarshalText is how yaml.v2 decodes a quoted "null" or "~": it skips
// UnmarshalYAML for any scalar spelled like null, quoted or not.
func (v *yamlValue) UnmarshalText(text []byte) error {
	v.text = string(text)
	return nil
}

func yamlFields(text []byte) (f fields, notes []string, err error) {
	defer func() {
		if r := recover(); r != nil {
			f, notes, err = nil, nil, &FrontMatterError{Reason: "the YAML parser failed on it"}
		}
	}()
	var m map[string]yamlValue
	// The parser leaves the line number out of an error on the first line
	// of its input, so it is given the opening --- too; then its line
	// numbers are the file's. Strict mode reports duplicate keys (and keeps
	// the first) instead of silently keeping the last.
	err = yaml.UnmarshalStrict(append([]byte("---\n"), text...), &m)
	var te *yaml.TypeError
	if errors.As(err, &te) {
		for _, msg := range te.Errors {
			line, rest := errorLine(msg, "line ")
			if k, ok := strings.CutPrefix(rest, "key "); ok && strings.HasSuffix(k, " already set in map") {
				if key, err := strconv.Unquote(strings.TrimSuffix(k, " already set in map")); err == nil && known[key] {
					notes = append(notes, dupNote(line, key))
				}
				continue
			}
			return nil, nil, &FrontMatterError{Line: line, Reason: "expected lines of key: value"}
		}
	} else if err != nil {
		line, reason := errorLine(strings.TrimPrefix(err.Error(), "yaml: "), "line ")
		if line == 0 && strings.HasPrefix(reason, "control characters") {
			line = controlLine(text)
		}
		if reason == "mapping values are not allowed in this context" {
			reason += ` (a value that contains ": " needs quotes, as in title: "Hà Nội: tin mới")`
		}
		return nil, nil, &FrontMatterError{Line: line, Reason: safetext.Line(reason)}
	}
	return fieldsOf(m, func(v yamlValue) value { return value(v) }), notes, nil
}

// controlLine finds the file line of the first control character in the
// front matter, which the YAML parser rejects without saying where.
func controlLine(text []byte) int {
	line := 2
	for _, c := range text {
		switch {
		case c == '\n':
			line++
		case c < 0x20 && c != '\t' && c != '\r' || c == 0x7f:
			return line
		}
	}
	return 0
}

// errorLine splits a parser message such as "line 3: bad thing" into 3
// and "bad thing"; the line is 0 when the message has none.
func errorLine(msg, prefix string) (int, string) {
	rest, ok := strings.CutPrefix(msg, prefix)
	if !ok {
		return 0, msg
	}
	n, rest, ok := number(rest, 1, 9)
	if !ok {
		return 0, msg
	}
	if after, ok := strings.CutPrefix(rest, ": "); ok {
		return n, after
	}
	// TOML says "Near line 3 (last key parsed 'x'): ..."
	if _, after, ok := strings.Cut(rest, "): "); ok {
		return n, after
	}
	return n, strings.TrimSpace(rest)
}
