package parser

import (
	"fmt"
	"strings"

	"github.com/postgen/postgen/model"
)

// ErrorKind classifies why an input cannot become a collection.
type ErrorKind int

const (
	// ErrInvalidJSON: the input is not well-formed JSON (including data
	// after the top-level value, and UTF-16 text).
	ErrInvalidJSON ErrorKind = iota + 1
	// ErrNotCollection: the input is JSON, but not a Postman collection
	// (an array, an OpenAPI document, a Postman environment, ...).
	ErrNotCollection
	// ErrV1Collection: the input is a legacy Postman v1 collection that
	// could not be converted to v2.1.
	ErrV1Collection
	// ErrEmpty: the input is empty or holds only whitespace.
	ErrEmpty
	// ErrNotEnvironment: the input is JSON, but not a Postman environment
	// (ParseEnvironment).
	ErrNotEnvironment
	// ErrTooDeep: arrays and objects nest more than MaxDepth levels.
	ErrTooDeep
)

// String names the kind the way Error messages start.
func (k ErrorKind) String() string {
	switch k {
	case ErrInvalidJSON:
		return "invalid JSON"
	case ErrNotCollection:
		return "not a Postman collection"
	case ErrV1Collection:
		return "Postman v1 collection"
	case ErrEmpty:
		return "empty input"
	case ErrNotEnvironment:
		return "not a Postman environment"
	case ErrTooDeep:
		return "nested too deeply"
	}
	return fmt.Sprintf("parser error kind %d", int(k))
}

// Code is the diagnostic code of the kind ("invalid-json").
func (k ErrorKind) Code() model.Code {
	switch k {
	case ErrInvalidJSON:
		return model.CodeInvalidJSON
	case ErrNotCollection:
		return model.CodeNotACollection
	case ErrV1Collection:
		return model.CodeV1Unconvertible
	case ErrEmpty:
		return model.CodeEmptyInput
	case ErrNotEnvironment:
		return model.CodeNotAnEnvironment
	case ErrTooDeep:
		return model.CodeTooDeep
	}
	return ""
}

// DiagnosticCode is the code of the error's kind, which the command line
// prints ("error[invalid-json]").
func (e *Error) DiagnosticCode() model.Code { return e.Kind.Code() }

// Error is returned by Parse for input that cannot become a collection.
// Use errors.As to get at it and switch on Kind.
type Error struct {
	Kind ErrorKind
	// Path is the JSON path of the offending value, "" for the whole document.
	Path string
	// Line and Column are the 1-based position in the input (after a UTF-8
	// BOM, if any); Column counts characters (runes), not bytes, as editors
	// and Python's json module do. Both are 0 when unknown.
	Line, Column int
	// Message says what the file is and what to do about it.
	Message string
}

// Error renders e.g. "invalid JSON at line 18, column 37: expected ',' or
// '}' after object member, found '+'; ...".
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Kind.String())
	switch {
	case e.Line > 0:
		fmt.Fprintf(&b, " at line %d, column %d", e.Line, e.Column)
		if e.Path != "" {
			fmt.Fprintf(&b, " (%s)", e.Path)
		}
	case e.Path != "":
		fmt.Fprintf(&b, " at %s", e.Path)
	}
	if e.Message != "" {
		b.WriteString(": ")
		b.WriteString(e.Message)
	}
	return b.String()
}
