package fold

import (
	"bytes"
	"unicode/utf8"
	"unsafe"
)

// streamChunk is how much of a text MatchFold folds before it looks for
// the words again: small enough that a body which holds them early is
// not folded to its end, large enough that the looking costs little.
const streamChunk = 2 << 10

// MatchFold is MatchFolded(AppendFold(dst, src)) that stops folding once
// every word is found. It folds src a piece at a time into dst, reused
// by the caller, and looks for the words in each new piece (and the end
// of the one before, where a word may start).
//
// whole reports whether all of src was folded, as it is when a word is
// missing; only then does valid say whether src was valid UTF-8, as
// AppendFold's does. A caller that must decode an invalid text another
// way first checks that the bytes folded so far decide the match (see
// posts.matchFile).
func (q Query) MatchFold(dst, src []byte) (folded []byte, hit, whole, valid bool) {
	return q.matchFold(dst, src, streamChunk)
}

func (q Query) matchFold(dst, src []byte, chunk int) (folded []byte, hit, whole, valid bool) {
	f := folder{b: dst}
	// src is only read, and nothing keeps a piece of it after the call.
	s := unsafe.String(unsafe.SliceData(src), len(src))
	start := len(dst) // where the folding of src begins in f.b
	if len(q.Words) == 0 || len(q.Words) > 64 {
		// Nothing to look for, or more words than found can track.
		f.run(s)
		return f.b, q.MatchFolded(f.b[start:]), true, !f.invalid
	}
	all := uint64(1)<<len(q.Words) - 1
	var found uint64 // bit k is set once Words[k] was found
	seen := start    // the folded bytes before seen were looked through
	for i := 0; i < len(s); {
		j := cut(s, i+chunk)
		f.run(s[i:j])
		i = j
		for k, w := range q.Words {
			// A word not found yet may start in the last len(w)-1 bytes
			// looked through and end in the new ones.
			if found&(1<<k) == 0 && containsFolded(f.b[max(start, seen-len(w)+1):], w) {
				found |= 1 << k
			}
		}
		if found == all {
			return f.b, true, i == len(s), !f.invalid
		}
		seen = len(f.b)
	}
	return f.b, false, true, !f.invalid
}

// cut returns where a piece of s that should end near at may end: at
// the end of s, or between two ASCII letters or digits at or after at.
// Folding carries nothing across such a place (no run of spaces, no
// character and the marks on it), so folding s piece by piece gives
// what folding it whole gives.
func cut(s string, at int) int {
	for j := max(at, 1); j < len(s); j++ {
		if alnum(s[j]) && alnum(s[j-1]) {
			return j
		}
	}
	return len(s)
}

func alnum(c byte) bool {
	return c < utf8.RuneSelf && ('a' <= c|0x20 && c|0x20 <= 'z' || '0' <= c && c <= '9')
}

// containsFolded is bytes.Contains for folded text, whose spaces are
// single: the word's rarest letter, found with bytes.IndexByte, is at a
// fixed distance from its start. Rarest here is in folded Vietnamese and
// English alike, where bytes.Index would stop at each of its first
// letter.
func containsFolded(b []byte, w string) bool {
	if len(w) < 2 {
		return bytes.Contains(b, []byte(w))
	}
	k := 0
	for i := 1; i < len(w); i++ {
		if foldedRarity[w[i]] > foldedRarity[w[k]] {
			k = i
		}
	}
	c := w[k]
	for i := k; i < len(b); {
		j := bytes.IndexByte(b[i:], c)
		if j < 0 {
			return false
		}
		p := i + j - k
		if p+len(w) > len(b) {
			return false
		}
		if string(b[p:p+len(w)]) == w {
			return true
		}
		i += j + 1
	}
	return false
}

// foldedRarity ranks letters by how seldom they occur in folded text,
// Vietnamese and English together; see rarity.
var foldedRarity = func() (t [256]uint8) {
	for i := range t {
		t[i] = 20 // digits, punctuation, other scripts
	}
	t[' '] = 0
	for i, c := range []byte("nahtieocgusrdmlybvkpwfxqjz") {
		t[c] = uint8(i)
	}
	return t
}()
