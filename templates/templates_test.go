package templates

import (
	"bytes"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"strings"
	"testing"

	_ "github.com/postgen/postgen/internal/testflag"
)

func TestRuntimeFilesAreRewrittenAndParse(t *testing.T) {
	files, err := Runtime("neonapis", Features{})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no runtime files")
	}
	fset := token.NewFileSet()
	for _, f := range files {
		if !bytes.HasPrefix(f.Data, []byte(Header+"\n")) {
			t.Errorf("%s does not start with the generated header", f.Name)
		}
		if strings.HasSuffix(f.Name, "_test.go") || f.Name == "doc.go" {
			t.Errorf("%s must not be copied", f.Name)
		}
		if strings.HasPrefix(f.Name, "auth_") {
			t.Errorf("%s copied without its auth type being used", f.Name)
		}
		af, err := parser.ParseFile(fset, f.Name, f.Data, parser.PackageClauseOnly)
		if err != nil || af.Name.Name != "neonapis" {
			t.Errorf("%s: package clause not rewritten: %v", f.Name, err)
		}
	}
}

func TestReservedNamesCoverTheRuntime(t *testing.T) {
	got, err := ReservedNames()
	if err != nil {
		t.Fatal(err)
	}
	have := map[string]bool{}
	for _, n := range got {
		have[n] = true
	}
	for _, want := range []string{"core", "operation", "send", "Option", "WithBaseURL", "APIError", "Response"} {
		if !have[want] {
			t.Errorf("ReservedNames lacks %q", want)
		}
	}
}

// Each auth type's file is copied alone (with auth.go): it must compile
// without the files of the other types.
func TestEachAuthTypeCompilesAlone(t *testing.T) {
	if testing.Short() {
		t.Skip("type-checks the standard library from source")
	}
	fset := token.NewFileSet()
	imp := importer.ForCompiler(fset, "source", nil)
	none, _ := Runtime("sdk", Features{})
	for _, f := range none {
		if f.Name == "auth.go" {
			t.Errorf("auth.go copied without any auth type")
		}
	}
	names, _ := FileNames()
	for _, name := range names {
		typ, ok := strings.CutPrefix(name, "auth_")
		if !ok {
			continue
		}
		files, err := Runtime("sdk", Features{Auth: []string{typ}})
		if err != nil {
			t.Fatal(err)
		}
		var parsed []*ast.File
		hasShared := false
		for _, f := range files {
			hasShared = hasShared || f.Name == "auth.go"
			af, err := parser.ParseFile(fset, f.Name, f.Data, 0)
			if err != nil {
				t.Fatal(err)
			}
			parsed = append(parsed, af)
		}
		if !hasShared {
			t.Errorf("%s: auth.go not copied", typ)
		}
		conf := types.Config{Importer: imp}
		if _, err := conf.Check("sdk", fset, parsed, nil); err != nil {
			t.Errorf("the runtime with only %s auth does not compile: %v", typ, err)
		}
	}
}

// A name only an unused auth type's file declares is free.
func TestReservedNamesForFollowFeatures(t *testing.T) {
	without, _ := ReservedNamesFor(Features{})
	with, _ := ReservedNamesFor(Features{Auth: []string{"apikey"}})
	has := func(list []string, name string) bool {
		for _, n := range list {
			if n == name {
				return true
			}
		}
		return false
	}
	if has(without, "WithAPIKey") || has(without, "AuthError") || !has(without, "NewClient") && !has(without, "WithBaseURL") {
		t.Errorf("without auth: %v", without)
	}
	if !has(with, "WithAPIKey") || !has(with, "AuthError") || has(with, "WithBearerToken") {
		t.Errorf("with apikey: %v", with)
	}
}
