package sdk

import (
	"crypto/rand"
	"encoding/base64"
	"net/http"
	"strings"

	"github.com/postgen/postgen/internal/authclock"
	"github.com/postgen/postgen/internal/ntlm"
)

// NTLMAuth answers NTLM challenges with NTLMv2 (§10.4 ntlm): the request
// goes out without credentials; on a 401 or 403 offering NTLM the client
// sends a negotiate message, then the response to the server's challenge.
// NTLM authenticates a connection, so the three requests rely on the
// *http.Client keeping it alive, as the default transport does.
type NTLMAuth struct {
	// Username ("DOMAIN\user" or "user@domain" when domain is empty) and
	// Password are the collection's references, or notCopied.
	Username, Password  string
	Domain, Workstation string
	// NoRetry (truthy) does not answer the challenge.
	NoRetry string
}

// ntlmClientChallenge returns the client's 8 random bytes; tests fix it.
var ntlmClientChallenge = func() []byte {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	return b
}

// WithNTLMAuth sets the username and password the collection's NTLM auth
// answers challenges with.
// Where the collection reads a credential from a variable the client has
// (WithVariable), that value is used instead.
func WithNTLMAuth(username, password string) Option {
	return WithCredentials("ntlm.username", username, "ntlm.password", password)
}

func (a *NTLMAuth) Apply(*Core, *Operation, *http.Request) error { return nil }

func (a *NTLMAuth) answer(c *Core, req *http.Request, resp *http.Response) (*http.Response, error) {
	if resp.StatusCode != http.StatusUnauthorized && resp.StatusCode != http.StatusForbidden || ntlmToken(resp) == nil {
		return resp, nil
	}
	s := *a
	if err := c.Settings(&s.Domain, &s.Workstation, &s.NoRetry); err != nil {
		return nil, err
	}
	if truthy(s.NoRetry) {
		return resp, nil
	}
	var user, pass string
	if err := c.credentials("ntlm", "WithNTLMAuth", cred{&user, "username", a.Username, false}, cred{&pass, "password", a.Password, true}); err != nil {
		return nil, err
	}
	if s.Domain == "" {
		if d, u, ok := strings.Cut(user, `\`); ok {
			s.Domain, user = d, u
		} else if u, d, ok := strings.Cut(user, "@"); ok {
			s.Domain, user = d, u
		}
	}
	drain(resp)
	negotiate, err := rewind(req)
	if err != nil {
		return nil, err
	}
	SetAuthorization(negotiate.Header, "NTLM "+base64.StdEncoding.EncodeToString(ntlm.Negotiate()))
	resp, err = c.httpClient.Do(negotiate)
	if err != nil {
		return nil, err
	}
	challenge := ntlmToken(resp)
	if resp.StatusCode != http.StatusUnauthorized || len(challenge) == 0 {
		return resp, nil
	}
	msg, err := ntlm.Authenticate(challenge, user, pass, s.Domain, s.Workstation, ntlmClientChallenge(), authclock.Now())
	if err != nil {
		return nil, &AuthError{Type: "ntlm", Param: "challenge", Err: err}
	}
	drain(resp)
	final, err := rewind(req)
	if err != nil {
		return nil, err
	}
	SetAuthorization(final.Header, "NTLM "+base64.StdEncoding.EncodeToString(msg))
	return c.httpClient.Do(final)
}

// ntlmToken returns the NTLM token of a response's challenge: nil when it
// offers no NTLM, empty when it offers NTLM without a token.
func ntlmToken(resp *http.Response) []byte {
	for _, h := range resp.Header.Values("WWW-Authenticate") {
		scheme, rest, _ := strings.Cut(strings.TrimSpace(h), " ")
		if strings.EqualFold(scheme, "NTLM") {
			b, err := base64.StdEncoding.DecodeString(strings.TrimSpace(rest))
			if err != nil || b == nil {
				return []byte{}
			}
			return b
		}
	}
	return nil
}
