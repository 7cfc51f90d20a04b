package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"

	"github.com/spf13/cobra"

	"github.com/postgen/postgen/generator"
	"github.com/postgen/postgen/internal/termtext"
	"github.com/postgen/postgen/model"
	"github.com/postgen/postgen/parser"
	"github.com/postgen/postgen/writer"
)

// generateOptions are the flags of postgen generate.
type generateOptions struct {
	inputFlags
	out        string
	check      bool
	verbose    bool
	noExamples bool
}

func newGenerateCmd(stdin io.Reader, stdout, stderr io.Writer) *cobra.Command {
	var o generateOptions
	cmd := &cobra.Command{
		Use:   "generate [flags] [COLLECTION]",
		Short: "Write (or check) the Go SDK for a collection",
		Long: `generate writes the Go SDK for COLLECTION: a Postman collection file (v2.0, v2.1, or a
legacy v1 file, converted as Postman converts it), - to read it from standard input, or an
http(s) URL. --postman-id UID reads it from the Postman API instead, with the API key in
$POSTMAN_API_KEY.

Settings can live in postgen.yaml (found in the output directory, or in the current
directory without -o, or given with --config): input, package, output, base URL, renames,
skipped requests, initialisms, environments, variables that become client options. Flags
override the file.

The output directory holds only the SDK's files: postgen writes through a temporary
directory, so a failure leaves the previous SDK as it was; it removes files it generated
before that are no longer needed, and never touches any other file (keep your own tests
and helpers beside the SDK).

With --check nothing is written: postgen prints a unified diff of what would change and
exits 1 when the SDK is out of date, 0 when it is up to date. Control characters in it
(as in every message) are shown escaped: \x1b, \r, \u202e.`,
		Example: `  postgen generate -o ./neonapis -p neonapis neon.postman_collection.json
  curl -s https://example.com/api.json | postgen generate -o ./api -p api -
  postgen generate -o ./api https://example.com/api.postman_collection.json
  POSTMAN_API_KEY=... postgen generate -o ./api --postman-id 12345-6789abcd-...
  postgen generate --environment prod.postman_environment.json -o ./api api.json
  postgen generate --check -o ./neonapis -p neonapis neon.postman_collection.json

  # In a Go file of the package:
  //go:generate go run github.com/postgen/postgen generate -o . -p neonapis ../api/neon.postman_collection.json`,
		Args:              cobra.MaximumNArgs(1),
		ValidArgsFunction: completeCollections(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			arg := ""
			if len(args) == 1 {
				arg = args[0]
			}
			return runGenerate(cmd.Context(), arg, o, stdin, stdout, stderr)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&o.out, "out", "o", "", "output `DIR` (default: postgen.yaml's output, else ./<package>)")
	f.BoolVar(&o.check, "check", false, "write nothing; print a unified diff and exit 1 if DIR is out of date")
	f.BoolVarP(&o.verbose, "verbose", "v", false, "list every file written (or checked) and what happened to it")
	f.BoolVar(&o.noExamples, "no-examples", false, "leave out example_test.go (an Example per request, calling it with the collection's values)")
	_ = cmd.MarkFlagDirname("out")
	o.inputFlags.register(cmd)
	return cmd
}

// runGenerate is postgen generate.
func runGenerate(ctx context.Context, arg string, o generateOptions, stdin io.Reader, stdout, stderr io.Writer) error {
	prog := startProgress(stderr, "starting")
	defer prog.end()
	l, err := load(ctx, arg, o.out, &o.inputFlags, stdin, prog)
	if err != nil {
		return err
	}
	prog.set("generating")
	l.cfg.NoExamples = o.noExamples
	gen, err := generator.Generate(l.coll, l.cfg)
	if err != nil {
		return usageError(err)
	}
	files := make([]writer.File, len(gen.Files))
	for i, f := range gen.Files {
		files[i] = writer.File{Name: f.Name, Data: f.Data}
	}
	pkg, out := l.cfg.Package, l.out
	diags := mergeDiagnostics(l.diags, gen.Diagnostics)
	warnings := len(diags) + len(l.envWarnings)
	if l.strict && warnings > 0 {
		prog.end()
		printWarnings(stderr, l, diags)
		return usageError(fmt.Errorf("%s and --strict: nothing written; fix the input or drop --strict", plural(warnings, "warning")))
	}

	if o.check {
		prog.set("comparing with " + out)
		drift, err := writer.Check(out, files)
		prog.end()
		printWarnings(stderr, l, diags)
		if err != nil {
			return usageError(err)
		}
		if o.verbose {
			listCheck(stderr, files, drift)
		}
		if drift.Clean() {
			fmt.Fprintf(stderr, "%s: up to date (%s)\n", pkg, out)
			return nil
		}
		io.WriteString(stdout, drift.Diff)
		fmt.Fprintf(stderr, "%s: %s in %s; run postgen generate to update it\n", pkg, drift.Summary(), out)
		return &exitError{code: ExitDrift}
	}
	prog.set("writing " + out)
	rep, err := writer.Write(out, files)
	prog.end()
	printWarnings(stderr, l, diags)
	if err != nil {
		return usageError(err)
	}
	if o.verbose {
		listWritten(stderr, rep)
	}
	fmt.Fprintf(stderr, "%s: %s → %s\n", pkg, summary(gen.Stats, warnings), out)
	return nil
}

// printWarnings writes the collection's and the environments' warnings.
func printWarnings(w io.Writer, l *loaded, diags []model.Diagnostic) {
	printDiagnostics(w, l.display, diags)
	for _, line := range l.envWarnings {
		fmt.Fprintln(w, termtext.Line(line))
	}
}

// listWritten is -v after a write: one line per file, "created x.go".
func listWritten(w io.Writer, rep *writer.Report) {
	type entry struct{ name, what string }
	var all []entry
	for _, g := range []struct {
		names []string
		what  string
	}{{rep.Created, "created"}, {rep.Updated, "updated"}, {rep.Unchanged, "unchanged"}, {rep.Removed, "removed"}} {
		for _, n := range g.names {
			all = append(all, entry{n, g.what})
		}
	}
	sort.Slice(all, func(i, j int) bool { return all[i].name < all[j].name })
	for _, e := range all {
		fmt.Fprintf(w, "  %-9s %s\n", e.what, termtext.Line(e.name))
	}
}

// listCheck is -v with --check: every generated file and stale one, with
// its state.
func listCheck(w io.Writer, files []writer.File, d *writer.Drift) {
	state := map[string]string{}
	for _, f := range files {
		state[f.Name] = "ok"
	}
	for _, n := range d.New {
		state[n] = "new"
	}
	for _, n := range d.Changed {
		state[n] = "changed"
	}
	for _, n := range d.Stale {
		state[n] = "stale"
	}
	names := make([]string, 0, len(state))
	for n := range state {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-9s %s\n", state[n], termtext.Line(n))
	}
}

// readInput reads the collection from a file or, for "-", from stdin.
func readInput(input string, stdin io.Reader) ([]byte, string, error) {
	var r io.Reader
	display := input
	if input == "-" {
		r, display = stdin, "<stdin>"
	} else {
		f, err := os.Open(input)
		if err != nil {
			if errors.Is(err, os.ErrNotExist) {
				return nil, display, fmt.Errorf("%s: no such file", input)
			}
			return nil, display, err
		}
		defer f.Close()
		if st, err := f.Stat(); err == nil && st.IsDir() {
			return nil, display, fmt.Errorf("%s is a directory; give the collection's .json file", input)
		} else if err == nil && st.Size() > maxInput {
			return nil, display, tooLarge(display)
		}
		r = f
	}
	data, err := io.ReadAll(io.LimitReader(r, maxInput+1))
	if err != nil {
		return nil, display, fmt.Errorf("%s: %w", display, err)
	}
	if len(data) > maxInput {
		return nil, display, tooLarge(display)
	}
	return data, display, nil
}

// inputError prefixes a parser error with the file name, in the
// file:line:column form editors understand.
func inputError(display string, err error) error {
	var pe *parser.Error
	if errors.As(err, &pe) && pe.Line > 0 {
		where := ""
		if pe.Path != "" {
			where = " (" + pe.Path + ")"
		}
		return fmt.Errorf("%s:%d:%d: %s%s: %s", display, pe.Line, pe.Column, pe.Kind, where, pe.Message)
	}
	return fmt.Errorf("%s: %w", display, err)
}

// printDiagnostics writes warnings to stderr, one per line, with the file
// name first.
func printDiagnostics(w io.Writer, display string, diags []model.Diagnostic) {
	for _, d := range diags {
		fmt.Fprintln(w, termtext.Line(display+": "+d.String()))
	}
}

// mergeDiagnostics joins the parser's and the generator's diagnostics,
// folding the generator's message into a parser one about the same place
// so each place is reported once.
func mergeDiagnostics(parsed, generated []model.Diagnostic) []model.Diagnostic {
	out := append([]model.Diagnostic(nil), parsed...)
	byPath := map[string]int{}
	for i, d := range out {
		if _, ok := byPath[d.Path]; !ok && d.Path != "" {
			byPath[d.Path] = i
		}
	}
	for _, d := range generated {
		if i, ok := byPath[d.Path]; ok {
			out[i].Message += "; " + d.Message
			continue
		}
		out = append(out, d)
	}
	return out
}

// summary is "3 services, 41 methods, 58 types, 2 warnings".
func summary(st generator.Stats, warnings int) string {
	return fmt.Sprintf("%s, %s, %s, %s", plural(st.Services, "service"), plural(st.Methods, "method"), plural(st.Types, "type"), plural(warnings, "warning"))
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
