package generator

import (
	"bytes"
	"go/ast"
	"go/format"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/postgen/postgen/generator/names"
	_ "github.com/postgen/postgen/internal/testflag"
	pgparser "github.com/postgen/postgen/parser"
	"github.com/postgen/postgen/templates"
)

// inputs lists the testdata collections and the v2 corpus collections.
func inputs(t *testing.T) []string {
	t.Helper()
	var files []string
	cases, _ := filepath.Glob("../testdata/*/collection.json")
	files = append(files, cases...)
	corpus, _ := filepath.Glob("../../shared/collections/*.json")
	files = append(files, corpus...)
	if len(corpus) == 0 {
		t.Log("no corpus at ../../shared/collections; checking testdata only")
	}
	return files
}

// generate parses and generates one input, skipping inputs the parser
// refuses (those have their own tests).
func generate(t *testing.T, path string) *Result {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	res, err := pgparser.Parse(data)
	if err != nil {
		return nil
	}
	pkg := names.PackageName(res.Collection.Name)
	if pkg == "" {
		pkg = "api"
	}
	out, err := Generate(res.Collection, Config{Package: pkg})
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return out
}

func TestSameInputSameBytes(t *testing.T) {
	for _, in := range inputs(t) {
		a := generate(t, in)
		if a == nil {
			continue
		}
		b := generate(t, in)
		if len(a.Files) != len(b.Files) {
			t.Fatalf("%s: %d then %d files", in, len(a.Files), len(b.Files))
		}
		for i := range a.Files {
			if a.Files[i].Name != b.Files[i].Name || !bytes.Equal(a.Files[i].Data, b.Files[i].Data) {
				t.Errorf("%s: %s differs between two runs", in, a.Files[i].Name)
			}
		}
	}
}

// sourceImporter type-checks the standard library from source once for
// all the SDKs.
var (
	importerOnce sync.Once
	srcImporter  types.Importer
	importFset   = token.NewFileSet()
)

func TestGeneratedCodeTypeChecks(t *testing.T) {
	importerOnce.Do(func() { srcImporter = importer.ForCompiler(importFset, "source", nil) })
	for _, in := range inputs(t) {
		res := generate(t, in)
		if res == nil {
			continue
		}
		var files []*ast.File
		for _, f := range res.Files {
			// example_test.go is in the SDK's own package: checked with it.
			if !strings.HasSuffix(f.Name, ".go") || strings.Contains(f.Name, "/") {
				continue
			}
			if !bytes.HasPrefix(f.Data, []byte(templates.Header+"\n")) {
				t.Errorf("%s: %s lacks the generated header", in, f.Name)
			}
			// Some files are written in gofmt's layout directly (goText):
			// gofmt must leave every file as it is.
			if formatted, err := format.Source(f.Data); err != nil || !bytes.Equal(formatted, f.Data) {
				t.Errorf("%s: %s is not gofmt'd (%v)", in, f.Name, err)
			}
			af, err := parser.ParseFile(importFset, f.Name, f.Data, parser.ParseComments)
			if err != nil {
				t.Fatalf("%s: %s: %v", in, f.Name, err)
			}
			files = append(files, af)
		}
		conf := types.Config{Importer: srcImporter}
		if _, err := conf.Check(files[0].Name.Name, importFset, files, nil); err != nil {
			t.Errorf("%s: generated code does not type-check: %v", in, err)
		}
	}
}
