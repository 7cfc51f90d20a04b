package godoc

import (
	"bytes"
	"fmt"
	"go/doc/comment"
	"go/format"
	"strings"
)

// stable returns "" when lines, placed after a first sentence the way the
// generator places them, are a doc comment gofmt and go/doc/comment leave
// exactly as they are; else a description of the difference.
func stable(lines []string) string {
	if len(lines) == 0 {
		return ""
	}
	text := "Head is the first sentence.\n\n" + strings.Join(lines, "\n") + "\n"
	var p comment.Parser
	var pr comment.Printer
	if got := string(pr.Comment(p.Parse(text))); got != text {
		return fmt.Sprintf("go/doc/comment rewrites the comment:\n--- written\n%s--- reformatted\n%s", text, got)
	}
	var src bytes.Buffer
	src.WriteString("package p\n\n")
	for _, l := range strings.Split(strings.TrimSuffix(text, "\n"), "\n") {
		switch {
		case l == "":
			src.WriteString("//\n")
		case l[0] == '\t':
			src.WriteString("//" + l + "\n")
		default:
			src.WriteString("// " + l + "\n")
		}
	}
	src.WriteString("func Head() {}\n")
	out, err := format.Source(src.Bytes())
	if err != nil {
		return fmt.Sprintf("gofmt fails: %v\n%s", err, src.Bytes())
	}
	if !bytes.Equal(out, src.Bytes()) {
		return fmt.Sprintf("gofmt rewrites the comment:\n--- written\n%s--- gofmt\n%s", src.Bytes(), out)
	}
	return ""
}
