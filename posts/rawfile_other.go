//go:build !linux

package posts

import (
	"io/fs"
	"os"
)

// openFile opens a post for reading; see the Linux version.
func openFile(full, name string) (fs.File, error) {
	f, err := os.Open(full)
	if err != nil {
		return nil, err
	}
	return f, nil
}
