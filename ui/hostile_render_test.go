package ui

import (
	"strings"
	"testing"
)

// A body that makes goldmark's scans quadratic must still render: the
// renderer sees it bounded (posts.ForRendering). Without the bound this
// took over 20 s; the test would then run into go test's deadline.
func TestQuadraticBodiesRender(t *testing.T) {
	for _, body := range []string{
		strings.Repeat("a <!--a\n", 20000),
		strings.Repeat("[a](", 40000),
	} {
		out, err := renderMarkdown(body, "dark", 80, "Image:")
		if err != nil || out == "" {
			t.Fatalf("render: %v", err)
		}
	}
}
