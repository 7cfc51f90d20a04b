package cli

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/postgen/postgen/generator"
	"github.com/postgen/postgen/internal/termtext"
	"github.com/postgen/postgen/model"
)

// inspectOptions are the flags of postgen inspect.
type inspectOptions struct {
	inputFlags
	json bool
}

func newInspectCmd(stdin io.Reader, stdout, stderr io.Writer) *cobra.Command {
	var o inspectOptions
	cmd := &cobra.Command{
		Use:   "inspect [flags] [COLLECTION]",
		Short: "Show the folders and requests of a collection and the Go names each becomes",
		Long: `inspect reads COLLECTION (a file, -, an http(s) URL, or --postman-id UID) and prints the
tree of folders and requests with the Go service, method and types each becomes, the auth
in effect, the variables the SDK knows, and the warnings generate would print. It reads
postgen.yaml like generate does, so renames and skips show as they will be generated.
Nothing is written.

--json prints the same as one JSON object, for tools.`,
		Example: `  postgen inspect neon.postman_collection.json
  postgen inspect --json neon.postman_collection.json | jq '.items[].service'`,
		Args:              cobra.MaximumNArgs(1),
		ValidArgsFunction: completeCollections(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			arg := ""
			if len(args) == 1 {
				arg = args[0]
			}
			return runInspect(cmd.Context(), arg, o, stdin, stdout, stderr)
		},
	}
	cmd.Flags().BoolVar(&o.json, "json", false, "print JSON instead of a tree")
	o.inputFlags.register(cmd)
	return cmd
}

// inspection is what inspect prints as JSON: the plan's outline plus the
// input's name and every warning (parser and generator).
type inspection struct {
	Input string `json:"input"`
	*generator.Outline
	// Warnings are the diagnostics generate prints about the collection:
	// warnings and notes, less those postgen.yaml accepts (Accepted
	// counts them).
	Warnings []model.Diagnostic `json:"warnings"`
	Accepted int                `json:"accepted,omitempty"`
}

func runInspect(ctx context.Context, arg string, o inspectOptions, stdin io.Reader, stdout, stderr io.Writer) error {
	prog := startProgress(stderr)
	defer prog.end()
	l, err := load(ctx, arg, "", &o.inputFlags, stdin, prog)
	if err != nil {
		return err
	}
	outline, err := generator.Inspect(l.coll, l.cfg)
	prog.end()
	if err != nil {
		return usageError(err)
	}
	rep := l.newReport(outline.Diagnostics)
	diags := rep.coll
	if diags == nil {
		diags = []model.Diagnostic{}
	}
	if o.json {
		if err := writeJSON(stdout, inspection{Input: l.display, Outline: outline, Warnings: diags, Accepted: rep.accepted}); err != nil {
			return err
		}
	} else {
		printOutline(stdout, l.display, outline, rep)
	}
	for _, o := range rep.others {
		fmt.Fprintln(stderr, termtext.Line(o.where+": "+o.d.String()))
	}
	if l.strict {
		return rep.strictError("")
	}
	return nil
}

// printOutline renders the outline as a tree:
//
//	Client (package bookings)
//	├── Health                GET /health → client.Health(ctx context.Context) ...
//	└── Bookings/             client.Bookings (BookingsService)
//	    └── List bookings     GET /bookings → client.Bookings.List(...)
func printOutline(w io.Writer, display string, o *generator.Outline, rep *report) {
	diags := rep.coll
	fmt.Fprintf(w, "%s: package %s, %s\n", termtext.Line(display), o.Package, summary(o.Stats, rep))
	if o.BaseURL != "" {
		fmt.Fprintf(w, "base URL: %s (DefaultBaseURL; WithBaseURL changes it)\n", termtext.Line(o.BaseURL))
	} else if len(o.Origins) > 0 && o.Origins[0] != "" {
		fmt.Fprintf(w, "base URL: %s (unresolved: set it with WithBaseURL, or baseURL in postgen.yaml)\n", termtext.Line(o.Origins[0]))
	}
	for _, e := range o.EnvironmentURLs {
		if e.Variable != "" {
			fmt.Fprintf(w, "  %s = %s (variable {{%s}})\n", e.Const, termtext.Line(e.URL), termtext.Line(e.Variable))
			continue
		}
		fmt.Fprintf(w, "  %s = %s (environment %q)\n", e.Const, termtext.Line(e.URL), e.Environment)
	}
	fmt.Fprintf(w, "auth: %s\n", authText(o.Auth, "collection"))

	byItem, rest := attachDiagnostics(o.Items, diags)
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Client")
	printItems(w, "", o.Items, byItem)

	if len(o.Variables) > 0 {
		fmt.Fprintln(w)
		fmt.Fprintln(w, "variables:")
		for _, v := range o.Variables {
			line := fmt.Sprintf("  {{%s}}", v.Name)
			switch {
			case v.Secret:
				line += " credential: not copied; set it with WithVariable"
			case v.Default != "":
				line += fmt.Sprintf(" = %q", v.Default)
			case v.BaseURL:
				line += " no default; part of the base URL: set it with WithBaseURL"
			default:
				line += " no default; set it with WithVariable"
			}
			if v.Option != "" {
				line += " (or " + v.Option + ")"
			}
			fmt.Fprintln(w, termtext.Line(line))
		}
	}
	if len(rest) > 0 {
		fmt.Fprintln(w)
		fmt.Fprintln(w, "diagnostics:")
		for _, d := range rest {
			fmt.Fprintf(w, "  %s\n", termtext.Line(d.String()))
		}
	}
}

// attachDiagnostics files each diagnostic under the innermost item whose
// JSON path encloses it; the rest are about the collection as a whole.
func attachDiagnostics(items []*generator.OutlineItem, diags []model.Diagnostic) (map[string][]model.Diagnostic, []model.Diagnostic) {
	paths := map[string]bool{}
	var walk func([]*generator.OutlineItem)
	walk = func(its []*generator.OutlineItem) {
		for _, it := range its {
			paths[it.Path] = true
			walk(it.Items)
		}
	}
	walk(items)
	by := map[string][]model.Diagnostic{}
	var rest []model.Diagnostic
	for _, d := range diags {
		owner := ""
		for p := d.Path; p != ""; {
			if paths[p] {
				owner = p
				break
			}
			i := strings.LastIndexAny(p, ".[")
			if i < 0 {
				break
			}
			p = p[:i]
		}
		if owner == "" {
			rest = append(rest, d)
			continue
		}
		by[owner] = append(by[owner], d)
	}
	return by, rest
}

func printItems(w io.Writer, indent string, items []*generator.OutlineItem, diags map[string][]model.Diagnostic) {
	width := 0
	for _, it := range items {
		width = max(width, len([]rune(itemLabel(it))))
	}
	for i, it := range items {
		branch, next := "├── ", "│   "
		if i == len(items)-1 {
			branch, next = "└── ", "    "
		}
		label := itemLabel(it)
		pad := strings.Repeat(" ", width-len([]rune(label)))
		fmt.Fprintf(w, "%s%s%s%s  %s\n", indent, branch, label, pad, termtext.Line(itemText(it)))
		for _, d := range diags[it.Path] {
			fmt.Fprintf(w, "%s%s  ! %s\n", indent, next, termtext.Line(d.String()))
		}
		printItems(w, indent+next, it.Items, diags)
	}
}

// itemLabel is the item's name on one line, escaped here rather than when
// printed so that the tree's padding counts what is shown.
func itemLabel(it *generator.OutlineItem) string {
	name := termtext.Line(oneLineText(it.Name))
	if it.Kind == "folder" {
		return name + "/"
	}
	return name
}

// itemText is what an item becomes.
func itemText(it *generator.OutlineItem) string {
	switch {
	case it.Skipped:
		return "skipped (postgen.yaml)"
	case it.Omitted != "":
		return "left out: " + it.Omitted
	case it.Kind == "folder":
		s := it.Access + " (" + it.Service + ")"
		if it.Auth != nil {
			s += "  auth: " + authText(it.Auth, "")
		}
		return s
	}
	s := it.HTTP + " → " + callPrefix(it.Method) + it.Signature
	if len(it.Types) > 0 {
		s += "  types: " + strings.Join(it.Types, ", ")
	}
	if it.Auth != nil {
		s += "  auth: " + authText(it.Auth, "")
	}
	if len(it.Constants) > 0 {
		parts := make([]string, len(it.Constants))
		for i, c := range it.Constants {
			parts[i] = c.Key + "=" + c.Value + " (" + c.Why + ")"
			if c.In == "header" {
				parts[i] = c.Key + ": " + c.Value + " (" + c.Why + ")"
			}
		}
		s += "  constants: " + strings.Join(parts, ", ")
	}
	return s
}

// callPrefix turns "Bookings.List" into "client.Bookings." (the
// signature carries the method name).
func callPrefix(method string) string {
	i := strings.LastIndexByte(method, '.')
	if i < 0 {
		return "client."
	}
	return "client." + method[:i+1]
}

func authText(a *generator.AuthOutline, none string) string {
	if a == nil {
		if none == "" {
			return "none"
		}
		return "none declared on the " + none
	}
	return a.Type + " (from " + a.From + ")"
}

// oneLineText keeps a name on one line.
func oneLineText(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
