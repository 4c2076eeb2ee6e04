package state

import (
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	sqlite3 "modernc.org/sqlite/lib"
)

// schemaVersion is stored in PRAGMA user_version. A store with a higher
// one was written by a newer newsreader whose tables this one can't be
// trusted to read or write.
const schemaVersion = 1

// applicationID is stored in PRAGMA application_id ("nwsr"), so that a
// SQLite database of some other program, named by mistake with --state,
// is recognised and left alone rather than altered or moved.
const applicationID = 0x6e777372

// schema creates version 1. ReadAt is Unix milliseconds.
const schema = `CREATE TABLE IF NOT EXISTS marks (
	id      TEXT    PRIMARY KEY NOT NULL,
	read    INTEGER NOT NULL DEFAULT 0,
	starred INTEGER NOT NULL DEFAULT 0,
	read_at INTEGER
)`

// minPageSize is the smallest SQLite page, so the smallest database file
// that is not empty.
const minPageSize = 512

// badFile says why an existing file can't be used as a store, which means
// it is to be moved aside; kind goes into the new name.
type badFile struct {
	kind   string // "corrupt" or "newer"
	reason string
}

func (b *badFile) Error() string { return b.reason }

// Open opens the store at path, creating it and its folder if needed.
//
// Open never refuses because of what is in the file. A file that is not a
// readable store (random bytes, a truncated or damaged database, a text
// file) or a store from a newer newsreader is renamed to
// path.corrupt-TIME or path.newer-TIME, with its -wal and -shm files, and
// a fresh store is created; warning then says what happened and where the
// old file went, for the user to see. The warning holds the path as given,
// which is outside text: clean it before showing it.
//
// err is set, and the caller should go on without state, only when no
// store can be had: the folder or file can't be created or written, the
// database stayed locked by another process past the busy timeout, or
// path is another program's SQLite database, which is never touched.
func Open(path string) (s *Store, warning string, err error) {
	if path == "" {
		return nil, "", errors.New("open state: no file name given")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, "", fmt.Errorf("open state %s: %w", path, err)
	}
	if err := os.MkdirAll(filepath.Dir(abs), 0o700); err != nil {
		return nil, "", fmt.Errorf("open state %s: create its folder: %w", path, err)
	}
	// Twice at most: once for the file as found, once more for the fresh
	// one after moving a bad file aside. A third try only happens when
	// another process moved the bad file first.
	var warnings []string
	for range 3 {
		createPrivate(abs)
		before, statErr := os.Stat(abs)
		var st *Store
		if statErr == nil && before.Size() > 0 && before.Size() < minPageSize {
			// No database is shorter than a page, but SQLite takes some
			// such files (one byte, for one) for an empty database and
			// writes over them.
			err = &badFile{"corrupt", "is too short to be a database"}
		} else {
			st, err = openStore(abs)
		}
		if err == nil {
			return st, strings.Join(warnings, "; "), nil
		}
		var bad *badFile
		if !errors.As(err, &bad) || statErr != nil {
			return nil, strings.Join(warnings, "; "), fmt.Errorf("open state %s: %w", path, err)
		}
		now, statErr := os.Stat(abs)
		if statErr != nil || !os.SameFile(before, now) {
			// Another newsreader dealt with it in the meantime.
			continue
		}
		aside, err := moveAside(abs, bad.kind, time.Now())
		if err != nil {
			return nil, strings.Join(warnings, "; "), fmt.Errorf("open state %s: it %s, and moving it aside failed: %w", path, bad.reason, err)
		}
		warnings = append(warnings, fmt.Sprintf("state file %s %s; it was moved to %s and an empty state was started", path, bad.reason, aside))
	}
	return nil, strings.Join(warnings, "; "), fmt.Errorf("open state %s: it kept changing while being opened", path)
}

// openStore opens abs and brings it to schemaVersion. It returns a
// *badFile error for a file that should be moved aside.
func openStore(abs string) (*Store, error) {
	db, err := sql.Open("sqlite", dsn(abs))
	if err != nil {
		return nil, err
	}
	// One connection: writes in this process queue here rather than
	// contend for SQLite's lock, and the pool never grows.
	db.SetMaxOpenConns(1)
	s := &Store{db: db, path: abs}
	if err := s.retry(s.check); err != nil {
		db.Close()
		return nil, classify(err)
	}
	// WAL only now that the file is known to be ours: the mode is written
	// into the file, and it stays for every later connection.
	if err := s.retry(s.walMode); err != nil {
		db.Close()
		return nil, classify(err)
	}
	var version int
	if err := s.retry(func() error { return s.db.QueryRow(`PRAGMA user_version`).Scan(&version) }); err != nil {
		db.Close()
		return nil, classify(err)
	}
	if version == schemaVersion {
		// The usual case: no need to wait for the write lock.
		return s, nil
	}
	if err := s.write(s.migrate); err != nil {
		db.Close()
		return nil, classify(err)
	}
	return s, nil
}

// dsn builds a file: URI for abs. A plain name would do the wrong thing
// with a path holding '?' or '#', which the driver would read as the
// start of its parameters; in a URI they are percent-encoded.
func dsn(abs string) string {
	p := filepath.ToSlash(abs)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // C:/x on Windows becomes file:///C:/x
	}
	u := url.URL{Scheme: "file", Path: p}
	q := url.Values{}
	q.Set("_busy_timeout", strconv.Itoa(int(busyTimeout/time.Millisecond)))
	q.Set("_synchronous", "FULL")
	q.Set("_txlock", "immediate")
	u.RawQuery = q.Encode()
	return u.String()
}

// check looks at the file as found, without changing it.
func (s *Store) check() error {
	var result string
	// integrity_check(1) stops at the first problem: one is enough to know.
	if err := s.db.QueryRow(`PRAGMA integrity_check(1)`).Scan(&result); err != nil {
		return err
	}
	if result != "ok" {
		return &badFile{"corrupt", "is damaged (" + result + ")"}
	}
	// One statement, so one read transaction: read one by one, the three
	// could straddle another process's commit of a fresh schema (no
	// application id yet, then a version and a table) and make our own
	// store look like another program's.
	var appID, version, objects int
	err := s.db.QueryRow(`SELECT a.application_id, v.user_version, (SELECT count(*) FROM sqlite_schema)
		FROM pragma_application_id() AS a, pragma_user_version() AS v`).Scan(&appID, &version, &objects)
	if err != nil {
		return err
	}
	switch {
	case appID == applicationID && version > schemaVersion:
		return &badFile{"newer", fmt.Sprintf("was written by a newer newsreader (state version %d; this one knows up to %d)", version, schemaVersion)}
	case appID == applicationID, appID == 0 && version == 0 && objects == 0:
		return nil
	}
	return errors.New("it is a database of another program, so it was left alone; name another file with --state")
}

func (s *Store) walMode() error {
	var mode string
	if err := s.db.QueryRow(`PRAGMA journal_mode = WAL`).Scan(&mode); err != nil {
		return err
	}
	if !strings.EqualFold(mode, "wal") {
		return fmt.Errorf("the file system refused WAL mode (journal mode is %s)", mode)
	}
	return nil
}

// migrate creates the schema, or upgrades an older one. It runs inside a
// write transaction, so a second process starting at the same moment
// either sees the finished schema or waits for it.
func (s *Store) migrate(tx *sql.Tx) error {
	var version int
	if err := tx.QueryRow(`PRAGMA user_version`).Scan(&version); err != nil {
		return err
	}
	switch {
	case version == schemaVersion:
		return nil
	case version > schemaVersion:
		// A newer newsreader got here between check and now.
		return &badFile{"newer", fmt.Sprintf("was written by a newer newsreader (state version %d; this one knows up to %d)", version, schemaVersion)}
	}
	if _, err := tx.Exec(schema); err != nil {
		return err
	}
	// PRAGMA takes no bound parameters; both values are constants.
	if _, err := tx.Exec(fmt.Sprintf(`PRAGMA application_id = %d`, applicationID)); err != nil {
		return err
	}
	_, err := tx.Exec(fmt.Sprintf(`PRAGMA user_version = %d`, schemaVersion))
	return err
}

// classify turns SQLite's "this is no database" results into a badFile.
func classify(err error) error {
	var bad *badFile
	if errors.As(err, &bad) {
		return err
	}
	switch sqliteCode(err) {
	case sqlite3.SQLITE_NOTADB:
		return &badFile{"corrupt", "is not a newsreader state file (" + err.Error() + ")"}
	case sqlite3.SQLITE_CORRUPT:
		return &badFile{"corrupt", "is damaged (" + err.Error() + ")"}
	}
	return err
}

// moveAside renames abs and its SQLite companions to a free name ending
// in kind and the time now, and returns the new name of abs.
func moveAside(abs, kind string, now time.Time) (string, error) {
	stamp := now.Format("20060102-150405")
	aside := ""
	for n := 1; ; n++ {
		aside = abs + "." + kind + "-" + stamp
		if n > 1 {
			aside += "-" + strconv.Itoa(n)
		}
		if !exists(aside) && !exists(aside+"-wal") && !exists(aside+"-shm") && !exists(aside+"-journal") {
			break
		}
	}
	if err := os.Rename(abs, aside); err != nil {
		return "", err
	}
	// A WAL left behind would be replayed into the fresh store, as if it
	// were its own: it goes with the file it belongs to.
	for _, suffix := range []string{"-wal", "-shm", "-journal"} {
		if err := os.Rename(abs+suffix, aside+suffix); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return aside, err
		}
	}
	return aside, nil
}

// createPrivate creates an empty file at abs, readable by its owner only
// (what someone reads is nobody else's business), unless one is there.
// O_EXCL so that an existing file is never opened, and so never closed,
// here: closing any descriptor of a database drops every POSIX lock the
// process holds on it, SQLite's included. SQLite takes an empty file for
// an empty database.
func createPrivate(abs string) {
	if f, err := os.OpenFile(abs, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600); err == nil {
		f.Close()
	}
}

func exists(path string) bool {
	_, err := os.Lstat(path)
	return !errors.Is(err, fs.ErrNotExist)
}
