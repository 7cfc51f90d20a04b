package generator

import (
	"strings"

	"github.com/postgen/postgen/generator/infer"
)

// TypeReport says what the inferred types cover, so that they can be
// measured: which Go type each JSON sample decodes into, how many results
// are typed, and what de-duplication saved.
type TypeReport struct {
	// Samples are the JSON bodies types were inferred from, in plan order.
	Samples []TypedSample
	// JSONResults counts the methods with a 2xx JSON example; Typed those
	// whose result is not any (nor a slice or map of any); Structs those
	// whose result is a struct, or a slice or map of structs.
	JSONResults, Typed, Structs int
	// Before counts the object types there would be with one type per
	// place; After the types generated once identical shapes are shared.
	Before, After int
}

// TypedSample is one JSON body and the Go type that holds it.
type TypedSample struct {
	// Path is where the body is in the collection, e.g.
	// "item[3].response[0]" or "item[3].request.body.raw".
	Path string
	// Role is "result", "error", "body" or "variables".
	Role string
	// Body is the sample's text; Valid says it is strict JSON (a server
	// could send it), not only JSON as people write it in collections.
	Body  string
	Valid bool
	// GoType is the type in the SDK's package that the body decodes
	// into, e.g. "*BookingsGetResult" or "[]Booking".
	GoType string
}

// typeReport builds the report from the plan.
func (p *plan) typeReport() TypeReport {
	r := TypeReport{Before: p.types.nodes, After: len(p.types.types)}
	add := func(root *rootType, goType string) {
		for _, s := range root.samples {
			r.Samples = append(r.Samples, TypedSample{Path: s.path, Role: root.role, Body: s.body, Valid: s.valid, GoType: goType})
		}
	}
	p.forEachMethod(func(m *method) {
		mt := m.types
		if mt.jsonOK {
			r.JSONResults++
		}
		// A result typed from its siblings' examples (siblings.go) has none
		// of its own to count.
		if mt.root != nil && !mt.borrowed {
			if typed(mt.root.t) {
				r.Typed++
			}
			if holdsStruct(mt.root.t) {
				r.Structs++
			}
			prefixes, base := p.resultSpelling(mt.root.t)
			add(mt.root, strings.Join(prefixes, "")+base)
		}
		if mt.body != nil {
			goType := p.typeText(mt.body.t, true)
			if mt.gql != nil {
				goType = p.typeText(mt.body.t, false)
			}
			add(mt.body, goType)
		}
		for _, e := range mt.errors {
			add(e.root, p.typeText(e.root.t, true))
		}
	})
	return r
}

// typed reports whether values of t get a Go type that says more than any.
func typed(t *infer.Type) bool {
	switch {
	case t == nil:
		return false
	case t.Kind == infer.Array || t.Kind == infer.Map:
		return typed(t.Elem)
	}
	return t.Kind != infer.Unknown && t.Kind != infer.Null && t.Kind != infer.Mixed
}

// holdsStruct reports whether t is an object, or a slice or map of them.
func holdsStruct(t *infer.Type) bool {
	switch {
	case t == nil:
		return false
	case t.Kind == infer.Array || t.Kind == infer.Map:
		return holdsStruct(t.Elem)
	}
	return t.Kind == infer.Object
}
