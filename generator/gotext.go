package generator

import (
	"bytes"
	"fmt"
	"go/ast"
	doccomment "go/doc/comment"
	"go/parser"
	"go/token"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// goText writes Go source directly, already in the layout gofmt gives it,
// for the shapes an SDK has one of per request: methods with their
// operations, examples, mock routes. Everything else goes through
// Jennifer. Formatting is most of the cost of rendering through Jennifer
// (go/printer measures every composite literal to lay it out): for 10,000
// requests it took 3 of the 4 CPU-seconds of a run, where these shapes
// are simple enough to write canonically. Tests check that gofmt leaves
// every generated file unchanged (generator_test.go, internal/doclint).
type goText struct {
	bytes.Buffer
	imports map[string]bool
}

// use records an import the text needs.
func (w *goText) use(path string) {
	if w.imports == nil {
		w.imports = map[string]bool{}
	}
	w.imports[path] = true
}

// comment writes doc lines at the given indentation. The lines come from
// godoc and are canonical already, except that text assembled from several
// parts can hold link definitions ("[Text]: URL") before its end, where
// gofmt moves them; such comments go through go/doc/comment as gofmt's do.
func (w *goText) comment(indent string, lines []string) {
	for _, l := range lines {
		if linkDef.MatchString(l) {
			w.canonicalComment(indent, lines)
			return
		}
	}
	for _, l := range lines {
		w.WriteString(indent)
		if l == "" {
			w.WriteString("//\n")
			continue
		}
		if l[0] == '\t' {
			w.WriteString("//") // a code block, as gofmt writes one
		} else {
			w.WriteString("// ")
		}
		w.WriteString(strings.ReplaceAll(l, "\n", " "))
		w.WriteByte('\n')
	}
}

// linkDef matches a doc comment link definition.
var linkDef = regexp.MustCompile(`^\[[^\]]+\]: \S`)

// canonicalComment writes lines as gofmt would print them as a doc
// comment: reformatted by go/doc/comment, then marked as gofmt marks them.
func (w *goText) canonicalComment(indent string, lines []string) {
	var p doccomment.Parser
	var pr doccomment.Printer
	text := strings.TrimRight(string(pr.Comment(p.Parse(strings.Join(lines, "\n")+"\n"))), "\n")
	for _, l := range strings.Split(text, "\n") {
		w.WriteString(indent)
		switch {
		case l == "":
			w.WriteString("//")
		case l[0] == '\t':
			w.WriteString("//" + l)
		default:
			w.WriteString("// " + l)
		}
		w.WriteByte('\n')
	}
}

// file assembles a whole file: the header lines, the package clause, the
// imports the text used (standard library first, then others, as
// goimports groups them), then the declarations.
func (w *goText) file(header []string, pkg string, decls ...[]byte) []byte {
	var b bytes.Buffer
	for _, h := range header {
		b.WriteString(h)
		b.WriteByte('\n')
	}
	b.WriteString("\npackage ")
	b.WriteString(pkg)
	b.WriteString("\n\n")
	writeImports(&b, w.imports)
	for _, d := range decls {
		b.Write(d)
	}
	b.Write(bytes.TrimRight(w.Bytes(), "\n"))
	b.WriteByte('\n')
	return b.Bytes()
}

// writeImports writes an import declaration for paths, if any.
func writeImports(b *bytes.Buffer, paths map[string]bool) {
	var std, other []string
	for p := range paths {
		if strings.Contains(strings.SplitN(importPath(p), "/", 2)[0], ".") {
			other = append(other, p)
		} else {
			std = append(std, p)
		}
	}
	byPath := func(list []string) {
		sort.Slice(list, func(i, j int) bool { return importPath(list[i]) < importPath(list[j]) })
	}
	byPath(std)
	byPath(other)
	switch {
	case len(std)+len(other) == 0:
		return
	case len(std)+len(other) == 1:
		b.WriteString("import " + importSpec(append(std, other...)[0]) + "\n\n")
		return
	}
	b.WriteString("import (\n")
	for _, p := range std {
		b.WriteString("\t" + importSpec(p) + "\n")
	}
	if len(std) > 0 && len(other) > 0 {
		b.WriteByte('\n')
	}
	for _, p := range other {
		b.WriteString("\t" + importSpec(p) + "\n")
	}
	b.WriteString(")\n\n")
}

// An import is recorded as its path, or as `name "path"` for a named
// import.
func importPath(p string) string {
	if i := strings.IndexByte(p, ' '); i >= 0 {
		s, _ := strconv.Unquote(p[i+1:])
		return s
	}
	return p
}

// importSpec renders an import as it appears in the declaration.
func importSpec(p string) string {
	if strings.IndexByte(p, ' ') >= 0 {
		return p
	}
	return strconv.Quote(p)
}

// quote is a Go string literal, as gofmt leaves it.
func quote(s string) string { return strconv.Quote(s) }

// goStrings renders strings as Go literals separated by ", ".
func goStrings(list []string) string {
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = strconv.Quote(s)
	}
	return strings.Join(q, ", ")
}

// packedLiteral writes a composite literal of keyed groups: the first
// group after the brace, each other group on its own line indented one
// level deeper than the line the literal starts on; a group ending in a
// multi-line list closes it on its own line. indent is the indentation of
// the line the literal starts on.
//
// Like gofmt, it aligns the values of consecutive lines that start with a
// key: value pair on one line, when each line before the last holds that
// one pair only: gofmt puts a tab stop after such keys, and breaks the
// alignment after a line of several elements or a multi-line one. So
// "pathVars: ..." over "body: ..." becomes "body:     ...".
func packedLiteral(w *bytes.Buffer, indent string, groups [][]string) {
	width := make([]int, len(groups))
	for i := 1; i < len(groups); {
		j := i
		for j < len(groups) && singleLine(groups[j][0]) && (j == i || len(groups[j-1]) == 1) {
			j++
		}
		keyMax := 0
		for k := i; k < j; k++ {
			keyMax = max(keyMax, keyLen(groups[k][0]))
		}
		for k := i; k < j; k++ {
			width[k] = keyMax
		}
		i = max(j, i+1)
	}
	w.WriteByte('{')
	for i, g := range groups {
		if i > 0 {
			w.WriteString(",\n")
			w.WriteString(indent + "\t")
		}
		first := g[0]
		if n := width[i]; n > 0 {
			k := keyLen(first)
			first = first[:k] + strings.Repeat(" ", n-k+1) + strings.TrimLeft(first[k:], " ")
		}
		w.WriteString(first)
		for _, e := range g[1:] {
			w.WriteString(", ")
			w.WriteString(e)
		}
	}
	w.WriteByte('}')
}

// singleLine reports whether a rendered element fits on one line as gofmt
// measures it (no line break, under its million-character limit).
func singleLine(e string) bool {
	return !strings.Contains(e, "\n") && len(e) <= 1e6
}

// keyLen is the length of an element's "key:", or 0.
func keyLen(e string) int {
	if i := strings.Index(e, ": "); i > 0 && !strings.ContainsAny(e[:i], " \"{") {
		return i + 1
	}
	return 0
}

// rowList renders a []T{...} list with one element per line, at indent
// (the indentation of the line holding the key).
func rowList(typ, indent string, rows []string) string {
	var b strings.Builder
	b.WriteString(typ + "{\n")
	for _, r := range rows {
		b.WriteString(indent + "\t" + r + ",\n")
	}
	b.WriteString(indent + "}")
	return b.String()
}

// appendDecls appends text declarations to a rendered Go file, adding the
// imports they need to the file's import declaration (rewritten in the
// layout writeImports gives).
func appendDecls(src []byte, imports map[string]bool, decls []byte) ([]byte, error) {
	if len(bytes.TrimSpace(decls)) == 0 && len(imports) == 0 {
		return src, nil
	}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "", src, parser.ImportsOnly|parser.ParseComments)
	if err != nil {
		return nil, fmt.Errorf("generator: reading the imports of generated code (a postgen bug): %w", err)
	}
	all := map[string]bool{}
	for p := range imports {
		all[p] = true
	}
	start, end := -1, -1
	for _, d := range f.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || gd.Tok != token.IMPORT {
			continue
		}
		if start < 0 {
			start = fset.Position(gd.Pos()).Offset
		}
		end = fset.Position(gd.End()).Offset
		for _, spec := range gd.Specs {
			is := spec.(*ast.ImportSpec)
			path, _ := strconv.Unquote(is.Path.Value)
			if is.Name != nil {
				// Keep a named import as Jennifer wrote it.
				path = is.Name.Name + " " + strconv.Quote(path)
			}
			all[path] = true
		}
	}
	var b bytes.Buffer
	switch {
	case start >= 0:
		b.Write(src[:start])
		writeImports(&b, all)
		b.Write(bytes.TrimLeft(src[end:], "\n"))
	default:
		// No imports yet: they go after the package clause.
		pkgEnd := fset.Position(f.Name.End()).Offset
		b.Write(src[:pkgEnd])
		b.WriteString("\n\n")
		writeImports(&b, all)
		b.Write(bytes.TrimLeft(src[pkgEnd:], "\n"))
	}
	out := bytes.TrimRight(b.Bytes(), "\n")
	out = append(out, '\n')
	out = append(out, bytes.TrimRight(decls, "\n")...)
	return append(out, '\n'), nil
}
