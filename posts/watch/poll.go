package watch

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"time"

	"github.com/newsreader/newsreader/posts/safetext"
)

// stamp is what polling compares between two rescans. Size and mtime
// come from the listing's stat alone: reading every post every two
// seconds would cost far more than the list is worth.
type stamp struct {
	size  int64
	mtime time.Time
}

// snapshot stats every post file under root by the scanner's rules. The
// error is for a root that can't be read; folders below it that can't be
// are left out, as the scanner leaves them out.
func snapshot(root string) (map[string]stamp, error) {
	snap := map[string]stamp{}
	top, err := os.Stat(root)
	if err == nil && !top.IsDir() {
		err = fmt.Errorf("%s is no longer a folder", root)
	}
	if err != nil {
		return snap, err
	}
	w := &walker{root: root, seen: map[fileID]string{}}
	w.file = func(rel string, d fs.DirEntry, info fs.FileInfo) {
		if info == nil {
			var err error
			if info, err = d.Info(); err != nil {
				return // removed since the listing
			}
		}
		snap[rel] = stamp{info.Size(), info.ModTime()}
	}
	return snap, w.walk(".", top, false, 0)
}

// diff lists the files of now that are new or whose stamp changed since
// before, and those of before that are gone, each sorted.
func diff(before, now map[string]stamp) (changed, removed []string) {
	for p, s := range now {
		if old, ok := before[p]; !ok || old.size != s.size || !old.mtime.Equal(s.mtime) {
			changed = append(changed, p)
		}
	}
	for p := range before {
		if _, ok := now[p]; !ok {
			removed = append(removed, p)
		}
	}
	slices.Sort(changed)
	slices.Sort(removed)
	return changed, removed
}

// formatInterval writes a poll interval the way the status line says
// it: "2 s", "500 ms".
func formatInterval(d time.Duration) string {
	if d >= time.Second && d%time.Second == 0 {
		return fmt.Sprintf("%d s", d/time.Second)
	}
	if d >= time.Second {
		return fmt.Sprintf("%.1f s", d.Seconds())
	}
	return fmt.Sprintf("%d ms", d.Milliseconds())
}

// startPolling closes the system's watcher, if any, takes the snapshot
// later rescans are compared with, and tells the UI.
func (w *Watcher) startPolling(reason string, rescan bool) {
	if w.fsw != nil {
		w.closeErr = w.fsw.Close()
		w.fsw = nil
	}
	w.timer.Stop()
	w.first = time.Time{}
	clear(w.pending)
	errs := w.errs
	w.errs, w.rescan = nil, false
	w.watched, w.known = nil, nil
	w.note = safetext.Line(fmt.Sprintf("watching by rescanning every %s: %s",
		formatInterval(w.opts.PollInterval), reason))
	snap, err := snapshot(w.root)
	w.snap = snap
	w.ticker = time.NewTicker(w.opts.PollInterval)
	w.emit(Batch{
		Rescan:  rescan,
		Polling: true,
		Note:    w.note,
		Err:     errors.Join(append(errs, w.pollError(err))...),
	})
}

// poll rescans and reports the differences from the last rescan. A root
// that can't be read gives an empty snapshot: its posts can't be opened
// either, so they are reported removed, and found again when it is back.
func (w *Watcher) poll() {
	snap, err := snapshot(w.root)
	changed, removed := diff(w.snap, snap)
	w.snap = snap
	b := Batch{Changed: changed, Removed: removed, Polling: true, Note: w.note, Err: w.pollError(err)}
	if len(changed) > 0 || len(removed) > 0 || b.Err != nil {
		w.emit(b)
	}
}

// pollError returns err unless it is the one the last rescan reported,
// so that a folder that stays unreadable is said once, not every 2 s.
func (w *Watcher) pollError(err error) error {
	if err == nil {
		w.pollErr = ""
		return nil
	}
	if err.Error() == w.pollErr {
		return nil
	}
	w.pollErr = err.Error()
	return cleanError{err}
}
