package generator

import (
	"strings"
	"testing"

	"github.com/postgen/postgen/model"
)

// baseURLCollection sends GET {{url}}/ping and POST {{url}}/login with a
// {{password}} in its body; vars are the collection's variables.
func baseURLCollection(host string, vars ...model.Variable) *model.Collection {
	return &model.Collection{
		Name:      "base",
		Variables: vars,
		Requests: []*model.Request{
			{Name: "Ping", Path: "item[0]", Method: "GET", URL: model.URL{Host: []string{host}, Path: []string{"ping"}}},
			{Name: "Login", Path: "item[1]", Method: "POST", URL: model.URL{Host: []string{host}, Path: []string{"login"}},
				Body: &model.Body{Mode: "raw", Raw: `{"user": "me", "password": "{{password}}"}`}},
		},
		Order: []model.ItemRef{{Index: 0}, {Index: 1}},
	}
}

func strVar(k, v string) model.Variable { return model.Variable{Key: k, Value: v, Kind: "string"} }

// diagsByCode files a result's diagnostics by code.
func diagsByCode(res *Result) map[model.Code][]model.Diagnostic {
	out := map[model.Code][]model.Diagnostic{}
	for _, d := range res.Diagnostics {
		out[d.Code] = append(out[d.Code], d)
	}
	return out
}

func fileText(t *testing.T, res *Result, name string) string {
	t.Helper()
	for _, f := range res.Files {
		if f.Name == name {
			return string(f.Data)
		}
	}
	t.Fatalf("no file %s", name)
	return ""
}

// TestUndefinedBaseURL: a base URL variable nothing defines is one
// warning that says WithBaseURL (not WithVariable), gone when postgen.yaml
// gives the base URL; the quick start and the Examples set a placeholder
// base URL, marked as one, so that they have somewhere to send.
func TestUndefinedBaseURL(t *testing.T) {
	res, err := Generate(baseURLCollection("{{url}}"), Config{Package: "base"})
	if err != nil {
		t.Fatal(err)
	}
	by := diagsByCode(res)
	if ds := by[model.CodeUndefinedBaseURL]; len(ds) != 1 || ds[0].Severity != model.Warning || !strings.Contains(ds[0].Message, "WithBaseURL") ||
		strings.Contains(ds[0].Message, "WithVariable") || ds[0].Path != "item[0].request.url.host" {
		t.Errorf("undefined-base-url: %v", ds)
	}
	for _, d := range res.Diagnostics {
		if strings.Contains(d.Message, `"url"`) && d.Code != model.CodeUndefinedBaseURL {
			t.Errorf("a second message about {{url}}: %s", d)
		}
	}
	// A credential nobody defines is set at run time: a note.
	if ds := by[model.CodeUndefinedCredential]; len(ds) != 1 || ds[0].Severity != model.Note || !strings.Contains(ds[0].Message, `"password"`) {
		t.Errorf("undefined-credential: %v", ds)
	}
	placeholder := `base.NewClient(base.WithBaseURL("https://api.example.com")) // placeholder`
	if doc := fileText(t, res, "doc.go"); !strings.Contains(doc, placeholder) {
		t.Errorf("the quick start sets no base URL:\n%s", doc)
	}
	if ex := fileText(t, res, "example_test.go"); !strings.Contains(ex, `NewClient(WithBaseURL("https://api.example.com")) // placeholder`) {
		t.Errorf("the Examples set no base URL:\n%s", ex)
	}

	res, err = Generate(baseURLCollection("{{url}}"), Config{Package: "base", BaseURL: "https://eu.example.com"})
	if err != nil {
		t.Fatal(err)
	}
	by = diagsByCode(res)
	if len(by[model.CodeUndefinedBaseURL])+len(by[model.CodeUndefinedVariable])+len(by[model.CodeBaseURLChoice]) != 0 {
		t.Errorf("postgen.yaml sets the base URL, yet: %v", res.Diagnostics)
	}
	if doc := fileText(t, res, "doc.go"); strings.Contains(doc, "api.example.com") || !strings.Contains(doc, "c, err := base.NewClient()") {
		t.Errorf("with a base URL the quick start needs no placeholder:\n%s", doc)
	}
}

// TestAlternativeBaseURLs: variables that hold other deployments' base
// URLs (prod_url, testnet_url) become BaseURL<Name> constants, and the
// quick start picks the first; variables of other URLs do not.
func TestAlternativeBaseURLs(t *testing.T) {
	tests := []struct {
		name   string
		host   string
		vars   []model.Variable
		consts []string
		code   model.Code
	}{
		{"binance", "{{url}}", []model.Variable{strVar("prod_url", "https://api.binance.com"), strVar("testnet_url", "https://testnet.binance.vision/"),
			strVar("AuthURL", "https://auth.example.com/oauth2/auth"), strVar("callback_url", "https://localhost:3434/cb"), strVar("demo_url", "not a URL")},
			[]string{"BaseURLProd=https://api.binance.com", "BaseURLTestnet=https://testnet.binance.vision"}, model.CodeBaseURLChoice},
		{"the base variable's name", "{{baseUrl}}", []model.Variable{strVar("baseUrl", "https://api.example.com"), strVar("sandboxBaseUrl", "https://sandbox.example.com")},
			[]string{"BaseURLSandbox=https://sandbox.example.com"}, ""},
		{"a literal base URL", "https://api.example.com", []model.Variable{strVar("sandbox_url", "https://sandbox.example.com"), strVar("token_url", "https://auth.example.com")},
			[]string{"BaseURLSandbox=https://sandbox.example.com"}, ""},
		{"used by a request", "{{prod_url}}", []model.Variable{strVar("prod_url", "https://api.example.com")}, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := planWithConsts(t, baseURLCollection(tt.host, tt.vars...), Config{Package: "base"}, tt.consts)
			for _, d := range p.diags {
				if d.Code == model.CodeUndefinedBaseURL || d.Code == model.CodeBaseURLChoice {
					if d.Code != tt.code {
						t.Errorf("%s", d)
					}
					if !strings.Contains(d.Message, "WithBaseURL(BaseURLProd | BaseURLTestnet)") || d.Severity != model.Note {
						t.Errorf("the base URL note does not offer the constants: %s", d)
					}
				}
			}
		})
	}
	res, err := Generate(baseURLCollection("{{url}}", strVar("prod_url", "https://api.binance.com")), Config{Package: "base"})
	if err != nil {
		t.Fatal(err)
	}
	if doc := fileText(t, res, "doc.go"); !strings.Contains(doc, "c, err := base.NewClient(base.WithBaseURL(base.BaseURLProd))") ||
		!strings.Contains(strings.ReplaceAll(doc, "\n// ", " "), "pass [WithBaseURL] to NewClient with one of [BaseURLProd].") {
		t.Errorf("the quick start does not use BaseURLProd:\n%s", doc)
	}
	if client := fileText(t, res, "client.go"); !strings.Contains(client, `BaseURLProd = "https://api.binance.com"`) ||
		!strings.Contains(client, "BaseURLProd is the base URL the collection variable {{prod_url}} holds.") {
		t.Errorf("client.go lacks BaseURLProd:\n%s", client)
	}
}

// planWithConsts plans c and checks its BaseURL constants
// ("BaseURLProd=https://...").
func planWithConsts(t *testing.T, c *model.Collection, cfg Config, want []string) *plan {
	t.Helper()
	p, err := newPlan(c, cfg)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range p.envURLs {
		got = append(got, e.name+"="+e.url)
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("constants %v, want %v", got, want)
	}
	return p
}
