package sdk

import (
	"context"
	"errors"
	"testing"
	"time"
)

// Typed values are encoded as their type says, zero values are left out,
// and a pointer sends even its zero.
func TestArgsEncodeTypedValues(t *testing.T) {
	zero, f := int64(0), false
	var a Args
	Query(&a, "s", "x y")
	Query(&a, "empty", "")
	Query(&a, "n", int64(-27))
	Query(&a, "n0", int64(0))
	Query(&a, "p0", &zero)
	Query(&a, "pnil", (*int64)(nil))
	Query(&a, "b", true)
	Query(&a, "bfalse", false)
	Query(&a, "pf", &f)
	Query(&a, "f", 1.5)
	Query(&a, "t", time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC))
	Query(&a, "tz", time.Time{})
	Query(&a, "ids", []int64{1, 2})
	Query(&a, "tags", []string{"a", "b"})
	Flag(&a, "verbose", true)
	Flag(&a, "quiet", false)
	Header(&a, "X-N", int64(3))

	srv := newCaptureServer(t)
	op := Operation{Method: "GET", Path: "/a"}
	got := srv.roundTrip(t, &Core{}, &op, Call{Args: a})
	want := "GET /a?s=x%20y&n=-27&p0=0&b=true&pf=false&f=1.5&t=2024-01-02T03:04:05Z&ids=1&ids=2&tags=a&tags=b&verbose HTTP/1.1"
	if got.line != want {
		t.Errorf("request line\n got: %s\nwant: %s", got.line, want)
	}
	if h := got.header.Get("X-N"); h != "3" {
		t.Errorf("X-N = %q", h)
	}
}

// A required path argument left empty fails before anything is sent,
// with an error errors.As can match.
func TestEmptyPathArgumentIsAnError(t *testing.T) {
	c, err := NewCore(&Defaults{Origins: []string{"http://127.0.0.1:1"}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, op := range []*Operation{
		{Name: "Issues.Unlock", Method: "DELETE", Path: "/repos/:owner/:repo", PathVars: []string{"owner", "repo"}},
		{Name: "Profiles.Get", Method: "GET", Path: "/profiles/celeb_{{username}}", PathVars: []string{"{{username}}"}},
	} {
		_, err := SendNoResult(context.Background(), c, op, Call{Path: []string{"", ""}})
		var ae *ArgumentError
		if !errors.As(err, &ae) || ae.Operation != op.Name || ae.Name != map[string]string{"Issues.Unlock": "owner", "Profiles.Get": "username"}[op.Name] {
			t.Errorf("%s: err = %v, want an *ArgumentError for its first argument", op.Name, err)
		}
	}
}

// WithQuery for a key the operation has a row of is sent in the row's
// place, even for a sample row the call leaves out: the Example sends an
// empty sample value this way, in Postman's order.
func TestWithQueryTakesTheRowsPlace(t *testing.T) {
	srv := newCaptureServer(t)
	op := Operation{Method: "GET", Path: "/p", Params: []Param{q("a", "1"), sample(InQuery, "empty", ""), q("z", "2")}}
	got := srv.roundTrip(t, &Core{}, &op, Call{Options: []RequestOption{WithQuery("empty", ""), WithQuery("extra", "x")}})
	if want := "GET /p?a=1&empty=&z=2&extra=x HTTP/1.1"; got.line != want {
		t.Errorf("request line\n got: %s\nwant: %s", got.line, want)
	}
}
