package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// TestEveryCommandHasExamples runs --help for every command: each shows
// an Examples section, with postgen invocations in it.
func TestEveryCommandHasExamples(t *testing.T) {
	var walk func(c *cobra.Command, path []string)
	n := 0
	walk = func(c *cobra.Command, path []string) {
		// Help topics (postgen help diagnostics) are text, not commands.
		if c.Hidden || c.Name() == "help" || c.Name() == "completion" || c.IsAdditionalHelpTopicCommand() {
			return
		}
		n++
		code, stdout, stderr := run(t, "", append(path, "--help")...)
		if code != ExitOK {
			t.Errorf("postgen %s --help: exit %d\n%s", strings.Join(path, " "), code, stderr)
		}
		if !strings.Contains(stdout, "Examples:") || !strings.Contains(stdout[strings.Index(stdout, "Examples:"):], "postgen ") {
			t.Errorf("postgen %s --help has no examples:\n%s", strings.Join(path, " "), stdout)
		}
		for _, sub := range c.Commands() {
			walk(sub, append(append([]string(nil), path...), sub.Name()))
		}
	}
	walk(newRoot(nil, nil, nil), nil)
	if n < 3 {
		t.Errorf("checked %d commands", n)
	}
}

func TestSDKImportPath(t *testing.T) {
	root := t.TempDir()
	writeFile(t, filepath.Join(root, "go.mod"), "// my app\nmodule \"example.com/app\" // the app\n\ngo 1.22\n")
	if err := os.MkdirAll(filepath.Join(root, "internal", "api"), 0o755); err != nil {
		t.Fatal(err)
	}
	for dir, want := range map[string]string{
		root:                                   "example.com/app",
		filepath.Join(root, "internal", "api"): "example.com/app/internal/api",
		filepath.Join(root, "internal", "api", "new"): "example.com/app/internal/api/new", // not created yet
	} {
		if got := sdkImportPath(dir); got != want {
			t.Errorf("sdkImportPath(%s) = %q, want %q", dir, got, want)
		}
	}
	if got := modulePath([]byte("go 1.22\n")); got != "" {
		t.Errorf("modulePath without a module line = %q", got)
	}
	if got := modulePath([]byte("modules x\nmodule\tgithub.com/a/b\n")); got != "github.com/a/b" {
		t.Errorf("modulePath = %q", got)
	}
}
