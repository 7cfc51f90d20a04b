package sdkmock

import (
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
)

// testRoutes is a route table in the shape the generator writes.
var testRoutes = []Route{
	{Operation: "Health", Method: "GET", Path: "/health"},
	{Operation: "Bookings.List", Method: "GET", Path: "/bookings", Prefix: "/v1", Examples: []Example{
		{Name: "two bookings", Status: 200, Header: [][2]string{{"Content-Type", "application/json"}}, Body: `[{"id":"42"},{"id":"43"}]`},
	}},
	{Operation: "Bookings.Get", Method: "GET", Path: "/bookings/:bookingId", Prefix: "/v1", Examples: []Example{
		{Name: "not found", Status: 404, Body: `{"error":"no such booking"}`},
		{Name: "found", Status: 200, Header: [][2]string{{"Content-Type", "application/json"}, {"X-Rate", "1"}, {"X-Rate", "2"}}, Body: `{"id":"42"}`},
	}},
	{Operation: "Bookings.Mine", Method: "GET", Path: "/bookings/mine", Prefix: "/v1", Examples: []Example{{Name: "mine", Status: 200, Body: "mine"}}},
	{Operation: "Files.Get", Method: "GET", Path: "/files/:name.json"},
	{Operation: "Versioned", Method: "GET", Path: "/api/v{{version}}/items"},
	{Operation: "Soap.Add", Method: "POST", Path: "/calc", Query: []QueryValue{{Key: "op", Value: "add"}}, Examples: []Example{{Name: "sum", Body: "3"}}},
	{Operation: "Soap.Sub", Method: "POST", Path: "/calc", Query: []QueryValue{{Key: "op", Value: "sub"}}, Examples: []Example{{Name: "difference", Body: "-1"}}},
	{Operation: "Flag", Method: "GET", Path: "/flag", Query: []QueryValue{{Key: "on", Null: true}}},
}

// fakeTB records test failures instead of failing.
type fakeTB struct {
	testing.TB
	mu     sync.Mutex
	errors []string
	fatal  string
}

func (f *fakeTB) Helper() {}
func (f *fakeTB) Errorf(format string, args ...any) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.errors = append(f.errors, fmt.Sprintf(format, args...))
}
func (f *fakeTB) Fatalf(format string, args ...any) { f.fatal = fmt.Sprintf(format, args...) }

func newTestServer(t *testing.T) (*Server, *fakeTB) {
	t.Helper()
	tb := &fakeTB{TB: t}
	return NewServer(tb, testRoutes), tb
}

// get sends a request and returns status, body and one header.
func get(t *testing.T, c *http.Client, method, url string, header ...string) (int, string, http.Header) {
	t.Helper()
	req, err := http.NewRequest(method, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), resp.Header
}

func TestMatchingAndDefaults(t *testing.T) {
	s, tb := newTestServer(t)
	c := http.DefaultClient
	for _, tc := range []struct {
		method, path string
		status       int
		body         string
	}{
		{"GET", "/health", 200, ""},
		{"GET", "/bookings", 200, `[{"id":"42"},{"id":"43"}]`},
		{"GET", "/v1/bookings", 200, `[{"id":"42"},{"id":"43"}]`}, // base URL path kept
		{"GET", "/bookings/7", 200, `{"id":"42"}`},                // first 2xx example, not the first one
		{"GET", "/bookings/a%2Fb", 200, `{"id":"42"}`},            // an escaped slash stays one segment
		{"GET", "/bookings/:bookingId", 200, `{"id":"42"}`},       // an empty path argument
		{"GET", "/bookings/mine", 200, "mine"},                    // literal segments win
		{"GET", "/files/report.json", 200, ""},
		{"GET", "/api/v2/items", 200, ""},
		{"POST", "/calc?op=sub", 200, "-1"},
		{"POST", "/calc?op=add", 200, "3"},
		{"POST", "/calc", 200, "3"}, // no distinguishing value: the first
		{"GET", "/flag?on", 200, ""},
	} {
		status, body, _ := get(t, c, tc.method, s.URL+tc.path)
		if status != tc.status || body != tc.body {
			t.Errorf("%s %s = %d %q, want %d %q", tc.method, tc.path, status, body, tc.status, tc.body)
		}
	}
	if len(tb.errors) > 0 {
		t.Errorf("unexpected failures: %v", tb.errors)
	}
	_, _, h := get(t, c, "GET", s.URL+"/bookings/42")
	if h.Get("Content-Type") != "application/json" || len(h.Values("X-Rate")) != 2 {
		t.Errorf("headers not replayed: %v", h)
	}
}

func TestUnmatchedRequestFailsTheTest(t *testing.T) {
	s, tb := newTestServer(t)
	for _, p := range []string{"/nope", "/files/report.xml", "/v2/bookings"} {
		status, body, _ := get(t, http.DefaultClient, "GET", s.URL+p)
		if status != 404 || !strings.Contains(body, "no request of the collection matches GET "+p) {
			t.Errorf("GET %s = %d %q", p, status, body)
		}
	}
	if len(tb.errors) != 3 || !strings.Contains(tb.errors[0], "WithBaseURL") {
		t.Errorf("errors = %q", tb.errors)
	}
	if got := s.Requests(); len(got) != 3 || got[0].Operation != "" || got[0].URL.Path != "/nope" {
		t.Errorf("requests = %+v", got)
	}
}

func TestChoosingResponses(t *testing.T) {
	s, tb := newTestServer(t)
	c := http.DefaultClient
	s.UseExample("Bookings.Get", "not found")
	if status, body, _ := get(t, c, "GET", s.URL+"/bookings/1"); status != 404 || body != `{"error":"no such booking"}` {
		t.Errorf("UseExample: %d %q", status, body)
	}
	// Postman's mock server headers pick an example per request.
	if status, _, _ := get(t, c, "GET", s.URL+"/bookings/1", "X-Mock-Response-Name", "found"); status != 200 {
		t.Errorf("x-mock-response-name: %d", status)
	}
	if status, _, _ := get(t, c, "GET", s.URL+"/bookings/1", "X-Mock-Response-Code", "404"); status != 404 {
		t.Errorf("x-mock-response-code: %d", status)
	}
	s.Respond("Bookings.Get", Response{StatusCode: 503, Header: http.Header{"Retry-After": {"1"}}, Body: "busy"})
	if status, body, h := get(t, c, "GET", s.URL+"/bookings/1"); status != 503 || body != "busy" || h.Get("Retry-After") != "1" {
		t.Errorf("Respond: %d %q %v", status, body, h)
	}
	s.Handle("Health", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "handled "+r.URL.Query().Get("x"))
	}))
	if _, body, _ := get(t, c, "GET", s.URL+"/health?x=1"); body != "handled 1" {
		t.Errorf("Handle: %q", body)
	}
	if got := s.Examples("Bookings.Get"); len(got) != 2 || got[0] != "not found" {
		t.Errorf("Examples = %q", got)
	}
	if len(tb.errors) > 0 {
		t.Errorf("unexpected failures: %v", tb.errors)
	}

	s.UseExample("Bookings.Get", "missing")
	if !strings.Contains(tb.fatal, `no example named "missing"; it has "found", "not found"`) {
		t.Errorf("fatal = %q", tb.fatal)
	}
	s.UseExample("Nope.Get", "x")
	if !strings.Contains(tb.fatal, `no operation "Nope.Get"`) || !strings.Contains(tb.fatal, `"Bookings.Get"`) {
		t.Errorf("fatal = %q", tb.fatal)
	}
}

func TestClientSendsEveryHostToTheServer(t *testing.T) {
	s, tb := newTestServer(t)
	status, body, _ := get(t, s.Client(), "GET", "https://api.example.com/v1/bookings/mine")
	if status != 200 || body != "mine" {
		t.Errorf("got %d %q", status, body)
	}
	got := s.Requests()
	if len(got) != 1 || got[0].Host != "api.example.com" || got[0].Operation != "Bookings.Mine" {
		t.Errorf("requests = %+v", got)
	}
	if len(tb.errors) > 0 {
		t.Errorf("unexpected failures: %v", tb.errors)
	}
}

func TestRecordsBodies(t *testing.T) {
	s, _ := newTestServer(t)
	resp, err := http.Post(s.URL+"/calc?op=add", "text/plain", strings.NewReader("1+2"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if got := s.Requests(); len(got) != 1 || string(got[0].Body) != "1+2" || got[0].Operation != "Soap.Add" {
		t.Errorf("requests = %+v", got)
	}
}

// TestStart: a server started outside a test answers with the saved
// examples, answers an unknown request 404 saying why, panics on an
// unknown operation, and stops when closed.
func TestStart(t *testing.T) {
	s := Start(testRoutes)
	c := s.srv.Client()
	if code, body, _ := get(t, c, "GET", s.URL+"/bookings"); code != 200 || body != `[{"id":"42"},{"id":"43"}]` {
		t.Errorf("GET /bookings: %d %q", code, body)
	}
	if code, body, _ := get(t, c, "GET", s.URL+"/nowhere"); code != 404 || !strings.Contains(body, "no request of the collection matches GET /nowhere") {
		t.Errorf("GET /nowhere: %d %q", code, body)
	}
	func() {
		defer func() {
			if r := recover(); r == nil || !strings.Contains(fmt.Sprint(r), `no operation "Nope"`) {
				t.Errorf("UseExample of an unknown operation: recovered %v", r)
			}
		}()
		s.UseExample("Nope", "x")
	}()
	s.Close()
	if _, err := c.Get(s.URL + "/bookings"); err == nil {
		t.Error("the server still answers after Close")
	}
}
