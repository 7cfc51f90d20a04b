package writer

import (
	"fmt"
	"path/filepath"
	"strings"
)

// resume deals with what earlier runs left in root before Write looks at
// it: it completes the switch of a run killed midway (or takes it back, when
// that run was undoing it), and removes the staging directories of runs
// that never began to switch. It reports whether it finished a switch.
func resume(fsys fileSystem, root string) (bool, error) {
	des, err := fsys.ReadDir(root)
	if err != nil {
		return false, err
	}
	resumed := false
	for _, de := range des {
		if !strings.HasPrefix(de.Name(), tmpPrefix) {
			continue
		}
		tmp := filepath.Join(root, de.Name())
		if de.IsDir() { // not a symlink: a journal is only read from our own directory
			j, undo, err := readJournal(fsys, tmp)
			if err != nil {
				return resumed, err
			}
			if j != nil {
				if err := finishJournal(fsys, root, tmp, j, undo); err != nil {
					return resumed, err
				}
				resumed = true
				continue
			}
		}
		if err := fsys.RemoveAll(tmp); err != nil {
			return resumed, fmt.Errorf("removing the leftover of an earlier run: %w; delete it by hand", err)
		}
	}
	return resumed, nil
}

// finishJournal completes (or, when undo is set, takes back) the switch j
// that a killed run left in tmp.
func finishJournal(fsys fileSystem, root, tmp string, j *journal, undo bool) error {
	sw := &switcher{fsys: fsys, root: root, tmp: tmp, steps: j.Steps, careful: true}
	run, what := sw.forward, "finishing"
	if undo {
		run, what = sw.back, "undoing"
	}
	if err := run(); err != nil {
		return fmt.Errorf("%s the run interrupted earlier in %s (journal %s): %w; then run again", what, root, filepath.Join(tmp, journalFile), err)
	}
	if err := sw.finish(); err != nil {
		return fmt.Errorf("the run interrupted earlier in %s is finished, but its temporary directory %s could not be removed (%w); delete it by hand or run again", root, tmp, err)
	}
	return nil
}

// interrupted returns the journal of a switch an earlier run left
// unfinished in root, relative to root, or "" when there is none. It only
// reads.
func interrupted(fsys fileSystem, root string) (string, error) {
	des, err := fsys.ReadDir(root)
	if err != nil {
		return "", err
	}
	for _, de := range des {
		if !strings.HasPrefix(de.Name(), tmpPrefix) || !de.IsDir() {
			continue
		}
		j, _, err := readJournal(fsys, filepath.Join(root, de.Name()))
		if err != nil {
			return "", err
		}
		if j != nil {
			return de.Name() + "/" + journalFile, nil
		}
	}
	return "", nil
}
