package roundtrip

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"go/format"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"

	"github.com/postgen/postgen/generator"
	"github.com/postgen/postgen/model"
)

// jsoneq is Equal's source, copied into the program.
//
//go:embed jsoneq.go
var jsoneq string

// ProgramDir is the directory of the program, under the module root.
const ProgramDir = "roundtrip"

// SDK is one generated SDK of the measurement.
type SDK struct {
	Name string // collection slug
	Pkg  string // package name, and directory under the module root
	// Report is the generator's report on the SDK's inferred types.
	Report generator.TypeReport
	// Examples counts the collection's saved examples whose body is
	// strict JSON.
	Examples int
}

// NewSDK describes the SDK generated into the module's directory pkg from
// collection c.
func NewSDK(name, pkg string, c *model.Collection, res *generator.Result) *SDK {
	return &SDK{Name: name, Pkg: pkg, Report: res.Types, Examples: countJSONExamples(c)}
}

// WriteCases writes roundtrip_cases.go into the SDK's package (mod/pkg):
// the JSON samples its types were inferred from, each with a function that
// returns a new value of its type.
func WriteCases(mod string, s *SDK) error {
	var cases strings.Builder
	usesTime := false
	for _, smp := range s.Report.Samples {
		if smp.Valid {
			fmt.Fprintf(&cases, "\t{%q, func() any { return new(%s) }},\n", smp.Path, smp.GoType)
			usesTime = usesTime || strings.Contains(smp.GoType, "time.")
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "package %s\n\n", s.Pkg)
	if usesTime {
		b.WriteString("import \"time\"\n\n")
	}
	b.WriteString("// RoundTripCases lists the JSON samples and the types they decode into.\n")
	b.WriteString("var RoundTripCases = []struct {\n\tPath string\n\tNew  func() any\n}{\n")
	b.WriteString(cases.String())
	b.WriteString("}\n")
	src, err := format.Source([]byte(b.String()))
	if err != nil {
		return fmt.Errorf("%s: roundtrip_cases.go: %v", s.Name, err)
	}
	return write(filepath.Join(mod, s.Pkg, "roundtrip_cases.go"), string(src))
}

// countJSONExamples counts the saved examples whose body is strict JSON.
func countJSONExamples(c *model.Collection) int {
	n := 0
	var walk func([]*model.Folder, []*model.Request)
	walk = func(fs []*model.Folder, rs []*model.Request) {
		for _, r := range rs {
			for _, e := range r.Examples {
				if b := strings.TrimSpace(e.Body); b != "" && json.Valid([]byte(b)) {
					n++
				}
			}
		}
		for _, f := range fs {
			walk(f.Folders, f.Requests)
		}
	}
	walk(c.Folders, c.Requests)
	return n
}

// WriteProgram writes, in mod/roundtrip, the main package that runs every
// SDK's cases (modulePath is mod's module path), and the bodies it
// decodes.
func WriteProgram(mod, modulePath string, sdks []*SDK) error {
	dir := filepath.Join(mod, ProgramDir)
	bodies := map[string]map[string]string{}
	for _, s := range sdks {
		bodies[s.Pkg] = map[string]string{}
		for _, smp := range s.Report.Samples {
			bodies[s.Pkg][smp.Path] = smp.Body
		}
	}
	data, err := json.Marshal(bodies)
	if err != nil {
		return err
	}
	if err := write(filepath.Join(dir, "bodies.json"), string(data)); err != nil {
		return err
	}
	if err := write(filepath.Join(dir, "jsoneq.go"), strings.Replace(jsoneq, "package roundtrip", "package main", 1)); err != nil {
		return err
	}
	var b strings.Builder
	b.WriteString("package main\n\nimport (\n")
	for _, s := range sdks {
		fmt.Fprintf(&b, "\t%q\n", modulePath+"/"+s.Pkg)
	}
	b.WriteString(")\n\nvar registry = map[string][]struct {\n\tPath string\n\tNew  func() any\n}{\n")
	for _, s := range sdks {
		fmt.Fprintf(&b, "\t%q: %s.RoundTripCases,\n", s.Pkg, s.Pkg)
	}
	b.WriteString("}\n")
	if err := write(filepath.Join(dir, "registry.go"), b.String()); err != nil {
		return err
	}
	return write(filepath.Join(dir, "main.go"), mainProgram)
}

// mainProgram decodes each case strictly, encodes it again, compares, and
// prints one result per case as JSON.
const mainProgram = `package main

import (
	"encoding/json"
	"os"
	"sort"
	"strings"
)

type result struct {
	Pkg, Path, Why string
	OK             bool
}

func main() {
	data, err := os.ReadFile("bodies.json")
	if err != nil {
		panic(err)
	}
	var bodies map[string]map[string]string
	if err := json.Unmarshal(data, &bodies); err != nil {
		panic(err)
	}
	var pkgs []string
	for pkg := range registry {
		pkgs = append(pkgs, pkg)
	}
	sort.Strings(pkgs)
	var out []result
	for _, pkg := range pkgs {
		for _, c := range registry[pkg] {
			ok, why := roundTrip(bodies[pkg][c.Path], c.New())
			out = append(out, result{Pkg: pkg, Path: c.Path, OK: ok, Why: why})
		}
	}
	if err := json.NewEncoder(os.Stdout).Encode(out); err != nil {
		panic(err)
	}
}

func roundTrip(body string, v any) (bool, string) {
	dec := json.NewDecoder(strings.NewReader(body))
	dec.DisallowUnknownFields()
	dec.UseNumber()
	if err := dec.Decode(v); err != nil {
		return false, "decoding: " + err.Error()
	}
	again, err := json.Marshal(v)
	if err != nil {
		return false, "encoding: " + err.Error()
	}
	return Equal([]byte(body), again)
}
`

// CaseResult is one line of the program's output.
type CaseResult struct {
	Pkg, Path, Why string
	OK             bool
}

// Results are the program's results by package and sample path.
type Results map[string]map[string]CaseResult

// Run runs the program WriteProgram wrote in mod (built already, so that
// go run only links it).
func Run(mod string) (Results, error) {
	goCmd := filepath.Join(runtime.GOROOT(), "bin", "go")
	cmd := exec.Command(goCmd, "run", ".")
	cmd.Dir = filepath.Join(mod, ProgramDir)
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("running the round-trip program: %v\n%s", err, stderr.String())
	}
	var list []CaseResult
	if err := json.Unmarshal(out, &list); err != nil {
		return nil, fmt.Errorf("reading the round-trip program's output: %v", err)
	}
	results := Results{}
	for _, r := range list {
		if results[r.Pkg] == nil {
			results[r.Pkg] = map[string]CaseResult{}
		}
		results[r.Pkg][r.Path] = r
	}
	return results, nil
}

// dedupReported are the collections whose type counts before and after
// de-duplication the issue asks for.
var dedupReported = map[string]bool{"github-v3-rest": true, "paypal-partner-apis": true}

// Summarise logs the figures, per collection and in total: JSON examples
// decoded, request bodies decoded, the share of typed results, and types
// before and after de-duplication; and fails t on any sample that does
// not round-trip and on any JSON example without a generated type.
func Summarise(t testing.TB, sdks []*SDK, results Results) {
	t.Helper()
	sdks = append([]*SDK(nil), sdks...)
	sort.Slice(sdks, func(i, j int) bool { return sdks[i].Name < sdks[j].Name })
	var total, decoded, bodies, bodiesOK, jsonResults, typed, structs int
	t.Logf("%-28s %18s %14s %18s %s", "collection", "examples decoded", "bodies decoded", "typed results", "types before → after de-dup")
	for _, s := range sdks {
		ex, ok, bd, bdOK := 0, 0, 0, 0
		for _, smp := range s.Report.Samples {
			if !smp.Valid {
				continue
			}
			r, ran := results[s.Pkg][smp.Path]
			isExample := smp.Role == "result" || smp.Role == "error"
			if isExample {
				ex++
			} else {
				bd++
			}
			switch {
			case !ran:
				t.Errorf("%s: %s (%s) was not run", s.Name, smp.Path, smp.GoType)
			case !r.OK:
				t.Errorf("%s: %s does not round-trip through %s: %s", s.Name, smp.Path, smp.GoType, r.Why)
			case isExample:
				ok++
			default:
				bdOK++
			}
		}
		if ex < s.Examples {
			t.Errorf("%s: %d of %d JSON examples have a generated type", s.Name, ex, s.Examples)
		}
		total += s.Examples
		decoded += ok
		bodies += bd
		bodiesOK += bdOK
		r := s.Report
		jsonResults += r.JSONResults
		typed += r.Typed
		structs += r.Structs
		dedup := ""
		if dedupReported[s.Name] {
			dedup = fmt.Sprintf("%d → %d", r.Before, r.After)
		}
		if s.Examples+bd+r.JSONResults > 0 {
			t.Logf("%-28s %8d/%-9d %6d/%-7d %4d struct, %d typed /%-4d %s", s.Name, ok, s.Examples, bdOK, bd, r.Structs, r.Typed, r.JSONResults, dedup)
		}
	}
	t.Logf("TOTAL: JSON examples decoded and round-tripped %d/%d (%.1f%%); request bodies %d/%d; results typed %d/%d (%.1f%%), structs %d/%d (%.1f%%)",
		decoded, total, pct(decoded, total), bodiesOK, bodies, typed, jsonResults, pct(typed, jsonResults), structs, jsonResults, pct(structs, jsonResults))
}

func pct(a, b int) float64 {
	if b == 0 {
		return 100
	}
	return 100 * float64(a) / float64(b)
}

func write(path, content string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, []byte(content), 0o644)
}
