package cli

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/postgen/postgen/internal/doclint"
	"github.com/postgen/postgen/internal/sdkmodule"
)

// corpusDir holds the real collections, beside the repository.
const corpusDir = "../../shared/collections"

// refusedCorpus are the corpus files postgen must refuse, with what the
// message has to say.
var refusedCorpus = map[string]string{
	"owasp-oversized-invalid.postman_collection.json": "18:37: invalid JSON",
}

// TestCorpusBuilds generates an SDK for every collection of the corpus
// through the real CLI, then builds and vets them all in one temporary
// module. It reports N/M and the slowest generation.
func TestCorpusBuilds(t *testing.T) {
	if testing.Short() {
		t.Skip("builds every corpus SDK; skipped with -short")
	}
	files, err := filepath.Glob(filepath.Join(corpusDir, "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no corpus at %s (it lives in ../shared beside the repository): %v", corpusDir, err)
	}
	mod := t.TempDir()
	writeSDKModule(t, mod)
	var times []timing
	generated, scripts := 0, 0
	for _, f := range files {
		base := filepath.Base(f)
		pkg := strings.ReplaceAll(strings.TrimSuffix(base, ".postman_collection.json"), "-", "")
		var stdout, stderr bytes.Buffer
		start := time.Now()
		code := Run(context.Background(), []string{"generate", "-p", pkg, "-o", filepath.Join(mod, pkg), f}, nil, &stdout, &stderr)
		d := time.Since(start)
		if want, refused := refusedCorpus[base]; refused {
			if code != ExitUsage || !strings.Contains(stderr.String(), want) {
				t.Errorf("%s: exit %d, want %d with %q; stderr:\n%s", base, code, ExitUsage, want, stderr.String())
			}
			continue
		}
		if code != ExitOK {
			t.Errorf("%s: exit %d; stderr:\n%s", base, code, stderr.String())
			continue
		}
		generated++
		scripts += checkScriptWarnings(t, f, stderr.String())
		times = append(times, timing{base, d})
	}
	want := len(files) - len(refusedCorpus)
	buildAndVet(t, mod, "the corpus SDKs")
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
	sort.Slice(times, func(i, j int) bool { return times[i].d > times[j].d })
	t.Logf("corpus: %d/%d collections (v1 and v2) generate, build, vet and pass the doc lint; slowest: %s", generated, want, slowest(times[:min(3, len(times))]))
	t.Logf("corpus: each of the %d scripts got a warning naming its JSON path", scripts)
	if generated != want {
		t.Errorf("%d/%d collections generated", generated, want)
	}
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

// writeSDKModule writes the go.mod (and go.sum) of the module holding
// the corpus SDKs (see internal/sdkmodule).
func writeSDKModule(t *testing.T, dir string) {
	t.Helper()
	if err := sdkmodule.Write(dir, "..", "example.com/corpus"); err != nil {
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
