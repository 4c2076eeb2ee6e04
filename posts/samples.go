package posts

import (
	"embed"
	"io/fs"
)

//go:embed samples
var samples embed.FS

// Samples returns the posts built into the binary, rooted at the samples
// folder, so that a first run with no folder still has something to show.
// Paths in it are plain file names such as "2025-02-10-vietnamese-language-model.md".
func Samples() fs.FS {
	sub, err := fs.Sub(samples, "samples")
	if err != nil {
		// fs.Sub fails only on an invalid path, and "samples" is a constant.
		panic("posts: embedded samples: " + err.Error())
	}
	return sub
}
