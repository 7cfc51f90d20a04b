package auth

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"golang.org/x/oauth2"

	"github.com/postgen/postgen/internal/authclock"
	"github.com/postgen/postgen/internal/ntlm"
	_ "github.com/postgen/postgen/internal/testflag"
)

// These tests send each request of testdata/auth (Appendix A of
// POSTMAN-FORMAT.md) through the generated SDK and compare what goes on
// the wire with what newman sent. The transport records requests instead
// of sending them, so the host is the probe's 127.0.0.1:8765, which the
// OAuth 1, Hawk, AWS and EdgeGrid signatures cover. The clock and nonces
// are fixed to the captured ones. A collection's query values, form
// fields and bodies are samples the SDK sends only when asked, so each call
// passes them, as the method's Example does, to send newman's request.

// wire records requests and answers them with reply (200 {} by default).
type wire struct {
	reqs   []*http.Request
	bodies []string
	reply  func(r *http.Request) *http.Response
}

func (w *wire) RoundTrip(r *http.Request) (*http.Response, error) {
	body := ""
	if r.Body != nil {
		b, _ := io.ReadAll(r.Body)
		body = string(b)
	}
	w.reqs = append(w.reqs, r)
	w.bodies = append(w.bodies, body)
	if w.reply != nil {
		if resp := w.reply(r); resp != nil {
			return resp, nil
		}
	}
	return respond(r, 200, nil), nil
}

func respond(r *http.Request, status int, h http.Header) *http.Response {
	if h == nil {
		h = http.Header{}
	}
	return &http.Response{StatusCode: status, Status: http.StatusText(status), Header: h, Body: io.NopCloser(strings.NewReader("{}")), Request: r}
}

// newClient returns a client for the probe's origin that records into w.
func newClient(t *testing.T, w *wire, opts ...Option) *Client {
	t.Helper()
	now, nonce := authclock.Now, authclock.Nonce
	authclock.Now = func() time.Time { return time.Date(2026, 11, 26, 22, 57, 47, 0, time.UTC) }
	authclock.Nonce = func(n int) string { return "7ZVHNjHD"[:min(n, 8)] }
	t.Cleanup(func() { authclock.Now, authclock.Nonce = now, nonce })
	c, err := NewClient(append([]Option{WithBaseURL("http://127.0.0.1:8765"), WithHTTPClient(&http.Client{Transport: w})}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func static(token string) Option {
	return WithTokenSource(oauth2.StaticTokenSource(&oauth2.Token{AccessToken: token}))
}

// want is what newman sent: the request line, headers that must have
// exactly one value ("" = must be absent), and the body when set.
type want struct {
	line   string
	header map[string]string
	body   string
}

func check(t *testing.T, w *wire, i int, want want) {
	t.Helper()
	if i >= len(w.reqs) {
		t.Fatalf("only %d requests sent", len(w.reqs))
	}
	r := w.reqs[i]
	if want.line != "" {
		if got := r.Method + " " + r.URL.RequestURI(); got != want.line {
			t.Errorf("request line\n got %s\nwant %s", got, want.line)
		}
	}
	for k, v := range want.header {
		var got []string
		for name, vals := range r.Header {
			if strings.EqualFold(name, k) {
				got = append(got, vals...)
			}
		}
		if v == "" && len(got) > 0 || v != "" && (len(got) != 1 || got[0] != v) {
			t.Errorf("%s\n got %q\nwant %q", k, got, v)
		}
	}
	if want.body != "" && w.bodies[i] != want.body {
		t.Errorf("body\n got %q\nwant %q", w.bodies[i], want.body)
	}
}

func TestAuthTypesSendWhatNewmanSent(t *testing.T) {
	ctx := context.Background()
	type call func(c *Client) error
	ignore := func(_ []byte, _ *Response, err error) error { return err }
	for _, tc := range []struct {
		name string
		opts []Option
		call call
		want want
	}{
		{"A01 apikey header replaces the headers named alike", []Option{WithVariable("apiKey", "secret-key")},
			func(c *Client) error { return ignore(c.Types.A01ApikeyHeader(ctx)) },
			want{line: "GET /a01", header: map[string]string{"X-API-Key": "secret-key", "x_api_key": ""}}},
		{"A02 apikey query", []Option{WithAPIKey("k&v w")},
			func(c *Client) error { return ignore(c.Types.A02ApikeyQuery(ctx, &TypesA02ApikeyQueryParams{Z: 1})) },
			want{line: "GET /a02?z=1&api_key=k%26v%20w"}},
		{"A03 bearer", []Option{WithBearerToken("tok123")},
			func(c *Client) error { return ignore(c.Types.A03Bearer(ctx)) },
			want{header: map[string]string{"Authorization": "Bearer tok123"}}},
		{"A04 basic replaces the user's Authorization", []Option{WithBasicAuth("user", "p@ss:w ü")},
			func(c *Client) error { return ignore(c.Types.A04Basic(ctx)) },
			want{header: map[string]string{"Authorization": "Basic dXNlcjpwQHNzOncgw7w="}}},
		{"A05 oauth2 header default", []Option{static("at-1")},
			func(c *Client) error { return ignore(c.Types.A05OAuth2HeaderDefault(ctx)) },
			want{header: map[string]string{"Authorization": "Bearer at-1"}}},
		{"A06 oauth2 headerPrefix", []Option{WithVariable("a06Token", "at-2")},
			func(c *Client) error { return ignore(c.Types.A06OAuth2HeaderPrefix(ctx)) },
			want{header: map[string]string{"Authorization": "Token at-2"}}},
		{"A07 oauth2 in the query replaces access_token", []Option{static("at 3")},
			func(c *Client) error { return ignore(c.Types.A07OAuth2QueryParams(ctx)) },
			want{line: "GET /a07?access_token=at%203", header: map[string]string{"Authorization": ""}}},
		{"A09 oauth1 header, HMAC-SHA1", []Option{WithOAuth1("ck", "cs", "tk", "ts")},
			func(c *Client) error { return ignore(c.Types.A09OAuth1Header(ctx, &TypesA09OAuth1HeaderForm{C: 3})) },
			want{line: "POST /a09?b=2&a=1", body: "c=3", header: map[string]string{"Content-Type": "application/x-www-form-urlencoded",
				"Authorization": `OAuth realm="r",oauth_consumer_key="ck",oauth_token="tk",oauth_signature_method="HMAC-SHA1",oauth_timestamp="1700000000",oauth_nonce="abc123",oauth_version="1.0",oauth_signature="n8lmgbhLCIfkUtjakBo0ivCeWj4%3D"`}}},
		// A10 and A10b declare addParamsToHeader false with type "string":
		// Postman's runtime casts it to the string "false", which is
		// truthy, so the signature goes in the header, as captured.
		{"A10 oauth1 HMAC-SHA256, string-typed false: header", []Option{WithOAuth1("ck", "cs", "", "")},
			func(c *Client) error { return ignore(c.Types.A10OAuth1Query(ctx)) },
			want{line: "GET /a10?b=2", header: map[string]string{
				"Authorization": `OAuth oauth_consumer_key="ck",oauth_signature_method="HMAC-SHA256",oauth_timestamp="1700000000",oauth_nonce="abc123",oauth_version="1.0",oauth_signature="oZO4YJTRFKtJIeG7A5UXU0zc6IyxsHV8gj%2B0889DhGg%3D"`}}},
		{"A10b oauth1 PLAINTEXT, string-typed false: header", []Option{WithOAuth1("ck", "cs", "", "")},
			func(c *Client) error { return ignore(c.Types.A10bOAuth1Body(ctx, &TypesA10bOAuth1BodyForm{C: 3})) },
			want{line: "POST /a10b", body: "c=3", header: map[string]string{
				"Authorization": `OAuth oauth_consumer_key="ck",oauth_signature_method="PLAINTEXT",oauth_timestamp="1700000000",oauth_nonce="abc123",oauth_version="1.0",oauth_signature="cs%26"`}}},
		{"A11 hawk", []Option{WithHawkAuth("id1", "key1")},
			func(c *Client) error { return ignore(c.Types.A11Hawk(ctx)) },
			want{header: map[string]string{"Authorization": `Hawk id="id1", ts="1700000000", nonce="n0nce", ext="ext", mac="dwJbRIQyohDR1kOUuE5Z1KshzvIbDc+RFRRZNwbLcZc="`}}},
		{"A13 awsv4 headers", []Option{WithAWSCredentials("AKID", "SECRET", "SESS")},
			func(c *Client) error { return ignore(c.Types.A13Awsv4(ctx, map[string]any{})) },
			want{line: "POST /a13?b=2&a=1", body: "{}", header: map[string]string{
				"X-Amz-Content-Sha256": "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a", "X-Amz-Security-Token": "SESS", "X-Amz-Date": "20261126T225747Z",
				"Authorization": "AWS4-HMAC-SHA256 Credential=AKID/20261126/eu-west-1/execute-api/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-security-token, Signature=3699d190d2a4f0f589cfacfae4b80cd026c895d5512c92cc7143d291fdb6ea35",
				"Content-Type":  "text/plain"}}},
		{"A13b awsv4 query", []Option{WithAWSCredentials("AKID", "SECRET", "")},
			func(c *Client) error { return ignore(c.Types.A13bAwsv4Query(ctx)) },
			want{line: "GET /a13b?X-Amz-Expires=86400&X-Amz-Date=20261126T225747Z&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKID%2F20261126%2Feu-west-1%2Fs3%2Faws4_request&X-Amz-SignedHeaders=host&X-Amz-Signature=e4fe847fd8ab2e2361443999d4f7554ba9bf387d414ad85ac31ee86b1dd561c0",
				header: map[string]string{"Authorization": ""}}},
		{"A14 edgegrid", []Option{WithEdgeGrid("akab-client", "c2VjcmV0", "akab-access")},
			func(c *Client) error { return ignore(c.Types.A14Edgegrid(ctx, nil, WithSampleBody())) },
			want{body: `{"a":1}`, header: map[string]string{"Authorization": "EG1-HMAC-SHA256 client_token=akab-client;access_token=akab-access;timestamp=20240101T00:00:00+0000;nonce=nonce-1;signature=M7yceJ+0TNuqkPGZMsNssX/dXyqmqLIzHKmWtSwXIUM="}}},
		{"A15 jwt HS256", []Option{WithJWTKey("s3cr3t")},
			func(c *Client) error { return ignore(c.Types.A15JWTHs256(ctx)) },
			want{header: map[string]string{"Authorization": "Bearer eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIiwiaWF0IjoxNzAwMDAwMDAwfQ.4uuo8TmwPrU8oZPmmJQ0H9vOJbzgCx_s8oKOtEBuJSo"}}},
		{"A15b jwt query", []Option{WithJWTKey("s3cr3t")},
			func(c *Client) error { return ignore(c.Types.A15bJWTQuery(ctx)) },
			want{line: "GET /a15b?jwt=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIiwiaWF0IjoxNzAwMDAwMDAwfQ.Ho8MOaieMWHodHvwJg0gUG_TFfMZYcs3oN3F9a8sNuE"}},
		{"P11 basic without password", []Option{WithBasicAuth("u", "")},
			func(c *Client) error { return ignore(c.Types.P11BasicMissingPassword(ctx)) },
			want{header: map[string]string{"Authorization": "Basic dTo="}}},
		{"P12 oauth2 mac token sends nothing", []Option{static("x")},
			func(c *Client) error { return ignore(c.Types.P12OAuth2MacToken(ctx)) },
			want{header: map[string]string{"Authorization": ""}}},
		{"P13 oauth2 empty headerPrefix", []Option{WithVariable("p13Token", "x")},
			func(c *Client) error { return ignore(c.Types.P13OAuth2EmptyHeaderPrefix(ctx)) },
			want{header: map[string]string{"Authorization": "x"}}},
		{"P20 apikey without key sends nothing", []Option{WithAPIKey("vv")},
			func(c *Client) error { return ignore(c.Types.P20ApikeyNoKey(ctx)) },
			want{line: "GET /p20", header: map[string]string{"Authorization": ""}}},
		{"V01 basic from v2.0 object params", []Option{WithBasicAuth("u2", "p2")},
			func(c *Client) error { return ignore(c.Types.V01BasicObjectParams(ctx)) },
			want{header: map[string]string{"Authorization": "Basic dTI6cDI="}}},
		{"V02 apikey query from v2.0 object params", []Option{WithAPIKey("v")},
			func(c *Client) error { return ignore(c.Types.V02ApikeyObjectParamsQuery(ctx)) },
			want{line: "GET /v02?k=v"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := &wire{}
			if err := tc.call(newClient(t, w, tc.opts...)); err != nil {
				t.Fatal(err)
			}
			check(t, w, 0, tc.want)
		})
	}
}

// I01-I09: request, folder and collection auth, with the collection's
// bearer token from its variable.
func TestInheritanceMatchesNewman(t *testing.T) {
	ctx := context.Background()
	bearer := map[string]string{"Authorization": "Bearer collection-token"}
	none := map[string]string{"Authorization": "", "X-Folder-Key": ""}
	w := &wire{}
	c := newClient(t, w, WithVariable("collectionToken", "collection-token"), WithAPIKey("fk"))
	calls := []struct {
		name string
		call func() ([]byte, *Response, error)
		want map[string]string
	}{
		{"I01 no auth key inherits", func() ([]byte, *Response, error) { return c.Inh.I01NoAuthKey(ctx) }, bearer},
		{"I02 auth null inherits", func() ([]byte, *Response, error) { return c.Inh.I02AuthNull(ctx) }, bearer},
		{"I03 noauth sends nothing", func() ([]byte, *Response, error) { return c.Inh.I03Noauth(ctx) }, none},
		{"I04 auth {} inherits", func() ([]byte, *Response, error) { return c.Inh.I04AuthEmpty(ctx) }, bearer},
		{"I05 under a noauth folder", func() ([]byte, *Response, error) { return c.Inh.FNoauth.I05UnderFolder(ctx) }, none},
		{"I06 grandchild of an apikey folder", func() ([]byte, *Response, error) { return c.Inh.FApikey.Sub.I06GrandchildOfFolder(ctx) },
			map[string]string{"Authorization": "", "X-Folder-Key": "fk"}},
		{"I07 folder type inherit sends nothing", func() ([]byte, *Response, error) { return c.Inh.FInherit.I07FolderType(ctx) }, none},
		{"I08 folder auth null inherits", func() ([]byte, *Response, error) { return c.Inh.FNull.I08FolderAuth(ctx) }, bearer},
		{"I09 folder behaviour, collection auth", func() ([]byte, *Response, error) { return c.Inh.FPpb.I09InheritedFromFolder(ctx) }, bearer},
	}
	for i, tc := range calls {
		if _, _, err := tc.call(); err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		t.Run(tc.name, func(t *testing.T) { check(t, w, i, want{header: tc.want}) })
	}
}

// A variable names one auth, so it wins over the option, which is the
// fallback of every auth of its type.
func TestVariableWinsOverOption(t *testing.T) {
	w := &wire{}
	c := newClient(t, w, WithVariable("collectionToken", "collection-token"), WithBearerToken("fallback"))
	c.Inh.I01NoAuthKey(context.Background())
	c.Types.A03Bearer(context.Background())
	check(t, w, 0, want{header: map[string]string{"Authorization": "Bearer collection-token"}})
	check(t, w, 1, want{header: map[string]string{"Authorization": "Bearer fallback"}})
}

// Where newman sends a request without credentials (or with the braces of
// an unset variable), the SDK refuses to send it and says how to set them.
// These are deliberate differences from newman.
func TestMissingCredentialsAreErrorsNotUnauthenticatedRequests(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name string
		call func(c *Client) error
		want string
	}{
		{"collection bearer from an unset variable", func(c *Client) error { _, _, err := c.Inh.I01NoAuthKey(ctx); return err },
			`Inh.I01NoAuthKey: bearer auth: token is not set: use WithBearerToken or WithVariable("collectionToken", value)`},
		{"A08 oauth2 without a token", func(c *Client) error { _, _, err := c.Types.A08OAuth2WithoutAccessToken(ctx); return err },
			"oauth2 auth: accessToken is not set (the collection's value is not copied into the SDK): use WithTokenSource"},
		{"P09 unresolved token (newman sends the braces)", func(c *Client) error { _, _, err := c.Types.P09BearerUnresolvedToken(ctx); return err },
			`use WithBearerToken or WithVariable("noSuchToken", value)`},
		{"P10 empty token (newman sends none)", func(c *Client) error { _, _, err := c.Types.P10BearerEmptyToken(ctx); return err },
			"bearer auth: token is not set"},
		{"A09 oauth1 literal consumer key", func(c *Client) error {
			_, _, err := c.Types.A09OAuth1Header(ctx, &TypesA09OAuth1HeaderForm{C: 3})
			return err
		},
			"oauth1 auth: consumerKey is not set (the collection's value is not copied into the SDK): use WithOAuth1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := &wire{}
			err := tc.call(newClient(t, w))
			var ae *AuthError
			if !errors.As(err, &ae) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v\nwant an *AuthError containing %q", err, tc.want)
			}
			if len(w.reqs) != 0 {
				t.Errorf("%d requests sent", len(w.reqs))
			}
		})
	}
}

// A12: the bare request draws the challenge newman's probe server sent;
// the replay carries Appendix C's response.
func TestDigestMatchesNewman(t *testing.T) {
	w := &wire{reply: func(r *http.Request) *http.Response {
		if r.Header.Get("Authorization") == "" {
			return respond(r, 401, http.Header{"Www-Authenticate": {`Digest realm="testrealm@host.com", qop="auth", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", opaque="5ccc069c403ebaf9f0171e9517f40e41"`}})
		}
		return nil
	}}
	c := newClient(t, w, WithDigestAuth("Mufasa", "Circle Of Life"))
	if _, resp, err := c.Types.A12Digest(context.Background(), &TypesA12DigestParams{X: 1}); err != nil || resp.StatusCode != 200 {
		t.Fatalf("resp %v, err %v", resp, err)
	}
	check(t, w, 0, want{line: "GET /digest/a12?x=1", header: map[string]string{"Authorization": ""}})
	check(t, w, 1, want{line: "GET /digest/a12?x=1", header: map[string]string{"Authorization": `Digest username="Mufasa", realm="testrealm@host.com", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", uri="/digest/a12?x=1", algorithm="MD5", qop=auth, nc=00000001, cnonce="7ZVHNjHD", response="8acf25241b977bcd5c6b4eac4fb41aab", opaque="5ccc069c403ebaf9f0171e9517f40e41"`}})
}

// A16: newman's token has the same header and claims, signed with a
// throwaway key; here the signature is checked with the public key.
func TestASAPSignsWithTheGivenKey(t *testing.T) {
	key, _ := rsa.GenerateKey(rand.Reader, 2048)
	der, _ := x509.MarshalPKCS8PrivateKey(key)
	w := &wire{}
	c := newClient(t, w, WithASAPKey(string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}))))
	if _, _, err := c.Types.A16Asap(context.Background()); err != nil {
		t.Fatal(err)
	}
	parts := strings.Split(strings.TrimPrefix(w.reqs[0].Header.Get("Authorization"), "Bearer "), ".")
	if len(parts) != 3 {
		t.Fatalf("Authorization %q", w.reqs[0].Header.Get("Authorization"))
	}
	h, _ := base64.RawURLEncoding.DecodeString(parts[0])
	p, _ := base64.RawURLEncoding.DecodeString(parts[1])
	if string(h) != `{"alg":"RS256","kid":"k1"}` || !strings.HasPrefix(string(p), `{"iat":1795733867,"iss":"me","sub":"me","jti":"`) || !strings.HasSuffix(string(p), `","aud":"you","exp":1795737467}`) {
		t.Errorf("token %s.%s", h, p)
	}
}

// N01: NTLM's three requests, answered by a server that checks the NTLMv2
// response against the user's password.
func TestNTLMHandshake(t *testing.T) {
	w := &wire{reply: func(r *http.Request) *http.Response {
		h := r.Header.Get("Authorization")
		msg, _ := base64.StdEncoding.DecodeString(strings.TrimPrefix(h, "NTLM "))
		switch {
		case h == "":
			return respond(r, 401, http.Header{"Www-Authenticate": {"NTLM"}})
		case len(msg) > 8 && msg[8] == 1:
			return respond(r, 401, http.Header{"Www-Authenticate": {"NTLM " + base64.StdEncoding.EncodeToString(challenge())}})
		case len(msg) > 8 && msg[8] == 3:
			return nil
		}
		return respond(r, 400, nil)
	}}
	c := newClient(t, w, WithVariable("ntlmUser", "User"), WithNTLMAuth("ignored", "Password"))
	if _, resp, err := c.Types.N01Ntlm(context.Background()); err != nil || resp.StatusCode != 200 || len(w.reqs) != 3 {
		t.Fatalf("resp %v, err %v, %d requests", resp, err, len(w.reqs))
	}
	msg, _ := base64.StdEncoding.DecodeString(strings.TrimPrefix(w.reqs[2].Header.Get("Authorization"), "NTLM "))
	clientChallenge := msg[ntlmOffset(msg, 1)+32 : ntlmOffset(msg, 1)+40]
	again, _ := ntlm.Authenticate(challenge(), "User", "Password", "Domain", "", clientChallenge, authclock.Now())
	if string(again) != string(msg) {
		t.Errorf("the type 3 message is not the NTLMv2 answer for User/Password in Domain")
	}
}

// challenge is a type 2 message with server challenge 0123456789abcdef.
func challenge() []byte {
	msg := []byte("NTLMSSP\x00\x02\x00\x00\x00\x00\x00\x00\x00\x30\x00\x00\x00\x07\x82\x08\xa0\x01\x23\x45\x67\x89\xab\xcd\xef\x00\x00\x00\x00\x00\x00\x00\x00\x04\x00\x04\x00\x30\x00\x00\x00")
	return append(msg, 0, 0, 0, 0)
}

func ntlmOffset(msg []byte, field int) int {
	return int(msg[16+8*field]) | int(msg[17+8*field])<<8
}
