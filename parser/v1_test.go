package parser

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/postgen/postgen/model"
)

// TestV1Probe converts probe 6 of POSTMAN-FORMAT.md (§A.6) and checks the
// result against what postman-collection-transformer produced for it.
func TestV1Probe(t *testing.T) {
	res := parseOK(t, `{"id": "c0ffee00", "name": "probe v1", "order": ["r1", "r2"], "folders": [],
 "requests": [
  {"id": "r1", "name": "V1 raw", "method": "POST",
   "url": "http://127.0.0.1:8766/v1/:id?x=1", "pathVariables": {"id": "5"},
   "headers": "Content-Type: application/json\n// X-Disabled: yes\nX-On: 1\n", "dataMode": "raw", "rawModeData": "{\"a\":1}"},
  {"id": "r2", "name": "V1 urlencoded", "method": "POST",
   "url": "http://127.0.0.1:8766/v1b", "headers": "", "dataMode": "urlencoded",
   "data": [{"key": "a", "value": "1", "type": "text", "enabled": true}, {"key": "b", "value": "2", "type": "text", "enabled": false}],
   "currentHelper": "basicAuth", "helperAttributes": {"id": "basic", "username": "u1", "password": "p1"}}]}`)
	c := res.Collection
	if c.Name != "probe v1" || c.ID != "c0ffee00" || c.SchemaVersion != "2.1.0" || len(c.Requests) != 2 {
		t.Fatalf("collection %q %q %q with %d requests", c.Name, c.ID, c.SchemaVersion, len(c.Requests))
	}
	raw, form := c.Requests[0], c.Requests[1]
	if raw.ID != "r1" || raw.Method != "POST" {
		t.Errorf("request %q %q", raw.ID, raw.Method)
	}
	wantURL := model.URL{Raw: "http://127.0.0.1:8766/v1/:id?x=1", Protocol: "http", Host: []string{"127", "0", "0", "1"}, Port: "8766",
		Path: []string{"v1", ":id"}, Query: []model.QueryParam{{Key: "x", Value: "1"}}, Variables: []model.Variable{{Key: "id", Value: "5", Kind: "string"}}}
	if d := cmp.Diff(wantURL, raw.URL); d != "" {
		t.Errorf("url (-want +got):\n%s", d)
	}
	wantHeaders := []model.Header{{Key: "Content-Type", Value: "application/json"}, {Key: "X-Disabled", Value: "yes", Disabled: true}, {Key: "X-On", Value: "1"}}
	if d := cmp.Diff(wantHeaders, raw.Headers); d != "" {
		t.Errorf("headers (-want +got):\n%s", d)
	}
	if raw.Body == nil || raw.Body.Mode != model.BodyRaw || raw.Body.Raw != `{"a":1}` {
		t.Errorf("raw body %+v", raw.Body)
	}
	if form.Body == nil || form.Body.Mode != model.BodyURLEncoded || len(form.Body.URLEncoded) != 2 ||
		form.Body.URLEncoded[0].Disabled || !form.Body.URLEncoded[1].Disabled {
		t.Errorf("urlencoded body %+v", form.Body)
	}
	wantAuth := &model.Auth{Type: "basic", Path: "item[1].request.auth", Params: []model.AuthParam{
		{Key: "username", Value: "u1", Kind: "string", Type: "string"},
		{Key: "password", Value: "p1", Kind: "string", Type: "string"},
		{Key: "saveHelperData", Kind: "null", Type: "any"},
		{Key: "showPassword", Value: "false", Kind: "boolean", Type: "boolean"},
	}}
	if d := cmp.Diff(wantAuth, form.Auth); d != "" {
		t.Errorf("auth (-want +got):\n%s", d)
	}
	// One note says the file was converted, at its "requests" member:
	// a note, since converting is information, not a mistake.
	if len(res.Diagnostics) != 1 || !strings.Contains(res.Diagnostics[0].Message, "v1 collection") || res.Diagnostics[0].Path != "requests" || res.Diagnostics[0].Line != 2 ||
		res.Diagnostics[0].Code != model.CodeV1Collection || res.Diagnostics[0].Severity != model.Note {
		t.Errorf("diagnostics %v", res.Diagnostics)
	}
}

// TestV1Tree checks folders: nesting through folders_order, request order,
// folder order from folders_order, and folders with their own auth and
// scripts.
func TestV1Tree(t *testing.T) {
	res := parseOK(t, `{"name": "tree", "order": ["top"], "folders_order": ["f2", "f1"],
 "folders": [
  {"id": "f1", "name": "One", "order": ["a"], "folders_order": ["sub"], "description": "first",
   "auth": {"type": "bearer", "bearer": [{"key": "token", "value": "{{t}}"}]}},
  {"id": "sub", "name": "Sub", "order": ["b"]},
  {"id": "f2", "name": "Two", "order": ["c", "missing"], "events": [{"listen": "prerequest", "script": {"exec": "x()\ny()"}}]}],
 "requests": [
  {"id": "a", "name": "A", "url": "https://h/a"},
  {"id": "b", "name": "B", "url": "https://h/b", "tests": "pm.test()"},
  {"id": "c", "name": "C", "url": "https://h/c", "dataMode": "params", "data": [{"key": "f", "value": "p.txt", "type": "file"}, {"value": "no key"}]},
  {"id": "top", "name": "Top", "url": "https://h/top", "method": "DELETE"}]}`)
	c := res.Collection
	var got []string
	var walk func(prefix string, fs []*model.Folder, rs []*model.Request)
	walk = func(prefix string, fs []*model.Folder, rs []*model.Request) {
		for _, f := range fs {
			got = append(got, prefix+f.Name+"/")
			walk(prefix+f.Name+"/", f.Folders, f.Requests)
		}
		for _, r := range rs {
			got = append(got, prefix+r.Name)
		}
	}
	walk("", c.Folders, c.Requests)
	want := []string{"Two/", "Two/C", "One/", "One/Sub/", "One/Sub/B", "One/A", "Top"}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("tree (-want +got):\n%s", d)
	}
	one := c.Folders[1]
	if one.Description.Content != "first" || one.Auth == nil || one.Auth.Type != "bearer" || one.Folders[0].Requests[0].Auth.Type != "bearer" {
		t.Errorf("folder One: %+v", one)
	}
	if ev := c.Folders[0].Events; len(ev) != 1 || ev[0].Listen != "prerequest" || ev[0].Script != "x()\ny()" {
		t.Errorf("folder events %+v", ev)
	}
	if ev := one.Folders[0].Requests[0].Events; len(ev) != 1 || ev[0].Listen != "test" {
		t.Errorf("request events %+v", ev)
	}
	// A file row's value is its src; a row without a key is dropped.
	if b := c.Folders[0].Requests[0].Body; b == nil || b.Mode != model.BodyFormData || len(b.FormData) != 1 ||
		b.FormData[0].Type != "file" || len(b.FormData[0].Src) != 1 || b.FormData[0].Src[0] != "p.txt" {
		t.Errorf("formdata %+v", b)
	}
	if r := c.Requests[0]; r.Method != "DELETE" || r.Body != nil {
		t.Errorf("top request %+v", r)
	}
}

// TestV1Orphans keeps requests that no order lists (Postman's converter
// drops them) and warns once, at the v1 requests array.
func TestV1Orphans(t *testing.T) {
	src := `{"name": "here", "order": [], "folders": [],
 "requests": [{"id": "x", "name": "X", "url": "https://h/x"}, {"name": "Y", "url": "https://h/y"}]}`
	res := parseOK(t, src)
	if n := len(res.Collection.Requests); n != 2 {
		t.Fatalf("%d requests, want 2", n)
	}
	wantDiag(t, res.Diagnostics, "requests", `2 of the v1 requests ("X", "Y")`)
}

// TestV1Cycle: a folder listed in its own folders_order must not loop.
func TestV1Cycle(t *testing.T) {
	res := parseOK(t, `{"name": "c", "order": [], "folders_order": ["f"], "folders": [{"id": "f", "name": "F", "folders_order": ["f"], "order": ["r"]}],
 "requests": [{"id": "r", "name": "R", "url": "https://h/r"}]}`)
	// The folder is its own sub-folder, so it is not a top-level one (as
	// in the transformer); its request is then kept as an orphan.
	if c := res.Collection; len(c.Folders) != 0 || len(c.Requests) != 1 || c.Requests[0].Name != "R" {
		t.Errorf("folders %+v, requests %+v", c.Folders, c.Requests)
	}
}

// TestV1WarningsPointAtTheV1File: a warning of the v2 walk about a
// converted request carries the line of that request in the v1 file.
func TestV1WarningsPointAtTheV1File(t *testing.T) {
	src := "{\"name\": \"w\", \"order\": [\"a\", \"b\"],\n\"requests\": [\n{\"id\": \"a\", \"name\": \"A\", \"url\": \"https://h/a\"},\n{\"id\": \"b\", \"name\": \"B\", \"url\": \"\"}]}"
	res := parseOK(t, src)
	for _, d := range res.Diagnostics {
		if d.Path == "item[1].request.url" {
			if d.Line != 4 {
				t.Errorf("warning on line %d, want 4 (the v1 request B): %v", d.Line, d)
			}
			return
		}
	}
	t.Errorf("no warning about the empty URL: %v", res.Diagnostics)
}

// TestV1Shapes covers the rarer v1 members: headerData, explicit
// queryParams with "equals", pathVariableData, auth objects, graphql and
// binary bodies, variables, saved responses.
func TestV1Shapes(t *testing.T) {
	res := parseOK(t, `{"name": "s", "order": ["q", "g", "f"], "variables": [{"id": "host", "value": "h.example", "type": "text"}],
 "auth": {"type": "noauth"},
 "requests": [
  {"id": "q", "name": "Q", "url": "https://{{host}}/q/:id?ignored=1", "method": "GET",
   "queryParams": [{"key": "a", "value": null, "equals": true}, {"key": "b", "value": "", "equals": false}, {"key": "c", "value": "3", "enabled": false}],
   "pathVariableData": [{"key": "id", "value": "7", "description": ""}],
   "headerData": [{"key": "//X-Off", "value": "1"}, {"key": "X-On", "value": "2", "enabled": true}], "headers": "X-On: dup\nX-More: 3",
   "auth": {"type": "apikey", "apikey": [{"key": "key", "value": "X-Key"}, {"key": "in", "value": "header"}]},
   "responses": [{"id": "r1", "name": "ok", "responseCode": {"code": 200, "name": "OK"}, "text": "{}", "language": "json", "requestObject": "{\"url\": \"https://h/q\", \"method\": \"GET\"}"}]},
  {"id": "g", "name": "G", "url": "https://h/g", "method": "POST", "dataMode": "graphql", "graphqlModeData": {"query": "{a}", "variables": "{}"}},
  {"id": "f", "name": "F", "url": "https://h/f", "method": "POST", "dataMode": "binary", "rawModeData": "/tmp/x.png", "dataDisabled": true}]}`)
	c := res.Collection
	if c.Auth != nil {
		t.Errorf("collection-level noauth is dropped, got %+v", c.Auth)
	}
	if v, ok := c.LookupVariable("host"); !ok || v.Value != "h.example" || v.Type != "string" {
		t.Errorf("variable host = %+v %v", v, ok)
	}
	q := c.Requests[0]
	wantQuery := []model.QueryParam{{Key: "a"}, {Key: "b", NullValue: true}, {Key: "c", Value: "3", Disabled: true}}
	if d := cmp.Diff(wantQuery, q.URL.Query); d != "" {
		t.Errorf("query (-want +got):\n%s", d)
	}
	if len(q.URL.Variables) != 1 || q.URL.Variables[0].Value != "7" || strings.Join(q.URL.Host, ".") != "{{host}}" {
		t.Errorf("url %+v", q.URL)
	}
	wantHeaders := []model.Header{{Key: "X-Off", Value: "1", Disabled: true}, {Key: "X-On", Value: "2"}, {Key: "X-More", Value: "3"}}
	if d := cmp.Diff(wantHeaders, q.Headers); d != "" {
		t.Errorf("headers (-want +got):\n%s", d)
	}
	if q.Auth == nil || q.Auth.Type != "apikey" || len(q.Auth.Params) != 2 || q.Auth.Params[0].Value != "X-Key" {
		t.Errorf("auth %+v", q.Auth)
	}
	if len(q.Examples) != 1 || q.Examples[0].Code != 200 || q.Examples[0].Body != "{}" || q.Examples[0].PreviewLanguage != "json" ||
		q.Examples[0].OriginalRequest == nil || q.Examples[0].OriginalRequest.URL.Raw != "https://h/q" {
		t.Errorf("examples %+v", q.Examples)
	}
	if b := c.Requests[1].Body; b == nil || b.Mode != model.BodyGraphQL || b.GraphQL.Query != "{a}" {
		t.Errorf("graphql body %+v", b)
	}
	if b := c.Requests[2].Body; b == nil || b.Mode != model.BodyFile || b.File.Src != "/tmp/x.png" || !b.Disabled {
		t.Errorf("file body %+v", b)
	}
}
