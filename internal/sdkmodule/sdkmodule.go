// Package sdkmodule writes the go.mod (and go.sum) of a throwaway module
// that holds generated SDKs, for tests that build them.
//
// Generated SDKs import postgen's runtime (package sdk of module
// github.com/postgen/postgen), and those with OAuth2 golang.org/x/oauth2:
// the module requires postgen, replaced by the checkout under test (which
// stands in for the module proxy), and pins x/oauth2 to the version (and
// checksums) postgen's own module uses, so a build needs nothing the
// module cache does not already have.
package sdkmodule

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Module is postgen's module path.
const Module = "github.com/postgen/postgen"

// Write writes dir/go.mod for module path and dir/go.sum, reading the
// versions from the go.mod and go.sum in repoRoot.
func Write(dir, repoRoot, path string) error {
	gomod, gosum, err := Files(repoRoot, path)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte(gomod), 0o644); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "go.sum"), []byte(gosum), 0o644)
}

// Files returns the go.mod and go.sum of a module named path whose SDKs
// import postgen's runtime from the checkout at repoRoot.
func Files(repoRoot, path string) (gomod, gosum string, err error) {
	root, err := filepath.Abs(repoRoot)
	if err != nil {
		return "", "", err
	}
	mod, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		return "", "", err
	}
	sum, _ := os.ReadFile(filepath.Join(root, "go.sum"))
	goVersion := "1.24"
	oauth2 := ""
	for _, line := range strings.Split(string(mod), "\n") {
		f := strings.Fields(line)
		switch {
		case len(f) == 2 && f[0] == "go":
			goVersion = f[1]
		case len(f) >= 2 && f[0] == "golang.org/x/oauth2":
			oauth2 = f[1]
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "module %s\n\ngo %s\n\nrequire %s v0.0.0\n", path, goVersion, Module)
	if oauth2 != "" {
		fmt.Fprintf(&b, "\nrequire golang.org/x/oauth2 %s\n", oauth2)
	}
	fmt.Fprintf(&b, "\nreplace %s => %s\n", Module, root)
	// postgen's own checksums cover every module its runtime can need.
	return b.String(), string(sum), nil
}
