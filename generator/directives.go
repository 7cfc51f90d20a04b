package generator

import (
	"bytes"
	"fmt"
	"strings"
)

// A line of Go source that starts with a directive is an instruction to
// the go command or the compiler: `go generate` runs every line starting
// with "//go:generate" (it does not parse the file, so a line inside a raw
// string counts), "//line" rewrites positions, "//go:linkname" and
// "//go:embed" change what is built, "#cgo" sets compiler flags. Text from
// a collection is someone else's, so none of it may start a line:
// collection text is written into quoted string literals (one line each)
// and "// " comments, and raw strings only when no line of theirs could
// start a directive (startsDirective). checkDirectives then holds every
// generated file to the rule, so a mistake in an emitter is an error, not
// a command run on the user's machine.

// directivePrefixes start the lines that are directives, after any
// leading spaces (the go command wants them at column 0; refusing them
// anywhere at the start of a line is the safer rule).
var directivePrefixes = []string{"//go:", "//line ", "//line\t", "/*line ", "#cgo", "//export ", "//+build"}

// isDirectiveLine reports whether a line starts like a directive.
func isDirectiveLine(line string) bool {
	line = strings.TrimLeft(line, " \t\f\v")
	if line == "" || line[0] != '/' && line[0] != '#' {
		return false
	}
	for _, p := range directivePrefixes {
		if strings.HasPrefix(line, p) {
			return true
		}
	}
	return false
}

// startsDirective reports whether a line of s after its first (the lines
// a raw string literal puts at the start of a line) could start a
// directive, or any comment: such text is written as a quoted literal.
func startsDirective(s string) bool {
	lines := strings.Split(s, "\n")
	for _, l := range lines[1:] {
		t := strings.TrimLeft(l, " \t\f\v")
		if strings.HasPrefix(t, "/") || strings.HasPrefix(t, "#") || isDirectiveLine(l) {
			return true
		}
	}
	return false
}

// checkDirectives returns an error naming the first line of a generated
// Go file that starts with a directive. postgen writes none, so any such
// line came from the collection through an emitter that let it through:
// a bug in postgen, reported rather than written.
func checkDirectives(files []File) error {
	for _, f := range files {
		if !strings.HasSuffix(f.Name, ".go") {
			continue
		}
		data := f.Data
		for n := 1; len(data) > 0; n++ {
			var line []byte
			line, data, _ = bytes.Cut(data, []byte("\n"))
			if len(line) > 0 && (line[0] == '/' || line[0] == '#' || line[0] == ' ' || line[0] == '\t') && isDirectiveLine(string(line)) {
				return fmt.Errorf("generator: %s:%d would start with a directive (%q) that the collection's text put there; nothing was written (postgen bug: please report it with the collection)", f.Name, n, truncate(string(line), 60))
			}
		}
	}
	return nil
}

// truncate shortens s to at most n bytes for an error message.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "..."
}
