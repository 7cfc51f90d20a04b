package generator

import (
	"bytes"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/postgen/postgen/generator/names"
	pgparser "github.com/postgen/postgen/parser"
	"github.com/postgen/postgen/templates"
)

// maxSeed keeps the fuzzer's seeds small enough to mutate quickly; the
// large corpus collections are covered whole by TestGeneratedCodeTypeChecks.
const maxSeed = 64 << 10

// FuzzPipeline feeds arbitrary bytes through the whole pipeline, parser then
// generator, and checks the promise the CLI makes: either a clear error, or
// an SDK whose files have safe names, the generated header, and Go that
// go/parser parses and go/types type-checks, the same bytes every time.
func FuzzPipeline(f *testing.F) {
	for _, pattern := range []string{
		"../testdata/*/collection.json",
		"../testdata/hostile/*/collection.json",
		filepath.Join(sharedCollections(), "*.json"),
	} {
		paths, _ := filepath.Glob(pattern)
		for _, p := range paths {
			if data, err := os.ReadFile(p); err == nil && len(data) <= maxSeed {
				f.Add(data)
			}
		}
	}
	f.Add([]byte(`{"info":{"name":"x"},"item":[{"name":"type","request":"{{baseUrl}}/a/:id?q=1"}]}`))
	fset := token.NewFileSet()
	imp := warmImporter(f, fset)
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := pgparser.Parse(data)
		if err != nil {
			return // FuzzParse checks the parser's errors.
		}
		pkg := names.PackageName(res.Collection.Name)
		if pkg == "" {
			pkg = "api"
		}
		out, err := Generate(res.Collection, Config{Package: pkg})
		if err != nil {
			// Generate fails only on its own bugs (invalid Go, two files
			// of one name): a collection must never trigger that.
			t.Fatalf("Generate: %v", err)
		}
		again, err := Generate(res.Collection, Config{Package: pkg})
		if err != nil || len(again.Files) != len(out.Files) {
			t.Fatalf("second Generate differs: %v", err)
		}
		checkSDK(t, fset, imp, pkg, out, again)
	})
}

// warmImporter returns a source importer that has already type-checked
// every standard package the runtime imports. The fuzzing engine kills a
// worker whose input runs longer than 10 s, and checking net/http and its
// dependencies from source takes seconds: it must not happen during the
// first input of each worker.
func warmImporter(f *testing.F, fset *token.FileSet) types.Importer {
	imp := importer.ForCompiler(fset, "source", nil)
	rt, err := templates.Runtime("warm", templates.Features{})
	if err != nil {
		f.Fatal(err)
	}
	for _, file := range rt {
		af, err := parser.ParseFile(token.NewFileSet(), file.Name, file.Data, parser.ImportsOnly)
		if err != nil {
			f.Fatal(err)
		}
		for _, spec := range af.Imports {
			path := strings.Trim(spec.Path.Value, `"`)
			if _, err := imp.Import(path); err != nil {
				f.Fatalf("importing %s: %v", path, err)
			}
		}
	}
	return imp
}

// checkSDK asserts what FuzzPipeline promises of one generated SDK.
func checkSDK(t *testing.T, fset *token.FileSet, imp types.Importer, pkg string, out, again *Result) {
	t.Helper()
	var files []*ast.File
	for i, f := range out.Files {
		if f.Name != again.Files[i].Name || !bytes.Equal(f.Data, again.Files[i].Data) {
			t.Fatalf("%s: not deterministic", f.Name)
		}
		if !safeFileName(f.Name) {
			t.Fatalf("unsafe file name %q", f.Name)
		}
		if !strings.HasSuffix(f.Name, ".go") {
			continue
		}
		if !bytes.HasPrefix(f.Data, []byte(templates.Header+"\n")) {
			t.Fatalf("%s lacks the generated header", f.Name)
		}
		af, err := parser.ParseFile(fset, f.Name, f.Data, parser.ParseComments)
		if err != nil {
			t.Fatalf("%s does not parse: %v\n%s", f.Name, err, f.Data)
		}
		if af.Name.Name != pkg {
			t.Fatalf("%s: package %s, want %s", f.Name, af.Name.Name, pkg)
		}
		files = append(files, af)
	}
	conf := types.Config{Importer: imp}
	if _, err := conf.Check(pkg, fset, files, nil); err != nil {
		t.Fatalf("generated code does not type-check: %v", err)
	}
}

// sharedCollections finds shared/collections in a directory above the
// package (../shared beside the checkout), or a path that matches nothing without it.
func sharedCollections() string {
	dir, err := filepath.Abs(".")
	for err == nil {
		c := filepath.Join(dir, "shared", "collections")
		if st, err := os.Stat(c); err == nil && st.IsDir() {
			return c
		}
		if filepath.Dir(dir) == dir {
			break
		}
		dir = filepath.Dir(dir)
	}
	return "/nonexistent"
}

// safeFileName reports whether a generated name stays inside the output
// directory: relative, slash-separated, clean, no dot-dot, no backslash,
// no control characters.
func safeFileName(name string) bool {
	if name == "" || path.IsAbs(name) || path.Clean(name) != name || strings.HasPrefix(name, "../") || name == ".." {
		return false
	}
	for _, r := range name {
		if r < 0x20 || r == '\\' || r == ':' || r == 0x7f {
			return false
		}
	}
	return true
}
