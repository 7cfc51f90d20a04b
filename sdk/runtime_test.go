package sdk

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// q builds an enabled query row with no caller slot.
func q(key, value string) Param {
	return Param{In: InQuery, Key: key, Value: value}
}

// qnull builds a query row whose value is null ("?flag").
func qnull(key string) Param {
	return Param{In: InQuery, Key: key, Null: true}
}

func hdr(key, value string) Param {
	return Param{In: InHeader, Key: key, Value: value}
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
				Params: []Param{q("a", "1"), {In: InQuery, Key: "dis", Value: "x", Disabled: true}, qnull("b"), q("c", ""), q("d e", "f&g=h#i"), q("dup", "1"), q("dup", "2"), q("k=x", "v")}},
			in:   Call{Path: []string{"42", "7", ""}},
			want: "GET /t02/42/items/7.json/:unsetVar/seg/with/slash?a=1&b&c=&d%20e=f%26g=h%23i&dup=1&dup=2&k%3Dx=v HTTP/1.1",
		},
		{
			name: "T03 variable values add structure",
			vars: map[string]string{"qv": "x&y=z", "slashy": "a/b?c#d"},
			op:   Operation{Method: "GET", Path: "/t03", Params: []Param{q("q", "{{qv}}"), q("r", "{{slashy}}")}},
			want: "GET /t03?q=x&y=z&r=a/b?c HTTP/1.1",
		},
		{
			name: "P15 only disabled query params: no ?",
			op:   Operation{Method: "GET", Path: "/p15", Params: []Param{{In: InQuery, Key: "a", Value: "1", Disabled: true}}},
			want: "GET /p15 HTTP/1.1",
		},
		{
			name: "P16 bare ? kept",
			op:   Operation{Method: "GET", Path: "/p16", Params: []Param{{In: InQuery, Key: "", Null: true}}},
			want: "GET /p16? HTTP/1.1",
		},
		{
			name: "P17 unset path variable repeated with suffix",
			op:   Operation{Method: "GET", Path: "/p17/:id/:id.json", PathVars: []string{"id"}},
			in:   Call{Path: []string{""}},
			want: "GET /p17/:id/:id.json HTTP/1.1",
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
			name: "PV1 empty argument, numeric collection value: segment as written",
			op:   Operation{Method: "GET", Path: "/pv1/:id", PathVars: []string{"id"}, PathValues: []string{""}},
			in:   Call{Path: []string{""}},
			want: "GET /pv1/:id HTTP/1.1",
		},
		{
			name: "PV2 empty argument sends the collection's value, resolved",
			vars: map[string]string{"pvv": "resolved"},
			op:   Operation{Method: "GET", Path: "/pv2/:id.json", PathVars: []string{"id"}, PathValues: []string{"{{pvv}}"}},
			in:   Call{Path: []string{""}},
			want: "GET /pv2/resolved.json HTTP/1.1",
		},
		{
			name: "PV6 empty argument with a collection value; a caller value wins",
			op:   Operation{Method: "GET", Path: "/pv6/a:id/::x/:y", PathVars: []string{":x", "y"}, PathValues: []string{"dbl", "coll"}},
			in:   Call{Path: []string{"", "mine"}},
			want: "GET /pv6/a:id/dbl/mine HTTP/1.1",
		},
		{
			name: "collection path values are spliced in as text, as Postman does",
			op:   Operation{Method: "GET", Path: "/pv3/:a/:c", PathVars: []string{"a", "c"}, PathValues: []string{"x/y", "s p"}},
			want: "GET /pv3/x/y/s%20p HTTP/1.1",
		},
		{
			name: "caller path values cannot add structure",
			op:   Operation{Method: "GET", Path: "/u/:id", PathVars: []string{"id"}},
			in:   Call{Path: []string{"a/b?c#d {{x}}"}},
			want: "GET /u/a%2Fb%3Fc%23d%20%7B%7Bx%7D%7D HTTP/1.1",
		},
		{
			name: "caller query values are escaped, not resolved",
			op:   Operation{Method: "GET", Path: "/q", Params: []Param{{In: InQuery, Key: "q", Value: "{{qv}}", Slot: 1}}},
			vars: map[string]string{"qv": "unused"},
			in:   Call{Params: []string{"x&y=z#w {{qv}}"}},
			want: "GET /q?q=x%26y=z%23w%20{{qv}} HTTP/1.1",
		},
		{
			name: "caller value for a disabled param and a repeated key",
			op: Operation{Method: "GET", Path: "/r", Params: []Param{
				{In: InQuery, Key: "dup", Value: "1", Slot: 1},
				{In: InQuery, Key: "x", Value: "1", Slot: 2, Disabled: true},
				{In: InQuery, Key: "dup", Value: "2", Slot: 1, Secondary: true},
			}},
			in:   Call{Params: []string{"9", "on"}},
			want: "GET /r?dup=9&x=on HTTP/1.1",
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
		{In: InHeader, Key: "X-Off", Value: "x", Disabled: true, Slot: 1},
		{In: InHeader, Key: "X-Opt", Value: "", Disabled: true, Slot: 2},
	}}
	got := srv.roundTrip(t, &Core{vars: map[string]string{"v": "resolved"}, userAgent: "sdk/1"}, &op, Call{Params: []string{"", "set"}})
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
	check("X-Opt", "set")
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
			wantBody: "{\r\n \"a\": 1, \n \"b\": \"open, \r\n \"u\": \"https:\n}",
			wantCT:   "application/json",
		},
		{
			name: "T12 urlencoded, RFC 3986 strict",
			body: BodySpec{Mode: BodyURLEncoded, ContentType: "application/x-www-form-urlencoded", Form: []Param{
				{In: InForm, Key: "a", Value: "1"}, {In: InForm, Key: "sp ace", Value: "hello world"},
				{In: InForm, Key: "plus", Value: "a+b"}, {In: InForm, Key: "amp", Value: "x&y=z"},
				{In: InForm, Key: "uni", Value: "ü€"}, {In: InForm, Key: "dup", Value: "1"},
				{In: InForm, Key: "dup", Value: "2"}, {In: InForm, Key: "dis", Value: "x", Disabled: true},
				{In: InForm, Key: "empty", Value: ""}, {In: InForm, Key: "novalue"},
				{In: InForm, Key: "star", Value: "!'()*~"}, {In: InForm, Key: "pre", Value: "%41"},
				{In: InForm, Key: "var", Value: "{{qv}}"},
			}},
			wantBody: "a=1&sp%20ace=hello%20world&plus=a%2Bb&amp=x%26y%3Dz&uni=%C3%BC%E2%82%AC&dup=1&dup=2&empty=&novalue=&star=%21%27%28%29%2A~&pre=%2541&var=x%26y%3Dz",
			wantCT:   "application/x-www-form-urlencoded",
		},
		{
			name:     "T15 GraphQL variables text spliced verbatim",
			body:     BodySpec{Mode: BodyGraphQL, ContentType: "application/json", Text: "query Q($id: ID!) { user(id: $id) { name } }", GQLVariables: "{\n  \"id\": \"{{qv}}\"\n}", GQLVarsText: true},
			wantBody: "{\"query\":\"query Q($id: ID!) { user(id: $id) { name } }\",\"variables\":{\n  \"id\": \"x&y=z\"\n}}",
			wantCT:   "application/json",
		},
		{
			name:     "T16 GraphQL operationName",
			body:     BodySpec{Mode: BodyGraphQL, ContentType: "application/json", Text: "query Q { a }", GQLOperation: "Q", GQLVariables: `{"x":1}`},
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
			name: "T20 urlencoded all disabled: no body",
			body: BodySpec{Mode: BodyURLEncoded, ContentType: "application/x-www-form-urlencoded", Form: []Param{{In: InForm, Key: "a", Value: "1", Disabled: true}}},
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
		{In: InForm, Key: "text1", Value: "hello"},
		{In: InForm, Key: "json", Value: `{"a":1}`, ContentType: "application/json"},
		{In: InFile, Key: "file1", FileName: "upload.txt", ContentType: "text/plain", Slot: 1},
		{In: InForm, Key: "dis", Value: "x", Disabled: true},
		{In: InFile, Key: "nofile"},
		{In: InForm, Key: "uni ké", Value: "ü"},
	}}}
	form := testForm{File1: &FormFile{Name: "upload.txt", ContentType: "text/plain", Content: strings.NewReader("hello file\n")}}
	got := srv.roundTrip(t, &Core{}, &op, Call{Body: &form})
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
Content-Disposition: form-data; name="nofile"; filename=""


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

// Postman leaves out a file part whose file it cannot read (the collection
// names a file on its author's machine) and keeps an empty part for a file
// row without a source; a text body left empty sends the collection's.
func TestBodiesWithoutCallerValues(t *testing.T) {
	srv := newCaptureServer(t)
	op := Operation{Method: "POST", Path: "/f", Body: &BodySpec{Mode: BodyFormData, Form: []Param{
		{In: InFile, Key: "file1", FileName: "upload.txt", ContentType: "text/plain", Slot: 1},
		{In: InFile, Key: "multi", FileName: "a.txt", Slot: 2},
		{In: InFile, Key: "multi", FileName: "b.txt", Slot: 2, Secondary: true},
		{In: InFile, Key: "nofile", Slot: 3},
	}}}
	got := srv.roundTrip(t, &Core{}, &op, Call{})
	boundary := strings.TrimPrefix(got.header.Get("Content-Type"), "multipart/form-data; boundary=")
	want := "--B\r\nContent-Disposition: form-data; name=\"nofile\"; filename=\"\"\r\n\r\n\r\n--B--\r\n"
	if got.body != strings.ReplaceAll(want, "B", boundary) {
		t.Errorf("formdata body %q", got.body)
	}
	raw := Operation{Method: "POST", Path: "/r", Body: &BodySpec{Mode: BodyRaw, ContentType: "text/plain", Text: "plain // text"}}
	if got := srv.roundTrip(t, &Core{}, &raw, Call{Body: ""}); got.body != "plain // text" {
		t.Errorf("raw body with an empty text argument: %q", got.body)
	}
}

// testForm is shaped like a generated form struct: one field per slot.
type testForm struct{ File1 *FormFile }

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
