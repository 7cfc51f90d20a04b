package sdk

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
)

// stubTransport answers every request with a small JSON body, without a
// network: what a call costs in the runtime alone.
type stubTransport struct{}

func (stubTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Body != nil {
		io.Copy(io.Discard, r.Body)
		r.Body.Close()
	}
	return &http.Response{StatusCode: 200, Status: "200 OK", Header: http.Header{"Content-Type": {"application/json"}},
		Body: io.NopCloser(strings.NewReader(`{"id":"42"}`)), ContentLength: 11, Request: r}, nil
}

// BenchmarkCallOptions measures one call in the runtime, with no options
// (what every call of a generated method costs: it must not grow with
// the options feature) and with a few.
func BenchmarkCallOptions(b *testing.B) {
	c, err := NewCore(&Defaults{Origins: []string{"{{baseUrl}}"}, Variables: map[string]string{"baseUrl": "http://api.test", "tenant": "acme"}, UserAgent: "sdk/1"},
		[]Option{WithHTTPClient(&http.Client{Transport: stubTransport{}})})
	if err != nil {
		b.Fatal(err)
	}
	op := &Operation{Name: "T.Get", Method: "GET", Path: "/bookings/:id", PathVars: []string{"id"},
		Params: []Param{{In: InHeader, Key: "X-Tenant", Value: "{{tenant}}", Const: true}, {In: InQuery, Key: "limit", Value: "10", Const: true}}}
	type booking struct {
		ID string `json:"id"`
	}
	for _, tc := range []struct {
		name string
		opts []RequestOption
	}{
		{"none", nil},
		{"header-query-var", []RequestOption{WithHeader("X-Trace", "t1"), WithQuery("limit", "5"), WithCallVariable("tenant", "other")}},
	} {
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				got, _, err := SendObject[booking](context.Background(), c, op, Call{Path: []string{"42"}, Options: tc.opts})
				if err != nil || got.ID != "42" {
					b.Fatal(got, err)
				}
			}
		})
	}
}
