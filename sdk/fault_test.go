package sdk

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// The tests of this file run the request pipeline against servers that
// misbehave: they fail, throttle, drop connections, truncate bodies.

// waits records the backoff waits instead of sleeping them.
type waits struct {
	mu sync.Mutex
	d  []time.Duration
}

func (w *waits) sleep(ctx context.Context, d time.Duration) error {
	w.mu.Lock()
	w.d = append(w.d, d)
	w.mu.Unlock()
	return ctx.Err()
}

// faultClient is a core for srv whose retries record their waits.
func faultClient(t *testing.T, baseURL string, p RetryPolicy, opts ...Option) (*Core, *waits) {
	t.Helper()
	w := &waits{}
	c, err := NewCore(&Defaults{Origins: []string{"{{baseUrl}}"}}, append([]Option{WithBaseURL(baseURL), WithRetry(p)}, opts...))
	if err != nil {
		t.Fatal(err)
	}
	c.retry.sleep = w.sleep
	return c, w
}

// script answers the n-th request (0-based) with statuses[n], or 200 past
// the end, and records every request body.
type script struct {
	statuses []int
	header   http.Header // added to every non-200 answer
	calls    atomic.Int32
	mu       sync.Mutex
	bodies   []string
}

func (s *script) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	n := int(s.calls.Add(1)) - 1
	b, _ := io.ReadAll(r.Body)
	s.mu.Lock()
	s.bodies = append(s.bodies, string(b))
	s.mu.Unlock()
	if n < len(s.statuses) {
		for k, v := range s.header {
			w.Header()[k] = v
		}
		w.WriteHeader(s.statuses[n])
		io.WriteString(w, `{"error":"try again"}`)
		return
	}
	io.WriteString(w, `{"id":7}`)
}

type thing struct {
	ID int `json:"id"`
}

func TestRetriesIdempotentMethodsWithJitteredBackoff(t *testing.T) {
	for _, method := range []string{"GET", "HEAD", "PUT", "DELETE", "OPTIONS"} {
		t.Run(method, func(t *testing.T) {
			s := &script{statuses: []int{503, 502, 504, 429}}
			srv := httptest.NewServer(s)
			defer srv.Close()
			c, w := faultClient(t, srv.URL, RetryPolicy{MaxAttempts: 5, BaseDelay: 100 * time.Millisecond, MaxDelay: time.Second})
			_, resp, err := Send[*thing](context.Background(), c, &Operation{Name: "T.Op", Method: method, Path: "/x"}, Call{})
			if err != nil || resp.StatusCode != 200 {
				t.Fatalf("err = %v, resp = %v; want 200 after retries", err, resp)
			}
			if got := s.calls.Load(); got != 5 {
				t.Errorf("%d attempts, want 5", got)
			}
			// Wait n is in [base·2^(n-1)/2, base·2^(n-1)], capped at MaxDelay.
			for i, d := range w.d {
				hi := min(100*time.Millisecond<<i, time.Second)
				if d < hi/2 || d > hi {
					t.Errorf("wait %d = %v, want in [%v, %v]", i+1, d, hi/2, hi)
				}
			}
			if len(w.d) != 4 {
				t.Errorf("%d waits, want 4", len(w.d))
			}
		})
	}
}

func TestBackoffIsJittered(t *testing.T) {
	p := RetryPolicy{BaseDelay: time.Second, MaxDelay: time.Minute}
	seen := map[time.Duration]bool{}
	for range 50 {
		seen[p.backoff(3)] = true
	}
	if len(seen) < 10 {
		t.Errorf("50 backoffs took only %d distinct values: no jitter", len(seen))
	}
}

func TestRetryStopsAtMaxAttempts(t *testing.T) {
	s := &script{statuses: []int{503, 503, 503, 503, 503, 503}}
	srv := httptest.NewServer(s)
	defer srv.Close()
	c, _ := faultClient(t, srv.URL, RetryPolicy{MaxAttempts: 3, BaseDelay: time.Millisecond})
	_, _, err := Send[*thing](context.Background(), c, &Operation{Name: "T.Get", Method: "GET", Path: "/x"}, Call{})
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 503 || string(apiErr.Body) != `{"error":"try again"}` {
		t.Fatalf("err = %v, want the last 503 as *APIError", err)
	}
	if got := s.calls.Load(); got != 3 {
		t.Errorf("%d attempts, want 3", got)
	}
}

func TestDefaultPolicyRetriesTwice(t *testing.T) {
	s := &script{statuses: []int{503, 503, 503}}
	srv := httptest.NewServer(s)
	defer srv.Close()
	c, err := NewCore(&Defaults{Origins: []string{"{{baseUrl}}"}}, []Option{WithBaseURL(srv.URL)})
	if err != nil {
		t.Fatal(err)
	}
	w := &waits{}
	p := DefaultRetryPolicy()
	p.sleep = w.sleep
	c.retry = &p
	Send[*thing](context.Background(), c, &Operation{Name: "T.Get", Method: "GET", Path: "/x"}, Call{})
	if s.calls.Load() != 3 || len(w.d) != 2 || w.d[0] > 250*time.Millisecond || w.d[1] > 500*time.Millisecond {
		t.Errorf("default policy: %d attempts, waits %v; want 3 attempts, waits ≤250ms and ≤500ms", s.calls.Load(), w.d)
	}
}

func TestNoRetryForPostAndPatchUnlessOptedIn(t *testing.T) {
	for _, method := range []string{"POST", "PATCH"} {
		s := &script{statuses: []int{503, 503}}
		srv := httptest.NewServer(s)
		c, _ := faultClient(t, srv.URL, RetryPolicy{MaxAttempts: 4, BaseDelay: time.Millisecond})
		op := &Operation{Name: "T.Create", Method: method, Path: "/x", Body: &BodySpec{Mode: BodyRaw, Text: `{"name":"n"}`, ContentType: "application/json"}}
		_, _, err := Send[*thing](context.Background(), c, op, Call{SampleBody: true})
		var apiErr *APIError
		if !errors.As(err, &apiErr) || apiErr.StatusCode != 503 || s.calls.Load() != 1 {
			t.Errorf("%s: err = %v after %d attempts; want one attempt and its 503", method, err, s.calls.Load())
		}

		// Opted in: the body is sent again, byte for byte.
		s2 := &script{statuses: []int{503, 429}}
		srv2 := httptest.NewServer(s2)
		c2, _ := faultClient(t, srv2.URL, RetryPolicy{MaxAttempts: 4, BaseDelay: time.Millisecond, AllMethods: true})
		got, _, err := Send[*thing](context.Background(), c2, op, Call{SampleBody: true})
		if err != nil || got.ID != 7 || s2.calls.Load() != 3 {
			t.Fatalf("%s with AllMethods: %v after %d attempts", method, err, s2.calls.Load())
		}
		for i, b := range s2.bodies {
			if b != `{"name":"n"}` {
				t.Errorf("%s attempt %d sent body %q", method, i+1, b)
			}
		}
		srv.Close()
		srv2.Close()
	}
}

func TestRetryAfter(t *testing.T) {
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		header string
		want   time.Duration
		ok     bool
	}{
		{"7", 7 * time.Second, true},
		{" 0 ", 0, true},
		{now.Add(90 * time.Second).Format(http.TimeFormat), 90 * time.Second, true},
		{"Fri, 27 Nov 2026 11:00:00 GMT", 0, true}, // in the past: no wait
		{"Friday, 27-Nov-26 12:00:30 GMT", 30 * time.Second, true},
		{"99999999999999999999", 0, false},
		{"-5", 0, false},
		{"soon", 0, false},
		{"", 0, false},
	}
	for _, tt := range tests {
		got, ok := retryAfter(tt.header, now)
		if ok != tt.ok || ok && got != tt.want {
			t.Errorf("retryAfter(%q) = %v, %v; want %v, %v", tt.header, got, ok, tt.want, tt.ok)
		}
	}
}

func TestRetryAfterIsHonoured(t *testing.T) {
	s := &script{statuses: []int{429, 503}, header: http.Header{"Retry-After": {"3"}}}
	srv := httptest.NewServer(s)
	defer srv.Close()
	c, w := faultClient(t, srv.URL, RetryPolicy{MaxAttempts: 3, BaseDelay: time.Millisecond, MaxDelay: 10 * time.Second})
	if _, _, err := Send[*thing](context.Background(), c, &Operation{Name: "T.Get", Method: "GET", Path: "/x"}, Call{}); err != nil {
		t.Fatal(err)
	}
	if len(w.d) != 2 || w.d[0] != 3*time.Second || w.d[1] != 3*time.Second {
		t.Errorf("waits %v, want [3s 3s] from Retry-After", w.d)
	}

	// A Retry-After beyond MaxDelay is not waited for: the caller gets the
	// 429 and its header.
	s = &script{statuses: []int{429}, header: http.Header{"Retry-After": {"3600"}}}
	srv2 := httptest.NewServer(s)
	defer srv2.Close()
	c, w = faultClient(t, srv2.URL, RetryPolicy{MaxAttempts: 3, MaxDelay: 10 * time.Second})
	_, _, err := Send[*thing](context.Background(), c, &Operation{Name: "T.Get", Method: "GET", Path: "/x"}, Call{})
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 429 || apiErr.Header.Get("Retry-After") != "3600" || len(w.d) != 0 {
		t.Errorf("err = %v, waits %v; want the 429 at once", err, w.d)
	}
}

func TestNoRetryForOtherStatuses(t *testing.T) {
	for _, code := range []int{400, 401, 404, 409, 500, 501} {
		s := &script{statuses: []int{code}}
		srv := httptest.NewServer(s)
		c, _ := faultClient(t, srv.URL, RetryPolicy{MaxAttempts: 3, BaseDelay: time.Millisecond})
		Send[*thing](context.Background(), c, &Operation{Name: "T.Get", Method: "GET", Path: "/x"}, Call{})
		if s.calls.Load() != 1 {
			t.Errorf("%d: %d attempts, want 1", code, s.calls.Load())
		}
		srv.Close()
	}
}

// dropFirst closes the first n connections without answering.
func dropFirst(t *testing.T, n int32) (*httptest.Server, *atomic.Int32) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) <= n {
			conn, _, err := w.(http.Hijacker).Hijack()
			if err == nil {
				conn.Close()
			}
			return
		}
		io.WriteString(w, `{"id":7}`)
	}))
	t.Cleanup(srv.Close)
	return srv, &calls
}

func TestRetriesConnectionErrors(t *testing.T) {
	srv, calls := dropFirst(t, 2)
	c, w := faultClient(t, srv.URL, RetryPolicy{MaxAttempts: 3, BaseDelay: time.Millisecond})
	got, _, err := Send[*thing](context.Background(), c, &Operation{Name: "T.Get", Method: "GET", Path: "/x"}, Call{})
	if err != nil || got.ID != 7 || calls.Load() != 3 || len(w.d) != 2 {
		t.Fatalf("got %+v, %v after %d attempts and %d waits; want success on the third", got, err, calls.Load(), len(w.d))
	}

	// Nothing listens: connection refused, retried, then a *RequestError.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	c, w = faultClient(t, "http://"+addr, RetryPolicy{MaxAttempts: 4, BaseDelay: time.Millisecond})
	_, _, err = Send[*thing](context.Background(), c, &Operation{Name: "T.Get", Method: "GET", Path: "/x"}, Call{})
	var reqErr *RequestError
	if !errors.As(err, &reqErr) || len(w.d) != 3 {
		t.Fatalf("err = %v after %d waits; want a *RequestError after 3 retries", err, len(w.d))
	}

	// A POST whose connection dropped may have been carried out: no retry.
	srv, calls = dropFirst(t, 1)
	c, _ = faultClient(t, srv.URL, RetryPolicy{MaxAttempts: 3, BaseDelay: time.Millisecond})
	_, _, err = Send[*thing](context.Background(), c, &Operation{Name: "T.Create", Method: "POST", Path: "/x"}, Call{})
	if err == nil || calls.Load() != 1 {
		t.Fatalf("POST: err = %v after %d attempts; want the error of the one attempt", err, calls.Load())
	}
}

func TestPermanentTransportErrorsAreNotRetried(t *testing.T) {
	c, w := faultClient(t, "http://127.0.0.1:1", RetryPolicy{MaxAttempts: 3, BaseDelay: time.Millisecond},
		WithHTTPClient(&http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return errors.New("no redirects here") }}))
	srv := httptest.NewServer(http.RedirectHandler("/elsewhere", http.StatusFound))
	defer srv.Close()
	c.baseURL = srv.URL
	_, _, err := Send[*thing](context.Background(), c, &Operation{Name: "T.Get", Method: "GET", Path: "/x"}, Call{})
	if err == nil || !strings.Contains(err.Error(), "no redirects here") || len(w.d) != 0 {
		t.Fatalf("err = %v after %d waits; want the redirect error, not retried", err, len(w.d))
	}
}

func TestCancellationStopsBackoffAtOnce(t *testing.T) {
	s := &script{statuses: []int{503, 503, 503}}
	srv := httptest.NewServer(s)
	defer srv.Close()
	// An hour of backoff: only cancellation can end the call.
	c, err := NewCore(&Defaults{Origins: []string{"{{baseUrl}}"}}, []Option{WithBaseURL(srv.URL), WithRetry(RetryPolicy{MaxAttempts: 3, BaseDelay: time.Hour, MaxDelay: 2 * time.Hour})})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		for s.calls.Load() == 0 {
			time.Sleep(time.Millisecond)
		}
		cancel()
	}()
	_, resp, err := Send[*thing](ctx, c, &Operation{Name: "T.Get", Method: "GET", Path: "/x"}, Call{})
	var reqErr *RequestError
	if !errors.Is(err, context.Canceled) || !errors.As(err, &reqErr) || resp != nil {
		t.Fatalf("err = %v, resp = %v; want a *RequestError wrapping context.Canceled", err, resp)
	}

	ctx, cancel = context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	_, _, err = Send[*thing](ctx, c, &Operation{Name: "T.Get", Method: "GET", Path: "/x"}, Call{})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want context.DeadlineExceeded", err)
	}
	if n := s.calls.Load(); n != 2 {
		t.Errorf("%d attempts, want one per call", n)
	}
}

func TestCancellationStopsAWaitingRequest(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}))
	defer srv.Close()
	defer close(release)
	c, w := faultClient(t, srv.URL, RetryPolicy{MaxAttempts: 3})
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	_, _, err := Send[*thing](ctx, c, &Operation{Name: "T.Get", Method: "GET", Path: "/slow"}, Call{})
	if !errors.Is(err, context.DeadlineExceeded) || len(w.d) != 0 {
		t.Fatalf("err = %v after %d waits; want DeadlineExceeded and no retry", err, len(w.d))
	}
}

func TestTruncatedAndMalformedBodiesGiveDecodeErrors(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/truncated":
			// Promise 100 bytes, send 9, hang up.
			w.Header().Set("Content-Length", "100")
			w.WriteHeader(200)
			io.WriteString(w, `{"id": 7,`)
			w.(http.Flusher).Flush()
			conn, _, _ := w.(http.Hijacker).Hijack()
			conn.Close()
		case "/malformed":
			w.WriteHeader(201)
			io.WriteString(w, `{"id": "seven"`)
		case "/wrongtype":
			io.WriteString(w, `{"id": "seven"}`)
		}
	}))
	defer srv.Close()
	c, _ := faultClient(t, srv.URL, RetryPolicy{MaxAttempts: 1})
	for path, want := range map[string]struct {
		status int
		body   string
	}{
		"/truncated": {200, `{"id": 7,`},
		"/malformed": {201, `{"id": "seven"`},
		"/wrongtype": {200, `{"id": "seven"}`},
	} {
		_, resp, err := Send[*thing](context.Background(), c, &Operation{Name: "T.Get", Method: "GET", Path: path}, Call{})
		var decErr *DecodeError
		if !errors.As(err, &decErr) || decErr.StatusCode != want.status || string(decErr.Body) != want.body || resp == nil {
			t.Errorf("%s: err = %#v, want a *DecodeError with status %d and body %q", path, err, want.status, want.body)
			continue
		}
		if decErr.Operation != "T.Get" || !strings.Contains(err.Error(), "T.Get: decoding "+strconv.Itoa(want.status)) {
			t.Errorf("%s: message %q", path, err)
		}
	}
}

func TestErrorBodyIsCapped(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(500)
		chunk := strings.Repeat("x", 64<<10)
		for range 80 { // 5 MiB
			io.WriteString(w, chunk)
		}
	}))
	defer srv.Close()
	c, _ := faultClient(t, srv.URL, RetryPolicy{MaxAttempts: 1})
	_, _, err := Send[*thing](context.Background(), c, &Operation{Name: "T.Get", Method: "GET", Path: "/x"}, Call{})
	var apiErr *APIError
	if !errors.As(err, &apiErr) || len(apiErr.Body) != maxErrorBody {
		t.Fatalf("err = %v; want an *APIError holding exactly %d bytes of body", err, maxErrorBody)
	}
	if len(err.Error()) > 1000 {
		t.Errorf("error message is %d bytes long; the body excerpt should be short", len(err.Error()))
	}
}

// bodyTracker is a RoundTripper that counts response bodies opened and
// closed.
type bodyTracker struct {
	base           http.RoundTripper
	opened, closed atomic.Int32
}

func (b *bodyTracker) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := b.base.RoundTrip(r)
	if resp != nil {
		b.opened.Add(1)
		resp.Body = &trackedBody{ReadCloser: resp.Body, t: b}
	}
	return resp, err
}

type trackedBody struct {
	io.ReadCloser
	t    *bodyTracker
	once sync.Once
}

func (b *trackedBody) Close() error {
	b.once.Do(func() { b.t.closed.Add(1) })
	return b.ReadCloser.Close()
}

func TestResponseBodiesAreAlwaysClosed(t *testing.T) {
	s := &script{statuses: []int{503, 429}}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/retry":
			s.ServeHTTP(w, r)
		case "/missing":
			w.WriteHeader(404)
			io.WriteString(w, "gone")
		case "/bad":
			io.WriteString(w, "{")
		default:
			io.WriteString(w, `{"id":1}`)
		}
	}))
	defer srv.Close()
	tr := &bodyTracker{base: http.DefaultTransport}
	c, _ := faultClient(t, srv.URL, RetryPolicy{MaxAttempts: 3, BaseDelay: time.Millisecond}, WithHTTPClient(&http.Client{Transport: tr}))
	ctx := context.Background()
	get := func(path string) *Operation { return &Operation{Name: "T.Get", Method: "GET", Path: path} }

	Send[*thing](ctx, c, get("/ok"), Call{})
	Send[[]byte](ctx, c, get("/ok"), Call{})
	SendNoResult(ctx, c, get("/ok"), Call{})
	Send[*thing](ctx, c, get("/missing"), Call{})
	Send[*thing](ctx, c, get("/bad"), Call{})
	Send[*thing](ctx, c, get("/retry"), Call{}) // 503, 429, then 200
	s.calls.Store(0)
	s.statuses = []int{503, 503, 503}
	Send[*thing](ctx, c, get("/retry"), Call{}) // retries exhausted
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	Send[*thing](cancelled, c, get("/ok"), Call{})
	// A streamed body is the caller's to close.
	rc, _, err := Send[io.ReadCloser](ctx, c, get("/ok"), Call{})
	if err != nil {
		t.Fatal(err)
	}
	if tr.opened.Load()-tr.closed.Load() != 1 {
		t.Errorf("with one stream open: %d bodies opened, %d closed", tr.opened.Load(), tr.closed.Load())
	}
	rc.Close()
	if o, c := tr.opened.Load(), tr.closed.Load(); o != c || o < 10 {
		t.Errorf("%d response bodies opened, %d closed", o, c)
	}
}

// A body streamed from the caller's reader is read once: even an
// idempotent PUT is sent once, and the caller gets the 503. (Bodies built
// in memory are replayed: TestNoRetryForPostAndPatchUnlessOptedIn.)
func TestStreamedBodiesAreNotRetried(t *testing.T) {
	s := &script{statuses: []int{503, 503}}
	srv := httptest.NewServer(s)
	defer srv.Close()
	c, w := faultClient(t, srv.URL, RetryPolicy{MaxAttempts: 3, BaseDelay: time.Millisecond})
	op := &Operation{Name: "T.Upload", Method: "PUT", Path: "/x", Body: &BodySpec{Mode: BodyFile, ContentType: "application/octet-stream"}}
	// A reader that does not tell its size, so the body is chunked.
	body := io.MultiReader(strings.NewReader("file "), strings.NewReader("content"))
	_, _, err := Send[*thing](context.Background(), c, op, Call{Body: body})
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 503 || s.calls.Load() != 1 || len(w.d) != 0 {
		t.Fatalf("err = %v after %d attempts; want the 503 of one attempt", err, s.calls.Load())
	}
	if s.bodies[0] != "file content" {
		t.Errorf("sent %q", s.bodies[0])
	}

}
