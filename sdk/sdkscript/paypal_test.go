package sdkscript

import (
	"context"
	"encoding/base64"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestPayPalTokenRefresh runs paypal-partner-apis's collection pre-request
// script on one of its requests: it evals the helper library kept in a
// collection variable, sees no access token, and fetches one with
// pm.sendRequest (Basic auth built with Buffer), storing it and its expiry.
// On the next request the token is reused without a new login.
func TestPayPalTokenRefresh(t *testing.T) {
	cr := findCorpusRequest(t, "a paypal-partner-apis request governed by the collection script alone", func(cr *corpusRequest) bool {
		return cr.collection == "paypal-partner-apis" && len(cr.pre) == 1 && cr.pre[0].Path == "event[0]" && !strings.Contains(cr.req.URL, "oauth2/token")
	})
	var sent []*Request
	r := New(Options{Now: fixedNow, Rand: zeroRand{}, SendRequest: func(ctx context.Context, req *Request) (*Response, error) {
		sent = append(sent, req)
		return &Response{Code: 200, Header: http.Header{"Content-Type": {"application/json"}}, Body: []byte(`{"access_token":"A21","expires_in":3600}`)}, nil
	}})
	vars := &Scopes{Collection: NewVars(cr.vars), Environment: &Vars{}}
	for i := 0; i < 2; i++ {
		req := *cr.req
		if err := r.PreRequest(context.Background(), cr.pre, &req, vars); err != nil {
			t.Fatal(err)
		}
	}
	if len(sent) != 1 {
		t.Fatalf("sent %d token requests, want 1 (the second request reuses the token)", len(sent))
	}
	login := sent[0]
	wantEq(t, login.Method+" "+login.URL, "POST "+cr.vars["base_url"]+"/v1/oauth2/token")
	wantEq(t, HeaderGet(login.Header, "Authorization"), "Basic "+base64.StdEncoding.EncodeToString([]byte(cr.vars["client_id"]+":"+cr.vars["client_secret"])))
	wantEq(t, login.BodyMode+" "+string(login.Body), "urlencoded grant_type=client_credentials")
	coll := vars.Collection.(*Vars)
	tok, _ := coll.String("access_token")
	exp, _ := coll.String("access_token_expiry")
	wantEq(t, tok, "A21")
	wantEq(t, exp, fmt.Sprint(fixedTime.Add(time.Hour).UnixMilli()))
}
