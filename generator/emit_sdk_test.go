package generator

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"testing"

	"github.com/postgen/postgen/internal/sdkmodule"
	"github.com/postgen/postgen/internal/testflag"
	"github.com/postgen/postgen/sdk"
)

// runtimeDecls maps the exported top-level names of the runtime package
// in dir to their declarations as written, bodies left out ("func
// WithRetry(p RetryPolicy) Option", "type Option").
func runtimeDecls(t *testing.T, dir string) map[string]string {
	t.Helper()
	fset := token.NewFileSet()
	pkgs, err := parser.ParseDir(fset, dir, func(fi os.FileInfo) bool { return !strings.HasSuffix(fi.Name(), "_test.go") }, 0)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, pkg := range pkgs {
		for name, f := range pkg.Files {
			src, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			text := func(n ast.Node) string {
				return string(src[fset.Position(n.Pos()).Offset:fset.Position(n.End()).Offset])
			}
			for _, d := range f.Decls {
				switch d := d.(type) {
				case *ast.FuncDecl:
					if d.Recv == nil && d.Name.IsExported() {
						out[d.Name.Name] = "func " + strings.TrimPrefix(text(d.Type), "func ")
					}
				case *ast.GenDecl:
					for _, s := range d.Specs {
						switch s := s.(type) {
						case *ast.TypeSpec:
							decl := "type " + s.Name.Name
							if s.TypeParams != nil {
								decl += text(s.TypeParams)
							}
							out[s.Name.Name] = decl
						case *ast.ValueSpec:
							for _, n := range s.Names {
								out[n.Name] = d.Tok.String() + " " + n.Name
							}
						}
					}
				}
			}
		}
	}
	return out
}

// TestSDKExportsMatchTheRuntime holds the table of re-exported names to
// package sdk as it is: every name exists with the declaration the table
// gives (so the docs' option signatures are right), and every exported
// option of the runtime is re-exported.
func TestSDKExportsMatchTheRuntime(t *testing.T) {
	decls := map[string]map[string]string{
		sdkPath:       runtimeDecls(t, "../sdk"),
		sdkOAuth2Path: runtimeDecls(t, "../sdk/sdkoauth2"),
	}
	listed := map[string]bool{
		// For tools that hold credentials by name (the fidelity
		// harness), not for SDK users.
		sdkPath + ".WithCredentials": true,
		// Installed by the WithScripts of SDKs with scripts (sdkscript).
		sdkPath + ".WithScriptRunner": true,
		// For auth types of other runtime packages (sdkoauth2).
		sdkPath + ".WithAuthState": true,
	}
	for _, e := range sdkExports {
		from := e.name()
		if e.from != "" {
			from = e.from
		}
		listed[e.path()+"."+from] = true
		want := strings.Replace(e.decl, " "+e.name(), " "+from, 1)
		// Other runtime packages name package sdk's types as SDKs do
		// their aliases: sdk.Option is Option.
		if got := strings.ReplaceAll(decls[e.path()][from], "sdk.", ""); got != want {
			t.Errorf("%s.%s: the runtime declares %q, the table %q", sdkPkgName(e.path()), from, got, want)
		}
	}
	for path, ds := range decls {
		for name, decl := range ds {
			decl = strings.ReplaceAll(decl, "sdk.", "")
			if strings.HasPrefix(name, "With") && (strings.HasSuffix(decl, ") Option") || strings.HasSuffix(decl, ") RequestOption")) && !listed[path+"."+name] {
				t.Errorf("%s.%s is an option no SDK re-exports: add it to sdkExports", sdkPkgName(path), name)
			}
		}
	}
}

// TestVersionGuardFailsAMismatchedSDK builds a generated SDK against the
// runtime of this checkout with its version constant moved outside the
// runtime's range: it must not compile, and the error must name the
// remedy. The same SDK as generated compiles.
func TestVersionGuardFailsAMismatchedSDK(t *testing.T) {
	if testing.Short() {
		t.Skip("builds an SDK in a fresh module; skipped with -short")
	}
	res := generate(t, "../testdata/bookings/collection.json")
	mod := t.TempDir()
	if err := sdkmodule.Write(mod, "..", "example.com/guard"); err != nil {
		t.Fatal(err)
	}
	for _, f := range res.Files {
		path := filepath.Join(mod, "bookings", filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	build := func() (string, error) {
		cmd := exec.Command(filepath.Join(runtime.GOROOT(), "bin", "go"), "build", "./...")
		cmd.Dir = mod
		cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod")
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	if out, err := build(); err != nil {
		t.Fatalf("the SDK as generated does not build: %v\n%s", err, out)
	}
	sdkGo := filepath.Join(mod, "bookings", "sdk.go")
	src, err := os.ReadFile(sdkGo)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ name, version string }{
		{"newer than the runtime", "1000"},
		{"older than the runtime", "0"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			decl := "const " + versionConst + " = sdk.EnforceVersion("
			i := strings.Index(string(src), decl)
			if i < 0 {
				t.Fatalf("sdk.go has no %q:\n%s", decl, src)
			}
			end := i + len(decl) + strings.IndexByte(string(src[i+len(decl):]), ')')
			changed := string(src[:i+len(decl)]) + tc.version + string(src[end:])
			if err := os.WriteFile(sdkGo, []byte(changed), 0o644); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { os.WriteFile(sdkGo, src, 0o644) })
			out, err := build()
			if err == nil {
				t.Fatalf("an SDK of version %s built against runtime versions %d..%d", tc.version, sdk.MinVersion, sdk.MaxVersion)
			}
			if !strings.Contains(out, "sdk.go") || !strings.Contains(out, versionConst) || !strings.Contains(out, "EnforceVersion") {
				t.Errorf("the build error does not point at the guard and its remedy:\n%s", out)
			}
		})
	}
}

// runtimeSourceWords lists the words of the runtime's non-test Go files
// under dir, sorted, one a line.
func runtimeSourceWords(t *testing.T, dir string) string {
	t.Helper()
	seen := map[string]bool{}
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, w := range wordRun.FindAllString(string(src), -1) {
			seen[w] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	words := make([]string, 0, len(seen))
	for w := range seen {
		words = append(words, w)
	}
	sort.Strings(words)
	return strings.Join(words, "\n") + "\n"
}

// wordRun is a word of source text: what a credential could be.
var wordRun = regexp.MustCompile(`[A-Za-z0-9_.\-]{3,}`)

// TestRuntimeWordsAreCurrent keeps runtime_words.txt the words of ../sdk
// (go test -update rewrites it): a credential equal to one is reported,
// not redacted, as it was when SDKs carried the runtime's text.
func TestRuntimeWordsAreCurrent(t *testing.T) {
	want := runtimeSourceWords(t, "../sdk")
	if *testflag.Update {
		if err := os.WriteFile("runtime_words.txt", []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if runtimeWords != want {
		t.Error("runtime_words.txt is not the words of ../sdk: run go test ./generator -run TestRuntimeWordsAreCurrent -update")
	}
}
