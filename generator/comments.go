package generator

import (
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/postgen/postgen/generator/godoc"
)

// docLines turns free text from the collection into comment lines that
// cannot break out of a // comment or upset gofmt: no control characters,
// no NUL, no invalid UTF-8, no bidirectional overrides (which can make code
// read differently than it compiles), no trailing spaces.
func docLines(text string) []string {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	var lines []string
	for _, line := range strings.Split(text, "\n") {
		lines = append(lines, strings.TrimRight(cleanText(line), " \t"))
	}
	// Drop leading and trailing blank lines, and collapse runs of them.
	var out []string
	for _, l := range lines {
		if l == "" && (len(out) == 0 || out[len(out)-1] == "") {
			continue
		}
		out = append(out, l)
	}
	for len(out) > 0 && out[len(out)-1] == "" {
		out = out[:len(out)-1]
	}
	return out
}

// cleanText removes what may not appear in Go source comments or string
// displays from one line of text (godoc.Sanitize decides), with line breaks
// dropped and tabs written as spaces.
func cleanText(s string) string {
	s = godoc.Sanitize(s)
	if strings.ContainsAny(s, "\n\t") {
		s = strings.NewReplacer("\n", "", "\t", "    ").Replace(s)
	}
	return s
}

// oneLine returns text flattened to a single clean line, for names and
// short mentions inside comments.
func oneLine(text string) string {
	return strings.Join(strings.Fields(cleanText(strings.NewReplacer("\r", " ", "\n", " ").Replace(text))), " ")
}

// comment emits the lines as one block of // comments. The text given to
// Jennifer starts with "//", so Jennifer renders it verbatim and never
// switches to a /* */ block that a "*/" in the text could close; lines
// never hold a line break of their own (docLines, oneLine and the godoc
// converter remove them). A line starting with a tab is a code line of Go
// doc syntax, written "//\t..." as gofmt writes it.
func comment(lines ...string) []jen.Code {
	var b strings.Builder
	for i, l := range lines {
		if i > 0 {
			b.WriteByte('\n')
		}
		if l == "" || l[0] == '\t' {
			b.WriteString("//")
			b.WriteString(strings.ReplaceAll(l, "\n", " "))
			continue
		}
		b.WriteString("// ")
		b.WriteString(strings.ReplaceAll(l, "\n", " "))
	}
	if b.Len() == 0 {
		return nil
	}
	return []jen.Code{jen.Comment(b.String())}
}

// paragraphs joins blocks of doc lines with blank lines between them,
// skipping empty blocks.
func paragraphs(blocks ...[]string) []string {
	var out []string
	for _, b := range blocks {
		if len(b) == 0 {
			continue
		}
		if len(out) > 0 {
			out = append(out, "")
		}
		out = append(out, b...)
	}
	return out
}
