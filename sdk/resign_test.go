package sdk

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/postgen/postgen/internal/authclock"
)

// Every attempt of a signed request is signed afresh: a server that has
// seen a nonce, or finds a timestamp stale, refuses the retry otherwise.

// attempts is a server that answers 503 to the first request and 200 to
// the next, recording each.
type attempts struct {
	mu   sync.Mutex
	reqs []*http.Request
}

func (a *attempts) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	a.mu.Lock()
	a.reqs = append(a.reqs, r.Clone(context.Background()))
	n := len(a.reqs)
	a.mu.Unlock()
	if n == 1 {
		w.WriteHeader(http.StatusServiceUnavailable)
		return
	}
	w.Write([]byte(`{}`))
}

// ticking makes authclock.Now advance a second at each reading and authclock.Nonce
// random, as on a real clock.
func ticking(t *testing.T) {
	oldNow, oldNonce := authclock.Now, authclock.Nonce
	var mu sync.Mutex
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	authclock.Now = func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		now = now.Add(time.Second)
		return now
	}
	authclock.Nonce = authclock.RandomAlphanumeric
	t.Cleanup(func() { authclock.Now, authclock.Nonce = oldNow, oldNonce })
}

// sendTwice sends op through a server that fails the first attempt, and
// returns both attempts as the server saw them.
func sendTwice(t *testing.T, op *Operation, opts ...Option) []*http.Request {
	t.Helper()
	ticking(t)
	srv := &attempts{}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	c, _ := faultClient(t, ts.URL, RetryPolicy{MaxAttempts: 2, BaseDelay: time.Millisecond}, opts...)
	if _, err := SendNoResult(context.Background(), c, op, Call{}); err != nil {
		t.Fatalf("send: %v", err)
	}
	if len(srv.reqs) != 2 {
		t.Fatalf("%d attempts, want 2", len(srv.reqs))
	}
	return srv.reqs
}

// authParams reads the k="v" pairs of an Authorization header after its
// scheme, unescaping values with unescape.
func authParams(h string, unescape func(string) (string, error)) map[string]string {
	_, rest, _ := strings.Cut(h, " ")
	out := map[string]string{}
	for _, part := range strings.Split(rest, ",") {
		k, v, _ := strings.Cut(strings.TrimSpace(part), "=")
		v = strings.Trim(v, `"`)
		if u, err := unescape(v); err == nil {
			v = u
		}
		out[k] = v
	}
	return out
}

func TestHawkSignsEachAttemptAfresh(t *testing.T) {
	op := &Operation{Name: "T.Get", Method: "GET", Path: "/things", Params: []Param{{Key: "a", Value: "1"}},
		Auth: &HawkAuth{Algorithm: "sha256", ID: NotCopied, Key: NotCopied}}
	reqs := sendTwice(t, op, WithHawkAuth("hawk-id", "hawk-key-secret"))
	keep := func(s string) (string, error) { return s, nil }
	var seen []map[string]string
	for i, r := range reqs {
		p := authParams(r.Header.Get("Authorization"), keep)
		// Hawk 1's normalized string, computed here from the request as
		// the server received it.
		host, port, _ := strings.Cut(r.Host, ":")
		norm := "hawk.1.header\n" + p["ts"] + "\n" + p["nonce"] + "\n" + r.Method + "\n" + r.URL.RequestURI() + "\n" +
			host + "\n" + port + "\n\n\n"
		m := hmac.New(sha256.New, []byte("hawk-key-secret"))
		m.Write([]byte(norm))
		if want := base64.StdEncoding.EncodeToString(m.Sum(nil)); p["mac"] != want || p["id"] != "hawk-id" {
			t.Errorf("attempt %d: Authorization %q does not verify (want mac %q)", i+1, r.Header.Get("Authorization"), want)
		}
		seen = append(seen, p)
	}
	if seen[0]["nonce"] == seen[1]["nonce"] || seen[0]["ts"] == seen[1]["ts"] {
		t.Errorf("the retry reused nonce %q / ts %q; want fresh ones", seen[1]["nonce"], seen[1]["ts"])
	}
}

func TestOAuth1SignsEachAttemptAfresh(t *testing.T) {
	op := &Operation{Name: "T.Get", Method: "GET", Path: "/things", Params: []Param{{Key: "a", Value: "1 2"}},
		Auth: &OAuth1Auth{ConsumerKey: NotCopied, ConsumerSecret: NotCopied, Token: NotCopied, TokenSecret: NotCopied,
			SignatureMethod: "HMAC-SHA1", Version: "1.0", ToHeader: "true"}}
	reqs := sendTwice(t, op, WithOAuth1("ck", "cs-secret", "tok", "ts-secret"))
	var seen []map[string]string
	for i, r := range reqs {
		p := authParams(r.Header.Get("Authorization"), url.PathUnescape)
		if !verifyOAuth1(r, p, "cs-secret", "ts-secret") {
			t.Errorf("attempt %d: Authorization %q does not verify", i+1, r.Header.Get("Authorization"))
		}
		seen = append(seen, p)
	}
	if seen[0]["oauth_nonce"] == seen[1]["oauth_nonce"] || seen[0]["oauth_timestamp"] == seen[1]["oauth_timestamp"] {
		t.Errorf("the retry reused nonce %q / timestamp %q; want fresh ones", seen[1]["oauth_nonce"], seen[1]["oauth_timestamp"])
	}
}

// verifyOAuth1 checks an HMAC-SHA1 signature as a server does (RFC 5849
// §3.4), from the request it received.
func verifyOAuth1(r *http.Request, p map[string]string, consumerSecret, tokenSecret string) bool {
	enc := func(s string) string {
		return strings.ReplaceAll(url.QueryEscape(s), "+", "%20")
	}
	var pairs []string
	for k, v := range p {
		if k != "oauth_signature" && k != "realm" {
			pairs = append(pairs, enc(k)+"="+enc(v))
		}
	}
	q, _ := url.ParseQuery(r.URL.RawQuery)
	for k, vs := range q {
		for _, v := range vs {
			pairs = append(pairs, enc(k)+"="+enc(v))
		}
	}
	sort.Strings(pairs)
	base := r.Method + "&" + enc("http://"+r.Host+r.URL.Path) + "&" + enc(strings.Join(pairs, "&"))
	m := hmac.New(sha1.New, []byte(enc(consumerSecret)+"&"+enc(tokenSecret)))
	m.Write([]byte(base))
	return p["oauth_signature"] == base64.StdEncoding.EncodeToString(m.Sum(nil))
}

// The other signed types: each attempt's signature differs, because its
// timestamp (and nonce, where there is one) does.
func TestSignedAuthsSignEachAttemptAfresh(t *testing.T) {
	for _, tc := range []struct {
		name   string
		auth   Authorizer
		opt    Option
		header string
	}{
		{"awsv4", &AWSV4Auth{AccessKey: NotCopied, SecretKey: NotCopied, SessionToken: NotCopied}, WithAWSCredentials("AKID", "aws-secret", ""), "X-Amz-Date"},
		{"edgegrid", &EdgeGridAuth{ClientToken: NotCopied, ClientSecret: NotCopied, AccessToken: NotCopied}, WithEdgeGrid("ct", "edge-secret", "at"), "Authorization"},
		// Postman's JWT payload is the collection's: a {{$guid}} in it is
		// resolved for each attempt, as auth settings are.
		{"jwt", &JWTAuth{Algorithm: "HS256", Secret: NotCopied, Payload: `{"jti":"{{$guid}}"}`}, WithJWTKey("jwt-secret"), "Authorization"},
		{"asap", &ASAPAuth{PrivateKey: NotCopied, Alg: "ES256", Iss: "svc", Aud: "api"}, WithASAPKey(ecKeyPEM(t)), "Authorization"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			op := &Operation{Name: "T.Get", Method: "GET", Path: "/things", Auth: tc.auth}
			reqs := sendTwice(t, op, tc.opt)
			a, b := reqs[0].Header.Get(tc.header), reqs[1].Header.Get(tc.header)
			if a == "" || a == b {
				t.Errorf("%s: attempt 1 %q, attempt 2 %q; want a fresh value on the retry", tc.header, a, b)
			}
			if x, y := reqs[0].Header.Get("Authorization"), reqs[1].Header.Get("Authorization"); x == y {
				t.Errorf("both attempts carry Authorization %q", x)
			}
		})
	}
}

// ecKeyPEM is a fresh P-256 private key, PKCS#8 PEM.
func ecKeyPEM(t *testing.T) string {
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	der, err := x509.MarshalPKCS8PrivateKey(k)
	if err != nil {
		t.Fatal(err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}))
}

// A digest challenge is answered within each attempt: the retry after a
// 503 gets a new challenge and a new client nonce.
func TestDigestHandshakeIsRedoneOnRetry(t *testing.T) {
	ticking(t)
	var mu sync.Mutex
	var log []string
	n := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		auth := r.Header.Get("Authorization")
		if !strings.HasPrefix(auth, "Digest ") {
			n++
			log = append(log, "challenge")
			w.Header().Set("WWW-Authenticate", `Digest realm="r", nonce="server-nonce-`+string(rune('0'+n))+`", qop="auth"`)
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		p := authParams(auth, func(s string) (string, error) { return s, nil })
		log = append(log, p["nonce"]+"/"+p["cnonce"])
		if len(log) == 2 {
			w.WriteHeader(http.StatusServiceUnavailable)
		}
	}))
	defer srv.Close()
	c, _ := faultClient(t, srv.URL, RetryPolicy{MaxAttempts: 2, BaseDelay: time.Millisecond}, WithDigestAuth("u", "p"))
	op := &Operation{Name: "T.Get", Method: "GET", Path: "/x", Auth: &DigestAuth{Username: NotCopied, Password: NotCopied}}
	if _, err := SendNoResult(context.Background(), c, op, Call{}); err != nil {
		t.Fatal(err)
	}
	if len(log) != 4 || log[0] != "challenge" || log[2] != "challenge" {
		t.Fatalf("server saw %q; want challenge, answer (503), challenge, answer", log)
	}
	if log[1] == log[3] || !strings.HasPrefix(log[3], "server-nonce-2/") {
		t.Errorf("answers %q and %q; want the second to answer the second challenge with a new cnonce", log[1], log[3])
	}
}
