package mockroutes

import (
	"context"
	"reflect"
	"testing"

	"github.com/postgen/postgen/golden/mockroutes/mockroutestest"
)

// The collection has five requests on POST /login: they differ by an API
// key in the query, a query value, a header, or not at all. The mock server
// must answer and record each as its own operation. Auth.LoginWithKey comes
// first, so a route expecting a value the request lacks is tried before the
// plain one.

func TestMockServerRoutesByOperation(t *testing.T) {
	srv := mockroutestest.NewServer(t)
	srv.Respond("Auth.LoginAndRememberToken", mockroutestest.Response{StatusCode: 201, Body: `{"answer":"mine"}`})
	c, err := NewClient(WithBaseURL(srv.URL), WithAPIKey("k1"))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	body := &AuthLoginWithKeyBody{User: "ada"}
	calls := []struct {
		op   string
		call func() (*Auth, *Response, error)
		want string
	}{
		{"Auth.Login", func() (*Auth, *Response, error) { return c.Auth.Login(ctx, body) }, "login"},
		{"Auth.LoginAndRememberToken", func() (*Auth, *Response, error) { return c.Auth.LoginAndRememberToken(ctx, body) }, "mine"},
		{"Auth.LoginWithKey", func() (*Auth, *Response, error) { return c.Auth.LoginWithKey(ctx, body) }, "key"},
		{"Auth.LoginAsAdmin", func() (*Auth, *Response, error) { return c.Auth.LoginAsAdmin(ctx, body) }, "admin"},
		// Nothing on the wire tells it from Auth.Login: the first answers.
		{"Auth.LoginAgain", func() (*Auth, *Response, error) { return c.Auth.LoginAgain(ctx, body) }, "login"},
	}
	for _, tc := range calls {
		res, _, err := tc.call()
		if err != nil || res.Answer != tc.want {
			t.Errorf("%s = %+v, %v; want answer %q", tc.op, res, err, tc.want)
		}
	}
	reqs := srv.Requests()
	if len(reqs) != len(calls) {
		t.Fatalf("server saw %d requests, want %d", len(reqs), len(calls))
	}
	twins := []string{"Auth.Login", "Auth.LoginAgain"}
	for i, want := range []struct {
		op        string
		ambiguous []string
	}{
		{"Auth.Login", twins},
		{"Auth.LoginAndRememberToken", nil},
		{"Auth.LoginWithKey", nil},
		{"Auth.LoginAsAdmin", nil},
		{"Auth.Login", twins},
	} {
		if reqs[i].Operation != want.op || !reflect.DeepEqual(reqs[i].Ambiguous, want.ambiguous) {
			t.Errorf("request %d (%s %s) recorded as %q, ambiguous %q; want %q, %q", i, reqs[i].Method, reqs[i].URL, reqs[i].Operation, reqs[i].Ambiguous, want.op, want.ambiguous)
		}
	}
}
