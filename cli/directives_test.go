package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// assertNothingToGenerate runs `go generate -n ./...` over the module in
// mod (the SDKs generated from the hostile catalogue) and fails if the go
// command would run anything: a collection's text must never become a
// //go:generate directive (testdata/hostile/directives*).
func assertNothingToGenerate(t *testing.T, mod string) {
	t.Helper()
	cmd := exec.Command(filepath.Join(runtime.GOROOT(), "bin", "go"), "generate", "-n", "./...")
	cmd.Dir = mod
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go generate -n: %v\n%s", err, out)
	}
	if s := strings.TrimSpace(string(out)); s != "" {
		t.Errorf("go generate over the hostile SDKs would run:\n%s", s)
	}
}
