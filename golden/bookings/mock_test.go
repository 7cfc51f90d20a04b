package bookings

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/postgen/postgen/golden/bookings/bookingstest"
)

// These tests use the SDK the way its README tells users to: against the
// generated mock server, which replays the collection's saved examples.

func TestMockServerReplaysTheCollectionsExamples(t *testing.T) {
	srv := bookingstest.NewServer(t)
	c, err := NewClient(WithBaseURL(srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()

	list, resp, err := c.Bookings.List(ctx, nil)
	if err != nil || resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/json" {
		t.Fatalf("List = %v, %v", resp, err)
	}
	// The saved example: [{"id": "42", "guest": "Ada", "nights": 3}, {"id": "43", "guest": "Grace", "nights": 1}]
	if len(list) != 2 || list[0] != (Booking{ID: "42", Guest: "Ada", Nights: 3}) || list[1] != (Booking{ID: "43", Guest: "Grace", Nights: 1}) {
		t.Errorf("List = %+v, want the saved example", list)
	}

	created, resp, err := c.Bookings.Create(ctx, &BookingsCreateBody{Guest: "Lin", Nights: 2})
	if err != nil || resp.StatusCode != 201 || *created != (Booking{ID: "44", Guest: "Ada", Nights: 3}) {
		t.Fatalf("Create = %+v, %v, %v", created, resp, err)
	}

	// A request with no saved example gets an empty 200.
	if _, resp, err := c.Bookings.Cancel(ctx, "42"); err != nil || resp.StatusCode != 200 {
		t.Fatalf("Cancel = %v, %v", resp, err)
	}

	reqs := srv.Requests()
	if len(reqs) != 3 {
		t.Fatalf("server saw %d requests, want 3", len(reqs))
	}
	// The server routes by method and path: List with nil params reaches it
	// without the collection's sample query, and with the constant X-Tenant.
	if reqs[0].Operation != "Bookings.List" || reqs[0].URL.RawQuery != "" || reqs[0].Header.Get("X-Tenant") != "acme" {
		t.Errorf("List sent %+v", reqs[0])
	}
	if reqs[1].Operation != "Bookings.Create" || string(reqs[1].Body) != `{"guest":"Lin","nights":2}` {
		t.Errorf("Create sent %s to %s", reqs[1].Body, reqs[1].Operation)
	}
	if reqs[2].Operation != "Bookings.Cancel" || reqs[2].Method != "DELETE" || reqs[2].URL.Path != "/bookings/42" {
		t.Errorf("Cancel sent %s %s (%s)", reqs[2].Method, reqs[2].URL, reqs[2].Operation)
	}
}

func TestMockServerNamedExampleIsAnAPIError(t *testing.T) {
	srv := bookingstest.NewServer(t)
	srv.UseExample("Bookings.Get", "not found")
	c, err := NewClient(WithBaseURL(srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = c.Bookings.Get(context.Background(), "404")
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusNotFound || string(apiErr.Body) != `{"error":"no such booking"}` {
		t.Fatalf("Get = %v, want the saved 404 example as an *APIError", err)
	}
	if e, ok := AsErrorBody[*BookingsGetError](err); !ok || e.Error != "no such booking" {
		t.Errorf("typed 404 body = %+v, %v", e, ok)
	}
	if apiErr.Operation != "Bookings.Get" {
		t.Errorf("Operation = %q", apiErr.Operation)
	}
}

func TestMockServerOverride(t *testing.T) {
	srv := bookingstest.NewServer(t)
	srv.Respond("Health", bookingstest.Response{StatusCode: 503, Body: "down"})
	c, err := NewClient(WithBaseURL(srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = c.Health(context.Background())
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 503 || string(apiErr.Body) != "down" {
		t.Fatalf("Health = %v, want the 503 set with Respond", err)
	}
}

func TestMockServerClientKeepsTheCollectionsBaseURL(t *testing.T) {
	// With the server's client, requests keep the collection's base URL
	// (https://api.bookings.example.com/v1) and still reach the mock.
	srv := bookingstest.NewServer(t)
	c, err := NewClient(WithHTTPClient(srv.Client()))
	if err != nil {
		t.Fatal(err)
	}
	b, _, err := c.Bookings.Get(context.Background(), "42")
	if err != nil || *b != (Booking{ID: "42", Guest: "Ada", Nights: 3}) {
		t.Fatalf("Get = %+v, %v", b, err)
	}
	if r := srv.Requests()[0]; r.Host != "api.bookings.example.com" || r.URL.Path != "/v1/bookings/42" {
		t.Errorf("request went to %s%s", r.Host, r.URL.Path)
	}
}
