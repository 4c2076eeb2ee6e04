package posts

import (
	"strings"
	"time"
)

// The date parser is hand-written rather than a list of time.Parse layouts
// because the forms found in real posts vary in ways layouts can't express
// together (one- or two-digit hours, zone with or without a space, named
// zones), and because time.Parse resolves zone names against the machine's
// local zone, which would make the same file sort differently on two
// machines.

// parseDate reads the date forms newsreader accepts:
//
//	Mon, 03 Feb 2025 15:00:00 +0700   RFC 1123 / RFC 2822, numeric zone
//	Mon, 03 Feb 2025 15:00:00 GMT     RFC 1123 with a zone name (see zoneNames)
//	2025-02-03 15:00:00 +0700         Jekyll; one-digit hour, no seconds, no zone allowed
//	2025-02-03T15:00:00.5+07:00       RFC 3339, with or without fractions
//	2025-02-03                        a day
//
// The zone is kept as written: a time with an offset is not converted to UTC
// or to local time. A time without a zone is read in the local zone, as
// Jekyll does when it builds a site.
func parseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if len(s) > 64 {
		return time.Time{}, false
	}
	if len(s) >= 2 && (s[0] == '"' || s[0] == '\'') && s[len(s)-1] == s[0] {
		s = strings.TrimSpace(s[1 : len(s)-1])
	}
	if s == "" {
		return time.Time{}, false
	}
	if len(s) > 4 && s[4] == '-' {
		return parseISODate(s)
	}
	return parseMailDate(s)
}

// dateFromName reads the YYYY-MM-DD- prefix Jekyll gives post file names.
func dateFromName(name string) (time.Time, bool) {
	if len(name) < 11 || name[10] != '-' {
		return time.Time{}, false
	}
	return parseISODate(name[:10])
}

func parseISODate(s string) (time.Time, bool) {
	year, s, ok := number(s, 4, 4)
	if !ok || !strings.HasPrefix(s, "-") {
		return time.Time{}, false
	}
	month, s, ok := number(s[1:], 1, 2)
	if !ok || !strings.HasPrefix(s, "-") {
		return time.Time{}, false
	}
	day, s, ok := number(s[1:], 1, 2)
	if !ok {
		return time.Time{}, false
	}
	if s == "" {
		return makeDate(year, month, day, 0, 0, 0, 0, time.Local)
	}
	switch s[0] {
	case 'T', 't', ' ':
		s = strings.TrimLeft(s[1:], " ")
	default:
		return time.Time{}, false
	}
	hour, min, sec, nsec, s, ok := clock(s)
	if !ok {
		return time.Time{}, false
	}
	loc, ok := zone(strings.TrimLeft(s, " "))
	if !ok {
		return time.Time{}, false
	}
	return makeDate(year, month, day, hour, min, sec, nsec, loc)
}

// parseMailDate reads RFC 1123 and RFC 2822 dates: an optional weekday,
// day, month name, four-digit year, optional time, optional zone, and an
// optional trailing "(comment)" such as "(ICT)".
func parseMailDate(s string) (time.Time, bool) {
	f := strings.Fields(s)
	if len(f) > 0 && isWeekday(strings.TrimSuffix(f[0], ",")) {
		f = f[1:]
	}
	if n := len(f); n > 0 && strings.HasPrefix(f[n-1], "(") && strings.HasSuffix(f[n-1], ")") {
		f = f[:n-1]
	}
	if len(f) < 3 || len(f) > 5 {
		return time.Time{}, false
	}
	day, rest, ok := number(f[0], 1, 2)
	if !ok || rest != "" {
		return time.Time{}, false
	}
	month := monthNumber(f[1])
	year, rest, ok := number(f[2], 4, 4)
	if month == 0 || !ok || rest != "" {
		return time.Time{}, false
	}
	if len(f) == 3 {
		return makeDate(year, month, day, 0, 0, 0, 0, time.Local)
	}
	hour, min, sec, nsec, rest, ok := clock(f[3])
	if !ok || rest != "" {
		return time.Time{}, false
	}
	z := ""
	if len(f) == 5 {
		z = f[4]
	}
	loc, ok := zone(z)
	if !ok {
		return time.Time{}, false
	}
	return makeDate(year, month, day, hour, min, sec, nsec, loc)
}

// clock reads h:mm, hh:mm:ss and hh:mm:ss.fraction (a comma works too, as
// ISO 8601 allows), and returns what follows.
func clock(s string) (hour, min, sec, nsec int, rest string, ok bool) {
	hour, s, ok = number(s, 1, 2)
	if !ok || !strings.HasPrefix(s, ":") {
		return 0, 0, 0, 0, "", false
	}
	min, s, ok = number(s[1:], 2, 2)
	if !ok {
		return 0, 0, 0, 0, "", false
	}
	if strings.HasPrefix(s, ":") {
		sec, s, ok = number(s[1:], 2, 2)
		if !ok {
			return 0, 0, 0, 0, "", false
		}
		if len(s) > 1 && (s[0] == '.' || s[0] == ',') && isDigit(s[1]) {
			s = s[1:]
			scale := 100000000
			for len(s) > 0 && isDigit(s[0]) {
				nsec += int(s[0]-'0') * scale
				scale /= 10
				s = s[1:]
			}
		}
	}
	if hour > 23 || min > 59 || sec > 59 {
		return 0, 0, 0, 0, "", false
	}
	return hour, min, sec, nsec, s, true
}

// zone reads what may follow a time: nothing (local time), Z, a numeric
// offset (+0700, +07:00, +07, and YAML's one-digit -5), or a name from
// zoneNames.
func zone(s string) (*time.Location, bool) {
	if s == "" {
		return time.Local, true
	}
	if s[0] == '+' || s[0] == '-' {
		sign := 1
		if s[0] == '-' {
			sign = -1
		}
		h, rest, ok := number(s[1:], 1, 2)
		if !ok {
			return nil, false
		}
		m := 0
		switch {
		case rest == "":
		case rest[0] == ':':
			m, rest, ok = number(rest[1:], 2, 2)
		case len(s) == 5 && len(rest) == 2:
			// +0700: number took the two hour digits, the rest are minutes.
			m, rest, ok = number(rest, 2, 2)
		default:
			ok = false
		}
		if !ok || rest != "" || h > 14 || m > 59 {
			return nil, false
		}
		return time.FixedZone("", sign*(h*3600+m*60)), true
	}
	off, known := zoneNames[strings.ToUpper(s)]
	if !known {
		return nil, false
	}
	if off == 0 {
		return time.UTC, true
	}
	return time.FixedZone(strings.ToUpper(s), off), true
}

// zoneNames are the zone abbreviations RFC 822 defines, and the ones used
// by the news sites of the region. Ambiguous abbreviations (IST, BST, and
// CST as China Standard Time) are not guessed: RFC 822's CST is kept, and a
// date with an unknown name is reported as not understood rather than read
// in the wrong zone.
var zoneNames = map[string]int{
	"UT": 0, "UTC": 0, "GMT": 0, "Z": 0,
	"EST": -5 * 3600, "EDT": -4 * 3600,
	"CST": -6 * 3600, "CDT": -5 * 3600,
	"MST": -7 * 3600, "MDT": -6 * 3600,
	"PST": -8 * 3600, "PDT": -7 * 3600,
	"ICT": 7 * 3600, "WIB": 7 * 3600,
	"SGT": 8 * 3600, "HKT": 8 * 3600, "AWST": 8 * 3600,
	"JST": 9 * 3600, "KST": 9 * 3600,
	"CET": 1 * 3600, "CEST": 2 * 3600,
	"EET": 2 * 3600, "EEST": 3 * 3600,
}

// makeDate builds the time after checking the day exists: time.Date would
// quietly turn 31 February into 3 March.
func makeDate(year, month, day, hour, min, sec, nsec int, loc *time.Location) (time.Time, bool) {
	if year < 1 || month < 1 || month > 12 || day < 1 {
		return time.Time{}, false
	}
	if last := time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day(); day > last {
		return time.Time{}, false
	}
	return time.Date(year, time.Month(month), day, hour, min, sec, nsec, loc), true
}

// number reads between min and max decimal digits from the start of s.
func number(s string, min, max int) (n int, rest string, ok bool) {
	i := 0
	for i < len(s) && i < max && isDigit(s[i]) {
		n = n*10 + int(s[i]-'0')
		i++
	}
	if i < min {
		return 0, s, false
	}
	return n, s[i:], true
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

var monthNames = [...]string{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}

// monthNumber accepts English month names, abbreviated or in full, in any
// case; it returns 0 for anything else.
func monthNumber(s string) int {
	if len(s) < 3 {
		return 0
	}
	// EqualFold rather than ToLower, which allocates for every "Feb".
	s = strings.TrimSuffix(s, ".")
	for i, m := range monthNames {
		if strings.EqualFold(s, m) || len(s) > 3 && strings.EqualFold(s, time.Month(i+1).String()) {
			return i + 1
		}
	}
	return 0
}

func isWeekday(s string) bool {
	if len(s) < 3 {
		return false
	}
	for d := time.Sunday; d <= time.Saturday; d++ {
		full := d.String()
		if strings.EqualFold(s, full) || strings.EqualFold(s, full[:3]) {
			return true
		}
	}
	return false
}
