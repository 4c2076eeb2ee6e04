package posts

import (
	"bytes"
	"io"
	"io/fs"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/newsreader/newsreader/posts/fold"
)

// BodySearch is a full-text search over the bodies of a list of posts.
// Its workers read and test the bodies while the caller keeps going; Next
// hands over the matches found so far, Stop ends it early.
type BodySearch struct {
	lib     *Library
	query   fold.Query
	q       bodyQuery // made from query by launch
	ps      []*Post
	hits    chan int // positions in ps of the matching posts
	start   sync.Once
	stopped atomic.Bool
	next    atomic.Int64 // the next position a worker takes
}

// SearchBodies prepares a search of the bodies of ps for every word of q.
// Its workers, as many as there are processors, start with the first
// call to Next, so that it can be made where no goroutine should start
// (in a Bubble Tea Update) and run in a command. The posts are taken in
// the order given, so the first matches found are near the front of ps.
func (l *Library) SearchBodies(ps []*Post, q fold.Query) *BodySearch {
	return &BodySearch{lib: l, query: q, ps: ps, hits: make(chan int, 1024)}
}

// bodyQuery is a query made ready for searching bodies.
type bodyQuery struct {
	fold.Query
	raw    fold.RawMatcher // when hasRaw, finds the words without folding
	hasRaw bool
	ascii  fold.ASCIIMatcher // for bodies all in ASCII
}

func newBodyQuery(q fold.Query) bodyQuery {
	raw, ok := q.RawMatcher()
	return bodyQuery{Query: q, raw: raw, hasRaw: ok, ascii: q.ASCIIMatcher()}
}

// launch starts the workers, and closes hits when they are all done.
// The query is made ready here, off the caller's goroutine: the first
// time a program searches bodies, that works out the anchors' plans
// (fold.RawMatcher), a few milliseconds.
func (s *BodySearch) launch() {
	s.q = newBodyQuery(s.query)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(s.work)
	}
	go func() {
		wg.Wait()
		close(s.hits)
	}()
}

// work tests posts until there are none left or the search is stopped,
// reusing one buffer for the file and one for its folded body.
func (s *BodySearch) work() {
	var raw, folded []byte
	for !s.stopped.Load() {
		i := int(s.next.Add(1) - 1)
		if i >= len(s.ps) {
			return
		}
		var hit bool
		raw, folded, hit = s.lib.bodyMatches(s.ps[i], s.q, raw, folded)
		if hit {
			s.hits <- i
		}
	}
}

// bodyMatches reports whether p's body holds every word of q, returning
// the buffers for the next post. The body is decoded like Body's but not
// cleaned, which searching does not need (folding turns controls into
// spaces) and which would cost as much as the search itself. The front
// matter is left out, or every post would match "entries", except where
// Body shows it: in a post with an error (front matter that can't be
// read, for one), what is searched is what the reader sees.
//
// A post that trips a bug here is no match, not the end of the program:
// this runs on a goroutine of its own, where nothing would catch a panic.
func (l *Library) bodyMatches(p *Post, q bodyQuery, raw, folded []byte) (_, _ []byte, hit bool) {
	defer func() {
		if recover() != nil {
			hit = false
		}
	}()
	raw, err := readInto(l.FS, p.name(), raw[:0], int(min(p.Size, maxBody)), maxBody)
	if err != nil {
		return raw, folded, false
	}
	folded, hit = matchFile(raw, q, folded, p.Err != nil)
	return raw, folded, hit
}

// matchFile reports whether the body of the post file raw holds every
// word of q, returning the buffer for the next folded body. With
// withFront, the front matter is searched too, as Body shows it for a
// post with an error.
func matchFile(raw []byte, q bodyQuery, folded []byte, withFront bool) (_ []byte, hit bool) {
	data := bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf"))
	shown := withoutFront
	if withFront {
		shown = func(text []byte) []byte { return text }
	}
	body := shown(data)
	if fold.ASCII(body) {
		// Nothing to decode (Windows-1258 leaves ASCII as it is), and
		// folding ASCII is only case and blanks: match on the bytes.
		if hit, sure := q.ascii.Match(body); sure {
			return folded, hit
		}
		// A text made to take more steps than folding it costs.
		folded, _ = fold.AppendFold(folded[:0], body)
		return folded, q.MatchFolded(folded)
	}
	// When the file can't be Windows-1258, its UTF-8 reading is the one
	// Body shows, and the words may be found in it without folding it:
	// most of a Vietnamese body is then not folded at all.
	checked, utf8Only := false, false // notLegacy(data), once known
	if q.hasRaw {
		checked, utf8Only = true, notLegacy(data)
		if utf8Only {
			if hit, sure := q.raw.Match(body); sure {
				return folded, hit
			}
		}
	}
	// Folded a piece at a time, a body that holds the words early is
	// not folded to its end.
	folded, hit, whole, valid := q.MatchFold(folded[:0], body)
	// The match is in the UTF-8 reading of the body, which is the one
	// Body shows unless decodeLegacy takes the file for Windows-1258.
	// That needs invalid UTF-8: when the body was folded whole, folding
	// found out on its way (sparing every other post a separate check)
	// and the front matter before it is short to check; when folding
	// stopped early, the rest is unchecked, and counting the file's bytes
	// mostly settles it.
	var legacy bool
	if whole {
		legacy = !valid || !utf8.Valid(data[:len(data)-len(body)])
	} else {
		if !checked {
			utf8Only = notLegacy(data)
		}
		legacy = !utf8Only
	}
	if legacy {
		if dec, ok := decodeLegacy(data); ok {
			folded, _ = fold.AppendFold(folded[:0], shown(dec))
			hit = q.MatchFolded(folded)
		}
	}
	return folded, hit
}

// readInto appends to buf the first limit bytes of the named file. The
// buffer grows as needed and is kept by the caller for the next file, so
// a search through a folder allocates almost nothing per post. size is
// the file's size when it was listed: a read that comes back short once
// that much is in is taken as the end of the file, which saves the read
// that would only say so. A file that grew since is read on to its end.
func readInto(fsys fs.FS, name string, buf []byte, size, limit int) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return buf, err
	}
	defer f.Close()
	start := len(buf)
	if want := start + min(size+1, limit); cap(buf) < want {
		buf = slices.Grow(buf, want-len(buf))
	}
	for len(buf)-start < limit {
		if len(buf) == cap(buf) {
			buf = slices.Grow(buf, min(max(cap(buf), 64<<10), limit-(len(buf)-start)))
		}
		ask := buf[len(buf):min(cap(buf), start+limit)]
		n, err := f.Read(ask)
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
		if n > 0 && n < len(ask) && len(buf)-start >= size {
			return buf, nil
		}
	}
	return buf, nil
}

// Next waits for the next match, or for the end of the search, and
// returns it with the matches that follow within window: their positions
// in the list given to SearchBodies, in increasing order. done is true
// once every body has been searched and every match handed over.
func (s *BodySearch) Next(window time.Duration) (hits []int, done bool) {
	s.start.Do(s.launch)
	i, ok := <-s.hits
	if !ok {
		return nil, true
	}
	hits = append(hits, i)
	timer := time.NewTimer(window)
	defer timer.Stop()
	for {
		select {
		case i, ok := <-s.hits:
			if !ok {
				slices.Sort(hits)
				return hits, true
			}
			hits = append(hits, i)
		case <-timer.C:
			slices.Sort(hits)
			return hits, false
		}
	}
}

// Stop ends the search: the workers finish the body they are reading and
// quit. Matches not yet handed over are dropped.
func (s *BodySearch) Stop() {
	if s.stopped.Swap(true) {
		return
	}
	// Never started: it never will be, and a Next still to come ends.
	s.start.Do(func() { close(s.hits) })
	// Workers blocked on a full channel of hits need a reader to finish.
	go func() {
		for range s.hits {
		}
	}()
}

// Posts returns the posts at the given positions of the searched list.
func (s *BodySearch) Posts(at []int) []*Post {
	out := make([]*Post, len(at))
	for k, i := range at {
		out[k] = s.ps[i]
	}
	return out
}
