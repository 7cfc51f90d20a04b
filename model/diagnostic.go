package model

import "fmt"

// Severity says whether a diagnostic stops generation.
type Severity int

const (
	// Warning: generation goes on; the user should look at the input.
	Warning Severity = iota
	// Error: the input cannot be turned into an SDK.
	Error
)

func (s Severity) String() string {
	if s == Error {
		return "error"
	}
	return "warning"
}

// Diagnostic is a message about one place in the input.
type Diagnostic struct {
	Severity Severity
	// Path is the JSON path of the place, e.g. "item[3].item[0].request.url".
	Path string
	// Line and Column locate Path in the input bytes (1-based); 0 when unknown.
	Line, Column int
	// Message says what is wrong and, where it can, what to do.
	Message string
}

// String renders the diagnostic as "warning: item[3].request.url (12:7): message".
func (d Diagnostic) String() string {
	loc := d.Path
	if d.Line > 0 {
		loc = fmt.Sprintf("%s (%d:%d)", d.Path, d.Line, d.Column)
	}
	if loc == "" {
		return fmt.Sprintf("%s: %s", d.Severity, d.Message)
	}
	return fmt.Sprintf("%s: %s: %s", d.Severity, loc, d.Message)
}
