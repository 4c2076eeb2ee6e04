package browser

import (
	"path/filepath"
	"reflect"
	"runtime"
	"testing"
)

func TestEdit(t *testing.T) {
	defaultEditor := "vi"
	if runtime.GOOS == "windows" {
		defaultEditor = "notepad"
	}
	dot := "." + string(filepath.Separator)
	tests := []struct {
		visual, editor, path string
		want                 []string
	}{
		{"", "", "posts/a.md", []string{defaultEditor, "posts/a.md"}},
		{"", "nano", "posts/a.md", []string{"nano", "posts/a.md"}},
		{"hx", "nano", "posts/a.md", []string{"hx", "posts/a.md"}},
		{"  ", "code --wait", "a b.md", []string{"code", "--wait", "a b.md"}},
		{"emacsclient -t -a ''", "", "x.md", []string{"emacsclient", "-t", "-a", "''", "x.md"}},
		{"vim", "", "$(touch PWNED);`id`.md", []string{"vim", "$(touch PWNED);`id`.md"}},
		{"vim", "", "-c:!id.md", []string{"vim", dot + "-c:!id.md"}},
		{"vim", "", "/abs/-x.md", []string{"vim", "/abs/-x.md"}},
	}
	for _, tt := range tests {
		t.Setenv("VISUAL", tt.visual)
		t.Setenv("EDITOR", tt.editor)
		cmd := Edit(tt.path)
		if !reflect.DeepEqual(cmd.Args, tt.want) {
			t.Errorf("VISUAL=%q EDITOR=%q Edit(%q) runs %q, want %q", tt.visual, tt.editor, tt.path, cmd.Args, tt.want)
		}
		if cmd.Stdin != nil || cmd.Stdout != nil || cmd.Stderr != nil {
			t.Errorf("Edit set the editor's streams; tea.ExecProcess must connect them to the terminal")
		}
	}
}
