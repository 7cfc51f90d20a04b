package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/postgen/postgen/model"
	"github.com/postgen/postgen/parser"
)

// TestCorpusScriptWarnings runs postgen generate on every corpus
// collection with scripts and checks that each enabled, non-empty
// pre-request or test script gets its warning, naming its JSON path: the
// SDK does not run scripts, and none may be dropped without a word.
func TestCorpusScriptWarnings(t *testing.T) {
	if testing.Short() {
		t.Skip("generates the corpus SDKs with scripts; skipped with -short")
	}
	files, err := filepath.Glob(filepath.Join(corpusDir, "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no corpus at %s (it lives in ../shared beside the repository): %v", corpusDir, err)
	}
	collections, scripts := 0, 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		res, err := parser.Parse(data)
		if err != nil {
			continue // refused inputs have their own test
		}
		paths := scriptPaths(res.Collection)
		if len(paths) == 0 {
			continue
		}
		collections++
		scripts += len(paths)
		var stdout, stderr bytes.Buffer
		if code := Run(context.Background(), []string{"generate", "-p", "scripted", "-o", filepath.Join(t.TempDir(), "scripted"), f}, nil, &stdout, &stderr); code != ExitOK {
			t.Errorf("%s: exit %d; stderr:\n%s", filepath.Base(f), code, stderr.String())
			continue
		}
		warned := map[string]bool{}
		for _, line := range strings.Split(stderr.String(), "\n") {
			if _, rest, ok := strings.Cut(line, ": warning: "); ok {
				if path, msg, ok := strings.Cut(rest, ": "); ok && strings.Contains(msg, "the SDK does not run scripts") {
					warned[path] = true
				}
			}
		}
		missing := 0
		for _, p := range paths {
			if !warned[p] {
				if missing < 5 {
					t.Errorf("%s: no script warning for %s", filepath.Base(f), p)
				}
				missing++
			}
		}
		if len(warned) != len(paths) {
			t.Errorf("%s: %d script warnings for %d scripts", filepath.Base(f), len(warned), len(paths))
		}
	}
	t.Logf("%d scripts in %d corpus collections, each warned about at its JSON path", scripts, collections)
	if collections == 0 {
		t.Error("no corpus collection has scripts")
	}
}

// scriptPaths lists the JSON paths of c's enabled, non-empty pre-request
// and test scripts, read from the model independently of the generator.
func scriptPaths(c *model.Collection) []string {
	var out []string
	for _, e := range c.AllEvents() {
		if !e.Disabled && strings.TrimSpace(e.Script) != "" && (e.Listen == "prerequest" || e.Listen == "test") {
			out = append(out, e.Path)
		}
	}
	return out
}
