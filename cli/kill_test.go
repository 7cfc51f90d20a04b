package cli

import (
	"bytes"
	"context"
	"fmt"
	"go/parser"
	"go/token"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/postgen/postgen/templates"
)

// TestHelperGenerate is not a test: TestKilledRunLeavesCompleteFiles runs
// the test binary as a postgen process through it.
func TestHelperGenerate(t *testing.T) {
	if os.Getenv("POSTGEN_HELPER") != "1" {
		t.Skip("helper process for TestKilledRunLeavesCompleteFiles")
	}
	args := strings.Split(os.Getenv("POSTGEN_ARGS"), "\n")
	os.Exit(Run(context.Background(), args, nil, os.Stdout, os.Stderr))
}

// killCollection is a collection of folders×perFolder requests; version
// changes every method's name, so every file changes between versions.
func killCollection(version, folders, perFolder int) string {
	var b strings.Builder
	fmt.Fprintf(&b, `{"info":{"name":"kill"},"item":[`)
	for f := range folders {
		if f > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"name":"folder %d","item":[`, f)
		for r := range perFolder {
			if r > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, `{"name":"v%d op %d","request":{"method":"POST","url":"https://kill.example/%d/%d?v=%d","body":{"mode":"raw","raw":"{\"id\":%d,\"name\":\"x\"}","options":{"raw":{"language":"json"}}}}}`, version, r, f, r, version, r)
		}
		b.WriteString("]}")
	}
	b.WriteString("]}")
	return b.String()
}

// TestKilledRunLeavesCompleteFiles SIGKILLs real postgen processes at
// random moments while they replace one SDK with another. Whenever the
// kill lands, every file in the output directory is a complete file of
// the old or the new SDK (never truncated), the user's file beside the SDK
// and everything outside it are untouched, and the next run produces the
// new SDK exactly, leaving no temporary directory.
func TestKilledRunLeavesCompleteFiles(t *testing.T) {
	if testing.Short() {
		t.Skip("runs and kills postgen processes; skipped with -short")
	}
	dir := t.TempDir()
	v1, v2 := filepath.Join(dir, "v1.json"), filepath.Join(dir, "v2.json")
	writeFile(t, v1, killCollection(1, 30, 20))
	writeFile(t, v2, killCollection(2, 30, 20))
	out := filepath.Join(dir, "sdk")
	userFile := filepath.Join(out, "helpers_test.go")
	sdkFiles := func(input string) map[string]string {
		if code := Run(context.Background(), []string{"generate", "-p", "kill", "-o", out, input}, nil, &bytes.Buffer{}, &bytes.Buffer{}); code != ExitOK {
			t.Fatalf("generate %s: exit %d", input, code)
		}
		return readTree(t, out)
	}
	newFiles := sdkFiles(v2)
	oldFiles := sdkFiles(v1)
	writeFile(t, userFile, "package kill\n// the user's own file\n")
	oldFiles["helpers_test.go"] = "package kill\n// the user's own file\n"

	// How long a run takes, to spread the kills over it.
	start := time.Now()
	runHelper(t, out, v2, 0)
	full := time.Since(start)
	sdkFiles(v1)

	outcomes := map[string]int{}
	for i := range 20 {
		delay := time.Duration(rand.Int64N(int64(full)))
		runHelper(t, out, v2, delay)
		got := readTree(t, out)
		kind := classify(t, got, oldFiles, newFiles)
		outcomes[kind]++
		// The next run repairs whatever the kill left.
		if code := Run(context.Background(), []string{"generate", "-p", "kill", "-o", out, v2}, nil, &bytes.Buffer{}, &bytes.Buffer{}); code != ExitOK {
			t.Fatalf("kill %d (after %v): the next run failed: exit %d", i, delay, code)
		}
		after := readTree(t, out)
		if d := treeDiff(after, withUser(newFiles, oldFiles["helpers_test.go"])); d != "" {
			t.Fatalf("kill %d (after %v): the next run did not produce the new SDK: %s", i, delay, d)
		}
		sdkFiles(v1)
	}
	t.Logf("a run takes %v; 20 kills left: %v (mixed = killed while renaming files into place)", full.Round(time.Millisecond), outcomes)
}

// runHelper runs postgen generate in a child process and SIGKILLs it after
// delay (0: let it finish).
func runHelper(t *testing.T, out, input string, delay time.Duration) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperGenerate$")
	cmd.Env = append(os.Environ(), "POSTGEN_HELPER=1", "POSTGEN_ARGS="+strings.Join([]string{"generate", "-p", "kill", "-o", out, input}, "\n"))
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	if delay > 0 {
		time.Sleep(delay)
		cmd.Process.Kill()
	}
	cmd.Wait()
}

// readTree returns the regular files under dir (temporary directories
// included) by slash path.
func readTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	filepath.Walk(dir, func(path string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(dir, path)
		files[filepath.ToSlash(rel)] = string(data)
		return nil
	})
	return files
}

// classify says what a kill left: "old", "new", "mixed" or "staging" (old
// SDK plus the temporary directory), failing the test on any file that is
// neither a complete old nor a complete new one.
func classify(t *testing.T, got, oldFiles, newFiles map[string]string) string {
	t.Helper()
	fset := token.NewFileSet()
	old, new, staging := 0, 0, false
	for name, data := range got {
		if strings.HasPrefix(name, ".postgen-") || strings.Contains(name, "/.postgen-") {
			staging = true
			continue
		}
		switch data {
		case oldFiles[name]:
			if oldFiles[name] != newFiles[name] {
				old++
			}
		case newFiles[name]:
			new++
		default:
			t.Errorf("after a kill, %s is neither the old nor the new file (%d bytes)", name, len(data))
		}
		if strings.HasSuffix(name, ".go") && name != "helpers_test.go" {
			if !strings.HasPrefix(data, templates.Header) {
				t.Errorf("after a kill, %s lacks the generated header", name)
			}
			if _, err := parser.ParseFile(fset, name, data, parser.PackageClauseOnly); err != nil {
				t.Errorf("after a kill, %s does not parse: %v", name, err)
			}
		}
	}
	if got["helpers_test.go"] != oldFiles["helpers_test.go"] {
		t.Errorf("after a kill, the user's file changed")
	}
	switch {
	case new == 0 && staging:
		return "staging"
	case new == 0:
		return "old"
	case old <= 1: // the user's file
		return "new"
	case staging:
		return "mixed+staging"
	}
	return "mixed"
}

func withUser(files map[string]string, user string) map[string]string {
	out := map[string]string{"helpers_test.go": user}
	for k, v := range files {
		out[k] = v
	}
	return out
}

// treeDiff names the files that differ between two trees.
func treeDiff(got, want map[string]string) string {
	var d []string
	for k, v := range want {
		if got[k] != v {
			d = append(d, "changed or missing "+k)
		}
	}
	for k := range got {
		if _, ok := want[k]; !ok {
			d = append(d, "extra "+k)
		}
	}
	return strings.Join(d, ", ")
}
