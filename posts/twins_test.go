package posts

import (
	"fmt"
	"testing"
)

func twinPost(path string, lang Lang, ref, source string) *Post {
	return &Post{Path: path, Lang: lang, Ref: ref, Source: source, Title: path}
}

func TestPairTwinsRules(t *testing.T) {
	for _, tc := range []struct {
		name string
		a, b *Post
		pair bool
	}{
		{"explicit ref", twinPost("x/a.md", LangVN, "story-1", ""), twinPost("y/b.md", LangEN, "story-1", ""), true},
		{"ref, same language", twinPost("a.md", LangVN, "s", ""), twinPost("b.md", LangVN, "s", ""), false},
		{"sibling language folders", twinPost("vi/2025/x.md", LangVN, "", ""), twinPost("en/2025/x.md", LangEN, "", ""), true},
		{"_posts/vn and _posts/en", twinPost("_posts/vn/x.md", LangVN, "", ""), twinPost("_posts/en/x.md", LangEN, "", ""), true},
		{"language folders, other names", twinPost("vi/x.md", LangVN, "", ""), twinPost("en/y.md", LangEN, "", ""), false},
		{"dot suffix", twinPost("2025/x.vi.md", LangVN, "", ""), twinPost("2025/x.en.md", LangEN, "", ""), true},
		{"dash suffix", twinPost("x-vn.md", LangVN, "", ""), twinPost("x-en.md", LangEN, "", ""), true},
		{"suffix in other folders", twinPost("a/x-vn.md", LangVN, "", ""), twinPost("b/x-en.md", LangEN, "", ""), false},
		{"same source", twinPost("a.md", LangVN, "", "https://e.example/1"), twinPost("b.md", LangEN, "", "https://e.example/1"), true},
		{"different source", twinPost("a.md", LangVN, "", "https://e.example/1"), twinPost("b.md", LangEN, "", "https://e.example/2"), false},
		{"no language", twinPost("a.md", LangUnknown, "s", ""), twinPost("b.md", LangEN, "s", ""), false},
	} {
		tw := PairTwins([]*Post{tc.a, tc.b})
		if got := tw[tc.a] == tc.b && tw[tc.b] == tc.a; got != tc.pair {
			t.Errorf("%s: paired=%v, want %v", tc.name, got, tc.pair)
		}
	}
}

func TestPairTwinsFirstRuleWins(t *testing.T) {
	// a and b share a ref; a and c share a source. The ref decides.
	a := twinPost("a.md", LangVN, "r", "https://e.example/s")
	b := twinPost("b.md", LangEN, "r", "")
	c := twinPost("c.md", LangEN, "", "https://e.example/s")
	tw := PairTwins([]*Post{a, b, c})
	if tw[a] != b || tw[c] != nil {
		t.Fatalf("a↔%v, c↔%v", tw[a], tw[c])
	}
}

func TestPairTwinsAmbiguousGroupIsLeftAlone(t *testing.T) {
	a := twinPost("a.md", LangVN, "r", "")
	b := twinPost("b.md", LangEN, "r", "")
	c := twinPost("c.md", LangEN, "r", "")
	if tw := PairTwins([]*Post{a, b, c}); len(tw) != 0 {
		t.Fatalf("three posts with one ref were paired: %v", tw)
	}
}

func TestPairTwinsHundreds(t *testing.T) {
	var ps []*Post
	for i := 0; i < 300; i++ {
		ps = append(ps,
			twinPost(fmt.Sprintf("_posts/vn/%03d.md", i), LangVN, "", ""),
			twinPost(fmt.Sprintf("_posts/en/%03d.md", i), LangEN, "", ""),
			twinPost(fmt.Sprintf("single/%03d.md", i), LangVN, "", ""),
		)
	}
	tw := PairTwins(ps)
	if len(tw) != 600 {
		t.Fatalf("paired %d posts, want 600", len(tw))
	}
	for i := 0; i < len(ps); i += 3 {
		if tw[ps[i]] != ps[i+1] || tw[ps[i+2]] != nil {
			t.Fatalf("pair %d wrong", i/3)
		}
	}
}

func TestSampleTwins(t *testing.T) {
	lib, err := Scan(Samples(), "")
	if err != nil {
		t.Fatal(err)
	}
	tw := PairTwins(lib.Posts)
	if len(tw) < 4 {
		t.Fatalf("samples have at least two stories in both languages; paired %d posts", len(tw))
	}
	for a, b := range tw {
		if a.Lang == b.Lang || tw[b] != a {
			t.Fatalf("bad pair %s ↔ %s", a.Path, b.Path)
		}
	}
}
