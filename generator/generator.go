// Package generator turns a model.Collection into the files of a Go SDK.
//
// Its one job is Go: it first plans (every identifier, through one name
// sanitizer and one collision policy; every operation the runtime will
// send; every file name), then emits each concept with a small function:
// through Jennifer, or, for the shapes an SDK has one of per request
// (methods, operations, params structs, examples, mock routes), as text
// already in gofmt's layout (gotext.go), which keeps large collections
// fast. It returns the files in memory, gofmt'd and byte-identical for the
// same input. It touches no disk; the writer does that.
//
// The files are the SDK package (doc.go, client.go, one file per top-level
// folder, the runtime from templates), its README.md, and the mock server
// package <package>test. Descriptions become doc comments through
// generator/godoc; no credential from the collection reaches any file.
package generator

import (
	"fmt"
	"sort"

	"github.com/postgen/postgen/model"
)

// Config says what to generate.
type Config struct {
	// Package is the Go package name of the SDK. It must be a valid name;
	// names.PackageName derives one from a collection name.
	Package string
	// Initialisms are extra initialisms for Go names, in their Go spelling
	// (e.g. "SKU").
	Initialisms []string

	// The fields below come from postgen.yaml (package config) and the
	// command line; their zero values generate what the collection alone
	// says. Items are named by their JSON path (model.Folder.Path,
	// model.Request.Path), which the config package resolves from Postman
	// paths and ids.

	// ServiceNames are chosen field names of folder services, by folder path.
	ServiceNames map[string]Choice
	// MethodNames are chosen method names, by request path.
	MethodNames map[string]Choice
	// TypeNames are chosen names of a request's generated types, by
	// request path and role: "item[0].item[2]#params", "...#form", and
	// for inferred types "...#result", "...#body" and "...#error".
	TypeNames map[string]Choice
	// Skip holds the paths of folders and requests left out of the SDK.
	Skip map[string]bool
	// FieldTypes override the Go type of fields of generated types.
	FieldTypes []FieldType
	// VariableOptions are collection variables that get an option
	// function of their own (WithTenant), in the order given.
	VariableOptions []VariableOption
	// BaseURL replaces the collection's base URL as DefaultBaseURL.
	BaseURL string
	// Constants and Samples are query, header and form keys (headers in
	// any case) that override the planner's rule both ways: always sent
	// with the collection's value, or only with the caller's.
	Constants, Samples []string
	// Environments are Postman environments: the first supplies variable
	// defaults (never secret ones); several that differ only in the base
	// URL's host give named BaseURL<Name> constants.
	Environments []*model.Environment
	// Command is the command that regenerates the SDK, recorded under the
	// generated-code header of every file ("" records none) and shown in
	// its README.
	Command string
	// ImportPath is the SDK's import path ("example.com/app/bookings"), for
	// its README and docs; "" when unknown (the CLI finds it from the go.mod
	// above the output directory).
	ImportPath string
	// NoExamples leaves out example_test.go.
	NoExamples bool
	// Conformance adds conformance_calls_test.go, the call table of
	// postgen's fidelity harness (internal/conformance); not for users.
	Conformance bool
	// Progress, when set, is told what Generate is doing, for a progress
	// line: each stage as it starts ("plan", "emit", "format"), and in
	// emit and format how many of the total files are done. It may be
	// called from several goroutines at once, and must be quick.
	Progress func(stage string, done, total int)
}

// progress reports to c.Progress, if set.
func (c *Config) progress(stage string, done, total int) {
	if c.Progress != nil {
		c.Progress(stage, done, total)
	}
}

// Choice is a name chosen by the user, with where it was chosen
// ("postgen.yaml:12:5") so that an error about it can say so.
type Choice struct {
	Name  string
	Where string
}

// FieldType overrides the type of one field: Type is the generated type's
// Go name, Field the field's JSON key or Go name, GoType the Go type to use.
type FieldType struct {
	Type, Field, GoType string
	Where               string
}

// VariableOption makes the collection variable Variable settable with an
// option function named Func (e.g. "WithTenant").
type VariableOption struct {
	Variable, Func string
	Where          string
}

// File is one generated file: a slash-separated name relative to the
// output directory, and its contents.
type File struct {
	Name string
	Data []byte
}

// Stats counts what an SDK holds, for the CLI's summary line.
type Stats struct {
	Services int
	Methods  int
	Types    int
}

// Result is a generated SDK.
type Result struct {
	// Files are sorted by name.
	Files []File
	// Diagnostics are warnings and notes about the input (each with its
	// code, model.Codes), in input order.
	Diagnostics []model.Diagnostic
	Stats       Stats
	// Types reports on the types inferred from bodies and examples.
	Types TypeReport
	// Variables are the collection variables the requests use, by name.
	Variables []VariableUse
	// Origins says where each request is sent, for postgen changes.
	Origins []RequestOrigin
	// Scrubbed are the literal credentials replaced by variables, for
	// postgen's fidelity harness only (see Scrub).
	Scrubbed []Scrub
	// Samples are, by request path, the collection values the SDK sends
	// only when its caller passes them: what a call with zero arguments
	// must not send (postgen's fidelity harness checks it).
	Samples map[string]Samples
	// PathArguments are the {{variables}} of request paths that are
	// method arguments (sorted), for postgen's fidelity harness.
	PathArguments []string
}

// Samples are the sample values of one request, by where they go.
type Samples struct {
	// Query and Header are the keys whose values are samples; Form the
	// form fields and files.
	Query, Header, Form []string
	// Body is true when the collection's raw or file body is a sample;
	// GraphQLVariables when its GraphQL variables are (the query is the
	// operation itself, always sent).
	Body, GraphQLVariables bool
}

// Generate plans and emits the SDK for c. It fails only when the output
// would not be valid Go, which is a bug in postgen: the error says so.
func Generate(c *model.Collection, cfg Config) (*Result, error) {
	cfg.progress("plan", 0, 0)
	p, err := newPlan(c, cfg)
	if err != nil {
		return nil, err
	}
	files, err := p.emit()
	if err != nil {
		return nil, err
	}
	cfg.progress("emit", 0, 0) // the README and mock server docs
	extra, err := p.extraFiles()
	if err != nil {
		return nil, err
	}
	files = append(files, extra...)
	stampCommand(files, cfg.Command)
	if err := checkDirectives(files); err != nil {
		return nil, err
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Name < files[j].Name })
	for i := 1; i < len(files); i++ {
		if files[i].Name == files[i-1].Name {
			return nil, fmt.Errorf("generator: two files named %s (postgen bug: please report it with the collection)", files[i].Name)
		}
	}
	return &Result{Files: files, Diagnostics: p.diags, Stats: p.stats(), Types: p.typeReport(), Variables: p.vars.uses(), Origins: p.requestOrigins(), Scrubbed: p.vars.scrubs, Samples: p.samples(), PathArguments: p.pathArgumentVars()}, nil
}
