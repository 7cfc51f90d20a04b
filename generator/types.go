package generator

import (
	"encoding/json"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/postgen/postgen/generator/infer"
	"github.com/postgen/postgen/model"
)

// This file plans the typed side of a method: the Go type of its result,
// of its JSON or GraphQL body argument and of its error bodies, inferred
// from the collection's bodies and saved examples (generator/infer does
// the inference; typenames.go names the types).

// Result kinds of a method.
const (
	resultJSON  = "json"  // decoded from JSON into an inferred type
	resultText  = "text"  // string: the examples are XML, HTML or text
	resultBytes = "bytes" // []byte: binary examples, or no example at all
	resultNone  = "none"  // no result: every 2xx example has an empty body
	// resultStream is an io.ReadCloser the caller reads as it arrives
	// (streaming.go): events, JSON lines, a stream endpoint.
	resultStream = "stream"
	// resultRawJSON is the JSON body undecoded (sdk.RawJSON): a JSON API
	// request the collection saved no example for (siblings.go).
	resultRawJSON = "rawjson"
)

// Where a root type is used.
const (
	roleResult = "result"
	roleError  = "error"
	roleBody   = "body"
	roleVars   = "variables" // GraphQL variables
	roleField  = "field"
)

// methodTypes is what inference decided for one method.
type methodTypes struct {
	result string // one of the result* kinds
	// jsonOK is true when a 2xx example has a JSON body.
	jsonOK bool
	// rawType is the content type of a text or binary result's examples.
	rawType string
	// root is the result type when result is resultJSON.
	root *rootType
	// body is the inferred type of a JSON body or of GraphQL variables.
	body *rootType
	// errors are the JSON error bodies by status, in status order.
	errors []*errorType
	// gql holds the GraphQL names when the body is GraphQL.
	gql *graphQLNames
	// stream is "events" or "lines" for a resultStream.
	stream string
	// hasExamples is true when the request saved a 2xx example; borrowed
	// when root is the result type of from, a sibling on the same
	// resource path, because it saved none (siblings.go).
	hasExamples bool
	borrowed    bool
	from        *method
}

// rootType is one inferred type with the samples it came from.
type rootType struct {
	t    *infer.Type
	role string
	// samples are the JSON texts merged into t, with their JSON paths in
	// the collection.
	samples []typedSample
}

// typedSample is one body that a root type was inferred from.
type typedSample struct {
	path, body string
	// valid is true when the body is strict JSON (not only readable
	// leniently), so that a server could send it as it is.
	valid bool
}

// errorType is the error body of one status.
type errorType struct {
	status int
	root   *rootType
}

// graphQLNames are the names of a GraphQL method's query constant and
// request type.
type graphQLNames struct {
	query, request string
}

// planTypes infers the result, body and error types of m. It runs once
// per method, after planOperation; names come later, in nameTypes, once
// every method is known, so identical types share one name.
func (p *plan) planTypes(m *method) {
	mt := &methodTypes{result: resultBytes}
	m.types = mt
	// Each example is looked at once: a request may have very many
	// (security issue 12), and checking a body is JSON reads all of it.
	anyOK := false
	var okJSON []typedSample
	var okRaw []*model.Example
	errs := map[int][]typedSample{}
	for i := range m.req.Examples {
		e := &m.req.Examples[i]
		success := e.Code == 0 || e.Code/100 == 2
		if !success && e.Code < 400 {
			continue
		}
		sample, isJSON := p.jsonExample(e)
		switch {
		case success:
			// A saved example without a status is the success case the
			// author meant to show.
			anyOK = true
			switch {
			case isJSON:
				mt.jsonOK = true
				okJSON = append(okJSON, sample)
			case strings.TrimSpace(e.Body) != "":
				okRaw = append(okRaw, e)
			}
		case isJSON:
			errs[e.Code] = append(errs[e.Code], sample)
		}
	}
	mt.hasExamples = anyOK
	switch {
	case !anyOK:
	case len(okRaw) > 0:
		mt.result = resultBytes
		if isTextExample(*okRaw[0]) {
			mt.result = resultText
		}
		if mt.rawType = exampleContentType(*okRaw[0]); mt.rawType == "" {
			mt.rawType = okRaw[0].PreviewLanguage
		}
	default:
		if root := p.inferSamples(okJSON, roleResult); root != nil {
			mt.result, mt.root = resultJSON, root
		} else {
			mt.result = resultNone
		}
	}
	var codes []int
	for code := range errs {
		codes = append(codes, code)
	}
	sort.Ints(codes)
	for _, code := range codes {
		if root := p.inferSamples(errs[code], roleError); root != nil {
			mt.errors = append(mt.errors, &errorType{status: code, root: root})
		}
	}
	if kind := streamKind(m.req); kind != "" {
		mt.result, mt.root, mt.stream = resultStream, nil, kind
	}
	p.planBodyType(m)
}

// planBodyType types the JSON or GraphQL body argument of m from the
// collection's body and the bodies saved with its examples.
func (p *plan) planBodyType(m *method) {
	if m.body == nil || m.body.kind != "json" || m.req.Body == nil {
		return
	}
	b := m.req.Body
	var samples []typedSample
	role := roleBody
	switch b.Mode {
	case model.BodyRaw:
		samples = append(samples, newSample(m.req.Path+".request.body.raw", b.Raw))
		for _, e := range m.req.Examples {
			if o := e.OriginalRequest; o != nil && o.Body != nil && o.Body.Mode == model.BodyRaw && strings.TrimSpace(o.Body.Raw) != "" {
				samples = append(samples, newSample(e.Path+".originalRequest.body.raw", o.Body.Raw))
			}
		}
	case model.BodyGraphQL:
		role = roleVars
		samples = append(samples, newSample(m.req.Path+".request.body.graphql.variables", b.GraphQL.Variables))
		for _, e := range m.req.Examples {
			if o := e.OriginalRequest; o != nil && o.Body != nil && o.Body.Mode == model.BodyGraphQL {
				samples = append(samples, newSample(e.Path+".originalRequest.body.graphql.variables", o.Body.GraphQL.Variables))
			}
		}
		prefix := m.svc.prefix + m.name
		m.types.gql = &graphQLNames{query: p.pkgScope.Claim(prefix + "Query"), request: p.pkgScope.Claim(prefix + "Request")}
		m.body.kind = "graphql"
		if m.op.body != nil {
			m.op.body.textConst = m.types.gql.query
		}
	default:
		return
	}
	root := p.inferSamples(samples, role)
	if root == nil {
		return
	}
	switch root.t.Kind {
	case infer.Object, infer.Array, infer.Map:
		m.types.body = root
	}
}

// newSample records a body text found at path.
func newSample(path, body string) typedSample {
	body = strings.TrimSpace(body)
	return typedSample{path: path, body: body, valid: json.Valid([]byte(body))}
}

// inferSamples merges samples into one type; nil when none parses.
// Member names that look like credentials make their object a map, so no
// credential becomes a field name.
func (p *plan) inferSamples(samples []typedSample, role string) *rootType {
	var t *infer.Type
	var used []typedSample
	for _, s := range samples {
		st, err := infer.Sample(s.body)
		if err != nil {
			continue
		}
		t = infer.MergeInto(t, st)
		used = append(used, s)
	}
	if t == nil {
		return nil
	}
	infer.Normalize(t, func(key string) bool { return isSecretValue(key) })
	return &rootType{t: t, role: role, samples: used}
}

// jsonExample returns the sample of an example whose body is JSON: strict
// JSON, or JSON the author labelled as such that reads leniently (a
// trailing comma in a hand-edited example should not cost the method its
// type); ok is false for any other body.
func (p *plan) jsonExample(e *model.Example) (s typedSample, ok bool) {
	s = newSample(e.Path, e.Body)
	switch {
	case s.body == "":
		return s, false
	case s.valid:
		return s, true
	case e.PreviewLanguage != "json" && !jsonContentType.MatchString(exampleContentType(*e)):
		return s, false
	}
	_, err := infer.Sample(s.body)
	return s, err == nil
}

// isTextExample reports whether a non-JSON example is text (XML, HTML,
// plain text, CSV, JavaScript), so the result is a string.
// The Content-Type decides when the example has one; else the preview
// language; a body that is not UTF-8 is never text.
func isTextExample(e model.Example) bool {
	if !utf8.ValidString(e.Body) {
		return false
	}
	if ct := strings.ToLower(exampleContentType(e)); ct != "" {
		return strings.HasPrefix(ct, "text/") || strings.Contains(ct, "xml") || strings.Contains(ct, "javascript") || strings.Contains(ct, "json")
	}
	switch e.PreviewLanguage {
	case "xml", "html", "text", "plain", "javascript", "":
		return true
	}
	return false
}

// exampleContentType is the Content-Type header of a saved response.
func exampleContentType(e model.Example) string {
	for _, h := range e.Headers {
		if strings.EqualFold(h.Key, "content-type") {
			return strings.TrimSpace(h.Value)
		}
	}
	return ""
}

// Content types of streamed responses.
var (
	eventStreamTypes = []string{"text/event-stream"}
	lineStreamTypes  = []string{"application/x-ndjson", "application/ndjson", "application/jsonl",
		"application/x-jsonlines", "application/jsonlines", "application/stream+json", "application/json-seq"}
)

// streamKind says whether r's response is a stream, and of what: "events"
// (Server-Sent Events) or "lines" (JSON lines, or a "stream" endpoint),
// from its examples' Content-Type, its Accept header, or its path; "" for
// a response read whole.
func streamKind(r *model.Request) string {
	kind := func(ct string) string {
		ct = strings.ToLower(ct)
		for _, t := range eventStreamTypes {
			if strings.HasPrefix(ct, t) {
				return "events"
			}
		}
		for _, t := range lineStreamTypes {
			if strings.HasPrefix(ct, t) {
				return "lines"
			}
		}
		return ""
	}
	for _, e := range r.Examples {
		if k := kind(exampleContentType(e)); k != "" {
			return k
		}
	}
	for _, h := range r.Headers {
		if !h.Disabled && strings.EqualFold(h.Key, "accept") {
			if k := kind(h.Value); k != "" {
				return k
			}
		}
	}
	// A "stream" endpoint streams, unless an example says it answers a
	// JSON document (DocuSign Monitor's /stream pages with a cursor).
	if n := len(r.URL.Path); n > 0 && strings.EqualFold(r.URL.Path[n-1], "stream") && r.Method == "GET" {
		for _, e := range r.Examples {
			if e.Code >= 300 {
				continue // an error answers in JSON even on a stream
			}
			if jsonContentType.MatchString(exampleContentType(e)) || json.Valid([]byte(strings.TrimSpace(e.Body))) && strings.TrimSpace(e.Body) != "" {
				return ""
			}
		}
		return "lines"
	}
	return ""
}
