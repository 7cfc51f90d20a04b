package cli

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/postgen/postgen/generator"
	"github.com/postgen/postgen/internal/doclint"
	"github.com/postgen/postgen/internal/examplerun"
	"github.com/postgen/postgen/internal/roundtrip"
	"github.com/postgen/postgen/internal/sdkmodule"
	"github.com/postgen/postgen/model"
)

// corpusDir holds the real collections, beside the repository.
const corpusDir = "../../shared/collections"

// refusedCorpus are the corpus files postgen must refuse, with what the
// message has to say.
var refusedCorpus = map[string]string{
	"owasp-oversized-invalid.postman_collection.json": "18:37: invalid JSON",
}

// corpusGenerated holds what generate made for the output directories a
// test registered (the value starts as nil), through testHookGenerated.
var corpusGenerated sync.Map

func init() {
	testHookGenerated = func(out string, c *model.Collection, gen *generator.Result) {
		if _, ok := corpusGenerated.Load(out); ok {
			corpusGenerated.Store(out, &generatedSDK{c, gen})
		}
	}
}

// generatedSDK is one SDK generate made.
type generatedSDK struct {
	coll *model.Collection
	gen  *generator.Result
}

// TestCorpusBuilds generates an SDK for every collection of the corpus
// through the real CLI (several at a time), then, in one temporary module:
// runs the doc lint on them all; builds and vets them all, with a program
// that decodes every JSON sample the types were inferred from into its
// generated type (see internal/roundtrip); and runs that program, failing
// on any sample that does not round-trip. It reports N/M, the slowest
// generations and, with -v, the round-trip figures per collection.
func TestCorpusBuilds(t *testing.T) {
	if testing.Short() {
		t.Skip("builds every corpus SDK; skipped with -short")
	}
	t.Parallel()
	files, err := filepath.Glob(filepath.Join(corpusDir, "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no corpus at %s (it lives in ../shared beside the repository): %v", corpusDir, err)
	}
	mod := t.TempDir()
	writeSDKModule(t, mod)
	runs := generateCorpus(t, mod, files)
	var times []timing
	var sdks []*roundtrip.SDK
	scripts := 0
	for _, r := range runs {
		if want, refused := refusedCorpus[r.base]; refused {
			if r.code != ExitUsage || !strings.Contains(r.stderr, want) {
				t.Errorf("%s: exit %d, want %d with %q; stderr:\n%s", r.base, r.code, ExitUsage, want, r.stderr)
			}
			continue
		}
		if r.code != ExitOK || r.sdk == nil {
			t.Errorf("%s: exit %d; stderr:\n%s", r.base, r.code, r.stderr)
			continue
		}
		times = append(times, timing{r.base, r.d})
		scripts += checkScriptWarnings(t, filepath.Join(corpusDir, r.base), r.stderr)
		s := roundtrip.NewSDK(strings.TrimSuffix(r.base, ".postman_collection.json"), r.pkg, r.sdk.coll, r.sdk.gen)
		if err := roundtrip.WriteCases(mod, s); err != nil {
			t.Fatal(err)
		}
		sdks = append(sdks, s)
	}
	want := len(files) - len(refusedCorpus)
	// Doc lint: every exported name of every SDK (and mock server package)
	// documented, every file gofmt'd.
	problems, err := doclint.LintDir(mod)
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range problems {
		if i == 20 {
			t.Errorf("... and %d more doc problems", len(problems)-i)
			break
		}
		t.Error(p)
	}
	if err := roundtrip.WriteProgram(mod, sdkModulePath, sdks); err != nil {
		t.Fatal(err)
	}
	buildAndVet(t, mod, "the corpus SDKs")
	runCorpusExamples(t, mod, sdks)
	runCorpusQuickStarts(t, mod, sdks)
	results, err := roundtrip.Run(mod)
	if err != nil {
		t.Fatal(err)
	}
	roundtrip.Summarise(t, sdks, results)
	sort.Slice(times, func(i, j int) bool { return times[i].d > times[j].d })
	t.Logf("corpus: %d/%d collections (v1 and v2) generate, build, vet, pass the doc lint and round-trip their samples; slowest: %s", len(sdks), want, slowest(times[:min(3, len(times))]))
	t.Logf("corpus: each of the %d scripts got a warning naming its JSON path", scripts)
	if len(sdks) != want {
		t.Errorf("%d/%d collections generated", len(sdks), want)
	}
}

// corpusRun is one generate of TestCorpusBuilds.
type corpusRun struct {
	base, pkg string
	code      int
	stderr    string
	d         time.Duration
	sdk       *generatedSDK // nil unless generate made an SDK
}

// generateCorpus runs postgen generate -p <slug> -o mod/<slug> on every
// file, GOMAXPROCS at a time, the largest first so that none is left
// running alone at the end; the runs come back in the order of files.
func generateCorpus(t *testing.T, mod string, files []string) []corpusRun {
	runs := make([]corpusRun, len(files))
	order := make([]int, len(files))
	size := make([]int64, len(files))
	for i, f := range files {
		order[i] = i
		if st, err := os.Stat(f); err == nil {
			size[i] = st.Size()
		}
	}
	sort.SliceStable(order, func(a, b int) bool { return size[order[a]] > size[order[b]] })
	work := make(chan int)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				base := filepath.Base(files[i])
				pkg := strings.ReplaceAll(strings.TrimSuffix(base, ".postman_collection.json"), "-", "")
				out := filepath.Join(mod, pkg)
				corpusGenerated.Store(out, (*generatedSDK)(nil))
				var stdout, stderr bytes.Buffer
				start := time.Now()
				code := Run(context.Background(), []string{"generate", "-p", pkg, "-o", out, files[i]}, nil, &stdout, &stderr)
				r := corpusRun{base: base, pkg: pkg, code: code, stderr: stderr.String(), d: time.Since(start)}
				if v, _ := corpusGenerated.LoadAndDelete(out); v != nil {
					r.sdk = v.(*generatedSDK)
				}
				runs[i] = r
			}
		}()
	}
	for _, i := range order {
		work <- i
	}
	close(work)
	wg.Wait()
	return runs
}

// timing is how long one collection took to generate.
type timing struct {
	name string
	d    time.Duration
}

// slowest renders timings as "a 12ms, b 9ms".
func slowest(ts []timing) string {
	var parts []string
	for _, t := range ts {
		parts = append(parts, fmt.Sprintf("%s %v", t.name, t.d.Round(time.Millisecond)))
	}
	return strings.Join(parts, ", ")
}

// sdkModulePath is the module path of writeSDKModule's modules.
const sdkModulePath = "example.com/corpus"

// writeSDKModule writes the go.mod (and go.sum) of the module holding
// the corpus SDKs (see internal/sdkmodule).
func writeSDKModule(t *testing.T, dir string) {
	t.Helper()
	if err := sdkmodule.Write(dir, "..", sdkModulePath); err != nil {
		t.Fatal(err)
	}
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// corpusExamplesFloor is how many corpus Examples pass at least (2266 of
// 2287 when it was set; the others are logged: binary downloads that
// print nothing through the mock, saved examples that are not JSON, and
// variables that only scripts set): raise it as they are fixed.
const corpusExamplesFloor = 2266

// runCorpusExamples runs the Example functions of every corpus SDK against
// its mock server (see internal/examplerun), as one go test of the module;
// fewer passing than corpusExamplesFloor is an error.
func runCorpusExamples(t *testing.T, mod string, sdks []*roundtrip.SDK) {
	var dirs []string
	for _, s := range sdks {
		dirs = append(dirs, filepath.Join(mod, s.Pkg))
	}
	start := time.Now()
	n, failures, err := examplerun.Run(mod, dirs, false)
	if err != nil {
		t.Fatal(err)
	}
	logFailures(t, failures, func(name string) string { return name })
	t.Logf("corpus: %d/%d Examples run against their mock servers and pass, in %v", n-len(failures), n, time.Since(start).Round(time.Millisecond))
	if n-len(failures) < corpusExamplesFloor {
		t.Errorf("corpus: %d Examples pass, fewer than %d", n-len(failures), corpusExamplesFloor)
	}
}

// logFailures logs the failed Examples in name order, each labelled by
// label and followed by its output.
func logFailures(t *testing.T, failures map[string]string, label func(string) string) {
	names := make([]string, 0, len(failures))
	for name := range failures {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		t.Logf("corpus: %s fails:\n%s", label(name), failures[name])
	}
}

// corpusQuickStartsFloor is how many corpus quick starts (doc.go and
// README.md) pass at least against their mock servers (all 41 that run
// when it was set; the others wait for a user's sign-in); failures are
// logged.
const corpusQuickStartsFloor = 41

// runCorpusQuickStarts runs the quick starts of every corpus SDK against
// its mock server, as TestQuickStartsRun does for the golden SDKs (added
// through the overlay: the module's files stay as they are); fewer
// passing than corpusQuickStartsFloor is an error.
func runCorpusQuickStarts(t *testing.T, mod string, sdks []*roundtrip.SDK) {
	var dirs []string
	for _, s := range sdks {
		dirs = append(dirs, filepath.Join(mod, s.Pkg))
	}
	qs, err := examplerun.QuickStartSources(dirs, func(d string) string { return sdkModulePath + "/" + filepath.Base(d) })
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range qs.Missing {
		t.Errorf("corpus: %s has no quick start in doc.go or README.md", filepath.Base(d))
	}
	start := time.Now()
	n, failures, err := examplerun.RunFiles(mod, qs.Files, true)
	if err != nil {
		t.Fatal(err)
	}
	logFailures(t, failures, func(name string) string { return name + " (" + qs.Where[name] + ")" })
	t.Logf("corpus: %d/%d quick starts run against their mock servers and pass, %d of %d skipped (a user's sign-in), in %v", n-len(failures), n, len(qs.Skipped), qs.Found, time.Since(start).Round(time.Millisecond))
	if n-len(failures) < corpusQuickStartsFloor {
		t.Errorf("corpus: %d quick starts pass, fewer than %d", n-len(failures), corpusQuickStartsFloor)
	}
}
