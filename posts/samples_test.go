package posts_test

import (
	"io/fs"
	"maps"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/newsreader/newsreader/posts"
)

// sample is one embedded file split the simple way: the parser is tested
// on its own, and these checks must not depend on it.
type sample struct {
	name  string
	text  string
	front map[string]string
	body  []string // lines after the closing ---
}

var sampleName = regexp.MustCompile(`^20\d\d-\d\d-\d\d-[a-z0-9]+(-[a-z0-9]+)*\.(md|txt)$`)

func readSamples(t *testing.T) []sample {
	t.Helper()
	fsys := posts.Samples()
	var out []sample
	err := fs.WalkDir(fsys, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(fsys, path)
		if err != nil {
			return err
		}
		s := sample{name: path, text: string(data), front: map[string]string{}}
		lines := strings.Split(s.text, "\n")
		if len(lines) == 0 || lines[0] != "---" {
			t.Errorf("%s: does not start with a --- line", path)
			return nil
		}
		end := -1
		for i, l := range lines[1:] {
			if l == "---" {
				end = i + 1
				break
			}
			k, v, ok := strings.Cut(l, ": ")
			if !ok {
				t.Errorf("%s: front matter line %q is not key: value", path, l)
				continue
			}
			s.front[k] = v
		}
		if end < 0 {
			t.Errorf("%s: front matter is never closed", path)
			return nil
		}
		s.body = lines[end+1:]
		out = append(out, s)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestSamplesCount(t *testing.T) {
	all := readSamples(t)
	if len(all) < 10 {
		t.Fatalf("got %d sample posts, want at least 10", len(all))
	}
	txt := 0
	for _, s := range all {
		if !sampleName.MatchString(s.name) {
			t.Errorf("%s: not a Jekyll-style ASCII name", s.name)
		}
		if strings.HasSuffix(s.name, ".txt") {
			txt++
		}
	}
	if txt == 0 {
		t.Error("no sample is saved as .txt, so that path goes untested")
	}
}

func TestSamplesFrontMatter(t *testing.T) {
	langs := map[string]int{}
	jekyll := 0
	for _, s := range readSamples(t) {
		if !utf8.ValidString(s.text) {
			t.Errorf("%s: not valid UTF-8", s.name)
		}
		if !norm.NFC.IsNormalString(s.text) {
			t.Errorf("%s: not NFC-normalized", s.name)
		}
		if s.front["layout"] != "post" {
			t.Errorf("%s: layout = %q, want post", s.name, s.front["layout"])
		}
		title := s.front["title"]
		if len(title) < 2 || title[0] != '"' || title[len(title)-1] != '"' ||
			strings.Contains(title[1:len(title)-1], `"`) {
			t.Errorf("%s: title %s is not one double-quoted string", s.name, title)
		}
		if !regexp.MustCompile(`^"(🔥){0,3} ?\[[^\]]+\] \S`).MatchString(title) {
			t.Errorf("%s: title %s lacks 0-3 🔥 and a [Topic] tag", s.name, title)
		}
		switch c := s.front["categories"]; c {
		case "entries VN", "entries EN":
			langs[c]++
		default:
			t.Errorf("%s: categories = %q", s.name, c)
		}
		date := s.front["date"]
		d, err := time.Parse(time.RFC1123Z, date)
		if err == nil {
			// time.Parse ignores the weekday, but a reader would not.
			if got := d.Weekday().String()[:3]; !strings.HasPrefix(date, got+",") {
				t.Errorf("%s: date %q is a %s", s.name, date, got)
			}
		} else if d, err = time.Parse("2006-01-02 15:04:05 -0700", date); err == nil {
			jekyll++
		} else {
			t.Errorf("%s: date %q is neither RFC 1123 nor Jekyll style", s.name, date)
			continue
		}
		if day := d.Format("2006-01-02"); !strings.HasPrefix(s.name, day+"-") {
			t.Errorf("%s: name does not start with its date %s", s.name, day)
		}
	}
	if langs["entries VN"] == 0 || langs["entries EN"] == 0 {
		t.Errorf("languages = %v, want both VN and EN", langs)
	}
	if langs["entries VN"] <= langs["entries EN"] {
		t.Errorf("languages = %v, want a Vietnamese majority", langs)
	}
	if jekyll == 0 {
		t.Error("no sample uses a Jekyll-style date")
	}
}

var linkLine = regexp.MustCompile(`^\[[^\]]+\]\((https://[^)\s]+)\)$`)

// source checks the opening lines of the body (link, blank, image) and
// returns the link.
func source(t *testing.T, s sample) string {
	t.Helper()
	if len(s.body) < 4 {
		t.Errorf("%s: body too short", s.name)
		return ""
	}
	m := linkLine.FindStringSubmatch(s.body[0])
	if m == nil {
		t.Errorf("%s: body opens with %q, want a [title](link) line", s.name, s.body[0])
		return ""
	}
	u, err := url.Parse(m[1])
	if err != nil || !(strings.HasSuffix(u.Host, "example.com") || strings.HasSuffix(u.Host, "example.vn")) {
		t.Errorf("%s: source %q is not an example domain", s.name, m[1])
	}
	if s.body[1] != "" || !strings.HasPrefix(s.body[2], "![") {
		t.Errorf("%s: the link is not followed by an image line", s.name)
	}
	return m[1]
}

func TestSamplesTwins(t *testing.T) {
	type twin struct{ langs, links []string }
	refs := map[string]*twin{}
	for _, s := range readSamples(t) {
		link := source(t, s)
		ref := s.front["ref"]
		if ref == "" {
			continue
		}
		if refs[ref] == nil {
			refs[ref] = &twin{}
		}
		refs[ref].langs = append(refs[ref].langs, s.front["categories"])
		refs[ref].links = append(refs[ref].links, link)
	}
	if len(refs) < 2 {
		t.Errorf("got %d twin stories, want at least 2", len(refs))
	}
	for ref, tw := range refs {
		if len(tw.langs) != 2 || tw.langs[0] == tw.langs[1] {
			t.Errorf("ref %s: languages %v, want one VN and one EN", ref, tw.langs)
			continue
		}
		if tw.links[0] != tw.links[1] {
			t.Errorf("ref %s: source links differ: %v", ref, tw.links)
		}
	}
}

func TestSamplesLongArticle(t *testing.T) {
	// Each feature the reader pane renders must appear in one sample.
	features := map[string]*regexp.Regexp{
		"heading":       regexp.MustCompile(`(?m)^## \S`),
		"bulleted list": regexp.MustCompile(`(?m)^- \S`),
		"numbered list": regexp.MustCompile(`(?m)^1\. \S`),
		"table":         regexp.MustCompile(`(?m)^\|(---\|)+$`),
		"code fence":    regexp.MustCompile("(?m)^```[a-z]*\n(?s:.+?)\n```$"),
		"quote":         regexp.MustCompile(`(?m)^> \S`),
		"inline image":  regexp.MustCompile(`(?m)^!\[[^\]]*\]\(https://`),
	}
	for _, s := range readSamples(t) {
		if len(s.body) < 3 {
			continue
		}
		// Skip the opening link and image so "inline image" means one
		// inside the article.
		rest := strings.Join(s.body[3:], "\n")
		all := true
		for _, re := range features {
			all = all && re.MatchString(rest)
		}
		if all {
			return
		}
	}
	names := slices.Sorted(maps.Keys(features))
	t.Errorf("no sample has all of: %s", strings.Join(names, ", "))
}
