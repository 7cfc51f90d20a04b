package cli

import (
	"encoding/json"
	"strings"
	"testing"
)

// collectionJSON is a v2.1 collection named name with one request to url.
func collectionJSON(name, url string, variables string) string {
	return `{"info": {"name": ` + strconvQuote(name) + `, "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
 "variable": [` + variables + `],
 "item": [{"name": "社員一覧", "request": {"method": "GET", "url": ` + strconvQuote(url) + `}}]}`
}

func strconvQuote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// TestPackageNameFromAnyCollectionName: a collection name in a script
// package names cannot hold is transliterated, or the API's host names the
// package, never an error.
func TestPackageNameFromAnyCollectionName(t *testing.T) {
	tests := []struct{ name, coll, want string }{
		{"kanji, named by the host", collectionJSON("人事労務", "https://api.freee.co.jp/hr/api/v1/employees", ""), "freee"},
		{"kanji, host in a variable", collectionJSON("人事労務", "{{baseUrl}}/employees", `{"key": "baseUrl", "value": "https://api.smarthr.jp/v1"}`), "smarthr"},
		{"kanji, no host", collectionJSON("人事労務", "{{baseUrl}}/employees", ""), "api"},
		{"Cyrillic, transliterated", collectionJSON("Мой магазин", "https://shop.example.com/items", ""), "moymagazin"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := run(t, tt.coll, "inspect", "--json", "-")
			if code != ExitOK {
				t.Fatalf("exit %d\n%s", code, stderr)
			}
			var o struct {
				Package string `json:"package"`
				Items   []struct {
					Method string `json:"method"`
				} `json:"items"`
			}
			if err := json.Unmarshal([]byte(stdout), &o); err != nil {
				t.Fatal(err)
			}
			if o.Package != tt.want {
				t.Errorf("package %q, want %q", o.Package, tt.want)
			}
			// The Japanese request name is replaced by its path's words.
			if len(o.Items) != 1 || !strings.HasPrefix(o.Items[0].Method, "Get") || !strings.Contains(o.Items[0].Method, "Employees") && !strings.Contains(o.Items[0].Method, "Items") {
				t.Errorf("items %+v: want a method named by its path", o.Items)
			}
		})
	}
}

// TestOpenAPIInputIsRecognised: an OpenAPI or Swagger document, YAML or
// JSON, gets an error saying what it is and how to convert it.
func TestOpenAPIInputIsRecognised(t *testing.T) {
	tests := []struct{ name, input, what string }{
		{"OpenAPI YAML", "# Pets API\nopenapi: \"3.0.1\"\ninfo:\n  title: Pets\npaths: {}\n", "an OpenAPI 3.0.1 document"},
		{"OpenAPI YAML with a document marker", "\ufeff---\ninfo:\n  title: Pets\nopenapi: 3.1.0\n", "an OpenAPI 3.1.0 document"},
		{"Swagger YAML", "swagger: '2.0'\ninfo:\n  title: Pets\n", "a Swagger 2.0 document"},
		{"OpenAPI JSON", `{"openapi": "3.0.0", "info": {"title": "Pets"}, "paths": {}}`, "an OpenAPI 3.0.0 document"},
		{"Swagger JSON", `{"swagger": "2.0", "info": {"title": "Pets"}}`, "a Swagger 2.0 document"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := run(t, tt.input, "generate", "-o", t.TempDir(), "-")
			if code != ExitUsage {
				t.Fatalf("exit %d, want %d\n%s", code, ExitUsage, stderr)
			}
			for _, w := range []string{"<stdin>: this is " + tt.what, "postgen reads Postman collections", "openapi2postmanv2 -s openapi.yaml -o collection.json"} {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr lacks %q:\n%s", w, stderr)
				}
			}
			if strings.Contains(stderr, "invalid JSON") {
				t.Errorf("stderr still says invalid JSON:\n%s", stderr)
			}
		})
	}
	// Other YAML is still reported as what it is: not JSON.
	code, _, stderr := run(t, "name: x\nitems: []\n", "generate", "-o", t.TempDir(), "-")
	if code != ExitUsage || !strings.Contains(stderr, "invalid JSON") {
		t.Errorf("plain YAML: exit %d\n%s", code, stderr)
	}
}

// TestChangesCallsADisambiguationRenameBreaking: when a request that held
// a name goes, the one told apart from it takes the plain name, and
// postgen changes says its old name is gone.
func TestChangesCallsADisambiguationRenameBreaking(t *testing.T) {
	dir := t.TempDir()
	old := dir + "/old.json"
	newer := dir + "/new.json"
	head := `{"info":{"name":"Keys","schema":"https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},"item":[{"name":"Keys","item":[`
	list := `{"name":"Fetch keys","request":{"method":"GET","url":"https://api.example.com/keys"}}`
	one := `{"name":"Fetch keys","request":{"method":"GET","url":"https://api.example.com/keys/:sid"}}`
	writeFile(t, old, head+list+","+one+"]}]}")
	writeFile(t, newer, head+one+"]}]}")
	code, stdout, stderr := run(t, "", "changes", old, newer)
	if code != ExitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	for _, w := range []string{"breaking:", "(*KeysService).FetchBySid: removed"} {
		if !strings.Contains(stdout, w) {
			t.Errorf("changes output lacks %q:\n%s", w, stdout)
		}
	}
}
