package sdkmock

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// Server is a mock of the API: a local HTTP server that answers each
// request of the collection with one of its saved examples (status,
// headers and body), so code using the SDK can be tested offline. Create
// one with NewServer; it is safe for concurrent use.
//
// A request is matched by method and path template (path variables and
// {{variables}} match any segment), then by what tells requests on the
// same path apart: fixed query values, fixed headers and where the auth
// goes (an API key in the query, an Authorization header). The route whose
// values the request matches the most, and misses the least, wins; when
// several tie (the collection has requests that cannot be told apart on
// the wire) the first in collection order answers and Request.Ambiguous
// names them all. It gets, in this order: the handler or
// response set for its operation with Handle or Respond; the example named
// by its x-mock-response-name header, or the first with the status in its
// x-mock-response-code header (as Postman's mock servers do); the example
// chosen with UseExample; else the first 2xx example, or the first
// example, or an empty 200 response when the collection saved none.
type Server struct {
	// URL is the server's base URL, such as "http://127.0.0.1:40123": give
	// it to the SDK's client with WithBaseURL.
	URL string

	srv    *httptest.Server
	tb     reporter
	routes []Route

	mu       sync.Mutex
	chosen   map[string]string       // operation -> example name
	handlers map[string]http.Handler // operation -> handler
	requests []Request
}

// Request is a request the server received.
type Request struct {
	// Operation is the SDK method the request matched, such as
	// "Bookings.Get"; "" when it matched none.
	Operation string
	// Ambiguous lists, in collection order, the operations the request
	// fits equally well when there are several (Operation is the first):
	// the collection has requests that cannot be told apart on the wire.
	// It is nil when one operation fits best.
	Ambiguous []string
	// Method is the request method.
	Method string
	// URL holds the path and query as sent; Host is the host the request
	// was addressed to.
	URL  *url.URL
	Host string
	// Header holds the request headers.
	Header http.Header
	// Body is the request body.
	Body []byte
}

// Response is a canned response for Respond.
type Response struct {
	// StatusCode is the status; 0 means 200.
	StatusCode int
	// Header holds the response headers.
	Header http.Header
	// Body is the response body.
	Body string
}

// Route is one request of the collection.
type Route struct {
	// Operation is the SDK method, "Service.Method".
	Operation string
	Method    string
	// Path is the Path template, "/bookings/:bookingId"; prefix is the
	// Path of the request's base URL when the collection resolves it
	// ("/v1"), which a request sent with that base URL starts with.
	Path   string
	Prefix string
	// Query holds the Query values that tell this request apart from
	// others with the same method and path; Header holds the headers that
	// do (an Authorization header, an API key header, a fixed header).
	Query  []QueryValue
	Header []HeaderValue
	// Examples are the saved responses, in collection order.
	Examples []Example
}

// QueryValue is a query parameter a route expects; Null means the key
// without a value ("?flag"), Any the key with any value (an API key).
type QueryValue struct {
	Key, Value string
	Null, Any  bool
}

// HeaderValue is a header a route expects: Key with Value, or with any
// value when Any is set (an Authorization header).
type HeaderValue struct {
	Key, Value string
	Any        bool
}

// Example is a saved response.
type Example struct {
	Name   string
	Status int
	Header [][2]string
	Body   string
}

// NewServer starts a server answering routes with their examples. It is
// closed when the test ends; a request that matches no route fails the
// test. Generated SDKs call it with their collection's routes from the
// NewServer of their <package>test package.
func NewServer(tb testing.TB, routes []Route) *Server {
	tb.Helper()
	s := &Server{tb: tb, routes: routes, chosen: map[string]string{}, handlers: map[string]http.Handler{}}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	s.URL = s.srv.URL
	tb.Cleanup(s.srv.Close)
	return s
}

// Start starts a server answering routes with their examples outside a
// test, as the SDK's Example functions do: the caller closes it. A
// request that matches no route gets a 404 whose body says so, and
// UseExample, Respond and Handle panic on an operation or example the
// collection does not have. Generated SDKs call it with their
// collection's routes from the Start of their <package>test package.
func Start(routes []Route) *Server {
	s := &Server{tb: panics{}, routes: routes, chosen: map[string]string{}, handlers: map[string]http.Handler{}}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	s.URL = s.srv.URL
	return s
}

// reporter is the part of testing.TB a server reports through.
type reporter interface {
	Helper()
	Errorf(format string, args ...any)
	Fatalf(format string, args ...any)
}

// panics is the reporter of a server started outside a test: a misuse
// panics, and a request no route matches is answered 404 only.
type panics struct{}

func (panics) Helper()                           {}
func (panics) Errorf(format string, args ...any) {}
func (panics) Fatalf(format string, args ...any) { panic(fmt.Sprintf(format, args...)) }

// Close shuts the server down; NewServer arranges it at the end of the
// test already.
func (s *Server) Close() { s.srv.Close() }

// Client returns an *http.Client that sends every request to the server
// whatever its host: give it to the SDK with WithHTTPClient when requests
// go to several hosts, or keep the collection's base URL. Request.Host
// still says where each request was addressed.
func (s *Server) Client() *http.Client {
	target, _ := url.Parse(s.URL)
	return &http.Client{Transport: toServer{target: target, next: s.srv.Client().Transport}}
}

// toServer sends requests to target, keeping their Host header.
type toServer struct {
	target *url.URL
	next   http.RoundTripper
}

// RoundTrip sends r to the server.
func (t toServer) RoundTrip(r *http.Request) (*http.Response, error) {
	out := r.Clone(r.Context())
	if out.Host == "" {
		out.Host = r.URL.Host
	}
	out.URL.Scheme, out.URL.Host = t.target.Scheme, t.target.Host
	return t.next.RoundTrip(out)
}

// UseExample makes the server answer the requests of operation (the SDK
// method, such as "Bookings.Get") with its example called name, such as
// "not found". It fails the test when either does not exist.
func (s *Server) UseExample(operation, name string) {
	s.tb.Helper()
	r := s.route(operation)
	if r == nil {
		return
	}
	for _, ex := range r.Examples {
		if ex.Name == name {
			s.mu.Lock()
			s.chosen[operation] = name
			s.mu.Unlock()
			return
		}
	}
	s.tb.Fatalf("mock server: %s has no example named %q; it has %s", operation, name, quoted(exampleNames(r)))
}

// Respond makes the server answer the requests of operation with resp.
func (s *Server) Respond(operation string, resp Response) {
	s.tb.Helper()
	s.Handle(operation, http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		for k, vs := range resp.Header {
			w.Header()[k] = append([]string(nil), vs...)
		}
		status := resp.StatusCode
		if status == 0 {
			status = http.StatusOK
		}
		w.WriteHeader(status)
		io.WriteString(w, resp.Body)
	}))
}

// Handle makes h answer the requests of operation, for answers that depend
// on the request. The request's body can be read again from Requests.
func (s *Server) Handle(operation string, h http.Handler) {
	s.tb.Helper()
	if s.route(operation) == nil {
		return
	}
	s.mu.Lock()
	s.handlers[operation] = h
	s.mu.Unlock()
}

// Requests returns the requests the server has received, oldest first.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

// Examples returns the names of the examples the collection saved for
// operation, in collection order.
func (s *Server) Examples(operation string) []string {
	s.tb.Helper()
	if r := s.route(operation); r != nil {
		return exampleNames(r)
	}
	return nil
}

// route returns the route of operation, failing the test when there is
// none.
func (s *Server) route(operation string) *Route {
	s.tb.Helper()
	for i := range s.routes {
		if s.routes[i].Operation == operation {
			return &s.routes[i]
		}
	}
	var ops []string
	for _, r := range s.routes {
		ops = append(ops, r.Operation)
	}
	s.tb.Fatalf("mock server: no operation %q; the collection has %s", operation, quoted(ops))
	return nil
}

// serve answers one request.
func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	r.Body = io.NopCloser(strings.NewReader(string(body)))
	rt, tied := s.match(r)
	rec := Request{Method: r.Method, URL: r.URL, Host: r.Host, Header: r.Header.Clone(), Body: body}
	if rt != nil {
		rec.Operation = rt.Operation
	}
	if len(tied) > 1 {
		rec.Ambiguous = tied
	}
	s.mu.Lock()
	s.requests = append(s.requests, rec)
	var h http.Handler
	chosen := ""
	if rt != nil {
		h, chosen = s.handlers[rt.Operation], s.chosen[rt.Operation]
	}
	s.mu.Unlock()

	switch {
	case rt == nil:
		msg := fmt.Sprintf("mock server: no request of the collection matches %s %s", r.Method, r.URL.RequestURI())
		s.tb.Errorf("%s (give the client the server's URL with WithBaseURL)", msg)
		http.Error(w, msg, http.StatusNotFound)
	case h != nil:
		h.ServeHTTP(w, r)
	default:
		writeExample(w, pick(rt, r, chosen))
	}
}

// pick chooses the example that answers r.
func pick(rt *Route, r *http.Request, chosen string) *Example {
	if name := r.Header.Get("X-Mock-Response-Name"); name != "" {
		chosen = name
	}
	if code := r.Header.Get("X-Mock-Response-Code"); code != "" {
		for i := range rt.Examples {
			if strconv.Itoa(rt.Examples[i].Status) == code {
				return &rt.Examples[i]
			}
		}
	}
	for i := range rt.Examples {
		if chosen != "" && rt.Examples[i].Name == chosen {
			return &rt.Examples[i]
		}
	}
	for i := range rt.Examples {
		if rt.Examples[i].Status/100 == 2 {
			return &rt.Examples[i]
		}
	}
	if len(rt.Examples) > 0 {
		return &rt.Examples[0]
	}
	return &Example{Status: http.StatusOK}
}

// writeExample writes a saved response.
func writeExample(w http.ResponseWriter, ex *Example) {
	for _, h := range ex.Header {
		w.Header().Add(h[0], h[1])
	}
	status := ex.Status
	if status == 0 {
		status = http.StatusOK
	}
	w.WriteHeader(status)
	io.WriteString(w, ex.Body)
}

// match returns the route r belongs to: the same method, a path that fits
// the template (after the base URL's path, when it is there), then the best
// score (see score); nil when none fits. tied lists the operations of the
// routes with the best score, in collection order.
func (s *Server) match(r *http.Request) (best *Route, tied []string) {
	path := splitPath(r.URL.EscapedPath())
	var bestScore score
	for i := range s.routes {
		rt := &s.routes[i]
		if !strings.EqualFold(rt.Method, r.Method) {
			continue
		}
		tmpl := splitPath(rt.Path)
		literal, ok := matchPath(tmpl, path)
		if !ok && rt.Prefix != "" {
			if prefix := splitPath(rt.Prefix); len(prefix) <= len(path) {
				if _, pok := matchPath(prefix, path[:len(prefix)]); pok {
					literal, ok = matchPath(tmpl, path[len(prefix):])
				}
			}
		}
		if !ok {
			continue
		}
		sc := scoreRoute(rt, r)
		sc.literal, sc.partial = literal, partialLiteral(tmpl)
		switch {
		case best == nil || sc.better(bestScore):
			best, bestScore, tied = rt, sc, []string{rt.Operation}
		case sc == bestScore:
			tied = append(tied, rt.Operation)
		}
	}
	return best, tied
}

// score is how well a request fits a route whose path it matches.
type score struct {
	// literal counts the literal path segments ("/users/me" over
	// "/users/:id"), partial the literal text of the others ("key={{key}}"
	// over "{{id}}"); matched and missed count the route's query and
	// header values the request has and lacks.
	literal, partial, matched, missed int
}

// better reports whether s beats t: more literal segments, then more
// literal text in the others, then fewer values missed, then more values
// matched.
func (s score) better(t score) bool {
	if s.literal != t.literal {
		return s.literal > t.literal
	}
	if s.partial != t.partial {
		return s.partial > t.partial
	}
	if s.missed != t.missed {
		return s.missed < t.missed
	}
	return s.matched > t.matched
}

// scoreRoute counts the query values and headers of rt that r has.
func scoreRoute(rt *Route, r *http.Request) score {
	var sc score
	count := func(ok bool) {
		if ok {
			sc.matched++
		} else {
			sc.missed++
		}
	}
	query := r.URL.Query()
	for _, q := range rt.Query {
		vs, found := query[q.Key]
		count(found && (q.Null || q.Any || contains(vs, q.Value)))
	}
	for _, h := range rt.Header {
		vs := r.Header.Values(h.Key)
		count(len(vs) > 0 && (h.Any || contains(vs, h.Value)))
	}
	return sc
}

// splitPath splits an escaped path into its unescaped segments.
func splitPath(p string) []string {
	p = strings.TrimPrefix(p, "/")
	if p == "" {
		return nil
	}
	segs := strings.Split(p, "/")
	for i, s := range segs {
		if u, err := url.PathUnescape(s); err == nil {
			segs[i] = u
		}
	}
	return segs
}

// matchPath matches request segments against template segments and
// returns how many template segments were literal.
func matchPath(tmpl, segs []string) (int, bool) {
	if len(tmpl) != len(segs) {
		return 0, false
	}
	literal := 0
	for i, t := range tmpl {
		if !strings.HasPrefix(t, ":") && !strings.Contains(t, "{{") {
			if t != segs[i] {
				return 0, false
			}
			literal++
			continue
		}
		if !glob(pattern(t), segs[i]) {
			return 0, false
		}
	}
	return literal, true
}

// partialLiteral counts the literal text of the template segments that
// hold a variable: "key=" in "key={{key}}", ".json" in ":id.json".
func partialLiteral(tmpl []string) int {
	n := 0
	for _, t := range tmpl {
		if strings.HasPrefix(t, ":") || strings.Contains(t, "{{") {
			for _, part := range pattern(t) {
				n += len(part)
			}
		}
	}
	return n
}

// pattern turns a template segment into literal parts and wildcards ("" in
// the returned slice stands for a wildcard): ":id.json" is a wildcard
// then ".json"; "v{{version}}" is "v" then a wildcard.
func pattern(seg string) []string {
	var parts []string
	if strings.HasPrefix(seg, ":") && len(seg) > 1 {
		parts = append(parts, "")
		if i := strings.IndexByte(seg, '.'); i > 0 {
			seg = seg[i:]
		} else {
			seg = ""
		}
	}
	for seg != "" {
		i := strings.Index(seg, "{{")
		j := -1
		if i >= 0 {
			j = strings.Index(seg[i:], "}}")
		}
		if i < 0 || j < 0 {
			parts = append(parts, seg)
			break
		}
		if i > 0 {
			parts = append(parts, seg[:i])
		}
		parts = append(parts, "")
		seg = seg[i+j+2:]
	}
	return parts
}

// glob matches s against parts, where "" matches any text.
func glob(parts []string, s string) bool {
	if len(parts) == 0 {
		return s == ""
	}
	if parts[0] != "" {
		return strings.HasPrefix(s, parts[0]) && glob(parts[1:], s[len(parts[0]):])
	}
	for i := 0; i <= len(s); i++ {
		if glob(parts[1:], s[i:]) {
			return true
		}
	}
	return false
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// exampleNames lists a route's example names.
func exampleNames(r *Route) []string {
	names := make([]string, len(r.Examples))
	for i, ex := range r.Examples {
		names[i] = ex.Name
	}
	return names
}

// quoted renders names for a message, sorted.
func quoted(names []string) string {
	if len(names) == 0 {
		return "none"
	}
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = strconv.Quote(n)
	}
	sort.Strings(q)
	return strings.Join(q, ", ")
}
