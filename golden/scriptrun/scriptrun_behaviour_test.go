package scriptrun

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/postgen/postgen/sdk/sdkscript"
)

const apiKey, apiSecret = "test-key", "test-secret"

// exchange is a binance-style server: /api/v3/* needs X-MBX-APIKEY and
// an HMAC-SHA256 signature over the query (without the signature) and
// the urlencoded body, with a fresh timestamp; /login returns a token
// that /me requires.
type exchange struct {
	t    *testing.T
	mu   sync.Mutex
	seen []string // "METHOD path?query body | headers"
}

func (e *exchange) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	e.mu.Lock()
	e.seen = append(e.seen, r.Method+" "+r.URL.RequestURI()+" "+string(body))
	e.mu.Unlock()
	switch {
	case strings.HasPrefix(r.URL.Path, "/api/v3/"):
		if r.Header.Get("X-MBX-APIKEY") != apiKey {
			http.Error(w, "no API key", http.StatusUnauthorized)
			return
		}
		q := r.URL.RawQuery
		i := strings.LastIndex(q, "&signature=")
		if i < 0 {
			http.Error(w, "unsigned", http.StatusUnauthorized)
			return
		}
		mac := hmac.New(sha256.New, []byte(apiSecret))
		mac.Write([]byte(q[:i]))
		mac.Write(body)
		if want := hex.EncodeToString(mac.Sum(nil)); q[i+len("&signature="):] != want {
			http.Error(w, "bad signature over "+q[:i]+string(body), http.StatusUnauthorized)
			return
		}
		vals, _ := url.ParseQuery(q)
		var ts int64
		fmt.Sscan(vals.Get("timestamp"), &ts)
		if d := time.Since(time.UnixMilli(ts)); d < -time.Minute || d > time.Minute {
			http.Error(w, "stale timestamp", http.StatusUnauthorized)
			return
		}
		fmt.Fprintf(w, `{"ok":true}`)
	case r.URL.Path == "/login":
		var in struct{ User string }
		if err := json.Unmarshal(body, &in); err != nil || in.User != "ann" || r.Header.Get("X-Client") != "client-secret" {
			http.Error(w, "bad login "+string(body)+" "+r.Header.Get("X-Client"), http.StatusBadRequest)
			return
		}
		fmt.Fprintf(w, `{"token":"tok-%s"}`, in.User)
	case r.URL.Path == "/jobs" && r.Method == "POST":
		fmt.Fprint(w, `{"id":"job-7"}`)
	case strings.HasPrefix(r.URL.Path, "/jobs/"):
		fmt.Fprintf(w, `{"job":%q}`, strings.TrimPrefix(r.URL.Path, "/jobs/"))
	case r.URL.Path == "/me":
		if r.Header.Get("Authorization") != "Bearer tok-ann" {
			http.Error(w, "no token: "+r.Header.Get("Authorization"), http.StatusUnauthorized)
			return
		}
		fmt.Fprint(w, `{"user":"ann"}`)
	default:
		http.NotFound(w, r)
	}
}

func newExchange(t *testing.T, opts ...Option) (*Client, *exchange) {
	t.Helper()
	e := &exchange{t: t}
	srv := httptest.NewServer(e)
	t.Cleanup(srv.Close)
	c, err := NewClient(append([]Option{WithBaseURL(srv.URL), WithVariable("api-key", apiKey), WithVariable("api-secret", apiSecret)}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return c, e
}

// TestScriptsSignCalls: with WithScripts the folder's pre-request script
// signs each call as newman would send it (timestamp, HMAC-SHA256 over
// query and body, API key header); the server checks the HMAC.
func TestScriptsSignCalls(t *testing.T) {
	ctx := context.Background()
	c, e := newExchange(t, WithScripts())
	if _, _, err := c.Trade.Account(ctx, &TradeAccountParams{RecvWindow: 5000}); err != nil {
		t.Fatalf("Account: %v", err)
	}
	if _, _, err := c.Trade.NewOrder(ctx, &TradeNewOrderForm{Side: "BUY"}, &TradeNewOrderParams{Symbol: "BNBUSDT"}, WithCallVariable("quantity", "2")); err != nil {
		t.Fatalf("NewOrder: %v", err)
	}
	if len(e.seen) != 2 || !strings.Contains(e.seen[1], "POST /api/v3/order?symbol=BNBUSDT&timestamp=") || !strings.HasSuffix(e.seen[1], " side=BUY&quantity=2") {
		t.Errorf("sent %q", e.seen)
	}

	// Without WithScripts nothing signs: the server refuses.
	plain, _ := newExchange(t)
	_, _, err := plain.Trade.Account(ctx, nil)
	var apiErr *APIError
	if !asAPIError(err, &apiErr) || apiErr.StatusCode != http.StatusUnauthorized {
		t.Errorf("unsigned call: %v", err)
	}
}

// TestScriptsSignThroughTheHook: the same signing in Go, through
// WithRequestHook, in a few lines.
func TestScriptsSignThroughTheHook(t *testing.T) {
	sign := func(ctx context.Context, req *http.Request) error {
		q := req.URL.Query()
		q.Set("timestamp", fmt.Sprint(time.Now().UnixMilli()))
		req.URL.RawQuery = q.Encode()
		var body []byte
		if req.GetBody != nil {
			rc, _ := req.GetBody()
			body, _ = io.ReadAll(rc)
		}
		mac := hmac.New(sha256.New, []byte(apiSecret))
		mac.Write([]byte(req.URL.RawQuery))
		mac.Write(body)
		req.URL.RawQuery += "&signature=" + hex.EncodeToString(mac.Sum(nil))
		req.Header.Set("X-MBX-APIKEY", apiKey)
		return nil
	}
	c, _ := newExchange(t, WithRequestHook(sign))
	if _, _, err := c.Trade.NewOrder(context.Background(), &TradeNewOrderForm{Side: "SELL"}, &TradeNewOrderParams{Symbol: "BNBUSDT"}, WithCallVariable("quantity", "1")); err != nil {
		t.Fatal(err)
	}
}

// TestScriptsStoreTheLoginToken: the login's test script stores the
// token (pm.environment.set), and a later call of the same client sends
// it where the collection says Bearer {{token}}. The literal credential
// of the login's pre-request script is not in the SDK: it is the
// variable token2, put back into the script when it runs.
func TestScriptsStoreTheLoginToken(t *testing.T) {
	ctx := context.Background()
	var logs []string
	c, _ := newExchange(t, WithScriptOptions(sdkscript.Options{Logger: func(level, msg string) { logs = append(logs, level+": "+msg) }}), WithVariable("user", "ann"), WithVariable("token2", "client-secret"))
	out, _, err := c.Auth.Login(ctx, nil, WithSampleBody())
	if err != nil {
		t.Fatalf("Login: %v", err)
	}
	// The SDK's decoder still reads the body the test script read.
	if string(out) != `{"token":"tok-ann"}` {
		t.Errorf("Login body %q", out)
	}
	me, _, err := c.Auth.Me(ctx)
	if err != nil || string(me) != `{"user":"ann"}` {
		t.Fatalf("Me: %q %v", me, err)
	}
	if len(logs) != 0 {
		t.Errorf("logs: %q", logs)
	}
	// Another client has its own variables: no token.
	other, _ := newExchange(t, WithScripts())
	if _, _, err := other.Auth.Me(ctx); err == nil {
		t.Error("a client that never logged in sent a token")
	}
}

// TestScriptsSupplyEmptyPathArguments: under WithScripts an empty
// {{jobId}} path argument takes the id the create call's test script
// stored, as newman's next request does; a value the caller passes wins;
// with nothing stored (and without scripts) the empty argument is the
// *ArgumentError it always is, never the collection's sample.
func TestScriptsSupplyEmptyPathArguments(t *testing.T) {
	ctx := context.Background()
	c, _ := newExchange(t, WithScripts())
	if _, _, err := c.Jobs.Get(ctx, ""); !isArgumentError(err, "jobId") {
		t.Fatalf("Get before Create: err = %v, want an *ArgumentError for jobId", err)
	}
	if _, _, err := c.Jobs.Create(ctx); err != nil {
		t.Fatalf("Create: %v", err)
	}
	got, _, err := c.Jobs.Get(ctx, "")
	if err != nil || string(got) != `{"job":"job-7"}` {
		t.Fatalf("Get(\"\") after Create = %q, %v; want job-7, the id the test script stored", got, err)
	}
	got, _, err = c.Jobs.Get(ctx, "job-9")
	if err != nil || string(got) != `{"job":"job-9"}` {
		t.Fatalf("Get(\"job-9\") = %q, %v; the caller's value must win", got, err)
	}
	plain, _ := newExchange(t)
	if _, _, err := plain.Jobs.Create(ctx); err != nil {
		t.Fatalf("Create without scripts: %v", err)
	}
	if _, _, err := plain.Jobs.Get(ctx, ""); !isArgumentError(err, "jobId") {
		t.Fatalf("Get(\"\") without scripts: err = %v, want an *ArgumentError", err)
	}
}

func isArgumentError(err error, name string) bool {
	var ae *ArgumentError
	return errors.As(err, &ae) && ae.Name == name
}

// TestScriptsErrorNamesTheScript: a script that fails stops the call
// with an error naming its JSON path.
func TestScriptsErrorNamesTheScript(t *testing.T) {
	c, _ := newExchange(t, WithScripts(), WithVariable("user", "ann"))
	_, _, err := c.Auth.Login(context.Background(), nil, WithSampleBody())
	if err == nil || !strings.Contains(err.Error(), "item[1].item[0].event[1]") {
		t.Errorf("got %v", err)
	}
}

func asAPIError(err error, target **APIError) bool {
	e, ok := err.(*APIError)
	if ok {
		*target = e
	}
	return ok
}
