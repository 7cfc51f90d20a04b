package bookings

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// The generated SDK's public options for faults, through a generated
// method: WithRetry, WithLogger and the errors callers match.

func TestGeneratedClientRetriesAndLogs(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) == 1 {
			w.Header().Set("Retry-After", "0")
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		io.WriteString(w, `{"id": "42"}`)
	}))
	defer srv.Close()
	var logs bytes.Buffer
	c, err := NewClient(WithBaseURL(srv.URL+"/v1"), WithVariable("tenant", "acme-secret-tenant"),
		WithRetry(RetryPolicy{MaxAttempts: 2, BaseDelay: time.Millisecond}),
		WithLogger(slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))))
	if err != nil {
		t.Fatal(err)
	}
	// Cancel is a DELETE: idempotent, so the 503 is retried.
	if _, resp, err := c.Bookings.Cancel(context.Background(), "42"); err != nil || resp.StatusCode != 200 || calls.Load() != 2 {
		t.Fatalf("Cancel: %v after %d attempts", err, calls.Load())
	}
	for _, want := range []string{"http retry", "attempt=2", "status=503", "status=200"} {
		if !strings.Contains(logs.String(), want) {
			t.Errorf("logs lack %q:\n%s", want, logs.String())
		}
	}

	// Create is a POST: not retried unless the policy says AllMethods.
	calls.Store(0)
	_, _, err = c.Bookings.Create(context.Background(), nil)
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 503 || calls.Load() != 1 {
		t.Fatalf("Create: %v after %d attempts; want the 503 of one attempt", err, calls.Load())
	}
}

func TestGeneratedClientStopsOnCancel(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusBadGateway)
	}))
	defer srv.Close()
	c, err := NewClient(WithBaseURL(srv.URL+"/v1"), WithVariable("tenant", "acme"), WithRetry(RetryPolicy{BaseDelay: time.Hour, MaxDelay: time.Hour}))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, _, err = c.Bookings.Get(ctx, "42")
	var reqErr *RequestError
	if !errors.Is(err, context.DeadlineExceeded) || !errors.As(err, &reqErr) {
		t.Fatalf("err = %v, want a *RequestError wrapping context.DeadlineExceeded", err)
	}
}

func TestWithRetryRejectsNegativeValues(t *testing.T) {
	if _, err := NewClient(WithRetry(RetryPolicy{MaxAttempts: -1})); err == nil {
		t.Fatal("NewClient accepted MaxAttempts -1")
	}
}
