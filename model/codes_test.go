package model

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	_ "github.com/postgen/postgen/internal/testflag"
)

// TestCodesTable: every Code constant is in the table once, with a
// summary and an action, and every code in the table is a constant; every
// constant is used by the packages that report diagnostics, and those
// packages use no other (so the table, `postgen help diagnostics` and the
// README, which are made from it, list exactly the codes postgen prints).
func TestCodesTable(t *testing.T) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "codes.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	declared := map[string]Code{} // constant name → code
	ast.Inspect(f, func(n ast.Node) bool {
		vs, ok := n.(*ast.ValueSpec)
		if !ok || len(vs.Values) != 1 {
			return true
		}
		if id, ok := vs.Type.(*ast.Ident); !ok || id.Name != "Code" {
			return true
		}
		lit := vs.Values[0].(*ast.BasicLit)
		v, _ := strconv.Unquote(lit.Value)
		declared[vs.Names[0].Name] = Code(v)
		return true
	})
	if len(declared) < 10 {
		t.Fatalf("found %d Code constants in codes.go", len(declared))
	}
	inTable := map[Code]int{}
	for _, ci := range Codes() {
		inTable[ci.Code]++
		if ci.Summary == "" || ci.Action == "" || !strings.HasSuffix(ci.Summary, ".") {
			t.Errorf("%s: summary and action must be sentences: %+v", ci.Code, ci)
		}
		if ci.Code != Code(strings.ToLower(string(ci.Code))) || strings.ContainsAny(string(ci.Code), " _") {
			t.Errorf("%s: codes are lower-case kebab words", ci.Code)
		}
	}
	values := map[Code]bool{}
	for name, c := range declared {
		values[c] = true
		if inTable[c] != 1 {
			t.Errorf("%s (%s) is in the table %d times, want once", name, c, inTable[c])
		}
	}
	for c := range inTable {
		if !values[c] {
			t.Errorf("the table has %s, which is no Code constant", c)
		}
	}

	// The uses, in the packages that make diagnostics and errors.
	used := map[string]bool{}
	for _, dir := range []string{"../parser", "../generator", "../cli", "../config"} {
		files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		for _, path := range files {
			if strings.HasSuffix(path, "_test.go") {
				continue
			}
			f, err := parser.ParseFile(fset, path, nil, 0)
			if err != nil {
				t.Fatal(err)
			}
			ast.Inspect(f, func(n ast.Node) bool {
				sel, ok := n.(*ast.SelectorExpr)
				if !ok {
					return true
				}
				if x, ok := sel.X.(*ast.Ident); ok && x.Name == "model" && strings.HasPrefix(sel.Sel.Name, "Code") && !notCodes[sel.Sel.Name] {
					if _, ok := declared[sel.Sel.Name]; !ok {
						t.Errorf("%s uses model.%s, which codes.go does not declare", fset.Position(sel.Pos()), sel.Sel.Name)
					}
					used[sel.Sel.Name] = true
				}
				return true
			})
		}
	}
	var unused []string
	for name := range declared {
		if !used[name] {
			unused = append(unused, name)
		}
	}
	sort.Strings(unused)
	if len(unused) > 0 {
		t.Errorf("codes no diagnostic uses (remove them from the table, or report them): %v", unused)
	}
}

// TestSeverityFromCode: a diagnostic's severity is its code's.
func TestSeverityFromCode(t *testing.T) {
	for c, want := range map[Code]Severity{CodeUndefinedVariable: Warning, CodeCredentialNotCopied: Note, CodeInvalidJSON: Error} {
		d := Diag(c, "item[0]", "x %d", 1)
		if d.Severity != want || d.Message != "x 1" || d.Code != c {
			t.Errorf("Diag(%s) = %+v, want severity %s", c, d, want)
		}
	}
	d := Diag(CodeCredentialNotCopied, "item[0].request.header[0]", "m")
	d.Line, d.Column = 3, 7
	if got, want := d.String(), "note[credential-not-copied]: item[0].request.header[0] (3:7): m"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	if got := CountOf([]Diagnostic{d, Diag(CodeUndefinedVariable, "", "m")}).String(); got != "1 warning, 1 note" {
		t.Errorf("count = %q", got)
	}
}

// notCodes are the names in model that start with Code but are no code.
var notCodes = map[string]bool{"Code": true, "Codes": true, "CodeInfo": true, "CodedError": true}
