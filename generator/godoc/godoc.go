package godoc

import (
	"mime"
	"strings"
)

// Description converts a Postman description to doc comment lines by its
// media type: "text/html" is HTML, "text/plain" plain text, anything else
// (a description given as a plain string included) Markdown, which is what
// Postman renders descriptions as.
func Description(content, mediaType string) []string {
	var b Builder
	b.Description(content, mediaType)
	return b.Lines()
}

// baseType is the lower-cased media type without parameters.
func baseType(mediaType string) string {
	if t, _, err := mime.ParseMediaType(mediaType); err == nil {
		return t
	}
	return strings.ToLower(strings.TrimSpace(mediaType))
}

// Plain converts plain text to doc comment lines: blank lines separate
// paragraphs, and each paragraph is wrapped.
func Plain(src string) []string { return Description(src, "text/plain") }

// plain adds the paragraphs of plain text.
func (d *doc) plain(src string) {
	for _, p := range strings.Split(Sanitize(src), "\n\n") {
		if d.done {
			return
		}
		d.paragraph(p)
	}
}

// Wrap returns one paragraph of plain text as doc comment lines: the
// sentences postgen writes around descriptions go through it too.
func Wrap(text string) []string {
	d := &doc{}
	d.paragraph(text)
	return d.lines()
}

// Synopsis returns the first sentence of a description's first paragraph
// (or heading) as one line of plain text, links reduced to their text; ""
// when the description has no text.
func Synopsis(content, mediaType string) string {
	b := Builder{d: doc{plainLinks: true, summary: true}}
	b.Description(content, mediaType)
	text := b.d.firstParagraph
	if text == "" {
		text = b.d.firstHeading
	}
	return firstSentence(text)
}

// firstSentence cuts s after its first full stop that ends a sentence
// (followed by a space and a capital letter or digit).
func firstSentence(s string) string {
	for i := 0; i+2 < len(s); i++ {
		if (s[i] == '.' || s[i] == '!' || s[i] == '?') && s[i+1] == ' ' {
			if c := s[i+2]; c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' {
				return s[:i+1]
			}
		}
	}
	return s
}
