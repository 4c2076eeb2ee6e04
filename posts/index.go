package posts

import (
	"net/url"
	"path"
	"slices"
	"strings"

	"github.com/newsreader/newsreader/posts/fold"
)

// Index answers search queries over a library's posts. It keeps one
// compact folded key per post, built once, so a keystroke costs a scan of
// short strings and never a file read.
type Index struct {
	posts  []*Post
	keys   []string
	topics []string   // folded topic
	cats   [][]string // folded categories and tags
}

// NewIndex folds the searchable fields of every post: title, topic,
// categories and tags, the source's host and the file name.
func NewIndex(ps []*Post) *Index {
	ix := &Index{
		posts:  ps,
		keys:   make([]string, len(ps)),
		topics: make([]string, len(ps)),
		cats:   make([][]string, len(ps)),
	}
	for i, p := range ps {
		fields := []string{p.Title, p.Topic, path.Base(p.Path), sourceHost(p.Source)}
		fields = append(fields, p.Categories...)
		fields = append(fields, p.Tags...)
		ix.keys[i] = fold.Key(fields...)
		ix.topics[i] = fold.Fold(p.Topic)
		var cats []string
		for _, c := range p.Categories {
			cats = append(cats, fold.Fold(c))
		}
		for _, c := range p.Tags {
			cats = append(cats, fold.Fold(c))
		}
		ix.cats[i] = cats
	}
	return ix
}

func sourceHost(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return ""
	}
	return strings.TrimPrefix(u.Hostname(), "www.")
}

// Len is the number of posts indexed.
func (ix *Index) Len() int { return len(ix.posts) }

// Match returns the positions of the posts that match q, in the index's
// order. within, when not nil, limits the search to those positions (the
// previous results, when the reader types on). The query's words are
// matched against the search keys; its keys (lang:, topic:, hot:, since:,
// until:, cat:) against the metadata. q.Is is the caller's to apply.
func (ix *Index) Match(q fold.Query, within []int) []int {
	out := []int{}
	test := func(i int) {
		if ix.matchMeta(i, ix.posts[i], q) && q.MatchText(ix.keys[i]) {
			out = append(out, i)
		}
	}
	if within != nil {
		for _, i := range within {
			test(i)
		}
		return out
	}
	for i := range ix.posts {
		test(i)
	}
	return out
}

// MatchMeta is Match without the words: the posts a body search should
// look into.
func (ix *Index) MatchMeta(q fold.Query) []int {
	out := []int{}
	for i, p := range ix.posts {
		if ix.matchMeta(i, p, q) {
			out = append(out, i)
		}
	}
	return out
}

// Posts returns the posts at these positions.
func (ix *Index) Posts(at []int) []*Post {
	out := make([]*Post, len(at))
	for k, i := range at {
		out[k] = ix.posts[i]
	}
	return out
}

func (ix *Index) matchMeta(i int, p *Post, q fold.Query) bool {
	switch q.Lang {
	case "vn":
		if p.Lang != LangVN {
			return false
		}
	case "en":
		if p.Lang != LangEN {
			return false
		}
	}
	if q.MinHot > 0 && p.Hotness < q.MinHot {
		return false
	}
	if q.Topic != "" && !strings.Contains(ix.topics[i], q.Topic) {
		return false
	}
	if q.Cat != "" && !slices.Contains(ix.cats[i], q.Cat) {
		return false
	}
	if (q.HasSince || q.HasUntil) && (!p.HasDate || !q.InDates(p.Date)) {
		return false
	}
	return true
}

// SortOrder is how a list of posts is ordered.
type SortOrder uint8

// The orders the list can be shown in.
const (
	SortNewest SortOrder = iota
	SortHottest
	SortOldest
)

// Sorted returns ps (which is newest first) in order o, as a new slice
// when the order changes anything. Posts without a date stay last.
func Sorted(ps []*Post, o SortOrder) []*Post {
	switch o {
	case SortHottest:
		out := slices.Clone(ps)
		slices.SortStableFunc(out, func(a, b *Post) int { return b.Hotness - a.Hotness })
		return out
	case SortOldest:
		n := 0
		for n < len(ps) && ps[n].HasDate {
			n++
		}
		out := make([]*Post, 0, len(ps))
		for i := n - 1; i >= 0; i-- {
			out = append(out, ps[i])
		}
		return append(out, ps[n:]...)
	}
	return ps
}
