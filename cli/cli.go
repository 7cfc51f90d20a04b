// Package cli is postgen's command tree. Its one job is the command line:
// flags, input, exit codes and messages; the work is done by parser,
// generator and writer.
//
// Run takes the arguments and streams and returns the exit code, so tests
// drive the real CLI in memory:
//
//	0  done (or --check found the SDK up to date)
//	1  --check found the SDK out of date
//	2  bad usage or bad input
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/postgen/postgen/internal/termtext"
	"github.com/postgen/postgen/model"
)

// Exit codes.
const (
	ExitOK    = 0
	ExitDrift = 1
	ExitUsage = 2
)

// exitError carries an exit code out of a command.
type exitError struct {
	code int
	err  error // nil when the message has been printed already
}

func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit %d", e.code)
	}
	return e.err.Error()
}

// Run executes postgen with args (without the program name) and returns
// the exit code. What it prints to stdout and stderr is escaped for the
// terminal (output.go).
func Run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	out, errOut := termtext.NewWriter(stdout), termtext.NewWriter(stderr)
	defer errOut.Flush()
	defer out.Flush()
	return execute(ctx, args, stdin, out, errOut)
}

// execute is Run on streams already escaped.
func execute(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	root := newRoot(stdin, stdout, stderr)
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return ExitOK
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.err != nil {
			if code := model.ErrorCode(ee.err); code != "" {
				fmt.Fprintf(stderr, "postgen: error[%s]: %v\n", code, ee.err)
			} else {
				fmt.Fprintf(stderr, "postgen: %v\n", ee.err)
			}
		}
		return ee.code
	}
	// Errors cobra reports itself: unknown flags, wrong argument counts.
	fmt.Fprintf(stderr, "postgen: %v\nRun 'postgen --help' for usage.\n", err)
	return ExitUsage
}

// newRoot builds the command tree.
func newRoot(stdin io.Reader, stdout, stderr io.Writer) *cobra.Command {
	root := &cobra.Command{
		Use:   "postgen",
		Short: "Generate a typed Go SDK from a Postman collection",
		Long: `postgen reads a Postman collection (v2.0 or v2.1 JSON, as exported from Postman or
served by its API, or a legacy v1 file) and writes an idiomatic Go SDK package for the API:
a client, one service per folder, one method per request, sending exactly what Postman
sends. inspect shows what the SDK will hold, changes what a new collection does to it.`,
		Example: `  # Generate ./neonapis from an export
  postgen generate -o ./neonapis -p neonapis neon.postman_collection.json

  # In CI: fail when the committed SDK no longer matches the collection
  postgen generate --check -o ./neonapis -p neonapis neon.postman_collection.json

  # The Go names of every folder and request; API changes between two versions
  postgen inspect neon.postman_collection.json
  postgen changes --fail-on-breaking old.postman_collection.json neon.postman_collection.json`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.AddCommand(newGenerateCmd(stdin, stdout, stderr), newInspectCmd(stdin, stdout, stderr),
		newChangesCmd(stdin, stdout, stderr), newVersionCmd(stdout), newDiagnosticsHelp())
	return root
}
