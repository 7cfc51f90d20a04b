package model

import (
	"fmt"
	"strings"
)

// Severity says what a diagnostic means for generation: an error stops
// it, a warning is a likely mistake in the collection (or a request the
// SDK cannot send as written), a note is information for the SDK's user.
// Every Code has one severity, given by the table in codes.go.
type Severity int

const (
	// Warning: generation goes on; the user should look at the input.
	// postgen generate --strict fails on warnings.
	Warning Severity = iota
	// Error: the input cannot be turned into an SDK.
	Error
	// Note: information, such as a credential to set at run time;
	// --strict does not fail on notes.
	Note
)

func (s Severity) String() string {
	switch s {
	case Error:
		return "error"
	case Note:
		return "note"
	}
	return "warning"
}

// MarshalText writes the severity as its name, for JSON output.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads a severity name.
func (s *Severity) UnmarshalText(b []byte) error {
	switch string(b) {
	case "error":
		*s = Error
	case "warning":
		*s = Warning
	case "note":
		*s = Note
	default:
		return fmt.Errorf("unknown severity %q (error, warning or note)", b)
	}
	return nil
}

// Diagnostic is a message about one place in the input.
type Diagnostic struct {
	Severity Severity `json:"severity"`
	// Code names the kind of diagnostic (see Codes); it is stable, so
	// postgen.yaml can accept a warning by its code.
	Code Code `json:"code"`
	// Path is the JSON path of the place, e.g. "item[3].item[0].request.url".
	Path string `json:"path"`
	// Line and Column locate Path in the input bytes (1-based); 0 when unknown.
	Line   int `json:"line,omitempty"`
	Column int `json:"column,omitempty"`
	// Message says what is wrong and, where it can, what to do.
	Message string `json:"message"`
}

// Diag returns the diagnostic of kind code at path, with the severity
// the code has in the table.
func Diag(code Code, path, format string, args ...any) Diagnostic {
	return Diagnostic{Severity: code.Severity(), Code: code, Path: path, Message: fmt.Sprintf(format, args...)}
}

// Label is "warning[undefined-variable]": the severity and the code.
func (d Diagnostic) Label() string {
	if d.Code == "" {
		return d.Severity.String()
	}
	return d.Severity.String() + "[" + string(d.Code) + "]"
}

// String renders the diagnostic as
// "warning[undefined-variable]: item[3].request.url (12:7): message".
func (d Diagnostic) String() string {
	loc := d.Path
	if d.Line > 0 {
		loc = fmt.Sprintf("%s (%d:%d)", d.Path, d.Line, d.Column)
	}
	if loc == "" {
		return fmt.Sprintf("%s: %s", d.Label(), d.Message)
	}
	return fmt.Sprintf("%s: %s: %s", d.Label(), loc, d.Message)
}

// Count is what a list of diagnostics holds, by severity.
type Count struct {
	Errors, Warnings, Notes int
}

// CountOf counts diags by severity.
func CountOf(diags []Diagnostic) Count {
	var c Count
	for _, d := range diags {
		switch d.Severity {
		case Error:
			c.Errors++
		case Note:
			c.Notes++
		default:
			c.Warnings++
		}
	}
	return c
}

// Add is the sum of two counts.
func (c Count) Add(o Count) Count {
	return Count{c.Errors + o.Errors, c.Warnings + o.Warnings, c.Notes + o.Notes}
}

// String is "2 warnings, 1 note" (warnings always, notes when there are).
func (c Count) String() string {
	parts := []string{plural(c.Warnings, "warning")}
	if c.Notes > 0 {
		parts = append(parts, plural(c.Notes, "note"))
	}
	return strings.Join(parts, ", ")
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
