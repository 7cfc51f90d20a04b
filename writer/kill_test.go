package writer

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
)

// The tests here kill Write (see killAfter) at every point, and check the
// guarantee of the package doc: whatever the kill leaves is the old SDK, the
// new one, or a switch recorded in a journal, and the next run finishes it.

// killedRun returns oldSDK after a Write of sdkV2 that was killed after
// budget disk changes, and whether the budget ran out.
func killedRun(t *testing.T, budget int) (dir string, dead bool) {
	t.Helper()
	dir = oldSDK(t)
	_, err := write(killAfter(budget, &dead), dir, sdkV2())
	if !dead && err != nil {
		t.Fatalf("budget %d: unkilled run failed: %v", budget, err)
	}
	return dir, dead
}

// oldTree is oldSDK's files.
func oldTree() map[string]string {
	want := maps.Clone(userFiles)
	for _, f := range sdkV1() {
		want[f.Name] = string(f.Data)
	}
	return want
}

// sdkState says which SDK the files in dir are, staging directories left
// out: "old", "new" or "mix". Directories do not count: a kill between
// emptying a subdirectory and removing it leaves the empty directory, which
// is indistinguishable from a user's.
func sdkState(t *testing.T, dir string) string {
	t.Helper()
	got := filesOnly(snapshot(t, dir))
	maps.DeleteFunc(got, func(name string, _ string) bool { return strings.HasPrefix(name, tmpPrefix) })
	switch {
	case diffSnapshots(got, oldTree()) == "":
		return "old"
	case diffSnapshots(got, wantAfterV2()) == "":
		return "new"
	}
	return "mix"
}

// journals lists the staging directories in dir whose journal the next
// run follows (one cut short by the kill is not: nothing was renamed yet).
func journals(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	for _, tmp := range tmpDirs(t, dir) {
		j, _, err := readJournal(osFS{}, tmp)
		if err != nil {
			t.Fatal(err)
		}
		if j != nil {
			out = append(out, tmp)
		}
	}
	return out
}

// phase says where a kill left dir, failing the test on a mix of old and
// new files that no journal records: "old", "new" or "switching".
func phase(t *testing.T, dir, where string) string {
	t.Helper()
	state := sdkState(t, dir)
	if len(journals(t, dir)) > 0 {
		return "switching"
	}
	if state == "mix" {
		t.Errorf("%s: a mix of old and new files, and no journal to finish it:\n%s", where, diffSnapshots(filesOnly(snapshot(t, dir)), wantAfterV2()))
	}
	return state
}

// wantNew fails unless dir holds exactly the new SDK and the user's files,
// with no staging directory left.
func wantNew(t *testing.T, dir, where string) {
	t.Helper()
	if left := tmpDirs(t, dir); len(left) != 0 {
		t.Errorf("%s: leftovers %q", where, left)
	}
	if d := diffSnapshots(filesOnly(snapshot(t, dir)), wantAfterV2()); d != "" {
		t.Errorf("%s:\n%s", where, d)
	}
}

// A run killed after any number of disk changes leaves the old SDK, the new
// one, or a journal; the journal alone turns the directory into the new
// SDK, and the next Write leaves exactly the new SDK, without leftovers.
func TestWriteAfterKilledRun(t *testing.T) {
	phases := map[string]int{}
	for budget := 0; ; budget++ {
		dir, dead := killedRun(t, budget)
		if !dead {
			if budget < 30 {
				t.Errorf("the run needs only %d disk changes; the scenario does too little", budget)
			}
			break
		}
		where := fmt.Sprintf("killed after %d changes", budget)
		ph := phase(t, dir, where)
		phases[ph]++
		if ph == "switching" {
			resumed, err := resume(noSync(), dir)
			if err != nil || !resumed {
				t.Fatalf("%s: finishing the journal: %v (resumed %v)", where, err, resumed)
			}
			wantNew(t, dir, where+", then the journal finished")
		}
		rep, err := write(noSync(), dir, sdkV2())
		if err != nil {
			t.Fatalf("%s: next run: %v", where, err)
		}
		if ph == "switching" && len(rep.Created)+len(rep.Updated)+len(rep.Removed) != 0 {
			t.Errorf("%s: the run after the journal still changed %+v", where, rep)
		}
		wantNew(t, dir, where+", then rerun")
	}
	if phases["switching"] < 10 {
		t.Errorf("only %d kills landed while switching: %v", phases["switching"], phases)
	}
	t.Logf("kills by what they left: %v", phases)
}

// switchingKills returns the kill budgets of killedRun that leave a
// journal: the first (nothing renamed yet), one in the middle and the last
// (everything renamed). The run finishing the first takes every step; the
// others find some already taken.
func switchingKills(t *testing.T) []int {
	t.Helper()
	var switching []int
	for budget := 0; ; budget++ {
		dir, dead := killedRun(t, budget)
		if !dead {
			break
		}
		if len(journals(t, dir)) > 0 {
			switching = append(switching, budget)
		}
	}
	if len(switching) < 3 {
		t.Fatalf("only %d kill points leave a journal", len(switching))
	}
	return []int{switching[0], switching[len(switching)/2], switching[len(switching)-1]}
}

// A run that finishes a journal can itself be killed at any point: the
// directory is then the new SDK or still has the journal, and the next run
// finishes it.
func TestWriteAfterKilledResume(t *testing.T) {
	runs := 0
	for _, first := range switchingKills(t) {
		for second := 0; ; second++ {
			dir, _ := killedRun(t, first)
			dead := false
			_, err := write(killAfter(second, &dead), dir, sdkV2())
			where := fmt.Sprintf("killed after %d changes, then after %d while finishing", first, second)
			if !dead {
				if err != nil {
					t.Fatalf("%s: %v", where, err)
				}
				wantNew(t, dir, where)
				break
			}
			runs++
			if ph := phase(t, dir, where); ph == "old" {
				t.Errorf("%s: back to the old SDK", where)
			}
			if _, err := write(noSync(), dir, sdkV2()); err != nil {
				t.Fatalf("%s: next run: %v", where, err)
			}
			wantNew(t, dir, where+", then rerun")
		}
	}
	if runs < 30 {
		t.Errorf("only %d runs killed while finishing a journal", runs)
	}
}

// failThenKill fails the at-th call of op, then lets budget more disk
// changes through and behaves like a killed process (see killAfter).
func failThenKill(op string, at, budget int, dead *bool) *faultFS {
	failed := false
	return &faultFS{fileSystem: osFS{}, fail: func(o string, n int) error {
		if !failed {
			if o == op && n == at {
				failed = true
				return fmt.Errorf("%s #%d: %w", op, at, errInjected)
			}
			return nil
		}
		if !*dead && slices.Contains(mutatingOps, o) {
			*dead = budget == 0
			budget--
		}
		if *dead {
			return errors.New("killed")
		}
		return nil
	}}
}

// A run whose switch fails undoes it; killed at any point of the undoing,
// it leaves the old SDK or a journal marked for undoing, and finishing that
// journal brings back exactly the old SDK.
func TestWriteAfterKilledUndo(t *testing.T) {
	runs := 0
	for _, at := range []int{1, 4, 7} { // the first put, the last put, the last stale move
		for budget := 0; ; budget++ {
			dir := oldSDK(t)
			dead := false
			_, err := write(failThenKill("rename", at, budget, &dead), dir, sdkV2())
			where := fmt.Sprintf("rename #%d failed, killed after %d changes", at, budget)
			if !errors.Is(err, errInjected) {
				t.Fatalf("%s: error %v does not wrap the injected failure", where, err)
			}
			if !dead {
				if d := diffSnapshots(filesOnly(snapshot(t, dir)), oldTree()); d != "" || len(tmpDirs(t, dir)) != 0 {
					t.Errorf("%s: undone run left:\n%s%q", where, d, tmpDirs(t, dir))
				}
				break
			}
			runs++
			if ph := phase(t, dir, where); ph == "switching" {
				// Killed before the undo mark was made, the switch is
				// completed instead: a whole SDK either way.
				want := "new"
				if _, undo, _ := readJournal(osFS{}, journals(t, dir)[0]); undo {
					want = "old"
				}
				if _, err := resume(noSync(), dir); err != nil {
					t.Fatalf("%s: finishing the journal: %v", where, err)
				}
				if st := sdkState(t, dir); st != want || len(tmpDirs(t, dir)) != 0 {
					t.Errorf("%s: finishing the journal left the %s SDK, want the %s one; leftovers %q", where, st, want, tmpDirs(t, dir))
				}
			}
			if _, err := write(noSync(), dir, sdkV2()); err != nil {
				t.Fatalf("%s: next run: %v", where, err)
			}
			wantNew(t, dir, where+", then rerun")
		}
	}
	if runs < 20 {
		t.Errorf("only %d runs killed while undoing", runs)
	}
}

// Any single failure while finishing a journal either is harmless or
// leaves the journal for the next run, which then leaves the new SDK.
func TestResumeInjectedFailures(t *testing.T) {
	injected := 0
	// The first kill point that leaves a journal leaves all of the steps to
	// take (TestWriteAfterKilledResume covers journals found half taken).
	for _, budget := range switchingKills(t)[:1] {
		for _, op := range faultOps {
			for at := 1; ; at++ {
				dir, _ := killedRun(t, budget)
				ffs := failAt(op, at)
				_, err := write(ffs, dir, sdkV2())
				where := fmt.Sprintf("killed after %d changes, then failing %s #%d", budget, op, at)
				if ffs.calls[op] < at {
					if err != nil {
						t.Fatalf("%s: no failure injected, yet: %v", where, err)
					}
					wantNew(t, dir, where)
					break
				}
				injected++
				if err != nil && !errors.Is(err, errInjected) {
					t.Fatalf("%s: error %v does not wrap the injected failure", where, err)
				}
				if err == nil {
					wantNew(t, dir, where) // e.g. a failed sync of nothing that matters
					continue
				}
				phase(t, dir, where)
				if _, err := write(noSync(), dir, sdkV2()); err != nil {
					t.Fatalf("%s: next run: %v", where, err)
				}
				wantNew(t, dir, where+", then rerun")
			}
		}
	}
	if injected < 60 {
		t.Errorf("only %d failures injected", injected)
	}
	t.Logf("%d failures injected", injected)
}
