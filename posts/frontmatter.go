package posts

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/adrg/frontmatter"

	"github.com/newsreader/newsreader/posts/safetext"
)

// otherFields reads TOML (between +++ lines) and JSON (an object, then a
// blank line) front matter, which Hugo and some exporters write, with
// adrg/frontmatter. ok is false when data holds neither.
func otherFields(data []byte) (f fields, body []byte, ok bool, err error) {
	start := bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), " \t\r\n")
	if !bytes.HasPrefix(start, []byte("+++")) && !bytes.HasPrefix(start, []byte("{")) {
		return nil, nil, false, nil
	}
	var m map[string]any
	body, err = parseOther(start, &m)
	if errors.Is(err, frontmatter.ErrNotFound) {
		// A file that merely starts with "{{" or "{%" is text; one that
		// opens front matter and never closes it must not pass for a
		// post with no fields.
		if open, _ := cutLine(start); string(open) != "+++" && string(open) != "{" {
			return nil, nil, false, nil
		}
		return nil, nil, true, &FrontMatterError{Reason: "the front matter is never closed; end TOML with a +++ line, and JSON with a } line and then a blank line", unclosed: true}
	}
	if err != nil {
		// The decoders quote the offending key as written, controls and
		// all.
		return nil, nil, true, &FrontMatterError{Reason: safetext.Line("the TOML or JSON front matter is not valid: " + err.Error())}
	}
	return fieldsOf(m, anyValue), body, true, nil
}

// anyValue turns a decoded TOML or JSON value into the strings Post reads.
func anyValue(v any) value {
	switch v := v.(type) {
	case []any:
		out := value{isList: true}
		for _, e := range v {
			out.list = append(out.list, anyValue(e).text)
		}
		return out
	case []string:
		return value{isList: true, list: v}
	case string:
		return value{text: v}
	case time.Time:
		return value{text: v.Format(time.RFC3339Nano)}
	case float64:
		return value{text: strconv.FormatFloat(v, 'f', -1, 64)}
	case nil:
		return value{}
	}
	return value{text: fmt.Sprint(v)}
}

// parseOther runs adrg/frontmatter, whose decoders may panic on hostile
// input; a panic is a bad file, not a crash.
func parseOther(data []byte, m *map[string]any) (body []byte, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("the parser failed on it")
		}
	}()
	return frontmatter.MustParse(bytes.NewReader(data), m)
}
