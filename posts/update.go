package posts

import "path/filepath"

// Folder is the folder on disk the library lists, or "" when it is not one
// (sample posts, single files, piped text).
func (l *Library) Folder() string { return l.dir }

// Apply returns a new library in which the posts at the changed paths
// (slash paths inside FS, as the scan found them) are read again and those
// at the removed paths are gone, sorted once. l itself is left as it was:
// renderings started before may still be reading from it.
func (l *Library) Apply(changed, removed []string) *Library {
	drop := make(map[string]bool, len(changed)+len(removed))
	for _, name := range removed {
		drop[name] = true
	}
	for _, name := range changed {
		drop[name] = true
	}
	ps := make([]*Post, 0, len(l.Posts)+len(changed))
	for _, p := range l.Posts {
		if !drop[p.name()] {
			ps = append(ps, p)
		}
	}
	buf := make([]byte, readLimit)
	for _, name := range changed {
		if isPostName(name) {
			if p := scanFile(l.FS, name, buf); p != nil {
				ps = append(ps, p)
			}
		}
	}
	sortPosts(ps)
	next := *l
	next.Posts = ps
	return &next
}

// File is the path on disk of p's file, to hand to an editor; ok is false
// for a post that is no file of its own on disk (a built-in sample, piped
// text, a pipe read once).
func (l *Library) File(p *Post) (string, bool) {
	if f, ok := l.files[p.name()]; ok {
		return f.path, !f.inMemory && f.path != ""
	}
	if l.dir == "" {
		return "", false
	}
	return filepath.Join(l.dir, filepath.FromSlash(p.name())), true
}

// FileName is p's path inside the library's FS exactly as found, which
// Path (cleaned for the screen) may differ from; Apply takes these.
func (p *Post) FileName() string { return p.name() }

// Pending is an empty library for dir, to show while dir is being
// scanned; the scan's library replaces it.
func Pending(dir string) *Library {
	return &Library{FS: diskFS(dir), Root: dir, dir: dir}
}
