package sdk

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync/atomic"
	"testing"
	"time"
)

// signer is the binance-style signing a collection's pre-request script
// does, as a request hook: a timestamp in the query, an HMAC-SHA256 of
// query and body, an API key header. It is the hook recipe's ≤ 15 lines.
func signer(key, secret string, now func() time.Time) RequestHook {
	return func(ctx context.Context, req *http.Request) error {
		q := req.URL.Query()
		q.Set("timestamp", strconv.FormatInt(now().UnixMilli(), 10))
		q.Del("signature")
		var body []byte
		if req.Body != nil {
			body, _ = io.ReadAll(req.Body) // the SDK rewinds it after the hook
		}
		mac := hmac.New(sha256.New, []byte(secret))
		mac.Write([]byte(q.Encode() + string(body)))
		req.URL.RawQuery = q.Encode() + "&signature=" + hex.EncodeToString(mac.Sum(nil))
		req.Header.Set("X-MBX-APIKEY", key)
		return nil
	}
}

// TestRequestHookSignsEveryAttempt: a server that checks the HMAC over
// query and body accepts the hook's signature; the body still reaches it
// whole after the hook read it; a retry is signed again with a fresh
// timestamp; a hook's error stops the call before anything is sent.
func TestRequestHookSignsEveryAttempt(t *testing.T) {
	const secret = "s3cret"
	var calls atomic.Int32
	var stamps []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		q := r.URL.Query()
		sig := q.Get("signature")
		q.Del("signature")
		mac := hmac.New(sha256.New, []byte(secret))
		mac.Write([]byte(q.Encode() + string(body)))
		if r.Header.Get("X-MBX-APIKEY") != "key1" || sig != hex.EncodeToString(mac.Sum(nil)) || string(body) != "symbol=BNB" {
			http.Error(w, "bad signature", http.StatusUnauthorized)
			return
		}
		stamps = append(stamps, q.Get("timestamp"))
		if calls.Add(1) == 1 {
			http.Error(w, "busy", http.StatusServiceUnavailable)
			return
		}
		w.Write([]byte(`{}`))
	}))
	defer srv.Close()
	clock := time.UnixMilli(1_700_000_000_000)
	now := func() time.Time { clock = clock.Add(time.Second); return clock }
	policy := RetryPolicy{MaxAttempts: 2, BaseDelay: time.Millisecond, AllMethods: true}
	c, err := NewCore(&Defaults{Origins: []string{"{{baseUrl}}"}}, []Option{WithBaseURL(srv.URL), WithRetry(policy), WithRequestHook(signer("key1", secret, now))})
	if err != nil {
		t.Fatal(err)
	}
	op := &Operation{Name: "Trade.NewOrder", Method: "POST", Path: "/api/v3/order", Body: &BodySpec{Mode: BodyRaw, Text: "symbol=BNB", ContentType: "application/x-www-form-urlencoded"}}
	if _, err := SendNoResult(context.Background(), c, op, Call{SampleBody: true}); err != nil {
		t.Fatalf("signed call: %v", err)
	}
	if len(stamps) != 2 || stamps[0] == stamps[1] {
		t.Errorf("timestamps %v, want two attempts signed afresh", stamps)
	}

	refuse := errors.New("no key")
	c, err = NewCore(&Defaults{Origins: []string{"{{baseUrl}}"}}, []Option{WithBaseURL(srv.URL), WithRequestHook(func(context.Context, *http.Request) error { return refuse })})
	if err != nil {
		t.Fatal(err)
	}
	before := calls.Load()
	if _, err := SendNoResult(context.Background(), c, op, Call{}); !errors.Is(err, refuse) {
		t.Errorf("err = %v, want the hook's error", err)
	}
	if calls.Load() != before {
		t.Error("a request was sent after its hook failed")
	}
	if _, err := NewCore(&Defaults{}, []Option{WithRequestHook(nil)}); err == nil {
		t.Error("WithRequestHook(nil) accepted")
	}
}
