package generator

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/postgen/postgen/generator/godoc"
	"github.com/postgen/postgen/generator/infer"
	"github.com/postgen/postgen/internal/secrets"
)

// emitInferred writes the inferred types s owns.
//
//	// Booking is the result of BookingsService.Get and BookingsService.Create, inferred from 2 examples.
//	type Booking struct {
//		ID     string `json:"id"`               // e.g. "b-1"
//		Nights int64  `json:"nights,omitempty"` // missing from some examples
//	}
func (p *plan) emitInferred(f *jen.File, s *service) {
	for _, nt := range p.types.types {
		if nt.owner == s {
			p.emitNamedType(f, nt)
		}
	}
}

// emitNamedType writes one inferred struct.
func (p *plan) emitNamedType(f *jen.File, nt *namedType) {
	noun := sampleNoun(nt)
	f.Add(comment(godoc.Wrap(p.typeDoc(nt, noun))...)...)
	fields := make([]jen.Code, 0, len(nt.node.Fields))
	sent := p.isSent(nt, nil)
	for _, fl := range nt.node.Fields {
		optional := nt.node.Optional(fl)
		tag := fl.Key
		switch {
		case sent:
			// Nothing in a sample limits the caller: a field of a body
			// it sends is left out at its zero value.
			tag += ",omitzero"
		case optional:
			tag += ",omitempty"
		case tag == "-":
			tag += "," // a bare "-" tells encoding/json to skip the field
		}
		typ, note := jen.Code(p.typeCode(fl.Type, optional)), fieldNote(nt.node, fl, noun)
		if chosen, ok := nt.chosen[fl.Key]; ok {
			typ, note = chosen, strings.TrimPrefix(note+"; type chosen in postgen.yaml", "; ")
		}
		field := jen.Id(nt.fields[fl.Key]).Add(typ).Tag(map[string]string{"json": tag})
		if note != "" {
			field.Comment(oneLine(note))
		}
		fields = append(fields, field)
	}
	f.Type().Id(nt.name).Struct(fields...)
	f.Line()
}

// emitGraphQL writes a GraphQL method's query constant and request type.
//
//	// SearchQuery is the GraphQL query of Client.Search, as the collection has it.
//	const SearchQuery = `query Q($id: ID!) { ... }`
//	// SearchRequest is the body of Client.Search: ...
//	type SearchRequest = GraphQLRequest[SearchVariables]
func (p *plan) emitGraphQL(f *jen.File, m *method) {
	g := m.types.gql
	where := m.svc.typeName + "." + m.name
	f.Add(comment(sentence("%s is the GraphQL query of %s, as the collection has it.", g.query, where)...)...)
	f.Const().Id(g.query).Op("=").Add(stringLit(m.op.body.text))
	f.Line()
	f.Add(comment(sentence("%s is the body of %s; an empty Query sends %s.", g.request, where, g.query)...)...)
	f.Type().Id(g.request).Op("=").Id("GraphQLRequest").Types(p.variablesType(m))
	f.Line()
}

// variablesType is the Go type of a GraphQL method's variables.
func (p *plan) variablesType(m *method) jen.Code {
	if m.types.body == nil {
		return jen.Map(jen.String()).Any()
	}
	t := m.types.body.t
	return p.typeCode(t, false)
}

// typeCode is the Go type of a value of type t. optional marks a member
// that may be missing: objects and times are then pointers, so that
// omitempty can leave them out.
func (p *plan) typeCode(t *infer.Type, optional bool) *jen.Statement {
	return spelledCode(p.typeSpelling(t, optional))
}

// spelledCode renders a spelled type.
func spelledCode(prefixes []string, base string) *jen.Statement {
	c := jen.Null()
	for _, pre := range prefixes {
		switch pre {
		case "*":
			c.Op("*")
		case "[]":
			c.Index()
		default:
			c.Map(jen.String())
		}
	}
	if base == "time.Time" {
		return c.Qual("time", "Time")
	}
	return c.Id(base)
}

// typeText is typeCode as text, for comments and reports.
func (p *plan) typeText(t *infer.Type, optional bool) string {
	prefixes, base := p.typeSpelling(t, optional)
	return strings.Join(prefixes, "") + base
}

// resultSpelling spells the result type of a method: as an optional
// member (objects and times are pointers), and a string is a *string too,
// because send hands a string result over raw (the body as text) but
// decodes a *string from JSON.
func (p *plan) resultSpelling(t *infer.Type) ([]string, string) {
	prefixes, base := p.typeSpelling(t, true)
	if base == "string" && len(prefixes) == 0 {
		prefixes = []string{"*"}
	}
	return prefixes, base
}

// typeSpelling spells the Go type of t as what comes before its base
// type ("*", "[]", "map[string]") and the base type (a generated name,
// "time.Time", a predeclared type or "any").
func (p *plan) typeSpelling(t *infer.Type, optional bool) (prefixes []string, base string) {
	for {
		if t == nil {
			return prefixes, "any"
		}
		pointer := t.Nullable
		switch t.Kind {
		case infer.Array:
			prefixes = append(prefixes, "[]")
			t, optional = t.Elem, false
			continue
		case infer.Map:
			prefixes = append(prefixes, "map[string]")
			t, optional = t.Elem, false
			continue
		case infer.Object:
			base, pointer = "map[string]any", false // unreachable: every object is registered
			if nt, ok := p.types.byNode[t]; ok {
				base, pointer = nt.name, pointer || optional
			}
		case infer.Time:
			base, pointer = "time.Time", pointer || optional
		case infer.Bool:
			base = "bool"
		case infer.Int:
			base = "int64"
		case infer.Float:
			base = "float64"
		case infer.String:
			base = "string"
		default: // Unknown, Null, Mixed
			base, pointer = "any", false
		}
		if pointer {
			prefixes = append(prefixes, "*")
		}
		return prefixes, base
	}
}

// bodyText is bodyCode as text, "" when the body is untyped.
func (p *plan) bodyText(m *method) string {
	switch {
	case m.types.gql != nil:
		return "*" + m.types.gql.request
	case m.types.body != nil:
		return p.typeText(m.types.body.t, true)
	}
	return ""
}

// resultsText spells what m returns: "(*Booking, *Response, error)".
func (p *plan) resultsText(m *method) string {
	switch m.types.result {
	case resultJSON:
		prefixes, base := p.resultSpelling(m.types.root.t)
		return "(" + strings.Join(prefixes, "") + base + ", *Response, error)"
	case resultText:
		return "(string, *Response, error)"
	case resultStream:
		return "(io.ReadCloser, *Response, error)"
	case resultRawJSON:
		return "(RawJSON, *Response, error)"
	case resultNone:
		return "(*Response, error)"
	}
	return "([]byte, *Response, error)"
}

// inferredTypeNames lists the types m's signature and errors name: its
// GraphQL request, and the structs of its result, body and error bodies.
func (p *plan) inferredTypeNames(m *method) []string {
	var out []string
	if m.types.gql != nil {
		out = append(out, m.types.gql.request)
	}
	seen := map[string]bool{}
	for _, r := range append([]*rootType{m.types.root, m.types.body}, errorRoots(m.types)...) {
		if r == nil {
			continue
		}
		t := r.t
		for t != nil && (t.Kind == infer.Array || t.Kind == infer.Map) {
			t = t.Elem
		}
		if nt, ok := p.types.byNode[t]; ok && !seen[nt.name] {
			seen[nt.name] = true
			out = append(out, nt.name)
		}
	}
	return out
}

// typeNotes are the lines a method's doc comment gets about its result
// and errors.
func (p *plan) typeNotes(m *method) []string {
	mt := m.types
	if mt == nil {
		return nil
	}
	var notes []string
	switch mt.result {
	case resultText, resultBytes:
		what := "text"
		if mt.result == resultBytes {
			what = "bytes"
		}
		if mt.rawType != "" {
			notes = append(notes, fmt.Sprintf("The result is the response body as %s (the examples are %s).", what, oneLine(mt.rawType)))
		}
	case resultNone:
		notes = append(notes, "The examples show no response body, so there is no result.")
	case resultRawJSON:
		notes = append(notes, "The collection saved no example of the response, so the result is its JSON undecoded: RawJSON.Decode decodes it into a type of yours.")
	case resultJSON:
		if mt.borrowed {
			notes = append(notes, fmt.Sprintf("The collection saved no example of the response: its type is the one %s returns, on the same resource path.", mt.from.name))
		}
	}
	if len(mt.errors) > 0 {
		var parts []string
		for _, e := range mt.errors {
			parts = append(parts, fmt.Sprintf("%d: %s", e.status, p.typeText(e.root.t, true)))
		}
		notes = append(notes, "Error bodies (in APIError.Decoded): "+strings.Join(parts, ", ")+".")
	}
	return notes
}

// sampleNoun is what a type's samples are called in comments: "example"
// when they are all saved responses, "sample" when request bodies are
// among them.
func sampleNoun(nt *namedType) string {
	for _, r := range nt.roots {
		if r.role != roleResult && r.role != roleError {
			return "sample"
		}
	}
	return "example"
}

// typeDoc is the doc comment of an inferred type: where it is used and
// how many samples it comes from.
func (p *plan) typeDoc(nt *namedType, noun string) string {
	var uses []string
	seen := map[string]bool{}
	for _, s := range nt.sites {
		u := p.siteUse(s)
		if !seen[u] {
			seen[u] = true
			uses = append(uses, u)
		}
	}
	samples := 0
	for _, r := range nt.roots {
		samples += len(r.samples)
	}
	use := uses[0]
	switch {
	case len(uses) == 2:
		use += " and " + uses[1]
	case len(uses) > 2:
		use += fmt.Sprintf(", %s and %d more", uses[1], len(uses)-2)
	}
	doc := fmt.Sprintf("%s is %s, inferred from %s.", nt.name, use, plural(samples, noun))
	if p.isSent(nt, nil) {
		doc += " A field left at its zero value is not sent; WithJSONField sends a member the samples lack, or a zero value."
	}
	return doc
}

// isSent reports whether values of nt are sent: it is a request body,
// GraphQL variables, or a member of a type that is (markSent).
func (p *plan) isSent(nt *namedType, _ map[*namedType]bool) bool { return p.types.sent[nt] }

// markSent finds the sent types once, from the bodies down through their
// members: asked per type, climbing to the parents again each time would
// cost the square of the nesting depth (9,000 nested objects took 7 s).
func (p *plan) markSent() {
	tt := p.types
	tt.sent = map[*namedType]bool{}
	var mark func(t *infer.Type)
	mark = func(t *infer.Type) {
		for t != nil && (t.Kind == infer.Array || t.Kind == infer.Map) {
			t = t.Elem
		}
		if t == nil || t.Kind != infer.Object {
			return
		}
		nt, ok := tt.byNode[t]
		if !ok || tt.sent[nt] {
			return
		}
		tt.sent[nt] = true
		for _, f := range nt.node.Fields {
			mark(f.Type)
		}
	}
	for _, nt := range tt.types {
		for _, s := range nt.sites {
			if s.role == roleBody || s.role == roleVars {
				mark(nt.node)
				break
			}
		}
	}
}

// siteUse describes one use of a type.
func (p *plan) siteUse(s typeSite) string {
	var use string
	where := s.m.svc.typeName + "." + s.m.name
	switch s.role {
	case roleResult:
		use = "the result of " + where
	case roleError:
		use = fmt.Sprintf("the %d error body of %s", s.status, where)
	case roleBody:
		use = "the JSON body of " + where
	case roleVars:
		use = "the GraphQL variables of " + where
	case roleField:
		use = fmt.Sprintf("the %q member of %s", oneLine(s.key), s.parent.name)
	}
	if s.elem > 0 {
		use = "an element of " + use
	}
	return use
}

// fieldNote is the line comment of a member: what the samples showed.
func fieldNote(parent *infer.Type, f *infer.Field, noun string) string {
	t := f.Type
	var parts []string
	// Only what a reader can use: a sample value (never a credential's),
	// and, for a member some samples lack, how many (so "optional" has a
	// weight).
	if ex := fieldExample(f); ex != "" {
		parts = append(parts, "e.g. "+ex)
	} else if what := fieldShape(f); what != "" {
		parts = append(parts, what)
	}
	if parent.Optional(f) {
		parts = append(parts, fmt.Sprintf("missing in %d of %d %ss", parent.Objects-f.Count, parent.Objects, noun))
	}
	switch t.Kind {
	case infer.Unknown:
		parts = append(parts, "any: the collection has a {{variable}} here")
	case infer.Null:
		parts = append(parts, "any: only null was seen")
	case infer.Mixed:
		parts = append(parts, "any: "+t.MixedKinds()+" were seen")
	case infer.Array:
		if t.Elem == nil {
			parts = append(parts, "only empty arrays were seen")
		}
	case infer.Map:
		if t.Elem == nil {
			parts = append(parts, "only {} was seen")
		}
	}
	if t.Nullable {
		parts = append(parts, "can be null")
	}
	return strings.Join(parts, "; ")
}

// fieldExample is the sample value a field's comment shows, or "": only
// for scalars, and never for a credential-named member or a value that
// looks like a credential (a response's access_token is a real one).
func fieldExample(f *infer.Field) string {
	t := f.Type
	switch t.Kind {
	case infer.String, infer.Time, infer.Int, infer.Float, infer.Bool:
	default:
		return ""
	}
	if t.Example == "" || isSecretName(f.Key) {
		return ""
	}
	if t.Example == `""` {
		return "" // fieldShape says it
	}
	// An e-mail address in a response sample is a person's more often
	// than not: it stays in the collection.
	if v, err := strconv.Unquote(t.Example); err == nil && (isSecretValue(v) || len(secrets.Tokens(v)) > 0 || strings.Contains(v, "{{") || strings.Contains(v, "@")) {
		return ""
	}
	return t.Example
}

// fieldShape says what a field holds when it has no example to show: a
// credential, a {{variable}} of the collection, or the shape of an
// object, list or map ("a list of objects").
func fieldShape(f *infer.Field) string {
	t := f.Type
	switch {
	case isSecretName(f.Key):
		return "a credential: the sample's value is not shown"
	case t.Example == `""`:
		return "empty in the samples"
	case strings.HasPrefix(t.Example, `"{{`) && strings.HasSuffix(t.Example, `}}"`) && !strings.ContainsAny(t.Example, "\\\n"):
		return "the collection sends " + strings.Trim(t.Example, `"`) + " here"
	}
	switch t.Kind {
	case infer.Object:
		if len(t.Fields) == 1 {
			return "an object of 1 member"
		}
		return fmt.Sprintf("an object of %d members", len(t.Fields))
	case infer.Array:
		if t.Elem != nil {
			return "a list of " + kindPlural(t.Elem)
		}
	case infer.Map:
		if t.Elem != nil {
			return "a map of " + kindPlural(t.Elem) + " by key"
		}
	case infer.String, infer.Time:
		return "a string"
	case infer.Int, infer.Float:
		return "a number"
	}
	return ""
}

// kindPlural names the values of a list or map: "objects", "strings".
func kindPlural(t *infer.Type) string {
	switch t.Kind {
	case infer.Object, infer.Map:
		return "objects"
	case infer.Array:
		return "lists"
	case infer.Bool:
		return "booleans"
	case infer.Int, infer.Float:
		return "numbers"
	case infer.String, infer.Time:
		return "strings"
	}
	return "values"
}
