package ui

import (
	"sync"

	"github.com/newsreader/newsreader/posts/state"
)

// writer applies the marks to the store one at a time, in the order they
// were made, on a goroutine of its own: "m m" must leave the post as it
// was, whatever the scheduler does. Update only queues; Close, called
// after the program ends, waits for the queue to drain, so marks made
// just before q are kept.
type writer struct {
	mu     sync.Mutex
	queue  []func(*state.Store) error
	wake   chan struct{}
	errs   chan error
	closed bool
	done   chan struct{}
	store  *state.Store
}

func newWriter(st *state.Store) *writer {
	w := &writer{store: st, wake: make(chan struct{}, 1), errs: make(chan error, 16), done: make(chan struct{})}
	go w.run()
	return w
}

// put queues a write. It never blocks.
func (w *writer) put(op func(*state.Store) error) {
	w.mu.Lock()
	w.queue = append(w.queue, op)
	w.mu.Unlock()
	select {
	case w.wake <- struct{}{}:
	default:
	}
}

func (w *writer) run() {
	defer close(w.done)
	for {
		w.mu.Lock()
		ops := w.queue
		w.queue = nil
		closed := w.closed
		w.mu.Unlock()
		for _, op := range ops {
			if err := op(w.store); err != nil {
				select {
				case w.errs <- err:
				default: // the reader has been told of enough failures
				}
			}
		}
		if len(ops) > 0 {
			continue
		}
		if closed {
			return
		}
		<-w.wake
	}
}

// close waits for every queued write, then closes the store.
func (w *writer) close() error {
	w.mu.Lock()
	w.closed = true
	w.mu.Unlock()
	select {
	case w.wake <- struct{}{}:
	default:
	}
	<-w.done
	return w.store.Close()
}

// failed returns a write that failed since the last call, if any. Update
// asks after each key: failures are rare, and a command waiting on them
// would outlive the program.
func (w *writer) failed() error {
	select {
	case err := <-w.errs:
		return err
	default:
		return nil
	}
}

// Close finishes the writes to the store of read marks and closes it.
// Call it with the model Run returns, once the program has ended.
func (m Model) Close() error {
	if m.marks.w == nil {
		return nil
	}
	return m.marks.w.close()
}
