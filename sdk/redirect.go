package sdk

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// This file keeps credentials with the origin they were meant for when a
// server redirects. net/http drops Authorization and Cookie when a
// redirect leaves the domain, but it forwards every other header (an
// X-Api-Key, a signature) to wherever the Location points, and the
// Location itself may carry the SDK's credential query parameters back
// out. So on a redirect to another scheme, host or port, the client
// removes every header and query parameter that holds a credential; a
// redirect that leaves HTTPS for plain HTTP is refused outright. A
// redirect within the origin keeps everything, as Postman does.

// RedirectError is the error of a redirect the client refuses to follow:
// one from https to plain http, which would send the request (and its
// credentials) unencrypted. It arrives wrapped (in a *RequestError, around
// a *url.Error); match it with errors.As.
type RedirectError struct {
	// From and To are the URLs of the redirect, credentials hidden.
	From, To string
}

// Error says which redirect was refused, why, and what to do.
func (e *RedirectError) Error() string {
	return fmt.Sprintf("refused redirect from %s to %s: it leaves HTTPS for plain HTTP, which would send the request and its credentials unencrypted; "+
		"have the server redirect to https, or, if plain HTTP is really meant, call that URL directly with WithBaseURL", e.From, e.To)
}

// authAdded records the headers and query parameters a call's auth
// added, for the redirect policy. newRequest puts one in the context of a
// request that has auth; net/http gives redirected requests that context.
type authAdded struct {
	headers, query []string
	// values are the credentials in them, the auth's token or key.
	values []string
}

// authAddedKey is the context key of a call's *authAdded.
type authAddedKey struct{}

// maxRedirects is net/http's default limit, kept when the caller's client
// has no CheckRedirect of its own.
const maxRedirects = 10

// withRedirectPolicy returns a shallow copy of hc (the caller's client is
// not changed) whose CheckRedirect applies the SDK's policy, then hc's own
// CheckRedirect, or net/http's default limit of 10 redirects.
func (c *Core) withRedirectPolicy(hc *http.Client) *http.Client {
	cp := *hc
	next := hc.CheckRedirect
	cp.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if err := c.checkRedirect(req, via); err != nil {
			return err
		}
		if next != nil {
			return next(req, via)
		}
		if len(via) >= maxRedirects {
			return fmt.Errorf("stopped after %d redirects", maxRedirects)
		}
		return nil
	}
	return &cp
}

// checkRedirect refuses an https -> http redirect, and strips the
// credentials from a redirect that leaves the origin of the call's first
// request. It also gives the redirect a Referer that is a whole URL
// (net/http renders the runtime's opaque request URLs as "http:/path").
func (c *Core) checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) == 0 {
		return nil
	}
	first, prev := via[0], via[len(via)-1]
	if strings.EqualFold(prev.URL.Scheme, "https") && strings.EqualFold(req.URL.Scheme, "http") {
		hide := c.redactor(first)
		return &RedirectError{From: redactURL(prev.URL, hide), To: redactURL(req.URL, hide)}
	}
	cross := !sameOrigin(first.URL, req.URL)
	if first.Header.Get("Referer") == "" {
		ref := *prev.URL
		if cross {
			ref.RawQuery = c.credentialFreeQuery(ref.RawQuery, first)
		}
		req.Header.Set("Referer", refererURL(&ref))
	}
	if !cross {
		return nil
	}
	rec, _ := req.Context().Value(authAddedKey{}).(*authAdded)
	secrets := rec.secrets(c.secretForms(first))
	for k, values := range req.Header {
		if rec.hasHeader(k) || sensitiveName(k) || containsAny(values, secrets) {
			delete(req.Header, k)
		}
	}
	req.URL.RawQuery = c.credentialFreeQuery(req.URL.RawQuery, first)
	return nil
}

// credentialFreeQuery returns the raw query q without the parameters that
// hold a credential of first's call: those its auth added, those whose
// name says they are credentials, and those whose value holds one the
// client has or first carries.
func (c *Core) credentialFreeQuery(q string, first *http.Request) string {
	if q == "" {
		return q
	}
	rec, _ := first.Context().Value(authAddedKey{}).(*authAdded)
	secrets := rec.secrets(c.secretForms(first))
	var kept []string
	for _, p := range queryPairs(q) {
		k, v, _ := strings.Cut(p, "=")
		name, err := url.QueryUnescape(k)
		if err != nil {
			name = k
		}
		values := []string{v}
		if u, err := url.QueryUnescape(v); err == nil {
			values = append(values, u)
		}
		if rec.hasQuery(name) || sensitiveName(name) || containsAny(values, secrets) {
			continue
		}
		kept = append(kept, p)
	}
	return strings.Join(kept, "&")
}

// secrets adds the values the auth sent to forms.
func (a *authAdded) secrets(forms []string) []string {
	if a == nil {
		return forms
	}
	return append(forms, a.values...)
}

// hasHeader reports whether the auth added header name.
func (a *authAdded) hasHeader(name string) bool {
	return a != nil && hasFold(a.headers, name)
}

// hasQuery reports whether the auth added query parameter name.
func (a *authAdded) hasQuery(name string) bool {
	return a != nil && hasFold(a.query, name)
}

func hasFold(names []string, name string) bool {
	for _, n := range names {
		if strings.EqualFold(n, name) {
			return true
		}
	}
	return false
}

// containsAny reports whether any of values holds any of secrets.
func containsAny(values, secrets []string) bool {
	for _, v := range values {
		for _, s := range secrets {
			if strings.Contains(v, s) {
				return true
			}
		}
	}
	return false
}

// sameOrigin reports whether a and b have the same scheme, host and port
// (an absent port is the scheme's default).
func sameOrigin(a, b *url.URL) bool {
	return strings.EqualFold(a.Scheme, b.Scheme) && strings.EqualFold(a.Hostname(), b.Hostname()) && effectivePort(a) == effectivePort(b)
}

// effectivePort is u's port, or its scheme's default.
func effectivePort(u *url.URL) string {
	if p := u.Port(); p != "" {
		return p
	}
	switch strings.ToLower(u.Scheme) {
	case "https":
		return "443"
	case "http":
		return "80"
	}
	return ""
}

// refererURL renders u as a Referer: scheme, host, path and query, without
// user info or fragment (RFC 9110 §10.1.3).
func refererURL(u *url.URL) string {
	var b strings.Builder
	b.WriteString(u.Scheme)
	b.WriteString("://")
	b.WriteString(u.Host)
	switch {
	case u.Opaque != "":
		b.WriteString(u.Opaque)
	case u.EscapedPath() != "":
		b.WriteString(u.EscapedPath())
	default:
		b.WriteByte('/')
	}
	if u.RawQuery != "" {
		b.WriteByte('?')
		b.WriteString(u.RawQuery)
	}
	return b.String()
}
