package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/postgen/postgen/model"
	"github.com/postgen/postgen/parser"
)

// checkScriptWarnings checks, for a corpus collection TestCorpusBuilds
// has just generated, that each enabled, non-empty pre-request or test
// script got its warning in stderr, naming its JSON path: the SDK does not
// run scripts, and none may be dropped without a word. It returns the
// number of scripts.
func checkScriptWarnings(t *testing.T, file, stderr string) int {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	res, err := parser.Parse(data)
	if err != nil {
		return 0
	}
	paths := scriptPaths(res.Collection)
	warned := map[string]bool{}
	for _, line := range strings.Split(stderr, "\n") {
		if _, rest, ok := strings.Cut(line, ": warning[script]: "); ok {
			if path, msg, ok := strings.Cut(rest, ": "); ok && strings.Contains(msg, "the SDK does not run scripts") {
				warned[path] = true
			}
		}
	}
	missing := 0
	for _, p := range paths {
		if !warned[p] {
			if missing < 5 {
				t.Errorf("%s: no script warning for %s", filepath.Base(file), p)
			}
			missing++
		}
	}
	if len(warned) != len(paths) {
		t.Errorf("%s: %d script warnings for %d scripts", filepath.Base(file), len(warned), len(paths))
	}
	return len(paths)
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

func TestScriptPaths(t *testing.T) {
	res, err := parser.Parse([]byte(`{"info": {"name": "s"},
	"event": [{"listen": "prerequest", "script": {"exec": ["a()"]}}, {"listen": "test", "script": {"exec": [" "]}}],
	"item": [{"name": "f", "item": [{"name": "r", "event": [{"listen": "test", "disabled": true, "script": {"exec": ["b()"]}},
		{"listen": "test", "script": {"exec": ["c()"]}}], "request": "https://x.example"}]}]}`))
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(scriptPaths(res.Collection), " ")
	if want := "event[0] item[0].item[0].event[1]"; got != want {
		t.Errorf("scriptPaths = %s, want %s", got, want)
	}
}
