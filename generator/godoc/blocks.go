package godoc

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Width is the width paragraphs are wrapped to, in runes, not counting the
// "// " written before each line, so that comments stay within 80 columns.
const Width = 77

// kind is the kind of a block of a doc comment.
type kind uint8

const (
	paragraphBlock kind = iota
	headingBlock
	codeBlock
	listBlock
)

// block is one block of a doc comment, in the terms Go doc syntax has.
type block struct {
	kind kind
	// text is the text of a paragraph or heading, on one line, with links
	// written as [text] (see doc.link).
	text string
	// lines are the lines of a code block, without indentation.
	lines []string
	// items are the items of a list.
	items []listItem
}

// listItem is one item of a list: a number ("" for a bullet) and its text.
type listItem struct {
	number string
	text   string
}

// indented reports whether b is printed indented (a code block or a list):
// two such blocks in a row read as one in Go doc syntax.
func (b *block) indented() bool { return b.kind == codeBlock || b.kind == listBlock }

// doc is a doc comment being built: its lines and its link definitions.
// Blocks are written to lines as they are added, so that a long
// description is never held as blocks and as lines at once; the last
// block waits in held, because how it is written depends on the block
// after it (see add).
type doc struct {
	out     []string
	held    block
	holding bool
	links   []linkDef
	urls    map[string]string // link text -> URL
	// plainLinks keeps only the text of links, for one-line summaries.
	plainLinks bool
	// firstParagraph and firstHeading are the texts of the first
	// paragraph and heading added, for Synopsis; with summary set,
	// nothing else is kept, and done is set once a paragraph was added.
	firstParagraph, firstHeading string
	summary, done                bool
}

// linkDef is a Go doc link definition, "[text]: url".
type linkDef struct{ text, url string }

// paragraph adds a paragraph of inline text.
func (d *doc) paragraph(text string) {
	if text = inlineText(text); text != "" {
		if !d.done {
			d.firstParagraph, d.done = text, d.summary
		}
		d.add(block{kind: paragraphBlock, text: text})
	}
}

// heading adds a heading; Go doc has one level of them.
func (d *doc) heading(text string) {
	if text = inlineText(text); text != "" {
		if d.firstHeading == "" {
			d.firstHeading = text
		}
		d.add(block{kind: headingBlock, text: text})
	}
}

// code adds a code block from its lines, removing the indentation they
// share (go/doc/comment would remove it when reading the comment back).
func (d *doc) code(lines []string) {
	var prefix string
	first := true
	for i, l := range lines {
		l = strings.TrimRight(Sanitize(l), " \t\n")
		lines[i] = l
		if l == "" {
			continue
		}
		lead := l[:len(l)-len(strings.TrimLeft(l, " \t"))]
		if first {
			prefix, first = lead, false
		} else {
			prefix = commonPrefix(prefix, lead)
		}
	}
	for i := range lines {
		lines[i] = strings.TrimPrefix(lines[i], prefix)
	}
	for len(lines) > 0 && lines[0] == "" {
		lines = lines[1:]
	}
	for len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	if len(lines) > 0 {
		d.add(block{kind: codeBlock, lines: lines})
	}
}

// list adds a list; items without text are left out.
func (d *doc) list(items []listItem) {
	var kept []listItem
	for _, it := range items {
		if it.text = inlineText(it.text); it.text != "" {
			kept = append(kept, it)
		}
	}
	if len(kept) > 0 {
		d.add(block{kind: listBlock, items: kept})
	}
}

// link returns the text to write for a link to url shown as text, and
// records the link definition it needs. Go doc links must be absolute
// URLs with a scheme go/doc/comment knows; other links keep their text
// (and show the address when it says something the text does not).
func (d *doc) link(text, url string) string {
	text = strings.NewReplacer("[", "(", "]", ")").Replace(inlineText(text))
	url = strings.ReplaceAll(strings.Join(strings.Fields(Sanitize(url)), ""), " ", "%20")
	scheme, _, absolute := strings.Cut(url, "://")
	switch {
	case d.plainLinks && text == "":
		return url
	case url == "" || d.plainLinks:
		return text
	case !absolute || !linkSchemes[strings.ToLower(scheme)]:
		if addr, ok := strings.CutPrefix(url, "mailto:"); ok && addr != "" && addr != text {
			if text == "" {
				return addr
			}
			return text + " (" + addr + ")"
		}
		return text
	case text == "" || text == url || "http://"+text == url || "https://"+text == url:
		// A bare URL: go doc links it by itself.
		return url
	}
	if d.urls == nil {
		d.urls = map[string]string{}
	}
	if prev, ok := d.urls[text]; ok && prev != url {
		// Go doc has one URL per link text: show this one's address.
		return text + " (" + url + ")"
	} else if !ok {
		d.urls[text] = url
		d.links = append(d.links, linkDef{text, url})
	}
	return "[" + text + "]"
}

// linkSchemes are the URL schemes go/doc/comment accepts in a link
// definition ("scheme://...").
var linkSchemes = map[string]bool{"file": true, "ftp": true, "gopher": true, "http": true, "https": true, "nntp": true}

// inlineText is text as it goes into a paragraph: sanitised, on one line
// with single spaces, and with the two-character quotes that gofmt would
// turn into curly ones already turned.
func inlineText(s string) string {
	s = strings.Join(strings.Fields(Sanitize(s)), " ")
	if strings.Contains(s, "``") || strings.Contains(s, "''") {
		s = strings.NewReplacer("``", "“", "''", "”").Replace(s)
	}
	return s
}

// add writes the held block to lines and holds b, fixing runs of
// indented blocks on the way: Go doc syntax reads a code block or list
// that follows another one (blank lines between them or not) as part of
// it. Two code blocks merge into one; a list next to a code block or
// another list is written as paragraphs starting with its markers
// instead.
func (d *doc) add(b block) {
	if d.summary {
		return // Synopsis reads firstParagraph and firstHeading only
	}
	h := &d.held
	switch {
	case !d.holding || !b.indented() || !h.indented():
		d.flush()
	case b.kind == codeBlock && h.kind == codeBlock:
		h.lines = append(append(h.lines, ""), b.lines...)
		return
	case b.kind == listBlock:
		d.flush()
		items := listAsParagraphs(b)
		for _, p := range items[:len(items)-1] {
			d.write(p)
		}
		b = items[len(items)-1]
	default: // a code block after a list
		for _, p := range listAsParagraphs(*h) {
			d.write(p)
		}
	}
	d.held, d.holding = b, true
}

// flush writes the held block, if any.
func (d *doc) flush() {
	if d.holding {
		d.write(d.held)
		d.held, d.holding = block{}, false
	}
}

// write adds the lines of b to those written, after a blank line.
func (d *doc) write(b block) {
	if len(d.out) > 0 {
		d.out = append(d.out, "")
	}
	d.out = appendBlock(d.out, b)
}

// appendBlock appends the lines of b to out.
func appendBlock(out []string, b block) []string {
	switch b.kind {
	case paragraphBlock:
		out = append(out, paragraphLines(b.text)...)
	case headingBlock:
		out = append(out, "# "+b.text)
	case codeBlock:
		if r, n := listMarkerEnd(b.lines[0]); n > 0 {
			// Go doc reads an indented block starting with a list
			// marker as a list; a no-break space after the marker
			// keeps it code that reads the same.
			b.lines[0] = b.lines[0][:n] + "\u00a0" + b.lines[0][n+r:]
		}
		for _, l := range b.lines {
			if l != "" {
				l = "\t" + l
			}
			out = append(out, l)
		}
	case listBlock:
		for _, it := range b.items {
			marker := "  - "
			if it.number != "" {
				marker = " " + it.number + ". "
			}
			for j, l := range wrap(it.text, Width-len(marker)) {
				if j == 0 {
					out = append(out, marker+l)
				} else {
					out = append(out, "    "+l)
				}
			}
		}
	}
	return out
}

// lines returns the doc comment as lines (see the package documentation):
// those written, the held block's, then the link definitions. It changes
// nothing, so more may be added and lines called again.
func (d *doc) lines() []string {
	var tail []string
	if d.holding {
		// A copy: writing it may change the first line of a code block.
		held := d.held
		held.lines = append([]string(nil), held.lines...)
		if len(d.out) > 0 {
			tail = append(tail, "")
		}
		tail = appendBlock(tail, held)
	}
	if len(d.links) > 0 && len(d.out)+len(tail) > 0 {
		tail = append(tail, "")
		for _, l := range d.links {
			tail = append(tail, "["+l.text+"]: "+l.url)
		}
	}
	if len(d.out)+len(tail) == 0 {
		return nil
	}
	out := make([]string, 0, len(d.out)+len(tail))
	return append(append(out, d.out...), tail...)
}

// listAsParagraphs writes each item of a list as a paragraph of its own.
func listAsParagraphs(b block) []block {
	out := make([]block, len(b.items))
	for i, it := range b.items {
		marker := "-"
		if it.number != "" {
			marker = it.number + "."
		}
		out[i] = block{kind: paragraphBlock, text: marker + " " + it.text}
	}
	return out
}

// paragraphLines wraps a paragraph and makes sure Go doc reads it as one:
// a single line must not read as a heading, and lines must not all read
// as link definitions.
func paragraphLines(text string) []string {
	lines := wrap(text, Width)
	if len(lines) == 1 {
		l := lines[0]
		switch {
		case len(l) >= 2 && l[0] == '#' && l[1] == ' ':
			// "# x" is a heading; a no-break space keeps the text as it reads.
			lines[0] = "#\u00a0" + l[2:]
		case looksLikeOldHeading(l):
			// A lone capitalised line without punctuation between
			// paragraphs is a heading to go/doc/comment; a full stop
			// keeps it a sentence.
			lines[0] = l + "."
		}
	}
	allDefs := true
	for _, l := range lines {
		allDefs = allDefs && looksLikeLinkDef(l)
	}
	if allDefs {
		lines[0] = strings.Replace(lines[0], "]:", "] :", 1)
	}
	return lines
}

// wrap breaks text into lines of at most width runes where it can (a
// longer word gets a line of its own). A line never starts with a word
// that is a list marker ("-", "1."), which would start a list item inside
// a list.
func wrap(text string, width int) []string {
	words := strings.Split(text, " ")
	var lines []string
	var cur strings.Builder
	curLen := 0
	for _, w := range words {
		n := utf8.RuneCountInString(w)
		if cur.Len() > 0 && curLen+1+n > width && !isMarkerWord(w) {
			lines = append(lines, cur.String())
			cur.Reset()
			curLen = 0
		}
		if cur.Len() > 0 {
			cur.WriteByte(' ')
			curLen++
		}
		cur.WriteString(w)
		curLen += n
	}
	if cur.Len() > 0 {
		lines = append(lines, cur.String())
	}
	return lines
}

// isMarkerWord reports whether w, at the start of an indented line,
// would be read as a list marker.
func isMarkerWord(w string) bool {
	switch w {
	case "-", "*", "+", "•":
		return true
	}
	n := 0
	for n < len(w) && w[n] >= '0' && w[n] <= '9' {
		n++
	}
	return n > 0 && n == len(w)-1 && (w[n] == '.' || w[n] == ')')
}

// listMarkerEnd returns, when line starts (after indentation) with a list
// marker followed by a space or tab and more text, the size of that space
// or tab and the offset where it is; else 0, 0.
func listMarkerEnd(line string) (size, offset int) {
	i := len(line) - len(strings.TrimLeft(line, " \t"))
	rest := line[i:]
	n := 0
	if r, size := utf8.DecodeRuneInString(rest); r == '•' || r == '*' || r == '+' || r == '-' {
		n = size
	} else {
		for n < len(rest) && rest[n] >= '0' && rest[n] <= '9' {
			n++
		}
		if n == 0 || n >= len(rest) || rest[n] != '.' && rest[n] != ')' {
			return 0, 0
		}
		n++
	}
	if n >= len(rest) || rest[n] != ' ' && rest[n] != '\t' || strings.TrimSpace(rest[n:]) == "" {
		return 0, 0
	}
	return 1, i + n
}

// looksLikeLinkDef reports whether go/doc/comment would read line as a
// link definition, "[text]: scheme://...".
func looksLikeLinkDef(line string) bool {
	if !strings.HasPrefix(line, "[") {
		return false
	}
	i := strings.Index(line, "]:")
	if i < 0 || i+3 >= len(line) || line[i+2] != ' ' && line[i+2] != '\t' {
		return false
	}
	url := strings.TrimSpace(line[i+3:])
	scheme, _, ok := strings.Cut(url, "://")
	return ok && (linkSchemes[scheme] || scheme == "mailto")
}

// looksLikeOldHeading reports whether line has the shape of a Go doc
// heading of the old, implicit kind (go/doc/comment's isOldHeading, without
// the context checks): it starts with an upper-case letter, ends with a
// letter or digit, and has no punctuation but parentheses, commas,
// possessive 's and dots inside words.
func looksLikeOldHeading(line string) bool {
	r, _ := utf8.DecodeRuneInString(line)
	if !unicode.IsLetter(r) || !unicode.IsUpper(r) {
		return false
	}
	r, _ = utf8.DecodeLastRuneInString(line)
	if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
		return false
	}
	if strings.ContainsAny(line, ";:!?+*/=[]{}_^°&§~%#@<\">\\") {
		return false
	}
	for b := line; ; {
		var ok bool
		if _, b, ok = strings.Cut(b, "'"); !ok {
			break
		}
		if b != "s" && !strings.HasPrefix(b, "s ") {
			return false
		}
	}
	for b := line; ; {
		var ok bool
		if _, b, ok = strings.Cut(b, "."); !ok {
			break
		}
		if b == "" || strings.HasPrefix(b, " ") {
			return false
		}
	}
	return true
}

// commonPrefix returns the longest common prefix of a and b.
func commonPrefix(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	return a[:i]
}
