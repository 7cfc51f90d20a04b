package godoc

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
		b.d.markdown(Sanitize(content), 0)
	}
}

// Lines returns the doc comment's lines.
func (b *Builder) Lines() []string { return b.d.lines() }
