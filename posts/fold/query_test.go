package fold

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func endOf(y int, m time.Month, d int) time.Time { return day(y, m, d+1).Add(-time.Nanosecond) }

func TestParse(t *testing.T) {
	tests := []struct {
		in   string
		want Query
		// err is "" for no error, else "kind key value".
		err string
	}{
		{in: "", want: Query{}},
		{in: "   ", want: Query{}},
		{in: "Tốn  HƠN", want: Query{Words: []string{"ton", "hon"}, Raw: []string{"tốn", "hơn"}}},
		{in: `"Đà  Nẵng" usd`, want: Query{Words: []string{"da nang", "usd"}, Raw: []string{"đà nẵng", "usd"}}},
		{in: `“da nang”`, want: Query{Words: []string{"da nang"}, Raw: []string{"da nang"}}},
		{in: `"da nang`, want: Query{Words: []string{"da nang"}, Raw: []string{"da nang"}}}, // still typing
		{in: `"" ""`, want: Query{}},

		{in: "lang:vn", want: Query{Lang: "vn"}},
		{in: "lang:VI", want: Query{Lang: "vn"}},
		{in: "LANG:en", want: Query{Lang: "en"}},
		{in: "lang:fr ai", want: Query{Words: []string{"ai"}, Raw: []string{"ai"}}, err: "bad lang fr"},
		{in: "lang:", want: Query{}, err: "missing lang "},

		{in: "topic:DeepSeek", want: Query{Topic: "deepseek"}},
		{in: `topic:"Trí tuệ  nhân tạo"`, want: Query{Topic: "tri tue nhan tao"}},
		{in: `topic:""`, want: Query{}, err: "missing topic "},

		{in: "hot:2", want: Query{MinHot: 2}},
		{in: "hot:🔥🔥🔥", want: Query{MinHot: 3}},
		{in: "hot:-1", want: Query{}, err: "bad hot -1"},
		{in: "hot:two", want: Query{}, err: "bad hot two"},
		{in: "hot:99999999999999999999", want: Query{}, err: "bad hot 99999999999999999999"},

		{in: "since:2025-02-03", want: Query{Since: day(2025, 2, 3), HasSince: true}},
		{in: "until:2025-02-03", want: Query{Until: endOf(2025, 2, 3), HasUntil: true}},
		{in: "since:2025-02 until:2025-02", want: Query{
			Since: day(2025, 2, 1), HasSince: true, Until: endOf(2025, 2, 28), HasUntil: true}},
		{in: "until:2024", want: Query{Until: endOf(2024, 12, 31), HasUntil: true}},
		{in: "since:2025-02-30", want: Query{}, err: "bad since 2025-02-30"},
		{in: "since:03/02/2025", want: Query{}, err: "bad since 03/02/2025"},
		{in: "until:2025-1-5", want: Query{}, err: "bad until 2025-1-5"},
		{in: "since:2025-03-01 until:2025-02-01", want: Query{
			Since: day(2025, 3, 1), HasSince: true, Until: endOf(2025, 2, 1), HasUntil: true},
			err: "order until 2025-02-01"},

		{in: "cat:Entries", want: Query{Cat: "entries"}},
		{in: `cat:"Công nghệ"`, want: Query{Cat: "cong nghe"}},

		{in: "is:unread", want: Query{Is: []string{"unread"}}},
		{in: "is:Starred is:read is:starred", want: Query{Is: []string{"starred", "read"}}},
		{in: "is:new", want: Query{}, err: "bad is new"},

		{in: "abc:def ai", want: Query{Words: []string{"ai"}, Raw: []string{"ai"}}, err: "unknown abc def"},
		{in: `foo:"a b"`, want: Query{}, err: "unknown foo a b"},
		{in: "lang:xx foo:bar", want: Query{}, err: "bad lang xx"}, // the first problem
		{in: "topic:AI topic:Chip", want: Query{Topic: "chip"}},    // the last one wins

		// Words that look like keys but are not.
		{in: "https://vnexpress.net/x", want: Query{Words: []string{"https://vnexpress.net/x"}, Raw: []string{"https://vnexpress.net/x"}}},
		{in: "DeepSeek:", want: Query{Words: []string{"deepseek:"}, Raw: []string{"deepseek:"}}},
		{in: `"lang:vn"`, want: Query{Words: []string{"lang:vn"}, Raw: []string{"lang:vn"}}},
		{in: "10:30", want: Query{Words: []string{"10:30"}, Raw: []string{"10:30"}}},
		{in: "lưu:ý", want: Query{Words: []string{"luu:y"}, Raw: []string{"lưu:ý"}}},
		{in: "c++:x", want: Query{Words: []string{"c++:x"}, Raw: []string{"c++:x"}}},

		{in: `ai lang:vn topic:"Deep Seek" hot:1 usd`, want: Query{
			Words: []string{"ai", "usd"}, Raw: []string{"ai", "usd"},
			Lang: "vn", Topic: "deep seek", MinHot: 1}},
	}
	for _, tt := range tests {
		got, err := Parse(tt.in)
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Parse(%q) =\n  %+v\nwant\n  %+v", tt.in, got, tt.want)
		}
		if gotErr := describe(err); gotErr != tt.err {
			t.Errorf("Parse(%q) error = %q (%v), want %q", tt.in, gotErr, err, tt.err)
		}
	}
}

func describe(err error) string {
	if err == nil {
		return ""
	}
	var qe *QueryError
	if !errors.As(err, &qe) {
		return "not a QueryError"
	}
	kind := map[ErrKind]string{UnknownKey: "unknown", MissingValue: "missing", BadValue: "bad", DatesReversed: "order"}[qe.Kind]
	return kind + " " + qe.Key + " " + qe.Value
}

func TestQueryErrorText(t *testing.T) {
	tests := []struct {
		in     string
		en, vn []string // pieces each message must contain
	}{
		{"abc:def", []string{`"abc:"`, "unknown", "lang:"}, []string{`"abc:"`, "không có khóa"}},
		{"hot:", []string{`"hot:"`, "needs a value", "hot:2"}, []string{`"hot:"`, "cần một giá trị"}},
		{"hot:x", []string{`"hot:x"`, "not valid", "number"}, []string{`"hot:x"`, "không hợp lệ"}},
		{"lang:fr", []string{`"lang:fr"`, "vn or en"}, []string{`"lang:fr"`, "vn hoặc en"}},
		{"since:soon", []string{"YYYY-MM-DD"}, []string{"YYYY-MM-DD", "ngày"}},
		{"is:old", []string{"unread, read or starred"}, []string{"unread, read hoặc starred"}},
		{"since:2025-03-01 until:2025-01-01", []string{"until:", "2025-01-01", "before"}, []string{"2025-01-01", "trước"}},
		// What the reader pasted is escaped, not sent to the terminal.
		{"lang:\x1b[2J", []string{`\x1b[2J`}, []string{`\x1b[2J`}},
		{"hot:" + strings.Repeat("é", 100), []string{"…"}, []string{"…"}},
	}
	for _, tt := range tests {
		_, err := Parse(tt.in)
		var qe *QueryError
		if !errors.As(err, &qe) {
			t.Fatalf("Parse(%q): error %v, want a *QueryError", tt.in, err)
		}
		en, vn := qe.Error(), qe.Vietnamese()
		for _, want := range tt.en {
			if !strings.Contains(en, want) {
				t.Errorf("Parse(%q): %q lacks %q", tt.in, en, want)
			}
		}
		for _, want := range tt.vn {
			if !strings.Contains(vn, want) {
				t.Errorf("Parse(%q): %q lacks %q", tt.in, vn, want)
			}
		}
		if strings.ContainsRune(en, '\x1b') || strings.ContainsRune(vn, '\x1b') {
			t.Errorf("Parse(%q): message carries an escape character", tt.in)
		}
		if len(en) > 200 {
			t.Errorf("Parse(%q): message is %d bytes, too long for the search bar", tt.in, len(en))
		}
	}
}

func TestInDates(t *testing.T) {
	q, err := Parse("since:2025-02-03 until:2025-02-04")
	if err != nil {
		t.Fatal(err)
	}
	ict := time.FixedZone("ICT", 7*3600)
	pst := time.FixedZone("PST", -8*3600)
	tests := []struct {
		t    time.Time
		want bool
	}{
		{time.Date(2025, 2, 3, 0, 0, 0, 0, ict), true},
		{time.Date(2025, 2, 2, 23, 59, 59, 0, ict), false},
		{time.Date(2025, 2, 4, 23, 59, 59, 0, ict), true}, // the until day is whole
		{time.Date(2025, 2, 5, 0, 0, 0, 0, ict), false},
		// 2025-02-05 06:00 +0700 is still the 4th in UTC, but it is a post of the 5th.
		{time.Date(2025, 2, 5, 6, 0, 0, 0, ict), false},
		// 2025-02-02 20:00 -0800 is the 3rd in UTC, but a post of the 2nd.
		{time.Date(2025, 2, 2, 20, 0, 0, 0, pst), false},
		{time.Date(2025, 2, 4, 20, 0, 0, 0, pst), true},
	}
	for _, tt := range tests {
		if got := q.InDates(tt.t); got != tt.want {
			t.Errorf("InDates(%v) = %v, want %v", tt.t, got, tt.want)
		}
	}
	if !(Query{}).InDates(time.Time{}) {
		t.Error("a query without dates rejected a date")
	}
}

func TestRefines(t *testing.T) {
	tests := []struct {
		prev, next string
		want       bool
	}{
		{"", "n", true},
		{"n", "nh", true},
		{"nha", "nha m", true},
		{"nha m", "nha may", true},
		{"nha may", "may nha", true},
		{"nha", "nh", false}, // deleting widens
		{"nha may", "nha", false},
		{"ban", "bắn", true}, // both fold to ban
		{"nha", "nha lang:vn", false},
		{"nha lang:vn", "nha lang:vn m", true},
		{"nha lang:vn", "nha lang:en", false},
		{"a is:read", "a is:read b", true},
		{"a is:read", "a", false},
		{"a since:2025-01", "ab since:2025-02", false},
		{"a until:2025-01", "ab until:2025-01", true},
	}
	for _, tt := range tests {
		prev, _ := Parse(tt.prev)
		next, _ := Parse(tt.next)
		if got := next.Refines(prev); got != tt.want {
			t.Errorf("%q refines %q: got %v, want %v", tt.next, tt.prev, got, tt.want)
		}
	}
}
