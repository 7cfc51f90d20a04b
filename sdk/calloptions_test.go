package sdk

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// The tests of this file send calls with RequestOptions to a server that
// records what arrived, and check the wire.

// arrived is one request as the server read it.
type arrived struct {
	uri, host string
	header    http.Header
	body      string
}

// wireLog answers the n-th request with statuses[n] (200 past the end)
// and records every request.
type wireLog struct {
	statuses []int
	mu       sync.Mutex
	reqs     []arrived
}

func (s *wireLog) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	b, _ := io.ReadAll(r.Body)
	s.mu.Lock()
	n := len(s.reqs)
	s.reqs = append(s.reqs, arrived{r.RequestURI, r.Host, r.Header.Clone(), string(b)})
	s.mu.Unlock()
	if n < len(s.statuses) {
		w.WriteHeader(s.statuses[n])
		return
	}
	io.WriteString(w, `{}`)
}

// got returns the requests recorded so far.
func (s *wireLog) got() []arrived {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]arrived(nil), s.reqs...)
}

// optionsClient starts a wireLog answering statuses and returns it with
// a core for it that tries twice, without waiting between attempts.
func optionsClient(t *testing.T, statuses []int, opts ...Option) (*wireLog, *Core) {
	t.Helper()
	rec := &wireLog{statuses: statuses}
	srv := httptest.NewServer(rec)
	t.Cleanup(srv.Close)
	c, _ := faultClient(t, srv.URL, RetryPolicy{MaxAttempts: 2, BaseDelay: time.Millisecond, AllMethods: true}, opts...)
	return rec, c
}

// sendCall sends one call and returns the attempts that arrived, which
// must be n.
func sendCall(t *testing.T, c *Core, rec *wireLog, op *Operation, in Call, n int) []arrived {
	t.Helper()
	before := len(rec.got())
	if _, err := SendNoResult(context.Background(), c, op, in); err != nil {
		t.Fatalf("send: %v", err)
	}
	reqs := rec.got()
	if len(reqs) != before+n {
		t.Fatalf("%d requests arrived, want %d", len(reqs)-before, n)
	}
	return reqs[before:]
}

// sendOne sends a call that takes one attempt, and returns it.
func sendOne(t *testing.T, c *Core, rec *wireLog, op *Operation, in Call) arrived {
	t.Helper()
	return sendCall(t, c, rec, op, in, 1)[0]
}

func TestWithHeaderReplacesTheRequestsValuesInAnyCase(t *testing.T) {
	rec, c := optionsClient(t, nil)
	op := &Operation{Name: "T.Get", Method: "GET", Path: "/h", Params: []Param{
		{In: InHeader, Key: "x-api-version", Value: "1", Const: true},
		{In: InHeader, Key: "X-Api-Version", Value: "1b", Const: true},
		{In: InHeader, Key: "X-Slot", Value: "collection", Const: true},
		{In: InHeader, Key: "X-Multi", Value: "a", Const: true},
		{In: InHeader, Key: "X-Kept", Value: "kept", Const: true},
	}}
	got := sendOne(t, c, rec, op, Call{Args: Args{{In: InHeader, Key: "X-Slot", Values: []string{"caller"}}}, Options: []RequestOption{
		WithHeader("X-API-VERSION", "2"),
		WithHeader("x-slot", "option"),
		WithHeaderAdd("x-multi", "b"),
		WithHeaderAdd("X-New", "n1"),
		WithHeaderAdd("X-New", "n2"),
		WithHeader("User-Agent", "mine/1"),
		WithHeader("Host", "api.example.test"),
	}})
	for name, want := range map[string][]string{
		"X-Api-Version": {"2"},
		"X-Slot":        {"option"},
		"X-Multi":       {"a", "b"},
		"X-New":         {"n1", "n2"},
		"X-Kept":        {"kept"},
		"User-Agent":    {"mine/1"}, // the system header is not added over it
		"Accept":        {"*/*"},
	} {
		if v := got.header.Values(name); strings.Join(v, "|") != strings.Join(want, "|") {
			t.Errorf("%s: %q, want %q", name, v, want)
		}
	}
	if got.host != "api.example.test" {
		t.Errorf("Host %q, want api.example.test", got.host)
	}
	// The options belong to that call only.
	next := sendOne(t, c, rec, op, Call{})
	if v := next.header.Values("X-Api-Version"); len(v) != 1 || v[0] != "1b" {
		t.Errorf("next call X-Api-Version %q, want the collection's [1b]", v)
	}
	if next.header.Get("X-New") != "" {
		t.Errorf("next call has X-New %q", next.header.Get("X-New"))
	}
}

func TestWithQueryReplacesInPlaceOrAppends(t *testing.T) {
	rec, c := optionsClient(t, nil)
	op := &Operation{Name: "T.Get", Method: "GET", Path: "/q", Params: []Param{
		q("a", "1"), q("dup", "1"), q("d e", "x"), q("b", "2"), q("dup", "2"), qnull("flag"),
	}}
	tests := []struct {
		name string
		op   *Operation
		opts []RequestOption
		want string
	}{
		{"replace keeps the first's place, others removed", op, []RequestOption{WithQuery("dup", "9")}, "/q?a=1&dup=9&d%20e=x&b=2&flag"},
		{"key compared in its wire form", op, []RequestOption{WithQuery("d e", "y")}, "/q?a=1&dup=1&d%20e=y&b=2&dup=2&flag"},
		{"a null parameter takes a value", op, []RequestOption{WithQuery("flag", "on")}, "/q?a=1&dup=1&d%20e=x&b=2&dup=2&flag=on"},
		{"new key appended, escaped as caller values", op, []RequestOption{WithQuery("new", "x&y=z#w {{v}} é")}, "/q?a=1&dup=1&d%20e=x&b=2&dup=2&flag&new=x%26y=z%23w%20{{v}}%20%C3%A9"},
		{"key escaped as caller keys", op, []RequestOption{WithQuery("k=&", "v")}, "/q?a=1&dup=1&d%20e=x&b=2&dup=2&flag&k%3D%26=v"},
		{"add appends after the same key", op, []RequestOption{WithQueryAdd("a", "3")}, "/q?a=1&dup=1&d%20e=x&b=2&dup=2&flag&a=3"},
		{"applied in order", op, []RequestOption{WithQueryAdd("z", "1"), WithQuery("a", "0"), WithQuery("z", "2"), nil}, "/q?a=0&dup=1&d%20e=x&b=2&dup=2&flag&z=2"},
		{"no query before", &Operation{Name: "T.Get", Method: "GET", Path: "/p"}, []RequestOption{WithQuery("k", "v")}, "/p?k=v"},
		{"URL encoding disabled", &Operation{Name: "T.Get", Method: "GET", Path: "/r", RawURL: true}, []RequestOption{WithQuery("k", "a&b")}, "/r?k=a%26b"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := sendOne(t, c, rec, tt.op, Call{Options: tt.opts}); got.uri != tt.want {
				t.Errorf("request URI %s\nwant        %s", got.uri, tt.want)
			}
		})
	}
}

func TestWithCallVariableBeatsWithVariableForOneCall(t *testing.T) {
	rec, c := optionsClient(t, []int{503}, WithVariable("tenant", "client"))
	c.defaults = map[string]string{"tenant": "collection", "region": "eu", "token": "tok-client"}
	op := &Operation{Name: "T.Get", Method: "GET", Path: "/{{region}}/items", Auth: &BearerAuth{Token: "{{token}}"},
		Params: []Param{{In: InHeader, Key: "X-Tenant", Value: "{{tenant}}", Const: true}}}
	reqs := sendCall(t, c, rec, op, Call{Options: []RequestOption{
		WithCallVariable("tenant", "call"), WithCallVariable("region", "us"), WithCallVariable("token", "tok-call"),
	}}, 2)
	for i, got := range reqs {
		// The auth resolves its token on every attempt: the retry too.
		if got.uri != "/us/items" || got.header.Get("X-Tenant") != "call" || got.header.Get("Authorization") != "Bearer tok-call" {
			t.Errorf("attempt %d: %s, X-Tenant %q, Authorization %q; want /us/items, call, Bearer tok-call",
				i+1, got.uri, got.header.Get("X-Tenant"), got.header.Get("Authorization"))
		}
	}
	next := sendOne(t, c, rec, op, Call{})
	if next.uri != "/eu/items" || next.header.Get("X-Tenant") != "client" || next.header.Get("Authorization") != "Bearer tok-client" {
		t.Errorf("next call: %s, X-Tenant %q, Authorization %q; want /eu/items, client, Bearer tok-client",
			next.uri, next.header.Get("X-Tenant"), next.header.Get("Authorization"))
	}
	if c.vars["tenant"] != "client" || len(c.vars) != 1 {
		t.Errorf("client variables changed: %v", c.vars)
	}
}

// A call made from a hook with the request's context is a call of its
// own: it does not take the variables and hooks of the call it runs in,
// on its retry either.
func TestACallInsideAHookDoesNotTakeTheOuterCallsOptions(t *testing.T) {
	rec, c := optionsClient(t, []int{503}) // the inner call's first attempt
	c.defaults = map[string]string{"tenant": "collection"}
	inner := &Operation{Name: "T.Inner", Method: "GET", Path: "/inner", Params: []Param{hdr("X-Tenant", "{{tenant}}")}}
	outer := &Operation{Name: "T.Outer", Method: "GET", Path: "/outer", Params: []Param{hdr("X-Tenant", "{{tenant}}")}}
	hookRuns := 0
	hook := func(ctx context.Context, req *http.Request) error {
		hookRuns++
		if hookRuns > 1 {
			return errors.New("the call hook ran on the inner call")
		}
		_, err := SendNoResult(ctx, c, inner, Call{})
		return err
	}
	if _, err := SendNoResult(context.Background(), c, outer, Call{Options: []RequestOption{WithCallVariable("tenant", "outer"), WithCallHook(hook)}}); err != nil {
		t.Fatal(err)
	}
	reqs := rec.got()
	if len(reqs) != 3 || reqs[0].uri != "/inner" || reqs[1].uri != "/inner" || reqs[2].uri != "/outer" {
		t.Fatalf("requests %v, want /inner twice then /outer", reqs)
	}
	if a, b := reqs[1].header.Get("X-Tenant"), reqs[2].header.Get("X-Tenant"); a != "collection" || b != "outer" {
		t.Errorf("X-Tenant inner %q, outer %q; want collection, outer", a, b)
	}
}

func TestWithRawBodyIsSentOnEveryAttempt(t *testing.T) {
	rec, c := optionsClient(t, []int{503})
	op := &Operation{Name: "T.Put", Method: "PUT", Path: "/raw", Params: []Param{hdr("Content-Type", "application/json")},
		Body: &BodySpec{Mode: BodyRaw, ContentType: "application/json", Text: `{"collection":true}`}}
	reqs := sendCall(t, c, rec, op, Call{Body: map[string]int{"typed": 1}, Options: []RequestOption{
		WithRawBody("application/xml", []byte("<raw/>")),
	}}, 2)
	for i, r := range reqs {
		if r.body != "<raw/>" || r.header.Values("Content-Type")[0] != "application/xml" || len(r.header.Values("Content-Type")) != 1 {
			t.Errorf("attempt %d: body %q, Content-Type %q; want <raw/>, [application/xml]", i+1, r.body, r.header.Values("Content-Type"))
		}
	}
	// "" keeps the request's Content-Type.
	plain := &Operation{Name: "T.Post", Method: "POST", Path: "/raw", Body: &BodySpec{Mode: BodyRaw, ContentType: "text/plain"}}
	got := sendOne(t, c, rec, plain, Call{Options: []RequestOption{WithRawBody("", []byte("hello"))}})
	if got.body != "hello" || got.header.Get("Content-Type") != "text/plain" {
		t.Errorf("body %q, Content-Type %q; want hello, text/plain", got.body, got.header.Get("Content-Type"))
	}
}

type jsonBody struct {
	A int    `json:"a"`
	B string `json:"b,omitempty"`
}

func TestWithJSONFieldSetsMembersOfTheBody(t *testing.T) {
	rec, c := optionsClient(t, nil)
	c.defaults = map[string]string{"v": "resolved"}
	post := &Operation{Name: "T.Post", Method: "POST", Path: "/j", Body: &BodySpec{Mode: BodyRaw, ContentType: "application/json", Text: `{"a": 1, "b": "{{v}}", "a": 3}`}}
	tests := []struct {
		name string
		op   *Operation
		body any
		opts []RequestOption
		want string
	}{
		{"replace in place, add after, in option order", post, &jsonBody{A: 1, B: "x"},
			[]RequestOption{WithJSONField("extra", map[string]int{"n": 1}), WithJSONField("b", "<new>"), WithJSONField("z", nil), WithJSONField("extra", 2)},
			`{"a":1,"b":"<new>","extra":2,"z":null}`},
		{"the collection's body (WithSampleBody), duplicates of the set key dropped", post, nil,
			[]RequestOption{WithSampleBody(), WithJSONField("a", 9)},
			`{"a":9,"b":"resolved"}`},
		{"a nil body is no body: the sample is not sent, only the fields", post, nil,
			[]RequestOption{WithJSONField("a", 9)},
			`{"a":9}`},
		{"no body: an object of the fields", &Operation{Name: "T.Post", Method: "POST", Path: "/j"}, nil,
			[]RequestOption{WithJSONField("k", "v"), WithJSONField("n", 1.5)},
			`{"k":"v","n":1.5}`},
		{"on a raw body", post, nil,
			[]RequestOption{WithRawBody("", []byte(" {\"r\": [1, 2]} ")), WithJSONField("s", true)},
			`{"r":[1, 2],"s":true}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := sendOne(t, c, rec, tt.op, Call{Body: tt.body, Options: tt.opts})
			if got.body != tt.want {
				t.Errorf("body %s\nwant %s", got.body, tt.want)
			}
			if ct := got.header.Get("Content-Type"); ct != "application/json" {
				t.Errorf("Content-Type %q, want application/json", ct)
			}
		})
	}
}

func TestBadOptionsFailTheCallBeforeSending(t *testing.T) {
	rec, c := optionsClient(t, nil)
	post := &Operation{Name: "T.Post", Method: "POST", Path: "/j", Body: &BodySpec{Mode: BodyRaw, ContentType: "application/json"}}
	for _, tt := range []struct {
		name string
		body any
		opt  RequestOption
		want string
	}{
		{"array body", []int{1}, WithJSONField("k", 1), "not a JSON object"},
		{"text body", "plain text", WithJSONField("k", 1), "not a JSON object"},
		{"two objects", `{"a":1}{"b":2}`, WithJSONField("k", 1), "not a JSON object"},
		{"value that does not encode", nil, WithJSONField("k", func() {}), `WithJSONField "k"`},
		{"empty header name", nil, WithHeader("", "v"), "empty header name"},
		{"empty query name", nil, WithQueryAdd("", "v"), "empty query parameter name"},
		{"empty variable name", nil, WithCallVariable("", "v"), "empty variable name"},
		{"nil hook", nil, WithCallHook(nil), "the hook is nil"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := SendNoResult(context.Background(), c, post, Call{Body: tt.body, Options: []RequestOption{tt.opt}})
			var re *RequestError
			if !errors.As(err, &re) || re.Operation != "T.Post" || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v; want a *RequestError of T.Post saying %q", err, tt.want)
			}
		})
	}
	if n := len(rec.got()); n != 0 {
		t.Errorf("%d requests sent, want none", n)
	}
}

func TestWithCallHookRunsAfterTheClientsHooksOnEveryAttempt(t *testing.T) {
	var mu sync.Mutex
	var order []string
	logHook := func(name string) RequestHook {
		return func(_ context.Context, req *http.Request) error {
			mu.Lock()
			defer mu.Unlock()
			order = append(order, name+":"+req.Header.Get("X-Client-Hook"))
			if name == "client" {
				req.Header.Set("X-Client-Hook", "ran")
			}
			return nil
		}
	}
	rec, c := optionsClient(t, []int{503}, WithRequestHook(logHook("client")))
	op := &Operation{Name: "T.Get", Method: "GET", Path: "/hook"}
	sendCall(t, c, rec, op, Call{Options: []RequestOption{WithCallHook(logHook("call"))}}, 2)
	if got, want := strings.Join(order, " "), "client: call:ran client: call:ran"; got != want {
		t.Errorf("hooks ran %q, want %q", got, want)
	}
	order = nil
	sendOne(t, c, rec, op, Call{})
	if got := strings.Join(order, " "); got != "client:" {
		t.Errorf("next call ran hooks %q, want only the client's", got)
	}
	if len(c.hooks) != 1 {
		t.Errorf("client has %d hooks, want 1", len(c.hooks))
	}
}

// AWS Signature V4 signs every header and the query: what the options set
// is signed exactly as if the collection had it.
func TestSigningAuthSignsWhatOptionsSet(t *testing.T) {
	fixClock(t, time.Date(2026, 11, 26, 22, 57, 47, 0, time.UTC), "7ZVHNjHD")
	rec, c := optionsClient(t, nil, WithAWSCredentials("AKID", "aws-secret", ""))
	auth := &AWSV4Auth{AccessKey: NotCopied, SecretKey: NotCopied, Region: "eu-west-1", Service: "execute-api"}
	withRows := &Operation{Name: "T.Get", Method: "GET", Path: "/signed", Auth: auth,
		Params: []Param{q("a", "1"), q("q", "x y"), hdr("X-Custom", "v")}}
	plain := &Operation{Name: "T.Get", Method: "GET", Path: "/signed", Auth: auth, Params: []Param{q("a", "1")}}
	want := sendOne(t, c, rec, withRows, Call{})
	got := sendOne(t, c, rec, plain, Call{Options: []RequestOption{WithQuery("q", "x y"), WithHeader("x-custom", "v")}})
	if got.uri != want.uri || got.header.Get("X-Custom") != "v" {
		t.Fatalf("request %s, X-Custom %q; want %s, v", got.uri, got.header.Get("X-Custom"), want.uri)
	}
	if a := got.header.Get("Authorization"); !strings.Contains(a, "SignedHeaders=host;x-amz-date;x-custom,") || a != want.header.Get("Authorization") {
		t.Errorf("Authorization %q\nwant          %q", a, want.header.Get("Authorization"))
	}
}

func TestTheAuthsHeaderWinsOverWithHeader(t *testing.T) {
	for _, tc := range []struct {
		name string
		auth Authorizer
		opt  Option
		want string
	}{
		{"bearer", &BearerAuth{}, WithBearerToken("tok"), "Bearer tok"},
		{"basic", &BasicAuth{}, WithBasicAuth("u", "p"), "Basic dTpw"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec, c := optionsClient(t, nil, tc.opt)
			op := &Operation{Name: "T.Get", Method: "GET", Path: "/auth", Auth: tc.auth}
			got := sendOne(t, c, rec, op, Call{Options: []RequestOption{WithHeader("authorization", "Bearer mine"), WithHeaderAdd("Authorization", "x")}})
			if v := got.header.Values("Authorization"); len(v) != 1 || v[0] != tc.want {
				t.Errorf("Authorization %q, want [%s]", v, tc.want)
			}
		})
	}
}
