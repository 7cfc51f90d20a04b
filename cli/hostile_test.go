package cli

import (
	"bytes"
	"context"
	"fmt"
	"go/parser"
	"go/token"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/postgen/postgen/internal/testflag"
	"github.com/postgen/postgen/templates"
)

// hostileDir is the catalogue of hostile inputs. Each case directory holds
// collection.json and:
//
//   - args: optional, the flags to pass before the input, one per line
//     (default: -p <case>); the runner adds -o;
//   - outdir: optional, the name of the directory the SDK must go in when
//     no -o is given: the runner then gives none, and runs postgen in an
//     empty directory;
//   - existing/: optional, files put in the output directory before the run
//     (a user's, other generators', an interrupted run's); those not
//     carrying postgen's header must be left exactly as they were;
//   - error.txt: the run must exit 2, print exactly this, with INPUT for
//     the input path and OUT for the output directory, and write nothing;
//     or else
//   - stderr.txt: the run must exit 0 and print exactly this (warnings and
//     summary, INPUT and OUT for the paths), the SDK must build and vet, and
//     generate --check with the same arguments must find it up to date.
//
// go test ./cli -run Hostile -update rewrites error.txt and stderr.txt.
// Cases too big to commit are made by the tests below at run time.
const hostileDir = "../testdata/hostile"

func TestHostileCatalogue(t *testing.T) {
	cases, err := os.ReadDir(hostileDir)
	if err != nil || len(cases) == 0 {
		t.Fatalf("no cases in %s: %v", hostileDir, err)
	}
	mod := t.TempDir()
	writeSDKModule(t, mod)
	built := 0
	for _, c := range cases {
		if !c.IsDir() {
			continue
		}
		name := c.Name()
		if runHostileCase(t, filepath.Join(hostileDir, name), filepath.Join(mod, name)) {
			built++
		}
	}
	if built == 0 || testing.Short() {
		return
	}
	buildAndVet(t, mod, "the hostile SDKs")
	assertNothingToGenerate(t, mod)
	t.Logf("%d hostile cases; %d SDKs build and vet", len(cases), built)
}

// buildAndVet runs go build and go vet on every package of the module in
// mod, failing the test with their output.
func buildAndVet(t *testing.T, mod, what string) {
	t.Helper()
	goCmd := filepath.Join(runtime.GOROOT(), "bin", "go")
	for _, args := range [][]string{{"build", "./..."}, {"vet", "./..."}} {
		cmd := exec.Command(goCmd, args...)
		cmd.Dir = mod
		cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("go %s failed on %s: %v\n%s", strings.Join(args, " "), what, err, out)
		}
	}
}

// runHostileCase runs one case into box/sdk (or box/<outdir>) and reports
// whether it made an SDK.
func runHostileCase(t *testing.T, dir, box string) bool {
	name := filepath.Base(dir)
	input, err := filepath.Abs(filepath.Join(dir, "collection.json"))
	if err != nil {
		t.Fatal(err)
	}
	args := []string{"-p", name}
	if b, err := os.ReadFile(filepath.Join(dir, "args")); err == nil {
		args = strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
		if len(b) == 0 {
			args = nil
		}
	}
	sdkDir, outArgs := "sdk", []string{"-o", filepath.Join(box, "sdk")}
	if b, err := os.ReadFile(filepath.Join(dir, "outdir")); err == nil {
		sdkDir, outArgs = strings.TrimSpace(string(b)), nil
		if err := os.MkdirAll(box, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(box, sdkDir)
	existing := readTree(t, filepath.Join(dir, "existing"))
	for rel, data := range existing {
		writeFile(t, filepath.Join(out, filepath.FromSlash(rel)), data)
	}
	generate := func(extra ...string) (int, string) {
		argv := append(append(append([]string{"generate"}, extra...), args...), outArgs...)
		var stderr bytes.Buffer
		code := inDir(t, box, outArgs == nil, func() int {
			return Run(context.Background(), append(argv, input), nil, io.Discard, &stderr)
		})
		return code, strings.NewReplacer(input, "INPUT", out, "OUT").Replace(stderr.String())
	}
	code, got := generate()

	errFile, stderrFile := filepath.Join(dir, "error.txt"), filepath.Join(dir, "stderr.txt")
	if *testflag.Update {
		os.Remove(errFile)
		os.Remove(stderrFile)
		file := stderrFile
		if code != ExitOK {
			file = errFile
		}
		if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	keptExisting(t, name, out, existing)
	if want, err := os.ReadFile(errFile); err == nil {
		if code != ExitUsage || got != string(want) {
			t.Errorf("%s: exit %d, want %d; stderr:\n%s\nwant:\n%s", name, code, ExitUsage, got, want)
		}
		if len(existing) == 0 {
			if entries, _ := os.ReadDir(box); len(entries) > 0 {
				t.Errorf("%s: refused, but wrote %s", name, entries[0].Name())
			}
		} else if d := treeDiff(readTree(t, out), existing); d != "" {
			t.Errorf("%s: refused, but changed the output directory: %s", name, d)
		}
		return false
	}
	want, err := os.ReadFile(stderrFile)
	if err != nil {
		t.Errorf("%s: no error.txt or stderr.txt (run with -update)", name)
		return false
	}
	if code != ExitOK || got != string(want) {
		t.Errorf("%s: exit %d; stderr:\n%s\nwant:\n%s", name, code, got, want)
		return false
	}
	checkSDKFiles(t, name, box, sdkDir, existing)
	if code, got := generate("--check"); code != ExitOK {
		t.Errorf("%s: generate --check after generate: exit %d\n%s", name, code, got)
	}
	return true
}

// inDir runs fn in dir when chdir is set, else where the test runs.
func inDir(t *testing.T, dir string, chdir bool, fn func() int) int {
	t.Helper()
	if !chdir {
		return fn()
	}
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	defer func() {
		if err := os.Chdir(wd); err != nil {
			t.Fatal(err)
		}
	}()
	return fn()
}

// keptExisting fails unless every file of existing that does not carry
// postgen's header, or is not in a staging directory of an earlier run, is
// still in out, unchanged.
func keptExisting(t *testing.T, name, out string, existing map[string]string) {
	t.Helper()
	for rel, data := range existing {
		if strings.HasPrefix(data, templates.Header+"\n") || strings.HasPrefix(rel, ".postgen-tmp-") {
			continue
		}
		if got, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(rel))); err != nil || string(got) != data {
			t.Errorf("%s: the existing %s was changed or removed (%v)", name, rel, err)
		}
	}
}

// checkSDKFiles asserts that everything postgen wrote is inside box/sdkDir,
// and that no file carries characters that hide or change what code says.
// The existing files, put there before the run, are not postgen's.
func checkSDKFiles(t *testing.T, name, box, sdkDir string, existing map[string]string) {
	t.Helper()
	entries, _ := os.ReadDir(box)
	if len(entries) != 1 || entries[0].Name() != sdkDir {
		t.Errorf("%s: wrote outside the output directory: %v", name, entries)
	}
	filepath.WalkDir(filepath.Join(box, sdkDir), func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(box, path)
		if inSDK, _ := filepath.Rel(sdkDir, rel); existing[filepath.ToSlash(inSDK)] != "" {
			return nil
		}
		// sdk/*.go, sdk/README.md, and the mock server's sdk/<pkg>test/*.go.
		depth := strings.Count(rel, string(filepath.Separator))
		if !(depth == 1 && (strings.HasSuffix(rel, ".go") || d.Name() == "README.md") ||
			depth == 2 && strings.HasSuffix(rel, ".go") && strings.HasSuffix(filepath.Dir(rel), "test")) {
			t.Errorf("%s: unexpected file %s", name, rel)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if bad := suspiciousChar(data); bad != "" {
			t.Errorf("%s: %s holds %s", name, rel, bad)
		}
		return nil
	})
}

// suspiciousChar describes the first character of data that has no place
// in generated source: invalid UTF-8, a control character other than tab
// and newline, a bidi control (the "Trojan Source" trick), or a BOM.
func suspiciousChar(data []byte) string {
	if !utf8.Valid(data) {
		return "invalid UTF-8"
	}
	for i, r := range string(data) {
		switch {
		case r == '\n' || r == '\t':
		case r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0:
			return fmt.Sprintf("control character %U at byte %d", r, i)
		case r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 || r == 0x200e || r == 0x200f || r == 0x061c || r == 0xfeff:
			return fmt.Sprintf("bidi or BOM character %U at byte %d", r, i)
		}
	}
	return ""
}

// TestHostileGenerated runs the cases too big to commit.
func TestHostileGenerated(t *testing.T) {
	dir := t.TempDir()
	nested := func(n int) string {
		return `{"info":{"name":"deep"},"item":[` + strings.Repeat(`{"name":"f","item":[`, n) +
			`{"name":"r","request":"https://deep.example/x"}` + strings.Repeat(`]}`, n) + `]}`
	}
	for _, tt := range []struct {
		name, doc, want string
	}{
		{"nest1000", nested(1000), "postgen: error[too-deep]: INPUT:1:5133: nested too deeply: arrays and objects nest more than 512 levels deep here (a folder takes two levels; real collections take fewer than 20); flatten the folders, or check that the file is a Postman collection\n"},
		{"arrays5m", `{"info":{"name":"x"},"item":[],"variable":` + strings.Repeat("[", 5_000_000) + strings.Repeat("]", 5_000_000) + "}", "postgen: error[too-deep]: INPUT:1:554: nested too deeply: "},
	} {
		input := filepath.Join(dir, tt.name+".json")
		writeFile(t, input, tt.doc)
		var stderr bytes.Buffer
		code := Run(context.Background(), []string{"generate", "-p", "x", "-o", filepath.Join(dir, tt.name), input}, nil, io.Discard, &stderr)
		got := strings.ReplaceAll(stderr.String(), input, "INPUT")
		if code != ExitUsage || !strings.HasPrefix(got, tt.want) {
			t.Errorf("%s: exit %d, stderr %q; want exit 2 and %q", tt.name, code, got, tt.want)
		}
	}

	// 254 folders deep is within the limit and makes an SDK that parses.
	input := filepath.Join(dir, "nest254.json")
	writeFile(t, input, nested(254))
	out := filepath.Join(dir, "nest254")
	var stderr bytes.Buffer
	if code := Run(context.Background(), []string{"generate", "-p", "deep", "-o", out, input}, nil, io.Discard, &stderr); code != ExitOK {
		t.Fatalf("nest254: exit %d: %s", code, stderr.String())
	}
	parseAll(t, out)
}

// TestHostileManyRequests generates an SDK for 100,000 requests: it must
// succeed and parse. It is not built: its client.go alone is 50 MB, which
// the compiler takes minutes and gigabytes over.
func TestHostileManyRequests(t *testing.T) {
	if testing.Short() {
		t.Skip("generates 100,000 methods; skipped with -short")
	}
	t.Parallel()
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString(`{"info":{"name":"many"},"item":[`)
	for i := range 100_000 {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"name":"req %d","request":{"method":"GET","url":"https://many.example/r/%d?q=%d"}}`, i, i, i)
	}
	b.WriteString("]}")
	input := filepath.Join(dir, "many.json")
	writeFile(t, input, b.String())
	out := filepath.Join(dir, "many")
	var stderr bytes.Buffer
	code := Run(context.Background(), []string{"generate", "-p", "many", "-o", out, input}, nil, io.Discard, &stderr)
	if code != ExitOK || !strings.Contains(stderr.String(), "100000 methods") {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	parseAll(t, out)
}

// TestHostileTooManyRequests refuses a collection over maxRequests after
// parsing it and before generating anything.
func TestHostileTooManyRequests(t *testing.T) {
	if testing.Short() {
		t.Skip("parses 200,001 requests; skipped with -short")
	}
	var b strings.Builder
	b.WriteString(`{"info":{"name":"toomany"},"item":[{"name":"f","item":[`)
	for i := range maxRequests + 1 {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"request":"https://many.example/%d"}`, i)
	}
	b.WriteString("]}]}")
	var stderr bytes.Buffer
	out := filepath.Join(t.TempDir(), "out")
	code := Run(context.Background(), []string{"generate", "-p", "x", "-o", out, "-"}, strings.NewReader(b.String()), io.Discard, &stderr)
	want := "postgen: error[input-too-large]: <stdin> has 200001 requests; postgen generates at most 200000 in one SDK (each takes about 25 KB of memory while it is generated): split the collection into several (one per top-level folder)\n"
	if code != ExitUsage || stderr.String() != want {
		t.Errorf("exit %d, stderr %q; want exit 2 and %q", code, stderr.String(), want)
	}
	if _, err := os.Stat(out); err == nil {
		t.Errorf("refused, but created %s", out)
	}
}

// parseAll parses every Go file of an SDK.
func parseAll(t *testing.T, dir string) {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
	if len(files) == 0 {
		t.Fatalf("no Go files in %s", dir)
	}
	fset := token.NewFileSet()
	for _, f := range files {
		if _, err := parser.ParseFile(fset, f, nil, parser.SkipObjectResolution); err != nil {
			t.Errorf("%s: %v", filepath.Base(f), err)
		}
	}
}

// zeros is an endless reader of '0' bytes that allocates nothing.
type zeros struct{ left int64 }

func (z *zeros) Read(p []byte) (int, error) {
	if z.left <= 0 {
		return 0, io.EOF
	}
	n := min(int64(len(p)), z.left)
	for i := range p[:n] {
		p[i] = '0'
	}
	z.left -= n
	return int(n), nil
}

// TestHostileHugeInput refuses a 200 MB collection, from a file (checked
// by size, nothing read) and from stdin (read up to the limit, no further).
func TestHostileHugeInput(t *testing.T) {
	const size = 200 << 20
	input := filepath.Join(t.TempDir(), "huge.json")
	f, err := os.Create(input)
	if err != nil {
		t.Fatal(err)
	}
	f.Truncate(size) // sparse: no disk used
	f.Close()
	want := " is larger than 128 MiB, the most postgen reads (the largest public collections are about 4 MiB); if it really is one collection, split it into several (one per top-level folder)\n"
	for _, tt := range []struct {
		name   string
		arg    string
		stdin  io.Reader
		budget uint64 // bytes the run may allocate
	}{
		{"file", input, nil, 1 << 20},
		{"stdin", "-", &zeros{left: size}, 3 * maxInput},
	} {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		var stderr bytes.Buffer
		code := Run(context.Background(), []string{"generate", "-p", "x", "-o", t.TempDir(), tt.arg}, tt.stdin, io.Discard, &stderr)
		runtime.ReadMemStats(&after)
		display := map[string]string{"file": input, "stdin": "<stdin>"}[tt.name]
		if code != ExitUsage || stderr.String() != "postgen: error[input-too-large]: "+display+want {
			t.Errorf("%s: exit %d, stderr %q", tt.name, code, stderr.String())
		}
		if alloc := after.TotalAlloc - before.TotalAlloc; alloc > tt.budget {
			t.Errorf("%s: refusing a %d MiB input allocated %d MiB, budget %d MiB", tt.name, size>>20, alloc>>20, tt.budget>>20)
		} else {
			t.Logf("%s: refusing a %d MiB input allocated %.1f MiB", tt.name, size>>20, float64(alloc)/(1<<20))
		}
	}
}
