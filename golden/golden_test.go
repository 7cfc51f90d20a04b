// Package golden_test checks the generated SDKs under golden/ against the
// collections under testdata/, through the real CLI.
//
// Each testdata/<case>/ holds the input (collection.json, or a file named
// input whose one line is a path relative to the repository root, for
// inputs that live in ../shared), perhaps a postgen.yaml (passed with
// --config; its paths are relative to the case directory), and either:
//
//   - nothing else: golden/<case>/ is the SDK for it, package <case>, and
//     stderr.golden the warnings the CLI prints; or
//   - error.txt: the run must exit 2 and every line of error.txt must
//     appear in what it prints.
//
// go test ./golden -update rewrites the SDKs and stderr.golden files;
// a plain run fails on any difference and prints a unified diff.
package golden_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/postgen/postgen/cli"
	"github.com/postgen/postgen/internal/testflag"
)

const repoRoot = ".."

func TestGolden(t *testing.T) {
	cases, err := filepath.Glob(filepath.Join(repoRoot, "testdata", "*", "*"))
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, p := range cases {
		dir := filepath.Dir(p)
		name := filepath.Base(dir)
		if seen[name] || name == "hostile" {
			continue
		}
		seen[name] = true
		t.Run(name, func(t *testing.T) { runCase(t, dir, name) })
	}
	if len(seen) == 0 {
		t.Fatal("no cases under testdata/")
	}
}

// runCase runs one case directory.
func runCase(t *testing.T, dir, name string) {
	input := filepath.Join(dir, "collection.json")
	if b, err := os.ReadFile(filepath.Join(dir, "input")); err == nil {
		input = filepath.Join(repoRoot, strings.TrimSpace(string(b)))
	}
	var extra []string
	if cfg := filepath.Join(dir, "postgen.yaml"); fileExists(cfg) {
		extra = []string{"--config", cfg}
	}
	if want, err := os.ReadFile(filepath.Join(dir, "error.txt")); err == nil {
		code, _, stderr := run(t, append([]string{"generate", "-p", name, "-o", t.TempDir(), input}, extra...)...)
		if code != cli.ExitUsage {
			t.Fatalf("exit %d, want %d; stderr:\n%s", code, cli.ExitUsage, stderr)
		}
		for _, line := range strings.Split(strings.TrimSpace(string(want)), "\n") {
			if !strings.Contains(stderr, line) {
				t.Errorf("stderr does not contain %q:\n%s", line, stderr)
			}
		}
		return
	}
	out := filepath.Join(repoRoot, "golden", name)
	stderrGolden := filepath.Join(dir, "stderr.golden")
	if *testflag.Update {
		code, _, stderr := run(t, append([]string{"generate", "-p", name, "-o", out, input}, extra...)...)
		if code != cli.ExitOK {
			t.Fatalf("exit %d; stderr:\n%s", code, stderr)
		}
		if err := os.WriteFile(stderrGolden, []byte(warningsOnly(stderr, input)), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	code, stdout, stderr := run(t, append([]string{"generate", "--check", "-p", name, "-o", out, input}, extra...)...)
	switch code {
	case cli.ExitOK:
	case cli.ExitDrift:
		t.Fatalf("golden/%s is out of date (run go test ./golden -update if the change is intended):\n%s", name, stdout)
	default:
		t.Fatalf("exit %d; stderr:\n%s", code, stderr)
	}
	want, _ := os.ReadFile(stderrGolden)
	if diff := cmp.Diff(string(want), warningsOnly(stderr, input)); diff != "" {
		t.Errorf("warnings differ from %s (-want +got):\n%s", stderrGolden, diff)
	}
}

// warningsOnly keeps the diagnostic lines of the CLI's stderr, with the
// input path made relative so the file does not depend on the checkout.
func warningsOnly(stderr, input string) string {
	var b strings.Builder
	for _, line := range strings.SplitAfter(stderr, "\n") {
		if strings.HasPrefix(line, input+": ") {
			b.WriteString(strings.Replace(line, input, filepath.Base(input), 1))
		}
	}
	return b.String()
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// run drives the real CLI in memory.
func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := cli.Run(context.Background(), args, strings.NewReader(""), &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}
