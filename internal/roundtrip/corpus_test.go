package roundtrip

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"

	"github.com/postgen/postgen/generator"
	"github.com/postgen/postgen/internal/sdkmodule"
	"github.com/postgen/postgen/model"
	"github.com/postgen/postgen/parser"
)

// corpusDir holds the real collections, beside the repository.
const corpusDir = "../../../shared/collections"

// dedupReported are the collections whose type counts before and after
// de-duplication the issue asks for.
var dedupReported = map[string]bool{"github-v3-rest": true, "paypal-partner-apis": true}

// sdk is one generated SDK of the measurement.
type sdk struct {
	name   string // collection slug
	pkg    string
	report generator.TypeReport
	// examples counts the saved examples whose body is strict JSON.
	examples int
}

// TestCorpusRoundTrip generates an SDK for every corpus collection, then
// builds one program that decodes every JSON sample the types were
// inferred from into its generated type (unknown fields refused) and
// checks that encoding it again says the same (see Equal). It reports,
// per collection and in total: JSON examples decoded, request bodies
// decoded, the share of typed results, and types before and after
// de-duplication. Run it with -v to see the figures.
func TestCorpusRoundTrip(t *testing.T) {
	if testing.Short() {
		t.Skip("builds every corpus SDK; skipped with -short")
	}
	files, err := filepath.Glob(filepath.Join(corpusDir, "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no corpus at %s (it lives in ../shared beside the repository): %v", corpusDir, err)
	}
	mod := t.TempDir()
	if err := sdkmodule.Write(mod, "../..", "example.com/roundtrip"); err != nil {
		t.Fatal(err)
	}
	var sdks []*sdk
	bodies := map[string]map[string]string{}
	for _, f := range files {
		s := generateSDK(t, f, mod)
		if s == nil {
			continue
		}
		sdks = append(sdks, s)
		bodies[s.pkg] = map[string]string{}
		for _, smp := range s.report.Samples {
			bodies[s.pkg][smp.Path] = smp.Body
		}
	}
	data, err := json.Marshal(bodies)
	if err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(mod, "bodies.json"), string(data))
	writeProgram(t, mod, sdks)
	results := runProgram(t, mod)
	summarise(t, sdks, results)
}

// generateSDK parses and generates one collection into mod/<pkg>, with a
// file listing its samples' types; nil for collections postgen refuses.
func generateSDK(t *testing.T, path, mod string) *sdk {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	parsed, err := parser.Parse(data)
	if err != nil {
		return nil // v1 and invalid collections have their own tests
	}
	name := strings.TrimSuffix(filepath.Base(path), ".postman_collection.json")
	s := &sdk{name: name, pkg: strings.ReplaceAll(name, "-", "")}
	res, err := generator.Generate(parsed.Collection, generator.Config{Package: s.pkg})
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	s.report = res.Types
	s.examples = countJSONExamples(parsed.Collection)
	dir := filepath.Join(mod, s.pkg)
	for _, f := range res.Files {
		write(t, filepath.Join(dir, f.Name), string(f.Data))
	}
	var cases strings.Builder
	usesTime := false
	for _, smp := range res.Types.Samples {
		if smp.Valid {
			fmt.Fprintf(&cases, "\t{%q, func() any { return new(%s) }},\n", smp.Path, smp.GoType)
			usesTime = usesTime || strings.Contains(smp.GoType, "time.")
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "package %s\n\n", s.pkg)
	if usesTime {
		b.WriteString("import \"time\"\n\n")
	}
	b.WriteString("// RoundTripCases lists the JSON samples and the types they decode into.\n")
	b.WriteString("var RoundTripCases = []struct {\n\tPath string\n\tNew  func() any\n}{\n")
	b.WriteString(cases.String())
	b.WriteString("}\n")
	write(t, filepath.Join(dir, "roundtrip_cases.go"), b.String())
	return s
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

// writeProgram writes the main package that runs every SDK's cases.
func writeProgram(t *testing.T, mod string, sdks []*sdk) {
	src, err := os.ReadFile("jsoneq.go")
	if err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(mod, "jsoneq.go"), strings.Replace(string(src), "package roundtrip", "package main", 1))
	var b strings.Builder
	b.WriteString("package main\n\nimport (\n")
	for _, s := range sdks {
		fmt.Fprintf(&b, "\t%q\n", "example.com/roundtrip/"+s.pkg)
	}
	b.WriteString(")\n\nvar registry = map[string][]struct {\n\tPath string\n\tNew  func() any\n}{\n")
	for _, s := range sdks {
		fmt.Fprintf(&b, "\t%q: %s.RoundTripCases,\n", s.pkg, s.pkg)
	}
	b.WriteString("}\n")
	write(t, filepath.Join(mod, "registry.go"), b.String())
	write(t, filepath.Join(mod, "main.go"), mainProgram)
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

// caseResult is one line of the program's output.
type caseResult struct {
	Pkg, Path, Why string
	OK             bool
}

// runProgram builds and runs the program in mod.
func runProgram(t *testing.T, mod string) map[string]map[string]caseResult {
	goCmd := filepath.Join(runtime.GOROOT(), "bin", "go")
	cmd := exec.Command(goCmd, "run", ".")
	cmd.Dir = mod
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
	cmd.Stderr = &strings.Builder{}
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("running the round-trip program: %v\n%s", err, cmd.Stderr)
	}
	var list []caseResult
	if err := json.Unmarshal(out, &list); err != nil {
		t.Fatalf("reading the program's output: %v", err)
	}
	results := map[string]map[string]caseResult{}
	for _, r := range list {
		if results[r.Pkg] == nil {
			results[r.Pkg] = map[string]caseResult{}
		}
		results[r.Pkg][r.Path] = r
	}
	return results
}

// summarise logs the figures and fails on any example that does not
// round-trip.
func summarise(t *testing.T, sdks []*sdk, results map[string]map[string]caseResult) {
	sort.Slice(sdks, func(i, j int) bool { return sdks[i].name < sdks[j].name })
	var total, decoded, bodies, bodiesOK, jsonResults, typed, structs int
	t.Logf("%-28s %18s %14s %18s %s", "collection", "examples decoded", "bodies decoded", "typed results", "types before → after de-dup")
	for _, s := range sdks {
		ex, ok, bd, bdOK := 0, 0, 0, 0
		for _, smp := range s.report.Samples {
			if !smp.Valid {
				continue
			}
			r, ran := results[s.pkg][smp.Path]
			isExample := smp.Role == "result" || smp.Role == "error"
			if isExample {
				ex++
			} else {
				bd++
			}
			switch {
			case !ran:
				t.Errorf("%s: %s (%s) was not run", s.name, smp.Path, smp.GoType)
			case !r.OK:
				t.Errorf("%s: %s does not round-trip through %s: %s", s.name, smp.Path, smp.GoType, r.Why)
			case isExample:
				ok++
			default:
				bdOK++
			}
		}
		if ex < s.examples {
			t.Errorf("%s: %d of %d JSON examples have a generated type", s.name, ex, s.examples)
		}
		total += s.examples
		decoded += ok
		bodies += bd
		bodiesOK += bdOK
		r := s.report
		jsonResults += r.JSONResults
		typed += r.Typed
		structs += r.Structs
		dedup := ""
		if dedupReported[s.name] {
			dedup = fmt.Sprintf("%d → %d", r.Before, r.After)
		}
		if s.examples+bd+r.JSONResults > 0 {
			t.Logf("%-28s %8d/%-9d %6d/%-7d %4d struct, %d typed /%-4d %s", s.name, ok, s.examples, bdOK, bd, r.Structs, r.Typed, r.JSONResults, dedup)
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

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}
