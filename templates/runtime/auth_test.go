package runtime

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
	op     operation
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
			c, err := newCore(&clientDefaults{userAgent: "test"}, tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			c.vars = tc.vars
			got := srv.roundTrip(t, c, &tc.op, call{})
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
			op: operation{method: "GET", path: "/a01", params: []param{hdr("X-Api-Key", "user-set"), hdr("x_api_key", "collides")},
				auth: &apikeyAuth{key: "X-API-Key", value: "{{apiKey}}", in: "header"}},
			vars:   map[string]string{"apiKey": "secret-key"},
			line:   "GET /a01 HTTP/1.1",
			header: map[string]string{"X-Api-Key": "secret-key", "X_api_key": ""},
		},
		{
			name: "A02 apikey query moves to the end, encoded",
			op:   operation{method: "GET", path: "/a02", params: []param{q("api_key", "old"), q("z", "1")}, auth: &apikeyAuth{key: "api_key", value: notCopied, in: "query"}},
			opts: []Option{WithAPIKey("k&v w")},
			line: "GET /a02?z=1&api_key=k%26v%20w HTTP/1.1",
		},
		{
			name:   "A03 bearer",
			op:     operation{method: "GET", path: "/a03", auth: &bearerAuth{token: notCopied}},
			opts:   []Option{WithBearerToken("tok123")},
			header: map[string]string{"Authorization": "Bearer tok123"},
		},
		{
			name:   "A04 basic replaces the user's Authorization",
			op:     operation{method: "GET", path: "/a04", params: []param{hdr("authorization", "should-be-replaced")}, auth: &basicAuth{username: notCopied, password: notCopied}},
			opts:   []Option{WithBasicAuth("user", "p@ss:w ü")},
			header: map[string]string{"Authorization": "Basic dXNlcjpwQHNzOncgw7w="},
		},
		{
			name:   "P11 basic without password",
			op:     operation{method: "GET", path: "/p11", auth: &basicAuth{username: "{{u}}"}},
			vars:   map[string]string{"u": "u"},
			header: map[string]string{"Authorization": "Basic dTo="},
		},
		{
			name:   "V01 basic from v2.0 object params",
			op:     operation{method: "GET", path: "/v01", auth: &basicAuth{username: "{{u}}", password: "{{p}}"}},
			vars:   map[string]string{"u": "u2", "p": "p2"},
			header: map[string]string{"Authorization": "Basic dTI6cDI="},
		},
		{
			name: "V02 apikey query from v2.0 object params",
			op:   operation{method: "GET", path: "/v02", auth: &apikeyAuth{key: "k", value: notCopied, in: "query"}},
			opts: []Option{WithAPIKey("v")},
			line: "GET /v02?k=v HTTP/1.1",
		},
		{
			name:   "P20 apikey without a key name sends no header",
			op:     operation{method: "GET", path: "/p20", auth: &apikeyAuth{value: notCopied}},
			opts:   []Option{WithAPIKey("vv")},
			line:   "GET /p20 HTTP/1.1",
			header: map[string]string{"Authorization": ""},
		},
		{
			name:   "A05 oauth2 header default",
			op:     operation{method: "GET", path: "/a05", auth: &oauth2Auth{accessToken: "{{tok}}", tokenType: "Bearer", addTokenTo: "header", headerPrefix: "Bearer"}},
			vars:   map[string]string{"tok": "at-1"},
			header: map[string]string{"Authorization": "Bearer at-1"},
		},
		{
			name:   "A06 oauth2 headerPrefix",
			op:     operation{method: "GET", path: "/a06", auth: &oauth2Auth{accessToken: "{{tok}}", headerPrefix: "Token"}},
			vars:   map[string]string{"tok": "at-2"},
			header: map[string]string{"Authorization": "Token at-2"},
		},
		{
			name:   "A07 oauth2 query replaces access_token",
			op:     operation{method: "GET", path: "/a07", params: []param{q("access_token", "old")}, auth: &oauth2Auth{accessToken: "{{tok}}", addTokenTo: "queryParams", headerPrefix: "Bearer"}},
			vars:   map[string]string{"tok": "at 3"},
			line:   "GET /a07?access_token=at%203 HTTP/1.1",
			header: map[string]string{"Authorization": ""},
		},
		{
			name:   "P12 oauth2 mac token sends nothing",
			op:     operation{method: "GET", path: "/p12", auth: &oauth2Auth{accessToken: "{{tok}}", tokenType: "mac", headerPrefix: "Bearer"}},
			vars:   map[string]string{"tok": "x"},
			header: map[string]string{"Authorization": ""},
		},
		{
			name:   "P13 oauth2 empty headerPrefix sends the bare token",
			op:     operation{method: "GET", path: "/p13", auth: &oauth2Auth{accessToken: "{{tok}}"}},
			vars:   map[string]string{"tok": "x"},
			header: map[string]string{"Authorization": "x"},
		},
	})
}

// A credential that is neither set by its option nor by the variable the
// collection names is an error naming both; nothing is sent.
func TestUnsetCredentialIsAnAuthError(t *testing.T) {
	for _, tc := range []struct {
		auth authorizer
		want string
	}{
		{&bearerAuth{token: "{{AUTH_TOKEN}}"}, `bearer auth: token is not set: use WithBearerToken or WithVariable("AUTH_TOKEN", value)`},
		{&bearerAuth{token: notCopied}, `bearer auth: token is not set (the collection's value is not copied into the SDK): use WithBearerToken`},
		{&bearerAuth{}, `use WithBearerToken`},
		{&basicAuth{username: notCopied}, `basic auth: username is not set`},
		{&apikeyAuth{key: "X-Key"}, `use WithAPIKey`},
		{&oauth2Auth{accessToken: "{{tok}}"}, `oauth2 auth: accessToken is not set: use WithTokenSource or WithVariable("tok", value)`},
	} {
		c, _ := newCore(&clientDefaults{origins: []string{"http://127.0.0.1:1"}}, nil)
		_, err := sendNoResult(context.Background(), c, &operation{name: "Svc.Op", method: "GET", auth: tc.auth}, call{})
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
