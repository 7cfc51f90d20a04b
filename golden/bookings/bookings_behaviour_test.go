package bookings

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"strings"
	"testing"

	_ "github.com/postgen/postgen/internal/testflag"
)

// recorded is what the test server saw of one request.
type recorded struct {
	method, uri, body string
	header            http.Header
}

// newServer answers like the collection's examples and records requests.
func newServer(t *testing.T) (*Client, <-chan recorded) {
	t.Helper()
	reqs := make(chan recorded, 8)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		reqs <- recorded{r.Method, r.RequestURI, string(b), r.Header.Clone()}
		w.Header().Set("Content-Type", "application/json")
		switch r.URL.Path {
		case "/v1/bookings/404":
			w.WriteHeader(http.StatusNotFound)
			io.WriteString(w, `{"error": "no such booking"}`)
		case "/v1/bookings":
			if r.Method == http.MethodGet {
				io.WriteString(w, `[{"id": "42", "guest": "Ada", "nights": 3}]`)
				return
			}
			io.WriteString(w, `{"id": "42", "guest": "Ada", "nights": 3}`)
		default:
			io.WriteString(w, `{"id": "42", "guest": "Ada", "nights": 3}`)
		}
	}))
	t.Cleanup(srv.Close)
	c, err := NewClient(WithBaseURL(srv.URL + "/v1"))
	if err != nil {
		t.Fatal(err)
	}
	return c, reqs
}

// A nil params struct sends none of the collection's sample values
// (from=2024-01-01&limit=20): only the constant X-Tenant, from its
// variable. A field the caller sets is sent, one left at zero is not.
func TestListSendsOnlyTheCallersQueryAndTheConstants(t *testing.T) {
	c, reqs := newServer(t)
	if _, _, err := c.Bookings.List(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	got := <-reqs
	if got.method != "GET" || got.uri != "/v1/bookings" {
		t.Errorf("nil params sent %s %s, want GET /v1/bookings (no sample values)", got.method, got.uri)
	}
	if got.header.Get("X-Tenant") != "acme" || got.header.Values("X-Trace-Id") != nil {
		t.Errorf("headers %v, want X-Tenant: acme and no X-Trace-Id", got.header)
	}

	// The caller's values replace the samples and switch on disabled rows;
	// Limit, left at zero, is not sent.
	_, _, err := c.Bookings.List(context.Background(), &BookingsListParams{From: "2025-02-03", Status: "cancelled", XTraceID: "t-1"})
	if err != nil {
		t.Fatal(err)
	}
	got = <-reqs
	if got.uri != "/v1/bookings?from=2025-02-03&status=cancelled" || got.header.Get("X-Trace-Id") != "t-1" {
		t.Errorf("sent %s with X-Trace-Id %q", got.uri, got.header.Get("X-Trace-Id"))
	}
}

// A path argument is one segment: "/", "?", "#" and spaces in it are
// escaped, so it can neither add segments nor start a query.
func TestGetEscapesThePathArgument(t *testing.T) {
	c, reqs := newServer(t)
	b, resp, err := c.Bookings.Get(context.Background(), "a/b c?x=1#f")
	if err != nil || resp.StatusCode != 200 || *b != (Booking{ID: "42", Guest: "Ada", Nights: 3}) {
		t.Fatalf("Get = %+v, %v, %v", b, resp, err)
	}
	if got := <-reqs; got.uri != "/v1/bookings/a%2Fb%20c%3Fx=1%23f" {
		t.Errorf("sent %s, want one escaped segment", got.uri)
	}
	// ".." is a value like another: escaped, so no server takes it for a
	// step up.
	if _, _, err := c.Bookings.Cancel(context.Background(), ".."); err != nil {
		t.Fatal(err)
	}
	if got := <-reqs; got.method != "DELETE" || got.uri != "/v1/bookings/%2E%2E" {
		t.Errorf("sent %s %s", got.method, got.uri)
	}
}

// An empty path argument is an *ArgumentError before anything is sent:
// there is no default from the collection (Get's sample is "42").
func TestEmptyPathArgumentIsAnArgumentError(t *testing.T) {
	c, reqs := newServer(t)
	for name, call := range map[string]func() error{
		"Get":    func() error { _, _, err := c.Bookings.Get(context.Background(), ""); return err },
		"Cancel": func() error { _, _, err := c.Bookings.Cancel(context.Background(), ""); return err },
	} {
		err := call()
		var argErr *ArgumentError
		if !errors.As(err, &argErr) || argErr.Operation != "Bookings."+name || argErr.Name != "bookingId" {
			t.Errorf("%s(\"\") = %v, want an *ArgumentError for bookingId", name, err)
		}
	}
	select {
	case got := <-reqs:
		t.Errorf("an empty path argument sent %s %s", got.method, got.uri)
	default:
	}
}

func TestNon2xxIsAnAPIError(t *testing.T) {
	c, _ := newServer(t)
	_, resp, err := c.Bookings.Get(context.Background(), "404")
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusNotFound || resp.StatusCode != http.StatusNotFound {
		t.Fatalf("err = %v", err)
	}
	var body struct{ Error string }
	if err := apiErr.DecodeJSON(&body); err != nil || body.Error != "no such booking" {
		t.Errorf("error body %+v, %v", body, err)
	}
	// The 404 example types the error body.
	if e, ok := AsErrorBody[*BookingsGetError](err); !ok || e.Error != "no such booking" {
		t.Errorf("AsErrorBody = %+v, %v; Decoded = %#v", e, ok, apiErr.Decoded)
	}
	if apiErr.Operation != "Bookings.Get" {
		t.Errorf("Operation = %q", apiErr.Operation)
	}
}

// A nil body sends no body (and so no Content-Type); WithSampleBody sends
// the collection's body as Postman does; a body the caller passes is
// encoded, its zero fields left out.
func TestCreateSendsTheCallersBodyOrTheSampleWhenAsked(t *testing.T) {
	c, reqs := newServer(t)
	if _, _, err := c.Bookings.Create(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	got := <-reqs
	if got.body != "" || got.header.Values("Content-Type") != nil {
		t.Errorf("nil body sent %q with Content-Type %q, want nothing", got.body, got.header.Values("Content-Type"))
	}
	if got.header.Get("X-Tenant") != "acme" {
		t.Errorf("X-Tenant %q, want the constant acme", got.header.Get("X-Tenant"))
	}

	if _, _, err := c.Bookings.Create(context.Background(), nil, WithSampleBody()); err != nil {
		t.Fatal(err)
	}
	got = <-reqs
	// Postman strips the comment but keeps the rest of the text as written.
	if want := "{\n  \"guest\": \"Ada\",\n  \"nights\": 3 \n}"; got.body != want {
		t.Errorf("WithSampleBody sent %q, want %q", got.body, want)
	}
	if got.header.Get("Content-Type") != "application/json" {
		t.Errorf("Content-Type %q", got.header.Get("Content-Type"))
	}

	if _, _, err := c.Bookings.Create(context.Background(), &BookingsCreateBody{Guest: "Grace", Nights: 1}); err != nil {
		t.Fatal(err)
	}
	if got := <-reqs; got.body != `{"guest":"Grace","nights":1}` || got.header.Get("Content-Type") != "application/json" {
		t.Errorf("body %q, Content-Type %q", got.body, got.header.Get("Content-Type"))
	}
	if _, _, err := c.Bookings.Create(context.Background(), &BookingsCreateBody{Guest: "Lin"}); err != nil {
		t.Fatal(err)
	}
	if got := <-reqs; got.body != `{"guest":"Lin"}` {
		t.Errorf("zero Nights: body %q, want it left out", got.body)
	}
	// WithJSONField sends a zero value omitzero leaves out, or a member the
	// type lacks; with no body, an object of just those fields.
	if _, _, err := c.Bookings.Create(context.Background(), &BookingsCreateBody{Guest: "Lin"}, WithJSONField("nights", 0), WithJSONField("vip", true)); err != nil {
		t.Fatal(err)
	}
	if got := <-reqs; got.body != `{"guest":"Lin","nights":0,"vip":true}` {
		t.Errorf("WithJSONField: body %q", got.body)
	}
	if _, _, err := c.Bookings.Create(context.Background(), nil, WithJSONField("guest", "Bo")); err != nil {
		t.Fatal(err)
	}
	if got := <-reqs; got.body != `{"guest":"Bo"}` || got.header.Get("Content-Type") != "application/json" {
		t.Errorf("WithJSONField, nil body: %q (%s)", got.body, got.header.Get("Content-Type"))
	}
	// A passed body wins over WithSampleBody.
	if _, _, err := c.Bookings.Create(context.Background(), &BookingsCreateBody{Guest: "Kay"}, WithSampleBody()); err != nil {
		t.Fatal(err)
	}
	if got := <-reqs; got.body != `{"guest":"Kay"}` {
		t.Errorf("body and WithSampleBody: sent %q, want the caller's body", got.body)
	}
}

func TestVariablesCanBeOverridden(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("X-Tenant") != "globex" {
			w.WriteHeader(http.StatusForbidden)
		}
	}))
	defer srv.Close()
	c, err := NewClient(WithBaseURL(srv.URL), WithVariable("tenant", "globex"))
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := c.Bookings.Cancel(context.Background(), "42"); err != nil {
		t.Fatal(err)
	}
}

func TestDefaultBaseURLComesFromTheCollection(t *testing.T) {
	if DefaultBaseURL != "https://api.bookings.example.com/v1" {
		t.Errorf("DefaultBaseURL = %q", DefaultBaseURL)
	}
	if _, err := NewClient(WithBaseURL("not a url")); err == nil {
		t.Error("NewClient accepted a relative base URL")
	}
}

// collectionRequest is a request of testdata/bookings as Postman sends
// it: its URL with the base URL cut off and only the enabled query rows,
// its enabled headers with {{tenant}} resolved, and its raw body.
type collectionRequest struct {
	method, uri, body string
	header            map[string]string
}

// collectionRequests reads the requests of the Bookings folder by name.
func collectionRequests(t *testing.T) map[string]collectionRequest {
	t.Helper()
	data, err := os.ReadFile("../../testdata/bookings/collection.json")
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		Key, Value string
		Disabled   bool
	}
	var c struct {
		Item []struct {
			Item []struct {
				Name    string
				Request struct {
					Method string
					Header []row
					Body   struct{ Raw string }
					URL    json.RawMessage
				}
			}
		}
	}
	if err := json.Unmarshal(data, &c); err != nil {
		t.Fatal(err)
	}
	out := map[string]collectionRequest{}
	for _, r := range c.Item[0].Item {
		var u struct {
			Path     []string
			Query    []row
			Variable []row
		}
		var raw string
		if json.Unmarshal(r.Request.URL, &raw) == nil {
			u.Path = strings.Split(strings.TrimPrefix(raw, "{{baseUrl}}/"), "/")
		} else if err := json.Unmarshal(r.Request.URL, &u); err != nil {
			t.Fatal(err)
		}
		for i, seg := range u.Path {
			for _, v := range u.Variable {
				if seg == ":"+v.Key {
					u.Path[i] = v.Value
				}
			}
		}
		uri := "/v1/" + strings.Join(u.Path, "/")
		var q []string
		for _, p := range u.Query {
			if !p.Disabled {
				q = append(q, p.Key+"="+p.Value)
			}
		}
		if len(q) > 0 {
			uri += "?" + strings.Join(q, "&")
		}
		h := map[string]string{}
		for _, p := range r.Request.Header {
			if !p.Disabled {
				h[p.Key] = strings.ReplaceAll(p.Value, "{{tenant}}", "acme")
			}
		}
		out[r.Name] = collectionRequest{r.Request.Method, uri, r.Request.Body.Raw, h}
	}
	return out
}

// The calls of the Example functions (the collection's values, and
// WithSampleBody) send the collection's requests.
func TestExampleCallsSendTheCollectionsRequests(t *testing.T) {
	c, reqs := newServer(t)
	ctx := context.Background()
	want := collectionRequests(t)
	for name, call := range map[string]func() error{
		"List bookings": func() error {
			_, _, err := c.Bookings.List(ctx, &BookingsListParams{From: "2024-01-01", Limit: 20})
			return err
		},
		"Get booking":    func() error { _, _, err := c.Bookings.Get(ctx, "42"); return err },
		"Create booking": func() error { _, _, err := c.Bookings.Create(ctx, nil, WithSampleBody()); return err },
	} {
		if err := call(); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		got, w := <-reqs, want[name]
		if got.method != w.method || got.uri != w.uri {
			t.Errorf("%s: sent %s %s, the collection %s %s", name, got.method, got.uri, w.method, w.uri)
		}
		for k, v := range w.header {
			if g := got.header.Values(k); len(g) != 1 || g[0] != v {
				t.Errorf("%s: %s = %q, the collection %q", name, k, g, v)
			}
		}
		// Postman strips the // comment of a JSON body and keeps the rest.
		if body := regexp.MustCompile(`//[^\n]*`).ReplaceAllString(w.body, ""); got.body != body {
			t.Errorf("%s: body %q, the collection's %q", name, got.body, body)
		}
	}
}
