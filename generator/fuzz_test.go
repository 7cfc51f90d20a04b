package generator

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/scanner"
	"go/token"
	"go/types"
	"io"
	"maps"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/postgen/postgen/generator/names"
	pgparser "github.com/postgen/postgen/parser"
	"github.com/postgen/postgen/templates"
)

// fuzzDirective matches a line that the go command or the compiler would
// read as a directive.
var fuzzDirective = regexp.MustCompile(`(?m)^[ \t]*(//go:|//line[ \t]|/\*line |#cgo|//export )`)

// maxSeed keeps the fuzzer's seeds small: every seed is a whole SDK to
// generate, parse and type-check before fuzzing starts (the baseline), and
// small inputs mutate quickly. The corpus collections are covered whole by
// TestGeneratedDocs and cli's TestCorpusBuilds.
const maxSeed = 8 << 10

// FuzzPipeline feeds arbitrary bytes through the whole pipeline, parser then
// generator, and checks the promise the CLI makes: either a clear error, or
// an SDK whose files have safe names, the generated header, and Go that
// go/parser parses and go/types type-checks, the same bytes every time.
func FuzzPipeline(f *testing.F) {
	for _, data := range fuzzSeeds(f, maxSeed, "../testdata/*/collection.json", "../testdata/hostile/*/collection.json") {
		f.Add(data)
	}
	f.Add([]byte(`{"info":{"name":"x"},"item":[{"name":"type","request":"{{baseUrl}}/a/:id?q=1"}]}`))
	imp := warmImporter(f, token.NewFileSet())
	checked := map[[sha256.Size]byte]bool{}
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
		// No line of a generated Go file may start a directive (checked
		// here on its own, not through checkDirectives).
		for _, f := range out.Files {
			if strings.HasSuffix(f.Name, ".go") {
				if m := fuzzDirective.Find(f.Data); m != nil {
					t.Fatalf("%s has a line starting with a directive: %q", f.Name, m)
				}
			}
		}
		again, err := Generate(res.Collection, Config{Package: pkg})
		if err != nil || len(again.Files) != len(out.Files) {
			t.Fatalf("second Generate differs: %v", err)
		}
		// A file set per execution: a shared one would grow for ever.
		fset := token.NewFileSet()
		packages := parseSDK(t, fset, pkg, out, again)
		// Type-checking takes most of an execution; code that differs from
		// code already checked only in comments and string literals
		// type-checks the same, so it is checked once.
		if key := shapeKey(out); !checked[key] {
			for dir, files := range packages {
				conf := types.Config{Importer: imp}
				if _, err := conf.Check(files[0].Name.Name, fset, files, nil); err != nil {
					t.Fatalf("generated package %q does not type-check: %v", dir, err)
				}
			}
			checked[key] = true
		}
	})
}

// fuzzSeeds reads the files the patterns match, keeping those of at most
// max bytes and each content once (many hostile cases share a collection).
func fuzzSeeds(f *testing.F, max int, patterns ...string) [][]byte {
	var seeds [][]byte
	seen := map[[sha256.Size]byte]bool{}
	for _, pattern := range patterns {
		paths, err := filepath.Glob(pattern)
		if err != nil {
			f.Fatal(err)
		}
		for _, p := range paths {
			data, err := os.ReadFile(p)
			if err != nil {
				f.Fatal(err)
			}
			if key := sha256.Sum256(data); len(data) <= max && !seen[key] {
				seen[key] = true
				seeds = append(seeds, data)
			}
		}
	}
	if len(seeds) == 0 {
		f.Fatalf("no seeds in %v", patterns)
	}
	return seeds
}

// shapeKey hashes the Go files of an SDK as go/types sees them: tokens and
// identifiers, without comments, with every string literal alike and
// without the package clause (SDKs that differ only in their package name
// type-check alike).
func shapeKey(out *Result) [sha256.Size]byte {
	h := sha256.New()
	for _, f := range out.Files {
		if !strings.HasSuffix(f.Name, ".go") {
			continue
		}
		fset := token.NewFileSet()
		var s scanner.Scanner
		s.Init(fset.AddFile(f.Name, -1, len(f.Data)), f.Data, nil, 0)
		for prev := token.ILLEGAL; ; {
			_, tok, lit := s.Scan()
			if tok == token.EOF {
				break
			}
			if tok == token.STRING || tok == token.IDENT && prev == token.PACKAGE {
				lit = ""
			}
			prev = tok
			fmt.Fprintf(h, "%d %s\n", tok, lit)
		}
		h.Write([]byte{0})
	}
	var key [sha256.Size]byte
	h.Sum(key[:0])
	return key
}

// warmImporter returns an importer of the runtime packages and every
// package the generated files import, from the compiler's export data: one go list
// -export builds (or finds in the build cache) the export data of them
// all, so an SDK type-checks against the standard library in
// milliseconds, where type-checking net/http and its dependencies from
// source takes seconds (more in a fuzzing worker, whose code is
// instrumented, and the fuzzing engine gives up on a worker whose first
// input runs past 10 s). A package outside that set is looked up on its
// own.
func warmImporter(tb testing.TB, fset *token.FileSet) types.Importer {
	tb.Helper()
	var rt []File
	// The generated files add subpackages (the mock server) with imports
	// of their own.
	res, err := pgparser.Parse([]byte(`{"info":{"name":"warm"},"item":[{"name":"get","request":"https://warm.example/a?q=1"}]}`))
	if err != nil {
		tb.Fatal(err)
	}
	sdk, err := Generate(res.Collection, Config{Package: "warm"})
	if err != nil {
		tb.Fatal(err)
	}
	for _, file := range sdk.Files {
		if strings.HasSuffix(file.Name, ".go") {
			rt = append(rt, file)
		}
	}
	imports := map[string]bool{sdkPath: true, sdkMockPath: true}
	for _, file := range rt {
		af, err := parser.ParseFile(token.NewFileSet(), file.Name, file.Data, parser.ImportsOnly)
		if err != nil {
			tb.Fatal(err)
		}
		for _, spec := range af.Imports {
			imports[strings.Trim(spec.Path.Value, `"`)] = true
		}
	}
	exports, err := exportData(slices.Sorted(maps.Keys(imports))...)
	if err != nil {
		tb.Fatal(err)
	}
	imp := importer.ForCompiler(fset, "gc", func(path string) (io.ReadCloser, error) {
		file, ok := exports[path]
		if !ok {
			more, err := exportData(path)
			if err != nil {
				return nil, err
			}
			maps.Copy(exports, more)
			if file, ok = exports[path]; !ok {
				return nil, fmt.Errorf("no export data for %s", path)
			}
		}
		return os.Open(file)
	})
	for path := range imports {
		if _, err := imp.Import(path); err != nil {
			tb.Fatalf("importing %s: %v", path, err)
		}
	}
	return imp
}

// exportData runs go list -export on the packages and returns the export
// data file of each of them and of their dependencies, by import path.
func exportData(paths ...string) (map[string]string, error) {
	goCmd := filepath.Join(runtime.GOROOT(), "bin", "go")
	cmd := exec.Command(goCmd, append([]string{"list", "-export", "-deps", "-f", "{{.ImportPath}}\t{{.Export}}"}, paths...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go list -export: %v\n%s", err, stderr.Bytes())
	}
	exports := map[string]string{}
	for _, line := range strings.Split(string(out), "\n") {
		if path, file, ok := strings.Cut(line, "\t"); ok && file != "" {
			exports[path] = file
		}
	}
	return exports, nil
}

// parseSDK asserts what FuzzPipeline promises of one generated SDK, but
// type-checking, and returns its parsed Go files by directory: the SDK
// package in ".", and its subpackages (the mock server), which import only
// the standard library.
func parseSDK(t *testing.T, fset *token.FileSet, pkg string, out, again *Result) map[string][]*ast.File {
	t.Helper()
	packages := map[string][]*ast.File{}
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
		dir, want := path.Dir(f.Name), pkg
		if dir != "." {
			want = path.Base(dir)
		}
		if af.Name.Name != want {
			t.Fatalf("%s: package %s, want %s", f.Name, af.Name.Name, want)
		}
		packages[dir] = append(packages[dir], af)
	}
	return packages
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
