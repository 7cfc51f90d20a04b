package generator

import (
	"bytes"
	"go/format"
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
	t.Parallel()
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
			// Part of each file is written as text in gofmt's layout
			// (gotext.go): gofmt must find nothing to change.
			if strings.HasSuffix(a.Files[i].Name, ".go") {
				if out, err := format.Source(a.Files[i].Data); err != nil || !bytes.Equal(out, a.Files[i].Data) {
					t.Errorf("%s: %s is not gofmt's layout (%v)", in, a.Files[i].Name, err)
				}
			}
		}
	}
}

// srcImporter imports the standard library (from export data, see
// warmImporter) once for all the SDKs.
var (
	importerOnce sync.Once
	srcImporter  types.Importer
	importFset   = token.NewFileSet()
)
