// Package sdkmodule writes the go.mod (and go.sum) of a throwaway module
// that holds generated SDKs, for tests that build them.
//
// SDKs of collections with OAuth2 import golang.org/x/oauth2; the module
// pins it to the version (and checksums) postgen's own module uses, so a
// build needs nothing the module cache does not already have.
package sdkmodule

import (
	"os"
	"path/filepath"
	"strings"
)

// Write writes dir/go.mod for module path and dir/go.sum, reading the
// versions from the go.mod and go.sum in repoRoot.
func Write(dir, repoRoot, path string) error {
	mod, err := os.ReadFile(filepath.Join(repoRoot, "go.mod"))
	if err != nil {
		return err
	}
	sum, _ := os.ReadFile(filepath.Join(repoRoot, "go.sum"))
	gomod := "module " + path + "\n\ngo 1.22\n"
	for _, line := range strings.Split(string(mod), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "golang.org/x/oauth2" {
			gomod += "\nrequire golang.org/x/oauth2 " + f[1] + "\n"
		}
	}
	var gosum strings.Builder
	for _, line := range strings.Split(string(sum), "\n") {
		if strings.HasPrefix(line, "golang.org/x/oauth2 ") {
			gosum.WriteString(line + "\n")
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte(gomod), 0o644); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "go.sum"), []byte(gosum.String()), 0o644)
}
