package templates

import (
	"bytes"
	"go/parser"
	"go/token"
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
