package godoc

import (
	"strconv"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/util"
)

// markdownParser reads CommonMark with the GitHub extensions Postman's
// documentation renders (tables, strikethrough, autolinks, task lists).
// A goldmark parser keeps no state between parses, so one serves all the
// generator's goroutines.
var markdownParser = goldmark.New(goldmark.WithExtensions(extension.GFM)).Parser()

// Markdown converts a Markdown description to doc comment lines.
func Markdown(src string) []string { return Description(src, "text/markdown") }

// maxHTMLDepth bounds the conversion of HTML blocks inside Markdown: the
// Markdown written for HTML holds no HTML, so one level is all there is.
const maxHTMLDepth = 2

// markdown adds the blocks of Markdown source to d. depth counts the HTML
// conversions the source came through.
func (d *doc) markdown(src string, depth int) {
	d.markdownWindows(src, depth, window)
}

// markdownWindows is markdown parsing long source a window of about size
// bytes at a time (see parseMarkdown).
func (d *doc) markdownWindows(src string, depth, size int) {
	parseMarkdown(src, size, func(tree ast.Node, text []byte, until int) bool {
		if tree == nil {
			d.plain(string(text))
			return !d.done
		}
		c := &converter{d: d, src: text, depth: depth}
		for n := tree.FirstChild(); n != nil && n.Pos() < until && !d.done; n = n.NextSibling() {
			c.block(n)
		}
		return !d.done
	})
}

// converter walks a goldmark tree and adds its blocks to a doc.
type converter struct {
	d     *doc
	src   []byte
	depth int
}

// blocks converts the block children of parent.
func (c *converter) blocks(parent ast.Node) {
	for n := parent.FirstChild(); n != nil; n = n.NextSibling() {
		c.block(n)
	}
}

// block converts one block node.
func (c *converter) block(n ast.Node) {
	switch n := n.(type) {
	case *ast.Paragraph, *ast.TextBlock:
		// Postman shows each hard line break ("  \n", "\\\n", <br>) as a
		// new line; Go doc reflows paragraphs, so each line becomes one.
		for _, p := range c.inline(n, false) {
			c.d.paragraph(p)
		}
	case *ast.Heading:
		c.d.heading(strings.Join(c.inline(n, true), " "))
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		c.d.code(c.rawLines(n))
	case *ast.HTMLBlock:
		if c.depth < maxHTMLDepth {
			lines := c.rawLines(n)
			if n.HasClosure() {
				lines = append(lines, string(n.ClosureLine.Value(c.src)))
			}
			c.d.markdown(htmlToMarkdown(strings.Join(lines, "\n")), c.depth+1)
		}
	case *ast.List:
		c.list(n)
	case *east.Table:
		c.table(n)
	case *ast.ThematicBreak:
	default: // blockquotes, and what extensions add
		c.blocks(n)
	}
}

// rawLines returns the lines of a code or HTML block as written.
func (c *converter) rawLines(n ast.Node) []string {
	lines := n.Lines()
	out := make([]string, lines.Len())
	for i := range out {
		seg := lines.At(i)
		out[i] = strings.TrimRight(string(seg.Value(c.src)), "\r\n")
	}
	return out
}

// list converts a list. Go doc lists are flat and hold one paragraph per
// item: nested bullet items become items of their own, nested items of a
// numbered list join their parent's text, and blocks that cannot be in an
// item (code, quotes) follow the list.
func (c *converter) list(l *ast.List) {
	var items []listItem
	var after []ast.Node
	number := l.Start
	var add func(l *ast.List, nested bool)
	add = func(l *ast.List, nested bool) {
		for it := l.FirstChild(); it != nil; it = it.NextSibling() {
			var texts []string
			var subs []*ast.List
			for b := it.FirstChild(); b != nil; b = b.NextSibling() {
				switch b := b.(type) {
				case *ast.Paragraph, *ast.TextBlock:
					texts = append(texts, c.inline(b, false)...)
				case *ast.List:
					subs = append(subs, b)
				default:
					after = append(after, b)
				}
			}
			item := listItem{text: strings.Join(texts, " ")}
			if l.IsOrdered() && !nested {
				item.number = strconv.Itoa(number)
				number++
			}
			if item.number != "" {
				// In a numbered list, sub-items read as part of the item
				// (built once: an item can hold very many sub-lists).
				var text strings.Builder
				text.WriteString(item.text)
				for _, sub := range subs {
					var parts []string
					for si := sub.FirstChild(); si != nil; si = si.NextSibling() {
						parts = append(parts, strings.Join(c.inlineAll(si), " "))
					}
					text.WriteString(" (" + strings.Join(parts, "; ") + ")")
				}
				item.text = text.String()
				subs = nil
			}
			items = append(items, item)
			for _, sub := range subs {
				add(sub, true)
			}
		}
	}
	add(l, false)
	c.d.list(items)
	for _, b := range after {
		c.block(b)
	}
}

// inlineAll returns the text of every paragraph under n.
func (c *converter) inlineAll(n ast.Node) []string {
	var out []string
	_ = ast.Walk(n, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n.(type) {
		case *ast.Paragraph, *ast.TextBlock, *ast.Heading:
			out = append(out, c.inline(n, true)...)
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return out
}

// table writes a table as a code block with aligned columns: Go doc has no
// tables, and a monospaced grid reads as one.
func (c *converter) table(t *east.Table) {
	var rows [][]string
	for row := t.FirstChild(); row != nil; row = row.NextSibling() {
		var cells []string
		for cell := row.FirstChild(); cell != nil; cell = cell.NextSibling() {
			cells = append(cells, inlineText(strings.Join(c.inline(cell, true), " ")))
		}
		rows = append(rows, cells)
	}
	c.d.code(gridLines(rows))
}

// gridLines lays rows out in columns separated by " | ", with a rule
// under the first (header) row.
func gridLines(rows [][]string) []string {
	var widths []int
	for _, r := range rows {
		for i, cell := range r {
			if i == len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], len([]rune(cell)))
		}
	}
	var out []string
	for ri, r := range rows {
		var b strings.Builder
		for i, cell := range r {
			if i > 0 {
				b.WriteString(" | ")
			}
			b.WriteString(cell)
			if i < len(r)-1 {
				b.WriteString(strings.Repeat(" ", widths[i]-len([]rune(cell))))
			}
		}
		out = append(out, b.String())
		if ri == 0 && len(rows) > 1 {
			rule := make([]string, len(widths))
			for i, w := range widths {
				rule[i] = strings.Repeat("-", max(w, 1))
			}
			out = append(out, strings.Join(rule, "-|-"))
		}
	}
	return out
}

// inline returns the text of the inline children of n, one string per
// line: hard line breaks start a new one unless flat is set. Links are
// written as doc links (see doc.link) unless flat is set, where they keep
// only their text.
func (c *converter) inline(n ast.Node, flat bool) []string {
	w := &inlineWriter{c: c, flat: flat}
	w.children(n)
	w.newLine()
	return w.lines
}

// inlineWriter collects inline text.
type inlineWriter struct {
	c     *converter
	flat  bool
	cur   strings.Builder
	lines []string
}

func (w *inlineWriter) newLine() {
	if s := strings.TrimSpace(w.cur.String()); s != "" {
		w.lines = append(w.lines, s)
	}
	w.cur.Reset()
}

func (w *inlineWriter) children(n ast.Node) {
	for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
		w.node(ch)
	}
}

// node writes one inline node.
func (w *inlineWriter) node(n ast.Node) {
	src := w.c.src
	switch n := n.(type) {
	case *ast.Text:
		v := n.Value(src)
		if !n.IsRaw() {
			v = unescape(v)
		}
		w.cur.Write(v)
		switch {
		case n.HardLineBreak() && !w.flat:
			w.newLine()
		case n.HardLineBreak(), n.SoftLineBreak():
			w.cur.WriteByte(' ')
		}
	case *ast.String:
		v := n.Value
		if !n.IsRaw() && !n.IsCode() {
			v = unescape(v)
		}
		w.cur.Write(v)
	case *ast.CodeSpan:
		for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
			switch t := ch.(type) {
			case *ast.Text:
				w.cur.Write(t.Value(src))
			case *ast.String:
				w.cur.Write(t.Value)
			}
		}
	case *ast.Link:
		w.link(w.c.plainText(n), string(n.Destination))
	case *ast.Image:
		w.link(w.c.plainText(n), string(n.Destination))
	case *ast.AutoLink:
		label := string(n.Label(src))
		if n.AutoLinkType == ast.AutoLinkEmail {
			w.cur.WriteString(label)
			return
		}
		w.link(label, string(n.URL(src)))
	case *ast.RawHTML:
		var tag strings.Builder
		for i := 0; i < n.Segments.Len(); i++ {
			seg := n.Segments.At(i)
			tag.Write(seg.Value(src))
		}
		if isBreakTag(tag.String()) {
			if w.flat {
				w.cur.WriteByte(' ')
			} else {
				w.newLine()
			}
		}
	case *east.TaskCheckBox:
		if n.IsChecked {
			w.cur.WriteString("[x] ")
		} else {
			w.cur.WriteString("[ ] ")
		}
	default: // emphasis, strikethrough: their text
		w.children(n)
	}
}

// link writes a link (or image) with the given text.
func (w *inlineWriter) link(text, url string) {
	if w.flat {
		if text == "" {
			text = url
		}
		w.cur.WriteString(text)
		return
	}
	w.cur.WriteString(w.c.d.link(text, url))
}

// plainText is the text of n's inline children on one line, links
// reduced to their text.
func (c *converter) plainText(n ast.Node) string {
	return strings.Join(c.inline(n, true), " ")
}

// unescape resolves backslash escapes and character references, as a
// Markdown renderer does for text.
func unescape(v []byte) []byte {
	v = util.UnescapePunctuations(v)
	v = util.ResolveNumericReferences(v)
	return util.ResolveEntityNames(v)
}

// isBreakTag reports whether an inline HTML tag is a line break (<br>,
// <br/>, <BR />).
func isBreakTag(tag string) bool {
	t := strings.ToLower(strings.TrimSpace(tag))
	t = strings.TrimSuffix(strings.TrimSuffix(strings.TrimPrefix(t, "<"), ">"), "/")
	return strings.TrimSpace(t) == "br"
}
