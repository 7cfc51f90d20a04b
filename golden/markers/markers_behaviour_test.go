package markers

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
)

// sent is one request as the server read it, flattened to text.
type sent struct{ method, text string }

// newMarkerServer records every request as text: request line, headers
// and body, so a marker anywhere in it is found.
func newMarkerServer(t *testing.T) (*Client, func() []sent) {
	t.Helper()
	var got []sent
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var b strings.Builder
		b.WriteString(r.Method + " " + r.RequestURI + "\n")
		for k, vs := range r.Header {
			b.WriteString(k + ": " + strings.Join(vs, ", ") + "\n")
		}
		body, _ := io.ReadAll(r.Body)
		b.Write(body)
		got = append(got, sent{r.Method + " " + r.URL.Path, b.String()})
	}))
	t.Cleanup(srv.Close)
	c, err := NewClient(WithBaseURL(srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	return c, func() []sent { return got }
}

// callEveryMethod calls each method of c with zero arguments: pathArg for
// every path argument (they are required), nil for params and bodies, ""
// for a text body, no options.
func callEveryMethod(t *testing.T, c *Client, pathArg string) (calls int) {
	t.Helper()
	v := reflect.ValueOf(c)
	for i := 0; i < v.NumMethod(); i++ {
		m, name := v.Method(i), v.Type().Method(i).Name
		mt := m.Type()
		args := []reflect.Value{reflect.ValueOf(context.Background())}
		for j := 1; j < mt.NumIn(); j++ {
			in := mt.In(j)
			switch {
			case mt.IsVariadic() && j == mt.NumIn()-1:
				// no options
			case in.Kind() == reflect.String:
				s := pathArg
				if name == "PostNote" {
					s = "" // its text body: empty is no body
				}
				args = append(args, reflect.ValueOf(s))
			default:
				args = append(args, reflect.Zero(in))
			}
		}
		out := m.Call(args)
		if err, _ := out[len(out)-1].Interface().(error); err != nil {
			var apiErr *APIError
			if !errors.As(err, &apiErr) {
				t.Errorf("%s: %v", name, err)
			}
		}
		calls++
	}
	return calls
}

// Called with zero arguments, no method sends a sample: every SAMPLE-
// marker of the collection stays home, and the CONST- markers (the
// planner's constants) are sent.
func TestZeroCallsSendNoSample(t *testing.T) {
	c, got := newMarkerServer(t)
	calls := callEveryMethod(t, c, "zero")
	reqs := got()
	if calls != 8 || len(reqs) != calls {
		t.Fatalf("%d calls, %d requests sent; want 8 of each", calls, len(reqs))
	}
	consts := map[string]bool{}
	for _, r := range reqs {
		if i := strings.Index(r.text, "SAMPLE-"); i >= 0 {
			t.Errorf("%s sends a sample: %q", r.method, r.text[i:min(len(r.text), i+30)])
		}
		for _, c := range []string{"CONST-accept", "CONST-version", "CONST-tenant", "CONST-run", "CONST-cancel"} {
			if strings.Contains(r.text, c) {
				consts[c] = true
			}
		}
	}
	if len(consts) != 5 {
		t.Errorf("constants sent: %v; want all five", consts)
	}
}

// With a value in every argument every method sends: a path variable is
// an argument, never a client-wide variable the call fails without.
func TestEveryMethodSendsWithItsArguments(t *testing.T) {
	c, got := newMarkerServer(t)
	callEveryMethod(t, c, "id/with?slash")
	reqs := got()
	if len(reqs) != 8 {
		t.Fatalf("%d requests sent, want 8", len(reqs))
	}
	for _, r := range reqs {
		if strings.HasPrefix(r.method, "GET /users/") {
			if line := strings.SplitN(r.text, "\n", 2)[0]; line != "GET /users/id%2Fwith%3Fslash/profiles/celeb_id%2Fwith%3Fslash" {
				t.Errorf("path arguments not one segment each: %q", line)
			}
		}
	}
}
