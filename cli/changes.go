package cli

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/postgen/postgen/changes"
	"github.com/postgen/postgen/generator"
	"github.com/postgen/postgen/internal/termtext"
)

// changesOptions are the flags of postgen changes.
type changesOptions struct {
	inputFlags
	failOnBreaking bool
	json           bool
	verbose        bool
}

func newChangesCmd(stdin io.Reader, stdout, stderr io.Writer) *cobra.Command {
	var o changesOptions
	cmd := &cobra.Command{
		Use:   "changes [flags] OLD NEW",
		Short: "Report how a new version of a collection changes the SDK's Go API",
		Long: `changes generates the SDK for OLD and for NEW in memory (two collection files, or URLs)
and compares their exported Go APIs with golang.org/x/exp/apidiff: what was added, removed
or changed, each change marked breaking when code written against the old SDK may no
longer compile. It reads postgen.yaml and takes -p, --config and --environment like
generate, applied to both versions. Nothing is written.

Exit codes: 0 (also with breaking changes, unless --fail-on-breaking), 1 breaking changes
with --fail-on-breaking, 2 bad usage or input.`,
		Example: `  postgen changes api-v1.postman_collection.json api-v2.postman_collection.json
  git show HEAD~1:api/api.json > /tmp/old.json && postgen changes --fail-on-breaking /tmp/old.json api/api.json`,
		Args:              cobra.ExactArgs(2),
		ValidArgsFunction: completeCollections(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runChanges(cmd.Context(), args[0], args[1], o, stdin, stdout, stderr)
		},
	}
	cmd.Flags().BoolVar(&o.failOnBreaking, "fail-on-breaking", false, "exit 1 when a change is breaking")
	cmd.Flags().BoolVar(&o.json, "json", false, "print JSON instead of text")
	cmd.Flags().BoolVarP(&o.verbose, "verbose", "v", false, "print the time of each stage on standard error")
	o.inputFlags.register(cmd)
	_ = cmd.Flags().MarkHidden("postman-id")
	return cmd
}

func runChanges(ctx context.Context, oldArg, newArg string, o changesOptions, stdin io.Reader, stdout, stderr io.Writer) error {
	if o.postmanID != "" {
		return usageError(fmt.Errorf("changes compares two collections given as files or URLs; --postman-id is not supported here"))
	}
	if oldArg == "-" && newArg == "-" {
		return usageError(fmt.Errorf("only one of OLD and NEW can be - (standard input)"))
	}
	prog := startProgress(stderr)
	defer prog.end()
	newer, err := load(ctx, newArg, "", &o.inputFlags, stdin, prog)
	if err != nil {
		return err
	}
	// Both SDKs get the same package name, the new one's, so that only the
	// API differs.
	flags := o.inputFlags
	flags.pkg = newer.cfg.Package
	older, err := load(ctx, oldArg, "", &flags, stdin, prog)
	if err != nil {
		return err
	}
	var sdks [2][]changes.File
	var origins [2][]changes.Origin
	for i, l := range []*loaded{older, newer} {
		cfg := l.cfg
		cfg.Progress = prog.generating(l.display)
		gen, err := generator.Generate(l.coll, cfg)
		if err != nil {
			return usageError(fmt.Errorf("%s: %w", l.display, err))
		}
		for _, f := range gen.Files {
			sdks[i] = append(sdks[i], changes.File{Name: f.Name, Data: f.Data})
		}
		for _, o := range gen.Origins {
			origins[i] = append(origins[i], changes.Origin{ID: o.ID, Postman: o.Postman, Method: o.Method, Origin: o.Origin})
		}
	}
	prog.set("compare", "")
	rep, err := changes.Compare(newer.cfg.Package, sdks[0], sdks[1])
	prog.end()
	if err != nil {
		return usageError(err)
	}
	rep.Merge(changes.CompareOrigins(origins[0], origins[1]))
	breaking := rep.Breaking()
	if o.json {
		out := struct {
			Old      string           `json:"old"`
			New      string           `json:"new"`
			Package  string           `json:"package"`
			Breaking int              `json:"breaking"`
			Changes  []changes.Change `json:"changes"`
		}{older.display, newer.display, newer.cfg.Package, breaking, rep.Changes}
		if out.Changes == nil {
			out.Changes = []changes.Change{}
		}
		if err := writeJSON(stdout, out); err != nil {
			return err
		}
	} else {
		printChanges(stdout, older.display, newer.display, newer.cfg.Package, rep)
	}
	if o.verbose {
		fmt.Fprintf(stderr, "postgen: stages: %s\n", prog.timings())
	}
	if o.failOnBreaking && breaking > 0 {
		fmt.Fprintf(stderr, "%s: %s; failing because of --fail-on-breaking\n", newer.cfg.Package, plural(breaking, "breaking change"))
		return &exitError{code: ExitDrift}
	}
	return nil
}

// printChanges renders the report:
//
//	bookings: 1 breaking change, 1 compatible change (old.json → new.json)
//
//	breaking:
//	  - Client.Health: removed
//	compatible:
//	  + BookingsService.Cancel: added
func printChanges(w io.Writer, oldName, newName, pkg string, rep *changes.Report) {
	breaking := rep.Breaking()
	compatible := len(rep.Changes) - breaking
	oldName, newName = termtext.Line(oldName), termtext.Line(newName)
	if len(rep.Changes) == 0 {
		fmt.Fprintf(w, "%s: no change to the Go API (%s → %s)\n", pkg, oldName, newName)
		return
	}
	fmt.Fprintf(w, "%s: %s, %s (%s → %s)\n", pkg, plural(breaking, "breaking change"), plural(compatible, "compatible change"), oldName, newName)
	for _, group := range []struct {
		title    string
		mark     string
		breaking bool
	}{{"breaking", "-", true}, {"compatible", "+", false}} {
		first := true
		for _, c := range rep.Changes {
			if c.Breaking != group.breaking {
				continue
			}
			if first {
				fmt.Fprintf(w, "\n%s:\n", group.title)
				first = false
			}
			fmt.Fprintf(w, "  %s %s\n", group.mark, termtext.Line(strings.ReplaceAll(c.Message, "\n", " ")))
		}
	}
}
