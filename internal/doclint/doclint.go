// Package doclint checks the documentation of a generated SDK the way a
// careful reviewer would: the package has a package comment; every
// exported identifier (function, method, type, constant, variable, struct
// field, interface method) has a doc comment, and the comment of each
// declaration starts with the name it documents; and every file is
// exactly as gofmt prints it (so gofmt and go doc agree with the file).
//
// It also extracts the Go snippets of an SDK's documentation (doc.go,
// README.md, the mock server's package comment) so tests can compile them
// against the SDK. It is used by the golden, generator and corpus tests.
package doclint

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// File is one file of a package: a name for messages and its contents.
type File struct {
	Name string
	Data []byte
}

// Problem is one finding.
type Problem struct {
	File    string
	Line    int
	Message string
}

// String renders the problem as file:line: message.
func (p Problem) String() string { return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Message) }

// Lint checks the Go files of one package (test files are left out).
func Lint(files []File) []Problem {
	l := &linter{fset: token.NewFileSet()}
	pkgDoc := false
	pkgName := ""
	for _, f := range files {
		if !strings.HasSuffix(f.Name, ".go") || strings.HasSuffix(f.Name, "_test.go") {
			continue
		}
		if out, err := format.Source(f.Data); err != nil {
			l.add(f.Name, 1, "does not parse: %v", err)
			continue
		} else if !bytes.Equal(out, f.Data) {
			l.add(f.Name, 1, "is not gofmt'd")
		}
		af, err := parser.ParseFile(l.fset, f.Name, f.Data, parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			l.add(f.Name, 1, "does not parse: %v", err)
			continue
		}
		pkgName = af.Name.Name
		if af.Doc != nil {
			pkgDoc = true
			if want := "Package " + pkgName + " "; !strings.HasPrefix(af.Doc.Text(), want) {
				l.add(f.Name, l.line(af.Doc), "package comment does not start with %q", want)
			}
		}
		l.file(f.Name, af)
	}
	if pkgName != "" && !pkgDoc {
		l.add("(package "+pkgName+")", 0, "no package comment")
	}
	sort.SliceStable(l.problems, func(i, j int) bool {
		if l.problems[i].File != l.problems[j].File {
			return l.problems[i].File < l.problems[j].File
		}
		return l.problems[i].Line < l.problems[j].Line
	})
	return l.problems
}

// LintDir lints every package in dir and its subdirectories.
func LintDir(dir string) ([]Problem, error) {
	byDir := map[string][]File{}
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		byDir[filepath.Dir(path)] = append(byDir[filepath.Dir(path)], File{Name: path, Data: data})
		return nil
	})
	if err != nil {
		return nil, err
	}
	var out []Problem
	dirs := make([]string, 0, len(byDir))
	for d := range byDir {
		dirs = append(dirs, d)
	}
	sort.Strings(dirs)
	for _, d := range dirs {
		out = append(out, Lint(byDir[d])...)
	}
	return out, nil
}

// linter collects the problems of a package.
type linter struct {
	fset     *token.FileSet
	problems []Problem
}

func (l *linter) add(file string, line int, format string, args ...any) {
	l.problems = append(l.problems, Problem{File: file, Line: line, Message: fmt.Sprintf(format, args...)})
}

func (l *linter) line(n ast.Node) int { return l.fset.Position(n.Pos()).Line }

// file checks the declarations of one file.
func (l *linter) file(name string, f *ast.File) {
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if !d.Name.IsExported() || d.Recv != nil && !exportedRecv(d.Recv) {
				continue
			}
			l.startsWithName(name, d.Name, d.Doc, d.Pos())
		case *ast.GenDecl:
			l.genDecl(name, d)
		}
	}
}

// genDecl checks a type, const or var declaration. In a group with a doc
// comment of its own, specs without one are covered by it (as for a
// block of related constants).
func (l *linter) genDecl(file string, d *ast.GenDecl) {
	grouped := d.Lparen.IsValid()
	for _, s := range d.Specs {
		switch s := s.(type) {
		case *ast.TypeSpec:
			if !s.Name.IsExported() {
				continue
			}
			doc := s.Doc
			if doc == nil && !grouped {
				doc = d.Doc
			}
			l.startsWithName(file, s.Name, doc, s.Pos())
			l.typeMembers(file, s)
		case *ast.ValueSpec:
			for _, n := range s.Names {
				if !n.IsExported() {
					continue
				}
				switch {
				case s.Doc != nil:
					l.startsWithName(file, n, s.Doc, s.Pos())
				case !grouped:
					l.startsWithName(file, n, d.Doc, s.Pos())
				case d.Doc == nil && s.Comment == nil:
					l.add(file, l.line(n), "exported %s has no comment", n.Name)
				}
			}
		}
	}
}

// typeMembers checks the exported fields of a struct and the methods of
// an interface: each has a comment, its own or (for a field) that of the
// field just above it when no blank line separates them ("Method and URL
// are those of the request.").
func (l *linter) typeMembers(file string, s *ast.TypeSpec) {
	var list *ast.FieldList
	share := false
	switch t := s.Type.(type) {
	case *ast.StructType:
		list, share = t.Fields, true
	case *ast.InterfaceType:
		list = t.Methods
	default:
		return
	}
	prevLine, prevDocumented := -2, false
	for _, fld := range list.List {
		documented := fld.Doc != nil || fld.Comment != nil
		line := l.line(fld)
		if !documented && share && prevDocumented && line == prevLine+1 {
			documented = true
		}
		for _, n := range fld.Names {
			if n.IsExported() && !documented {
				l.add(file, line, "exported %s.%s has no comment", s.Name.Name, n.Name)
			}
		}
		prevLine, prevDocumented = l.fset.Position(fld.End()).Line, documented
	}
}

// startsWithName reports a missing doc comment, or one that does not
// start with the name (an article before it is allowed).
func (l *linter) startsWithName(file string, name *ast.Ident, doc *ast.CommentGroup, pos token.Pos) {
	if doc == nil {
		l.add(file, l.fset.Position(pos).Line, "exported %s has no doc comment", name.Name)
		return
	}
	text := doc.Text()
	for _, article := range []string{"A ", "An ", "The "} {
		text = strings.TrimPrefix(text, article)
	}
	if !strings.HasPrefix(text, name.Name+" ") && !strings.HasPrefix(text, name.Name+",") && !strings.HasPrefix(text, name.Name+"\n") {
		first, _, _ := strings.Cut(doc.Text(), "\n")
		l.add(file, l.line(doc), "doc comment of %s does not start with its name: %q", name.Name, first)
	}
}

// exportedRecv reports whether a method's receiver type is exported.
func exportedRecv(recv *ast.FieldList) bool {
	if len(recv.List) == 0 {
		return false
	}
	t := recv.List[0].Type
	for {
		switch x := t.(type) {
		case *ast.StarExpr:
			t = x.X
		case *ast.IndexExpr:
			t = x.X
		case *ast.IndexListExpr:
			t = x.X
		case *ast.Ident:
			return x.IsExported()
		default:
			return false
		}
	}
}
