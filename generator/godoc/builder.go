package godoc

import "strings"

// Builder composes a doc comment from postgen's own text and the
// collection's descriptions, so that the whole comment, not each part, is
// laid out by Go doc rules (link definitions gathered at the end, code
// blocks and lists kept apart). The zero value is ready to use.
type Builder struct {
	d doc
}

// Paragraph adds a paragraph of plain text.
func (b *Builder) Paragraph(text string) { b.d.paragraph(text) }

// Heading adds a section heading.
func (b *Builder) Heading(text string) { b.d.heading(text) }

// Code adds a code block, one line per element.
func (b *Builder) Code(lines ...string) { b.d.code(append([]string(nil), lines...)) }

// List adds a bullet list of plain-text items.
func (b *Builder) List(items ...string) {
	its := make([]listItem, len(items))
	for i, it := range items {
		its[i] = listItem{text: it}
	}
	b.d.list(its)
}

// Description adds a description from the collection (see Description).
func (b *Builder) Description(content, mediaType string) {
	switch baseType(mediaType) {
	case "text/html":
		b.d.markdown(htmlToMarkdown(Sanitize(content)), 1)
	case "text/plain":
		b.d.plain(content)
	default:
		if isPlainProse(content) {
			// Nothing in it is Markdown syntax: it reads the same as
			// plain text, without the cost of a Markdown parse (most
			// request descriptions are a sentence or two).
			b.d.plain(content)
			return
		}
		b.d.markdown(Sanitize(content), 0)
	}
}

// isPlainProse reports whether Markdown source holds no syntax at all:
// only letters, digits, spaces and punctuation that Markdown gives no
// meaning to, in lines that do not start like a block (a list, a quote,
// a numbered item, indented code) and hold no URL to autolink.
func isPlainProse(s string) bool {
	if len(s) > 2000 || strings.Contains(s, "://") || strings.Contains(s, "www.") || strings.Contains(s, "@") {
		return false
	}
	start := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\n':
			if i > 0 && s[i-1] == ' ' {
				return false // a hard line break
			}
			start = true
			continue
		case start && (c == ' ' || c == '\t' || c == '-' || c == '+' || c == '=' || c >= '0' && c <= '9'):
			return false // indented code, a list, a setext heading or a numbered item
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c >= 0x80:
		case strings.IndexByte(" .,;:!?'\"()/-", c) >= 0:
		default:
			return false
		}
		start = false
	}
	return true
}

// Lines returns the doc comment's lines.
func (b *Builder) Lines() []string { return b.d.lines() }
