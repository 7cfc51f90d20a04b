package sdkmock

import (
	"net/http"
	"reflect"
	"testing"
)

// authRoutes share one method and path: they differ by a query key, by the
// place of their auth, or not at all.
var authRoutes = []Route{
	{Operation: "Auth.Login", Method: "POST", Path: "/login", Examples: []Example{{Name: "plain", Body: "login"}}},
	{Operation: "Auth.LoginAndRememberToken", Method: "POST", Path: "/login", Query: []QueryValue{{Key: "remember", Value: "true"}}, Examples: []Example{{Name: "remembered", Body: "remember"}}},
	{Operation: "Auth.LoginWithKey", Method: "POST", Path: "/login", Query: []QueryValue{{Key: "api_key", Any: true}}, Examples: []Example{{Name: "keyed", Body: "key"}}},
	{Operation: "Auth.LoginAsAdmin", Method: "POST", Path: "/login", Header: []HeaderValue{{Key: "Authorization", Any: true}, {Key: "X-Role", Value: "admin"}}, Examples: []Example{{Name: "admin", Body: "admin"}}},
	{Operation: "Auth.LoginAgain", Method: "POST", Path: "/login", Examples: []Example{{Name: "again", Body: "again"}}},
}

func TestRoutesByDistinguishingValues(t *testing.T) {
	tb := &fakeTB{TB: t}
	srv := NewServer(tb, authRoutes)
	c := srv.srv.Client()
	for _, tc := range []struct {
		url       string
		header    []string
		body, op  string
		ambiguous []string
	}{
		// The route with no values wins over one whose value is missing,
		// but it has a twin the request cannot tell apart.
		{url: "/login", body: "login", op: "Auth.Login", ambiguous: []string{"Auth.Login", "Auth.LoginAgain"}},
		{url: "/login?remember=true", body: "remember", op: "Auth.LoginAndRememberToken"},
		{url: "/login?api_key=k1", body: "key", op: "Auth.LoginWithKey"},
		// Both of its headers beat a route that misses nothing but
		// matches nothing.
		{url: "/login", header: []string{"Authorization", "Bearer t", "X-Role", "admin"}, body: "admin", op: "Auth.LoginAsAdmin"},
		// A wrong value is a miss: the plain routes fit better.
		{url: "/login?remember=false", body: "login", op: "Auth.Login", ambiguous: []string{"Auth.Login", "Auth.LoginAgain"}},
	} {
		status, body, _ := get(t, c, "POST", srv.URL+tc.url, tc.header...)
		if status != http.StatusOK || body != tc.body {
			t.Errorf("POST %s %v = %d %q, want %q", tc.url, tc.header, status, body, tc.body)
		}
		reqs := srv.Requests()
		last := reqs[len(reqs)-1]
		if last.Operation != tc.op || !reflect.DeepEqual(last.Ambiguous, tc.ambiguous) {
			t.Errorf("POST %s %v recorded as %q, ambiguous %q; want %q, %q", tc.url, tc.header, last.Operation, last.Ambiguous, tc.op, tc.ambiguous)
		}
	}
	if len(tb.errors) > 0 {
		t.Errorf("unexpected failures: %q", tb.errors)
	}
}

func TestRespondAnswersItsOperationOnly(t *testing.T) {
	tb := &fakeTB{TB: t}
	srv := NewServer(tb, authRoutes)
	srv.Respond("Auth.LoginAndRememberToken", Response{StatusCode: 201, Body: "mine"})
	c := srv.srv.Client()
	if status, body, _ := get(t, c, "POST", srv.URL+"/login?remember=true"); status != 201 || body != "mine" {
		t.Errorf("remember = %d %q, want the response set", status, body)
	}
	if status, body, _ := get(t, c, "POST", srv.URL+"/login"); status != 200 || body != "login" {
		t.Errorf("login = %d %q, want its saved example", status, body)
	}
}

func TestScoreOrder(t *testing.T) {
	for _, tc := range []struct {
		a, b score
		want bool
	}{
		{score{literal: 2}, score{literal: 1, matched: 5}, true},
		{score{literal: 1, partial: 4}, score{literal: 1, partial: 0, matched: 3}, true},
		{score{literal: 1, matched: 0}, score{literal: 1, matched: 2, missed: 1}, true},
		{score{literal: 1, matched: 2}, score{literal: 1, matched: 1}, true},
		{score{literal: 1, matched: 1}, score{literal: 1, matched: 1}, false},
	} {
		if got := tc.a.better(tc.b); got != tc.want {
			t.Errorf("%+v.better(%+v) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
}

func TestLiteralTextInAVariableSegmentWins(t *testing.T) {
	tb := &fakeTB{TB: t}
	srv := NewServer(tb, []Route{
		{Operation: "Carts.GetByID", Method: "GET", Path: "/carts/{{id}}", Examples: []Example{{Name: "id", Body: "id"}}},
		{Operation: "Carts.GetByKey", Method: "GET", Path: "/carts/key={{key}}", Examples: []Example{{Name: "key", Body: "key"}}},
	})
	c := srv.srv.Client()
	for path, want := range map[string]string{"/carts/key=k1": "key", "/carts/c1": "id"} {
		if _, body, _ := get(t, c, "GET", srv.URL+path); body != want {
			t.Errorf("GET %s = %q, want %q", path, body, want)
		}
	}
	for _, r := range srv.Requests() {
		if r.Ambiguous != nil {
			t.Errorf("GET %s recorded as ambiguous %q", r.URL, r.Ambiguous)
		}
	}
}
