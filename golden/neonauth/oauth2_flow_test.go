package neonauth

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	_ "github.com/postgen/postgen/internal/testflag"
)

// neonServer plays NEON: the authorization endpoint, the token endpoint
// and the API. It hands out code "c0de", exchanges it for at-1 (refresh
// token rt-1) and refreshes rt-1 into at-2.
type neonServer struct {
	*httptest.Server
	t        *testing.T
	mu       sync.Mutex
	authReq  url.Values   // the authorization request's query
	tokenReq []url.Values // the token requests' forms
	apiAuth  []string     // Authorization of the API requests
}

func newNEON(t *testing.T) *neonServer {
	s := &neonServer{t: t}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	return s
}

func (s *neonServer) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch r.URL.Path {
	case "/api/oauth2/auth":
		s.authReq = r.URL.Query()
		redirect := s.authReq.Get("redirect_url") + "?code=c0de&state=" + url.QueryEscape(s.authReq.Get("state"))
		http.Redirect(w, r, redirect, http.StatusFound)
	case "/api/oauth2/token":
		r.ParseForm()
		s.tokenReq = append(s.tokenReq, r.PostForm)
		tok := map[string]any{"token_type": "Bearer", "expires_in": 3600}
		switch {
		case r.PostForm.Get("grant_type") == "authorization_code" && r.PostForm.Get("code") == "c0de":
			tok["access_token"], tok["refresh_token"] = "at-1", "rt-1"
		case r.PostForm.Get("grant_type") == "refresh_token" && r.PostForm.Get("refresh_token") == "rt-1":
			tok["access_token"], tok["refresh_token"] = "at-2", "rt-2"
		default:
			w.WriteHeader(http.StatusBadRequest)
			json.NewEncoder(w).Encode(map[string]string{"error": "invalid_grant"})
			return
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(tok)
	default:
		s.apiAuth = append(s.apiAuth, r.Header.Get("Authorization"))
		w.Write([]byte(`[]`))
	}
}

// The authorization-code grant end to end: the authorization URL is the
// collection's (its {{domain}} resolved through the client's variables),
// with NEON's redirect_url; the code is exchanged with the client
// credentials in the body (the collection's client_authentication); the
// API request carries the token; an expired token is refreshed.
func TestAuthorizationCodeFlow(t *testing.T) {
	ctx := context.Background()
	neon := newNEON(t)
	client, err := NewClient(WithVariable("domain", neon.URL))
	if err != nil {
		t.Fatal(err)
	}
	flow, err := client.OAuth2Flow("my-client", "my-secret", "https://www.mycompany.com/myapplication")
	if err != nil {
		t.Fatal(err)
	}
	flow.Rename["redirect_uri"] = "redirect_url"

	// The user's browser follows the authorization URL; the redirect
	// brings back the code and the state.
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := noFollow.Get(flow.AuthCodeURL())
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if q := neon.authReq; q.Get("client_id") != "my-client" || q.Get("response_type") != "code" ||
		q.Get("redirect_url") != "https://www.mycompany.com/myapplication" || q.Has("redirect_uri") || len(q.Get("state")) != 32 {
		t.Errorf("authorization request %v", q)
	}
	back, _ := url.Parse(resp.Header.Get("Location"))
	if _, err := flow.Exchange(ctx, "forged", back.Query().Get("code")); err == nil || !strings.Contains(err.Error(), "state") {
		t.Errorf("a forged state was accepted: %v", err)
	}
	tok, err := flow.Exchange(ctx, back.Query().Get("state"), back.Query().Get("code"))
	if err != nil {
		t.Fatal(err)
	}
	if f := neon.tokenReq[0]; f.Get("client_id") != "my-client" || f.Get("client_secret") != "my-secret" || f.Get("code") != "c0de" {
		t.Errorf("token request %v", f)
	}

	api, err := NewClient(WithVariable("domain", neon.URL), WithTokenSource(flow.Config.TokenSource(ctx, tok)))
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := api.Bookings.List(ctx, nil); err != nil {
		t.Fatal(err)
	}
	// The same token, stored and loaded after it expired, is refreshed.
	expired := *tok
	expired.Expiry = time.Now().Add(-time.Hour)
	api, _ = NewClient(WithVariable("domain", neon.URL), WithTokenSource(flow.Config.TokenSource(ctx, &expired)))
	if _, _, err := api.Bookings.Get(ctx, "42"); err != nil {
		t.Fatal(err)
	}
	if len(neon.tokenReq) != 2 || neon.tokenReq[1].Get("grant_type") != "refresh_token" {
		t.Errorf("token requests %v", neon.tokenReq)
	}
	if strings.Join(neon.apiAuth, ",") != "Bearer at-1,Bearer at-2" {
		t.Errorf("API requests carried %q", neon.apiAuth)
	}

	// The noauth request sends no token at all.
	if _, _, err := api.Health(ctx); err != nil || neon.apiAuth[2] != "" {
		t.Errorf("Health: %v, Authorization %q", err, neon.apiAuth[2:])
	}
}

// Without a token, the SDK names the ways to give one instead of sending
// an unauthenticated request.
func TestNoTokenIsAnError(t *testing.T) {
	neon := newNEON(t)
	client, _ := NewClient(WithVariable("domain", neon.URL))
	_, _, err := client.Bookings.List(context.Background(), nil)
	var ae *AuthError
	if !errors.As(err, &ae) || !strings.Contains(err.Error(), `use WithTokenSource or WithVariable("accessToken", value)`) || len(neon.apiAuth) != 0 {
		t.Errorf("err = %v, %d requests", err, len(neon.apiAuth))
	}
}
