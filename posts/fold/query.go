package fold

import (
	"bytes"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Query is what the reader typed in the search bar, parsed. The zero Query
// matches everything.
type Query struct {
	// Words are the folded search words; a post matches when its Key
	// contains every one of them, in any order. A quoted "two words" is a
	// single entry holding a space.
	Words []string
	// Raw holds, for each of Words, the word with its accents kept (NFC,
	// lower-case), so that posts spelled exactly as typed can rank first.
	Raw []string
	// Lang is "vn", "en" or "" for any language.
	Lang string
	// Topic is the folded topic (compare with Fold of the post's [Topic]).
	Topic string
	// MinHot is the least number of 🔥 a post must have.
	MinHot int
	// Since is 00:00 UTC of the first day wanted, and Until is the last
	// instant (23:59:59.999999999 UTC) of the last day wanted; each counts
	// only when its Has flag is set. Prefer InDates over comparing instants:
	// posts are dated in their own time zone.
	Since, Until       time.Time
	HasSince, HasUntil bool
	// Cat is a folded category (compare with Fold of each category).
	Cat string
	// Is lists the states asked for with is:, each once: "unread", "read"
	// or "starred". Package fold does not know read state; the caller
	// applies them.
	Is []string
}

// ErrKind says what is wrong in a QueryError, so that the UI can word the
// message in the reader's language.
type ErrKind uint8

// The kinds of QueryError.
const (
	// UnknownKey means Key is not one of the keys Parse knows.
	UnknownKey ErrKind = iota + 1
	// MissingValue means the key was typed with nothing after the colon.
	MissingValue
	// BadValue means Value is not valid for Key.
	BadValue
	// DatesReversed means the until: date (Value) is before the since:
	// date, so nothing can match.
	DatesReversed
)

// QueryError is the error Parse returns. Key is the key as typed, without
// the colon and lower-cased; Value is what followed it. Error gives the
// message in English and Vietnamese gives it in Vietnamese; a UI wanting
// other wording can switch on Kind.
type QueryError struct {
	Key, Value string
	Kind       ErrKind
}

// keyHelp says, per key, what the key takes, in English and Vietnamese.
var keyHelp = map[string][2]string{
	"lang":  {"lang: takes vn or en", "lang: nhận vn hoặc en"},
	"topic": {"topic: takes a topic, e.g. topic:DeepSeek", "topic: nhận một chủ đề, ví dụ topic:DeepSeek"},
	"hot":   {"hot: takes a number of 🔥, e.g. hot:2", "hot: nhận số 🔥, ví dụ hot:2"},
	"since": {"since: takes a date as YYYY-MM-DD, e.g. since:2025-02-03", "since: nhận một ngày dạng YYYY-MM-DD, ví dụ since:2025-02-03"},
	"until": {"until: takes a date as YYYY-MM-DD, e.g. until:2025-02-28", "until: nhận một ngày dạng YYYY-MM-DD, ví dụ until:2025-02-28"},
	"cat":   {"cat: takes a category, e.g. cat:entries", "cat: nhận một chuyên mục, ví dụ cat:entries"},
	"is":    {"is: takes unread, read or starred", "is: nhận unread, read hoặc starred"},
}

const keyList = "lang:, topic:, hot:, since:, until:, cat:, is:"

// Error describes the problem in English.
func (e *QueryError) Error() string {
	help := keyHelp[e.Key]
	switch e.Kind {
	case UnknownKey:
		return "unknown search key " + short(e.Key+":") + "; the keys are " + keyList
	case MissingValue:
		return short(e.Key+":") + " needs a value: " + help[0]
	case BadValue:
		return short(e.Key+":"+e.Value) + " is not valid: " + help[0]
	case DatesReversed:
		return "until:" + short(e.Value) + " is before the since: date, so nothing can match"
	}
	return "bad search " + short(e.Key+":"+e.Value)
}

// Vietnamese describes the problem in Vietnamese.
func (e *QueryError) Vietnamese() string {
	help := keyHelp[e.Key]
	switch e.Kind {
	case UnknownKey:
		return "không có khóa tìm kiếm " + short(e.Key+":") + "; các khóa là " + keyList
	case MissingValue:
		return short(e.Key+":") + " cần một giá trị: " + help[1]
	case BadValue:
		return short(e.Key+":"+e.Value) + " không hợp lệ: " + help[1]
	case DatesReversed:
		return "until:" + short(e.Value) + " trước ngày since:, nên không bài nào khớp"
	}
	return "tìm kiếm không hợp lệ " + short(e.Key+":"+e.Value)
}

// short quotes what the reader typed for an error message: %q escapes
// anything that could upset the terminal, and a long paste is cut.
func short(s string) string {
	const limit = 40
	if utf8.RuneCountInString(s) > limit {
		n := 0
		for i := range s {
			if n == limit {
				s = s[:i] + "…"
				break
			}
			n++
		}
	}
	return strconv.Quote(s)
}

// Parse parses what the reader typed in the search bar. Words are
// separated by spaces; "double quotes" (straight or curly) keep spaces
// inside one word or value, and an unclosed quote runs to the end, since
// the reader may still be typing it.
//
// A word is a key when it starts with ASCII letters and a colon and no
// quote comes before the colon. The keys are
//
//	lang:vn|vi|en  topic:X  hot:N  since:YYYY-MM-DD  until:YYYY-MM-DD
//	cat:NAME  is:unread|read|starred
//
// Keys are case-insensitive; since: and until: also take YYYY-MM or YYYY,
// meaning the whole month or year, and hot: also takes 🔥🔥. When a key is
// repeated the last one wins, except is:, which adds up. Some words look
// like keys but are kept as search words: a link (https://...), a word
// ending in a colon ("DeepSeek:"), and anything quoted before its colon.
//
// A word with an unknown key ("abc:def") or a key with a bad value is left
// out; Parse still returns the Query built from the rest, together with a
// *QueryError for the first problem.
func Parse(input string) (Query, error) {
	var q Query
	var first error
	fail := func(key, value string, kind ErrKind) {
		if first == nil {
			first = &QueryError{Key: key, Value: value, Kind: kind}
		}
	}
	var untilText string
	for rest := input; rest != ""; {
		var t token
		t, rest = nextToken(rest)
		if t.text == "" && !t.quoted {
			continue // only spaces were left
		}
		_, known := keyHelp[t.key]
		if t.key == "" || strings.HasPrefix(t.value, "//") || (t.value == "" && !t.quoted && !known) {
			q.addWord(t.text)
			continue
		}
		if !known {
			fail(t.key, t.value, UnknownKey)
			continue
		}
		if strings.TrimSpace(t.value) == "" {
			fail(t.key, t.value, MissingValue)
			continue
		}
		if !q.setKey(t.key, t.value) {
			fail(t.key, t.value, BadValue)
			continue
		}
		if t.key == "until" {
			untilText = t.value
		}
	}
	if q.HasSince && q.HasUntil && q.Until.Before(q.Since) {
		fail("until", untilText, DatesReversed)
	}
	return q, first
}

func (q *Query) addWord(w string) {
	f := Fold(w)
	if f == "" {
		return
	}
	q.Words = append(q.Words, f)
	q.Raw = append(q.Raw, strings.Join(strings.Fields(strings.ToLower(norm.NFC.String(w))), " "))
}

// setKey applies one key:value and reports whether value was valid.
func (q *Query) setKey(key, value string) bool {
	switch key {
	case "lang":
		switch Fold(value) {
		case "vn", "vi":
			q.Lang = "vn"
		case "en":
			q.Lang = "en"
		default:
			return false
		}
	case "topic":
		q.Topic = Fold(value)
	case "cat":
		q.Cat = Fold(value)
	case "hot":
		n, ok := parseHot(strings.TrimSpace(value))
		if !ok {
			return false
		}
		q.MinHot = n
	case "since":
		start, _, ok := parsePeriod(strings.TrimSpace(value))
		if !ok {
			return false
		}
		q.Since, q.HasSince = start, true
	case "until":
		_, end, ok := parsePeriod(strings.TrimSpace(value))
		if !ok {
			return false
		}
		q.Until, q.HasUntil = end, true
	case "is":
		state := Fold(value)
		switch state {
		case "unread", "read", "starred":
		default:
			return false
		}
		for _, s := range q.Is {
			if s == state {
				return true
			}
		}
		q.Is = append(q.Is, state)
	default:
		return false
	}
	return true
}

// parseHot reads a count of fires, as digits or as the fires themselves.
func parseHot(s string) (int, bool) {
	if s != "" && strings.Trim(s, "🔥") == "" {
		return strings.Count(s, "🔥"), true
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false // no sign, no spaces: "hot:-1" is a mistake
		}
	}
	n, err := strconv.Atoi(s)
	return n, err == nil
}

// parsePeriod reads YYYY-MM-DD, YYYY-MM or YYYY and returns the first
// instant of that period and its last, in UTC.
func parsePeriod(s string) (start, end time.Time, ok bool) {
	for _, p := range [...]struct {
		layout string
		years  int
		months int
		days   int
	}{
		{"2006-01-02", 0, 0, 1},
		{"2006-01", 0, 1, 0},
		{"2006", 1, 0, 0},
	} {
		if len(s) != len(p.layout) {
			continue
		}
		t, err := time.Parse(p.layout, s)
		if err != nil {
			return time.Time{}, time.Time{}, false
		}
		return t, t.AddDate(p.years, p.months, p.days).Add(-time.Nanosecond), true
	}
	return time.Time{}, time.Time{}, false
}

// InDates reports whether t's calendar day, in t's own time zone, is
// within q's since: and until: days. A post written at 23:00 +0700 on the
// 3rd is a post of the 3rd, whatever the reader's zone.
func (q Query) InDates(t time.Time) bool {
	y, m, d := t.Date()
	day := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	if q.HasSince && day.Before(q.Since) {
		return false
	}
	if q.HasUntil && day.After(q.Until) {
		return false
	}
	return true
}

// MatchText reports whether folded (a Key, or any folded text) contains
// every one of q's words. It is the per-post test run on each keystroke,
// so it neither folds nor allocates.
func (q Query) MatchText(folded string) bool {
	for _, w := range q.Words {
		if !strings.Contains(folded, w) {
			return false
		}
	}
	return true
}

// MatchFolded is MatchText over folded bytes, such as a body folded
// with AppendFold.
func (q Query) MatchFolded(folded []byte) bool {
	for _, w := range q.Words {
		if !bytes.Contains(folded, []byte(w)) {
			return false
		}
	}
	return true
}

// Refines reports whether every post q matches is also matched by prev:
// q has the same filters, and each of prev's words is inside one of q's
// (typing "nha" then "nha m" then "nha may"). While the reader types on,
// the UI can then test only prev's results instead of every post.
func (q Query) Refines(prev Query) bool {
	if q.Lang != prev.Lang || q.Topic != prev.Topic || q.Cat != prev.Cat || q.MinHot != prev.MinHot ||
		q.HasSince != prev.HasSince || !q.Since.Equal(prev.Since) ||
		q.HasUntil != prev.HasUntil || !q.Until.Equal(prev.Until) ||
		!slices.Equal(q.Is, prev.Is) {
		return false
	}
	for _, pw := range prev.Words {
		if !slices.ContainsFunc(q.Words, func(w string) bool { return strings.Contains(w, pw) }) {
			return false
		}
	}
	return true
}

// token is one word of the search bar: text is the whole word with its
// quotes removed; when the word starts with a key, key is that key
// (lower-case) and value what follows the colon.
type token struct {
	text, key, value string
	quoted           bool
}

func isQuote(r rune) bool { return r == '"' || r == '“' || r == '”' }

// nextToken reads the token at the start of s, after any spaces, and
// returns it with the rest of s.
func nextToken(s string) (token, string) {
	s = strings.TrimLeftFunc(s, unicode.IsSpace)
	var t token
	var b strings.Builder
	inQuote := false
	colon := -1 // index in b of the key's colon
	letters := true
	i := 0
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case isQuote(r):
			inQuote = !inQuote
			t.quoted = true
			letters = false
		case !inQuote && unicode.IsSpace(r):
			goto done
		case r == ':' && letters && colon < 0 && b.Len() > 0:
			colon = b.Len()
			letters = false
			b.WriteByte(':')
		default:
			if colon < 0 && !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z') {
				letters = false
			}
			b.WriteString(s[i : i+n])
		}
		i += n
	}
done:
	t.text = b.String()
	if colon >= 0 {
		t.key = strings.ToLower(t.text[:colon])
		t.value = t.text[colon+1:]
	}
	return t, s[i:]
}
