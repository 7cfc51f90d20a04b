package generator

import (
	"bytes"
	"encoding/json"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/postgen/postgen/internal/secrets"
	"github.com/postgen/postgen/model"
	"github.com/postgen/postgen/templates"
)

// The mock server package (<package>test) is the server from
// templates/mock plus routes.go, written here: one route per method, with
// the collection's saved examples. Example responses are scrubbed like
// request values are: an OAuth token response, say, keeps its shape but
// not its token.

// mockRedacted replaces credentials found in saved examples: a value that
// still reads as a string to code that parses the response.
const mockRedacted = "redacted-by-postgen"

// emitMockServer writes the mock package's server.go: NewServer, which
// serves the collection's routes with package sdkmock's server, and the
// names of sdkmock its users write, under the package's own name.
func (p *plan) emitMockServer() *jen.File {
	f := jen.NewFile(p.mockPackage())
	f.HeaderComment(templates.Header)
	f.ImportName(sdkMockPath, "sdkmock")
	for _, n := range []struct{ name, doc string }{
		{"Server", "the mock server: see [sdkmock.Server]."},
		{"Request", "a request the server received: see [sdkmock.Request]."},
		{"Response", "a canned response for Server.Respond: see [sdkmock.Response]."},
	} {
		f.Add(comment(n.name + " is " + n.doc)...)
		f.Type().Id(n.name).Op("=").Qual(sdkMockPath, n.name)
		f.Line()
	}
	f.Add(comment(sentence("NewServer starts a server answering the requests of the collection with their saved examples. It is closed when the test ends; a request that matches no request of the collection fails the test.")...)...)
	f.Func().Id("NewServer").Params(jen.Id("tb").Qual("testing", "TB")).Op("*").Id("Server").Block(
		jen.Id("tb").Dot("Helper").Call(),
		jen.Return(jen.Qual(sdkMockPath, "NewServer").Call(jen.Id("tb"), jen.Id("routes"))),
	)
	f.Line()
	f.Add(comment(sentence("Start starts a server answering the requests of the collection with their saved examples outside a test, as the SDK's Example functions do; close it when done. A request that matches no request of the collection gets a 404 response saying so.")...)...)
	f.Func().Id("Start").Params().Op("*").Id("Server").Block(
		jen.Return(jen.Qual(sdkMockPath, "Start").Call(jen.Id("routes"))),
	)
	return f
}

// emitRoutes writes routes.go: the package comment and the route table.
//
//	var routes = []sdkmock.Route{{
//		Operation: "Bookings.Get",
//		Method:    "GET",
//		Path:      "/bookings/:bookingId",
//		Examples:  []sdkmock.Example{{Name: "found", Status: 200, Body: `{...}`}},
//	}}
func (p *plan) emitRoutes(twins [][]*method) *jen.File {
	pkg, mock := p.cfg.Package, p.mockPackage()
	f := jen.NewFile(mock)
	f.HeaderComment(templates.Header)
	var doc []string
	doc = append(doc, sentence("Package %s is a mock server for package %s (%s): NewServer starts an httptest.Server that answers each request of the collection with its saved examples, so code that uses the SDK can be tested offline.", mock, pkg, p.apiName())...)
	doc = append(doc, "")
	test, call := "TestClient", []string{"\t\t_ = c // the collection has no requests yet"}
	if m := p.exampleMethod(); m != nil {
		test = "Test" + strings.ReplaceAll(m.op.name, ".", "")
		call = []string{
			"\t\tctx := context.Background()",
			"\t\t" + p.exampleCall(m),
			"\t\tif err != nil {",
			"\t\t\tt.Fatal(err)",
			"\t\t}",
			"\t\tt.Log(res) // the saved example's body",
		}
	}
	doc = append(doc,
		"\tfunc "+test+"(t *testing.T) {",
		"\t\tsrv := "+mock+".NewServer(t)",
		"\t\tc, err := "+pkg+".NewClient("+pkg+".WithBaseURL(srv.URL))",
		"\t\tif err != nil {",
		"\t\t\tt.Fatal(err)",
		"\t\t}",
	)
	doc = append(doc, call...)
	doc = append(doc, "\t}")
	doc = append(doc, "")
	doc = append(doc, sentence("Server.UseExample picks another saved example of a request, Server.Respond and Server.Handle answer it your way, and Server.Requests returns what the client sent. Credentials in the saved examples are replaced with %q.", mockRedacted)...)
	if len(twins) > 0 {
		doc = append(doc, "")
		doc = append(doc, sentence("The server tells the requests of the collection apart by method, path, fixed query values, fixed headers and the place of their auth. These look the same to it: it answers the first of each group, and Request.Ambiguous names the group.")...)
		doc = append(doc, "")
		for _, group := range twins {
			names := make([]string, len(group))
			for i, m := range group {
				names[i] = m.op.name
			}
			doc = append(doc, "  - "+andList(names)+" send the same request: the server answers "+names[0])
		}
	}
	for _, l := range doc {
		if l == "" || l[0] == '\t' {
			f.PackageComment("//" + l)
		} else {
			f.PackageComment("// " + l)
		}
	}

	return f
}

// routesFile renders the mock package's routes.go: its package doc through
// Jennifer, the route table as text (see goText): one route per request,
// a line of what it matches, then its saved examples one per line.
func (p *plan) routesFile() (File, error) {
	name := p.mockPackage() + "/routes.go"
	distinct, twins := p.distinguishing()
	top, err := render(name, p.emitRoutes(twins))
	if err != nil {
		return top, err
	}
	var w goText
	w.comment("", sentence("routes are the requests of the collection with their saved examples, in collection order."))
	known := p.credentialTexts(runtimeVocabulary())
	var routes []string
	p.forEachMethod(func(m *method) {
		head := []string{"Operation: " + quote(m.op.name), "Method: " + quote(m.op.method)}
		if m.op.path != "" {
			head = append(head, "Path: "+quote(m.op.path))
		}
		if prefix := p.originPath(m.op.origin); prefix != "" {
			head = append(head, "Prefix: "+quote(prefix))
		}
		groups := [][]string{head}
		var qs, hs []string
		for _, q := range distinct[m] {
			if q.header {
				hs = append(hs, q.literal())
			} else {
				qs = append(qs, q.literal())
			}
		}
		if len(qs) > 0 {
			groups = append(groups, []string{"Query: []sdkmock.QueryValue{" + strings.Join(qs, ", ") + "}"})
		}
		if len(hs) > 0 {
			groups = append(groups, []string{"Header: []sdkmock.HeaderValue{" + strings.Join(hs, ", ") + "}"})
		}
		if len(m.req.Examples) > 0 {
			var exs []string
			for _, ex := range m.req.Examples {
				exs = append(exs, "{"+strings.Join(exampleFields(ex, known), ", ")+"}")
			}
			groups = append(groups, []string{"Examples: " + rowList("[]sdkmock.Example", "\t\t", exs)})
		}
		var b bytes.Buffer
		packedLiteral(&b, "\t", groups)
		routes = append(routes, b.String())
	})
	if len(routes) == 0 {
		w.WriteString("var routes = []sdkmock.Route{}\n")
	} else {
		w.WriteString("var routes = " + rowList("[]sdkmock.Route", "", routes) + "\n")
	}
	data, err := appendDecls(top.Data, map[string]bool{sdkMockPath: true}, append([]byte("\n"), w.Bytes()...))
	return File{Name: name, Data: data}, err
}

// exampleFields renders a saved example, scrubbed, without zero fields:
// known are the collection's credential values (see credentialTexts),
// replaced wherever they appear.
func exampleFields(ex model.Example, known []string) []string {
	out := []string{"Name: " + quote(ex.Name)}
	if ex.Code != 0 {
		out = append(out, "Status: "+strconv.Itoa(ex.Code))
	}
	if hs := exampleHeaders(ex); len(hs) > 0 {
		vals := make([]string, len(hs))
		for i, h := range hs {
			vals[i] = "{" + quote(h[0]) + ", " + quote(replaceAll(h[1], known, mockRedacted)) + "}"
		}
		out = append(out, "Header: [][2]string{"+strings.Join(vals, ", ")+"}")
	}
	if body := replaceAll(scrubExampleBody(ex.Body), known, mockRedacted); body != "" {
		out = append(out, "Body: "+bodyLit(body))
	}
	return out
}

// replayedHeader reports whether a saved response header is replayed:
// headers about the connection or the encoding of the original body do
// not describe the body the mock sends.
func replayedHeader(key string) bool {
	switch strings.ToLower(strings.TrimSpace(key)) {
	case "", "content-length", "transfer-encoding", "connection", "keep-alive", "content-encoding", "date":
		return false
	}
	return true
}

// previewTypes gives a Content-Type to examples that saved none.
var previewTypes = map[string]string{"json": "application/json", "xml": "application/xml", "html": "text/html", "text": "text/plain"}

// exampleHeaders returns the headers an example is replayed with,
// credentials replaced.
func exampleHeaders(ex model.Example) [][2]string {
	var out [][2]string
	hasType := false
	for _, h := range ex.Headers {
		if h.Disabled || !replayedHeader(h.Key) {
			continue
		}
		value := h.Value
		if isSecretName(h.Key) || isSecretValue(value) {
			value = mockRedacted
		} else {
			// Set-Cookie: session=..., Location: ...?token=...
			value = secrets.Redact(value, mockRedacted)
		}
		hasType = hasType || strings.EqualFold(h.Key, "content-type")
		out = append(out, [2]string{h.Key, value})
	}
	if t, ok := previewTypes[ex.PreviewLanguage]; ok && !hasType && ex.Body != "" {
		out = append(out, [2]string{"Content-Type", t})
	}
	return out
}

// scrubExampleBody replaces the literal credentials in a saved response
// body, whatever its format (JSON, XML, form-encoded, text; see
// internal/secrets): a token response is replayed with placeholders.
func scrubExampleBody(body string) string {
	return secrets.Redact(body, mockRedacted)
}

// originPath is the path of origin i once the collection's defaults are
// applied ("/v1" for "https://api.example.com/v1"), "" when there is none
// or the origin does not resolve.
func (p *plan) originPath(i int) string {
	if i < 0 || i >= len(p.origins) {
		return ""
	}
	s := p.resolveDefaults(p.origins[i])
	if strings.Contains(s, "{{") {
		return ""
	}
	_, rest, ok := strings.Cut(s, "://")
	if !ok {
		rest = s
	}
	if j := strings.IndexByte(rest, '/'); j >= 0 {
		return strings.TrimRight(rest[j:], "/")
	}
	return ""
}

// mockQuery is a query value or a header that tells a request apart from
// others; any means the key with any value (an API key, an Authorization
// header).
type mockQuery struct {
	key, value        string
	null, any, header bool
}

// literal renders q as a sdkmock.QueryValue or HeaderValue literal.
func (q mockQuery) literal() string {
	v := "Key: " + quote(q.key)
	switch {
	case q.any:
		v += ", Any: true"
	case q.null:
		v += ", Null: true"
	case q.value != "":
		v += ", Value: " + quote(q.value)
	}
	return "{" + v + "}"
}

// same is q with a header's key folded, to compare it with others.
func (q mockQuery) same() mockQuery {
	if q.header {
		q.key = strings.ToLower(q.key)
	}
	return q
}

// distinguishing finds, for the requests that share a method and a path
// shape, the fixed query values, fixed headers and auth placements that
// differ between them (?op=add and ?op=sub on one path, an API key in the
// query on one), so the mock server can tell them apart. twins are the
// groups of requests that nothing tells apart (the same values, the same
// base URL path), in collection order.
func (p *plan) distinguishing() (map[*method][]mockQuery, [][]*method) {
	groups := map[string][]*method{}
	var order []string
	p.forEachMethod(func(m *method) {
		key := m.op.method + " " + pathShape(m.op.path)
		if len(groups[key]) == 0 {
			order = append(order, key)
		}
		groups[key] = append(groups[key], m)
	})
	out := map[*method][]mockQuery{}
	var twins [][]*method
	for _, key := range order {
		ms := groups[key]
		if len(ms) < 2 {
			continue
		}
		count := map[mockQuery]int{}
		queries := make([][]mockQuery, len(ms))
		for i, m := range ms {
			queries[i] = p.wireValues(m)
			for _, q := range queries[i] {
				count[q.same()]++
			}
		}
		seen := map[string][]*method{}
		var sigs []string
		for i, m := range ms {
			var sig []string
			for _, q := range queries[i] {
				if count[q.same()] < len(ms) {
					out[m] = append(out[m], q)
					sig = append(sig, q.same().literal()+strconv.FormatBool(q.header))
				}
			}
			sort.Strings(sig)
			k := p.originPath(m.op.origin) + "\n" + strings.Join(sig, "\n")
			if len(seen[k]) == 0 {
				sigs = append(sigs, k)
			}
			seen[k] = append(seen[k], m)
		}
		for _, k := range sigs {
			if len(seen[k]) > 1 {
				twins = append(twins, seen[k])
			}
		}
	}
	return out, twins
}

// wireValues lists what m always sends besides its method and path: its
// enabled query values and headers with a fixed key, one per key (with
// any value when the value holds a variable), and the query parameter or
// header its auth adds.
func (p *plan) wireValues(m *method) []mockQuery {
	var out []mockQuery
	seen := map[mockQuery]bool{}
	add := func(q mockQuery) {
		k := q.same()
		k.value, k.null, k.any = "", false, false
		if !seen[k] {
			seen[k] = true
			out = append(out, q)
		}
	}
	for _, pp := range m.op.params {
		header := pp.in == "header"
		if (pp.in != "query" && !header) || !pp.constant || strings.Contains(pp.key, "{{") {
			continue
		}
		q := mockQuery{key: pp.key, value: pp.value, null: pp.null, header: header}
		if strings.Contains(pp.value, "{{") {
			q.value, q.null, q.any = "", false, true
		}
		add(q)
	}
	if q, ok := authWireValue(m.req.Auth); ok && m.op.auth != "" {
		add(q)
	}
	return out
}

// authWireValue is the query parameter or header auth a adds to every
// request, with any value; false for auth that sends none up front
// (digest and NTLM answer a challenge).
func authWireValue(a *model.Auth) (mockQuery, bool) {
	if a == nil {
		return mockQuery{}, false
	}
	authorization := mockQuery{key: "Authorization", any: true, header: true}
	switch a.Type {
	case model.AuthAPIKey:
		name, _ := authParamText(a, "key")
		if name == "" || strings.Contains(name, "{{") {
			return mockQuery{}, false
		}
		in, _ := authParamText(a, "in")
		return mockQuery{key: name, any: true, header: in != "query"}, true
	case model.AuthOAuth2:
		if to, _ := authParamText(a, "addTokenTo"); to == "queryParams" {
			return mockQuery{key: "access_token", any: true}, true
		}
		return authorization, true
	case model.AuthBearer, model.AuthBasic, model.AuthHawk, model.AuthEdgeGrid, model.AuthASAP:
		return authorization, true
	}
	return mockQuery{}, false
}

// pathShape is a path template with its variables written "*", as the
// mock server matches them: "/files/:name.json" is "/files/*.json",
// "/items/key={{key}}" is "/items/key=*".
func pathShape(path string) string {
	segs := strings.Split(path, "/")
	for i, s := range segs {
		if strings.HasPrefix(s, ":") && len(s) > 1 {
			rest := ""
			if j := strings.IndexByte(s, '.'); j > 0 {
				rest = s[j:]
			}
			s = "*" + rest
		}
		segs[i] = varPattern.ReplaceAllString(s, "*")
	}
	return strings.Join(segs, "/")
}

// varPattern is a {{variable}} in a path segment.
var varPattern = regexp.MustCompile(`\{\{.*?\}\}`)

// extraFiles are the files beside the Go package: README.md.
func (p *plan) extraFiles() ([]File, error) {
	readme, err := p.readme()
	if err != nil {
		return nil, err
	}
	return []File{readme}, nil
}

// bodyLit renders a saved body on one line: JSON compacted (the mock
// serves it to a decoder; its layout carries nothing) and as a raw string
// when it holds quotes, which reads better than escapes; other text quoted.
func bodyLit(s string) string {
	var b bytes.Buffer
	if json.Valid([]byte(s)) && json.Compact(&b, []byte(s)) == nil {
		s = b.String()
	}
	if !strings.Contains(s, "\n") && strings.Contains(s, `"`) && !strings.Contains(s, "`") && cleanText(s) == s {
		return "`" + s + "`"
	}
	return quote(s)
}

// replaceAll replaces every whole-word occurrence of each of known in s.
func replaceAll(s string, known []string, with string) string {
	return secrets.ReplaceKnown(s, known, with)
}
