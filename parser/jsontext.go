package parser

import (
	"bytes"
	"encoding/json"
)

// compactJSON renders a JSON value without insignificant whitespace, the
// way JSON.stringify would for a value Postman stores as an object (raw
// bodies, GraphQL variables, auth parameters). raw is valid JSON because it
// comes from a validated document; on the impossible error it is returned
// unchanged.
func compactJSON(raw string) string {
	var b bytes.Buffer
	b.Grow(len(raw))
	if err := json.Compact(&b, []byte(raw)); err != nil {
		return raw
	}
	return b.String()
}

// isJSSpace reports whether r is whitespace for JavaScript's \s and trim,
// which Postman's header and URL parsers use. It differs from
// unicode.IsSpace on U+0085 (not JS whitespace) and U+FEFF (JS whitespace).
func isJSSpace(r rune) bool {
	switch r {
	case '\t', '\n', '\v', '\f', '\r', ' ', 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff:
		return true
	}
	return r >= 0x2000 && r <= 0x200a
}
