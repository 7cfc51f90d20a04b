package sdk

import (
	"go/parser"
	"go/token"
	"os"
	"strconv"
	"strings"
	"testing"
)

// SDKs without OAuth 2.0 must not link golang.org/x/oauth2: only package
// sdkoauth2 may import it, never this one.
func TestRuntimeDoesNotImportOAuth2(t *testing.T) {
	entries, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".go") || strings.HasSuffix(e.Name(), "_test.go") {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), e.Name(), nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range f.Imports {
			if path, _ := strconv.Unquote(imp.Path.Value); strings.HasPrefix(path, "golang.org/x/oauth2") {
				t.Errorf("%s imports %s: OAuth 2.0 belongs in package sdkoauth2", e.Name(), path)
			}
		}
	}
}
