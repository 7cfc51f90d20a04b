package generator

import (
	"fmt"

	"github.com/postgen/postgen/generator/godoc"
	"github.com/postgen/postgen/internal/secrets"
	"github.com/postgen/postgen/model"
)

// This file turns the collection's prose into doc comment lines: its
// descriptions (Markdown, HTML or plain text, through generator/godoc) and
// the sentences postgen writes around them (wrapped the same way).

// describe converts a description from the collection to doc lines, with
// anything that looks like a credential left out.
func describe(d model.Description) []string {
	return godoc.Description(scrubProse(d.Content), d.Type)
}

// describeText converts a description kept as text (Markdown, which is
// what Postman renders descriptions as) to doc lines.
func describeText(s string) []string {
	return godoc.Markdown(scrubProse(s))
}

// summary is the first sentence of a description, on one line.
func summary(d model.Description) string {
	return godoc.Synopsis(scrubProse(d.Content), d.Type)
}

// sentence formats one paragraph of postgen's own text as doc lines.
func sentence(format string, args ...any) []string {
	return godoc.Wrap(fmt.Sprintf(format, args...))
}

// scrubProse replaces the credentials written into prose (descriptions
// often paste a real token or key into an example: see
// secrets.InProse) with placeholders, before anything is converted.
func scrubProse(s string) string { return scrubProseWith(s, "") }

// scrubProseWith replaces them with replacement, or with a placeholder
// that says what was there when replacement is "".
func scrubProseWith(s, replacement string) string {
	if replacement == "" {
		replacement = "(credential removed by postgen)"
	}
	return secrets.Replace(s, secrets.InProse(s, nil), func(secrets.Span) string { return replacement })
}
