package doclint

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestGoldenSDKs lints every golden SDK (and its mock server package), and
// runs go vet over them.
func TestGoldenSDKs(t *testing.T) {
	dirs, _ := filepath.Glob("../../golden/*")
	n := 0
	for _, d := range dirs {
		if fi, err := os.Stat(d); err != nil || !fi.IsDir() {
			continue
		}
		n++
		problems, err := LintDir(d)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range problems {
			t.Error(p)
		}
	}
	if n == 0 {
		t.Fatal("no golden SDKs under ../../golden")
	}
	cmd := exec.Command(filepath.Join(runtime.GOROOT(), "bin", "go"), "vet", "./golden/...")
	cmd.Dir = "../.."
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("go vet ./golden/...: %v\n%s", err, strings.TrimSpace(string(out)))
	}
	t.Logf("%d golden SDKs: documented, gofmt'd and vet-clean", n)
}
