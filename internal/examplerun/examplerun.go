// Package examplerun runs the Example functions of generated SDKs, those
// without an Output comment too (go test only compiles them): for one
// package it writes a test that calls each Example with its standard
// output captured, and fails when one exits (log.Fatal), panics, prints
// nothing, or prints a byte slice as decimal numbers ("[123 34 105]").
// postgen's tests add it to the golden SDKs with go test -overlay and to
// the corpus SDKs as a file, then run go test -run TestPostgenExamples.
package examplerun

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// FileName is the name of the runner test written beside example_test.go.
const FileName = "zz_postgen_examples_run_test.go"

// SkipEnv names the environment variable listing Examples not to run.
const SkipEnv = "POSTGEN_EXAMPLES_SKIP"

// CredentialMark starts the comment of an Example whose request needs a
// credential the collection does not hold: it cannot run as written.
const CredentialMark = "// The request needs a credential"

// needsCredential reports whether fn carries CredentialMark.
func needsCredential(f *ast.File, fn *ast.FuncDecl) bool {
	for _, cg := range f.Comments {
		if cg.Pos() > fn.Pos() && cg.End() < fn.End() && strings.HasPrefix(cg.List[0].Text, CredentialMark) {
			return true
		}
	}
	return false
}

// TestName is the runner test's name, for go test -run.
const TestName = "TestPostgenExamples"

// Runner returns the runner test for the example_test.go at path (nil
// when it has no Example functions) and how many Examples it calls.
func Runner(path string) ([]byte, int, error) { return runner(path, nil) }

// runner is Runner of the file at path, read from src when it is not nil.
func runner(path string, src []byte) ([]byte, int, error) {
	fset := token.NewFileSet()
	var text any // nil, not a nil []byte, to read the file
	if src != nil {
		text = src
	}
	f, err := parser.ParseFile(fset, path, text, parser.ParseComments)
	if err != nil {
		return nil, 0, err
	}
	var names []string
	for _, d := range f.Decls {
		if fn, ok := d.(*ast.FuncDecl); ok && fn.Recv == nil && strings.HasPrefix(fn.Name.Name, "Example") && !needsCredential(f, fn) {
			names = append(names, fn.Name.Name)
		}
	}
	if len(names) == 0 {
		return nil, 0, nil
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "package %s\n\n", f.Name.Name)
	b.WriteString(`import (
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"
	"testing"
)

// decimalBytes is a []byte printed with %v.
var decimalBytes = regexp.MustCompile(` + "`" + `\[\d{1,3}( \d{1,3}){3,}\]` + "`" + `)

func ` + TestName + `(t *testing.T) {
	skip := map[string]bool{}
	for _, name := range strings.Split(os.Getenv("` + SkipEnv + `"), ",") {
		skip[name] = true
	}
	examples := []struct {
		name string
		f    func()
	}{
`)
	for _, n := range names {
		fmt.Fprintf(&b, "\t\t{%q, %s},\n", n, n)
	}
	b.WriteString(`	}
	// A run after a failure starts after the Examples that failed: those
	// before them passed already.
	from := 0
	for i, ex := range examples {
		if skip[ex.name] {
			from = i + 1
		}
	}
	for _, ex := range examples[from:] {
		// A log.Fatal exits the test binary: this line names the Example.
		fmt.Fprintln(os.Stderr, "postgen example:", ex.name)
		out := capture(t, ex.f)
		problem := ""
		switch {
		case out == "":
			problem = "prints nothing"
		case decimalBytes.MatchString(out):
			problem = "prints a byte slice as numbers: " + decimalBytes.FindString(out)
		}
		if problem != "" {
			// Exit as a log.Fatal does, so the Example is named and skipped.
			fmt.Fprintln(os.Stderr, ex.name, problem)
			os.Exit(1)
		}
	}
}

// capture runs f with its standard output in a pipe, and returns it.
func capture(t *testing.T, f func()) string {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout := os.Stdout
	os.Stdout = w
	done := make(chan string)
	go func() {
		b, _ := io.ReadAll(r)
		done <- string(b)
	}()
	defer func() { os.Stdout = stdout }()
	f()
	w.Close()
	return <-done
}
`)
	return b.Bytes(), len(names), nil
}

// Run writes (or, with overlay, adds through go test -overlay) the runner
// of every directory in dirs that has an example_test.go, then runs them
// with one go test in moduleDir. It returns how many Examples ran and the
// Examples that failed (exited, panicked, printed nothing or a decimal
// byte slice), by name, with their output.
func Run(moduleDir string, dirs []string, overlay bool) (int, map[string]string, error) {
	files := make([]Source, len(dirs))
	for i, d := range dirs {
		files[i] = Source{Path: filepath.Join(d, "example_test.go")}
	}
	return RunFiles(moduleDir, files, overlay)
}

// Source is a file of Example functions: Data, or the file at Path when
// Data is nil. A file with Data is added to its package (Path's
// directory) through the overlay, or written there without one.
type Source struct {
	Path string
	Data []byte
}

// RunFiles is Run for the Examples of the given files, one per package.
func RunFiles(moduleDir string, files []Source, overlay bool) (int, map[string]string, error) {
	total := 0
	ov := map[string]string{}
	tmp := ""
	var pkgs []string
	for _, sf := range files {
		d := filepath.Dir(sf.Path)
		src, n, err := runner(sf.Path, sf.Data)
		if os.IsNotExist(err) {
			continue
		}
		if err != nil {
			return 0, nil, err
		}
		if src == nil {
			continue
		}
		total += n
		abs, err := filepath.Abs(d)
		if err != nil {
			return 0, nil, err
		}
		pkgs = append(pkgs, abs)
		if !overlay {
			if err := os.WriteFile(filepath.Join(d, FileName), src, 0o644); err != nil {
				return 0, nil, err
			}
			if sf.Data != nil {
				if err := os.WriteFile(sf.Path, sf.Data, 0o644); err != nil {
					return 0, nil, err
				}
			}
			continue
		}
		if tmp == "" {
			if tmp, err = os.MkdirTemp("", "examplerun"); err != nil {
				return 0, nil, err
			}
			defer os.RemoveAll(tmp)
		}
		add := func(path string, data []byte) error {
			file := filepath.Join(tmp, fmt.Sprintf("%d.go", len(ov)))
			if err := os.WriteFile(file, data, 0o644); err != nil {
				return err
			}
			ov[path] = file
			return nil
		}
		if err := add(filepath.Join(abs, FileName), src); err != nil {
			return 0, nil, err
		}
		if sf.Data != nil {
			if err := add(filepath.Join(abs, filepath.Base(sf.Path)), sf.Data); err != nil {
				return 0, nil, err
			}
		}
	}
	if len(pkgs) == 0 {
		return 0, nil, nil
	}
	args := []string{"test", "-vet=off", "-count=1", "-run", "^" + TestName + "$"}
	if overlay {
		var b strings.Builder
		b.WriteString(`{"Replace":{`)
		i := 0
		for k, v := range ov {
			if i > 0 {
				b.WriteString(",")
			}
			i++
			fmt.Fprintf(&b, "%q:%q", k, v)
		}
		b.WriteString("}}")
		file := filepath.Join(tmp, "overlay.json")
		if err := os.WriteFile(file, []byte(b.String()), 0o644); err != nil {
			return 0, nil, err
		}
		args = append(args, "-overlay", file)
	}
	// A failing Example is named, then skipped in a new run, until a run
	// passes: each Example that failed is reported with its output.
	failures := map[string]string{}
	var skip []string
	for range 50 {
		cmd := exec.Command("go", append(args, pkgs...)...)
		cmd.Dir = moduleDir
		cmd.Env = append(os.Environ(), SkipEnv+"="+strings.Join(skip, ","))
		out, err := cmd.CombinedOutput()
		if err == nil {
			return total, failures, nil
		}
		found := false
		var again []string // the packages that failed: only they run again
		last, lines := "", []string{}
		for _, l := range strings.Split(string(out), "\n") {
			if name, ok := strings.CutPrefix(l, "postgen example: "); ok {
				last, lines = name, nil
				continue
			}
			lines = append(lines, l)
			if pkg, ok := strings.CutPrefix(l, "FAIL\t"); ok && last != "" {
				failures[last] = strings.TrimSpace(strings.Join(lines, "\n"))
				skip = append(skip, last)
				last, found = "", true
				again = append(again, strings.Fields(pkg)[0])
			}
		}
		pkgs = again
		if !found {
			return total, failures, fmt.Errorf("go test of the Examples: %v\n%s", err, out)
		}
	}
	return total, failures, fmt.Errorf("go test of the Examples: too many failures")
}
