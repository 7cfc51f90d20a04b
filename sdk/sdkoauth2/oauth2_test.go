package sdkoauth2

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/postgen/postgen/sdk"
)

// tokenServer answers the token endpoint and records the forms it got.
type tokenServer struct {
	*httptest.Server
	mu    sync.Mutex
	forms []url.Values
	basic []string // the client credentials sent with HTTP Basic
	api   []string // Authorization of the other requests
}

func newTokenServer(t *testing.T) *tokenServer {
	s := &tokenServer{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		defer s.mu.Unlock()
		if r.URL.Path != "/token" {
			s.api = append(s.api, r.Header.Get("Authorization"))
			return
		}
		r.ParseForm()
		s.forms = append(s.forms, r.PostForm)
		u, p, _ := r.BasicAuth()
		s.basic = append(s.basic, u+":"+p)
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{"access_token": "tok-" + r.PostForm.Get("grant_type"), "token_type": "bearer", "expires_in": 3600})
	}))
	t.Cleanup(s.Close)
	return s
}

// WithOAuth2ClientCredentials runs the grant against the collection's
// token URL (resolved through the client's variables) once, then reuses
// the token; client_authentication "header" sends HTTP Basic.
func TestClientCredentialsGrant(t *testing.T) {
	srv := newTokenServer(t)
	a := &Auth{TokenURL: "{{auth}}/token", Scope: "read write", ClientAuth: "header", HeaderPrefix: "Bearer", TokenParams: []Param{{"audience", "{{aud}}"}}}
	c, _ := sdk.NewCore(&sdk.Defaults{Origins: []string{srv.URL}}, []sdk.Option{sdk.WithVariable("auth", srv.URL), sdk.WithVariable("aud", "api"), WithOAuth2ClientCredentials("id", "secret")})
	for i := 0; i < 2; i++ {
		if _, err := sdk.SendNoResult(context.Background(), c, &sdk.Operation{Method: "GET", Path: "/x", Auth: a}, sdk.Call{}); err != nil {
			t.Fatal(err)
		}
	}
	if len(srv.forms) != 1 || srv.forms[0].Get("grant_type") != "client_credentials" || srv.forms[0].Get("scope") != "read write" ||
		srv.forms[0].Get("audience") != "api" || srv.basic[0] != "id:secret" {
		t.Errorf("token requests %v, basic %v", srv.forms, srv.basic)
	}
	if strings.Join(srv.api, ",") != "Bearer tok-client_credentials,Bearer tok-client_credentials" {
		t.Errorf("API requests carried %q", srv.api)
	}
}

// WithOAuth2Password runs the password grant, credentials in the body when
// the collection says "body".
func TestPasswordGrant(t *testing.T) {
	srv := newTokenServer(t)
	a := &Auth{TokenURL: srv.URL + "/token", ClientAuth: "body", HeaderPrefix: "Bearer"}
	c, _ := sdk.NewCore(&sdk.Defaults{Origins: []string{srv.URL}}, []sdk.Option{WithOAuth2Password("id", "secret", "ada", "pw")})
	if _, err := sdk.SendNoResult(context.Background(), c, &sdk.Operation{Method: "GET", Path: "/x", Auth: a}, sdk.Call{}); err != nil {
		t.Fatal(err)
	}
	f := srv.forms[0]
	if f.Get("grant_type") != "password" || f.Get("username") != "ada" || f.Get("password") != "pw" || f.Get("client_id") != "id" || f.Get("client_secret") != "secret" || srv.basic[0] != ":" {
		t.Errorf("token request %v (basic %q)", f, srv.basic[0])
	}
	if srv.api[0] != "Bearer tok-password" {
		t.Errorf("API request carried %q", srv.api[0])
	}
}

// authorization_code_with_pkce: the authorization URL carries the S256
// challenge of the verifier the exchange sends; collection
// authRequestParams are added.
func TestPKCEFlow(t *testing.T) {
	srv := newTokenServer(t)
	a := &Auth{AuthURL: srv.URL + "/authorize", TokenURL: srv.URL + "/token", ChallengeAlgorithm: "S256", AuthParams: []Param{{"prompt", "consent"}}}
	c, _ := sdk.NewCore(&sdk.Defaults{}, nil)
	flow, err := StartFlow(c, a, "id", "", "https://app.example/cb", nil)
	if err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse(flow.AuthCodeURL())
	q := u.Query()
	sum := sha256.Sum256([]byte(flow.Verifier))
	if q.Get("code_challenge") != base64.RawURLEncoding.EncodeToString(sum[:]) || q.Get("code_challenge_method") != "S256" ||
		q.Get("prompt") != "consent" || q.Get("state") != flow.State || q.Get("redirect_uri") != "https://app.example/cb" {
		t.Errorf("authorization URL %s", u)
	}
	if _, err := flow.Exchange(context.Background(), flow.State, "code"); err != nil {
		t.Fatal(err)
	}
	if f := srv.forms[0]; f.Get("code_verifier") != flow.Verifier || f.Get("code") != "code" {
		t.Errorf("token request %v", f)
	}
}

// Where the access token goes (Postman's A05–A08, P12, P13), and the
// error of a token that is not set.
func TestAccessTokenPlacement(t *testing.T) {
	for _, tc := range []struct {
		name  string
		auth  *Auth
		query string // the request's own query
		opts  []sdk.Option
		// want is the Authorization header and query sent.
		authorization, sentQuery string
	}{
		{name: "A05 header default", auth: &Auth{AccessToken: "{{tok}}", TokenType: "Bearer", AddTokenTo: "header", HeaderPrefix: "Bearer"},
			opts: []sdk.Option{sdk.WithVariable("tok", "at-1")}, authorization: "Bearer at-1"},
		{name: "A06 headerPrefix", auth: &Auth{AccessToken: "{{tok}}", HeaderPrefix: "Token"},
			opts: []sdk.Option{sdk.WithVariable("tok", "at-2")}, authorization: "Token at-2"},
		{name: "A07 query replaces access_token", auth: &Auth{AccessToken: "{{tok}}", AddTokenTo: "queryParams", HeaderPrefix: "Bearer"}, query: "old",
			opts: []sdk.Option{sdk.WithVariable("tok", "at 3")}, sentQuery: "access_token=at%203"},
		{name: "A08 empty access token sends nothing", auth: &Auth{AccessToken: sdk.NotCopied, HeaderPrefix: "Bearer"},
			opts: []sdk.Option{sdk.WithCredentials("oauth2.accessToken", "")}},
		{name: "P12 mac token sends nothing", auth: &Auth{AccessToken: "{{tok}}", TokenType: "mac", HeaderPrefix: "Bearer"},
			opts: []sdk.Option{sdk.WithVariable("tok", "x")}},
		{name: "P13 empty headerPrefix sends the bare token", auth: &Auth{AccessToken: "{{tok}}"},
			opts: []sdk.Option{sdk.WithVariable("tok", "x")}, authorization: "x"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got *http.Request
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { got = r }))
			defer srv.Close()
			c, err := sdk.NewCore(&sdk.Defaults{Origins: []string{srv.URL}}, tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			op := &sdk.Operation{Method: "GET", Path: "/a", Auth: tc.auth}
			if tc.query != "" {
				op.Params = []sdk.Param{{Key: "access_token", Value: tc.query}}
			}
			if _, err := sdk.SendNoResult(context.Background(), c, op, sdk.Call{}); err != nil {
				t.Fatal(err)
			}
			if a := got.Header.Get("Authorization"); a != tc.authorization || got.URL.RawQuery != tc.sentQuery {
				t.Errorf("sent Authorization %q, query %q; want %q, %q", a, got.URL.RawQuery, tc.authorization, tc.sentQuery)
			}
		})
	}
	c, _ := sdk.NewCore(&sdk.Defaults{Origins: []string{"http://127.0.0.1:1"}}, nil)
	_, err := sdk.SendNoResult(context.Background(), c, &sdk.Operation{Name: "Svc.Op", Method: "GET", Auth: &Auth{AccessToken: "{{tok}}"}}, sdk.Call{})
	var ae *sdk.AuthError
	if want := `oauth2 auth: accessToken is not set: use WithTokenSource or WithVariable("tok", value)`; !errors.As(err, &ae) || !strings.Contains(err.Error(), want) {
		t.Errorf("err = %v, want an *AuthError with %q", err, want)
	}
}
