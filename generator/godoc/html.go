package godoc

import (
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// HTML converts an HTML description (a description of type text/html) to
// doc comment lines: tags are dropped, and the structure they give
// (paragraphs, headings, lists, links, preformatted text, tables) is kept.
func HTML(src string) []string { return Description(src, "text/html") }

// htmlToMarkdown rewrites HTML as Markdown that says the same, so that one
// converter (the Markdown one) decides the Go doc form. Text is escaped, so
// nothing in it is read as Markdown, and the result holds no HTML.
func htmlToMarkdown(src string) string {
	w := &htmlWriter{}
	z := html.NewTokenizer(strings.NewReader(src))
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			w.flushTable()
			return w.out.String()
		case html.TextToken:
			w.text(string(z.Text()))
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			attrs := map[string]string{}
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				attrs[string(k)] = string(v)
			}
			w.start(atom.Lookup(name), attrs, tt == html.SelfClosingTagToken)
		case html.EndTagToken:
			name, _ := z.TagName()
			w.end(atom.Lookup(name))
		}
	}
}

// htmlWriter accumulates the Markdown for a stream of HTML tokens.
type htmlWriter struct {
	out strings.Builder
	// lists holds the open lists, innermost last: 0 for a bullet list,
	// else the next number.
	lists []int
	// skip counts open elements whose content is not text (script, ...).
	skip int
	// pre is the depth of <pre>; preText its text.
	pre     int
	preText strings.Builder
	// href is the target of the open link, if any.
	href   string
	inLink bool
	// rows, row and cell collect the open table; inCell is set inside a
	// cell, where blocks become spaces.
	rows   [][]string
	row    []string
	cell   strings.Builder
	inCell bool
	tables int
}

// w returns where text goes now: the table cell, the <pre> text or the
// output.
func (w *htmlWriter) w() *strings.Builder {
	switch {
	case w.inCell:
		return &w.cell
	case w.pre > 0:
		return &w.preText
	}
	return &w.out
}

// text writes escaped text, whitespace collapsed outside <pre>.
func (w *htmlWriter) text(s string) {
	if w.skip > 0 {
		return
	}
	if w.pre > 0 && !w.inCell {
		w.preText.WriteString(s)
		return
	}
	b := w.w()
	space := false
	for _, r := range s {
		switch {
		case r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f':
			space = true
			continue
		case space:
			b.WriteByte(' ')
			space = false
		}
		if r < 0x80 && isASCIIPunct(byte(r)) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	if space {
		b.WriteByte(' ')
	}
}

// isASCIIPunct reports the characters a backslash escapes in Markdown.
func isASCIIPunct(c byte) bool {
	return c >= '!' && c <= '/' || c >= ':' && c <= '@' || c >= '[' && c <= '`' || c >= '{' && c <= '~'
}

// blockBreak ends the current block: a blank line, or a space where
// blocks cannot be (in a list item or a table cell).
func (w *htmlWriter) blockBreak() {
	switch {
	case w.inCell || w.pre > 0:
		w.w().WriteByte(' ')
	case len(w.lists) > 0:
		w.out.WriteByte(' ')
	default:
		w.out.WriteString("\n\n")
	}
}

// start handles a start tag.
func (w *htmlWriter) start(a atom.Atom, attrs map[string]string, selfClosing bool) {
	if w.skip > 0 {
		if !selfClosing && skipped[a] {
			w.skip++
		}
		return
	}
	switch {
	case skipped[a]:
		if !selfClosing {
			w.skip++
		}
	case a == atom.Br:
		w.blockBreak()
	case a == atom.Pre:
		if w.pre == 0 {
			w.blockBreak()
			w.preText.Reset()
		}
		w.pre++
	case headingLevel(a) > 0 && !w.inCell && len(w.lists) == 0 && w.pre == 0:
		w.out.WriteString("\n\n" + strings.Repeat("#", headingLevel(a)) + " ")
	case a == atom.Ul || a == atom.Ol:
		if len(w.lists) == 0 && !w.inCell {
			w.out.WriteString("\n\n")
		}
		n := 0
		if a == atom.Ol {
			n = 1
			if s, err := strconv.Atoi(attrs["start"]); err == nil && s >= 0 && s < 1e6 {
				n = s
			}
		}
		w.lists = append(w.lists, n)
	case a == atom.Li:
		if w.inCell || len(w.lists) == 0 {
			w.blockBreak()
			return
		}
		depth := len(w.lists) - 1
		marker := "- "
		if n := w.lists[depth]; n > 0 {
			marker = strconv.Itoa(n) + ". "
			w.lists[depth]++
		}
		w.out.WriteString("\n" + strings.Repeat("    ", depth) + marker)
	case a == atom.Table:
		w.tables++
		if w.tables == 1 {
			w.blockBreak()
			w.rows, w.row = nil, nil
		}
	case a == atom.Tr && w.tables > 0:
		w.endRow()
	case (a == atom.Td || a == atom.Th) && w.tables > 0:
		w.endCell()
		w.inCell = true
	case a == atom.A:
		if href := strings.TrimSpace(attrs["href"]); href != "" && !w.inLink {
			w.href, w.inLink = href, true
			w.w().WriteString("[")
		}
	case a == atom.Img:
		if src := strings.TrimSpace(attrs["src"]); src != "" {
			b := w.w()
			b.WriteString("![")
			w.text(attrs["alt"])
			b.WriteString("](<" + escapeDestination(src) + ">)")
		} else {
			w.text(attrs["alt"])
		}
	case blockTags[a]:
		w.blockBreak()
	}
}

// end handles an end tag.
func (w *htmlWriter) end(a atom.Atom) {
	if w.skip > 0 {
		if skipped[a] {
			w.skip--
		}
		return
	}
	switch {
	case a == atom.Pre && w.pre > 0:
		w.pre--
		if w.pre == 0 {
			w.writePre()
		}
	case headingLevel(a) > 0, blockTags[a]:
		w.blockBreak()
	case (a == atom.Ul || a == atom.Ol) && len(w.lists) > 0:
		w.lists = w.lists[:len(w.lists)-1]
		if len(w.lists) == 0 {
			w.blockBreak()
		}
	case a == atom.A && w.inLink:
		w.w().WriteString("](<" + escapeDestination(w.href) + ">)")
		w.inLink = false
	case (a == atom.Td || a == atom.Th) && w.tables > 0:
		w.endCell()
	case a == atom.Tr && w.tables > 0:
		w.endRow()
	case a == atom.Table && w.tables > 0:
		w.tables--
		if w.tables == 0 {
			w.flushTable()
		}
	}
}

// writePre writes the text of a <pre> as a fenced code block, with a fence
// longer than any run of backticks in it.
func (w *htmlWriter) writePre() {
	text := strings.Trim(w.preText.String(), "\n")
	w.preText.Reset()
	if strings.TrimSpace(text) == "" {
		return
	}
	if w.inCell {
		w.text(text)
		return
	}
	fence := "```"
	for strings.Contains(text, fence) {
		fence += "`"
	}
	if len(w.lists) > 0 {
		// A list item cannot hold it in Go doc anyway: end the list.
		w.lists = nil
	}
	w.out.WriteString("\n\n" + fence + "\n" + text + "\n" + fence + "\n\n")
}

// endCell closes the open table cell, if any.
func (w *htmlWriter) endCell() {
	if w.inCell {
		w.row = append(w.row, strings.TrimSpace(w.cell.String()))
		w.cell.Reset()
		w.inCell = false
	}
}

// endRow closes the open table row, if any.
func (w *htmlWriter) endRow() {
	w.endCell()
	if len(w.row) > 0 {
		w.rows = append(w.rows, w.row)
		w.row = nil
	}
}

// flushTable writes the collected table as a Markdown table.
func (w *htmlWriter) flushTable() {
	w.endRow()
	if len(w.rows) == 0 {
		return
	}
	cols := 0
	for _, r := range w.rows {
		cols = max(cols, len(r))
	}
	w.out.WriteString("\n\n")
	for i, r := range w.rows {
		for len(r) < cols {
			r = append(r, "")
		}
		w.out.WriteString("| " + strings.Join(r, " | ") + " |\n")
		if i == 0 {
			w.out.WriteString(strings.Repeat("| --- ", cols) + "|\n")
		}
	}
	w.out.WriteString("\n")
	w.rows = nil
}

// escapeDestination makes a URL safe inside a Markdown <...> link
// destination.
func escapeDestination(u string) string {
	return strings.NewReplacer(" ", "%20", "<", "%3C", ">", "%3E", "\\", "%5C", "\n", "", "\t", "").Replace(u)
}

// headingLevel is n for <hn>, else 0.
func headingLevel(a atom.Atom) int {
	switch a {
	case atom.H1:
		return 1
	case atom.H2:
		return 2
	case atom.H3:
		return 3
	case atom.H4:
		return 4
	case atom.H5:
		return 5
	case atom.H6:
		return 6
	}
	return 0
}

// skipped are elements whose content is not part of the text.
var skipped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Head: true, atom.Title: true, atom.Template: true, atom.Noscript: true,
	atom.Svg: true, atom.Math: true, atom.Iframe: true, atom.Object: true,
}

// blockTags are elements that end a paragraph.
var blockTags = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Section: true, atom.Article: true, atom.Header: true, atom.Footer: true,
	atom.Main: true, atom.Nav: true, atom.Aside: true, atom.Blockquote: true, atom.Dl: true, atom.Dt: true,
	atom.Dd: true, atom.Figure: true, atom.Figcaption: true, atom.Address: true, atom.Center: true,
	atom.Form: true, atom.Fieldset: true, atom.Details: true, atom.Summary: true, atom.Hr: true,
	atom.Body: true, atom.Html: true,
}
