package state

import (
	"bufio"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// These tests run the test binary again as other processes, because the
// promises are about processes: two of them writing at once, and one
// killed mid-write. A child's role comes in childEnv; TestMain runs it
// instead of the tests.
const childEnv = "NEWSREADER_STATE_TEST_CHILD"

func TestMain(m *testing.M) {
	if role := os.Getenv(childEnv); role != "" {
		n, _ := strconv.Atoi(os.Getenv(childEnv + "_N"))
		if err := runChild(role, os.Getenv(childEnv+"_PATH"), os.Getenv(childEnv+"_PREFIX"), n); err != nil {
			fmt.Fprintln(os.Stderr, "child:", err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func runChild(role, path, prefix string, n int) error {
	s, warning, err := Open(path)
	if err != nil {
		return err
	}
	if warning != "" {
		return fmt.Errorf("unexpected warning: %s", warning)
	}
	defer s.Close()
	switch role {
	case "write":
		// Wait for the go, so that both children write at the same time
		// rather than one after the other.
		if _, err := io.ReadAll(os.Stdin); err != nil {
			return err
		}
		for i := range n {
			var err error
			if i%2 == 0 {
				err = s.SetRead(fmt.Sprintf("%s-%d", prefix, i), true)
			} else {
				err = s.SetStarred(fmt.Sprintf("%s-%d", prefix, i), true)
			}
			if err != nil {
				return err
			}
		}
		return nil
	case "writeloop":
		// Report each mark on stdout once it is committed; the parent
		// kills us at some point and checks every reported mark is kept.
		for i := 0; ; i++ {
			id := fmt.Sprintf("%s-%d", prefix, i)
			var err error
			switch i % 3 {
			case 0:
				err = s.SetRead(id, true)
			case 1:
				err = s.SetStarred(id, true)
			case 2:
				// A batch, so the kill may land inside a multi-row
				// transaction; only the first ID is reported, all must be
				// there.
				err = s.SetReadMany([]string{id, id + "a", id + "b", id + "c"}, true)
			}
			if err != nil {
				return err
			}
			if _, err := fmt.Println(id); err != nil {
				return err
			}
		}
	}
	return fmt.Errorf("unknown role %q", role)
}

// child returns the test binary set to run role on the store at path,
// naming its marks prefix-0, prefix-1, …, n of them where role has an end.
func child(t *testing.T, role, path, prefix string, n int) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childEnv+"="+role, childEnv+"_PATH="+path,
		childEnv+"_PREFIX="+prefix, childEnv+"_N="+strconv.Itoa(n))
	cmd.Stderr = &strings.Builder{}
	return cmd
}

func TestTwoProcessesKeepAllMarks(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	// Created beforehand, so the children race over writes, not over
	// creating the schema (which TestProcessesCreatingAtOnce covers).
	s := openT(t, path)
	s.Close()

	var cmds []*exec.Cmd
	var gos []io.WriteCloser
	for _, prefix := range []string{"one", "two"} {
		cmd := child(t, "write", path, prefix, 200)
		in, err := cmd.StdinPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		cmds, gos = append(cmds, cmd), append(gos, in)
	}
	for _, in := range gos {
		in.Close()
	}
	for _, cmd := range cmds {
		if err := cmd.Wait(); err != nil {
			t.Fatalf("child: %v\n%s", err, cmd.Stderr)
		}
	}

	s = openT(t, path)
	got := load(t, s)
	for _, prefix := range []string{"one", "two"} {
		for i := range 200 {
			id := fmt.Sprintf("%s-%d", prefix, i)
			m, ok := got[id]
			if !ok || m.Read != (i%2 == 0) || m.Starred != (i%2 == 1) {
				t.Fatalf("mark %s: got %+v (present %v); %d marks in all", id, m, ok, len(got))
			}
		}
	}
	if len(got) != 400 {
		t.Errorf("%d marks, want 400", len(got))
	}
}

// TestProcessesCreatingAtOnce starts two readers on a state that does not
// exist yet: both create it, neither may fail or move the other's aside.
func TestProcessesCreatingAtOnce(t *testing.T) {
	for round := range 3 {
		path := filepath.Join(t.TempDir(), "new", "state.db")
		var cmds []*exec.Cmd
		for _, prefix := range []string{"one", "two"} {
			cmd := child(t, "write", path, prefix, 20)
			cmd.Stdin = strings.NewReader("")
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			cmds = append(cmds, cmd)
		}
		for _, cmd := range cmds {
			if err := cmd.Wait(); err != nil {
				t.Fatalf("round %d: child: %v\n%s", round, err, cmd.Stderr)
			}
		}
		s := openT(t, path)
		if got := load(t, s); len(got) != 40 {
			t.Fatalf("round %d: %d marks, want 40", round, len(got))
		}
		s.Close()
	}
}

// TestOpenersCreatingAtOnce is TestProcessesCreatingAtOnce in one
// process, many rounds over: four Opens of a store that does not exist
// yet. Each must succeed with no warning, whatever point of another's
// schema creation its own check lands on.
func TestOpenersCreatingAtOnce(t *testing.T) {
	for round := range 100 {
		path := filepath.Join(t.TempDir(), "state.db")
		var wg sync.WaitGroup
		errs := make(chan error, 4)
		for range 4 {
			wg.Go(func() {
				s, warning, err := Open(path)
				if err != nil {
					errs <- err
					return
				}
				if warning != "" {
					errs <- errors.New("warned: " + warning)
				}
				s.Close()
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatalf("round %d: %v", round, err)
		}
	}
}

func TestKilledWriterLeavesReadableStore(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "plan9" {
		t.Skip("Process.Kill is not SIGKILL here")
	}
	path := filepath.Join(t.TempDir(), "state.db")
	var committed []string
	for round := range 20 {
		cmd := child(t, "writeloop", path, fmt.Sprintf("r%d", round), 0)
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := bufio.NewScanner(out)
		// Once the child has committed a first mark it is in its write
		// loop; then let it run a random while, so the kill lands at a
		// different point of a transaction each round.
		if !lines.Scan() {
			cmd.Wait()
			t.Fatalf("round %d: child wrote nothing: %s", round, cmd.Stderr)
		}
		committed = append(committed, lines.Text())
		time.Sleep(time.Duration(rand.IntN(30_000)) * time.Microsecond)
		if err := cmd.Process.Kill(); err != nil {
			t.Fatal(err)
		}
		for lines.Scan() {
			committed = append(committed, lines.Text())
		}
		if err := cmd.Wait(); err == nil || !strings.Contains(err.Error(), "killed") {
			t.Fatalf("round %d: child was not killed: %v\n%s", round, err, cmd.Stderr)
		}

		checkIntegrity(t, path)
		s, warning, err := Open(path)
		if err != nil || warning != "" {
			t.Fatalf("round %d: Open after kill: %v, warning %q", round, err, warning)
		}
		got, err := s.Load()
		s.Close()
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range committed {
			if _, ok := got[id]; !ok {
				t.Fatalf("round %d: committed mark %s lost", round, id)
			}
		}
		checkBatches(t, got)
	}
	if len(committed) < 40 {
		t.Errorf("only %d marks written in 20 rounds; the kills did not land mid-stream", len(committed))
	}
	t.Logf("%d marks committed over 20 kills", len(committed))
}

// checkIntegrity opens path as a plain SQLite database, as any tool
// would, and runs the full integrity check.
func checkIntegrity(t *testing.T, path string) {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var result string
	if err := db.QueryRow(`PRAGMA integrity_check`).Scan(&result); err != nil || result != "ok" {
		t.Fatalf("integrity_check: %q, %v", result, err)
	}
}

// checkBatches checks that every SetReadMany of the writeloop child is
// whole: any of its four IDs present means all four are.
func checkBatches(t *testing.T, got map[string]Mark) {
	t.Helper()
	for id := range got {
		base := strings.TrimRight(id, "abc")
		var round, i int
		if _, err := fmt.Sscanf(base, "r%d-%d", &round, &i); err != nil || i%3 != 2 {
			continue
		}
		for _, member := range []string{base, base + "a", base + "b", base + "c"} {
			if !got[member].Read {
				t.Fatalf("batch of %s is torn: %s present, %s missing", base, id, member)
			}
		}
	}
}
