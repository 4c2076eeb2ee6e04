package state

import (
	"fmt"
	"path/filepath"
	"testing"
)

// BenchmarkOpen measures start-up with a store of a few years of reading,
// integrity check included.
func BenchmarkOpen(b *testing.B) {
	path := filepath.Join(b.TempDir(), "state.db")
	s, _, err := Open(path)
	if err != nil {
		b.Fatal(err)
	}
	ids := make([]string, 20_000)
	for i := range ids {
		ids[i] = fmt.Sprintf("https://news.example/2025/%d/some-article-title-%d.html", i%12, i)
	}
	if err := s.SetReadMany(ids, true); err != nil {
		b.Fatal(err)
	}
	s.Close()
	for b.Loop() {
		s, _, err := Open(path)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := s.Load(); err != nil {
			b.Fatal(err)
		}
		s.Close()
	}
}

// BenchmarkSetRead measures one mark, a synced commit each.
func BenchmarkSetRead(b *testing.B) {
	s, _, err := Open(filepath.Join(b.TempDir(), "state.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	i := 0
	for b.Loop() {
		if err := s.SetRead(fmt.Sprintf("https://news.example/%d", i), i%2 == 0); err != nil {
			b.Fatal(err)
		}
		i++
	}
}
