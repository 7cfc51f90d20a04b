package sdk

import (
	"encoding/json"
	"fmt"
	"net/http"
	"unicode/utf8"
)

// APIError is returned for a response whose status is not 2xx. Match it
// with errors.As:
//
//	var apiErr *APIError
//	if errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusNotFound { ... }
type APIError struct {
	// Operation is the method that got the response, as "Service.Method".
	Operation string
	// Method and URL are those of the request.
	Method string
	URL    string
	// StatusCode and Status are the response's, e.g. 404 and "404 Not Found".
	StatusCode int
	Status     string
	// Header holds the response headers.
	Header http.Header
	// Body holds the response body, at most 1 MiB of it.
	Body []byte
	// Decoded holds Body decoded into the type the collection's examples
	// show for this status (the method's doc names it; AsErrorBody reads
	// it); nil when they show none or the body does not decode.
	Decoded any
	// Response is the response itself; its body has been read and closed.
	Response *Response

	// redact hides the request's credentials in the message.
	redact func(string) string
}

// Error describes the failed call, with the start of the response body.
func (e *APIError) Error() string {
	msg := fmt.Sprintf("%s: %s %s: %s", e.Operation, e.Method, e.URL, e.Status)
	body := e.Body
	if e.redact != nil {
		body = []byte(e.redact(string(body)))
	}
	if excerpt := bodyExcerpt(body); excerpt != "" {
		msg += ": " + excerpt
	}
	return msg
}

// DecodeJSON decodes the error body into v, for APIs whose errors are JSON.
func (e *APIError) DecodeJSON(v any) error {
	return json.Unmarshal(e.Body, v)
}

// bodyExcerpt returns up to 200 bytes of a body for an error message.
func bodyExcerpt(b []byte) string {
	const max = 200
	if len(b) > max {
		b = b[:max]
		for len(b) > 0 && !utf8.Valid(b) {
			b = b[:len(b)-1]
		}
		return string(b) + "…"
	}
	return string(b)
}

// DecodeError is returned when a 2xx response body cannot be read or
// decoded into the method's result type, or is longer than the client's
// cap (errors.Is(err, ErrResponseTooLarge); see WithMaxResponseBytes). It
// keeps the status and body for inspection.
type DecodeError struct {
	// Operation is the method that got the response, as "Service.Method".
	Operation string
	// StatusCode is the response's status.
	StatusCode int
	// Body holds the response body that did not decode (what arrived of
	// it, when it was cut short); nil when it was longer than the cap.
	Body []byte
	// Err is the decoding error.
	Err error
}

// Error says which call's response could not be decoded, and why.
func (e *DecodeError) Error() string {
	return fmt.Sprintf("%s: decoding %d response: %v", e.Operation, e.StatusCode, e.Err)
}

// Unwrap returns the decoding error.
func (e *DecodeError) Unwrap() error { return e.Err }

// RequestError is returned when a request cannot be built or sent: a bad
// argument, a network failure, or a cancelled context (errors.Is works on
// it for context.Canceled and context.DeadlineExceeded).
type RequestError struct {
	// Operation is the method that failed, as "Service.Method".
	Operation string
	// Err is the cause.
	Err error
}

// Error names the call and the cause.
func (e *RequestError) Error() string { return e.Operation + ": " + e.Err.Error() }

// Unwrap returns the cause.
func (e *RequestError) Unwrap() error { return e.Err }

// ArgumentError is returned, before anything is sent, when a required
// argument of a method is empty: a path argument, which is one segment
// of the URL and never left out.
type ArgumentError struct {
	// Operation is the method called, as "Service.Method".
	Operation string
	// Name is the argument's path variable, as the collection names it.
	Name string
}

// Error names the method and the empty argument.
func (e *ArgumentError) Error() string {
	return e.Operation + ": path argument " + e.Name + " is empty; it is one segment of the URL, so pass a value"
}

// VariableError is returned when a request needs a collection variable that
// has no value: the collection has none (or it is a credential, which is
// never copied) and the client was not given one.
type VariableError struct {
	// Operation is the method that needed the variable, as
	// "Service.Method"; "" when no method was being called.
	Operation string
	// Name is the variable, as written between {{ and }}.
	Name string
	// BaseURL is true when the variable is the API's base URL.
	BaseURL bool
}

// Error says which variable is missing and how to set it.
func (e *VariableError) Error() string {
	prefix := ""
	if e.Operation != "" {
		prefix = e.Operation + ": "
	}
	if e.BaseURL {
		return fmt.Sprintf("%sthe base URL is not set (variable %q has no value): use WithBaseURL", prefix, e.Name)
	}
	return fmt.Sprintf("%svariable %q is not set: use WithVariable(%q, value)", prefix, e.Name, e.Name)
}
