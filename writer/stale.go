package writer

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"
)

// findStale looks for generated files that are no longer generated in the
// root, in the subdirectories generated files go to, and in subdirectories
// holding nothing but generated files (a subpackage that disappeared).
func (p *plan) findStale(fsys fileSystem, files []File, subdirs map[string]bool) error {
	want := make(map[string]string, len(files)) // lower-cased name -> name
	for _, f := range files {
		want[strings.ToLower(f.Name)] = f.Name
	}
	for dir := range subdirs {
		want[strings.ToLower(dir)] = dir
	}
	// wanted reports whether name is (or, on a case-insensitive file
	// system, is the same file as) something we generate.
	wanted := func(name string) bool {
		w, ok := want[strings.ToLower(name)]
		if !ok || w == name {
			return ok
		}
		a, errA := fsys.Lstat(p.path(name))
		b, errB := fsys.Lstat(p.path(w))
		return errA == nil && errB == nil && os.SameFile(a, b)
	}

	rootEntries, err := fsys.ReadDir(p.root)
	if err != nil {
		return err
	}
	scanned := map[string][]fs.DirEntry{"": rootEntries}
	for dir, exists := range subdirs {
		if exists {
			if scanned[dir], err = fsys.ReadDir(p.path(dir)); err != nil {
				return err
			}
		}
	}
	for _, dir := range sortedKeys(scanned) {
		for _, de := range scanned[dir] {
			name := path.Join(dir, de.Name())
			if !de.Type().IsRegular() || strings.HasPrefix(de.Name(), tmpPrefix) || wanted(name) {
				continue
			}
			head, err := readHead(fsys, p.path(name))
			if err != nil {
				return err
			}
			if IsGenerated(head) {
				p.stale = append(p.stale, existing{name: name, path: p.path(name)})
			}
		}
	}

	for _, de := range rootEntries {
		if !de.IsDir() || de.Type()&fs.ModeSymlink != 0 || strings.HasPrefix(de.Name(), tmpPrefix) || wanted(de.Name()) {
			continue
		}
		gone, err := p.onlyGenerated(fsys, de.Name())
		if err != nil {
			return err
		}
		if gone == nil {
			continue
		}
		info, err := de.Info()
		if err != nil {
			return err
		}
		p.stale = append(p.stale, gone...)
		p.emptied = append(p.emptied, existing{name: de.Name(), path: p.path(de.Name()), mode: info.Mode().Perm()})
	}
	slices.SortFunc(p.stale, func(a, b existing) int { return strings.Compare(a.name, b.name) })
	return nil
}

// onlyGenerated returns the files of subdirectory dir when it holds at least
// one file and nothing but regular files carrying our header; otherwise nil.
func (p *plan) onlyGenerated(fsys fileSystem, dir string) ([]existing, error) {
	des, err := fsys.ReadDir(p.path(dir))
	if err != nil {
		return nil, err
	}
	var files []existing
	for _, de := range des {
		if !de.Type().IsRegular() {
			return nil, nil
		}
		name := dir + "/" + de.Name()
		head, err := readHead(fsys, p.path(name))
		if err != nil {
			return nil, err
		}
		if !IsGenerated(head) {
			return nil, nil
		}
		files = append(files, existing{name: name, path: p.path(name)})
	}
	return files, nil
}

// readHead reads the start of a file that may be ours. A file we cannot
// read is not one we wrote (we write 0o644), so it counts as the user's.
func readHead(fsys fileSystem, name string) ([]byte, error) {
	head, err := fsys.ReadFile(name, headLimit)
	if errors.Is(err, fs.ErrPermission) {
		return nil, nil
	}
	return head, err
}
