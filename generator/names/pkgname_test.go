package names

import (
	"go/parser"
	"go/token"
	"strings"
	"testing"
)

func TestPackageName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"NEON APIs", "neonapis"},
		{"Twilio REST API", "twiliorestapi"},
		{"Microsoft Graph", "microsoftgraph"},
		{"获取", ""},
		{"", ""},
		{"🚀", ""},
		{"123", ""},
		{"2fa setup", "fasetup"},
		{"3D Secure", "dsecure"},
		{"my_sdk", "mysdk"},
		{"my-sdk", "mysdk"},
		{"GitHub v3 REST API", "githubv3restapi"},
		{"Créer", "creer"},
		{"Adyen Management API (v3)", "adyenmanagementapiv3"},
		{"商城 Mall Portal", "mallportal"},
		{"Go", "goapi"},
		{"type", "typeapi"},
		{"main", "mainapi"},
		{"Main", "mainapi"},
		{"init", "initapi"},
		{"string", "stringapi"},
		{"error", "errorapi"},
		{"http", "http"},
		{"Vendor", "vendorapi"},
		{"testdata", "testdataapi"},
		{"Internal", "internalapi"},
		{"Internal API", "internalapi"},
		{"internals", "internals"},
		{strings.Repeat("ab", 50), strings.Repeat("ab", 32)},
	}
	for _, tt := range tests {
		got := PackageName(tt.in)
		if got != tt.want {
			t.Errorf("PackageName(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if got == "" {
			continue
		}
		if err := CheckPackageName(got); err != nil {
			t.Errorf("PackageName(%q) = %q fails CheckPackageName: %v", tt.in, got, err)
		}
		if _, err := parser.ParseFile(token.NewFileSet(), "x.go", "package "+got+"\n", 0); err != nil {
			t.Errorf("PackageName(%q) = %q does not parse as a package clause: %v", tt.in, got, err)
		}
	}
}

func TestCheckPackageName(t *testing.T) {
	tests := []struct {
		in   string
		want string // substring of the error; "" means no error
	}{
		{"neonapis", ""},
		{"v2", ""},
		{"http", ""},
		{"x", ""},
		{"", "package name is empty"},
		{"NeonAPI", `"NeonAPI" has upper-case letters; Go package names are lower case (try "neonapi")`},
		{"neon_api", `"neon_api" has an underscore; Go package names are one lower-case word (try "neonapi")`},
		{"neon-api", `"neon-api" is not a Go identifier`},
		{"neon api", `(try "neonapi")`},
		{"2fa", `"2fa" is not a Go identifier: it must start with a letter`},
		{"café", `"café" has non-ASCII characters`},
		{"\xff", "has non-ASCII characters"},
		{"type", `"type" is a Go keyword (try "typeapi")`},
		{"go", `"go" is a Go keyword`},
		{"main", `"main" is reserved for commands`},
		{"init", `"init" cannot be imported`},
		{"string", `"string" is a predeclared Go identifier`},
		{"nil", "is a predeclared Go identifier"},
		{"_", "has an underscore"},
		{"获取", `"获取" has non-ASCII characters; Go package names should be plain ASCII`},
	}
	for _, tt := range tests {
		err := CheckPackageName(tt.in)
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("CheckPackageName(%q) = %v, want nil", tt.in, err)
		case tt.want != "" && err == nil:
			t.Errorf("CheckPackageName(%q) = nil, want an error containing %q", tt.in, tt.want)
		case tt.want != "" && !strings.Contains(err.Error(), tt.want):
			t.Errorf("CheckPackageName(%q) = %q, want it to contain %q", tt.in, err, tt.want)
		}
	}
	// No suggestion when PackageName has nothing to offer.
	if err := CheckPackageName("获取"); err == nil || strings.Contains(err.Error(), "try") {
		t.Errorf("CheckPackageName(%q) = %v, want an error without a suggestion", "获取", err)
	}
}

func TestHostPackageName(t *testing.T) {
	for host, want := range map[string]string{
		"api.freee.co.jp":      "freee",
		"graph.microsoft.com":  "microsoft",
		"api.example.com:8443": "example",
		"www.googleapis.com":   "googleapis",
		"localhost":            "localhost",
		"127.0.0.1":            "",
		"{{baseUrl}}":          "",
		"api.com":              "",
		"":                     "",
		"go.dev":               "goapi",
	} {
		if got := HostPackageName(host); got != want {
			t.Errorf("HostPackageName(%q) = %q, want %q", host, got, want)
		}
	}
}
