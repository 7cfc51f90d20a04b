package sdk

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// q builds a constant query row: sent with the collection's text, so the
// cases below check Postman's encoding of it.
func q(key, value string) Param {
	return Param{In: InQuery, Key: key, Value: value, Const: true}
}

// qnull builds a constant query row whose value is null ("?flag").
func qnull(key string) Param {
	return Param{In: InQuery, Key: key, Null: true, Const: true}
}

func hdr(key, value string) Param {
	return Param{In: InHeader, Key: key, Value: value, Const: true}
}

// sample builds a row whose value is a sample: sent only with a caller's.
func sample(in uint8, key, value string) Param {
	return Param{In: in, Key: key, Value: value}
}

// args builds a caller's values.
func args(in uint8, kv ...string) Args {
	var a Args
	for i := 0; i+1 < len(kv); i += 2 {
		a = append(a, Arg{In: in, Key: kv[i], Values: []string{kv[i+1]}})
	}
	return a
}

// The cases below reproduce captures of Appendix A of POSTMAN-FORMAT.md.
func TestRequestLineMatchesPostman(t *testing.T) {
	srv := newCaptureServer(t)
	tests := []struct {
		name string
		vars map[string]string
		op   Operation
		in   Call
		want string
	}{
		{
			name: "T01 query characters left raw",
			op: Operation{Method: "GET", Path: "/t01/path with space/ü/{x}/a%2Fb/%zz", Params: []Param{
				q("a", "1"), q("b", "hello world"), q("c", "a+b"), q("d", "%20x%zz"), q("e", "ü"), q("f", `"q"`),
				q("g", "<>"), q("h", "x|y"), q("empty", ""), qnull("novalue"), q("arr[]", "1"), q("arr[]", "2"),
				q("dup", "1"), q("dup", "2"), qnull(""), q("amp", "a%26b"), q("eq", "a=b"),
			}},
			want: "GET /t01/path%20with%20space/%C3%BC/%7Bx%7D/a%2Fb/%zz?a=1&b=hello%20world&c=a+b&d=%20x%zz&e=%C3%BC&f=%22q%22&g=%3C%3E&h=x|y&empty=&novalue&arr[]=1&arr[]=2&dup=1&dup=2&&amp=a%26b&eq=a=b HTTP/1.1",
		},
		{
			name: "T02 path variables, null and empty values, escaped keys",
			vars: map[string]string{"pathSeg": "seg/with/slash"},
			op: Operation{Method: "GET", Path: "/t02/:id/items/:itemId.json/:unsetVar/{{pathSeg}}", PathVars: []string{"id", "itemId", "unsetVar"},
				Params: []Param{q("a", "1"), sample(InQuery, "dis", "x"), qnull("b"), q("c", ""), q("d e", "f&g=h#i"), q("dup", "1"), q("dup", "2"), q("k=x", "v")}},
			in:   Call{Path: []string{"42", "7", "u"}},
			want: "GET /t02/42/items/7.json/u/seg/with/slash?a=1&b&c=&d%20e=f%26g=h%23i&dup=1&dup=2&k%3Dx=v HTTP/1.1",
		},
		{
			name: "T03 variable values add structure",
			vars: map[string]string{"qv": "x&y=z", "slashy": "a/b?c#d"},
			op:   Operation{Method: "GET", Path: "/t03", Params: []Param{q("q", "{{qv}}"), q("r", "{{slashy}}")}},
			want: "GET /t03?q=x&y=z&r=a/b?c HTTP/1.1",
		},
		{
			name: "P15 only samples: no ?",
			op:   Operation{Method: "GET", Path: "/p15", Params: []Param{sample(InQuery, "a", "1")}},
			want: "GET /p15 HTTP/1.1",
		},
		{
			name: "P16 bare ? kept",
			op:   Operation{Method: "GET", Path: "/p16", Params: []Param{{In: InQuery, Key: "", Null: true, Const: true}}},
			want: "GET /p16? HTTP/1.1",
		},
		{
			name: "P17 path variable repeated with suffix",
			op:   Operation{Method: "GET", Path: "/p17/:id/:id.json", PathVars: []string{"id"}},
			in:   Call{Path: []string{"9"}},
			want: "GET /p17/9/9.json HTTP/1.1",
		},
		{
			name: "P07 repeated slashes kept",
			op:   Operation{Method: "GET", Path: "//p07//double"},
			want: "GET //p07//double HTTP/1.1",
		},
		{
			name: "PV6 colon in the middle of a segment and a double colon",
			op:   Operation{Method: "GET", Path: "/pv6/a:id/::x", PathVars: []string{":x"}},
			in:   Call{Path: []string{"dbl"}},
			want: "GET /pv6/a:id/dbl HTTP/1.1",
		},
		{
			name: "variable arguments inside a segment are escaped as one segment",
			vars: map[string]string{"v": "x/y"},
			op:   Operation{Method: "GET", Path: "/profiles/celeb_{{username}}/{{v}}/{{id}}.json", PathVars: []string{"{{username}}", "{{id}}"}},
			in:   Call{Path: []string{"a/b?c", "7"}},
			want: "GET /profiles/celeb_a%2Fb%3Fc/x/y/7.json HTTP/1.1",
		},
		{
			name: "caller path values cannot add structure",
			op:   Operation{Method: "GET", Path: "/u/:id", PathVars: []string{"id"}},
			in:   Call{Path: []string{"a/b?c#d {{x}}"}},
			want: "GET /u/a%2Fb%3Fc%23d%20%7B%7Bx%7D%7D HTTP/1.1",
		},
		{
			name: "caller query values are escaped, not resolved",
			op:   Operation{Method: "GET", Path: "/q", Params: []Param{q("q", "{{qv}}")}},
			vars: map[string]string{"qv": "unused"},
			in:   Call{Args: args(InQuery, "q", "x&y=z#w {{qv}}")},
			want: "GET /q?q=x%26y=z%23w%20{{qv}} HTTP/1.1",
		},
		{
			name: "caller values in place of their rows: a repeated key once, a constant replaced, an extra key last",
			op: Operation{Method: "GET", Path: "/r", Params: []Param{
				sample(InQuery, "dup", "1"),
				q("v", "2"),
				sample(InQuery, "x", "1"),
				sample(InQuery, "dup", "2"),
				q("k", "const"),
			}},
			in: Call{Args: Args{{In: InQuery, Key: "dup", Values: []string{"9", "8"}}, {In: InQuery, Key: "x", Values: []string{"on"}},
				{In: InQuery, Key: "k", Values: []string{"mine"}}, {In: InQuery, Key: "flag", Flag: true}}},
			want: "GET /r?dup=9&dup=8&v=2&x=on&k=mine&flag HTTP/1.1",
		},
		{
			name: "base URL with a path prefix",
			vars: map[string]string{"baseUrl": ""},
			op:   Operation{Method: "GET", Path: "/v"},
			want: "GET /prefix/v HTTP/1.1",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &Core{vars: tt.vars}
			if tt.name == "base URL with a path prefix" {
				c.baseURL = srv.URL() + "/prefix"
				c.vars = nil
			}
			got := srv.roundTrip(t, c, &tt.op, tt.in)
			if got.line != tt.want {
				t.Errorf("request line\n got: %s\nwant: %s", got.line, tt.want)
			}
		})
	}
}

func TestHeadersFollowPostmanRules(t *testing.T) {
	srv := newCaptureServer(t)
	op := Operation{Method: "GET", Path: "/h", Params: []Param{
		hdr("X-A", "one"), hdr("X-Empty", ""), hdr("X-Dup", "1"), hdr("X-Dup", "2"), hdr("x-dup", "3"),
		hdr("X-Same", "a"), hdr("X-Same", "b"), hdr("X-Var", "{{v}}"),
		sample(InHeader, "X-Off", "x"),
		sample(InHeader, "X-Opt", ""),
	}}
	got := srv.roundTrip(t, &Core{vars: map[string]string{"v": "resolved"}, userAgent: "sdk/1"}, &op, Call{Args: args(InHeader, "x-opt", "set")})
	check := func(key string, want ...string) {
		t.Helper()
		if g := got.header.Values(key); strings.Join(g, "|") != strings.Join(want, "|") {
			t.Errorf("%s = %q, want %q", key, g, want)
		}
	}
	check("X-A", "one")
	check("X-Empty", "")
	check("X-Dup", "3")
	check("X-Same", "a", "b")
	check("X-Var", "resolved")
	check("X-Off")
	check("x-opt", "set")
	check("Accept", "*/*")
	check("User-Agent", "sdk/1")
}

func TestBodiesMatchPostman(t *testing.T) {
	srv := newCaptureServer(t)
	tests := []struct {
		name     string
		body     BodySpec
		in       Call
		wantBody string
		wantCT   string
	}{
		{
			name:     "T08 JSON comments stripped",
			body:     BodySpec{Mode: BodyRaw, Text: "{\n  // line comment\n  \"a\": 1, /* block */\n  \"url\": \"http://x//y\"\n}", StripComments: true, ContentType: "application/json"},
			in:       Call{SampleBody: true},
			wantBody: "{\n  \n  \"a\": 1, \n  \"url\": \"http://x//y\"\n}",
			wantCT:   "application/json",
		},
		{
			// strip-json-comments 3 ends a line comment at CRLF by dropping
			// the CR with the comment (seen in paypal-partner-apis); an
			// unterminated quote makes "//" in a later value a comment
			// (msgraph).
			name:     "JSON comments ended by CRLF lose the CR",
			body:     BodySpec{Mode: BodyRaw, Text: "{\r\n \"a\": 1, //x\r\n \"b\": \"open, \r\n \"u\": \"https://h\" \r\n}", StripComments: true, ContentType: "application/json"},
			in:       Call{SampleBody: true},
			wantBody: "{\r\n \"a\": 1, \n \"b\": \"open, \r\n \"u\": \"https:\n}",
			wantCT:   "application/json",
		},
		{
			name: "T12 urlencoded, RFC 3986 strict",
			body: BodySpec{Mode: BodyURLEncoded, ContentType: "application/x-www-form-urlencoded", Form: []Param{
				{In: InForm, Key: "a", Value: "1", Const: true}, {In: InForm, Key: "sp ace", Value: "hello world", Const: true},
				{In: InForm, Key: "plus", Value: "a+b", Const: true}, {In: InForm, Key: "amp", Value: "x&y=z", Const: true},
				{In: InForm, Key: "uni", Value: "ü€", Const: true}, {In: InForm, Key: "dup", Value: "1", Const: true},
				{In: InForm, Key: "dup", Value: "2", Const: true}, sample(InForm, "dis", "x"),
				{In: InForm, Key: "empty", Value: "", Const: true}, {In: InForm, Key: "novalue", Const: true},
				{In: InForm, Key: "star", Value: "!'()*~", Const: true}, {In: InForm, Key: "pre", Value: "%41", Const: true},
				{In: InForm, Key: "var", Value: "{{qv}}", Const: true},
			}},
			wantBody: "a=1&sp%20ace=hello%20world&plus=a%2Bb&amp=x%26y%3Dz&uni=%C3%BC%E2%82%AC&dup=1&dup=2&empty=&novalue=&star=%21%27%28%29%2A~&pre=%2541&var=x%26y%3Dz",
			wantCT:   "application/x-www-form-urlencoded",
		},
		{
			name:     "T15 GraphQL variables text spliced verbatim",
			body:     BodySpec{Mode: BodyGraphQL, ContentType: "application/json", Text: "query Q($id: ID!) { user(id: $id) { name } }", GQLVariables: "{\n  \"id\": \"{{qv}}\"\n}", GQLVarsText: true},
			in:       Call{SampleBody: true},
			wantBody: "{\"query\":\"query Q($id: ID!) { user(id: $id) { name } }\",\"variables\":{\n  \"id\": \"x&y=z\"\n}}",
			wantCT:   "application/json",
		},
		{
			name:     "T16 GraphQL operationName",
			body:     BodySpec{Mode: BodyGraphQL, ContentType: "application/json", Text: "query Q { a }", GQLOperation: "Q", GQLVariables: `{"x":1}`},
			in:       Call{SampleBody: true},
			wantBody: `{"query":"query Q { a }","operationName":"Q","variables":{"x":1}}`,
			wantCT:   "application/json",
		},
		{
			name:     "T16b GraphQL empty variables",
			body:     BodySpec{Mode: BodyGraphQL, ContentType: "application/json", Text: "{ a }", GQLVarsText: true},
			wantBody: `{"query":"{ a }"}`,
			wantCT:   "application/json",
		},
		{
			name:     "caller JSON body replaces the collection's",
			body:     BodySpec{Mode: BodyRaw, Text: `{"a": 1}`, ContentType: "application/json"},
			in:       Call{Body: map[string]int{"b": 2}},
			wantBody: `{"b":2}`,
			wantCT:   "application/json",
		},
		{
			name:     "GraphQL without a caller body: the query, not the sample variables",
			body:     BodySpec{Mode: BodyGraphQL, ContentType: "application/json", Text: "query Q { a }", GQLVariables: `{"x":1}`},
			wantBody: `{"query":"query Q { a }"}`,
			wantCT:   "application/json",
		},
		{
			name: "raw JSON without a caller body: no body",
			body: BodySpec{Mode: BodyRaw, Text: `{"a": 1}`, ContentType: "application/json"},
		},
		{
			name: "T20 urlencoded samples only: no body",
			body: BodySpec{Mode: BodyURLEncoded, ContentType: "application/x-www-form-urlencoded", Form: []Param{sample(InForm, "a", "1")}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			op := Operation{Method: "POST", Path: "/b", Body: &tt.body}
			got := srv.roundTrip(t, &Core{vars: map[string]string{"qv": "x&y=z"}}, &op, tt.in)
			if got.body != tt.wantBody {
				t.Errorf("body\n got: %q\nwant: %q", got.body, tt.wantBody)
			}
			if ct := got.header.Get("Content-Type"); ct != tt.wantCT {
				t.Errorf("Content-Type = %q, want %q", ct, tt.wantCT)
			}
		})
	}
}

func TestMultipartMatchesPostman(t *testing.T) {
	srv := newCaptureServer(t)
	op := Operation{Method: "POST", Path: "/t13", Body: &BodySpec{Mode: BodyFormData, Form: []Param{
		{In: InForm, Key: "text1", Value: "hello", Const: true},
		{In: InForm, Key: "json", Value: `{"a":1}`, ContentType: "application/json", Const: true},
		{In: InFile, Key: "file1", FileName: "upload.txt", ContentType: "text/plain"},
		sample(InForm, "dis", "x"),
		{In: InFile, Key: "nofile"},
		{In: InForm, Key: "uni ké", Value: "ü", Const: true},
	}}}
	var form Args
	File(&form, "file1", &FormFile{Name: "upload.txt", ContentType: "text/plain", Content: strings.NewReader("hello file\n")})
	got := srv.roundTrip(t, &Core{}, &op, Call{Form: form})
	ct := got.header.Get("Content-Type")
	boundary := strings.TrimPrefix(ct, "multipart/form-data; boundary=")
	if boundary == ct {
		t.Fatalf("Content-Type = %q", ct)
	}
	want := strings.ReplaceAll(`--B
Content-Disposition: form-data; name="text1"

hello
--B
Content-Disposition: form-data; name="json"
Content-Type: application/json

{"a":1}
--B
Content-Disposition: form-data; name="file1"; filename="upload.txt"
Content-Type: text/plain

hello fileLF
--B
Content-Disposition: form-data; name="uni ké"

ü
--B--
`, "\n", "\r\n")
	want = strings.ReplaceAll(want, "LF\r\n", "\n\r\n")
	if got.body != strings.ReplaceAll(want, "B", boundary) {
		t.Errorf("body\n got: %q\nwant: %q", got.body, strings.ReplaceAll(want, "B", boundary))
	}
}

// Zero means omit: a form whose rows are all samples or files the caller
// does not give sends no body, and so does an empty text argument; the
// collection's body is sent only when asked for.
func TestBodiesWithoutCallerValues(t *testing.T) {
	srv := newCaptureServer(t)
	op := Operation{Method: "POST", Path: "/f", Body: &BodySpec{Mode: BodyFormData, Form: []Param{
		{In: InFile, Key: "file1", FileName: "upload.txt", ContentType: "text/plain"},
		sample(InForm, "name", "Ada"),
		{In: InFile, Key: "nofile"},
	}}}
	got := srv.roundTrip(t, &Core{}, &op, Call{})
	if got.body != "" || got.header.Get("Content-Type") != "" {
		t.Errorf("formdata body %q, Content-Type %q: want none", got.body, got.header.Get("Content-Type"))
	}
	raw := Operation{Method: "POST", Path: "/r", Body: &BodySpec{Mode: BodyRaw, ContentType: "text/plain", Text: "plain // text"},
		Params: []Param{hdr("Content-Type", "text/csv"), hdr("X-Const", "1")}}
	got = srv.roundTrip(t, &Core{}, &raw, Call{Body: ""})
	if got.body != "" || got.header.Get("Content-Type") != "" || got.header.Get("X-Const") != "1" {
		t.Errorf("raw body with an empty text argument: %q, Content-Type %q, X-Const %q", got.body, got.header.Get("Content-Type"), got.header.Get("X-Const"))
	}
	if got := srv.roundTrip(t, &Core{}, &raw, Call{SampleBody: true}); got.body != "plain // text" || got.header.Get("Content-Type") != "text/csv" {
		t.Errorf("sample body: %q, Content-Type %q", got.body, got.header.Get("Content-Type"))
	}
}

func TestMissingVariableIsAnError(t *testing.T) {
	c := &Core{httpClient: http.DefaultClient, origins: []string{"{{baseUrl}}"}, defaults: map[string]string{}}
	op := Operation{Name: "Things.List", Method: "GET", Path: "/x"}
	_, err := SendNoResult(context.Background(), c, &op, Call{})
	var ve *VariableError
	if !errors.As(err, &ve) || !ve.BaseURL || ve.Name != "baseUrl" || ve.Operation != "Things.List" {
		t.Fatalf("err = %v, want a base URL VariableError", err)
	}
	c.baseURL = "http://127.0.0.1:1"
	op.Params = []Param{hdr("X-Key", "{{apiKey}}")}
	_, err = SendNoResult(context.Background(), c, &op, Call{})
	if !errors.As(err, &ve) || ve.Name != "apiKey" || !strings.Contains(err.Error(), `WithVariable("apiKey"`) {
		t.Fatalf("err = %v, want a VariableError for apiKey", err)
	}
}

func TestAPIErrorAndDecoding(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/missing":
			w.WriteHeader(http.StatusNotFound)
			w.Write([]byte(`{"error":"no such thing"}`))
		case "/bad":
			w.Write([]byte(`{"id": 1`))
		default:
			w.Write([]byte(`{"id": 7, "name": "x"}`))
		}
	}))
	defer srv.Close()
	c, err := NewCore(&Defaults{Origins: []string{"{{baseUrl}}"}}, []Option{WithBaseURL(srv.URL)})
	if err != nil {
		t.Fatal(err)
	}
	type thing struct {
		ID   int    `json:"id"`
		Name string `json:"name"`
	}
	got, resp, err := Send[*thing](context.Background(), c, &Operation{Name: "T.Get", Method: "GET", Path: "/ok"}, Call{})
	if err != nil || got.ID != 7 || got.Name != "x" || resp.StatusCode != 200 {
		t.Fatalf("got %+v, %v, %v", got, resp, err)
	}
	_, resp, err = Send[*thing](context.Background(), c, &Operation{Name: "T.Get", Method: "GET", Path: "/missing"}, Call{})
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 404 || resp == nil || resp.StatusCode != 404 {
		t.Fatalf("err = %v, want *APIError 404", err)
	}
	var body struct{ Error string }
	if err := apiErr.DecodeJSON(&body); err != nil || body.Error != "no such thing" {
		t.Fatalf("DecodeJSON: %v %+v", err, body)
	}
	_, _, err = Send[*thing](context.Background(), c, &Operation{Name: "T.Get", Method: "GET", Path: "/bad"}, Call{})
	var decErr *DecodeError
	if !errors.As(err, &decErr) || decErr.StatusCode != 200 || string(decErr.Body) != `{"id": 1` {
		t.Fatalf("err = %v, want *DecodeError keeping status and body", err)
	}
}

func TestParseWireURL(t *testing.T) {
	tests := []struct{ in, scheme, host, uri string }{
		{"http://a.com?flag&x=&y=1&&z", "http", "a.com", "/?flag&x=&y=1&&z"},
		{"HTTPS://API.Example.com:8443/v1/items/?", "https", "api.example.com:8443", "/v1/items/?"},
		{"example.com/path", "http", "example.com", "/path"},
		{"  http:///example.com//x/", "http", "example.com", "//x/"},
		{`http://h\p\q`, "http", "h", "/p/q"},
		{"http://[::1]:8080/x#frag", "http", "[::1]:8080", "/x"},
		{"http://user:p%40ss@host/p", "http", "host", "/p"},
	}
	for _, tt := range tests {
		u := parseWireURL(tt.in, true)
		if u.scheme != tt.scheme || u.host != tt.host || u.requestURI() != tt.uri {
			t.Errorf("parseWireURL(%q) = %s %s %s, want %s %s %s", tt.in, u.scheme, u.host, u.requestURI(), tt.scheme, tt.host, tt.uri)
		}
	}
}

func TestResolveNestedAndComposedVariables(t *testing.T) {
	c := &Core{vars: map[string]string{"nested": "{{inner}}-suffix", "inner": "deep", "env": "prod", "key_prod": "k"}}
	for in, want := range map[string]string{
		"{{nested}}":         "deep-suffix",
		"{{key_{{env}}}}":    "k",
		"a{{inner}}b{{env}}": "adeepbprod",
		"no vars {x}":        "no vars {x}",
	} {
		got, err := c.Resolve(in)
		if err != nil || got != want {
			t.Errorf("resolve(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if got, err := c.Resolve("{{$guid}}"); err != nil || len(got) != 36 {
		t.Errorf("$guid = %q, %v", got, err)
	}
}
