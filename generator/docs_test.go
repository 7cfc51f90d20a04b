package generator

import (
	"bytes"
	"go/ast"
	"go/parser"
	"go/types"
	"os"
	"strings"
	"testing"

	"github.com/postgen/postgen/generator/names"
	"github.com/postgen/postgen/internal/doclint"
	pgparser "github.com/postgen/postgen/parser"
	"github.com/postgen/postgen/templates"
)

// TestGeneratedDocs checks the SDK of every testdata and corpus collection:
// every Go file carries the generated header; every exported name is
// documented (its doc comment starting with the name) and every file
// gofmt'd, in the SDK and in its mock server package; the SDK, its mock
// server and its examples type-check; and every Go snippet of doc.go,
// README.md and the mock server's docs compiles against the SDK as
// generated.
func TestGeneratedDocs(t *testing.T) {
	t.Parallel()
	importerOnce.Do(func() { srcImporter = warmImporter(t, importFset) })
	snippets := 0
	for _, in := range inputs(t) {
		data, err := os.ReadFile(in)
		if err != nil {
			t.Fatal(err)
		}
		parsed, err := pgparser.Parse(data)
		if err != nil {
			continue
		}
		pkg := names.PackageName(parsed.Collection.Name)
		if pkg == "" {
			pkg = "api"
		}
		importPath := "example.com/sdk/" + pkg
		res, err := Generate(parsed.Collection, Config{Package: pkg, ImportPath: importPath})
		if err != nil {
			t.Fatalf("%s: %v", in, err)
		}
		var all, root, mock, examples []doclint.File
		for _, f := range res.Files {
			if strings.HasSuffix(f.Name, ".go") && !bytes.HasPrefix(f.Data, []byte(templates.Header+"\n")) {
				t.Errorf("%s: %s lacks the generated header", in, f.Name)
			}
			file := doclint.File{Name: f.Name, Data: f.Data}
			all = append(all, file)
			switch {
			case strings.HasPrefix(f.Name, pkg+"test/"):
				mock = append(mock, file)
			case f.Name == "example_test.go":
				examples = append(examples, file) // the external test package
			case !strings.Contains(f.Name, "/"):
				root = append(root, file)
			}
		}
		for _, p := range append(doclint.Lint(root), doclint.Lint(mock)...) {
			t.Errorf("%s: %s", in, p)
		}

		sdk := typeCheck(t, in, pkg, root, nil)
		mockPkg := typeCheck(t, in, pkg+"test", mock, nil)
		if sdk == nil || mockPkg == nil {
			continue
		}
		if len(examples) > 0 {
			typeCheck(t, in, pkg+"_test", examples, map[string]*types.Package{importPath: sdk, importPath + "/" + pkg + "test": mockPkg})
		}
		sn := doclint.Snippets(all)
		if len(sn) == 0 {
			t.Errorf("%s: no Go snippets in the SDK's docs", in)
			continue
		}
		snippets += len(sn)
		prog := doclint.Program(pkg, importPath, pkg+"test", importPath+"/"+pkg+"test", sn)
		typeCheck(t, in, "main", []doclint.File{{Name: "snippets.go", Data: prog}}, map[string]*types.Package{
			importPath:                      sdk,
			importPath + "/" + pkg + "test": mockPkg,
		})
	}
	t.Logf("%d documentation snippets compile", snippets)
}

// typeCheck type-checks the Go files of one package, resolving the given
// packages by import path and the rest with srcImporter. In the program
// of snippets (package main), "declared and not used" and "imported and
// not used" are not errors: snippets show results they do not use.
func typeCheck(t *testing.T, in, name string, files []doclint.File, known map[string]*types.Package) *types.Package {
	t.Helper()
	var afs []*ast.File
	for _, f := range files {
		if !strings.HasSuffix(f.Name, ".go") {
			continue
		}
		af, err := parser.ParseFile(importFset, f.Name, f.Data, parser.ParseComments)
		if err != nil {
			t.Errorf("%s: %s: %v", in, f.Name, err)
			return nil
		}
		afs = append(afs, af)
	}
	var errs []string
	conf := types.Config{
		Importer: importerFunc(func(path string) (*types.Package, error) {
			if p, ok := known[path]; ok {
				return p, nil
			}
			return srcImporter.Import(path)
		}),
		Error: func(err error) {
			msg := err.Error()
			if name == "main" && (strings.Contains(msg, "declared and not used") || strings.Contains(msg, "imported and not used")) {
				return
			}
			errs = append(errs, msg)
		},
	}
	pkg, _ := conf.Check(name, importFset, afs, nil)
	if len(errs) > 0 {
		src := ""
		if name == "main" {
			src = "\n" + numbered(string(files[0].Data))
		}
		t.Errorf("%s: package %s does not type-check:\n%s%s", in, name, strings.Join(errs, "\n"), src)
		return nil
	}
	return pkg
}

// importerFunc adapts a function to types.Importer.
type importerFunc func(path string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }
