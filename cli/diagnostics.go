package cli

import (
	"fmt"
	"io"

	"github.com/postgen/postgen/internal/termtext"
	"github.com/postgen/postgen/model"
)

// This file is what generate and inspect print about the input: the
// parser's, the generator's and the environments' diagnostics, less the
// ones postgen.yaml accepts, plus a note for each accept entry that
// matched nothing. --strict fails on the warnings left, never on notes.

// located is a diagnostic with the file it is about ("collection.json",
// "prod.postman_environment.json", "postgen.yaml:4:5").
type located struct {
	where string
	d     model.Diagnostic
}

// report is every diagnostic of one run.
type report struct {
	// coll are the collection's, in input order; others the
	// environments' and the accept list's.
	coll   []model.Diagnostic
	others []located
	// accepted counts the diagnostics postgen.yaml accepts, not printed.
	accepted int
	display  string
}

// newReport joins the collection's diagnostics (parser and generator),
// the environments', and applies postgen.yaml's accept list.
func (l *loaded) newReport(generated []model.Diagnostic) *report {
	r := &report{display: l.display}
	all := mergeDiagnostics(l.diags, generated)
	for _, d := range l.envDiags {
		all = append(all, d.d)
	}
	keep := make([]bool, len(all))
	for i := range keep {
		keep[i] = true
	}
	if l.file != nil {
		accepted, stale := l.file.Accepted(all)
		for i, a := range accepted {
			if a {
				keep[i] = false
				r.accepted++
			}
		}
		for _, s := range stale {
			r.others = append(r.others, located{where: s.Pos.String(), d: s.Diag})
		}
	}
	nColl := len(all) - len(l.envDiags)
	var env []located
	for i, d := range all {
		switch {
		case !keep[i]:
		case i < nColl:
			r.coll = append(r.coll, d)
		default:
			env = append(env, located{where: l.envDiags[i-nColl].where, d: d})
		}
	}
	r.others = append(env, r.others...)
	return r
}

// count is what the report holds, by severity.
func (r *report) count() model.Count {
	c := model.CountOf(r.coll)
	for _, o := range r.others {
		c = c.Add(model.CountOf([]model.Diagnostic{o.d}))
	}
	return c
}

// summary is "2 warnings, 1 note (3 accepted)".
func (r *report) summary() string {
	s := r.count().String()
	if r.accepted > 0 {
		s += fmt.Sprintf(" (%d accepted)", r.accepted)
	}
	return s
}

// strictError is the error --strict gives, nil when no warning is left.
func (r *report) strictError(suffix string) error {
	n := r.count().Warnings
	if n == 0 {
		return nil
	}
	return usageError(fmt.Errorf("%s and --strict%s", plural(n, "warning"), suffix))
}

// print writes every diagnostic, one per line, each after the file it is
// about.
func (r *report) print(w io.Writer) {
	printDiagnostics(w, r.display, r.coll)
	for _, o := range r.others {
		fmt.Fprintln(w, termtext.Line(o.where+": "+o.d.String()))
	}
}

// printDiagnostics writes diagnostics to stderr, one per line, with the
// file name first.
func printDiagnostics(w io.Writer, display string, diags []model.Diagnostic) {
	for _, d := range diags {
		fmt.Fprintln(w, termtext.Line(display+": "+d.String()))
	}
}

// mergeDiagnostics joins the parser's and the generator's diagnostics,
// folding a generator message into a parser one of the same severity
// about the same place so each place is reported once (a note never
// hides in a warning, nor a warning in a note).
func mergeDiagnostics(parsed, generated []model.Diagnostic) []model.Diagnostic {
	out := append([]model.Diagnostic(nil), parsed...)
	type key struct {
		path string
		sev  model.Severity
	}
	byPath := map[key]int{}
	for i, d := range out {
		k := key{d.Path, d.Severity}
		if _, ok := byPath[k]; !ok && d.Path != "" {
			byPath[k] = i
		}
	}
	for _, d := range generated {
		if i, ok := byPath[key{d.Path, d.Severity}]; ok {
			out[i].Message += "; " + d.Message
			continue
		}
		out = append(out, d)
	}
	return out
}
