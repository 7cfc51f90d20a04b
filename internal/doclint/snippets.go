package doclint

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/doc/comment"
	"go/parser"
	"go/token"
	"strings"
)

// Snippet is a Go code block of an SDK's documentation.
type Snippet struct {
	// Where names the file and block, such as "README.md block 3".
	Where string
	Code  string
}

// README markers around the collection's own description, which postgen
// copies as written (its code blocks are the API's, not Go).
const (
	descriptionStart = "<!-- The collection's description follows. -->"
	descriptionEnd   = "<!-- End of the collection's description. -->"
)

// Snippets extracts the Go code postgen writes into an SDK's docs: the
// ```go blocks of README.md (the collection's description left out), the
// code blocks of doc.go after its "Quick start" heading (before it is the
// collection's description), and the code blocks of the mock server's
// package comment (routes.go in a subdirectory). Blocks that are only an
// import line or comments (a //go:generate line) are left out.
func Snippets(files []File) []Snippet {
	var out []Snippet
	for _, f := range files {
		base := f.Name[strings.LastIndexByte(f.Name, '/')+1:]
		switch {
		case base == "README.md":
			out = append(out, readmeSnippets(f)...)
		case base == "doc.go" && !strings.Contains(f.Name, "/"):
			out = append(out, packageDocSnippets(f, "Quick start")...)
		case base == "routes.go" && strings.Contains(f.Name, "/"):
			out = append(out, packageDocSnippets(f, "")...)
		}
	}
	var kept []Snippet
	for _, s := range out {
		if isStatementCode(s.Code) {
			kept = append(kept, s)
		}
	}
	return kept
}

// readmeSnippets returns the ```go blocks of a README.
func readmeSnippets(f File) []Snippet {
	text := string(f.Data)
	if i := strings.Index(text, descriptionStart); i >= 0 {
		if j := strings.Index(text[i:], descriptionEnd); j >= 0 {
			text = text[:i] + text[i+j:]
		}
	}
	var out []Snippet
	lines := strings.Split(text, "\n")
	for i := 0; i < len(lines); i++ {
		if strings.TrimSpace(lines[i]) != "```go" {
			continue
		}
		var code []string
		for i++; i < len(lines) && strings.TrimSpace(lines[i]) != "```"; i++ {
			code = append(code, lines[i])
		}
		out = append(out, Snippet{Where: fmt.Sprintf("%s block %d", f.Name, len(out)+1), Code: strings.Join(code, "\n")})
	}
	return out
}

// packageDocSnippets returns the code blocks of a Go file's package
// comment, after the last heading named after when it is not "".
func packageDocSnippets(f File, after string) []Snippet {
	af, err := parser.ParseFile(token.NewFileSet(), f.Name, f.Data, parser.PackageClauseOnly|parser.ParseComments)
	if err != nil || af.Doc == nil {
		return nil
	}
	var p comment.Parser
	doc := p.Parse(af.Doc.Text())
	start := 0
	if after != "" {
		start = len(doc.Content)
		for i, b := range doc.Content {
			if h, ok := b.(*comment.Heading); ok && headingText(h) == after {
				start = i
			}
		}
	}
	var out []Snippet
	for _, b := range doc.Content[start:] {
		if c, ok := b.(*comment.Code); ok {
			out = append(out, Snippet{Where: fmt.Sprintf("%s code block %d", f.Name, len(out)+1), Code: c.Text})
		}
	}
	return out
}

// headingText is a heading's plain text.
func headingText(h *comment.Heading) string {
	var b strings.Builder
	for _, t := range h.Text {
		if p, ok := t.(comment.Plain); ok {
			b.WriteString(string(p))
		}
	}
	return b.String()
}

// isStatementCode reports whether code is more than an import line or
// comments.
func isStatementCode(code string) bool {
	for _, l := range strings.Split(code, "\n") {
		l = strings.TrimSpace(l)
		if l != "" && !strings.HasPrefix(l, "//") && !strings.HasPrefix(l, "import ") {
			return true
		}
	}
	return false
}

// Program returns a Go file of package main that holds every snippet: a
// snippet that is a function declaration as it is, any other in a function
// of its own, where the names snippets use without declaring them (ctx, c,
// err, srv) are declared first. It imports the standard packages snippets
// use, the SDK (package pkg at importPath) and its mock server. Compiling
// it, with "declared and not used" and "imported and not used" errors
// ignored, checks that the snippets use the SDK as it is.
func Program(pkg, importPath, mockPkg, mockImportPath string, snippets []Snippet) []byte {
	var b bytes.Buffer
	b.WriteString("package main\n\nimport (\n")
	for _, imp := range []string{"context", "crypto/hmac", "crypto/sha256", "encoding/hex", "errors", "fmt", "io", "log", "net/http", "os", "strconv", "testing", "time", importPath, mockImportPath} {
		fmt.Fprintf(&b, "\t%q\n", imp)
	}
	b.WriteString(")\n\n")
	for i, s := range snippets {
		fmt.Fprintf(&b, "// %s\n", strings.ReplaceAll(s.Where, "\n", " "))
		if strings.HasPrefix(strings.TrimSpace(s.Code), "func ") {
			b.WriteString(s.Code + "\n\n")
			continue
		}
		declared := definedNames(s.Code)
		fmt.Fprintf(&b, "func snippet%d(t *testing.T) {\n", i)
		for _, v := range [][2]string{{"ctx", "context.Context"}, {"c", "*" + pkg + ".Client"}, {"err", "error"}, {"srv", "*" + mockPkg + ".Server"}} {
			if !declared[v[0]] {
				fmt.Fprintf(&b, "\tvar %s %s\n", v[0], v[1])
			}
		}
		b.WriteString(s.Code + "\n}\n\n")
	}
	return b.Bytes()
}

// definedNames returns the names code declares with := at its top level.
func definedNames(code string) map[string]bool {
	out := map[string]bool{}
	f, err := parser.ParseFile(token.NewFileSet(), "", "package p\nfunc _() {\n"+code+"\n}\n", parser.SkipObjectResolution)
	if err != nil {
		return out
	}
	ast.Inspect(f, func(n ast.Node) bool {
		if as, ok := n.(*ast.AssignStmt); ok && as.Tok == token.DEFINE {
			for _, l := range as.Lhs {
				if id, ok := l.(*ast.Ident); ok {
					out[id.Name] = true
				}
			}
		}
		return true
	})
	return out
}

// QuickStarts returns the quick starts of an SDK's docs: the first code
// block after doc.go's "Quick start" heading and the first ```go block
// after README.md's "## Quick start" heading, each when there is one.
func QuickStarts(files []File) []Snippet {
	var out []Snippet
	for _, f := range files {
		switch f.Name[strings.LastIndexByte(f.Name, '/')+1:] {
		case "doc.go":
			if sn := packageDocSnippets(f, "Quick start"); len(sn) > 0 {
				sn[0].Where = f.Name + " quick start"
				out = append(out, sn[0])
			}
		case "README.md":
			text := string(f.Data)
			i := strings.Index(text, "\n## Quick start\n")
			if i < 0 {
				continue
			}
			rest := text[i+len("\n## Quick start\n"):]
			if j := strings.Index(rest, "```go"); j < 0 || strings.Contains(rest[:j], "\n## ") {
				continue
			}
			if sn := readmeSnippets(File{Name: f.Name, Data: []byte(rest)}); len(sn) > 0 {
				sn[0].Where = f.Name + " quick start"
				out = append(out, sn[0])
			}
		}
	}
	return out
}
