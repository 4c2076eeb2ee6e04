package posts

import (
	"strings"
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	ict := time.FixedZone("", 7*3600)
	tests := []struct {
		in   string
		want time.Time // compared by instant and by offset
	}{
		// RFC 1123 with a numeric zone, as the news site writes it.
		{"Mon, 03 Feb 2025 15:00:00 +0700", time.Date(2025, 2, 3, 15, 0, 0, 0, ict)},
		{"Mon, 3 Feb 2025 15:00:00 +0700", time.Date(2025, 2, 3, 15, 0, 0, 0, ict)},
		{"03 Feb 2025 15:00:00 +0700", time.Date(2025, 2, 3, 15, 0, 0, 0, ict)},
		{"Monday, 03 February 2025 15:00 +0700", time.Date(2025, 2, 3, 15, 0, 0, 0, ict)},
		{"mon, 03 feb 2025 15:00:00 -0530", time.Date(2025, 2, 3, 15, 0, 0, 0, time.FixedZone("", -(5*3600+30*60)))},
		{"Mon, 03 Feb 2025 15:00:00 +0700 (ICT)", time.Date(2025, 2, 3, 15, 0, 0, 0, ict)},
		// RFC 1123 with a zone name.
		{"Mon, 03 Feb 2025 08:00:00 GMT", time.Date(2025, 2, 3, 8, 0, 0, 0, time.UTC)},
		{"Mon, 03 Feb 2025 08:00:00 UTC", time.Date(2025, 2, 3, 8, 0, 0, 0, time.UTC)},
		{"Mon, 03 Feb 2025 15:00:00 ICT", time.Date(2025, 2, 3, 15, 0, 0, 0, ict)},
		{"Mon, 03 Feb 2025 03:00:00 PST", time.Date(2025, 2, 3, 3, 0, 0, 0, time.FixedZone("PST", -8*3600))},
		{"Mon, 03 Feb 2025 03:00:00 EDT", time.Date(2025, 2, 3, 3, 0, 0, 0, time.FixedZone("EDT", -4*3600))},
		// Jekyll.
		{"2025-02-03 15:00:00 +0700", time.Date(2025, 2, 3, 15, 0, 0, 0, ict)},
		{"2025-02-03 9:05:00 +0700", time.Date(2025, 2, 3, 9, 5, 0, 0, ict)},
		{"2025-02-03 15:00 +0700", time.Date(2025, 2, 3, 15, 0, 0, 0, ict)},
		{"2025-02-03 15:00:00 +07:00", time.Date(2025, 2, 3, 15, 0, 0, 0, ict)},
		{"2025-02-03 15:00:00+0700", time.Date(2025, 2, 3, 15, 0, 0, 0, ict)},
		{"2025-2-3 15:00:00 +0700", time.Date(2025, 2, 3, 15, 0, 0, 0, ict)},
		{"2001-12-14 21:59:43.10 -5", time.Date(2001, 12, 14, 21, 59, 43, 100000000, time.FixedZone("", -5*3600))},
		{"2025-02-03 15:00:00", time.Date(2025, 2, 3, 15, 0, 0, 0, time.Local)},
		{"2025-02-03", time.Date(2025, 2, 3, 0, 0, 0, 0, time.Local)},
		// RFC 3339.
		{"2025-02-03T08:00:00Z", time.Date(2025, 2, 3, 8, 0, 0, 0, time.UTC)},
		{"2025-02-03t08:00:00z", time.Date(2025, 2, 3, 8, 0, 0, 0, time.UTC)},
		{"2025-02-03T15:00:00+07:00", time.Date(2025, 2, 3, 15, 0, 0, 0, ict)},
		{"2025-02-03T15:00:00.123456789+07:00", time.Date(2025, 2, 3, 15, 0, 0, 123456789, ict)},
		{"2025-02-03T15:00:00,5+07:00", time.Date(2025, 2, 3, 15, 0, 0, 500000000, ict)},
		// Quotes left over from a value quoted twice, and blanks.
		{`"2025-02-03 15:00:00 +0700"`, time.Date(2025, 2, 3, 15, 0, 0, 0, ict)},
		{"  'Mon, 03 Feb 2025 15:00:00 +0700'  ", time.Date(2025, 2, 3, 15, 0, 0, 0, ict)},
		{"2024-02-29", time.Date(2024, 2, 29, 0, 0, 0, 0, time.Local)},
	}
	for _, tt := range tests {
		got, ok := parseDate(tt.in)
		if !ok {
			t.Errorf("parseDate(%q) failed, want %v", tt.in, tt.want)
			continue
		}
		_, gotOff := got.Zone()
		_, wantOff := tt.want.Zone()
		if !got.Equal(tt.want) || gotOff != wantOff {
			t.Errorf("parseDate(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestParseDateRejects(t *testing.T) {
	for _, in := range []string{
		"", "   ", "yesterday", "2025", "2025-02", "2025-13-01", "2025-02-30", "2023-02-29",
		"2025-02-03 24:00:00", "2025-02-03 15:60", "2025-02-03 15:00:61", "2025-02-03T",
		"2025-02-03 15:00:00 +1500", "2025-02-03 15:00:00 +07:0", "2025-02-03 15:00:00 XYZ",
		"2025-02-03 15:00:00 +0700 extra", "0000-01-01", "25-02-03",
		"Mon, 03 Foo 2025 15:00:00 +0700", "Mon, 32 Feb 2025 15:00:00 +0700",
		"Mon, 03 Feb 25 15:00:00 +0700", "Mon, 03 Feb 2025 15:00:00 IST",
		"Funday, 03 Feb 2025 15:00:00 +0700", "03/02/2025",
		strings.Repeat("9", 100),
	} {
		if got, ok := parseDate(in); ok {
			t.Errorf("parseDate(%q) = %v, want failure", in, got)
		}
	}
}

func TestDateFromName(t *testing.T) {
	tests := []struct {
		name string
		ok   bool
	}{
		{"2025-02-03-tin-moi.md", true},
		{"2025-02-03-.md", true},
		{"2025-02-03.md", false},
		{"2025-02-30-tin.md", false},
		{"tin-2025-02-03.md", false},
		{"", false},
	}
	for _, tt := range tests {
		got, ok := dateFromName(tt.name)
		if ok != tt.ok {
			t.Errorf("dateFromName(%q) ok = %v, want %v", tt.name, ok, tt.ok)
		}
		if ok && !got.Equal(time.Date(2025, 2, 3, 0, 0, 0, 0, time.Local)) {
			t.Errorf("dateFromName(%q) = %v", tt.name, got)
		}
	}
}

// FuzzParseDate checks that parseDate never panics and that what it
// accepts is a real instant that survives a round trip through RFC 3339.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{
		"Mon, 03 Feb 2025 15:00:00 +0700", "2025-02-03 15:00:00 +0700", "2025-02-03",
		"2025-02-03T15:00:00.5Z", "Mon, 03 Feb 2025 15:00:00 GMT", "2001-12-14 21:59:43.10 -5",
		"9999-12-31T23:59:59-14:00", "0001-01-01T00:00:00+14:00", "2025-02-03 15:00:00 +0700 (ICT)",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := parseDate(s)
		if !ok {
			if !got.IsZero() {
				t.Fatalf("parseDate(%q) failed but returned %v", s, got)
			}
			return
		}
		if y := got.Year(); y < 1 || y > 9999 {
			t.Fatalf("parseDate(%q) = year %d", s, y)
		}
		again, err := time.Parse(time.RFC3339Nano, got.Format(time.RFC3339Nano))
		if err != nil || !again.Equal(got) {
			t.Fatalf("parseDate(%q) = %v, which does not round-trip: %v %v", s, got, again, err)
		}
	})
}
