package sdk

import (
	"context"
	"errors"
	"strings"
	"testing"
)

// authCase is one request of Appendix A with its auth: the operation, the
// options the SDK user passes for the credentials the generator did not
// copy, and the request line and headers newman sent.
type authCase struct {
	name   string
	op     Operation
	vars   map[string]string
	opts   []Option
	line   string            // the request line
	header map[string]string // headers that must be there ("" = absent)
	body   string
}

func runAuthCases(t *testing.T, cases []authCase) {
	t.Helper()
	srv := newCaptureServer(t)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, err := NewCore(&Defaults{UserAgent: "test"}, tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			c.vars = tc.vars
			got := srv.roundTrip(t, c, &tc.op, Call{})
			if tc.line != "" && got.line != tc.line {
				t.Errorf("request line\n got %s\nwant %s", got.line, tc.line)
			}
			for k, want := range tc.header {
				vals := got.header.Values(k)
				if want == "" && len(vals) > 0 {
					t.Errorf("%s: %q, want none", k, vals)
				}
				if want != "" && (len(vals) != 1 || vals[0] != want) {
					t.Errorf("%s:\n got %q\nwant %q", k, vals, want)
				}
			}
			if tc.body != "" && got.body != tc.body {
				t.Errorf("body\n got %q\nwant %q", got.body, tc.body)
			}
		})
	}
}

func TestSimpleAuthMatchesNewman(t *testing.T) {
	runAuthCases(t, []authCase{
		{
			name: "A01 apikey header replaces headers named alike",
			op: Operation{Method: "GET", Path: "/a01", Params: []Param{hdr("X-Api-Key", "user-set"), hdr("x_api_key", "collides")},
				Auth: &APIKeyAuth{Key: "X-API-Key", Value: "{{apiKey}}", In: "header"}},
			vars:   map[string]string{"apiKey": "secret-key"},
			line:   "GET /a01 HTTP/1.1",
			header: map[string]string{"X-Api-Key": "secret-key", "X_api_key": ""},
		},
		{
			name: "A02 apikey query moves to the end, encoded",
			op:   Operation{Method: "GET", Path: "/a02", Params: []Param{q("api_key", "old"), q("z", "1")}, Auth: &APIKeyAuth{Key: "api_key", Value: NotCopied, In: "query"}},
			opts: []Option{WithAPIKey("k&v w")},
			line: "GET /a02?z=1&api_key=k%26v%20w HTTP/1.1",
		},
		{
			name:   "A03 bearer",
			op:     Operation{Method: "GET", Path: "/a03", Auth: &BearerAuth{Token: NotCopied}},
			opts:   []Option{WithBearerToken("tok123")},
			header: map[string]string{"Authorization": "Bearer tok123"},
		},
		{
			name:   "A04 basic replaces the user's Authorization",
			op:     Operation{Method: "GET", Path: "/a04", Params: []Param{hdr("authorization", "should-be-replaced")}, Auth: &BasicAuth{Username: NotCopied, Password: NotCopied}},
			opts:   []Option{WithBasicAuth("user", "p@ss:w ü")},
			header: map[string]string{"Authorization": "Basic dXNlcjpwQHNzOncgw7w="},
		},
		{
			name:   "P11 basic without password",
			op:     Operation{Method: "GET", Path: "/p11", Auth: &BasicAuth{Username: "{{u}}"}},
			vars:   map[string]string{"u": "u"},
			header: map[string]string{"Authorization": "Basic dTo="},
		},
		{
			name:   "V01 basic from v2.0 object params",
			op:     Operation{Method: "GET", Path: "/v01", Auth: &BasicAuth{Username: "{{u}}", Password: "{{p}}"}},
			vars:   map[string]string{"u": "u2", "p": "p2"},
			header: map[string]string{"Authorization": "Basic dTI6cDI="},
		},
		{
			name: "V02 apikey query from v2.0 object params",
			op:   Operation{Method: "GET", Path: "/v02", Auth: &APIKeyAuth{Key: "k", Value: NotCopied, In: "query"}},
			opts: []Option{WithAPIKey("v")},
			line: "GET /v02?k=v HTTP/1.1",
		},
		{
			name:   "P20 apikey without a key name sends no header",
			op:     Operation{Method: "GET", Path: "/p20", Auth: &APIKeyAuth{Value: NotCopied}},
			opts:   []Option{WithAPIKey("vv")},
			line:   "GET /p20 HTTP/1.1",
			header: map[string]string{"Authorization": ""},
		},
	})
}

// A credential that is neither set by its option nor by the variable the
// collection names is an error naming both; nothing is sent.
func TestUnsetCredentialIsAnAuthError(t *testing.T) {
	for _, tc := range []struct {
		auth Authorizer
		want string
	}{
		{&BearerAuth{Token: "{{AUTH_TOKEN}}"}, `bearer auth: token is not set: use WithBearerToken or WithVariable("AUTH_TOKEN", value)`},
		{&BearerAuth{Token: NotCopied}, `bearer auth: token is not set (the collection's value is not copied into the SDK): use WithBearerToken`},
		{&BearerAuth{}, `use WithBearerToken`},
		{&BasicAuth{Username: NotCopied}, `basic auth: username is not set`},
		{&APIKeyAuth{Key: "X-Key"}, `use WithAPIKey`},
	} {
		c, _ := NewCore(&Defaults{Origins: []string{"http://127.0.0.1:1"}}, nil)
		_, err := SendNoResult(context.Background(), c, &Operation{Name: "Svc.Op", Method: "GET", Auth: tc.auth}, Call{})
		var ae *AuthError
		if !errors.As(err, &ae) || !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), "Svc.Op: ") {
			t.Errorf("%T: err = %v, want an *AuthError with %q", tc.auth, err, tc.want)
		}
	}
}

func TestLowerWordsIsLodashLowerCase(t *testing.T) {
	for in, want := range map[string]string{
		"X-API-Key": "x api key", "X-Api-Key": "x api key", "x_api_key": "x api key", "apiKey": "api key",
		"XMLHttpRequest": "xml http request", "key2go": "key 2 go", "  --a  b": "a b",
	} {
		if got := lowerWords(in); got != want {
			t.Errorf("lowerWords(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestTruthyReadsFlagsByTheirText(t *testing.T) {
	for in, want := range map[string]bool{"true": true, "false": false, "": false, "0": false, "1": true, "FALSE": false, "yes": true} {
		if truthy(in) != want {
			t.Errorf("truthy(%q) = %v", in, !want)
		}
	}
}
