package writer

import (
	"fmt"
	"path"
	"strings"
)

// tmpPrefix names the staging directories Write creates inside the output
// directory. Names with this prefix are never output: leftovers from a
// killed run are removed by the next Write and ignored by Check.
const tmpPrefix = ".postgen-tmp-"

// validate checks every name (and that every file carries our header)
// before anything touches the disk, so a bad generator result cannot write
// outside the output directory or leave files the next run would not
// recognise as its own.
func validate(files []File) error {
	byFold := make(map[string]string, len(files)) // lower-cased name -> name
	dirs := make(map[string]string)               // lower-cased directory -> a file in it
	for _, f := range files {
		if reason := badName(f.Name); reason != "" {
			return fmt.Errorf("invalid generated file name %q: %s", f.Name, reason)
		}
		fold := strings.ToLower(f.Name)
		if prev, ok := byFold[fold]; ok {
			if prev == f.Name {
				return fmt.Errorf("generated file %q appears twice", f.Name)
			}
			return fmt.Errorf("generated files %q and %q differ only in case: they would be one file on macOS and Windows", prev, f.Name)
		}
		byFold[fold] = f.Name
		if dir, _, ok := strings.Cut(f.Name, "/"); ok {
			dirs[strings.ToLower(dir)] = f.Name
		}
		if !IsGenerated(f.Data) {
			return fmt.Errorf("generated file %q does not start with postgen's header (%s): this is a postgen bug, a file without it would be taken for the user's on the next run", f.Name, headerHint)
		}
	}
	for _, f := range files {
		if inside, ok := dirs[strings.ToLower(f.Name)]; ok {
			return fmt.Errorf("generated file %q is also the directory of %q", f.Name, inside)
		}
	}
	return nil
}

// badName says what is wrong with a generated file name, or "" when it is a
// relative, clean, slash-separated name at most one directory deep.
func badName(name string) string {
	switch {
	case name == "":
		return "it is empty"
	case strings.ContainsRune(name, 0):
		return "it contains a NUL byte"
	case strings.ContainsRune(name, '\\'):
		return `it contains a backslash; names use "/"`
	case strings.HasPrefix(name, "/"):
		return "it is an absolute path"
	case strings.ContainsRune(name, ':'):
		return `it contains ":" (a drive letter or Windows stream)`
	case strings.ContainsFunc(name, func(r rune) bool { return r < 0x20 || r == 0x7f }):
		return "it contains a control character"
	}
	elems := strings.Split(name, "/")
	for _, e := range elems {
		if e == ".." {
			return `it contains ".."`
		}
	}
	if clean := path.Clean(name); clean != name || name == "." {
		return fmt.Sprintf("it is not clean (%q)", clean)
	}
	if len(elems) > 2 {
		return "it is more than one directory deep"
	}
	for i, e := range elems {
		if strings.HasPrefix(e, tmpPrefix) {
			return fmt.Sprintf("the prefix %q is reserved for the writer's temporary files", tmpPrefix)
		}
		if i == 0 && len(elems) == 2 && strings.HasPrefix(e, ".") {
			return "hidden directories (.git, ...) belong to the user"
		}
	}
	return ""
}
