package sdkscript

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/url"
	"strings"
	"testing"
)

// TestBinanceSigning runs binance-spot's collection pre-request script (HMAC-
// SHA256 over the query string through crypto.subtle, API key header, host from
// the environment) on its "Cancel all open orders" request and checks the
// signature against Go's crypto/hmac over the same query string.
func TestBinanceSigning(t *testing.T) {
	cr := findCorpusRequest(t, "a signed binance-spot DELETE", func(cr *corpusRequest) bool {
		return cr.collection == "binance-spot" && strings.Contains(cr.req.URL, "signature=") && cr.req.Method == "DELETE"
	})
	const key, secret = "test-api-key", "test-api-secret"
	vars := &Scopes{
		Collection:  NewVars(cr.vars),
		Environment: NewVars(map[string]string{"api-key": key, "api-secret": secret}),
	}
	req := *cr.req
	r := New(Options{Now: fixedNow, Rand: zeroRand{}})
	if err := r.PreRequest(context.Background(), cr.pre, &req, vars); err != nil {
		t.Fatal(err)
	}

	u, err := url.Parse(req.URL)
	if err != nil {
		t.Fatal(err)
	}
	// The script keeps the enabled, non-empty parameters in order, adds the
	// timestamp, signs, and appends the signature.
	ts := fmt.Sprint(fixedTime.UnixMilli())
	signed := "symbol=BNBUSDT&timestamp=" + ts
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(signed))
	want := hex.EncodeToString(mac.Sum(nil))
	wantEq(t, u.Scheme+"://"+u.Host+u.Path, "https://api.binance.com/api/v3/openOrders")
	wantEq(t, u.RawQuery, signed+"&signature="+want)
	wantEq(t, fmt.Sprint(req.Header), "map[Accept:[application/json] X-MBX-APIKEY:["+key+"]]")

	// Without a secret the script does not sign.
	req = *cr.req
	vars.Environment = NewVars(map[string]string{"api-key": key})
	if err := r.PreRequest(context.Background(), cr.pre, &req, vars); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(req.URL, "signature="+want) {
		t.Errorf("signed without a secret: %s", req.URL)
	}
}
