package runtime

import (
	"context"
	"io"
	"testing"
	"time"
)

// signedRequest builds op's request for origin http://127.0.0.1:8765, the
// probe server of Appendix A, with the clock and nonce fixed.
func signedRequest(t *testing.T, op *operation, vars map[string]string, opts ...Option) (line string, header func(string) string, body string) {
	return signedRequestTo(t, "http://127.0.0.1:8765", op, vars, opts...)
}

// signedRequestTo is signedRequest for another origin (probe 2 used port
// 8766).
func signedRequestTo(t *testing.T, origin string, op *operation, vars map[string]string, opts ...Option) (line string, header func(string) string, body string) {
	t.Helper()
	fixClock(t, time.Date(2026, 11, 26, 22, 57, 47, 0, time.UTC), "7ZVHNjHD")
	c, err := newCore(&clientDefaults{origins: []string{origin}, userAgent: "test"}, opts)
	if err != nil {
		t.Fatal(err)
	}
	c.vars = vars
	req, err := c.newRequest(context.Background(), op, &call{})
	if err != nil {
		t.Fatal(err)
	}
	if req.Body != nil {
		b, _ := io.ReadAll(req.Body)
		body = string(b)
	}
	return req.Method + " " + requestPath(req), req.Header.Get, body
}

// fixClock makes authNow and authNonce return now and nonce for the test.
func fixClock(t *testing.T, now time.Time, nonce string) {
	oldNow, oldNonce := authNow, authNonce
	authNow = func() time.Time { return now }
	authNonce = func(n int) string {
		if n < len(nonce) {
			return nonce[:n]
		}
		return nonce
	}
	t.Cleanup(func() { authNow, authNonce = oldNow, oldNonce })
}

func form(rows ...param) *bodySpec {
	for i := range rows {
		rows[i].in = inForm
	}
	return &bodySpec{mode: bodyURLEncoded, contentType: "application/x-www-form-urlencoded", form: rows}
}

// Appendix C: OAuth 1.0a vectors A09, A10, A10b, P02, P03.
func TestOAuth1MatchesAppendixC(t *testing.T) {
	fixed := func(method string) oauth1Auth {
		return oauth1Auth{consumerKey: "{{ck}}", consumerSecret: "{{cs}}", signatureMethod: method, timestamp: "1700000000", nonce: "abc123", version: "1.0"}
	}
	vars := map[string]string{"ck": "ck", "cs": "cs"}
	for _, tc := range []struct {
		name                      string
		port                      string
		auth                      oauth1Auth
		op                        operation
		opts                      []Option
		wantLine, wantAuth, wantB string
	}{
		{
			name: "A09 header, HMAC-SHA1, query and body signed, realm not",
			auth: func() oauth1Auth {
				a := fixed("HMAC-SHA1")
				a.consumerKey, a.consumerSecret, a.token, a.tokenSecret = notCopied, notCopied, notCopied, notCopied
				a.realm, a.toHeader = "r", "true"
				return a
			}(),
			opts:     []Option{WithOAuth1("ck", "cs", "tk", "ts")},
			op:       operation{method: "POST", path: "/a09", params: []param{q("b", "2"), q("a", "1")}, body: form(param{key: "c", value: "3"})},
			wantLine: "POST /a09?b=2&a=1",
			wantAuth: `OAuth realm="r",oauth_consumer_key="ck",oauth_token="tk",oauth_signature_method="HMAC-SHA1",oauth_timestamp="1700000000",oauth_nonce="abc123",oauth_version="1.0",oauth_signature="n8lmgbhLCIfkUtjakBo0ivCeWj4%3D"`,
			wantB:    "c=3",
		},
		{
			name:     "A10 header, HMAC-SHA256, no token",
			auth:     func() oauth1Auth { a := fixed("HMAC-SHA256"); a.toHeader = "true"; return a }(),
			op:       operation{method: "GET", path: "/a10", params: []param{q("b", "2")}},
			wantLine: "GET /a10?b=2",
			wantAuth: `OAuth oauth_consumer_key="ck",oauth_signature_method="HMAC-SHA256",oauth_timestamp="1700000000",oauth_nonce="abc123",oauth_version="1.0",oauth_signature="oZO4YJTRFKtJIeG7A5UXU0zc6IyxsHV8gj%2B0889DhGg%3D"`,
		},
		{
			name:     "A10b header, PLAINTEXT",
			auth:     func() oauth1Auth { a := fixed("PLAINTEXT"); a.toHeader = "true"; return a }(),
			op:       operation{method: "POST", path: "/a10b", body: form(param{key: "c", value: "3"})},
			wantLine: "POST /a10b",
			wantAuth: `OAuth oauth_consumer_key="ck",oauth_signature_method="PLAINTEXT",oauth_timestamp="1700000000",oauth_nonce="abc123",oauth_version="1.0",oauth_signature="cs%26"`,
			wantB:    "c=3",
		},
		{
			name:     "P02 GET: parameters in the query",
			port:     "8766",
			auth:     fixed("HMAC-SHA1"),
			op:       operation{method: "GET", path: "/p02", params: []param{q("b", "2")}},
			wantLine: "GET /p02?b=2&oauth_consumer_key=ck&oauth_signature_method=HMAC-SHA1&oauth_timestamp=1700000000&oauth_nonce=abc123&oauth_version=1.0&oauth_signature=YwuZl3itmTkFwCLNTW5OWpnznkQ%3D",
		},
		{
			name:     "P03 POST urlencoded: parameters in the body",
			port:     "8766",
			auth:     fixed("HMAC-SHA1"),
			op:       operation{method: "POST", path: "/p03", body: form(param{key: "c", value: "3"})},
			wantLine: "POST /p03",
			wantB:    "c=3&oauth_consumer_key=ck&oauth_signature_method=HMAC-SHA1&oauth_timestamp=1700000000&oauth_nonce=abc123&oauth_version=1.0&oauth_signature=sFC%2FyLOd3vd0ZQo6tCgXLUWBxrw%3D",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := tc.auth
			tc.op.auth = &a
			if tc.port == "" {
				tc.port = "8765"
			}
			line, header, body := signedRequestTo(t, "http://127.0.0.1:"+tc.port, &tc.op, vars, tc.opts...)
			if line != tc.wantLine {
				t.Errorf("line\n got %s\nwant %s", line, tc.wantLine)
			}
			if header("Authorization") != tc.wantAuth {
				t.Errorf("Authorization\n got %s\nwant %s", header("Authorization"), tc.wantAuth)
			}
			if body != tc.wantB {
				t.Errorf("body\n got %s\nwant %s", body, tc.wantB)
			}
		})
	}
}
