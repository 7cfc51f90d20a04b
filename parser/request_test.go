package parser

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/postgen/postgen/model"
)

func TestRequestForms(t *testing.T) {
	// T29: the string form is a GET of that URL.
	r, diags := onlyRequest(t, `{"name":"s","request":"{{baseUrl}}/t29?x=1"}`)
	wantNoDiags(t, diags)
	if r.Method != "GET" || r.URL.Raw != "{{baseUrl}}/t29?x=1" || !cmp.Equal(r.URL.Path, []string{"t29"}) || r.Name != "s" {
		t.Errorf("string request = %+v", r)
	}
	for _, tt := range []struct{ method, want string }{
		{`"purge"`, "PURGE"}, {`null`, "GET"}, {`""`, "GET"}, {`"Patch"`, "PATCH"},
	} {
		r, diags := onlyRequest(t, `{"request":{"url":"h","method":`+tt.method+`}}`)
		wantNoDiags(t, diags)
		if r.Method != tt.want {
			t.Errorf("method %s = %q, want %q", tt.method, r.Method, tt.want)
		}
	}
	// P21: no method at all.
	if r, _ := onlyRequest(t, `{"request":{"url":"h"}}`); r.Method != "GET" {
		t.Errorf("missing method = %q", r.Method)
	}
}

func TestRequestIdentity(t *testing.T) {
	res := parseOK(t, coll(
		`{"name":"a","id":"id-a","request":"h"}`,
		`{"name":"b","_postman_id":"pid-b","request":"h"}`,
	))
	rs := res.Collection.Requests
	if rs[0].ID != "id-a" || rs[1].ID != "pid-b" || rs[1].Path != "item[1]" {
		t.Errorf("ids/paths = %q %q %q", rs[0].ID, rs[1].ID, rs[1].Path)
	}
}

func TestDescriptions(t *testing.T) {
	tests := []struct {
		name, item string
		want       model.Description
		warn       string
	}{
		{"item string", `{"description":"item text","request":{"url":"h","description":"req text"}}`, model.Description{Content: "item text"}, ""},
		{"request fallback", `{"request":{"url":"h","description":{"content":"# md","type":"text/markdown"}}}`, model.Description{Content: "# md", Type: "text/markdown"}, ""},
		{"item null falls back", `{"description":null,"request":{"url":"h","description":"req"}}`, model.Description{Content: "req"}, ""},
		{"item empty falls back", `{"description":"","request":{"url":"h","description":"req"}}`, model.Description{Content: "req"}, ""},
		{"object without type", `{"description":{"content":"c"},"request":"h"}`, model.Description{Content: "c"}, ""},
		{"html", `{"description":{"content":"<b>x</b>","type":"text/html","version":3},"request":"h"}`, model.Description{Content: "<b>x</b>", Type: "text/html"}, ""},
		{"wrong type", `{"description":["x"],"request":"h"}`, model.Description{}, "item[0].description"},
		{"wrong content type", `{"description":{"content":5},"request":"h"}`, model.Description{Content: "5"}, "item[0].description.content"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, diags := onlyRequest(t, tt.item)
			if r.Description != tt.want {
				t.Errorf("description = %+v, want %+v", r.Description, tt.want)
			}
			if tt.warn == "" {
				wantNoDiags(t, diags)
			} else {
				wantDiag(t, diags, tt.warn, "expected")
			}
		})
	}
}

func TestURLObject(t *testing.T) {
	tests := []struct {
		name, url string
		want      model.URL
		warn      string // path of the expected warning, "" for none
	}{
		{"T02 components win over raw", `{"raw":"{{baseUrl}}/WRONG?raw=1","protocol":"http","host":["{{host}}"],"port":"{{port}}",
			"path":["t02",":id"],"query":[{"key":"a","value":"1"},{"key":"dis","value":"x","disabled":true},{"key":"b","value":null}],
			"variable":[{"key":"id","value":"42","description":"the id"}]}`,
			model.URL{Raw: "{{baseUrl}}/WRONG?raw=1", Protocol: "http", Host: []string{"{{host}}"}, Port: "{{port}}", Path: []string{"t02", ":id"},
				Query:     []model.QueryParam{{Key: "a", Value: "1"}, {Key: "dis", Value: "x", Disabled: true}, {Key: "b", NullValue: true}},
				Variables: []model.Variable{{Key: "id", Value: "42", Kind: "string", Description: model.Description{Content: "the id"}}}}, ""},
		{"P05 host and path strings", `{"raw":"ignored","protocol":"http","host":"127.0.0.1","port":"8766","path":"/p05/:id","query":"q=1&r"}`,
			model.URL{Raw: "ignored", Protocol: "http", Host: []string{"127", "0", "0", "1"}, Port: "8766", Path: []string{"p05", ":id"}, Query: q("q=1", "r")}, ""},
		{"host string with dotted variable", `{"host":"{{host.name}}.com","path":"/"}`,
			model.URL{Host: []string{"{{host.name}}", "com"}, Path: []string{""}}, ""},
		{"empty path string", `{"host":["h"],"path":""}`, model.URL{Host: []string{"h"}}, ""},
		{"P14 null vs missing vs empty", `{"host":["h"],"query":[{"key":"a"},{"key":"b","value":null},{"key":"","value":"v"},{"key":null,"value":"w"},{"key":"c","value":""}]}`,
			model.URL{Host: []string{"h"}, Query: []model.QueryParam{{Key: "a", NullValue: true}, {Key: "b", NullValue: true}, {Value: "v"}, {Value: "w"}, {Key: "c"}}}, ""},
		{"U4 numeric port", `{"protocol":"http","host":["127","0","0","1"],"port":8768,"path":["u4"]}`,
			model.URL{Protocol: "http", Host: []string{"127", "0", "0", "1"}, Port: "8768", Path: []string{"u4"}}, ""},
		{"PV5 variable by id", `{"host":["h"],"path":["pv5",":id"],"variable":[{"id":"id","value":"viaid"}]}`,
			model.URL{Host: []string{"h"}, Path: []string{"pv5", ":id"}, Variables: []model.Variable{{Key: "id", Value: "viaid", Kind: "string", KeyFromID: true}}}, ""},
		{"path element object", `{"host":["h"],"path":["a",{"type":"string","value":"b"}]}`,
			model.URL{Host: []string{"h"}, Path: []string{"a", "b"}}, "item[0].request.url.path[1]"},
		{"P04 only raw", `{"raw":"{{baseUrl}}/p04?x=1"}`,
			model.URL{Raw: "{{baseUrl}}/p04?x=1", Host: []string{"{{baseUrl}}"}, Path: []string{"p04"}, Query: q("x=1")}, "item[0].request.url"},
		{"raw and variables without host", `{"raw":"h/:id","variable":[{"key":"id","value":"7"}]}`,
			model.URL{Raw: "h/:id", Host: []string{"h"}, Path: []string{":id"}, Variables: []model.Variable{{Key: "id", Value: "7", Kind: "string"}}}, "item[0].request.url"},
		{"nothing at all", `{}`, model.URL{}, "item[0].request.url"},
		{"query object (lenient)", `{"host":["h"],"query":{"a":"1","b":null}}`,
			model.URL{Host: []string{"h"}, Query: []model.QueryParam{{Key: "a", Value: "1"}, {Key: "b", NullValue: true}}}, ""},
		{"userinfo object", `{"host":["h"],"auth":{"user":"u","password":"p"}}`,
			model.URL{Host: []string{"h"}, User: "u", Password: "p", HasUserInfo: true}, ""},
		{"hash", `{"host":["h"],"hash":"top"}`, model.URL{Host: []string{"h"}, Hash: "top"}, ""},
		{"bad host label", `{"host":["a",null,"b"]}`, model.URL{Host: []string{"a", "b"}}, "item[0].request.url.host[1]"},
		{"bad query entry", `{"host":["h"],"query":["a=1",{"key":"b","value":"2"}]}`,
			model.URL{Host: []string{"h"}, Query: []model.QueryParam{{Key: "b", Value: "2"}}}, "item[0].request.url.query[0]"},
		{"host of wrong type", `{"host":5,"path":["x"]}`, model.URL{Path: []string{"x"}}, "item[0].request.url.host"},
		{"path of wrong type", `{"host":["h"],"path":true}`, model.URL{Host: []string{"h"}}, "item[0].request.url.path"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, diags := onlyRequest(t, `{"request":{"url":`+tt.url+`}}`)
			if diff := cmp.Diff(tt.want, r.URL, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("URL (-want +got):\n%s", diff)
			}
			if tt.warn == "" {
				wantNoDiags(t, diags)
			} else {
				wantDiag(t, diags, tt.warn, "")
			}
		})
	}
}

func TestURLMissingOrWrong(t *testing.T) {
	for _, tt := range []struct{ req, msg string }{
		{`{"method":"GET"}`, "has no URL"},
		{`{"url":null}`, "has no URL"},
		{`{"url":[1,2]}`, "found an array"},
		{`{"url":""}`, "empty"},
	} {
		r, diags := onlyRequest(t, `{"request":`+tt.req+`}`)
		if len(r.URL.Host) != 0 || len(r.URL.Path) != 0 {
			t.Errorf("%s: URL = %+v", tt.req, r.URL)
		}
		wantDiag(t, diags, "item[0].request.url", tt.msg)
	}
}

func TestBodies(t *testing.T) {
	tests := []struct {
		name, body string
		want       *model.Body
		warn       string
	}{
		{"none", `null`, nil, ""},
		{"no mode (T25)", `{}`, nil, ""},
		{"null mode", `{"mode":null,"raw":"x"}`, nil, ""},
		{"raw with language", `{"mode":"raw","raw":"{\"a\":1}","options":{"raw":{"language":"json"}}}`,
			&model.Body{Mode: "raw", Raw: `{"a":1}`, Language: "json"}, ""},
		{"raw as JSON value", `{"mode":"raw","raw":{ "a" : [1, "x y"] }}`, &model.Body{Mode: "raw", Raw: `{"a":[1,"x y"]}`}, ""},
		{"raw missing", `{"mode":"raw"}`, &model.Body{Mode: "raw"}, ""},
		{"disabled (T19)", `{"mode":"raw","raw":"x","disabled":true}`, &model.Body{Mode: "raw", Raw: "x", Disabled: true}, ""},
		{"unknown mode (T26)", `{"mode":"weird","raw":"x"}`, &model.Body{Mode: "raw", Raw: "x"}, "item[0].request.body.mode"},
		{"mode of wrong type", `{"mode":3}`, nil, "item[0].request.body.mode"},
		{"body of wrong type", `"text"`, nil, "item[0].request.body"},
		{"urlencoded rows (T12)", `{"mode":"urlencoded","urlencoded":[{"key":"a","value":"1","type":"text"},{"key":"d","value":"x","disabled":true,"description":"dd"},{"key":"n"}]}`,
			&model.Body{Mode: "urlencoded", URLEncoded: []model.FormParam{{Key: "a", Value: "1"}, {Key: "d", Value: "x", Disabled: true, Description: model.Description{Content: "dd"}}, {Key: "n"}}}, ""},
		{"urlencoded string (CT7)", `{"mode":"urlencoded","urlencoded":"a=1&b=x y&c"}`,
			&model.Body{Mode: "urlencoded", URLEncoded: []model.FormParam{{Key: "a", Value: "1"}, {Key: "b", Value: "x y"}, {Key: "c"}}}, ""},
		{"formdata rows (T13)", `{"mode":"formdata","formdata":[{"key":"text1","value":"hello","type":"text"},
			{"key":"json","value":"{}","type":"text","contentType":"application/json"},{"key":"file1","type":"file","src":"upload.txt"},
			{"key":"notype","value":"v"},{"key":"nofile","type":"file","src":null},{"key":"multi","type":"file","src":["a.txt","b.txt"]},
			{"key":"odd","type":"default","value":{"x":1}},7]}`,
			&model.Body{Mode: "formdata", FormData: []model.FormParam{
				{Key: "text1", Value: "hello", Type: "text"},
				{Key: "json", Value: "{}", Type: "text", ContentType: "application/json"},
				{Key: "file1", Type: "file", Src: []string{"upload.txt"}},
				{Key: "notype", Value: "v"},
				{Key: "nofile", Type: "file"},
				{Key: "multi", Type: "file", Src: []string{"a.txt", "b.txt"}},
				{Key: "odd", Type: "text", Value: `{"x":1}`},
			}}, "item[0].request.body.formdata[7]"},
		{"file object (T14)", `{"mode":"file","file":{"src":"upload.txt"}}`, &model.Body{Mode: "file", File: model.FileBody{Src: "upload.txt"}}, ""},
		{"file content", `{"mode":"file","file":{"src":null,"content":"aGk="}}`, &model.Body{Mode: "file", File: model.FileBody{Content: "aGk="}}, ""},
		{"file bare string", `{"mode":"file","file":"a.bin"}`, &model.Body{Mode: "file", File: model.FileBody{Src: "a.bin"}}, ""},
		{"file missing", `{"mode":"file"}`, &model.Body{Mode: "file"}, ""},
		{"graphql variables text (T15)", `{"mode":"graphql","graphql":{"query":"query Q($id: ID!) { user(id: $id) { name } }","variables":"{\n  \"id\": \"{{qv}}\"\n}"}}`,
			&model.Body{Mode: "graphql", GraphQL: model.GraphQLBody{Query: "query Q($id: ID!) { user(id: $id) { name } }", Variables: "{\n  \"id\": \"{{qv}}\"\n}", VariablesIsText: true}}, ""},
		{"graphql variables object (T16)", `{"mode":"graphql","graphql":{"query":"query Q { a }","operationName":"Q","variables":{ "x" : 1 }}}`,
			&model.Body{Mode: "graphql", GraphQL: model.GraphQLBody{Query: "query Q { a }", Variables: `{"x":1}`, OperationName: "Q"}}, ""},
		{"graphql empty variables (T16b)", `{"mode":"graphql","graphql":{"query":"{ a }","variables":""}}`,
			&model.Body{Mode: "graphql", GraphQL: model.GraphQLBody{Query: "{ a }", VariablesIsText: true}}, ""},
		{"graphql null variables", `{"mode":"graphql","graphql":{"query":"{ a }","variables":null}}`,
			&model.Body{Mode: "graphql", GraphQL: model.GraphQLBody{Query: "{ a }"}}, ""},
		{"formdata of wrong type", `{"mode":"formdata","formdata":"a=1"}`, &model.Body{Mode: "formdata"}, "item[0].request.body.formdata"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, diags := onlyRequest(t, `{"request":{"method":"POST","url":"h","body":`+tt.body+`}}`)
			if diff := cmp.Diff(tt.want, r.Body, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("body (-want +got):\n%s", diff)
			}
			if tt.warn == "" {
				wantNoDiags(t, diags)
			} else {
				wantDiag(t, diags, tt.warn, "")
			}
		})
	}
}

// TestBehaviorMerge: protocolProfileBehavior is merged key by key from the
// collection through folders to the item (§13, I09).
func TestBehaviorMerge(t *testing.T) {
	res := parseOK(t, `{"info":{"name":"b"},"protocolProfileBehavior":{"disableBodyPruning":true,"followRedirects":true},
	"item":[{"name":"F","protocolProfileBehavior":{"disabledSystemHeaders":{"User-Agent":true,"accept":false}},"item":[
		{"name":"override","protocolProfileBehavior":{"disableBodyPruning":false,"followRedirects":false,"disableUrlEncoding":1},"request":"h"},
		{"name":"inherit","request":"h"}
	]},{"name":"top","request":"h"}]}`)
	wantNoDiags(t, res.Diagnostics)
	c := res.Collection
	yes, no := true, false
	f := c.Folders[0]
	tests := []struct {
		name string
		got  model.Behavior
		want model.Behavior
	}{
		{"collection", c.Behavior, model.Behavior{DisableBodyPruning: true, FollowRedirects: &yes}},
		{"folder (declared)", f.Behavior, model.Behavior{DisabledSystemHeaders: []string{"user-agent"}}},
		{"override", f.Requests[0].Behavior, model.Behavior{DisableURLEncoding: true, DisabledSystemHeaders: []string{"user-agent"}, FollowRedirects: &no}},
		{"inherit", f.Requests[1].Behavior, model.Behavior{DisableBodyPruning: true, DisabledSystemHeaders: []string{"user-agent"}, FollowRedirects: &yes}},
		{"top", c.Requests[0].Behavior, model.Behavior{DisableBodyPruning: true, FollowRedirects: &yes}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, tt.got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, diff)
		}
	}
}

func TestEventsAndVariables(t *testing.T) {
	res := parseOK(t, `{"info":{"name":"e"},
	"variables":[{"key":"a","value":"1"},{"key":"n","value":42,"type":"number"},{"key":"o","value":{"x":[1]}},
		{"key":"d","value":"x","disabled":true,"description":"dd"},{"id":"idOnly","value":"v"},{"value":"neither"},{"key":"nv"}],
	"event":[{"listen":"prerequest","script":{"type":"text/javascript","exec":["a();","b();"]}},
		{"listen":"test","script":{"exec":"one\ntwo"},"disabled":true},
		{"listen":"test","script":["x","y"]},
		{"listen":"test","script":{"exec":[1,"z"]}}],
	"item":[{"name":"r","event":[{"listen":"test","script":"t()"}],"variable":[{"key":"iv","value":"x"}],"request":"h"}]}`)
	c := res.Collection
	wantEvents := []model.Event{
		{Listen: "prerequest", Script: "a();\nb();", Path: "event[0]"},
		{Listen: "test", Script: "one\ntwo", Disabled: true, Path: "event[1]"},
		{Listen: "test", Script: "x\ny", Path: "event[2]"},
		{Listen: "test", Script: "1\nz", Path: "event[3]"},
	}
	if diff := cmp.Diff(wantEvents, c.Events); diff != "" {
		t.Errorf("events (-want +got):\n%s", diff)
	}
	wantVars := []model.Variable{
		{Key: "a", Value: "1", Kind: "string"},
		{Key: "n", Value: "42", Kind: "number", Type: "number"},
		{Key: "o", Value: `{"x":[1]}`, Kind: "object"},
		{Key: "d", Value: "x", Kind: "string", Disabled: true, Description: model.Description{Content: "dd"}},
		{Key: "idOnly", Value: "v", Kind: "string", KeyFromID: true},
		{Key: "nv"},
	}
	if diff := cmp.Diff(wantVars, c.Variables); diff != "" {
		t.Errorf("variables (-want +got):\n%s", diff)
	}
	if v, ok := c.LookupVariable("idOnly"); ok {
		t.Errorf("id-only variable found: %+v", v)
	}
	wantDiag(t, res.Diagnostics, "variables[4]", "has an id but no key")
	wantDiag(t, res.Diagnostics, "variables[5]", "neither key nor id")
	wantDiag(t, res.Diagnostics, "event[3].script.exec[0]", "script line")
	r := c.Requests[0]
	if len(r.Events) != 1 || r.Events[0].Script != "t()" || r.Events[0].Path != "item[0].event[0]" || len(r.Variables) != 1 || r.Variables[0].Key != "iv" {
		t.Errorf("item events %+v variables %+v", r.Events, r.Variables)
	}
	if all := c.AllEvents(); len(all) != 5 || all[0].Path != "event[0]" || all[4].Path != "item[0].event[0]" {
		t.Errorf("AllEvents = %+v", all)
	}
}

func TestExamples(t *testing.T) {
	r, diags := onlyRequest(t, `{"name":"r","request":{"url":"h","auth":{"type":"basic","basic":[]}},"response":[
		{"name":"ok","id":"e1","code":200,"status":"OK","_postman_previewlanguage":"json",
		 "header":[{"key":"Content-Type","value":"application/json"}],"body":"{\"a\":1}",
		 "originalRequest":{"method":"post","url":{"host":["h"],"path":["x"]},"header":"A: 1","auth":{"type":"bearer"},"body":{"mode":"raw","raw":"b"}}},
		{"name":"strings","code":"404","header":["X-A: 1","X-B:two:three"],"body":null,"originalRequest":"h/y"},
		{"name":"string header","header":"A: 1\nB: 2"},
		{"name":"null header","header":null,"code":null},
		{"name":"json body","body":{"a":1},"code":"abc"},
		5
	]}`)
	if len(r.Examples) != 5 {
		t.Fatalf("want 5 examples, got %d", len(r.Examples))
	}
	e := r.Examples[0]
	if e.Name != "ok" || e.ID != "e1" || e.Code != 200 || e.Status != "OK" || e.PreviewLanguage != "json" || e.Body != `{"a":1}` || e.Path != "item[0].response[0]" {
		t.Errorf("example 0 = %+v", e)
	}
	if !cmp.Equal(e.Headers, hdrs("Content-Type", "application/json")) {
		t.Errorf("example 0 headers = %+v", e.Headers)
	}
	o := e.OriginalRequest
	if o == nil || o.Method != "POST" || !cmp.Equal(o.URL.Path, []string{"x"}) || !cmp.Equal(o.Headers, hdrs("A", "1")) || o.Body == nil || o.Body.Raw != "b" {
		t.Errorf("original request = %+v", o)
	} else if o.Auth != nil || o.Name != "" || o.Path != "" || o.Examples != nil {
		t.Errorf("original request must not carry auth/name/path/examples: %+v", o)
	}
	e = r.Examples[1]
	if e.Code != 404 || e.Body != "" || !cmp.Equal(e.Headers, hdrs("X-A", "1", "X-B", "two:three")) || e.OriginalRequest == nil || e.OriginalRequest.Method != "GET" {
		t.Errorf("example 1 = %+v", e)
	}
	if !cmp.Equal(r.Examples[2].Headers, hdrs("A", "1", "B", "2")) {
		t.Errorf("example 2 headers = %+v", r.Examples[2].Headers)
	}
	if r.Examples[3].Headers != nil || r.Examples[3].Code != 0 {
		t.Errorf("example 3 = %+v", r.Examples[3])
	}
	if r.Examples[4].Body != `{"a":1}` || r.Examples[4].Code != 0 {
		t.Errorf("example 4 = %+v", r.Examples[4])
	}
	wantDiag(t, diags, "item[0].response[4].body", "expected the response body as a string")
	wantDiag(t, diags, "item[0].response[4].code", "integer status code")
	wantDiag(t, diags, "item[0].response[5]", "saved response object")
	if len(diags) != 3 {
		t.Errorf("want 3 warnings, got:\n%s", diagList(diags))
	}
	if r.Auth == nil || r.Auth.Type != "basic" {
		t.Errorf("request auth = %+v", r.Auth)
	}
}
