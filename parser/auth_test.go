package parser

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/postgen/postgen/model"
)

// TestAuthShapes: v2.0 objects and v2.1 arrays give the same parameters,
// in any declared version; a repeated key keeps its last value in the
// first position.
func TestAuthShapes(t *testing.T) {
	tests := []struct {
		name, auth string
		want       []model.AuthParam
	}{
		{"v2.0 object", `{"type":"basic","basic":{"username":"u2","password":"p2","showPassword":false}}`, []model.AuthParam{
			{Key: "username", Value: "u2", Kind: "string"},
			{Key: "password", Value: "p2", Kind: "string"},
			{Key: "showPassword", Value: "false", Kind: "boolean"},
		}},
		{"v2.1 array", `{"type":"basic","basic":[{"key":"username","value":"u","type":"string"},{"key":"password","value":"p","type":"string"}]}`, []model.AuthParam{
			{Key: "username", Value: "u", Kind: "string", Type: "string"},
			{Key: "password", Value: "p", Kind: "string", Type: "string"},
		}},
		{"repeated key", `{"type":"bearer","bearer":[{"key":"token","value":"a"},{"key":"x","value":1.50},{"key":"token","value":"b"}]}`, []model.AuthParam{
			{Key: "token", Value: "b", Kind: "string"},
			{Key: "x", Value: "1.5", Kind: "number"},
		}},
		{"value kinds", `{"type":"jwt","jwt":[{"key":"payload","value":{ "a" : [1, 2] }},{"key":"n","value":null},{"key":"m"},{"key":"b","value":true,"type":"boolean"}]}`, []model.AuthParam{
			{Key: "payload", Value: `{"a":[1,2]}`, Kind: "object"},
			{Key: "n", Kind: "null"},
			{Key: "m", Kind: "null"},
			{Key: "b", Value: "true", Kind: "boolean", Type: "boolean"},
		}},
		{"other types' params ignored", `{"type":"apikey","bearer":[{"key":"token","value":"t"}],"apikey":{"key":"K","in":"query"}}`, []model.AuthParam{
			{Key: "key", Value: "K", Kind: "string"},
			{Key: "in", Value: "query", Kind: "string"},
		}},
		{"noauth has none", `{"type":"noauth"}`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, diags := onlyRequest(t, `{"request":{"url":"h","auth":`+tt.auth+`}}`)
			wantNoDiags(t, diags)
			if r.Auth == nil || r.Auth.Path != "item[0].request.auth" {
				t.Fatalf("auth = %+v", r.Auth)
			}
			if diff := cmp.Diff(tt.want, r.Auth.Params); diff != "" {
				t.Errorf("params (-want +got):\n%s", diff)
			}
		})
	}
}

func TestAuthBadParams(t *testing.T) {
	r, diags := onlyRequest(t, `{"request":{"url":"h","auth":{"type":"bearer","bearer":[{"key":"token","value":"t"},"junk",{"value":"nokey"}]}}}`)
	if want := []model.AuthParam{{Key: "token", Value: "t", Kind: "string"}}; !cmp.Equal(r.Auth.Params, want) {
		t.Errorf("params = %+v", r.Auth.Params)
	}
	wantDiag(t, diags, "item[0].request.auth.bearer[1]", "expected an auth parameter object")
	wantDiag(t, diags, "item[0].request.auth.bearer[2]", "no string key")

	r, diags = onlyRequest(t, `{"request":{"url":"h","auth":{"type":"bearer","bearer":"tok"}}}`)
	if r.Auth == nil || r.Auth.Type != "bearer" || r.Auth.Params != nil {
		t.Errorf("auth = %+v", r.Auth)
	}
	wantDiag(t, diags, "item[0].request.auth.bearer", "array or an object")
}

// TestAuthInheritance reproduces cases I01-I08 of Appendix A: collection
// bearer, request and folder overrides.
func TestAuthInheritance(t *testing.T) {
	src := `{"info":{"name":"inh","schema":"` + schema21 + `"},
	"auth":{"type":"bearer","bearer":[{"key":"token","value":"collection-token","type":"string"}]},
	"item":[
		{"name":"I01","request":{"method":"GET","url":"{{baseUrl}}/i01"}},
		{"name":"I02","request":{"method":"GET","url":"{{baseUrl}}/i02","auth":null}},
		{"name":"I03","request":{"method":"GET","url":"{{baseUrl}}/i03","auth":{"type":"noauth"}}},
		{"name":"I04","request":{"method":"GET","url":"{{baseUrl}}/i04","auth":{}}},
		{"name":"F-noauth","auth":{"type":"noauth"},"item":[{"name":"I05","request":{"url":"{{baseUrl}}/i05"}}]},
		{"name":"F-apikey","auth":{"type":"apikey","apikey":[{"key":"key","value":"X-Folder-Key","type":"string"},{"key":"value","value":"fk","type":"string"}]},
		 "item":[{"name":"F-apikey-sub","item":[{"name":"I06","request":{"url":"{{baseUrl}}/i06"}}]}]},
		{"name":"F-inherit","auth":{"type":"inherit"},"item":[{"name":"I07","request":{"url":"{{baseUrl}}/i07"}}]},
		{"name":"F-null","auth":null,"item":[{"name":"I08","request":{"url":"{{baseUrl}}/i08"}}]},
		{"name":"F-type-type","auth":{"type":"type"},"item":[{"name":"I09","request":{"url":"h","auth":{"type":7}}}]}
	]}`
	res := parseOK(t, src)
	c := res.Collection
	if c.Auth == nil || c.Auth.Type != "bearer" || c.Auth.Path != "auth" {
		t.Fatalf("collection auth = %+v", c.Auth)
	}
	byName := map[string]*model.Request{}
	var walk func([]*model.Folder, []*model.Request)
	walk = func(fs []*model.Folder, rs []*model.Request) {
		for _, r := range rs {
			byName[r.Name] = r
		}
		for _, f := range fs {
			walk(f.Folders, f.Requests)
		}
	}
	walk(c.Folders, c.Requests)
	tests := []struct {
		name, typ, path string
	}{
		{"I01", "bearer", "auth"},
		{"I02", "bearer", "auth"},
		{"I03", "noauth", "item[2].request.auth"},
		{"I04", "bearer", "auth"},
		{"I05", "noauth", "item[4].auth"},
		{"I06", "apikey", "item[5].auth"},
		{"I07", "inherit", "item[6].auth"},
		{"I08", "bearer", "auth"},
		{"I09", "bearer", "auth"},
	}
	for _, tt := range tests {
		r := byName[tt.name]
		if r == nil {
			t.Errorf("%s: request missing", tt.name)
			continue
		}
		if r.Auth == nil || r.Auth.Type != tt.typ || r.Auth.Path != tt.path {
			t.Errorf("%s: auth = %+v, want type %s declared at %s", tt.name, r.Auth, tt.typ, tt.path)
		}
	}
	if r := byName["I06"]; r.Auth != nil && len(r.Auth.Params) != 2 {
		t.Errorf("I06 params = %+v", r.Auth.Params)
	}
	// Declared auth on folders: nil when it inherits.
	if f := c.Folders[3]; f.Name != "F-null" || f.Auth != nil {
		t.Errorf("F-null auth = %+v", f.Auth)
	}
	if f := c.Folders[1]; f.Folders[0].Auth != nil {
		t.Errorf("F-apikey-sub declares no auth, got %+v", f.Folders[0].Auth)
	}
	wantDiag(t, res.Diagnostics, "item[6].auth", `"inherit" is not special`)
	wantDiag(t, res.Diagnostics, "item[8].auth.type", "not a valid auth type")
	wantDiag(t, res.Diagnostics, "item[8].item[0].request.auth.type", "not a valid auth type")
	if len(res.Diagnostics) != 3 {
		t.Errorf("want 3 warnings, got:\n%s", diagList(res.Diagnostics))
	}
}

func TestAuthNoneAnywhere(t *testing.T) {
	r, diags := onlyRequest(t, `{"request":{"url":"h","auth":{}}}`)
	if r.Auth != nil {
		t.Errorf("auth = %+v, want nil", r.Auth)
	}
	wantNoDiags(t, diags)
	r, diags = onlyRequest(t, `{"request":{"url":"h","auth":"bearer"}}`)
	if r.Auth != nil {
		t.Errorf("auth = %+v, want nil", r.Auth)
	}
	wantDiag(t, diags, "item[0].request.auth", "expected an auth object")
	r, diags = onlyRequest(t, `{"request":{"url":"h","auth":{"type":"kerberos"}}}`)
	if r.Auth == nil || r.Auth.Type != "kerberos" {
		t.Errorf("auth = %+v", r.Auth)
	}
	wantDiag(t, diags, "item[0].request.auth.type", "unknown auth type")
}

// TestSchemaVersion: info.schema first, then the auth parameter shape.
func TestSchemaVersion(t *testing.T) {
	tests := []struct {
		name, src, want string
		warn            bool
	}{
		{"v2.1 schema", coll(), "2.1.0", false},
		{"v2.0 schema", `{"info":{"name":"n","schema":"https://schema.getpostman.com/json/collection/v2.0.0/collection.json"},"item":[]}`, "2.0.0", false},
		{"draft-07 address", `{"info":{"name":"n","schema":"https://schema.postman.com/collection/json/v2.1.0/draft-07/collection.json"},"item":[]}`, "2.1.0", false},
		{"no schema, array params", `{"info":{"name":"n"},"item":[{"request":{"url":"h","auth":{"type":"bearer","bearer":[]}}}]}`, "2.1.0", false},
		{"no schema, object params", `{"info":{"name":"n"},"item":[{"request":{"url":"h","auth":{"type":"bearer","bearer":{"token":"t"}}}}]}`, "2.0.0", false},
		{"no schema, object params in folder", `{"info":{"name":"n"},"item":[{"auth":{"type":"basic","basic":{}},"item":[]}]}`, "2.0.0", false},
		{"no schema, no auth", `{"info":{"name":"n"},"item":[]}`, "2.1.0", false},
		{"unknown schema", `{"info":{"name":"n","schema":"https://example.com/v3.0.0"},"auth":{"type":"basic","basic":{}},"item":[]}`, "2.0.0", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := parseOK(t, tt.src)
			if got := res.Collection.SchemaVersion; got != tt.want {
				t.Errorf("SchemaVersion = %q, want %q", got, tt.want)
			}
			if tt.warn {
				wantDiag(t, res.Diagnostics, "info.schema", "naming format v2.0 or v2.1")
			} else {
				wantNoDiags(t, res.Diagnostics)
			}
		})
	}
}
