// Package state keeps what a reader has done to posts — read marks and
// bookmarks (stars) — in a small SQLite database, so that they outlive the
// program, moves and renames of the post files, crashes, and a second
// newsreader running on the same state at the same time.
//
// The promises, and what keeps them:
//
//   - kill -9 at any moment loses at most the mark being written and never
//     corrupts the store: every change is one SQLite transaction in WAL mode
//     with synchronous=FULL. FULL rather than NORMAL because marks are
//     written at human pace, so the extra sync per commit costs nothing a
//     person could notice, and it stretches the promise from a killed
//     process to a power cut.
//   - Two processes writing at once both keep their marks: WAL lets readers
//     and one writer work side by side, every transaction takes the write
//     lock when it begins (BEGIN IMMEDIATE) so none can fail halfway on an
//     upgrade, a busy timeout waits for the other writer, and a write that
//     still finds the database busy is retried.
//   - A bad file never stops the reader: Open moves a corrupt store, or one
//     written by a newer newsreader, aside and starts a fresh one, and says
//     so in its warning.
//
// A post is named by ID, from its source link or else its title and date,
// so its marks follow it when its file is moved or renamed.
//
// A Store is safe for concurrent use, but every method does disk I/O and
// may wait for another process: call it from a tea.Cmd, never from Update.
package state

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// Mark is what is known about one post.
type Mark struct {
	// Read is set once the post has been opened or marked read.
	Read bool
	// Starred is the bookmark.
	Starred bool
	// ReadAt is when the post was first marked read, the zero time when
	// it is unread.
	ReadAt time.Time
}

// Store is an open state database. Its methods are safe for concurrent
// use.
type Store struct {
	db   *sql.DB
	path string
}

// busyTimeout is how long SQLite itself waits for another process's write
// lock before giving up with SQLITE_BUSY. A state write is a handful of rows,
// so a lock held this long means the other process is stuck, not slow.
const busyTimeout = 5 * time.Second

// busyRetries is how many more times a write is tried after SQLITE_BUSY.
// Some busy results (a WAL being recovered by another process, a snapshot
// that went stale) come back at once, without the busy timeout, and go
// away on a second try.
const busyRetries = 4

// DefaultPath returns where the state lives when the user names no file:
// $XDG_STATE_HOME/newsreader/state.db, which is usually
// ~/.local/state/newsreader/state.db. The folder is not created here; Open
// creates it.
func DefaultPath() (string, error) {
	// The XDG spec says a relative value is invalid and must be ignored.
	if dir := os.Getenv("XDG_STATE_HOME"); dir != "" && filepath.IsAbs(dir) {
		return filepath.Join(dir, "newsreader", "state.db"), nil
	}
	if runtime.GOOS == "windows" {
		if dir := os.Getenv("LocalAppData"); dir != "" {
			return filepath.Join(dir, "newsreader", "state.db"), nil
		}
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("find the state folder: set XDG_STATE_HOME or use --state FILE: %w", err)
	}
	return filepath.Join(home, ".local", "state", "newsreader", "state.db"), nil
}

// Path returns the file the store was opened from, as an absolute path.
func (s *Store) Path() string { return s.path }

// Close closes the database. Marks are on disk as soon as each Set call
// returns, so Close loses nothing if it is never reached.
func (s *Store) Close() error {
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("close state %s: %w", s.path, err)
	}
	return nil
}

// Load returns every post that has a mark, by ID. Posts absent from the
// map are unread and not starred.
func (s *Store) Load() (map[string]Mark, error) {
	marks := make(map[string]Mark)
	err := s.retry(func() error {
		clear(marks)
		rows, err := s.db.Query(`SELECT id, read, starred, read_at FROM marks`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var (
				id     string
				m      Mark
				readAt sql.NullInt64
			)
			if err := rows.Scan(&id, &m.Read, &m.Starred, &readAt); err != nil {
				return err
			}
			if readAt.Valid {
				m.ReadAt = time.UnixMilli(readAt.Int64)
			}
			marks[id] = m
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("load marks from %s: %w", s.path, err)
	}
	return marks, nil
}

// SetRead marks one post read or unread. Marking a post read that already
// is keeps the time it was first read.
func (s *Store) SetRead(id string, read bool) error {
	return s.SetReadMany([]string{id}, read)
}

// SetReadMany marks many posts read or unread in one transaction: all of
// them are changed or, on error, none.
func (s *Store) SetReadMany(ids []string, read bool) error {
	if len(ids) == 0 {
		return nil
	}
	if err := checkIDs(ids); err != nil {
		return err
	}
	now := time.Now().UnixMilli()
	err := s.write(func(tx *sql.Tx) error {
		if read {
			return execEach(tx, ids, `INSERT INTO marks (id, read, read_at) VALUES (?1, 1, ?2)
				ON CONFLICT (id) DO UPDATE SET read = 1, read_at = coalesce(read_at, ?2)`, now)
		}
		if err := execEach(tx, ids, `UPDATE marks SET read = 0, read_at = NULL WHERE id = ?1`); err != nil {
			return err
		}
		return execEach(tx, ids, `DELETE FROM marks WHERE id = ?1 AND NOT read AND NOT starred`)
	})
	if err != nil {
		return fmt.Errorf("save read marks of %d posts to %s: %w", len(ids), s.path, err)
	}
	return nil
}

// SetStarred sets or clears one post's bookmark.
func (s *Store) SetStarred(id string, starred bool) error {
	if err := checkIDs([]string{id}); err != nil {
		return err
	}
	err := s.write(func(tx *sql.Tx) error {
		if starred {
			_, err := tx.Exec(`INSERT INTO marks (id, starred) VALUES (?1, 1)
				ON CONFLICT (id) DO UPDATE SET starred = 1`, id)
			return err
		}
		if _, err := tx.Exec(`UPDATE marks SET starred = 0 WHERE id = ?1`, id); err != nil {
			return err
		}
		_, err := tx.Exec(`DELETE FROM marks WHERE id = ?1 AND NOT read AND NOT starred`, id)
		return err
	})
	if err != nil {
		return fmt.Errorf("save bookmark to %s: %w", s.path, err)
	}
	return nil
}

// checkIDs refuses an empty ID, which would mean the caller lost a post's
// identity and would merge the marks of every such post into one.
func checkIDs(ids []string) error {
	for _, id := range ids {
		if id == "" {
			return errors.New("state: a post with an empty ID can't be marked")
		}
	}
	return nil
}

// execEach runs query once per ID, with the ID as ?1 and args after it.
func execEach(tx *sql.Tx, ids []string, query string, args ...any) error {
	stmt, err := tx.Prepare(query)
	if err != nil {
		return err
	}
	defer stmt.Close()
	all := make([]any, 1+len(args))
	copy(all[1:], args)
	for _, id := range ids {
		all[0] = id
		if _, err := stmt.Exec(all...); err != nil {
			return err
		}
	}
	return nil
}

// write runs fn in one transaction, retrying the whole transaction when
// the database is busy. fn must be safe to run again.
func (s *Store) write(fn func(tx *sql.Tx) error) error {
	return s.retry(func() error {
		// The DSN's _txlock=immediate makes this BEGIN IMMEDIATE.
		tx, err := s.db.BeginTx(context.Background(), nil)
		if err != nil {
			return err
		}
		if err := fn(tx); err != nil {
			_ = tx.Rollback()
			return err
		}
		return tx.Commit()
	})
}

// retry runs fn until it succeeds, fails with something other than a busy
// database, or has been tried busyRetries more times.
func (s *Store) retry(fn func() error) error {
	var err error
	for attempt := 0; ; attempt++ {
		err = fn()
		if err == nil || !isBusy(err) || attempt == busyRetries {
			return err
		}
		// Jitter so that two processes that collided don't collide again.
		time.Sleep(time.Duration(10+rand.IntN(40)) * time.Millisecond)
	}
}

// sqliteCode returns the primary SQLite result code of err, or 0.
func sqliteCode(err error) int {
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code() & 0xff
	}
	return 0
}

func isBusy(err error) bool {
	c := sqliteCode(err)
	return c == sqlite3.SQLITE_BUSY || c == sqlite3.SQLITE_LOCKED
}
