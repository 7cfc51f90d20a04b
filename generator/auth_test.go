package generator

import (
	"bytes"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/postgen/postgen/model"
	pgparser "github.com/postgen/postgen/parser"
)

var canaryRE = regexp.MustCompile(`CANARY-[A-Za-z0-9-]+`)

// The canary collections hold a unique secret in every credential
// parameter of every auth type, at collection, folder and request level,
// and in variables at every level; none may reach any generated file.
func TestNoCanaryReachesTheSDK(t *testing.T) {
	for _, in := range []string{"../testdata/canary/collection.json", "../testdata/secrets/collection.json"} {
		raw, err := os.ReadFile(in)
		if err != nil {
			t.Fatal(err)
		}
		canaries := canaryRE.FindAllString(string(raw), -1)
		res := generate(t, in)
		for _, f := range res.Files {
			for _, c := range canaries {
				if bytes.Contains(f.Data, []byte(c)) {
					t.Errorf("%s: %s contains %s", in, f.Name, c)
				}
			}
		}
		t.Logf("%s: %d canaries, none in %d generated files", in, len(canaries), len(res.Files))
	}
}

// The canary collection covers every credential parameter the generator
// knows, at folder and request level, and every variable is a canary.
func TestCanaryCoversEveryCredential(t *testing.T) {
	raw, _ := os.ReadFile("../testdata/canary/collection.json")
	res, err := pgparser.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	c := res.Collection
	covered := map[string]bool{} // "level type key"
	note := func(level string, a *model.Auth) {
		if a == nil {
			return
		}
		for _, p := range a.Params {
			if strings.HasPrefix(p.Value, "CANARY-") || strings.HasPrefix(p.Value, "{{") {
				covered[level+" "+a.Type+" "+p.Key] = true
			}
		}
	}
	note("collection", c.Auth)
	for _, f := range c.Folders {
		if f.Auth != nil {
			note("folder", f.Auth)
		}
		for _, r := range f.Requests {
			if r.Auth != f.Auth {
				note("request", r.Auth)
			}
		}
		for _, v := range f.Variables {
			if !strings.HasPrefix(v.Value, "CANARY-") {
				t.Errorf("folder variable %s = %q is not a canary", v.Key, v.Value)
			}
		}
	}
	for typ, at := range authTypes {
		for _, fl := range at.fields {
			if fl.kind != secret {
				continue
			}
			for _, level := range []string{"folder", "request"} {
				if !covered[level+" "+typ+" "+fl.key] {
					t.Errorf("no canary in %s %s.%s", level, typ, fl.key)
				}
			}
		}
	}
	for _, v := range c.Variables {
		if v.Key != "baseUrl" && !strings.HasPrefix(v.Value, "CANARY-") {
			t.Errorf("variable %s = %q is not a canary", v.Key, v.Value)
		}
	}
}

// Each distinct auth is one scheme however many requests repeat it, and a
// noauth request has none.
func TestSchemesAreDeduplicated(t *testing.T) {
	res := generate(t, "../testdata/auth/collection.json")
	var schemes string
	for _, f := range res.Files {
		if f.Name == "auth_schemes.go" {
			schemes = string(f.Data)
		}
	}
	// A04 and V01 declare the same basic auth (both literal), so they
	// share authBasic; P11 (no password) differs.
	if !strings.Contains(schemes, "authBasic is the basic auth of 2 methods") || !strings.Contains(schemes, "var authBasic2 = &sdk.BasicAuth{Username: sdk.NotCopied}") {
		t.Errorf("basic schemes:\n%s", schemes)
	}
	if strings.Count(schemes, "&sdk.BearerAuth{") != 4 { // collection, A03, P09, P10
		t.Errorf("want 4 bearer schemes:\n%s", schemes)
	}
}

func TestFlagTextFollowsPostmansRuntime(t *testing.T) {
	for _, tc := range []struct {
		p    model.AuthParam
		want string
	}{
		{model.AuthParam{Value: "false", Kind: "boolean", Type: "string"}, "true"}, // String(false) is "false", which is truthy (A10)
		{model.AuthParam{Value: "true", Kind: "boolean", Type: "string"}, "true"},
		{model.AuthParam{Value: "false", Kind: "string"}, "true"}, // the text "false" is truthy
		{model.AuthParam{Value: "", Kind: "string"}, "false"},
		{model.AuthParam{Value: "yes", Kind: "string"}, "true"},
		{model.AuthParam{Value: "0", Kind: "number"}, "false"},
		{model.AuthParam{Value: "", Kind: "null"}, "false"},
		{model.AuthParam{Value: "false", Kind: "boolean", Type: "boolean"}, "false"}, // P02, P03
		{model.AuthParam{Value: "", Kind: "null", Type: "string"}, "true"},
		{model.AuthParam{Value: "{{flag}}", Kind: "string"}, "{{flag}}"},
	} {
		if got := flagText(tc.p); got != tc.want {
			t.Errorf("flagText(%+v) = %q, want %q", tc.p, got, tc.want)
		}
	}
}

func TestAuthOwnsTheRowsItReplaces(t *testing.T) {
	apikey := &model.Auth{Type: "apikey", Params: []model.AuthParam{{Key: "key", Value: "X-API-Key"}}}
	apikeyQ := &model.Auth{Type: "apikey", Params: []model.AuthParam{{Key: "key", Value: "api_key"}, {Key: "in", Value: "query"}}}
	mac := &model.Auth{Type: "oauth2", Params: []model.AuthParam{{Key: "tokenType", Value: "MAC"}}}
	for _, tc := range []struct {
		a      *model.Auth
		header string
		query  string
		want   bool
	}{
		{apikey, "x_api_key", "", true},
		{apikey, "X-Api-Key", "", true},
		{apikey, "Authorization", "", false},
		{apikeyQ, "", "api_key", true},
		{apikeyQ, "api_key", "", false},
		{&model.Auth{Type: "bearer"}, "authorization", "", true},
		{&model.Auth{Type: "oauth2"}, "", "access_token", true},
		{mac, "Authorization", "access_token", false},
		{&model.Auth{Type: "awsv4"}, "X-Amz-Date", "X-Amz-Signature", true},
		{&model.Auth{Type: "oauth1"}, "", "oauth_nonce", true},
		{&model.Auth{Type: "noauth"}, "Authorization", "", false},
		{nil, "Authorization", "access_token", false},
	} {
		if tc.header != "" && authOwnsHeader(tc.a, tc.header) != tc.want {
			t.Errorf("authOwnsHeader(%v, %q) = %v", tc.a, tc.header, !tc.want)
		}
		if tc.query != "" && authOwnsQuery(tc.a, tc.query) != tc.want {
			t.Errorf("authOwnsQuery(%v, %q) = %v", tc.a, tc.query, !tc.want)
		}
	}
}

// Comments lose the credentials they repeat; code keeps its bytes.
func TestRedactCommentsTouchesOnlyComments(t *testing.T) {
	src := []byte("package x\n\n// Key: RKCGzna7bv9YD57c, see docs.\nvar k = \"RKCGzna7bv9YD57c\" /* RKCGzna7bv9YD57c */\n")
	got := string(redactComments(src, []string{"RKCGzna7bv9YD57c"}))
	want := "package x\n\n// Key: [credential], see docs.\nvar k = \"RKCGzna7bv9YD57c\" /* [credential] */\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// Folders named like the files every SDK with auth has get other file
// names; others keep their own (the runtime's files are not in the SDK).
func TestFoldersDoNotTakeAuthFileNames(t *testing.T) {
	src := `{"info": {"name": "x", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
	 "auth": {"type": "bearer", "bearer": [{"key": "token", "value": "{{t}}"}]},
	 "item": [{"name": "Auth", "item": [{"name": "a", "request": {"url": "https://x.example/a"}}]},
	          {"name": "Auth Bearer", "item": [{"name": "b", "request": {"url": "https://x.example/b"}}]},
	          {"name": "Auth Schemes", "item": [{"name": "c", "request": {"url": "https://x.example/c"}}]},
	          {"name": "SDK", "item": [{"name": "d", "request": {"url": "https://x.example/d"}}]}]}`
	res, err := pgparser.Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	out, err := Generate(res.Collection, Config{Package: "x"})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range out.Files {
		got = append(got, f.Name)
	}
	for _, want := range []string{"auth.go", "auth_bearer.go", "auth_schemes.go", "auth_schemes_service.go", "sdk.go", "sdk_service.go"} {
		if !contains(got, want) {
			t.Errorf("no %s in %v", want, got)
		}
	}
}
