package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/postgen/postgen/generator"
	"github.com/postgen/postgen/generator/names"
	"github.com/postgen/postgen/model"
	"github.com/postgen/postgen/parser"
	"github.com/postgen/postgen/writer"
)

// maxInput caps how much of a collection postgen reads. The largest real
// collections are a few MB; a bigger input is refused with a clear message
// instead of exhausting memory.
const maxInput = 256 << 20

// generateOptions are the flags of postgen generate.
type generateOptions struct {
	out   string
	pkg   string
	check bool
}

func newGenerateCmd(stdin io.Reader, stdout, stderr io.Writer) *cobra.Command {
	var o generateOptions
	cmd := &cobra.Command{
		Use:   "generate [flags] COLLECTION",
		Short: "Write (or check) the Go SDK for a collection",
		Long: `generate writes the Go SDK for COLLECTION, a Postman collection file (v2.0 or v2.1),
or - to read it from standard input.

The output directory holds only the SDK's files: postgen writes through a temporary
directory, so a failure leaves the previous SDK as it was; it removes files it generated
before that are no longer needed, and never touches any other file (keep your own tests
and helpers beside the SDK).

With --check nothing is written: postgen prints a unified diff of what would change and
exits 1 when the SDK is out of date, 0 when it is up to date.`,
		Example: `  postgen generate -o ./neonapis -p neonapis neon.postman_collection.json
  curl -s https://example.com/api.json | postgen generate -o ./api -p api -
  postgen generate --check -o ./neonapis -p neonapis neon.postman_collection.json

  # In a Go file of the package:
  //go:generate go run github.com/postgen/postgen generate -o . -p neonapis ../api/neon.postman_collection.json`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runGenerate(args[0], o, stdin, stdout, stderr)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&o.out, "out", "o", "", "output `DIR` (default ./<package>)")
	f.StringVarP(&o.pkg, "package", "p", "", "Go package `NAME` (default: from the collection's name)")
	f.BoolVar(&o.check, "check", false, "write nothing; print a unified diff and exit 1 if DIR is out of date")
	return cmd
}

// runGenerate is postgen generate.
func runGenerate(input string, o generateOptions, stdin io.Reader, stdout, stderr io.Writer) error {
	data, display, err := readInput(input, stdin)
	if err != nil {
		return &exitError{code: ExitUsage, err: err}
	}
	res, err := parser.Parse(data)
	if err != nil {
		return &exitError{code: ExitUsage, err: inputError(display, err)}
	}

	pkg := o.pkg
	if pkg == "" {
		pkg = names.PackageName(res.Collection.Name)
		if pkg == "" {
			return &exitError{code: ExitUsage, err: fmt.Errorf("cannot make a Go package name from the collection name %q: give one with -p NAME", res.Collection.Name)}
		}
	} else if err := names.CheckPackageName(pkg); err != nil {
		return &exitError{code: ExitUsage, err: fmt.Errorf("-p %s: %v", pkg, err)}
	}
	out := o.out
	if out == "" {
		out = "." + string(filepath.Separator) + pkg
	}

	gen, err := generator.Generate(res.Collection, generator.Config{Package: pkg})
	if err != nil {
		return &exitError{code: ExitUsage, err: err}
	}
	diags := mergeDiagnostics(res.Diagnostics, gen.Diagnostics)
	printDiagnostics(stderr, display, diags)
	files := make([]writer.File, len(gen.Files))
	for i, f := range gen.Files {
		files[i] = writer.File{Name: f.Name, Data: f.Data}
	}

	if o.check {
		drift, err := writer.Check(out, files)
		if err != nil {
			return &exitError{code: ExitUsage, err: err}
		}
		if drift.Clean() {
			fmt.Fprintf(stderr, "%s: up to date (%s)\n", pkg, out)
			return nil
		}
		io.WriteString(stdout, drift.Diff)
		fmt.Fprintf(stderr, "%s: %s in %s; run postgen generate to update it\n", pkg, drift.Summary(), out)
		return &exitError{code: ExitDrift}
	}
	if _, err := writer.Write(out, files); err != nil {
		return &exitError{code: ExitUsage, err: err}
	}
	fmt.Fprintf(stderr, "%s: %s → %s\n", pkg, summary(gen.Stats, len(diags)), out)
	return nil
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
		}
		r = f
	}
	data, err := io.ReadAll(io.LimitReader(r, maxInput+1))
	if err != nil {
		return nil, display, fmt.Errorf("%s: %w", display, err)
	}
	if len(data) > maxInput {
		return nil, display, fmt.Errorf("%s is larger than %d MiB, more than any Postman collection postgen expects; if it really is one, split it into several collections", display, maxInput>>20)
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
		fmt.Fprintf(w, "%s: %s\n", display, d)
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
