package canary

import (
	"context"
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"errors"
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

// The generated SDK through its public options, on issue 12's runtime
// guarantees: each retry is signed afresh, and credentials stay with
// their origin when a server redirects.

// flaky answers 503 to the first request and 200 to the others,
// recording each.
type flaky struct {
	mu   sync.Mutex
	reqs []*http.Request
}

func (f *flaky) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	f.reqs = append(f.reqs, r.Clone(context.Background()))
	n := len(f.reqs)
	f.mu.Unlock()
	if n == 1 {
		w.WriteHeader(http.StatusServiceUnavailable)
		return
	}
	w.Write([]byte(`{}`))
}

// realClock makes the signing clock tick a second per reading and nonces
// random, so two attempts a millisecond apart still get distinct
// timestamps, as they would a second apart.
func realClock(t *testing.T) {
	oldNow, oldNonce := authclock.Now, authclock.Nonce
	var mu sync.Mutex
	now := time.Now()
	authclock.Now = func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		now = now.Add(time.Second)
		return now
	}
	authclock.Nonce = authclock.RandomAlphanumeric
	t.Cleanup(func() { authclock.Now, authclock.Nonce = oldNow, oldNonce })
}

// twoAttempts calls method through a server that fails the first attempt.
func twoAttempts(t *testing.T, method func(*Client) error, opts ...Option) []*http.Request {
	t.Helper()
	realClock(t)
	f := &flaky{}
	srv := httptest.NewServer(f)
	defer srv.Close()
	c, err := NewClient(append([]Option{WithBaseURL(srv.URL), WithRetry(RetryPolicy{MaxAttempts: 2, BaseDelay: time.Millisecond})}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	if err := method(c); err != nil {
		t.Fatal(err)
	}
	if len(f.reqs) != 2 {
		t.Fatalf("%d attempts, want 2", len(f.reqs))
	}
	return f.reqs
}

// params reads the k="v" pairs of an Authorization header.
func params(h string) map[string]string {
	_, rest, _ := strings.Cut(h, " ")
	out := map[string]string{}
	for _, part := range strings.Split(rest, ",") {
		k, v, _ := strings.Cut(strings.TrimSpace(part), "=")
		v = strings.Trim(v, `"`)
		if u, err := url.PathUnescape(v); err == nil {
			v = u
		}
		out[k] = v
	}
	return out
}

func TestRetriedOAuth1RequestIsSignedAfresh(t *testing.T) {
	reqs := twoAttempts(t, func(c *Client) error { _, _, err := c.OAuth1Folder.Inherits(context.Background()); return err },
		WithOAuth1("ck", "cs-secret", "tok", "ts-secret"), WithOAuth1Verifier("verifier-1"))
	enc := func(s string) string { return strings.ReplaceAll(url.QueryEscape(s), "+", "%20") }
	var seen []map[string]string
	for i, r := range reqs {
		p := params(r.Header.Get("Authorization"))
		// RFC 5849 §3.4, as the server checks it.
		var pairs []string
		for k, v := range p {
			if k != "oauth_signature" && k != "realm" {
				pairs = append(pairs, enc(k)+"="+enc(v))
			}
		}
		sort.Strings(pairs)
		base := r.Method + "&" + enc("http://"+r.Host+r.URL.Path) + "&" + enc(strings.Join(pairs, "&"))
		m := hmac.New(sha1.New, []byte("cs-secret&ts-secret"))
		m.Write([]byte(base))
		if p["oauth_signature"] != base64.StdEncoding.EncodeToString(m.Sum(nil)) {
			t.Errorf("attempt %d: %q does not verify", i+1, r.Header.Get("Authorization"))
		}
		seen = append(seen, p)
	}
	if seen[0]["oauth_nonce"] == seen[1]["oauth_nonce"] || seen[0]["oauth_timestamp"] == seen[1]["oauth_timestamp"] {
		t.Errorf("the retry reused nonce %q / timestamp %q", seen[1]["oauth_nonce"], seen[1]["oauth_timestamp"])
	}
}

func TestRetriedHawkRequestIsSignedAfresh(t *testing.T) {
	reqs := twoAttempts(t, func(c *Client) error { _, _, err := c.HawkFolder.Inherits(context.Background()); return err },
		WithHawkAuth("hawk-id", "hawk-key"))
	var seen []map[string]string
	for i, r := range reqs {
		p := params(r.Header.Get("Authorization"))
		host, port, _ := strings.Cut(r.Host, ":")
		norm := "hawk.1.header\n" + p["ts"] + "\n" + p["nonce"] + "\n" + r.Method + "\n" + r.URL.RequestURI() + "\n" + host + "\n" + port + "\n\n\n"
		m := hmac.New(sha256.New, []byte("hawk-key"))
		m.Write([]byte(norm))
		if p["mac"] != base64.StdEncoding.EncodeToString(m.Sum(nil)) {
			t.Errorf("attempt %d: %q does not verify", i+1, r.Header.Get("Authorization"))
		}
		seen = append(seen, p)
	}
	if seen[0]["nonce"] == seen[1]["nonce"] || seen[0]["ts"] == seen[1]["ts"] {
		t.Errorf("the retry reused nonce %q / ts %q", seen[1]["nonce"], seen[1]["ts"])
	}
}

func TestRedirectToAnotherOriginDropsTheAPIKey(t *testing.T) {
	var mu sync.Mutex
	var got []*http.Request
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		got = append(got, r.Clone(context.Background()))
		mu.Unlock()
		w.Write([]byte(`{}`))
	}))
	defer other.Close()
	first := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/apikey/inherit" {
			http.Redirect(w, r, other.URL+"/landing?key="+url.QueryEscape(r.Header.Get("X-Canary-Key"))+"&page=1", http.StatusFound)
			return
		}
		w.Write([]byte(`{}`))
	}))
	defer first.Close()
	hc := &http.Client{}
	c, err := NewClient(WithBaseURL(first.URL), WithAPIKey("canary-api-key-4242"), WithHTTPClient(hc))
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := c.ApikeyFolder.Inherits(context.Background()); err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 {
		t.Fatalf("%d requests reached the other origin, want 1", len(got))
	}
	if k := got[0].Header.Get("X-Canary-Key"); k != "" || got[0].URL.RawQuery != "page=1" {
		t.Errorf("the other origin got X-Canary-Key %q and query %q; want neither key", k, got[0].URL.RawQuery)
	}
	if ref := got[0].Header.Get("Referer"); ref != first.URL+"/apikey/inherit" {
		t.Errorf("Referer = %q, want the whole URL %s/apikey/inherit", ref, first.URL)
	}
	if hc.CheckRedirect != nil {
		t.Error("WithHTTPClient's client was changed")
	}
}

func TestRedirectFromHTTPSToHTTPIsRefused(t *testing.T) {
	plain := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("the plain HTTP server got %s %s", r.Method, r.URL)
	}))
	defer plain.Close()
	secure := httptest.NewTLSServer(http.RedirectHandler(plain.URL+"/landing", http.StatusMovedPermanently))
	defer secure.Close()
	c, err := NewClient(WithBaseURL(secure.URL), WithAPIKey("canary-api-key-4242"), WithHTTPClient(secure.Client()))
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = c.ApikeyFolder.Inherits(context.Background())
	var re *RedirectError
	if !errors.As(err, &re) || re.To != plain.URL+"/landing" {
		t.Fatalf("err = %v; want a *RedirectError to %s/landing", err, plain.URL)
	}
	if !strings.Contains(err.Error(), "plain HTTP") || strings.Contains(err.Error(), "canary-api-key-4242") {
		t.Errorf("message %q", err)
	}
}
