package writer

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"regexp"
	"strings"
)

// The journal is how a run that is killed while it switches the output
// directory from the old SDK to the new one gets finished: before the
// first rename, Write records every step of the switch in a file in its
// staging directory and fsyncs it; any later Write finds it and completes
// the switch (or the undoing of it) before doing anything else.
const (
	// journalFile is the journal's name in the staging directory. Its
	// presence means the switch has begun or is about to.
	journalFile = "journal"
	// undoFile, next to the journal, means the switch failed and is being
	// undone: the steps are to be taken back, not completed.
	undoFile = "undo"
	// journalFormat is the version of the journal's layout; a journal of
	// another version is refused rather than guessed at.
	journalFormat = 1
	// maxJournal bounds the journal that is read back: 200,000 requests
	// make about 40,000 files at about 80 bytes a step.
	maxJournal = 64 << 20
)

// The operations of a step.
const (
	opMkdir = "mkdir" // create the subdirectory Name
	opPut   = "put"   // rename the staged file Tmp to Name; Backup is a copy of the file it replaces
	opStale = "stale" // move the stale file Name to Tmp
	opRmdir = "rmdir" // remove the subdirectory Name, emptied of stale files; Mode recreates it
)

// journal is the switch from the old SDK to the new one, step by step.
type journal struct {
	Format int    `json:"format"`
	Steps  []step `json:"steps"`
}

// step is one change to the output directory. Every step can be done and
// undone any number of times with the same result (see switcher), so a run
// killed while completing a journal leaves one the next run can complete.
type step struct {
	Op string `json:"op"`
	// Name is the slash-separated path in the output directory.
	Name string `json:"name"`
	// Tmp is a file name in the staging directory: the new file of a put,
	// where a stale file goes.
	Tmp string `json:"tmp,omitempty"`
	// Backup is the staged copy of the old file a put replaces.
	Backup string `json:"backup,omitempty"`
	// Mode is the permission of a removed subdirectory.
	Mode fs.FileMode `json:"mode,omitempty"`
}

// writeJournal records j in the staging directory tmp and makes it durable:
// the file, then its directory entry, then the staging directory's entry.
func writeJournal(fsys fileSystem, root, tmp string, j *journal) error {
	data, err := json.Marshal(j)
	if err != nil {
		return err
	}
	if err := writeFile(fsys, filepath.Join(tmp, journalFile), data, filePerm); err != nil {
		return err
	}
	if err := fsys.SyncDir(tmp); err != nil {
		return err
	}
	return fsys.SyncDir(root)
}

// readJournal returns the journal of the staging directory tmp and whether
// it is being undone. It returns a nil journal when there is none, or when
// it is cut short: a run killed while writing it had renamed nothing yet.
// A journal that reads but describes steps Write never takes is refused:
// the directory may come from someone else's repository, and following it
// could move files Write does not own.
func readJournal(fsys fileSystem, tmp string) (j *journal, undo bool, err error) {
	name := filepath.Join(tmp, journalFile)
	fi, err := lstatIfExists(fsys, name)
	if err != nil || fi == nil {
		return nil, false, err
	}
	if !fi.Mode().IsRegular() || fi.Size() > maxJournal {
		return nil, false, badJournal(name, "not a regular file of at most 64 MiB")
	}
	data, err := fsys.ReadFile(name, maxJournal)
	if err != nil {
		return nil, false, err
	}
	j = &journal{}
	if err := json.Unmarshal(data, j); err != nil {
		// A proper prefix of a JSON object always ends this way; the
		// message has not changed since Go 1.
		var syntax *json.SyntaxError
		if errors.As(err, &syntax) && syntax.Error() == "unexpected end of JSON input" {
			return nil, false, nil // cut short
		}
		return nil, false, badJournal(name, err.Error())
	}
	if j.Format != journalFormat {
		return nil, false, badJournal(name, fmt.Sprintf("format %d, this postgen reads format %d", j.Format, journalFormat))
	}
	for i, s := range j.Steps {
		if reason := badStep(s); reason != "" {
			return nil, false, badJournal(name, fmt.Sprintf("step %d: %s", i+1, reason))
		}
	}
	fi, err = lstatIfExists(fsys, filepath.Join(tmp, undoFile))
	return j, fi != nil, err
}

func badJournal(name, reason string) error {
	return fmt.Errorf("%s is not a journal this postgen can finish (%s): if no postgen run was interrupted there, delete %s", name, reason, filepath.Dir(name))
}

// Staged file names: new-3, old-3, stale-12.
var (
	newName   = regexp.MustCompile(`^new-[0-9]+$`)
	oldName   = regexp.MustCompile(`^old-[0-9]+$`)
	staleName = regexp.MustCompile(`^stale-[0-9]+$`)
)

// badStep says what is wrong with a step read back, or "".
func badStep(s step) string {
	if reason := badJournalName(s.Name); reason != "" {
		return fmt.Sprintf("name %q: %s", s.Name, reason)
	}
	ok := false
	switch s.Op {
	case opMkdir, opRmdir:
		ok = !strings.Contains(s.Name, "/") && s.Tmp == "" && s.Backup == ""
	case opPut:
		ok = newName.MatchString(s.Tmp) && (s.Backup == "" || oldName.MatchString(s.Backup))
	case opStale:
		ok = staleName.MatchString(s.Tmp) && s.Backup == ""
	default:
		return fmt.Sprintf("unknown operation %q", s.Op)
	}
	if !ok || s.Mode&^fs.ModePerm != 0 {
		return fmt.Sprintf("%s %q has fields it cannot have", s.Op, s.Name)
	}
	return ""
}

// badJournalName checks a name of the output directory read from a journal:
// a clean relative path at most one directory deep that stays inside. It is
// looser than badName because stale files are named by the disk, not by
// postgen (a stale file may have a ":" in its name on Linux).
func badJournalName(name string) string {
	elems := strings.Split(name, "/")
	switch {
	case name == "" || name == "." || path.Clean(name) != name:
		return "not clean"
	case strings.HasPrefix(name, "/") || strings.ContainsAny(name, "\\\x00"):
		return "not a relative slash-separated path"
	case len(elems) > 2:
		return "more than one directory deep"
	}
	for _, e := range elems {
		if e == ".." || strings.HasPrefix(e, tmpPrefix) {
			return "outside the output directory"
		}
	}
	return ""
}
