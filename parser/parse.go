// Package parser turns the bytes of a Postman collection export into a
// *model.Collection plus warnings. It is the only package that reads JSON
// (with gjson); everything Postman-specific about the encoding — string or
// object shorthands, v2.0 vs v2.1 auth shapes, null vs empty, auth and
// protocolProfileBehavior inheritance — is resolved here, so the model holds
// plain data.
//
// Positions: every diagnostic and positioned error carries a JSON path
// (e.g. "item[3].item[0].request.url", or "collection.item[0]..." when the
// collection came inside a {"collection": ...} envelope) and a 1-based
// line:column, where the column counts characters (runes), not bytes.
package parser

import (
	"strings"

	"github.com/postgen/postgen/model"
	"github.com/tidwall/gjson"
)

// Result is a parsed collection with the warnings found while reading it.
type Result struct {
	Collection *model.Collection
	// Diagnostics are warnings and notes (each with its code), in input
	// order, each with a JSON path and a line:column.
	Diagnostics []model.Diagnostic
}

// Parse reads a Postman collection (v2.0.0 or v2.1.0, bare or in a
// {"collection": {...}} envelope such as Postman API responses and
// documenter pages). Input that cannot become a collection gives an *Error;
// everything else gives a Result, with a warning for each part that had to
// be skipped or guessed.
func Parse(data []byte) (*Result, error) {
	if e := utf16Error(data); e != nil {
		return nil, e
	}
	// A UTF-8 BOM is not JSON, but Windows tools write one (newman accepts it).
	src := strings.TrimPrefix(string(data), "\uFEFF")
	if strings.TrimSpace(src) == "" {
		return nil, &Error{Kind: ErrEmpty, Message: "the input holds no JSON at all; pass a Postman collection exported as JSON (Collection > Export > v2.1)"}
	}
	start := skipJSONSpace(src, 0)
	doc := src[start:]
	if e := depthError(src, start); e != nil {
		return nil, e
	}
	if !gjson.Valid(doc) {
		return nil, syntaxError(src, start)
	}
	return parseDocument(src, start, gjson.Parse(doc))
}

// parseDocument recognises what the validated JSON is and walks it.
func parseDocument(src string, base int, root gjson.Result) (*Result, error) {
	doc, path, format, err := classify(root)
	if err != nil {
		return nil, err
	}
	if format == formatV1 {
		return convertV1(src, base, doc, path)
	}
	w := &walker{src: src, base: base}
	c := w.collection(doc, path)
	return &Result{Collection: c, Diagnostics: w.finish()}, nil
}

// syntaxError builds the ErrInvalidJSON error for src, locating the first
// syntax error in the text that starts at base.
func syntaxError(src string, base int) *Error {
	const advice = "the file is not valid JSON; fix it there (exports from Postman never contain JavaScript expressions, comments or trailing commas) or export the collection again from Postman (Collection > Export > v2.1)"
	off, msg, found := locateSyntaxError(src[base:])
	if !found {
		return &Error{Kind: ErrInvalidJSON, Message: advice}
	}
	line, col := position(src, base+off)
	return &Error{Kind: ErrInvalidJSON, Line: line, Column: col, Message: msg + "; " + advice}
}

// utf16Error recognises UTF-16 text by its byte-order mark: JSON files must
// be UTF-8, and the usual culprit is a Windows editor or PowerShell redirect.
func utf16Error(data []byte) *Error {
	if len(data) >= 2 && ((data[0] == 0xff && data[1] == 0xfe) || (data[0] == 0xfe && data[1] == 0xff)) {
		return &Error{Kind: ErrInvalidJSON, Line: 1, Column: 1,
			Message: "the file is UTF-16 text (it starts with a UTF-16 byte-order mark); save it as UTF-8 and try again"}
	}
	return nil
}
