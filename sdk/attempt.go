package sdk

import (
	"net/http"
	"slices"
	"strings"
)

// This file builds each attempt at sending a request. A signed auth
// (OAuth 1, Hawk, AWS Signature V4, EdgeGrid, JWT, ASAP) puts a nonce and
// a timestamp in its signature, and servers refuse a signature they have
// seen or one that is too old: so the request is kept as it stood before
// its auth, and every attempt, retries included, is signed afresh (auth
// settings such as a JWT payload are resolved again, {{$guid}}s too). The
// request's own URL, headers and body are not rebuilt: a {{$guid}} sent as
// an idempotency key belongs to the call, not to the attempt.

// outgoing is one call's request, built as far as its auth.
type outgoing struct {
	op *Operation
	// base holds the URL, the collection's headers and the body, without
	// auth or system headers. When op has no auth, base is the request
	// sent, finished in place.
	base *http.Request
	// first is the first attempt, built by newRequest so that a request
	// that cannot be authenticated fails before anything is sent.
	first *http.Request
	// contentType is the body's, added after auth when the request sets
	// none.
	contentType string
	// user and password come from the URL ("https://u:p@host"): Postman
	// sends them as basic auth when nothing else sets Authorization.
	user, password string
	hasUser        bool
	// started is set once the first attempt is built.
	started bool
}

// attempt returns the request of the next attempt: the first one, or a
// copy of base with a fresh body, signed again.
func (o *outgoing) attempt(c *Core) (*http.Request, error) {
	if req := o.first; req != nil {
		o.first = nil
		return req, nil // its hooks ran when it was built
	}
	req, err := o.build(c)
	if err != nil {
		return nil, err
	}
	if err := c.runHooks(req); err != nil {
		return nil, err
	}
	return req, nil
}

// build returns the next attempt before the client's hooks run on it.
func (o *outgoing) build(c *Core) (*http.Request, error) {
	first := !o.started
	o.started = true
	op := o.op
	// Without auth or hooks base is sent as it is; hooks get a copy, so
	// that a retry starts again from the request before them.
	if op.Auth == nil && len(c.hooks) == 0 {
		if first {
			o.finish(c, o.base) // nothing to sign: base is sent as it is
			return o.base, nil
		}
		return rewind(o.base)
	}
	var req *http.Request
	if first {
		req = o.base.Clone(o.base.Context()) // base's body is still unread
	} else {
		var err error
		if req, err = rewind(o.base); err != nil {
			return nil, err
		}
	}
	if op.Auth == nil {
		o.finish(c, req)
		return req, nil
	}
	if err := op.Auth.Apply(c, op, req); err != nil {
		return nil, err
	}
	if rec, ok := req.Context().Value(authAddedKey{}).(*authAdded); ok {
		rec.note(o.base, req)
	}
	o.finish(c, req)
	return req, nil
}

// finish adds the headers that come after auth.
func (o *outgoing) finish(c *Core, req *http.Request) {
	c.finishHeaders(req, o.op, o.contentType)
	if o.hasUser && req.Header.Get("Authorization") == "" {
		req.SetBasicAuth(o.user, o.password)
	}
}

// replayable reports whether the request's body can be sent again.
func (o *outgoing) replayable() bool {
	b := o.base
	return b.Body == nil || b.Body == http.NoBody || b.GetBody != nil
}

// note records the headers and query parameters that auth added to (or
// changed in) before, giving signed, and their values.
func (a *authAdded) note(before, signed *http.Request) {
	for k, v := range signed.Header {
		if old, ok := before.Header[k]; !ok || !equalValues(old, v) {
			a.headers = appendFold(a.headers, k)
			for _, value := range v {
				a.values = appendSecret(a.values, credentialParts(value)...)
			}
		}
	}
	had := map[string]bool{}
	for _, p := range queryPairs(before.URL.RawQuery) {
		had[p] = true
	}
	for _, p := range queryPairs(signed.URL.RawQuery) {
		if !had[p] {
			k, v, _ := strings.Cut(p, "=")
			a.query = appendFold(a.query, unescapePercent(k))
			a.values = appendSecret(a.values, v, unescapePercent(v))
		}
	}
}

// appendSecret adds the values long enough to be told from ordinary text
// (see minSecret) that list lacks.
func appendSecret(list []string, values ...string) []string {
	for _, v := range values {
		if len(v) >= minSecret && !slices.Contains(list, v) {
			list = append(list, v)
		}
	}
	return list
}

// equalValues reports whether two header value lists are the same.
func equalValues(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// appendFold adds name to names unless it is there in some case.
func appendFold(names []string, name string) []string {
	for _, n := range names {
		if strings.EqualFold(n, name) {
			return names
		}
	}
	return append(names, name)
}
