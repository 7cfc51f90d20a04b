package config

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/postgen/postgen/generator"
	_ "github.com/postgen/postgen/internal/testflag"
	"github.com/postgen/postgen/model"
)

const full = `# every key
package: bookings
input: ../api/bookings.postman_collection.json
output: .
baseURL: https://staging.example.com/v1
initialisms: [SKU, OAuth2]
environments:
  - prod.postman_environment.json
strict: true
skip:
  - Internal
  - Bookings/Delete booking
rename:
  services:
    Bookings: Reservations
  methods:
    Bookings/List bookings: ListAll
    req-get: Fetch
  types:
    Bookings/List bookings:
      params: ListOptions
fields:
  Booking.nights: int64
options:
  tenant: WithTenant
`

func TestParseEveryKey(t *testing.T) {
	f, err := Parse([]byte(full), "sdk/postgen.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if f.Package.Text != "bookings" || f.Dir != "sdk" || !f.Strict || f.BaseURL.Text != "https://staging.example.com/v1" {
		t.Errorf("file %+v", f)
	}
	if got := f.Path(f.Input.Text); got != "sdk/../api/bookings.postman_collection.json" && got != "api/bookings.postman_collection.json" {
		t.Errorf("input resolves to %q", got)
	}
	if f.Methods[1].Ref.Text != "req-get" || f.Methods[1].Name.Text != "Fetch" || f.Methods[1].Ref.Pos.Line != 18 {
		t.Errorf("methods %+v", f.Methods)
	}
	if len(f.Types) != 1 || f.Types[0].Role != "params" || f.Types[0].Name.Text != "ListOptions" {
		t.Errorf("types %+v", f.Types)
	}
	if len(f.Fields) != 1 || f.Fields[0].Type != "Booking" || f.Fields[0].Field != "nights" || f.Fields[0].GoType.Text != "int64" {
		t.Errorf("fields %+v", f.Fields)
	}
}

func TestParseErrorsHavePositions(t *testing.T) {
	tests := []struct{ name, yaml, want string }{
		{"unknown key with a near one", "pakage: x\n", `postgen.yaml:1:1: unknown key "pakage" in the file; did you mean "package"?`},
		{"unknown key", "colour: red\n", `postgen.yaml:1:1: unknown key "colour" in the file; known keys: package, input`},
		{"nested unknown key", "rename:\n  method:\n    A: B\n", `postgen.yaml:2:3: unknown key "method" in rename; did you mean "methods"?`},
		{"type role", "rename:\n  types:\n    A/b:\n      bogus: X\n", `postgen.yaml:4:7: unknown key "bogus" in rename.types["A/b"]; known keys: params, form, result, body, error`},
		{"not a Go name", "rename:\n  methods:\n    A/b: list-all\n", `postgen.yaml:3:10: rename.methods: "list-all" is not an exported Go name`},
		{"unexported", "options:\n  tenant: withTenant\n", `postgen.yaml:2:11: options: "withTenant" is not an exported Go name`},
		{"twice", "package: a\npackage: b\n", `postgen.yaml:2:1: the file: "package" is given twice`},
		{"bad package", "package: Bad-Name\n", `postgen.yaml:1:10: package Bad-Name:`},
		{"list expected", "skip: Internal\n", `postgen.yaml:1:7: skip must be a list`},
		{"bool expected", "strict: yes please\n", `postgen.yaml:1:9: strict must be true or false`},
		{"relative base URL", "baseURL: /v1\n", `postgen.yaml:1:10: baseURL "/v1" is not an absolute URL`},
		{"field key", "fields:\n  nights: int\n", `postgen.yaml:2:3: fields: "nights" must be TypeName.field`},
		{"field type", "fields:\n  Booking.nights: 'int64 +'\n", `postgen.yaml:2:19: fields: "int64 +" is not a Go type`},
		{"initialism", "initialisms: [S-K-U]\n", `postgen.yaml:1:14: initialism "S-K-U"`},
		{"not a mapping", "- a\n- b\n", `postgen.yaml:1:1: the file must be a mapping`},
		{"syntax", "package: [\n", `postgen.yaml: `},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.yaml), "postgen.yaml")
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want %q", err, tt.want)
			}
		})
	}
	// Every error is reported, not only the first.
	_, err := Parse([]byte("pakage: x\ncolour: red\n"), "postgen.yaml")
	if err == nil || strings.Count(err.Error(), "\n") != 1 {
		t.Errorf("want two errors, got %v", err)
	}
	// An empty file configures nothing.
	if f, err := Parse(nil, "postgen.yaml"); err != nil || f.Package.Set() {
		t.Errorf("empty file: %+v, %v", f, err)
	}
}

// collection is Bookings/{List bookings, Get booking (id req-get), Delete
// booking}, Internal/{Debug}, Health, and a second "Dup" request twice.
func collection() *model.Collection {
	bookings := &model.Folder{Name: "Bookings", ID: "fold-b", Path: "item[0]", Requests: []*model.Request{
		{Name: "List bookings", Path: "item[0].item[0]"},
		{Name: "Get booking", ID: "req-get", Path: "item[0].item[1]"},
		{Name: "Delete booking", Path: "item[0].item[2]"},
	}}
	internal := &model.Folder{Name: "Internal", Path: "item[1]", Requests: []*model.Request{{Name: "Debug", Path: "item[1].item[0]"}}}
	return &model.Collection{Folders: []*model.Folder{bookings, internal}, Requests: []*model.Request{
		{Name: "Health", Path: "item[2]"}, {Name: "Dup", ID: "d1", Path: "item[3]"}, {Name: "Dup", ID: "d2", Path: "item[4]"},
	}}
}

func TestApplyResolvesPathsAndIDs(t *testing.T) {
	f, err := Parse([]byte(full), "postgen.yaml")
	if err != nil {
		t.Fatal(err)
	}
	cfg := generator.Config{Package: "bookings"}
	if err := f.Apply(collection(), &cfg); err != nil {
		t.Fatal(err)
	}
	want := generator.Config{
		Package:         "bookings",
		Initialisms:     []string{"SKU", "OAuth2"},
		BaseURL:         "https://staging.example.com/v1",
		Skip:            map[string]bool{"item[1]": true, "item[0].item[2]": true},
		ServiceNames:    map[string]generator.Choice{"item[0]": {Name: "Reservations", Where: "postgen.yaml:15:15"}},
		MethodNames:     map[string]generator.Choice{"item[0].item[0]": {Name: "ListAll", Where: "postgen.yaml:17:29"}, "item[0].item[1]": {Name: "Fetch", Where: "postgen.yaml:18:14"}},
		TypeNames:       map[string]generator.Choice{"item[0].item[0]#params": {Name: "ListOptions", Where: "postgen.yaml:21:15"}},
		FieldTypes:      []generator.FieldType{{Type: "Booking", Field: "nights", GoType: "int64", Where: "postgen.yaml:23:3"}},
		VariableOptions: []generator.VariableOption{{Variable: "tenant", Func: "WithTenant", Where: "postgen.yaml:25:3"}},
	}
	if d := cmp.Diff(want, cfg); d != "" {
		t.Errorf("config (-want +got):\n%s", d)
	}
}

func TestApplyRejectsUnknownReferences(t *testing.T) {
	f, err := Parse([]byte(`skip:
  - Bookings/List booking
  - Nowhere
rename:
  services:
    Bookings/Get booking: Gets
  methods:
    Bookings: B
    Dup: D
`), "cfg/postgen.yaml")
	if err != nil {
		t.Fatal(err)
	}
	err = f.Apply(collection(), &generator.Config{})
	if err == nil {
		t.Fatal("no error")
	}
	want := []string{
		`cfg/postgen.yaml:2:5: skip: the collection has no folder or request "Bookings/List booking" (name it by its path, Folder/Sub/Request name, or by its _postman_id); did you mean "Bookings/List bookings"?`,
		`cfg/postgen.yaml:3:5: skip: the collection has no folder or request "Nowhere"`,
		`cfg/postgen.yaml:6:5: rename.services: "Bookings/Get booking" is a request, not a folder`,
		`cfg/postgen.yaml:8:5: rename.methods: "Bookings" is a folder, not a request`,
		`cfg/postgen.yaml:9:5: rename.methods: "Dup" matches 2 items (request at item[3] (id d1), request at item[4] (id d2)); name one by its _postman_id`,
	}
	lines := strings.Split(err.Error(), "\n")
	if len(lines) != len(want) {
		t.Fatalf("got %d errors, want %d:\n%v", len(lines), len(want), err)
	}
	for i, w := range want {
		if !strings.HasPrefix(lines[i], w) {
			t.Errorf("error %d:\n got %s\nwant %s", i, lines[i], w)
		}
	}
}

// TestAcceptPaths: an accept path matches itself and what is inside it,
// with * for any text; a diagnostic of another code, or an error, never.
func TestAcceptPaths(t *testing.T) {
	f, err := Parse([]byte("accept:\n  - code: undefined-variable\n    path: item[1]\n  - code: header-line\n    path: item[*].request.header\n  - code: unknown-body-mode\n"), "postgen.yaml")
	if err != nil {
		t.Fatal(err)
	}
	diags := []model.Diagnostic{
		model.Diag(model.CodeUndefinedVariable, "item[1].request.url", "a"),  // inside item[1]
		model.Diag(model.CodeUndefinedVariable, "item[1]", "b"),              // item[1] itself
		model.Diag(model.CodeUndefinedVariable, "item[10].request.url", "c"), // not inside item[1]
		model.Diag(model.CodeHeaderLine, "item[4].request.header", "d"),      // the glob
		model.Diag(model.CodeHeaderLine, "item[4].request.url", "e"),
		model.Diag(model.CodeUnexpectedType, "item[1].request", "f"), // another code
	}
	accepted, stale := f.Accepted(diags)
	want := []bool{true, true, false, true, false, false}
	if fmt.Sprint(accepted) != fmt.Sprint(want) {
		t.Errorf("accepted %v, want %v", accepted, want)
	}
	if len(stale) != 1 || stale[0].Pos.Line != 6 || stale[0].Diag.Code != model.CodeAcceptStale || stale[0].Diag.Severity != model.Note {
		t.Errorf("stale %+v, want the unknown-body-mode entry (line 6)", stale)
	}
}
