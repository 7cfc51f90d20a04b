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

// childEnv tells the runner test it runs the Examples, from the index it
// holds, in the copy of the test binary its parent started.
const childEnv = "POSTGEN_EXAMPLES_FROM"

// failMark and endMark frame, in go test's output, the name and output of
// an Example that failed.
const (
	failMark = "postgen example failed: "
	endMark  = "postgen example end"
)

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
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// decimalBytes is a []byte printed with %v.
var decimalBytes = regexp.MustCompile(` + "`" + `\[\d{1,3}( \d{1,3}){3,}\]` + "`" + `)

func ` + TestName + `(t *testing.T) {
	examples := []struct {
		name string
		f    func()
	}{
`)
	for _, n := range names {
		fmt.Fprintf(&b, "\t\t{%q, %s},\n", n, n)
	}
	b.WriteString(`	}
	if from, ok := os.LookupEnv("` + childEnv + `"); ok {
		start, _ := strconv.Atoi(from)
		runExamples(examples[start:])
		return
	}
	// An Example that fails exits the process (log.Fatal, as the
	// Examples handle errors): this test runs them in a copy of its own
	// binary, and again after each failure from the next one, so that
	// one go test reports every failure without building anything twice.
	index := map[string]int{}
	for i, ex := range examples {
		index[ex.name] = i
	}
	for from := 0; from < len(examples); {
		cmd := exec.Command(os.Args[0], "-test.run=^` + TestName + `$")
		cmd.Env = append(os.Environ(), "` + childEnv + `="+strconv.Itoa(from))
		out, err := cmd.CombinedOutput()
		if err == nil {
			return
		}
		last, rest := "", ""
		for _, block := range strings.Split(string(out), "postgen example: ")[1:] {
			last, rest, _ = strings.Cut(block, "\n")
		}
		i, ok := index[last]
		if !ok {
			t.Fatalf("the Examples stopped before one started: %v\n%s", err, out)
		}
		fmt.Printf("` + failMark + `%s\n%s\n` + endMark + `\n", last, strings.TrimSpace(rest))
		t.Fail()
		from = i + 1
	}
}

// runExamples runs examples in order, exiting at the first that fails.
func runExamples(examples []struct {
	name string
	f    func()
}) {
	for _, ex := range examples {
		// A log.Fatal exits the process: this line names the Example.
		fmt.Fprintln(os.Stderr, "postgen example:", ex.name)
		out := capture(ex.f)
		problem := ""
		switch {
		case out == "":
			problem = "prints nothing"
		case decimalBytes.MatchString(out):
			problem = "prints a byte slice as numbers: " + decimalBytes.FindString(out)
		}
		if problem != "" {
			fmt.Fprintln(os.Stderr, ex.name, problem)
			os.Exit(1)
		}
	}
}

// capture runs f with its standard output in a pipe, and returns it.
func capture(f func()) string {
	r, w, err := os.Pipe()
	if err != nil {
		panic(err)
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
	// One go test: the runner of each package runs its Examples on past
	// a failure and prints each failure between failMark and endMark.
	cmd := exec.Command("go", append(args, pkgs...)...)
	cmd.Dir = moduleDir
	out, err := cmd.CombinedOutput()
	failures := map[string]string{}
	for _, block := range strings.Split(string(out), failMark)[1:] {
		body, _, found := strings.Cut(block, endMark)
		name, text, _ := strings.Cut(body, "\n")
		if found {
			failures[name] = strings.TrimSpace(text)
		}
	}
	if err != nil && (len(failures) == 0 || strings.Contains(string(out), "[build failed]") || strings.Contains(string(out), "[setup failed]")) {
		return total, nil, fmt.Errorf("go test of the Examples: %v\n%s", err, out)
	}
	return total, failures, nil
}
