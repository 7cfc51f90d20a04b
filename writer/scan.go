package writer

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
)

// headLimit bounds how much of an unknown file is read to look for our
// header: it is the first line (see IsGenerated), so a user's large data
// file never needs to be read whole.
const headLimit = 256

type fileState int

const (
	stateNew fileState = iota
	stateChanged
	stateUnchanged
)

// entry is one generated file and what is on disk where it goes.
type entry struct {
	File
	path    string // on disk
	state   fileState
	old     []byte      // current content when stateChanged
	oldMode fs.FileMode // current permissions when stateChanged
	// foreign is set when the current file lacks our header: Write refuses
	// to overwrite it and Check reports it.
	foreign bool
}

// existing is a file or directory found on disk.
type existing struct {
	name string // slash-separated, relative to the root
	path string
	mode fs.FileMode
}

// plan is everything Write would do, found without changing the disk.
type plan struct {
	root        string // the output directory, symlink resolved
	rootMissing bool
	entries     []entry    // sorted by name
	newDirs     []string   // subdirectories to create
	stale       []existing // generated files no longer generated, sorted
	emptied     []existing // subdirectories holding only stale files
}

// resolveRoot finds the output directory. A symlinked dir is the user's
// choice and is followed once; everything below it is checked with Lstat.
func resolveRoot(fsys fileSystem, dir string) (root string, missing bool, err error) {
	if dir == "" {
		return "", false, errors.New("no output directory given")
	}
	fi, err := fsys.Lstat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return filepath.Clean(dir), true, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("output directory: %w", err)
	}
	root = filepath.Clean(dir)
	if fi.Mode()&fs.ModeSymlink != 0 {
		if root, err = fsys.EvalSymlinks(dir); err != nil {
			return "", false, fmt.Errorf("output directory %s is a symlink that cannot be resolved: %w; point it at a directory or remove it", dir, err)
		}
		if fi, err = fsys.Lstat(root); err != nil {
			return "", false, fmt.Errorf("output directory %s (symlink to %s): %w", dir, root, err)
		}
	}
	if !fi.IsDir() {
		return "", false, fmt.Errorf("output directory %s exists and is not a directory; choose another output directory or remove it", root)
	}
	return root, false, nil
}

// scan compares files (already validated) with the disk under root.
func scan(fsys fileSystem, root string, rootMissing bool, files []File) (*plan, error) {
	p := &plan{root: root, rootMissing: rootMissing}
	sorted := slices.Clone(files)
	slices.SortFunc(sorted, func(a, b File) int { return strings.Compare(a.Name, b.Name) })

	subdirs := map[string]bool{} // subdirectory -> already exists
	for _, f := range sorted {
		if dir, _, ok := strings.Cut(f.Name, "/"); ok {
			subdirs[dir] = false
		}
	}
	for _, dir := range sortedKeys(subdirs) {
		if rootMissing {
			p.newDirs = append(p.newDirs, dir)
			continue
		}
		fi, err := lstatIfExists(fsys, p.path(dir))
		switch {
		case err != nil:
			return nil, err
		case fi == nil:
			p.newDirs = append(p.newDirs, dir)
		case fi.Mode()&fs.ModeSymlink != 0:
			return nil, fmt.Errorf("%s is a symlink; postgen writes generated files there and following the link could write outside the output directory: replace it with a directory", p.path(dir))
		case !fi.IsDir():
			return nil, fmt.Errorf("%s exists and is not a directory, but generated files go in it: move it away or delete it", p.path(dir))
		default:
			subdirs[dir] = true
		}
	}

	for _, f := range sorted {
		e, err := p.compare(fsys, f, subdirs)
		if err != nil {
			return nil, err
		}
		p.entries = append(p.entries, e)
	}
	if rootMissing {
		return p, nil
	}
	if err := p.findStale(fsys, sorted, subdirs); err != nil {
		return nil, err
	}
	return p, nil
}

// compare decides what Write would do with f.
func (p *plan) compare(fsys fileSystem, f File, subdirs map[string]bool) (entry, error) {
	e := entry{File: f, path: p.path(f.Name), state: stateNew}
	if dir, _, ok := strings.Cut(f.Name, "/"); p.rootMissing || ok && !subdirs[dir] {
		return e, nil
	}
	fi, err := lstatIfExists(fsys, e.path)
	switch {
	case err != nil:
		return e, err
	case fi == nil:
		return e, nil
	case fi.Mode()&fs.ModeSymlink != 0:
		return e, fmt.Errorf("%s is a symlink; postgen would write the generated file there and following the link could write outside the output directory: remove the link", e.path)
	case fi.IsDir():
		return e, fmt.Errorf("%s is a directory where the generated file goes: move it away or delete it", e.path)
	case !fi.Mode().IsRegular():
		return e, fmt.Errorf("%s is not a regular file (%s) where the generated file goes: move it away or delete it", e.path, fi.Mode().Type())
	}
	old, err := fsys.ReadFile(e.path, -1)
	if err != nil {
		return e, err
	}
	if string(old) == string(f.Data) {
		e.state = stateUnchanged
		return e, nil
	}
	e.state, e.old, e.oldMode, e.foreign = stateChanged, old, fi.Mode().Perm(), !IsGenerated(old)
	return e, nil
}

// path turns a slash-separated name relative to the root into a disk path.
func (p *plan) path(name string) string {
	return filepath.Join(p.root, filepath.FromSlash(name))
}

// changes reports whether Write has anything to do.
func (p *plan) changes() bool {
	if p.rootMissing || len(p.stale) > 0 || len(p.newDirs) > 0 {
		return true
	}
	for _, e := range p.entries {
		if e.state != stateUnchanged {
			return true
		}
	}
	return false
}

// lstatIfExists is Lstat that reports a missing file as (nil, nil).
func lstatIfExists(fsys fileSystem, name string) (fs.FileInfo, error) {
	fi, err := fsys.Lstat(name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	return fi, err
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
