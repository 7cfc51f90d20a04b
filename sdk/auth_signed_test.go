package sdk

import (
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"io"
	"math/big"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/postgen/postgen/internal/authclock"
)

// signedRequest builds op's request for origin http://127.0.0.1:8765, the
// probe server of Appendix A, with the clock and nonce fixed.
func signedRequest(t *testing.T, op *Operation, vars map[string]string, opts ...Option) (line string, header func(string) string, body string) {
	return signedRequestTo(t, "http://127.0.0.1:8765", op, vars, opts...)
}

// signedRequestTo is signedRequest for another origin (probe 2 used port
// 8766).
func signedRequestTo(t *testing.T, origin string, op *Operation, vars map[string]string, opts ...Option) (line string, header func(string) string, body string) {
	t.Helper()
	fixClock(t, time.Date(2026, 11, 26, 22, 57, 47, 0, time.UTC), "7ZVHNjHD")
	c, err := NewCore(&Defaults{Origins: []string{origin}, UserAgent: "test"}, opts)
	if err != nil {
		t.Fatal(err)
	}
	c.vars = vars
	o, err := c.newRequest(context.Background(), op, &Call{SampleBody: true})
	if err != nil {
		t.Fatal(err)
	}
	req, err := o.attempt(c)
	if err != nil {
		t.Fatal(err)
	}
	if req.Body != nil {
		b, _ := io.ReadAll(req.Body)
		body = string(b)
	}
	return req.Method + " " + requestPath(req), req.Header.Get, body
}

// fixClock makes authclock.Now and authclock.Nonce return now and nonce for the test.
func fixClock(t *testing.T, now time.Time, nonce string) {
	oldNow, oldNonce := authclock.Now, authclock.Nonce
	authclock.Now = func() time.Time { return now }
	authclock.Nonce = func(n int) string {
		if n < len(nonce) {
			return nonce[:n]
		}
		return nonce
	}
	t.Cleanup(func() { authclock.Now, authclock.Nonce = oldNow, oldNonce })
}

func form(rows ...Param) *BodySpec {
	for i := range rows {
		rows[i].In = InForm
	}
	return &BodySpec{Mode: BodyURLEncoded, ContentType: "application/x-www-form-urlencoded", Form: rows}
}

// Appendix C: OAuth 1.0a vectors A09, A10, A10b, P02, P03.
func TestOAuth1MatchesAppendixC(t *testing.T) {
	fixed := func(method string) OAuth1Auth {
		return OAuth1Auth{ConsumerKey: "{{ck}}", ConsumerSecret: "{{cs}}", SignatureMethod: method, Timestamp: "1700000000", Nonce: "abc123", Version: "1.0"}
	}
	vars := map[string]string{"ck": "ck", "cs": "cs"}
	for _, tc := range []struct {
		name                      string
		port                      string
		auth                      OAuth1Auth
		op                        Operation
		opts                      []Option
		wantLine, wantAuth, wantB string
	}{
		{
			name: "A09 header, HMAC-SHA1, query and body signed, realm not",
			auth: func() OAuth1Auth {
				a := fixed("HMAC-SHA1")
				a.ConsumerKey, a.ConsumerSecret, a.Token, a.TokenSecret = NotCopied, NotCopied, NotCopied, NotCopied
				a.Realm, a.ToHeader = "r", "true"
				return a
			}(),
			opts:     []Option{WithOAuth1("ck", "cs", "tk", "ts")},
			op:       Operation{Method: "POST", Path: "/a09", Params: []Param{q("b", "2"), q("a", "1")}, Body: form(Param{Key: "c", Value: "3", Const: true})},
			wantLine: "POST /a09?b=2&a=1",
			wantAuth: `OAuth realm="r",oauth_consumer_key="ck",oauth_token="tk",oauth_signature_method="HMAC-SHA1",oauth_timestamp="1700000000",oauth_nonce="abc123",oauth_version="1.0",oauth_signature="n8lmgbhLCIfkUtjakBo0ivCeWj4%3D"`,
			wantB:    "c=3",
		},
		{
			name:     "A10 header, HMAC-SHA256, no token",
			auth:     func() OAuth1Auth { a := fixed("HMAC-SHA256"); a.ToHeader = "true"; return a }(),
			op:       Operation{Method: "GET", Path: "/a10", Params: []Param{q("b", "2")}},
			wantLine: "GET /a10?b=2",
			wantAuth: `OAuth oauth_consumer_key="ck",oauth_signature_method="HMAC-SHA256",oauth_timestamp="1700000000",oauth_nonce="abc123",oauth_version="1.0",oauth_signature="oZO4YJTRFKtJIeG7A5UXU0zc6IyxsHV8gj%2B0889DhGg%3D"`,
		},
		{
			name:     "A10b header, PLAINTEXT",
			auth:     func() OAuth1Auth { a := fixed("PLAINTEXT"); a.ToHeader = "true"; return a }(),
			op:       Operation{Method: "POST", Path: "/a10b", Body: form(Param{Key: "c", Value: "3", Const: true})},
			wantLine: "POST /a10b",
			wantAuth: `OAuth oauth_consumer_key="ck",oauth_signature_method="PLAINTEXT",oauth_timestamp="1700000000",oauth_nonce="abc123",oauth_version="1.0",oauth_signature="cs%26"`,
			wantB:    "c=3",
		},
		{
			name:     "P02 GET: parameters in the query",
			port:     "8766",
			auth:     fixed("HMAC-SHA1"),
			op:       Operation{Method: "GET", Path: "/p02", Params: []Param{q("b", "2")}},
			wantLine: "GET /p02?b=2&oauth_consumer_key=ck&oauth_signature_method=HMAC-SHA1&oauth_timestamp=1700000000&oauth_nonce=abc123&oauth_version=1.0&oauth_signature=YwuZl3itmTkFwCLNTW5OWpnznkQ%3D",
		},
		{
			name:     "P03 POST urlencoded: parameters in the body",
			port:     "8766",
			auth:     fixed("HMAC-SHA1"),
			op:       Operation{Method: "POST", Path: "/p03", Body: form(Param{Key: "c", Value: "3", Const: true})},
			wantLine: "POST /p03",
			wantB:    "c=3&oauth_consumer_key=ck&oauth_signature_method=HMAC-SHA1&oauth_timestamp=1700000000&oauth_nonce=abc123&oauth_version=1.0&oauth_signature=sFC%2FyLOd3vd0ZQo6tCgXLUWBxrw%3D",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := tc.auth
			tc.op.Auth = &a
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

// Appendix C: Hawk (A11).
func TestHawkMatchesAppendixC(t *testing.T) {
	op := &Operation{Method: "GET", Path: "/a11", Auth: &HawkAuth{ID: NotCopied, Key: NotCopied, Algorithm: "sha256", Nonce: "n0nce", Timestamp: "1700000000", Ext: "ext"}}
	_, header, _ := signedRequest(t, op, nil, WithHawkAuth("id1", "key1"))
	want := `Hawk id="id1", ts="1700000000", nonce="n0nce", ext="ext", mac="dwJbRIQyohDR1kOUuE5Z1KshzvIbDc+RFRRZNwbLcZc="`
	if got := header("Authorization"); got != want {
		t.Errorf("Authorization\n got %s\nwant %s", got, want)
	}
}

// Appendix C: AWS SigV4 in headers (A13) and in the query (A13b), at the
// captured time.
func TestAWSV4MatchesNewman(t *testing.T) {
	op := &Operation{Method: "POST", Path: "/a13", Params: []Param{q("b", "2"), q("a", "1")}, Body: &BodySpec{Mode: BodyRaw, Text: "{}", ContentType: "text/plain"},
		Auth: &AWSV4Auth{AccessKey: "{{ak}}", SecretKey: "{{sk}}", SessionToken: "{{st}}", Region: "eu-west-1", Service: "execute-api"}}
	line, header, _ := signedRequest(t, op, map[string]string{"ak": "AKID", "sk": "SECRET", "st": "SESS"})
	if line != "POST /a13?b=2&a=1" {
		t.Errorf("line %s", line)
	}
	for k, want := range map[string]string{
		"X-Amz-Content-Sha256": "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a",
		"X-Amz-Security-Token": "SESS",
		"X-Amz-Date":           "20261126T225747Z",
		"Authorization":        "AWS4-HMAC-SHA256 Credential=AKID/20261126/eu-west-1/execute-api/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-security-token, Signature=3699d190d2a4f0f589cfacfae4b80cd026c895d5512c92cc7143d291fdb6ea35",
		"Content-Type":         "text/plain",
	} {
		if got := header(k); got != want {
			t.Errorf("%s\n got %s\nwant %s", k, got, want)
		}
	}

	op = &Operation{Method: "GET", Path: "/a13b", Auth: &AWSV4Auth{AccessKey: NotCopied, SecretKey: NotCopied, Region: "eu-west-1", Service: "s3", ToQuery: "true"}}
	line, header, _ = signedRequest(t, op, nil, WithAWSCredentials("AKID", "SECRET", ""))
	want := "GET /a13b?X-Amz-Expires=86400&X-Amz-Date=20261126T225747Z&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKID%2F20261126%2Feu-west-1%2Fs3%2Faws4_request&X-Amz-SignedHeaders=host&X-Amz-Signature=e4fe847fd8ab2e2361443999d4f7554ba9bf387d414ad85ac31ee86b1dd561c0"
	if line != want || header("Authorization") != "" {
		t.Errorf("line\n got %s\nwant %s (Authorization %q)", line, want, header("Authorization"))
	}
}

// AWS's SigV4 test suite (get-vanilla, get-vanilla-query-order-key-case,
// post-vanilla): credentials AKIDEXAMPLE, region us-east-1, service
// "service", host example.amazonaws.com, 20150830T123600Z.
func TestSigV4MatchesAWSTestSuite(t *testing.T) {
	for _, tc := range []struct{ method, target, sig string }{
		{"GET", "/", "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"},
		{"GET", "/?Param2=value2&Param1=value1", "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500"},
		{"POST", "/", "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b"},
	} {
		req, _ := http.NewRequest(tc.method, "https://example.amazonaws.com"+tc.target, nil)
		s := sigv4{access: "AKIDEXAMPLE", secret: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", region: "us-east-1", service: "service", now: "20150830T123600Z"}
		s.sign(req, nil, false)
		want := "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=" + tc.sig
		if got := req.Header.Get("Authorization"); got != want {
			t.Errorf("%s %s\n got %s\nwant %s", tc.method, tc.target, got, want)
		}
	}
}

// Digest (A12): the first request goes out bare; the 401 challenge is
// answered with the response Appendix C computes.
func TestDigestAnswersTheChallenge(t *testing.T) {
	fixClock(t, time.Now(), "7ZVHNjHD")
	var seen []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen = append(seen, r.Header.Get("Authorization"))
		if !strings.HasPrefix(r.Header.Get("Authorization"), "Digest ") {
			w.Header().Set("WWW-Authenticate", `Digest realm="testrealm@host.com", qop="auth", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", opaque="5ccc069c403ebaf9f0171e9517f40e41"`)
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		io.WriteString(w, "{}")
	}))
	defer srv.Close()
	c, _ := NewCore(&Defaults{Origins: []string{srv.URL}}, []Option{WithDigestAuth("Mufasa", "Circle Of Life")})
	op := &Operation{Method: "GET", Path: "/digest/a12", Params: []Param{q("x", "1")}, Auth: &DigestAuth{Username: NotCopied, Password: NotCopied, Algorithm: "MD5"}}
	resp, err := SendNoResult(context.Background(), c, op, Call{})
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("resp %v, err %v", resp, err)
	}
	want := `Digest username="Mufasa", realm="testrealm@host.com", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", uri="/digest/a12?x=1", algorithm="MD5", qop=auth, nc=00000001, cnonce="7ZVHNjHD", response="8acf25241b977bcd5c6b4eac4fb41aab", opaque="5ccc069c403ebaf9f0171e9517f40e41"`
	if len(seen) != 2 || seen[0] != "" || seen[1] != want {
		t.Errorf("Authorization headers sent: %q\nwant [\"\" %q]", seen, want)
	}
}

// Appendix C: EdgeGrid (A14).
func TestEdgeGridMatchesAppendixC(t *testing.T) {
	op := &Operation{Method: "POST", Path: "/a14", Body: &BodySpec{Mode: BodyRaw, Text: `{"a":1}`, ContentType: "text/plain"},
		Auth: &EdgeGridAuth{AccessToken: NotCopied, ClientToken: NotCopied, ClientSecret: NotCopied, Nonce: "nonce-1", Timestamp: "20240101T00:00:00+0000"}}
	_, header, _ := signedRequest(t, op, nil, WithEdgeGrid("akab-client", "c2VjcmV0", "akab-access"))
	want := "EG1-HMAC-SHA256 client_token=akab-client;access_token=akab-access;timestamp=20240101T00:00:00+0000;nonce=nonce-1;signature=M7yceJ+0TNuqkPGZMsNssX/dXyqmqLIzHKmWtSwXIUM="
	if got := header("Authorization"); got != want {
		t.Errorf("Authorization\n got %s\nwant %s", got, want)
	}
}

// Appendix C: JWT HS256 in the header (A15) and in the query (A15b).
func TestJWTMatchesAppendixC(t *testing.T) {
	op := &Operation{Method: "GET", Path: "/a15", Auth: &JWTAuth{Secret: NotCopied, Algorithm: "HS256", Payload: `{"sub":"1","iat":1700000000}`, Header: `{"typ":"JWT"}`, AddTokenTo: "header", HeaderPrefix: "Bearer"}}
	_, header, _ := signedRequest(t, op, nil, WithJWTKey("s3cr3t"))
	if want := "Bearer eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIiwiaWF0IjoxNzAwMDAwMDAwfQ.4uuo8TmwPrU8oZPmmJQ0H9vOJbzgCx_s8oKOtEBuJSo"; header("Authorization") != want {
		t.Errorf("Authorization\n got %s\nwant %s", header("Authorization"), want)
	}
	op = &Operation{Method: "GET", Path: "/a15b", Auth: &JWTAuth{Secret: "{{s}}", Algorithm: "HS256", Payload: `{"sub":"1","iat":1700000000}`, AddTokenTo: "queryParam", QueryParamKey: "jwt", HeaderPrefix: "Bearer"}}
	line, _, _ := signedRequest(t, op, map[string]string{"s": "s3cr3t"})
	if want := "GET /a15b?jwt=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIiwiaWF0IjoxNzAwMDAwMDAwfQ.Ho8MOaieMWHodHvwJg0gUG_TFfMZYcs3oN3F9a8sNuE"; line != want {
		t.Errorf("line\n got %s\nwant %s", line, want)
	}
}

// The asymmetric JWT algorithms sign with the key given; the signature
// verifies with its public key.
func TestJWTAsymmetricSignaturesVerify(t *testing.T) {
	rsaKey, _ := rsa.GenerateKey(rand.Reader, 2048)
	ecKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	for _, tc := range []struct {
		alg    string
		key    crypto.Signer
		verify func(digest, sig []byte) bool
	}{
		{"RS256", rsaKey, func(d, s []byte) bool { return rsa.VerifyPKCS1v15(&rsaKey.PublicKey, crypto.SHA256, d, s) == nil }},
		{"PS256", rsaKey, func(d, s []byte) bool {
			return rsa.VerifyPSS(&rsaKey.PublicKey, crypto.SHA256, d, s, &rsa.PSSOptions{SaltLength: rsa.PSSSaltLengthEqualsHash}) == nil
		}},
		{"ES256", ecKey, func(d, s []byte) bool {
			return len(s) == 64 && ecdsa.Verify(&ecKey.PublicKey, d, new(big.Int).SetBytes(s[:32]), new(big.Int).SetBytes(s[32:]))
		}},
	} {
		der, _ := x509.MarshalPKCS8PrivateKey(tc.key)
		pemKey := string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}))
		op := &Operation{Method: "GET", Path: "/x", Auth: &JWTAuth{PrivateKey: NotCopied, Algorithm: tc.alg, Payload: `{"sub":"1"}`}}
		_, header, _ := signedRequest(t, op, nil, WithJWTKey(pemKey))
		parts := strings.Split(header("Authorization"), ".")
		if len(parts) != 3 {
			t.Fatalf("%s: token %q", tc.alg, header("Authorization"))
		}
		d := sha256.Sum256([]byte(parts[0] + "." + parts[1]))
		sig, _ := base64.RawURLEncoding.DecodeString(parts[2])
		if !tc.verify(d[:], sig) || parts[0] != base64.RawURLEncoding.EncodeToString([]byte(`{"alg":"`+tc.alg+`"}`)) {
			t.Errorf("%s: %q does not verify", tc.alg, header("Authorization"))
		}
	}
}

// ASAP (A16): an RS256 token with the claims newman sent, in its order,
// from a data: URI key whose kid fills the header.
func TestASAPSignsTheClaims(t *testing.T) {
	key, _ := rsa.GenerateKey(rand.Reader, 2048)
	der, _ := x509.MarshalPKCS8PrivateKey(key)
	uri := "data:application/pkcs8;kid=k1;base64," + base64.StdEncoding.EncodeToString(der)
	op := &Operation{Method: "GET", Path: "/a16", Auth: &ASAPAuth{PrivateKey: NotCopied, Alg: "RS256", Iss: "me", Aud: "you"}}
	_, header, _ := signedRequest(t, op, nil, WithASAPKey(uri))
	token, ok := strings.CutPrefix(header("Authorization"), "Bearer ")
	parts := strings.Split(token, ".")
	if !ok || len(parts) != 3 {
		t.Fatalf("Authorization %q", header("Authorization"))
	}
	h, _ := base64.RawURLEncoding.DecodeString(parts[0])
	p, _ := base64.RawURLEncoding.DecodeString(parts[1])
	if string(h) != `{"alg":"RS256","kid":"k1"}` {
		t.Errorf("header %s", h)
	}
	iat := time.Date(2026, 11, 26, 22, 57, 47, 0, time.UTC).Unix()
	var claims struct {
		Iat, Exp           int64
		Iss, Sub, Jti, Aud string
	}
	if err := json.Unmarshal(p, &claims); err != nil || claims.Iat != iat || claims.Exp != iat+3600 || claims.Iss != "me" || claims.Sub != "me" || claims.Aud != "you" || len(claims.Jti) != 36 {
		t.Errorf("claims %s (%v)", p, err)
	}
	if !strings.HasPrefix(string(p), `{"iat":`) {
		t.Errorf("claims out of newman's order: %s", p)
	}
	d := sha256.Sum256([]byte(parts[0] + "." + parts[1]))
	sig, _ := base64.RawURLEncoding.DecodeString(parts[2])
	if err := rsa.VerifyPKCS1v15(&key.PublicKey, crypto.SHA256, d[:], sig); err != nil {
		t.Errorf("signature: %v", err)
	}
}

// RSA-SHA1 signs the RFC 5849 base string with the given key; the body
// hash of a JSON body is sent and signed.
func TestOAuth1RSAAndBodyHash(t *testing.T) {
	key, _ := rsa.GenerateKey(rand.Reader, 2048)
	der, _ := x509.MarshalPKCS8PrivateKey(key)
	pemKey := string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}))
	op := &Operation{Method: "POST", Path: "/r", Body: &BodySpec{Mode: BodyRaw, Text: `{"a":1}`, ContentType: "application/json"},
		Auth: &OAuth1Auth{ConsumerKey: NotCopied, PrivateKey: NotCopied, SignatureMethod: "RSA-SHA1", Timestamp: "1700000000", Nonce: "abc123", Version: "1.0", ToHeader: "true", BodyHash: "true"}}
	_, header, _ := signedRequest(t, op, nil, WithOAuth1("ck", "", "", ""), WithOAuth1PrivateKey(pemKey))
	h := sha1.Sum([]byte(`{"a":1}`))
	bodyHash := base64.StdEncoding.EncodeToString(h[:])
	prefix := `OAuth oauth_consumer_key="ck",oauth_signature_method="RSA-SHA1",oauth_timestamp="1700000000",oauth_nonce="abc123",oauth_version="1.0",oauth_body_hash="` + formEncode(bodyHash) + `",oauth_signature="`
	got := header("Authorization")
	if !strings.HasPrefix(got, prefix) {
		t.Fatalf("Authorization\n got %s\nwant %s...", got, prefix)
	}
	sig, _ := base64.StdEncoding.DecodeString(unescapePercent(strings.TrimSuffix(strings.TrimPrefix(got, prefix), `"`)))
	params := "oauth_body_hash=" + formEncode(bodyHash) + "&oauth_consumer_key=ck&oauth_nonce=abc123&oauth_signature_method=RSA-SHA1&oauth_timestamp=1700000000&oauth_version=1.0"
	base := "POST&" + formEncode("http://127.0.0.1:8765/r") + "&" + formEncode(params)
	d := sha1.Sum([]byte(base))
	if err := rsa.VerifyPKCS1v15(&key.PublicKey, crypto.SHA1, d[:], sig); err != nil {
		t.Errorf("the signature does not verify over %s: %v", base, err)
	}
}
