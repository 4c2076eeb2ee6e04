// Package watch tells the reader which post files changed under a folder
// while it is open. Changes come in batches: after the first event the
// Watcher waits for a short quiet spell, so that a git pull bringing a
// thousand posts is one update or a few, yet an edit shows within half a second.
//
// Folders are watched one by one through fsnotify (inotify on Linux),
// new ones as they appear, with the scanner's rules: hidden folders,
// _site and node_modules are left out, and a symlinked folder is
// followed once, under the first path that reaches it, so a loop of
// links ends. When the system runs out of watches, or has none to give,
// the Watcher falls back to statting the whole tree every couple of
// seconds, and says so in Batch.Note.
//
// Start the Watcher before scanning the folder: a file changed between
// the scan and the start would otherwise go unseen.
//
// Paths in a Batch are file names as found on disk, that is untrusted
// text: pass them through safetext.Line before showing them. The
// Watcher only reads the folder, never writes to it.
package watch

import (
	"cmp"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"
)

// The defaults keep the worst case, an event just before the deadline
// plus the time to stat what changed, inside the half second the UI
// promises.
const (
	defaultQuiet    = 100 * time.Millisecond
	defaultMaxDelay = 400 * time.Millisecond
	defaultPoll     = 2 * time.Second
)

// Options tune a Watcher; the zero value is what the reader uses.
type Options struct {
	// Quiet is how long the folder must stay still before a batch goes
	// out (100 ms when zero).
	Quiet time.Duration
	// MaxDelay caps how long a batch waits after its first event, however
	// busy the folder stays (400 ms when zero).
	MaxDelay time.Duration
	// PollInterval is the time between rescans when polling (2 s when
	// zero).
	PollInterval time.Duration
	// ForcePolling skips the system's watches and rescans from the start,
	// for folders where notifications don't work (network mounts).
	ForcePolling bool
	// FailAdd, when set, is asked before each folder is added to the
	// system's watcher, with the folder's path; an error it returns is
	// taken as the error of that Add. Tests use it to act out a system out
	// of watches (syscall.ENOSPC).
	FailAdd func(dir string) error
}

// Batch is one update for the list: every file touched since the last
// batch, once, by its state at the time the batch was made.
type Batch struct {
	// Changed are created or written post files (.md, .markdown, .txt),
	// as slash paths relative to the folder, sorted.
	Changed []string
	// Removed are post files that were removed or renamed away, sorted.
	Removed []string
	// Rescan is set when the Watcher lost track of the folder (the
	// system's event queue overflowed, or it ran out of watches): Changed
	// and Removed are then empty and the whole folder must be scanned
	// again.
	Rescan bool
	// Polling is set when the Watcher rescans periodically instead of
	// being told of changes.
	Polling bool
	// Note says why the Watcher polls, for the status line; set on every
	// batch while Polling.
	Note string
	// Err is a problem watching the folder (it can't be read any more, an
	// error from the system's watcher). The batch is still good.
	Err error
}

// Watcher reports changes to the post files under a folder. Its methods
// are safe to call from any goroutine.
type Watcher struct {
	root string // absolute
	opts Options
	out  chan Batch
	done chan struct{}
	// exited is closed when run has returned; closeErr is set before.
	exited    chan struct{}
	closeOnce sync.Once
	closeErr  error

	// Everything below belongs to the run goroutine once New returns.

	fsw *fsnotify.Watcher // nil when polling
	// tree's seen map holds the folders being watched, by file ID.
	tree *walker
	// watched holds every folder with a watch, by slash path.
	watched map[string]bool
	// known holds the post files the UI has been told of (or found at the
	// start), so that a folder renamed away can be reported file by file.
	known map[string]bool
	// pending are the paths touched since the last batch; their fate is
	// decided by a stat when the batch is made.
	pending map[string]bool
	rescan  bool
	errs    []error
	first   time.Time // of the first event in pending; zero when idle
	timer   *time.Timer

	ticker  *time.Ticker // set when polling
	snap    map[string]stamp
	note    string
	pollErr string // the last error polling reported, so it says it once

	// ready is the batch waiting for the UI to take it; later changes
	// are merged into it rather than queued behind it.
	ready *Batch
}

// New watches the folder dir and the folders below it. It fails only when
// dir is not a folder that can be read; when the system can't watch it,
// the Watcher polls instead and its first batch says why.
func New(dir string, opts Options) (*Watcher, error) {
	opts.Quiet = cmp.Or(opts.Quiet, defaultQuiet)
	opts.MaxDelay = cmp.Or(opts.MaxDelay, defaultMaxDelay)
	opts.PollInterval = cmp.Or(opts.PollInterval, defaultPoll)
	root, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("cannot watch %s: %w", dir, err)
	}
	top, err := os.Stat(root)
	if err != nil {
		return nil, fmt.Errorf("cannot watch %s: %w", dir, err)
	}
	if !top.IsDir() {
		return nil, fmt.Errorf("cannot watch %s: it is a file, not a folder", dir)
	}
	w := &Watcher{
		root:    root,
		opts:    opts,
		out:     make(chan Batch),
		done:    make(chan struct{}),
		exited:  make(chan struct{}),
		pending: map[string]bool{},
		timer:   time.NewTimer(time.Hour),
	}
	w.timer.Stop()
	if err := w.watchOrPoll(top); err != nil {
		return nil, fmt.Errorf("cannot watch %s: %w", dir, err)
	}
	go w.run()
	return w, nil
}

// watchOrPoll sets up the system's watches on the whole tree, or polling
// when that can't be done. The error is for a root that can't be read.
func (w *Watcher) watchOrPoll(top os.FileInfo) error {
	if w.opts.ForcePolling {
		w.startPolling("polling was asked for", false)
		return nil
	}
	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		w.startPolling(fmt.Sprintf("the system cannot watch folders (%v)", err), false)
		return nil
	}
	w.fsw = fsw
	w.resetTree()
	err = w.tree.walk(".", top, false, 0)
	clear(w.pending) // the UI learns of these files by scanning
	var ae *addError
	switch {
	case errors.As(err, &ae):
		w.startPolling(ae.reason(), false)
	case err != nil:
		fsw.Close()
		return err
	}
	return nil
}

// Batches delivers the batches. It is closed by Close.
func (w *Watcher) Batches() <-chan Batch { return w.out }

// Close stops watching, releases the system's watches and closes
// Batches. It may be called more than once.
func (w *Watcher) Close() error {
	w.closeOnce.Do(func() { close(w.done) })
	<-w.exited
	return w.closeErr
}

func (w *Watcher) run() {
	defer close(w.exited)
	defer close(w.out)
	defer w.stop()
	for {
		var events <-chan fsnotify.Event
		var errs <-chan error
		if w.fsw != nil {
			events, errs = w.fsw.Events, w.fsw.Errors
		}
		var tick <-chan time.Time
		if w.ticker != nil {
			tick = w.ticker.C
		}
		var send chan<- Batch
		var b Batch
		if w.ready != nil {
			send, b = w.out, *w.ready
		}
		select {
		case <-w.done:
			return
		case send <- b:
			w.ready = nil
		case ev, ok := <-events:
			if !ok {
				w.lostTrack("the system stopped reporting changes")
				continue
			}
			w.event(ev)
			w.schedule()
		case err, ok := <-errs:
			if !ok {
				w.lostTrack("the system stopped reporting changes")
				continue
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				w.rescan = true
			} else {
				w.errs = append(w.errs, cleanError{err})
			}
			w.schedule()
		case <-w.timer.C:
			w.flush()
		case <-tick:
			w.poll()
		}
	}
}

// stop releases what run holds.
func (w *Watcher) stop() {
	w.timer.Stop()
	if w.ticker != nil {
		w.ticker.Stop()
	}
	if w.fsw != nil {
		w.closeErr = w.fsw.Close()
	}
}

// schedule sets the timer for the batch being gathered: a quiet spell
// after the latest event, but no later than MaxDelay after the first.
func (w *Watcher) schedule() {
	if w.fsw == nil {
		return // polling took over while handling the event
	}
	if len(w.pending) == 0 && !w.rescan && len(w.errs) == 0 {
		return
	}
	now := time.Now()
	if w.first.IsZero() {
		w.first = now
	}
	wait := min(w.opts.Quiet, w.first.Add(w.opts.MaxDelay).Sub(now))
	w.timer.Reset(max(wait, 0))
}

// emit hands b to the UI, merged into the batch it has not taken yet, so
// that a slow UI gets one up-to-date batch rather than a queue of stale
// ones, and the Watcher never blocks on it.
func (w *Watcher) emit(b Batch) {
	if w.ready == nil {
		w.ready = &b
		return
	}
	r := w.ready
	state := map[string]bool{}
	for _, batch := range []*Batch{r, &b} {
		for _, p := range batch.Changed {
			state[p] = true
		}
		for _, p := range batch.Removed {
			state[p] = false
		}
	}
	r.Changed, r.Removed = nil, nil
	r.Rescan = r.Rescan || b.Rescan
	if !r.Rescan {
		for p, ok := range state {
			if ok {
				r.Changed = append(r.Changed, p)
			} else {
				r.Removed = append(r.Removed, p)
			}
		}
		slices.Sort(r.Changed)
		slices.Sort(r.Removed)
	}
	r.Polling, r.Note = b.Polling, b.Note
	switch {
	case r.Err == nil:
		r.Err = b.Err
	case b.Err != nil:
		r.Err = errors.Join(r.Err, b.Err)
	}
}
