// Package sdkoauth2 is the OAuth 2.0 auth of postgen's runtime (package
// sdk), in a package of its own so that SDKs without OAuth 2.0 never link
// golang.org/x/oauth2. Generated SDKs name its Auth in their auth schemes
// and re-export its options and Flow under their own names.
package sdkoauth2

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"

	"github.com/postgen/postgen/internal/authclock"
	"github.com/postgen/postgen/sdk"
	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"
)

// Auth sends an OAuth 2.0 access token (§10.4 oauth2) and knows how
// the collection obtains one: its settings build the *oauth2.Config of
// Client.Config, and the token exchange itself is golang.org/x/oauth2's.
type Auth struct {
	// AccessToken is the collection's reference ("{{token}}"), notCopied
	// for a literal token, "" when it has none.
	AccessToken string
	// AddTokenTo is "queryParams" for ?access_token=, else the header.
	AddTokenTo string
	// TokenType "mac" (any case) sends nothing, as Postman does.
	TokenType string
	// HeaderPrefix precedes the token in the header; "" sends the bare
	// token. The generator writes Postman's default, "Bearer".
	HeaderPrefix string

	// How the collection obtains tokens (the Postman app's settings).
	GrantType, AuthURL, TokenURL, Scope, RedirectURI string
	// ClientAuth is "header" (HTTP Basic to the token endpoint) or "body".
	ClientAuth string
	// ChallengeAlgorithm is the PKCE method ("S256" or "plain") when the
	// grant is authorization_code_with_pkce, else "".
	ChallengeAlgorithm string
	// ClientID, ClientSecret, Username and Password are references like
	// accessToken.
	ClientID, ClientSecret, Username, Password string
	// AuthParams are extra parameters of the authorization request
	// (authRequestParams); TokenParams of the token request.
	AuthParams, TokenParams []Param
}

// Param is one extra OAuth 2.0 request parameter.
type Param struct{ Key, Value string }

// WithTokenSource makes the client send the tokens of ts, which refreshes
// them as needed: typically cfg.TokenSource(ctx, token) after the
// authorization-code exchange, or oauth2.StaticTokenSource for a token
// you already have.
func WithTokenSource(ts oauth2.TokenSource) sdk.Option {
	return func(c *sdk.Core) error {
		if ts == nil {
			return errors.New("WithTokenSource: nil oauth2.TokenSource")
		}
		return sdk.WithAuthState("oauth2.tokenSource", oauth2.ReuseTokenSource(nil, ts))(c)
	}
}

// WithOAuth2ClientCredentials makes the client obtain its tokens with the
// client-credentials grant from the collection's access token URL, and
// obtain a new one when it expires.
func WithOAuth2ClientCredentials(clientID, clientSecret string, scopes ...string) sdk.Option {
	return sdk.WithAuthState("oauth2.grant", &oauth2Grant{clientID: clientID, clientSecret: clientSecret, scopes: scopes})
}

// WithOAuth2Password makes the client obtain its tokens with the resource
// owner password grant from the collection's access token URL, refreshing
// them with the refresh token the server returns.
func WithOAuth2Password(clientID, clientSecret, username, password string, scopes ...string) sdk.Option {
	return sdk.WithAuthState("oauth2.grant", &oauth2Grant{clientID: clientID, clientSecret: clientSecret, username: username, password: password, password2: true, scopes: scopes})
}

// oauth2Grant is a grant the client runs itself. Its token sources are
// made on first use, per auth scheme, since their URLs are resolved
// through the client's variables.
type oauth2Grant struct {
	clientID, clientSecret string
	username, password     string
	password2              bool // the password grant, not client credentials
	scopes                 []string

	mu      sync.Mutex
	sources map[*Auth]oauth2.TokenSource
}

func (g *oauth2Grant) tokenSource(c *sdk.Core, a *Auth) (oauth2.TokenSource, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if ts, ok := g.sources[a]; ok {
		return ts, nil
	}
	cfg, err := Config(c, a, g.clientID, g.clientSecret, "", g.scopes)
	if err != nil {
		return nil, err
	}
	if cfg.Endpoint.TokenURL == "" {
		return nil, &sdk.AuthError{Type: "oauth2", Param: "accessTokenUrl", Err: errors.New("the collection gives no access token URL for the grant")}
	}
	ctx := context.WithValue(context.Background(), oauth2.HTTPClient, c.HTTPClient())
	var ts oauth2.TokenSource
	if g.password2 {
		tok, err := cfg.PasswordCredentialsToken(ctx, g.username, g.password)
		if err != nil {
			return nil, &sdk.AuthError{Type: "oauth2", Param: "password grant", Err: err}
		}
		ts = cfg.TokenSource(ctx, tok)
	} else {
		cc := &clientcredentials.Config{ClientID: cfg.ClientID, ClientSecret: cfg.ClientSecret, TokenURL: cfg.Endpoint.TokenURL,
			Scopes: cfg.Scopes, AuthStyle: cfg.Endpoint.AuthStyle, EndpointParams: paramValues(c, a.TokenParams)}
		ts = cc.TokenSource(ctx)
	}
	if g.sources == nil {
		g.sources = make(map[*Auth]oauth2.TokenSource)
	}
	g.sources[a] = ts
	return ts, nil
}

func (a *Auth) Apply(c *sdk.Core, _ *sdk.Operation, req *http.Request) error {
	addTo, tokenType, prefix := a.AddTokenTo, a.TokenType, a.HeaderPrefix
	if err := c.Settings(&addTo, &tokenType, &prefix); err != nil {
		return err
	}
	if strings.EqualFold(tokenType, "mac") {
		return nil // Postman sends nothing for MAC tokens
	}
	token, err := a.token(c)
	if err != nil {
		return err
	}
	if token == "" {
		return nil // Postman adds nothing for an empty access token (A08)
	}
	// Postman removes both places' tokens, then adds its own to one.
	sdk.RemoveQuery(req, func(k string) bool { return k == "access_token" })
	if addTo == "queryParams" {
		for k := range req.Header {
			if strings.EqualFold(k, "Authorization") {
				delete(req.Header, k)
			}
		}
		sdk.AppendQuery(req, "access_token", token)
		return nil
	}
	if prefix = strings.TrimSpace(prefix); prefix != "" {
		token = prefix + " " + token
	}
	sdk.SetAuthorization(req.Header, token)
	return nil
}

// token returns the access token to send: from WithTokenSource, from a
// grant the client runs, or from the collection's variable.
func (a *Auth) token(c *sdk.Core) (string, error) {
	var ts oauth2.TokenSource
	if v, ok := c.AuthState("oauth2.tokenSource").(oauth2.TokenSource); ok {
		ts = v
	} else if g, ok := c.AuthState("oauth2.grant").(*oauth2Grant); ok {
		var err error
		if ts, err = g.tokenSource(c, a); err != nil {
			return "", err
		}
	}
	if ts == nil {
		option := "WithTokenSource"
		switch grant, _ := c.Resolve(a.GrantType); grant {
		case "client_credentials":
			option += " or WithOAuth2ClientCredentials"
		case "password", "password_credentials":
			option += " or WithOAuth2Password"
		}
		return c.Secret("oauth2", "accessToken", a.AccessToken, option)
	}
	tok, err := ts.Token()
	if err != nil {
		return "", &sdk.AuthError{Type: "oauth2", Param: "token", Err: err}
	}
	return tok.AccessToken, nil
}

// Config builds the *oauth2.Config of auth a's settings for the
// client c, resolving their variables; scopes default to the collection's.
// Generated SDKs call it from Client.Config.
func Config(c *sdk.Core, a *Auth, clientID, clientSecret, redirectURL string, scopes []string) (*oauth2.Config, error) {
	authURL, tokenURL, scope, clientAuth, redirect := a.AuthURL, a.TokenURL, a.Scope, a.ClientAuth, a.RedirectURI
	if err := c.Settings(&authURL, &tokenURL, &scope, &clientAuth, &redirect); err != nil {
		return nil, err
	}
	if redirectURL == "" {
		redirectURL = redirect
	}
	// An empty client ID or secret is read from the variable the
	// collection names for it, when the client has it.
	if clientID == "" {
		clientID, _ = c.OptionalSecret("oauth2", "clientId", a.ClientID, "")
	}
	if clientSecret == "" {
		clientSecret, _ = c.OptionalSecret("oauth2", "clientSecret", a.ClientSecret, "")
	}
	if len(scopes) == 0 {
		scopes = strings.Fields(scope)
	}
	style := oauth2.AuthStyleAutoDetect
	switch clientAuth {
	case "header":
		style = oauth2.AuthStyleInHeader
	case "body":
		style = oauth2.AuthStyleInParams
	}
	return &oauth2.Config{
		ClientID:     clientID,
		ClientSecret: clientSecret,
		RedirectURL:  redirectURL,
		Scopes:       scopes,
		Endpoint:     oauth2.Endpoint{AuthURL: authURL, TokenURL: tokenURL, AuthStyle: style},
	}, nil
}

// paramValues resolves extra request parameters.
func paramValues(c *sdk.Core, params []Param) url.Values {
	if len(params) == 0 {
		return nil
	}
	v := url.Values{}
	for _, p := range params {
		if value, err := c.Resolve(p.Value); err == nil {
			v.Add(p.Key, value)
		}
	}
	return v
}

// Flow is one authorization-code grant: the URL to send the user
// to, and the exchange of the code the redirect brings back. It carries a
// random state and, when the collection asks for PKCE, a code verifier;
// keep it (in the user's session) between the two steps.
type Flow struct {
	// Config is the application's OAuth 2.0 configuration.
	Config *oauth2.Config
	// State is sent with the authorization request and must come back
	// with the code.
	State string
	// Verifier is the PKCE code verifier, "" without PKCE; Method is
	// "S256" or "plain".
	Verifier, Method string
	// AuthParams are added to the authorization URL (the collection's
	// authRequestParams and any you set), replacing a parameter of the
	// same name.
	AuthParams url.Values
	// Rename maps a parameter of the authorization URL to the name the
	// server expects instead, such as "redirect_uri" to "redirect_url".
	Rename map[string]string
	// TokenParams are added to the token request.
	TokenParams url.Values
}

// StartFlow starts an authorization-code grant with auth a's
// settings for the client c. Generated SDKs call it from
// Client.Flow.
func StartFlow(c *sdk.Core, a *Auth, clientID, clientSecret, redirectURL string, scopes []string) (*Flow, error) {
	cfg, err := Config(c, a, clientID, clientSecret, redirectURL, scopes)
	if err != nil {
		return nil, err
	}
	f := &Flow{Config: cfg, State: authclock.RandomAlphanumeric(32), AuthParams: paramValues(c, a.AuthParams), TokenParams: paramValues(c, a.TokenParams), Rename: map[string]string{}}
	if f.AuthParams == nil {
		f.AuthParams = url.Values{}
	}
	if a.ChallengeAlgorithm != "" {
		f.Verifier, f.Method = oauth2.GenerateVerifier(), a.ChallengeAlgorithm
	}
	return f, nil
}

// AuthCodeURL returns the URL of the authorization request to send the
// user to.
func (f *Flow) AuthCodeURL() string {
	var opts []oauth2.AuthCodeOption
	switch {
	case f.Verifier != "" && f.Method == "plain":
		opts = append(opts, oauth2.SetAuthURLParam("code_challenge", f.Verifier), oauth2.SetAuthURLParam("code_challenge_method", "plain"))
	case f.Verifier != "":
		opts = append(opts, oauth2.S256ChallengeOption(f.Verifier))
	}
	raw := f.Config.AuthCodeURL(f.State, opts...)
	if len(f.AuthParams) == 0 && len(f.Rename) == 0 {
		return raw
	}
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	q := u.Query()
	for from, to := range f.Rename {
		if vs, ok := q[from]; ok {
			delete(q, from)
			q[to] = vs
		}
	}
	for k, vs := range f.AuthParams {
		q[k] = vs
	}
	u.RawQuery = q.Encode()
	return u.String()
}

// Exchange checks the state the redirect brought back and exchanges the
// code for a token.
func (f *Flow) Exchange(ctx context.Context, state, code string) (*oauth2.Token, error) {
	if state != f.State {
		return nil, fmt.Errorf("oauth2: the state of the redirect (%q) is not the one this flow sent", state)
	}
	var opts []oauth2.AuthCodeOption
	if f.Verifier != "" {
		opts = append(opts, oauth2.VerifierOption(f.Verifier))
	}
	for k, vs := range f.TokenParams {
		for _, v := range vs {
			opts = append(opts, oauth2.SetAuthURLParam(k, v))
		}
	}
	return f.Config.Exchange(ctx, code, opts...)
}
