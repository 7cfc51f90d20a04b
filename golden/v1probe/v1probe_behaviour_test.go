package v1probe

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	_ "github.com/postgen/postgen/internal/testflag"
)

// These tests replay probe 6 of POSTMAN-FORMAT.md (§A.6): a v1 collection
// that newman converted to v2.1 and sent. The SDK generated from the same
// v1 file must send what newman sent when called as its Example calls
// it, with the collection's values: they are samples, not sent unasked.

type recorded struct {
	method, uri, body string
	header            http.Header
}

func newServer(t *testing.T) (*Client, <-chan recorded) {
	t.Helper()
	reqs := make(chan recorded, 4)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		reqs <- recorded{r.Method, r.RequestURI, string(b), r.Header.Clone()}
	}))
	t.Cleanup(srv.Close)
	// The collection's basic credentials are not copied into the SDK; the
	// caller gives them, as newman's user did.
	c, err := NewClient(WithBaseURL(srv.URL), WithBasicAuth("u1", "p1"))
	if err != nil {
		t.Fatal(err)
	}
	return c, reqs
}

func TestV1RawSendsWhatNewmanSent(t *testing.T) {
	c, reqs := newServer(t)
	if _, _, err := c.V1Raw(context.Background(), "5", nil, &V1RawParams{X: 1, XOn: 1}, WithSampleBody()); err != nil {
		t.Fatal(err)
	}
	got := <-reqs
	// POST /v1/5?x=1, Content-Type: application/json, X-On: 1, body {"a":1};
	// the header commented out with "//" in the v1 string is not sent.
	if got.method != "POST" || got.uri != "/v1/5?x=1" || got.body != `{"a":1}` {
		t.Errorf("sent %s %s %q", got.method, got.uri, got.body)
	}
	if got.header.Get("Content-Type") != "application/json" || got.header.Get("X-On") != "1" {
		t.Errorf("headers %v", got.header)
	}
	if _, ok := got.header["X-Disabled"]; ok {
		t.Errorf("the disabled header was sent: %v", got.header)
	}

	// Without the values only the constant is sent: no body, so no
	// Content-Type either.
	if _, _, err := c.V1Raw(context.Background(), "6", nil, nil); err != nil {
		t.Fatal(err)
	}
	got = <-reqs
	if got.uri != "/v1/6" || got.body != "" || got.header.Values("Content-Type") != nil || got.header.Values("X-On") != nil {
		t.Errorf("zero call sent %s %q with headers %v", got.uri, got.body, got.header)
	}
}

func TestV1UrlencodedSendsOnlyEnabledRows(t *testing.T) {
	c, reqs := newServer(t)
	if _, _, err := c.V1Urlencoded(context.Background(), &V1UrlencodedForm{A: 1}); err != nil {
		t.Fatal(err)
	}
	got := <-reqs
	if got.method != "POST" || got.uri != "/v1b" || got.body != "a=1" {
		t.Errorf("sent %s %s %q", got.method, got.uri, got.body)
	}
	if ct := got.header.Get("Content-Type"); ct != "application/x-www-form-urlencoded" {
		t.Errorf("Content-Type %q", ct)
	}
	if a := got.header.Get("Authorization"); a != "Basic dTE6cDE=" {
		t.Errorf("Authorization %q, newman sent Basic dTE6cDE=", a)
	}
	// The disabled row b goes out only when the caller sets it.
	if _, _, err := c.V1Urlencoded(context.Background(), &V1UrlencodedForm{A: 1, B: 2}); err != nil {
		t.Fatal(err)
	}
	if got := <-reqs; got.body != "a=1&b=2" {
		t.Errorf("with B set: %q", got.body)
	}
}
