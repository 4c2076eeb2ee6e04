package ui

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// TestResizeStormRendersOnce sends thirty window sizes before any
// rendering has run, as dragging a window's edge does, and checks that
// only the renderings for the last size are done, and that the article
// then shows at that size.
func TestResizeStormRendersOnce(t *testing.T) {
	m := newSized(t, sampleLib(t), 120, 40, Options{})
	m = press(t, m, "j") // a post with neighbours on both sides
	before := m.(Model).gate.ran

	var cmds []tea.Cmd
	for w := 100; w < 130; w++ {
		var cmd tea.Cmd
		m, cmd = m.Update(tea.WindowSizeMsg{Width: w, Height: 40})
		cmds = append(cmds, cmd)
	}
	// Run them all at once, as the runtime would, and collect the results.
	var (
		mu   sync.Mutex
		msgs []tea.Msg
		wg   sync.WaitGroup
	)
	var start func(tea.Cmd)
	start = func(c tea.Cmd) {
		if c == nil {
			return
		}
		wg.Go(func() {
			msg := c()
			if batch, ok := msg.(tea.BatchMsg); ok {
				for _, c := range batch {
					start(c)
				}
				return
			}
			mu.Lock()
			msgs = append(msgs, msg)
			mu.Unlock()
		})
	}
	for _, c := range cmds {
		start(c)
	}
	wg.Wait()

	if ran := m.(Model).gate.ran - before; ran > 3 {
		t.Fatalf("%d renderings ran for 30 sizes; only the last size's 3 (the post and its neighbours) are wanted", ran)
	}
	for _, msg := range msgs {
		m = send(t, m, msg)
	}
	mm := m.(Model)
	p := mm.current()
	want := renderKey{path: p.Path, post: p, width: articleWidth(mm.reader.width, mm.opts.MaxWidth), style: mm.glamourStyle()}
	if _, ok := mm.cache[want]; !ok {
		t.Fatalf("the article at the last width is not rendered; screen:\n%s", screen(m))
	}
	if s := screen(m); !strings.Contains(s, "Source:") {
		t.Fatalf("the reader shows no article:\n%s", s)
	}
}

// TestSkippedRenderingIsAskedForAgain: a rendering dropped as unwanted
// while the reader came back to it is asked for again, not left pending.
func TestSkippedRenderingIsAskedForAgain(t *testing.T) {
	m := newSized(t, sampleLib(t), 120, 40, Options{}).(Model)
	p := m.current()
	key := renderKey{path: p.Path, post: p, width: articleWidth(m.reader.width, m.opts.MaxWidth), style: m.glamourStyle()}
	delete(m.cache, key)
	m.reader = readerPane{width: m.reader.width, height: m.reader.height, focused: m.reader.focused}
	m.pending[key] = true // asked for, then dropped by the gate
	got := send(t, m, renderedMsg{key: key, skipped: true}).(Model)
	if _, ok := got.cache[key]; !ok {
		t.Fatalf("the skipped rendering was not asked for again; screen:\n%s", screen(got))
	}
}

// TestImageLabelFollowsTheInterface: Glamour's "Image:" before an
// image's text is said in the interface language, in a standard style
// and in a style file.
func TestImageLabelFollowsTheInterface(t *testing.T) {
	body := "![Trạm phát sóng trên đồi](https://anh.example.vn/tram.jpg)\n\nThân bài.\n"
	file := filepath.Join(t.TempDir(), "style.json")
	if err := os.WriteFile(file, []byte(`{"image_text": {"format": "Image: {{.text}} →"}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, style := range []string{"dark", "light", "notty", file} {
		for _, lang := range []Lang{English, Vietnamese} {
			out, err := renderMarkdown(body, style, 80, textsFor(lang).imageLabel)
			if err != nil {
				t.Fatal(err)
			}
			plain := ansi.Strip(out)
			want, not := "Image: Trạm", "Ảnh:"
			if lang == Vietnamese {
				want, not = "Ảnh: Trạm", "Image:"
			}
			if !strings.Contains(plain, want) || strings.Contains(plain, not) {
				t.Errorf("%s, %v: want %q and no %q in:\n%s", style, lang, want, not, plain)
			}
		}
	}
}
