package watch

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// event records one notification from the system.
func (w *Watcher) event(ev fsnotify.Event) {
	rel, err := filepath.Rel(w.root, ev.Name)
	if err != nil {
		return
	}
	rel = filepath.ToSlash(rel)
	switch {
	case rel == ".":
		if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
			w.rootGone()
		}
		return
	case rel == ".." || strings.HasPrefix(rel, "../") || ignored(rel):
		return
	}
	// Chmod alone is left out: Linux sends it for every unlink, and
	// indexers and backups send it for files that didn't change.
	if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
		w.gone(rel)
	}
	if ev.Has(fsnotify.Create) {
		w.created(rel)
	}
	if ev.Has(fsnotify.Write) && isPostName(rel) && w.fsw != nil {
		w.pending[rel] = true
	}
}

// created handles a new file or folder at rel.
func (w *Watcher) created(rel string) {
	info, err := os.Lstat(w.tree.abs(rel))
	linked := err == nil && info.Mode()&fs.ModeSymlink != 0
	if linked {
		info, err = os.Stat(w.tree.abs(rel))
	}
	if err != nil || !info.IsDir() {
		// A file, or already gone: the stat at batch time decides.
		if isPostName(rel) {
			w.pending[rel] = true
		}
		return
	}
	if w.watched[rel] {
		return
	}
	// Files may have landed in the folder before its watch was in place,
	// so found reports every post in it: the UI gets each once per batch.
	err = w.tree.walk(rel, info, linked, strings.Count(rel, "/")+1)
	var ae *addError
	if errors.As(err, &ae) {
		w.lostTrack(ae.reason())
	}
}

// gone handles a path removed or renamed away: a post file, or a folder
// whose watches and files go with it.
func (w *Watcher) gone(rel string) {
	if !w.watched[rel] {
		if isPostName(rel) {
			w.pending[rel] = true
		}
		return
	}
	for d := range w.watched {
		if under(d, rel) {
			// A folder renamed away keeps its watch, and would go on
			// reporting its files under the old name.
			_ = w.fsw.Remove(w.tree.abs(d))
			delete(w.watched, d)
		}
	}
	for id, d := range w.tree.seen {
		if under(d, rel) {
			delete(w.tree.seen, id)
		}
	}
	for f := range w.known {
		if under(f, rel) {
			w.pending[f] = true
		}
	}
}

// rootGone reports every file as removed when the folder itself is
// removed or renamed, then polls for it to come back.
func (w *Watcher) rootGone() {
	for f := range w.known {
		w.pending[f] = true
	}
	w.flush()
	w.startPolling("the folder was removed or renamed", false)
}

// flush turns what was gathered into a batch for the UI.
func (w *Watcher) flush() {
	w.first = time.Time{}
	b := Batch{Err: errors.Join(w.errs...)}
	w.errs = nil
	if w.rescan {
		w.rescan = false
		clear(w.pending)
		b.Rescan = true
		w.emit(b)
		w.rewalk()
		return
	}
	for p := range w.pending {
		info, err := os.Stat(w.tree.abs(p))
		switch {
		case err == nil && info.Mode().IsRegular():
			b.Changed = append(b.Changed, p)
			w.known[p] = true
		case w.known[p]:
			b.Removed = append(b.Removed, p)
			delete(w.known, p)
		}
		// Else the file came and went within the batch, or isn't a
		// regular file: nothing to tell.
	}
	clear(w.pending)
	if len(b.Changed) == 0 && len(b.Removed) == 0 && b.Err == nil {
		return
	}
	slices.Sort(b.Changed)
	slices.Sort(b.Removed)
	w.emit(b)
}

// rewalk rebuilds the watches and the known files after events were
// lost. Watches still in place are kept (adding one again is a no-op);
// those whose folder is no longer found are dropped.
func (w *Watcher) rewalk() {
	old := w.watched
	w.resetTree()
	top, err := os.Stat(w.root)
	if err == nil {
		err = w.tree.walk(".", top, false, 0)
		clear(w.pending)
	}
	var ae *addError
	switch {
	case errors.As(err, &ae):
		w.lostTrack(ae.reason())
		return
	case err != nil:
		w.lostTrack(fmt.Sprintf("cannot read the folder again (%v)", err))
		return
	}
	for d := range old {
		if !w.watched[d] {
			_ = w.fsw.Remove(w.tree.abs(d))
		}
	}
}

// resetTree starts the bookkeeping of watched folders and known files
// afresh.
func (w *Watcher) resetTree() {
	w.watched = map[string]bool{}
	w.known = map[string]bool{}
	w.tree = &walker{root: w.root, seen: map[fileID]string{}, enter: w.addWatch}
	w.tree.file = w.found
}

// found records a post file met while walking the tree, and reports it.
// After the walks at the start and after a rescan, the reports are
// dropped: the UI learns of those files by scanning.
func (w *Watcher) found(rel string, _ fs.DirEntry, _ fs.FileInfo) {
	w.known[rel] = true
	w.pending[rel] = true
}

// addWatch asks the system to watch the folder rel.
func (w *Watcher) addWatch(rel string) error {
	abs := w.tree.abs(rel)
	var err error
	if w.opts.FailAdd != nil {
		err = w.opts.FailAdd(abs)
	}
	if err == nil {
		err = w.fsw.Add(abs)
	}
	switch {
	case err == nil:
		w.watched[rel] = true
		return nil
	case errors.Is(err, fs.ErrNotExist), errors.Is(err, fs.ErrPermission), isNotDir(err):
		// Gone already, or unreadable: the scanner can't list it either.
		return errSkip
	}
	return &addError{rel, err}
}

// lostTrack gives up on the system's watches: the UI must rescan, and
// polling takes over.
func (w *Watcher) lostTrack(reason string) {
	w.startPolling(reason, true)
}
