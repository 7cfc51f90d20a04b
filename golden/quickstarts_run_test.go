package golden_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

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
	var sdks []string
	for _, d := range dirs {
		if fi, err := os.Stat(d); err == nil && fi.IsDir() {
			sdks = append(sdks, d)
		}
	}
	qs, err := examplerun.QuickStartSources(sdks, func(d string) string { return module + "/golden/" + d })
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range qs.Missing {
		t.Errorf("%s: no quick start in doc.go or README.md", d)
	}
	for _, s := range qs.Skipped {
		t.Logf("%s waits for a user to sign in: not run", s.Where)
	}
	found, skipped := qs.Found, len(qs.Skipped)
	if found < 20 {
		t.Fatalf("only %d quick starts in the golden SDKs", found)
	}
	start := time.Now()
	n, failures, err := examplerun.RunFiles(".", qs.Files, true)
	if err != nil {
		t.Fatal(err)
	}
	if n+skipped != found {
		t.Errorf("%d quick starts ran and %d were skipped, of %d", n, skipped, found)
	}
	for name, out := range failures {
		if why, ok := knownQuickStartFailures[name]; ok {
			t.Logf("%s (%s) fails, as known (%s)", name, qs.Where[name], why)
			continue
		}
		t.Errorf("%s (%s) fails:\n%s", name, qs.Where[name], out)
	}
	for name := range knownQuickStartFailures {
		if _, ok := failures[name]; !ok {
			t.Errorf("%s passes now: remove it from knownQuickStartFailures", name)
		}
	}
	t.Logf("%d/%d quick starts of the golden SDKs' doc.go and README.md run against their mock servers and pass, %d skipped (a user's sign-in), in %v", n-len(failures), n, skipped, time.Since(start).Round(time.Millisecond))
}
