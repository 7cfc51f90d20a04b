package parser

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/postgen/postgen/model"
)

func TestEmptyInput(t *testing.T) {
	for _, in := range []string{"", "  \n\t", "\uFEFF", "\uFEFF \r\n"} {
		if e := parseErr(t, in); e.Kind != ErrEmpty {
			t.Errorf("%q: kind %v, want ErrEmpty", in, e.Kind)
		}
	}
}

func TestBOM(t *testing.T) {
	res := parseOK(t, "\uFEFF"+coll(`{"request":"h"}`))
	if res.Collection.Name != "t" || len(res.Collection.Requests) != 1 {
		t.Errorf("collection = %+v", res.Collection)
	}
	// Positions count from after the BOM.
	res = parseOK(t, "\uFEFF"+`{"info":{"name":"t"},"item":[3]}`)
	if d := res.Diagnostics; len(d) != 1 || d[0].Line != 1 || d[0].Column != 30 {
		t.Errorf("diagnostics = %v", d)
	}
}

// TestInvalidJSON: the first syntax error is reported with a 1-based
// line and a column counted in characters.
func TestInvalidJSON(t *testing.T) {
	tests := []struct {
		in        string
		line, col int
		msg       string
	}{
		{`{"a":1,}`, 1, 8, "expected an object key"},
		{`{"a" 1}`, 1, 6, "expected ':'"},
		{`[1 2]`, 1, 4, "expected ',' or ']'"},
		{`[1,]`, 1, 4, "trailing comma"},
		{`{"a":1} x`, 1, 9, "after the end of the top-level value"},
		{`{"a":1}{}`, 1, 8, "after the end"},
		{"{\n  \"é\": tru}", 2, 8, "expected a value"},
		{"{\n  \"ü\": \"x\" \"y\"}", 2, 12, "expected ',' or '}'"},
		{`{"a":"x`, 1, 6, "unterminated string"},
		{"{\"a\":\"x\ny\"}", 1, 8, "control character"},
		{`{"a":"\q"}`, 1, 8, "invalid escape"},
		{`{"a":"\u12g4"}`, 1, 11, `\u escape`},
		{`{"a":01}`, 1, 7, "expected ',' or '}'"},
		{`{"a":-}`, 1, 7, "invalid number"},
		{`{"a":1.}`, 1, 8, "invalid number"},
		{`{"a":1e}`, 1, 8, "invalid number"},
		{`{"a":NaN}`, 1, 6, "expected a value"},
		{`{"a":[`, 1, 7, "unexpected end of input"},
		{`{'a':1}`, 1, 2, "double quotes"},
		{"// comment\n{}", 1, 1, "expected a value"},
		{`{"a":1 /* c */}`, 1, 8, "expected ',' or '}'"},
	}
	for _, tt := range tests {
		e := parseErr(t, tt.in)
		if e.Kind != ErrInvalidJSON || e.Line != tt.line || e.Column != tt.col || !strings.Contains(e.Message, tt.msg) {
			t.Errorf("%q: got %v (%d:%d), want %d:%d mentioning %q", tt.in, e, e.Line, e.Column, tt.line, tt.col, tt.msg)
		}
	}
}

func TestInvalidJSONMessage(t *testing.T) {
	e := parseErr(t, "{\n \"a\": 1 + 2\n}")
	want := "invalid JSON at line 2, column 9: expected ',' or '}' after object member, found '+'; the file is not valid JSON"
	if !strings.HasPrefix(e.Error(), want) {
		t.Errorf("Error() = %q, want prefix %q", e.Error(), want)
	}
	e = parseErr(t, "\xff\xfe{\x00}\x00")
	if e.Kind != ErrInvalidJSON || !strings.Contains(e.Message, "UTF-16") {
		t.Errorf("UTF-16: %v", e)
	}
}

func TestNotCollection(t *testing.T) {
	tests := []struct{ in, msg string }{
		{`[{"info":{}}]`, "JSON array"},
		{`"just a string"`, "a JSON string"},
		{`42`, "a JSON number"},
		{`null`, "a JSON null"},
		{`{"openapi":"3.0.0","info":{"title":"x"},"paths":{}}`, "OpenAPI"},
		{`{"swagger":"2.0","paths":{}}`, "OpenAPI"},
		{`{"id":"e","name":"env","values":[{"key":"a","value":"1","enabled":true}],"_postman_variable_scope":"environment"}`, "Postman environment file"},
		{`{"values":[],"_postman_variable_scope":"globals"}`, "Postman globals file"},
		{`{"version":1,"collections":[],"environments":[]}`, "data dump"},
		{`{"foo":1}`, "without the \"info\" and \"item\""},
		{`{"info":"x"}`, "\"info\" is a string"},
		{`{"collection":{"foo":1}}`, "without the \"info\" and \"item\""},
	}
	for _, tt := range tests {
		e := parseErr(t, tt.in)
		if e.Kind != ErrNotCollection || !strings.Contains(e.Message, tt.msg) || !strings.Contains(e.Message, "Export") && !strings.Contains(e.Message, "export") {
			t.Errorf("%s: got %v, want ErrNotCollection mentioning %q and what to do", tt.in, e, tt.msg)
		}
	}
}

func TestEnvelope(t *testing.T) {
	res := parseOK(t, `{"collection":{"info":{"name":"wrapped","schema":"`+schema21+`"},"auth":{"type":"bearer"},"item":[{"name":"x"},{"name":"y","request":"h"}]}}`)
	c := res.Collection
	if c.Name != "wrapped" || len(c.Requests) != 1 || c.Requests[0].Path != "collection.item[1]" || c.Auth.Path != "collection.auth" {
		t.Errorf("collection = %+v", c)
	}
	wantDiag(t, res.Diagnostics, "collection.item[0]", "neither")
	// No item at all: a collection with no requests and nothing to warn about.
	res = parseOK(t, `{"collection":{"info":{"name":"docs","description":"about"}}}`)
	if res.Collection.Name != "docs" || res.Collection.Description.Content != "about" || len(res.Collection.Order) != 0 {
		t.Errorf("collection = %+v", res.Collection)
	}
	wantNoDiags(t, res.Diagnostics)
}

func TestInfo(t *testing.T) {
	tests := []struct {
		info, version string
		desc          model.Description
	}{
		{`{"name":"n","version":"1.0.0"}`, "1.0.0", model.Description{}},
		{`{"name":"n","version":{"major":1,"minor":2,"patch":3}}`, "1.2.3", model.Description{}},
		{`{"name":"n","version":{"major":1,"minor":2,"patch":3,"identifier":"beta","meta":{}}}`, "1.2.3-beta", model.Description{}},
		{`{"name":"n","version":{}}`, "", model.Description{}},
		{`{"name":"n","version":{"major":2}}`, "2.0.0", model.Description{}},
		{`{"name":"n","description":"plain"}`, "", model.Description{Content: "plain"}},
		{`{"name":"n","description":{"content":"# md","type":"text/markdown"}}`, "", model.Description{Content: "# md", Type: "text/markdown"}},
		{`{"name":"n","description":null,"version":null}`, "", model.Description{}},
	}
	for _, tt := range tests {
		res := parseOK(t, `{"info":`+tt.info+`,"item":[]}`)
		c := res.Collection
		if c.Version != tt.version || c.Description != tt.desc || c.Name != "n" {
			t.Errorf("%s: version %q description %+v", tt.info, c.Version, c.Description)
		}
		wantNoDiags(t, res.Diagnostics)
	}
	res := parseOK(t, `{"info":{"name":"n","_postman_id":"abc","version":[1]},"item":[]}`)
	if res.Collection.ID != "abc" || res.Collection.Version != "" {
		t.Errorf("collection = %+v", res.Collection)
	}
	wantDiag(t, res.Diagnostics, "info.version", "found an array")
	res = parseOK(t, `{"info":{},"item":[]}`)
	wantDiag(t, res.Diagnostics, "info.name", "no name")
	res = parseOK(t, `{"item":[]}`)
	wantDiag(t, res.Diagnostics, "info", "no \"info\"")
}

// TestItemTree: folders vs requests, input order, the non-standard
// "items" key and the odd elements Postman would treat differently.
func TestItemTree(t *testing.T) {
	res := parseOK(t, `{"info":{"name":"tree"},"items":[
		{"name":"R1","request":"h/1"},
		{"name":"F1","items":[{"name":"R2","request":"h/2"},{"name":"F2","item":[]}]},
		{"name":"R3","request":"h/3"},
		{"name":"both","item":[{"name":"R4","request":"h/4"}],"request":"h/ignored"},
		{"name":"neither"},
		"a string",
		{"name":"null item","item":null,"request":"h/5"},
		{"name":"bad request","request":5},
		{"name":"bad item","item":"x"}
	]}`)
	c := res.Collection
	wantOrder := []model.ItemRef{{Index: 0}, {Folder: true, Index: 0}, {Index: 1}, {Folder: true, Index: 1}, {Index: 2}, {Folder: true, Index: 2}}
	if diff := cmp.Diff(wantOrder, c.Order); diff != "" {
		t.Errorf("order (-want +got):\n%s", diff)
	}
	names := func(rs []*model.Request) (out []string) {
		for _, r := range rs {
			out = append(out, r.Name)
		}
		return out
	}
	if got := names(c.Requests); !cmp.Equal(got, []string{"R1", "R3", "null item"}) {
		t.Errorf("top requests = %v", got)
	}
	f1 := c.Folders[0]
	if f1.Name != "F1" || f1.Path != "items[1]" || len(f1.Folders) != 1 || f1.Folders[0].Path != "items[1].items[1]" {
		t.Errorf("F1 = %+v", f1)
	}
	if r := f1.Requests[0]; r.Path != "items[1].items[0]" || !cmp.Equal(r.Folders, []string{"F1"}) {
		t.Errorf("R2 = %+v", r)
	}
	if got := names(c.Folders[1].Requests); !cmp.Equal(got, []string{"R4"}) || !cmp.Equal(c.Folders[1].Requests[0].Folders, []string{"both"}) {
		t.Errorf("both folder requests = %v", got)
	}
	wantDiag(t, res.Diagnostics, "items[3].request", "Postman treats it as a folder")
	wantDiag(t, res.Diagnostics, "items[4]", "neither")
	wantDiag(t, res.Diagnostics, "items[5]", "found a string")
	wantDiag(t, res.Diagnostics, "items[7].request", "skipping the item")
	wantDiag(t, res.Diagnostics, "items[8].item", "expected an array of items")
	if len(res.Diagnostics) != 5 {
		t.Errorf("want 5 warnings, got:\n%s", diagList(res.Diagnostics))
	}
}

// TestWrongTypes feeds a value of the wrong type to every member: nothing
// panics and each is reported at its path.
func TestWrongTypes(t *testing.T) {
	res := parseOK(t, `{"info":{"name":["x"],"description":5,"schema":7},"variable":"v","event":{},"auth":[],"protocolProfileBehavior":"p",
	"item":[{"name":{},"description":true,"event":"e","variable":3,"protocolProfileBehavior":[],"response":{},
		"request":{"method":5,"url":{"raw":1,"host":["h"],"protocol":2,"port":{},"path":[null],"query":"","hash":[],"variable":{}},
			"header":[[]],"body":{"mode":"urlencoded","urlencoded":5},"description":[]}},
		{"name":"f","item":[],"auth":5,"event":[5],"variable":[5]},
		{"request":{"url":"h","body":{"mode":"graphql","graphql":"q"}}},
		{"request":{"url":"h","body":{"mode":"file","file":5}}},
		{"request":{"url":"h","body":{"mode":"formdata","formdata":[{"key":"k","type":"file","src":[1,"a"]},{"key":"j","src":{}}]}}},
		{"request":{"url":"h","event":[{"listen":"test","script":{"exec":{}}}]},"protocolProfileBehavior":{"disabledSystemHeaders":[1]}}
	]}`)
	for _, path := range []string{
		"info.name", "info.description", "info.schema", "variable", "event", "auth", "protocolProfileBehavior",
		"item[0].name", "item[0].description", "item[0].event", "item[0].variable", "item[0].protocolProfileBehavior", "item[0].response",
		"item[0].request.method", "item[0].request.url.raw", "item[0].request.url.protocol", "item[0].request.url.port",
		"item[0].request.url.path[0]", "item[0].request.url.hash", "item[0].request.url.variable",
		"item[0].request.header[0]", "item[0].request.body.urlencoded",
		"item[1].auth", "item[1].event[0]", "item[1].variable[0]",
		"item[2].request.body.graphql", "item[3].request.body.file",
		"item[4].request.body.formdata[0].src[0]", "item[4].request.body.formdata[1].src",
		"item[5].protocolProfileBehavior.disabledSystemHeaders",
	} {
		wantDiag(t, res.Diagnostics, path, "expected")
	}
	c := res.Collection
	if len(c.Requests) != 5 || len(c.Folders) != 1 {
		t.Errorf("%d requests, %d folders", len(c.Requests), len(c.Folders))
	}
	if r := c.Requests[0]; r.Method != "5" || !cmp.Equal(r.URL.Path, []string{""}) || r.Body == nil || r.Body.URLEncoded != nil {
		t.Errorf("request 0 = %+v", r)
	}
}

// TestDiagnosticPositions: warnings come in input order with the line and
// the character column of the offending value.
func TestDiagnosticPositions(t *testing.T) {
	src := "{\"info\": {\"name\": \"ü\"},\n" +
		"  \"item\": [\n" +
		"    {\"name\": \"é\", \"request\": {\"header\": 7, \"url\": [1]}},\n" +
		"    {\"name\": \"zzz\"}\n" +
		"  ]\n" +
		"}"
	res := parseOK(t, src)
	want := []model.Diagnostic{
		{Code: model.CodeUnexpectedType, Path: "item[0].request.header", Line: 3, Column: 41, Message: "expected an array of headers or a header string, found a number; ignoring it"},
		{Code: model.CodeUnexpectedType, Path: "item[0].request.url", Line: 3, Column: 51, Message: "expected a URL string or object, found an array; the request has no URL"},
		{Code: model.CodeEmptyItem, Path: "item[1]", Line: 4, Column: 5, Message: "the item has neither \"request\" nor \"item\"; Postman would send a GET with an empty URL and fail, so it is skipped"},
	}
	if diff := cmp.Diff(want, res.Diagnostics); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s", diff)
	}
	if got := res.Diagnostics[0].String(); got != "warning[unexpected-type]: item[0].request.header (3:41): "+want[0].Message {
		t.Errorf("String() = %q", got)
	}
}

func TestPositions(t *testing.T) {
	s := "ab\ncü\n\nxyz"
	offs := []int{0, 2, 3, 4, 6, 7, 8, 11, 1, 100}
	lines, cols := positions(s, offs)
	want := [][2]int{{1, 1}, {1, 3}, {2, 1}, {2, 2}, {2, 3}, {3, 1}, {4, 1}, {4, 4}, {1, 2}, {4, 4}}
	for i, off := range offs {
		if got := [2]int{lines[i], cols[i]}; got != want[i] {
			t.Errorf("offset %d: %v, want %v", off, got, want[i])
		}
		if l, c := position(s, off); l != lines[i] || c != cols[i] {
			t.Errorf("position(%d) = %d:%d, positions says %d:%d", off, l, c, lines[i], cols[i])
		}
	}
}
