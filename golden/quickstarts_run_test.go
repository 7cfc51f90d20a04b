package golden_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/postgen/postgen/internal/doclint"
	"github.com/postgen/postgen/internal/examplerun"
)

// knownQuickStartFailures are the quick starts the mock server cannot
// answer yet, with why (as knownExampleFailures).
var knownQuickStartFailures = map[string]string{
	// Their call is that of ExampleQueryCharactersLeftRawService_T01StringURLWithEdgeCases.
	"Example_postgenQuickStartEncoding1": "the path holds %zz",
	"Example_postgenQuickStartEncoding2": "the path holds %zz",
}

// TestQuickStartsRun runs the quick start of every golden SDK's doc.go
// and README.md, as written, against the SDK's mock server: each is
// wrapped in an Example function (examplerun.QuickStarts) that points its
// client at the mock and gives it placeholder credentials, and none may
// exit (a log.Fatal on the call's error), panic or print nothing. Quick
// starts that wait for a user to sign in are skipped and counted.
func TestQuickStartsRun(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go test on every golden SDK; skipped with -short")
	}
	t.Parallel()
	mod, err := os.ReadFile(filepath.Join(repoRoot, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	module := strings.Fields(strings.SplitN(string(mod), "\n", 2)[0])[1]
	dirs, err := filepath.Glob("*")
	if err != nil {
		t.Fatal(err)
	}
	var files []examplerun.Source
	where := map[string]string{}
	found, skipped := 0, 0
	for _, d := range dirs {
		if fi, err := os.Stat(d); err != nil || !fi.IsDir() {
			continue
		}
		var docs []doclint.File
		for _, name := range []string{"doc.go", "README.md"} {
			b, err := os.ReadFile(filepath.Join(d, name))
			if err != nil {
				continue
			}
			docs = append(docs, doclint.File{Name: d + "/" + name, Data: b})
		}
		var snippets []examplerun.Snippet
		for _, s := range doclint.QuickStarts(docs) {
			snippets = append(snippets, examplerun.Snippet{Where: s.Where, Code: s.Code})
		}
		if len(docs) == 0 {
			continue
		}
		if len(snippets) == 0 {
			t.Errorf("%s: no quick start in doc.go or README.md", d)
			continue
		}
		found += len(snippets)
		importPath := module + "/golden/" + d
		src, names, skip, err := examplerun.QuickStarts(d, importPath, d+"test", importPath+"/"+d+"test", snippets)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range skip {
			t.Logf("%s waits for a user to sign in: not run", s.Where)
		}
		skipped += len(skip)
		for name, s := range names {
			where[d+"."+name] = s.Where
		}
		if src != nil {
			files = append(files, examplerun.Source{Path: filepath.Join(d, examplerun.QuickStartFile), Data: src})
		}
	}
	if found < 20 {
		t.Fatalf("only %d quick starts in the golden SDKs", found)
	}
	start := time.Now()
	n, failures, err := examplerun.RunFiles(".", files, true)
	if err != nil {
		t.Fatal(err)
	}
	if n+skipped != found {
		t.Errorf("%d quick starts ran and %d were skipped, of %d", n, skipped, found)
	}
	for name, out := range failures {
		if why, ok := knownQuickStartFailures[name]; ok {
			t.Logf("%s (%s) fails, as known (%s)", name, whereOf(where, name), why)
			continue
		}
		t.Errorf("%s (%s) fails:\n%s", name, whereOf(where, name), out)
	}
	for name := range knownQuickStartFailures {
		if _, ok := failures[name]; !ok {
			t.Errorf("%s passes now: remove it from knownQuickStartFailures", name)
		}
	}
	t.Logf("%d/%d quick starts of the golden SDKs' doc.go and README.md run against their mock servers and pass, %d skipped (a user's sign-in), in %v", n-len(failures), n, skipped, time.Since(start).Round(time.Millisecond))
}

// whereOf finds the snippet of a failing Example, known by its name only.
func whereOf(where map[string]string, name string) string {
	var out []string
	for k, w := range where {
		if strings.HasSuffix(k, "."+name) {
			out = append(out, w)
		}
	}
	return strings.Join(out, " or ")
}
