package generator

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/postgen/postgen/generator/godoc"
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

// Credentials written into prose: descriptions often paste a real token
// or key into an example. They are replaced before anything is converted.
var (
	proseJWT        = regexp.MustCompile(`eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*`)
	proseBearer     = regexp.MustCompile(`(?i)\b(bearer|basic)(\s+)[A-Za-z0-9._~+/-]{20,}=*`)
	prosePrivateKey = regexp.MustCompile(`-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)`)
)

// scrubProse replaces JWTs, literal bearer and basic credentials and
// private keys in text with placeholders.
func scrubProse(s string) string { return scrubProseWith(s, "") }

// scrubProseWith replaces them with replacement, or with placeholders
// that say what was there when replacement is "".
func scrubProseWith(s, replacement string) string {
	lower := strings.ToLower(s)
	if !strings.Contains(s, "eyJ") && !strings.Contains(s, "PRIVATE KEY") && !strings.Contains(lower, "bearer") && !strings.Contains(lower, "basic") {
		return s
	}
	jwt, creds, key := "(token removed by postgen)", "$1$2(credentials removed by postgen)", "(private key removed by postgen)"
	if replacement != "" {
		jwt, creds, key = replacement, "$1$2"+replacement, replacement
	}
	s = proseJWT.ReplaceAllString(s, jwt)
	s = proseBearer.ReplaceAllString(s, creds)
	return prosePrivateKey.ReplaceAllString(s, key)
}
