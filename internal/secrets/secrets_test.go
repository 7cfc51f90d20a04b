package secrets

import (
	"strings"
	"testing"
)

func TestName(t *testing.T) {
	yes := []string{
		"password", "Password", "pass", "pwd", "X-Api-Key", "apiKey", "api_key", "access_token", "refresh_token",
		"client_secret", "clientSecret", "appid", "APPID", "client_key", "DD-APPLICATION-KEY", "x-master-key",
		"Authorization", "Cookie", "session_id", "X-Auth-Token", "code_verifier", "pin", "Ocp-Apim-Subscription-Key",
		"consumer_key", "x-functions-key", "private_key", "signature", "jwt", "passphrase",
	}
	no := []string{
		"username", "page_token", "next_token", "max_tokens", "token_type", "completion_tokens", "limit", "id",
		"app_id", "code", "name", "description", "redirect_uri", "auth_url", "expires_in", "cursor", "keyword",
		"key", "monkey", "passenger", "passport_country", "token_endpoint", "password_policy",
	}
	for _, n := range yes {
		if !Name(n) {
			t.Errorf("Name(%q) = false, want true", n)
		}
	}
	for _, n := range no {
		if Name(n) {
			t.Errorf("Name(%q) = true, want false", n)
		}
	}
	if !OAuthName("code") || Name("code") {
		t.Error("code is a credential in OAuth requests only")
	}
}

func TestValue(t *testing.T) {
	yes := []string{
		"sk_live_4eC39HqLyjWDarjtT1zdp7dc", "rk_test_51H8aZbCdEfGhIjKlMnOp", "ghp_16C7e42F292c6912E7710c838347Ae178B4a",
		"github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz", "xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy",
		"xoxp-123456789012-abcdefghijkl", "AKIAIOSFODNN7EXAMPLE", "AIzaSyDaGmWKa4JsXZ-HjGw7ISLn_3namBGewQe",
		"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
		"Bearer 4f2a9c1e7b3d8f6a0c5e", "Basic dXNlcjpwYXNzd29yZA==", "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----",
		"PMAK-0123456789abcdef01234567-0123456789abcdef0123456789abcdef01", "glpat-abcdefghij0123456789",
		"sk-proj-abcdefghijklmnopqrstuvwxyz0123456789AB",
	}
	no := []string{
		"", "Bearer {{token}}", "{{apiKey}}", "hello world", "application/json", "Basic", "2024-01-01",
		"AKIA", "ghp_short", "basic authentication required", "sk_live_", "Bearer",
	}
	for _, v := range yes {
		if !Value(v) {
			t.Errorf("Value(%q) = false, want true", v)
		}
	}
	for _, v := range no {
		if Value(v) {
			t.Errorf("Value(%q) = true, want false", v)
		}
	}
}

// found returns the texts of the spans InText finds.
func found(text string, oauth bool) []string {
	var out []string
	for _, s := range InText(text, oauth) {
		out = append(out, text[s.Start:s.End])
	}
	return out
}

func TestInText(t *testing.T) {
	cases := []struct {
		name, text string
		oauth      bool
		want       []string
	}{
		{"json", `{"user": "ada", "password": "S3cr3t!", "nested": {"apiKey": "k-123"}, "pin": 4321, "token": null}`, false, []string{"S3cr3t!", "k-123", "4321"}},
		{"json refs", `{"password": "{{password}}", "auth": "Bearer {{token}}"}`, false, nil},
		{"json bearer value", `{"header": "Bearer 4f2a9c1e7b3d8f6a0c5e"}`, false, []string{"4f2a9c1e7b3d8f6a0c5e"}},
		{"form", `grant_type=password&username=ada&password=hunter22&client_secret=abc%2Fdef`, false, []string{"hunter22", "abc%2Fdef"}},
		{"form oauth code", `grant_type=authorization_code&code=SplxlOBeZQQYbYS6WxSbIA&redirect_uri=x`, true, []string{"SplxlOBeZQQYbYS6WxSbIA"}},
		{"form code without oauth", `code=200&name=x`, false, nil},
		{"xml", `<login><username>ada</username><password>p@ss w0rd</password><wsse:Password Type="t">s3</wsse:Password></login>`, false, []string{"p@ss w0rd", "s3"}},
		{"xml attribute", `<auth user="ada" password="hunter22"/>`, false, []string{"hunter22"}},
		{"graphql", "mutation {\n  login(email: \"a@b.c\", password: \"hunter22\") { token }\n}", false, []string{"hunter22"}},
		{"graphql variables", "mutation L($password: String!) {\n  login(password: $password, token: \"t0ken99\")\n}", false, []string{"t0ken99"}},
		{"text lines", "username: ada\npassword: hunter22\nAuthorization: Bearer abcdef0123456789xyz\n", false, []string{"hunter22", "Bearer abcdef0123456789xyz"}},
		{"userinfo", `{"url": "https://ada:hunter22@api.example.com/v1"}`, false, []string{"ada:hunter22"}},
		{"userinfo refs", `https://{{user}}:{{pass}}@api.example.com`, false, nil},
		{"query in url", `see https://api.example.com/x?api_key=abc123&page=2`, false, []string{"abc123"}},
		{"token in prose", `Use sk_live_4eC39HqLyjWDarjtT1zdp7dc to test.`, false, []string{"sk_live_4eC39HqLyjWDarjtT1zdp7dc"}},
		{"url scheme", `token://host/path`, false, nil},
		{"no secrets", `{"id": 42, "name": "Ada", "max_tokens": 100, "next_token": "abc"}`, false, nil},
	}
	for _, c := range cases {
		got := found(c.text, c.oauth)
		if strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("%s: InText(%q) = %q, want %q", c.name, c.text, got, c.want)
		}
	}
}

func TestInProse(t *testing.T) {
	text := "Password: at least 8 characters. Send api_key=Zx81Kq9 or the key CANARYvalue123 we gave you; AKIAIOSFODNN7EXAMPLE is AWS's."
	var got []string
	for _, s := range InProse(text, []string{"CANARYvalue123", "ab"}) {
		got = append(got, text[s.Start:s.End])
	}
	want := []string{"Zx81Kq9", "CANARYvalue123", "AKIAIOSFODNN7EXAMPLE"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("InProse = %q, want %q", got, want)
	}
}

func TestReplace(t *testing.T) {
	text := `{"password": "hunter22", "token": "t0k3n-abc"}`
	got := Replace(text, InText(text, false), func(s Span) string { return "{{" + s.Key + "}}" })
	if want := `{"password": "{{password}}", "token": "{{token}}"}`; got != want {
		t.Errorf("Replace = %s, want %s", got, want)
	}
}

// TestTemplateValues: a bare {{variable}} in a raw JSON template is not a
// literal (its closing braces used to end the value, leaving "{{key" to
// scrub), nor is a type name a converter wrote as the sample.
func TestTemplateValues(t *testing.T) {
	for _, text := range []string{
		"[\r\n\t{\r\n\t\t\"webhookKey\": {{webhookKey}}\r\n\t}\r\n]",
		`{"accountKey": "string", "password": "<string>"}`,
		`token={{a}}{{b}}&x=1`,
	} {
		if spans := InText(text, false); len(spans) != 0 {
			t.Errorf("InText(%q) = %v, want no literal", text, spans)
		}
	}
	if spans := InText(`{"webhookKey": {{a}}x9Secret}`, false); len(spans) != 1 {
		t.Errorf("a literal after a reference: spans %v, want one", spans)
	}
}

// TestTemplate: a label around {{variables}} is a template; a literal
// credential beside a reference is not.
func TestTemplate(t *testing.T) {
	for s, want := range map[string]bool{
		"Api-Token {{DT_TOKEN}}":                 true,
		"{{user}}:{{pass}}":                      true,
		"Bearer {{token}}":                       true,
		"{{user}}:s3cr3tPassw0rd42":              false,
		"Api-Token dt0c01.ABCDEF123456":          false,
		"no reference":                           false,
		"{{unclosed":                             false,
		"key {{a}} sk_live_0123456789abcdefghij": false,
	} {
		if got := Template(s); got != want {
			t.Errorf("Template(%q) = %v, want %v", s, got, want)
		}
	}
}
