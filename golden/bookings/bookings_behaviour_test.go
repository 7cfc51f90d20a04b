package bookings

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
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

func TestListSendsTheCollectionsQueryAndHeaders(t *testing.T) {
	c, reqs := newServer(t)
	if _, _, err := c.Bookings.List(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	got := <-reqs
	if got.method != "GET" || got.uri != "/v1/bookings?from=2024-01-01&limit=20" {
		t.Errorf("sent %s %s", got.method, got.uri)
	}
	if got.header.Get("X-Tenant") != "acme" || got.header.Get("X-Trace-Id") != "" {
		t.Errorf("headers %v", got.header)
	}

	// Params override the collection's values and switch on disabled rows.
	_, _, err := c.Bookings.List(context.Background(), &BookingsListParams{From: "2025-02-03", Status: "cancelled", XTraceID: "t-1"})
	if err != nil {
		t.Fatal(err)
	}
	got = <-reqs
	if got.uri != "/v1/bookings?from=2025-02-03&limit=20&status=cancelled" || got.header.Get("X-Trace-Id") != "t-1" {
		t.Errorf("sent %s with X-Trace-Id %q", got.uri, got.header.Get("X-Trace-Id"))
	}
}

func TestGetEscapesThePathArgument(t *testing.T) {
	c, reqs := newServer(t)
	b, resp, err := c.Bookings.Get(context.Background(), "a/b c")
	if err != nil || resp.StatusCode != 200 || *b != (Booking{ID: "42", Guest: "Ada", Nights: 3}) {
		t.Fatalf("Get = %+v, %v, %v", b, resp, err)
	}
	if got := <-reqs; got.uri != "/v1/bookings/a%2Fb%20c" {
		t.Errorf("sent %s", got.uri)
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

func TestCreateSendsTheCollectionBodyOrTheCallers(t *testing.T) {
	c, reqs := newServer(t)
	if _, _, err := c.Bookings.Create(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	got := <-reqs
	// Postman strips the comment but keeps the rest of the text as written.
	if want := "{\n  \"guest\": \"Ada\",\n  \"nights\": 3 \n}"; got.body != want {
		t.Errorf("body %q, want %q", got.body, want)
	}
	if got.header.Get("Content-Type") != "application/json" {
		t.Errorf("Content-Type %q", got.header.Get("Content-Type"))
	}
	if _, _, err := c.Bookings.Create(context.Background(), &BookingsCreateBody{Guest: "Grace", Nights: 1}); err != nil {
		t.Fatal(err)
	}
	if got := <-reqs; got.body != `{"guest":"Grace","nights":1}` {
		t.Errorf("body %q", got.body)
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
