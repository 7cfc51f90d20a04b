package sdkscript

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"sort"
	"strings"
	"sync"
	"time"
)

// Script is one Postman event script: the collection's, a folder's or a request's
// pre-request or test script.
type Script struct {
	// Path is the JSON path of the event in the collection, such as "item[3].event[0]";
	// every error about the script names it.
	Path string
	// Source is the script text (the event's script.exec lines joined with "\n").
	Source string
}

// Request is the request a pre-request script sees as pm.request and may change.
type Request struct {
	// Name and ID are the request's name and id in the collection (pm.info.requestName,
	// pm.info.requestId, pm.request.name, pm.request.id).
	Name, ID string
	// Method is the HTTP method, such as "GET".
	Method string
	// URL is the raw URL, which may still hold {{variables}} and :path variables.
	URL string
	// PathVariables are the values of the URL's :name path variables (Postman's
	// url.variable); scripts see them in pm.request.url.variables, and
	// pm.request.url.toString() and getPath() put them in, as Postman does. When a
	// script changes the URL, the new URL has them put in.
	PathVariables map[string]string
	// Header holds the request's headers. Scripts see them sorted by name, under
	// the names as stored: store them with the collection's spelling
	// (h["X-MBX-APIKEY"] = …, not Set) when scripts may compare names exactly, as
	// binance-spot's does. When a script changes the headers, Header is rebuilt
	// with the names as the script spells them, which is how newman sends them
	// (Go's client writes map keys as they are); look them up case-insensitively.
	Header http.Header
	// BodyMode is the Postman body mode: "" (no body), "raw", "urlencoded",
	// "formdata", "file" or "graphql".
	BodyMode string
	// Body is the body bytes: the raw text for "raw" and "graphql", the encoded form
	// for "urlencoded". When a script changes a urlencoded body, Body is re-encoded.
	Body []byte
	// Form holds the fields of a "formdata" body, and of a "urlencoded" body when the
	// caller has them as fields (else they are parsed from Body). Scripts see and
	// change them as pm.request.body.formdata / urlencoded.
	Form []FormParam
	// Auth is the request's Postman auth object as plain JSON data, such as
	// {"type": "bearer", "bearer": [{"key": "token", "value": "…"}]}; scripts read and
	// change it as pm.request.auth. The runtime does not interpret it.
	Auth map[string]any
}

// FormParam is one field of a urlencoded or multipart form body.
type FormParam struct {
	Key, Value string
	// Type is "text" or "file" (formdata only).
	Type string `json:",omitempty"`
	// Src is the file path of a "file" field.
	Src string `json:",omitempty"`
	// ContentType is the field's content type, when the collection sets one.
	ContentType string `json:",omitempty"`
	Disabled    bool   `json:",omitempty"`
}

// Response is the response a test script sees as pm.response, and what
// Options.SendRequest returns to pm.sendRequest.
type Response struct {
	// Code is the status code, such as 200.
	Code int
	// Status is the reason phrase, such as "OK"; empty means http.StatusText(Code).
	Status string
	Header http.Header
	Body   []byte
	// Time is how long the response took (pm.response.responseTime).
	Time time.Duration
}

// Scope is one Postman variable scope (environment, collection variables,
// globals, or the local variables pm.variables.set writes). Values are plain JSON
// data: string, float64 or int64, bool, nil, []any or map[string]any.
type Scope interface {
	Get(name string) (value any, ok bool)
	Set(name string, value any)
	Has(name string) bool
	Unset(name string)
	// Keys lists the names in the scope in a stable order.
	Keys() []string
}

// Vars is a Scope backed by a map, safe for concurrent use. Keys keeps the order in
// which names were first set.
type Vars struct {
	mu    sync.Mutex
	m     map[string]any
	order []string
}

// NewVars returns a Vars holding values (set in sorted name order).
func NewVars(values map[string]string) *Vars {
	v := &Vars{}
	names := make([]string, 0, len(values))
	for k := range values {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		v.Set(k, values[k])
	}
	return v
}

// Get returns the value of name and whether it is set.
func (v *Vars) Get(name string) (any, bool) {
	v.mu.Lock()
	defer v.mu.Unlock()
	x, ok := v.m[name]
	return x, ok
}

// Set sets name to value.
func (v *Vars) Set(name string, value any) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.m == nil {
		v.m = map[string]any{}
	}
	if _, ok := v.m[name]; !ok {
		v.order = append(v.order, name)
	}
	v.m[name] = value
}

// Has reports whether name is set.
func (v *Vars) Has(name string) bool {
	_, ok := v.Get(name)
	return ok
}

// Unset removes name.
func (v *Vars) Unset(name string) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if _, ok := v.m[name]; !ok {
		return
	}
	delete(v.m, name)
	for i, k := range v.order {
		if k == name {
			v.order = append(v.order[:i:i], v.order[i+1:]...)
			break
		}
	}
}

// Keys lists the names in the order they were first set.
func (v *Vars) Keys() []string {
	v.mu.Lock()
	defer v.mu.Unlock()
	return append([]string(nil), v.order...)
}

// String returns the value of name as Postman substitutes it into {{name}}:
// strings as they are, other values as JavaScript's String() would print them.
func (v *Vars) String(name string) (string, bool) {
	x, ok := v.Get(name)
	if !ok {
		return "", false
	}
	return ValueString(x), true
}

// ValueString formats a variable value as Postman substitutes it into {{name}}.
func ValueString(x any) string {
	switch x := x.(type) {
	case nil:
		return "null"
	case string:
		return x
	case float64:
		return formatNumber(x)
	case int64:
		return fmt.Sprint(x)
	case int:
		return fmt.Sprint(x)
	case bool:
		return fmt.Sprint(x)
	case []any, map[string]any:
		// String() of an array joins its elements; of an object it is this.
		if a, ok := x.([]any); ok {
			s := ""
			for i, e := range a {
				if i > 0 {
					s += ","
				}
				if e != nil {
					s += ValueString(e)
				}
			}
			return s
		}
		return "[object Object]"
	}
	return fmt.Sprint(x)
}

// Scopes are the variable scopes a script reads and writes. A nil scope is
// created (as a *Vars) the first time a script sets a variable in it, so the
// caller sees the write.
//
// pm.variables.get resolves a name as Postman does: Local, then Data (iteration
// data), then Environment, then Collection, then Globals.
type Scopes struct {
	// Local holds what pm.variables.set writes; it lives for one request run.
	Local       Scope
	Data        Scope
	Environment Scope
	Collection  Scope
	Globals     Scope
	// EnvironmentName is pm.environment.name.
	EnvironmentName string
}

// Options configure a Runner.
type Options struct {
	// Timeout limits each PreRequest or Test call (all its scripts and the
	// requests they send). Zero means 5 seconds.
	Timeout time.Duration
	// Logger receives console.log/info/warn/error/debug output ("log", "info", "warn",
	// "error", "debug") and notes such as an ignored pm.execution.setNextRequest.
	// Nil discards them.
	Logger func(level, msg string)
	// SendRequest sends the requests of pm.sendRequest. Nil makes pm.sendRequest an
	// error.
	SendRequest func(ctx context.Context, req *Request) (*Response, error)
	// Now is the clock of Date and {{$timestamp}}; nil means time.Now.
	Now func() time.Time
	// Isolate runs each PreRequest or Test call in a fresh sandbox, so calls run
	// in parallel and share no JavaScript globals. By default a Runner keeps one
	// sandbox, as newman does for a whole run: a helper a script defines without
	// var, let or const (utils = …) stays visible to later scripts, including the
	// test scripts of the same request; calls then run one at a time.
	Isolate bool
	// Rand is the source of Math.random, crypto.getRandomValues and random dynamic
	// variables; nil means crypto/rand. Tests and conformance runs fix it.
	Rand io.Reader
}

// TestResult is the outcome of one pm.test or legacy tests["name"] assertion.
type TestResult struct {
	// Script is the path of the script that ran the test.
	Script string
	Name   string
	Passed bool
	// Error is the assertion message of a failed test.
	Error string
}

// HeaderGet returns the first value of the header name in h, matching names
// case-insensitively: the headers scripts set keep their spelling
// ("authorization"), which http.Header.Get does not find.
func HeaderGet(h http.Header, name string) string {
	if v := h.Values(name); len(v) > 0 {
		return v[0]
	}
	for k, v := range h {
		if len(v) > 0 && strings.EqualFold(k, name) {
			return v[0]
		}
	}
	return ""
}
