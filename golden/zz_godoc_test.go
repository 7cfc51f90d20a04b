package golden_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/postgen/postgen/internal/testflag"
)

// TestGoDocOutput keeps what `go doc -all` prints for some golden SDKs in
// testdata/<case>/godoc.golden (the cases that have one): the
// documentation as an SDK user reads it, reviewed like the code. -update
// rewrites the files. (The file name sorts after golden_test.go so that
// with -update this runs after TestGolden has rewritten the SDKs.)
func TestGoDocOutput(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(repoRoot, "testdata", "*", "godoc.golden"))
	if len(files) == 0 {
		t.Fatal("no testdata/*/godoc.golden")
	}
	for _, f := range files {
		name := filepath.Base(filepath.Dir(f))
		t.Run(name, func(t *testing.T) {
			cmd := exec.Command(filepath.Join(runtime.GOROOT(), "bin", "go"), "doc", "-all", "./golden/"+name)
			cmd.Dir = repoRoot
			got, err := cmd.Output()
			if err != nil {
				t.Fatalf("go doc -all ./golden/%s: %v", name, err)
			}
			if *testflag.Update {
				if err := os.WriteFile(f, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, _ := os.ReadFile(f)
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("go doc output of golden/%s differs from %s (-want +got):\n%s", name, f, diff)
			}
		})
	}
}
