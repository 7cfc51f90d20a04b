package examplerun

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/postgen/postgen/internal/doclint"
)

// QuickStartFile is the name of the file of Examples that QuickStarts
// writes beside example_test.go.
const QuickStartFile = "zz_postgen_quickstarts_test.go"

// SignInMark is in the quick starts that wait for a user to sign in (an
// OAuth 2.0 authorization-code grant): they cannot run unattended.
const SignInMark = "flow.Exchange("

// Snippet is the Go code of a quick start and where it is written.
type Snippet = doclint.Snippet

// QuickStartRun is what QuickStartSources found in SDK directories.
type QuickStartRun struct {
	// Files are the files of Examples to give RunFiles.
	Files []Source
	// Found counts the quick starts, Skipped those that wait for a sign-in.
	Found   int
	Skipped []Snippet
	// Where is the snippet of each Example, by directory and name.
	Where map[string]string
	// Missing are the directories with docs but no quick start.
	Missing []string
}

// QuickStartSources reads the doc.go and README.md of each SDK directory
// in dirs (package <base of dir>, imported as importPath(dir), its mock
// server in <pkg>test) and wraps their quick starts with QuickStarts.
// Directories without either file are left out.
func QuickStartSources(dirs []string, importPath func(dir string) string) (*QuickStartRun, error) {
	r := &QuickStartRun{Where: map[string]string{}}
	for _, d := range dirs {
		pkg := filepath.Base(d)
		var docs []doclint.File
		for _, name := range []string{"doc.go", "README.md"} {
			if b, err := os.ReadFile(filepath.Join(d, name)); err == nil {
				docs = append(docs, doclint.File{Name: pkg + "/" + name, Data: b})
			}
		}
		if len(docs) == 0 {
			continue
		}
		snippets := doclint.QuickStarts(docs)
		if len(snippets) == 0 {
			r.Missing = append(r.Missing, d)
			continue
		}
		r.Found += len(snippets)
		path := importPath(d)
		src, names, skip, err := QuickStarts(pkg, path, pkg+"test", path+"/"+pkg+"test", snippets)
		if err != nil {
			return nil, err
		}
		r.Skipped = append(r.Skipped, skip...)
		for name, s := range names {
			r.Where[name] = s.Where
		}
		if src != nil {
			r.Files = append(r.Files, Source{Path: filepath.Join(d, QuickStartFile), Data: src})
		}
	}
	return r, nil
}

// QuickStarts returns a file of package pkg+"_test" with one Example
// function per quick start, run as it is written but against the SDK's
// mock server: each starts <mockPkg>.Start(), gives every NewClient of the
// snippet the mock's *http.Client first (it sends every request to the
// mock whatever its host) and WithBaseURL(mock.URL) last, and sets the
// environment variables the snippet reads credentials from to placeholder
// values. It returns the file (nil when no snippet runs), the snippet of
// each Example by name, and the snippets left out because they wait for a
// user to sign in (SignInMark).
func QuickStarts(pkg, importPath, mockPkg, mockImportPath string, snippets []Snippet) (src []byte, names map[string]Snippet, skipped []Snippet, err error) {
	names = map[string]Snippet{}
	imports := map[string]bool{importPath: true, mockImportPath: true}
	var funcs bytes.Buffer
	for i, s := range snippets {
		if strings.Contains(s.Code, SignInMark) {
			skipped = append(skipped, s)
			continue
		}
		body, used, err := pointAtMock(pkg, s.Code)
		if err != nil {
			return nil, nil, nil, fmt.Errorf("%s: %w", s.Where, err)
		}
		for p := range used {
			imports[p] = true
		}
		name := fmt.Sprintf("Example_postgenQuickStart%s%d", strings.ToUpper(pkg[:1])+pkg[1:], i+1)
		names[name] = s
		fmt.Fprintf(&funcs, "// %s runs %s.\nfunc %s() {\n", name, strings.ReplaceAll(s.Where, "\n", " "), name)
		fmt.Fprintf(&funcs, "\tpostgenMock := %s.Start()\n\tdefer postgenMock.Close()\n", mockPkg)
		fmt.Fprintf(&funcs, "%s\n}\n\n", body)
	}
	if len(names) == 0 {
		return nil, names, skipped, nil
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "package %s_test\n\nimport (\n", pkg)
	var paths []string
	for p := range imports {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		fmt.Fprintf(&b, "\t%q\n", p)
	}
	b.WriteString(")\n\n")
	b.Write(funcs.Bytes())
	return b.Bytes(), names, skipped, nil
}

// stdPackages are the standard packages quick starts use, by name.
var stdPackages = map[string]string{
	"context": "context", "hmac": "crypto/hmac", "sha256": "crypto/sha256", "hex": "encoding/hex",
	"json": "encoding/json", "errors": "errors", "fmt": "fmt", "io": "io", "log": "log",
	"http": "net/http", "os": "os", "strconv": "strconv", "time": "time",
}

// pointAtMock rewrites the statements of code so that the clients it
// makes send to the mock server postgenMock, after setting the variables
// it reads with os.Getenv; it returns them and the standard packages they
// use.
func pointAtMock(pkg, code string) (string, map[string]bool, error) {
	const prefix = "package p\n\nfunc _() {\n"
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "", prefix+code+"\n}\n", parser.SkipObjectResolution)
	if err != nil {
		return "", nil, err
	}
	type edit struct {
		at   int
		text string
	}
	var edits []edit
	used := map[string]bool{"os": false}
	var env []string
	offset := func(p token.Pos) int { return fset.Position(p).Offset - len(prefix) }
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.SelectorExpr:
			if id, ok := n.X.(*ast.Ident); ok {
				if path, ok := stdPackages[id.Name]; ok {
					used[path] = true
				}
			}
		case *ast.CallExpr:
			sel, ok := n.Fun.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			id, ok := sel.X.(*ast.Ident)
			if !ok {
				return true
			}
			switch {
			case id.Name == pkg && sel.Sel.Name == "NewClient":
				last := pkg + ".WithBaseURL(postgenMock.URL)"
				if len(n.Args) > 0 && !strings.HasSuffix(strings.TrimSpace(code[:offset(n.Rparen)]), ",") {
					last = ", " + last
				}
				edits = append(edits,
					edit{offset(n.Lparen) + 1, pkg + ".WithHTTPClient(postgenMock.Client()), "},
					edit{offset(n.Rparen), last})
			case id.Name == "os" && sel.Sel.Name == "Getenv" && len(n.Args) == 1:
				if lit, ok := n.Args[0].(*ast.BasicLit); ok && lit.Kind == token.STRING {
					if v, err := strconv.Unquote(lit.Value); err == nil {
						env = append(env, v)
					}
				}
			}
		}
		return true
	})
	// From the end, so that each offset still holds; of two edits at one
	// offset, the later first, so that the earlier ends up before it.
	for i := len(edits) - 1; i >= 0; i-- {
		sort.SliceStable(edits[:i+1], func(a, b int) bool { return edits[a].at < edits[b].at })
		e := edits[i]
		code = code[:e.at] + e.text + code[e.at:]
	}
	var b strings.Builder
	for _, v := range env {
		// A placeholder: the mock server takes any credential.
		fmt.Fprintf(&b, "\tos.Setenv(%q, %q)\n", v, "postgen-"+strings.ToLower(v))
		used["os"] = true
	}
	for _, l := range strings.Split(code, "\n") {
		b.WriteString("\t" + l + "\n")
	}
	out := map[string]bool{}
	for p, ok := range used {
		if ok {
			out[p] = true
		}
	}
	return strings.TrimRight(b.String(), "\n"), out, nil
}
