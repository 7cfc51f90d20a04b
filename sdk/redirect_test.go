package sdk

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strings"
	"sync"
	"testing"
)

// Two httptest servers are two origins (same host, other port): the
// first redirects, the second records what arrives.

// recorder records the requests it receives and answers 200.
type recorder struct {
	mu   sync.Mutex
	reqs []*http.Request
}

func (rec *recorder) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rec.mu.Lock()
	rec.reqs = append(rec.reqs, r.Clone(context.Background()))
	rec.mu.Unlock()
	w.Write([]byte(`{}`))
}

func (rec *recorder) only(t *testing.T) *http.Request {
	t.Helper()
	rec.mu.Lock()
	defer rec.mu.Unlock()
	if len(rec.reqs) != 1 {
		t.Fatalf("the redirect target got %d requests, want 1", len(rec.reqs))
	}
	return rec.reqs[0]
}

// redirector answers every request with a 307 to location, and records
// the requests.
func redirector(location func(r *http.Request) string) (*httptest.Server, *recorder) {
	rec := &recorder{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec.mu.Lock()
		rec.reqs = append(rec.reqs, r.Clone(context.Background()))
		rec.mu.Unlock()
		http.Redirect(w, r, location(r), http.StatusTemporaryRedirect)
	}))
	return srv, rec
}

// credentialOp sends credentials every way a request can: the auth's
// header, a credential-named collection header, a header holding a
// secret variable, and query parameters of each kind; X-Plain and
// page=2 are not credentials.
func credentialOp() *Operation {
	return &Operation{Name: "T.Get", Method: "GET", Path: "/start", Auth: &APIKeyAuth{Key: "X-Client", Value: "{{clientId}}"},
		Params: []Param{
			{In: InHeader, Key: "X-Session-Token", Value: "{{sessionToken}}", Const: true},
			{In: InHeader, Key: "X-Trace", Value: "t-{{hidden}}", Const: true},
			{In: InHeader, Key: "X-Plain", Value: "hello", Const: true},
			{Key: "page", Value: "2", Const: true},
			{Key: "api_key", Value: "{{hidden}}", Const: true},
		}}
}

// credentialClient is a core for origin whose variables hold the values
// credentialOp sends. clientId has a value in the collection and a
// harmless name: only the record of what auth added marks it.
func credentialClient(t *testing.T, origin string, opts ...Option) *Core {
	t.Helper()
	c, err := NewCore(&Defaults{Origins: []string{"{{baseUrl}}"}, Variables: map[string]string{"clientId": "client-1234"}},
		append([]Option{WithBaseURL(origin), WithVariable("sessionToken", "sess-5678"), WithVariable("hidden", "hidden-9012")}, opts...))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestRedirectToAnotherOriginDropsCredentials(t *testing.T) {
	target := &recorder{}
	other := httptest.NewServer(target)
	defer other.Close()
	// The Location echoes credentials back: the query of the request, a
	// credential in a harmless-looking parameter, the auth's own value.
	first, _ := redirector(func(r *http.Request) string {
		return other.URL + "/landing?" + r.URL.RawQuery + "&echo=x-hidden-9012&client=client-1234&sig=abc&keep=yes"
	})
	defer first.Close()
	c := credentialClient(t, first.URL)
	if _, err := SendNoResult(context.Background(), c, credentialOp(), Call{}); err != nil {
		t.Fatal(err)
	}
	got := target.only(t)
	for _, h := range []string{"X-Client", "X-Session-Token", "X-Trace", "Authorization"} {
		if v := got.Header.Get(h); v != "" {
			t.Errorf("header %s: %q reached the other origin", h, v)
		}
	}
	if got.Header.Get("X-Plain") != "hello" {
		t.Errorf("X-Plain = %q; a header that is no credential must be kept", got.Header.Get("X-Plain"))
	}
	if got.URL.RawQuery != "page=2&keep=yes" {
		t.Errorf("query at the other origin = %q, want page=2&keep=yes", got.URL.RawQuery)
	}
	// The Referer is a whole URL, without the credential parameters.
	if want := first.URL + "/start?page=2"; got.Header.Get("Referer") != want {
		t.Errorf("Referer = %q, want %q", got.Header.Get("Referer"), want)
	}
}

// The auth's query parameter is dropped by its record even when neither
// its name nor its value looks like a credential.
func TestRedirectDropsTheAuthsQueryParameter(t *testing.T) {
	target := &recorder{}
	other := httptest.NewServer(target)
	defer other.Close()
	first, _ := redirector(func(r *http.Request) string { return other.URL + "/landing?" + r.URL.RawQuery })
	defer first.Close()
	c := credentialClient(t, first.URL)
	op := &Operation{Name: "T.Get", Method: "GET", Path: "/start", Auth: &APIKeyAuth{Key: "client", In: "query", Value: "{{clientId}}"},
		Params: []Param{{Key: "page", Value: "2", Const: true}}}
	if _, err := SendNoResult(context.Background(), c, op, Call{}); err != nil {
		t.Fatal(err)
	}
	if q := target.only(t).URL.RawQuery; q != "page=2" {
		t.Errorf("query at the other origin = %q, want page=2", q)
	}
}

func TestRedirectWithinTheOriginKeepsEverything(t *testing.T) {
	var srv *httptest.Server
	target := &recorder{}
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/start" {
			http.Redirect(w, r, "/next?"+r.URL.RawQuery, http.StatusFound)
			return
		}
		target.ServeHTTP(w, r)
	}))
	defer srv.Close()
	c := credentialClient(t, srv.URL)
	if _, err := SendNoResult(context.Background(), c, credentialOp(), Call{}); err != nil {
		t.Fatal(err)
	}
	got := target.only(t)
	for h, want := range map[string]string{"X-Client": "client-1234", "X-Session-Token": "sess-5678", "X-Trace": "t-hidden-9012", "X-Plain": "hello",
		"Referer": srv.URL + "/start?page=2&api_key=hidden-9012"} {
		if v := got.Header.Get(h); v != want {
			t.Errorf("%s = %q, want %q", h, v, want)
		}
	}
	if got.URL.RawQuery != "page=2&api_key=hidden-9012" {
		t.Errorf("query = %q; a redirect within the origin keeps it", got.URL.RawQuery)
	}
}

func TestRedirectFromHTTPSToHTTPIsRefused(t *testing.T) {
	plain := &recorder{}
	insecure := httptest.NewServer(plain)
	defer insecure.Close()
	secure := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, insecure.URL+"/landing", http.StatusMovedPermanently)
	}))
	defer secure.Close()
	c := credentialClient(t, secure.URL, WithHTTPClient(secure.Client()))
	_, err := SendNoResult(context.Background(), c, credentialOp(), Call{})
	var re *RedirectError
	if !errors.As(err, &re) {
		t.Fatalf("err = %v; want a *RedirectError", err)
	}
	if re.From != secure.URL+"/start?page=2&api_key=[REDACTED]" || re.To != insecure.URL+"/landing" {
		t.Errorf("RedirectError = %+v", re)
	}
	for _, want := range []string{"T.Get", "refused redirect", "plain HTTP", "WithBaseURL"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("message %q lacks %q", err, want)
		}
	}
	if strings.Contains(err.Error(), "hidden-9012") {
		t.Errorf("message %q shows a credential", err)
	}
	if len(plain.reqs) != 0 {
		t.Errorf("the plain HTTP server got %d requests", len(plain.reqs))
	}
}

// WithHTTPClient's client is not changed; its CheckRedirect runs after
// the SDK's policy, on the request the policy cleaned.
func TestRedirectPolicyWrapsTheCallersCheckRedirect(t *testing.T) {
	target := &recorder{}
	other := httptest.NewServer(target)
	defer other.Close()
	first, _ := redirector(func(*http.Request) string { return other.URL + "/landing" })
	defer first.Close()
	var sawClient []string
	mine := func(req *http.Request, via []*http.Request) error {
		sawClient = append(sawClient, req.Header.Get("X-Client"))
		return http.ErrUseLastResponse
	}
	hc := &http.Client{CheckRedirect: mine}
	c := credentialClient(t, first.URL, WithHTTPClient(hc))
	if c.httpClient == hc {
		t.Fatal("the client sends through the caller's *http.Client itself; want a copy")
	}
	_, err := SendNoResult(context.Background(), c, credentialOp(), Call{})
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusTemporaryRedirect || len(target.reqs) != 0 {
		t.Errorf("err = %v, %d requests at the target; want the 307 itself (the caller's ErrUseLastResponse)", err, len(target.reqs))
	}
	if len(sawClient) != 1 || sawClient[0] != "" {
		t.Errorf("the caller's CheckRedirect saw X-Client %q; want it called once, after the policy dropped it", sawClient)
	}
	// hc is as the caller left it.
	if reflect.ValueOf(hc.CheckRedirect).Pointer() != reflect.ValueOf(mine).Pointer() || hc.Transport != nil {
		t.Error("the caller's client was changed")
	}
}

func TestRedirectLimitWithoutACallerPolicy(t *testing.T) {
	loop, rec := redirector(func(r *http.Request) string { return "/again" })
	defer loop.Close()
	c := credentialClient(t, loop.URL)
	_, err := SendNoResult(context.Background(), c, &Operation{Name: "T.Get", Method: "GET", Path: "/x"}, Call{})
	if err == nil || !strings.Contains(err.Error(), "stopped after 10 redirects") {
		t.Fatalf("err = %v; want net/http's limit of 10 redirects", err)
	}
	if n := len(rec.reqs); n != 10 {
		t.Errorf("%d requests, want 10 (one call, not retried)", n)
	}
}

func TestSameOrigin(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		same bool
	}{
		{"https://api.example.com/x", "https://API.example.com:443/y?z", true},
		{"http://api.example.com/x", "http://api.example.com:80/", true},
		{"https://api.example.com/x", "http://api.example.com/x", false},
		{"https://api.example.com/x", "https://api.example.com:8443/x", false},
		{"https://api.example.com/x", "https://sub.api.example.com/x", false},
		{"https://api.example.com/x", "https://example.com/x", false},
	} {
		a, _ := url.Parse(tc.a)
		b, _ := url.Parse(tc.b)
		if got := sameOrigin(a, b); got != tc.same {
			t.Errorf("sameOrigin(%s, %s) = %v", tc.a, tc.b, got)
		}
	}
}
