package cli

import (
	"fmt"
	"io"
	"runtime"
	"runtime/debug"

	"github.com/spf13/cobra"
)

// version is set at link time by release builds
// (-ldflags "-X github.com/postgen/postgen/cli.version=v1.2.3"); otherwise
// the module version from the build info is used.
var version = ""

func newVersionCmd(stdout io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print postgen's version",
		Example: `  postgen version
  go run github.com/postgen/postgen version`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			fmt.Fprintf(stdout, "postgen %s (%s)\n", currentVersion(), runtime.Version())
			return nil
		},
	}
}

// currentVersion is the release version, or the module version when
// installed with go install, or "(devel)".
func currentVersion() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		return bi.Main.Version
	}
	return "(devel)"
}
