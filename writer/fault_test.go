package writer

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
)

// faultFS counts every call and asks fail whether the n-th call of op
// fails; a nil fail lets everything through.
type faultFS struct {
	fileSystem
	mu    sync.Mutex // files are staged concurrently
	calls map[string]int
	fail  func(op string, n int) error
}

var errInjected = errors.New("injected failure")

// failAt returns a faultFS failing only the at-th call of op.
func failAt(op string, at int) *faultFS {
	return &faultFS{fileSystem: osFS{}, fail: func(o string, n int) error {
		if o == op && n == at {
			return fmt.Errorf("%s #%d: %w", op, at, errInjected)
		}
		return nil
	}}
}

// noSync is the real file system without fsync (see faultFS.SyncDir).
func noSync() *faultFS { return &faultFS{fileSystem: osFS{}} }

// killAfter returns a faultFS that lets budget disk changes through, then
// behaves like a killed process: every later operation fails, so nothing
// else changes. *dead reports whether the budget ran out.
func killAfter(budget int, dead *bool) *faultFS {
	return &faultFS{fileSystem: osFS{}, fail: func(op string, _ int) error {
		if !*dead && slices.Contains(mutatingOps, op) {
			*dead = budget == 0
			budget--
		}
		if *dead {
			return errors.New("killed")
		}
		return nil
	}}
}

func (f *faultFS) hit(op string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.calls == nil {
		f.calls = map[string]int{}
	}
	f.calls[op]++
	if f.fail == nil {
		return nil
	}
	return f.fail(op, f.calls[op])
}

// faultOps are all operations of fileSystem and writableFile.
var faultOps = []string{"lstat", "evalsymlinks", "readdir", "readfile", "mkdirall", "mkdir", "mkdirtemp",
	"create", "write", "sync", "close", "rename", "remove", "removeall", "syncdir"}

// mutatingOps are the operations that change the disk.
var mutatingOps = []string{"mkdirall", "mkdir", "mkdirtemp", "create", "write", "sync", "close", "rename", "remove", "removeall", "syncdir"}

func (f *faultFS) Lstat(name string) (fs.FileInfo, error) {
	if err := f.hit("lstat"); err != nil {
		return nil, err
	}
	return f.fileSystem.Lstat(name)
}

func (f *faultFS) EvalSymlinks(name string) (string, error) {
	if err := f.hit("evalsymlinks"); err != nil {
		return "", err
	}
	return f.fileSystem.EvalSymlinks(name)
}

func (f *faultFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if err := f.hit("readdir"); err != nil {
		return nil, err
	}
	return f.fileSystem.ReadDir(name)
}

func (f *faultFS) ReadFile(name string, limit int64) ([]byte, error) {
	if err := f.hit("readfile"); err != nil {
		return nil, err
	}
	return f.fileSystem.ReadFile(name, limit)
}

func (f *faultFS) MkdirAll(name string, perm fs.FileMode) error {
	if err := f.hit("mkdirall"); err != nil {
		return err
	}
	return f.fileSystem.MkdirAll(name, perm)
}

func (f *faultFS) Mkdir(name string, perm fs.FileMode) error {
	if err := f.hit("mkdir"); err != nil {
		return err
	}
	return f.fileSystem.Mkdir(name, perm)
}

func (f *faultFS) MkdirTemp(dir, pattern string) (string, error) {
	if err := f.hit("mkdirtemp"); err != nil {
		return "", err
	}
	return f.fileSystem.MkdirTemp(dir, pattern)
}

func (f *faultFS) Create(name string, perm fs.FileMode) (writableFile, error) {
	if err := f.hit("create"); err != nil {
		return nil, err
	}
	w, err := f.fileSystem.Create(name, perm)
	if err != nil {
		return nil, err
	}
	return &faultFile{w, f}, nil
}

func (f *faultFS) Rename(oldpath, newpath string) error {
	if err := f.hit("rename"); err != nil {
		return err
	}
	return f.fileSystem.Rename(oldpath, newpath)
}

func (f *faultFS) Remove(name string) error {
	if err := f.hit("remove"); err != nil {
		return err
	}
	return f.fileSystem.Remove(name)
}

func (f *faultFS) RemoveAll(name string) error {
	if err := f.hit("removeall"); err != nil {
		return err
	}
	return f.fileSystem.RemoveAll(name)
}

// SyncDir and Sync are counted but not passed on: durability shows only
// after a power cut, which no test makes, and skipping them keeps the
// thousands of runs below fast.
func (f *faultFS) SyncDir(name string) error { return f.hit("syncdir") }

type faultFile struct {
	writableFile
	fs *faultFS
}

func (f *faultFile) Write(p []byte) (int, error) {
	if err := f.fs.hit("write"); err != nil {
		return 0, err
	}
	return f.writableFile.Write(p)
}

func (f *faultFile) Sync() error { return f.fs.hit("sync") }

func (f *faultFile) Close() error {
	err := f.writableFile.Close() // always release the descriptor
	if herr := f.fs.hit("close"); herr != nil {
		return herr
	}
	return err
}

// Every single failure, at every call of every operation, either leaves the
// previous tree exactly as it was (and no temporary directory), or happens
// after the SDK is complete and says so.
func TestWriteInjectedFailures(t *testing.T) {
	scenarios := []struct {
		name  string
		setup func(t *testing.T) (parent, dir string)
		files []File
		want  func() map[string]string // files under dir on success
	}{
		{"update", func(t *testing.T) (string, string) {
			dir := oldSDK(t)
			return dir, dir
		}, sdkV2(), wantAfterV2},
		{"fresh", func(t *testing.T) (string, string) {
			parent := t.TempDir()
			return parent, filepath.Join(parent, "out")
		}, sdkV1(), func() map[string]string {
			want := map[string]string{}
			for _, f := range sdkV1() {
				want[f.Name] = string(f.Data)
			}
			return want
		}},
	}
	for _, sc := range scenarios {
		injected := 0
		for _, op := range faultOps {
			for at := 1; ; at++ {
				parent, dir := sc.setup(t)
				before := snapshot(t, parent)
				ffs := failAt(op, at)
				rep, err := write(ffs, dir, sc.files)
				if ffs.calls[op] < at {
					if err != nil {
						t.Fatalf("%s: no failure injected into %s #%d, yet: %v", sc.name, op, at, err)
					}
					break
				}
				injected++
				where := fmt.Sprintf("%s: failing %s #%d", sc.name, op, at)
				if !errors.Is(err, errInjected) {
					t.Fatalf("%s: error %v does not wrap the injected failure", where, err)
				}
				var left *leftoverError
				if errors.As(err, &left) {
					// Only the final cleanup may fail this way: the SDK is
					// complete, the report is returned, the next run cleans up.
					if !strings.Contains(err.Error(), "the SDK was written") {
						t.Errorf("%s: leftover error %q does not say the SDK was written", where, err)
					}
					if rep == nil || len(tmpDirs(t, dir)) != 1 {
						t.Errorf("%s: leftover error without report (%v) or temp dir (%q)", where, rep, tmpDirs(t, dir))
					}
					if _, err := write(noSync(), dir, sc.files); err != nil || len(tmpDirs(t, dir)) != 0 {
						t.Errorf("%s: the next run did not clean up: %v, %q", where, err, tmpDirs(t, dir))
					}
					if d := diffSnapshots(filesOnly(snapshot(t, dir)), sc.want()); d != "" {
						t.Errorf("%s: tree after leftover error:\n%s", where, d)
					}
					continue
				}
				if rep != nil {
					t.Errorf("%s: failed Write returned a report", where)
				}
				if d := diffSnapshots(snapshot(t, parent), before); d != "" {
					t.Errorf("%s: the previous tree was not kept (err %v):\n%s", where, err, d)
				}
			}
		}
		if injected < 40 {
			t.Errorf("%s: only %d failures injected; the scenario does too little", sc.name, injected)
		}
	}
}

// Check never changes the disk.
func TestCheckOnlyReads(t *testing.T) {
	dir := oldSDK(t)
	putFiles(t, dir, map[string]string{tmpPrefix + "9/x": "leftover"})
	before := snapshot(t, dir)
	ffs := &faultFS{fileSystem: osFS{}}
	d, err := check(ffs, dir, sdkV2())
	if err != nil || d.Clean() {
		t.Fatalf("check: %v, %+v", err, d)
	}
	for _, op := range mutatingOps {
		if ffs.calls[op] != 0 {
			t.Errorf("Check called %s %d times", op, ffs.calls[op])
		}
	}
	if diff := diffSnapshots(snapshot(t, dir), before); diff != "" {
		t.Errorf("Check changed the tree:\n%s", diff)
	}
	if strings.Contains(d.Diff, tmpPrefix) {
		t.Errorf("Check reported the leftover temp dir:\n%s", d.Diff)
	}
}
