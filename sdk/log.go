package sdk

import (
	"context"
	"encoding/base64"
	"errors"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strings"
	"time"
)

// This file logs what the client sends and receives, and keeps credentials
// out of everything it prints: logs and error messages. A value is hidden
// when its header or query name says it is a credential, and wherever a
// credential the client was given appears, whatever the name around it.

// WithLogger logs each request, response and retry at slog.LevelDebug:
// method, URL, headers, status and timing, never bodies. Credentials are
// replaced by "[REDACTED]": the Authorization, Cookie and Set-Cookie
// headers, any header or query parameter whose name mentions a key, token,
// secret, password, signature, session or auth, and every value given to
// an auth option or to WithVariable for a variable that has no value in the
// collection or whose name looks like a credential.
func WithLogger(l *slog.Logger) Option {
	return func(c *Core) error {
		c.logger = l
		return nil
	}
}

// redacted replaces a hidden value.
const redacted = "[REDACTED]"

// sensitiveWords mark header and query names whose values are credentials.
var sensitiveWords = []string{"auth", "cookie", "key", "token", "secret", "password", "passwd", "pwd", "signature", "sig", "session", "credential", "jwt", "bearer", "nonce"}

// sensitiveName reports whether a header or parameter name holds a
// credential.
func sensitiveName(name string) bool {
	n := strings.ToLower(name)
	for _, w := range sensitiveWords {
		if strings.Contains(n, w) {
			return true
		}
	}
	return false
}

// minSecret is the shortest value hidden wherever it appears: shorter
// ones would blank out ordinary text (they are still hidden by name).
const minSecret = 4

// redactor returns a function that hides, in any text about req, every
// credential the client holds and every credential req carries (values
// of credential-named headers and query parameters), in each spelling
// they can take on the wire.
func (c *Core) redactor(req *http.Request) func(string) string {
	secrets := c.secretForms(req)
	return func(s string) string {
		for _, v := range secrets {
			s = strings.ReplaceAll(s, v, redacted)
		}
		return s
	}
}

// secretForms lists every credential the client holds and every
// credential req carries, in each spelling they can take on the wire,
// longest first: what logs hide and what a redirect to another origin
// must not carry.
func (c *Core) secretForms(req *http.Request) []string {
	var raw []string
	for _, v := range c.creds {
		raw = append(raw, v)
	}
	for name, v := range c.vars {
		if sensitiveName(name) || slices.Contains(c.secretVars, name) {
			raw = append(raw, v)
		}
	}
	if req != nil {
		for name, values := range req.Header {
			if sensitiveName(name) {
				for _, v := range values {
					raw = append(raw, credentialParts(v)...)
				}
			}
		}
		if req.URL != nil {
			for _, p := range strings.Split(req.URL.RawQuery, "&") {
				k, v, _ := strings.Cut(p, "=")
				if name, err := url.QueryUnescape(k); err == nil && sensitiveName(name) || sensitiveName(k) {
					raw = append(raw, v)
					if u, err := url.QueryUnescape(v); err == nil {
						raw = append(raw, u)
					}
				}
			}
		}
	}
	seen := map[string]bool{}
	var secrets []string
	for _, v := range raw {
		for _, form := range []string{v, url.QueryEscape(v), url.PathEscape(v), formEncode(v),
			percentEncode(v, pathEncodeSet), percentEncode(escapeQueryValue(v), queryEncodeSet),
			percentEncode(escapePathArg(v), pathEncodeSet), base64.StdEncoding.EncodeToString([]byte(v))} {
			if len(form) >= minSecret && !seen[form] {
				seen[form] = true
				secrets = append(secrets, form)
			}
		}
	}
	// Longest first, so a secret that contains another is hidden whole.
	sort.Slice(secrets, func(i, j int) bool { return len(secrets[i]) > len(secrets[j]) })
	return secrets
}

// credentialParts splits a credential header value into the pieces that
// may show up elsewhere: the whole value, and each token or k=v value of
// "Bearer t", "Basic b64", "a=1; b=2" or `Digest username="u", response="r"`
// (the auth scheme itself is not a secret).
func credentialParts(v string) []string {
	parts := []string{v}
	fields := strings.FieldsFunc(v, func(r rune) bool { return r == ' ' || r == ',' || r == ';' })
	for i, f := range fields {
		if _, val, ok := strings.Cut(f, "="); ok {
			parts = append(parts, strings.Trim(val, `"`))
		} else if i > 0 || len(fields) == 1 {
			parts = append(parts, f)
		}
	}
	return parts
}

// redactURL renders u, as sent, for logs and errors: without user info,
// with the values of credential-named query parameters and of known
// credentials hidden. (url.URL.String drops the host of the opaque paths
// the runtime sends, so the URL is put together here.)
func redactURL(u *url.URL, hide func(string) string) string {
	if u == nil {
		return ""
	}
	var b strings.Builder
	if u.Scheme != "" {
		b.WriteString(u.Scheme)
		b.WriteString("://")
	}
	if u.User != nil {
		b.WriteString(redacted + "@")
	}
	b.WriteString(u.Host)
	if u.Opaque != "" {
		b.WriteString(u.Opaque)
	} else {
		b.WriteString(u.EscapedPath())
	}
	if u.RawQuery != "" || u.ForceQuery {
		b.WriteByte('?')
		b.WriteString(redactQuery(u.RawQuery))
	}
	return hide(b.String())
}

// redactQuery hides the values of credential-named parameters, keeping
// the query's bytes otherwise.
func redactQuery(q string) string {
	if q == "" {
		return q
	}
	parts := strings.Split(q, "&")
	for i, p := range parts {
		k, _, hasValue := strings.Cut(p, "=")
		name, err := url.QueryUnescape(k)
		if err != nil {
			name = k
		}
		if hasValue && sensitiveName(name) {
			parts[i] = k + "=" + redacted
		}
	}
	return strings.Join(parts, "&")
}

// redactHeader returns h as attributes, credentials hidden.
func redactHeader(h http.Header, hide func(string) string) []any {
	keys := make([]string, 0, len(h))
	for k := range h {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	attrs := make([]any, 0, len(keys))
	for _, k := range keys {
		value := redacted
		if !sensitiveName(k) {
			value = hide(strings.Join(h[k], ", "))
		}
		attrs = append(attrs, slog.String(k, value))
	}
	return attrs
}

// redactURLError hides credentials in the URL that net/http puts in its
// errors ("Get \"https://...?api_key=...\": dial tcp: ...").
func (c *Core) redactURLError(err error, req *http.Request) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		ue.URL = redactURL(req.URL, c.redactor(req))
	}
	return err
}

// newAPIError describes a non-2xx response; its message hides the
// request's credentials, even when the server echoes them in the body.
func (c *Core) newAPIError(op *Operation, req *http.Request, r *Response, body []byte) *APIError {
	hide := c.redactor(req)
	return &APIError{
		Operation:  op.Name,
		Method:     req.Method,
		URL:        redactURL(req.URL, hide),
		StatusCode: r.StatusCode,
		Status:     r.Status,
		Header:     r.Header,
		Body:       body,
		Response:   r,
		redact:     hide,
	}
}

func (c *Core) logEnabled(ctx context.Context) bool {
	return c.logger != nil && c.logger.Enabled(ctx, slog.LevelDebug)
}

// logRequest logs one attempt at sending req.
func (c *Core) logRequest(req *http.Request, attempt int) {
	ctx := req.Context()
	if !c.logEnabled(ctx) {
		return
	}
	hide := c.redactor(req)
	c.logger.LogAttrs(ctx, slog.LevelDebug, "http request",
		slog.String("method", req.Method),
		slog.String("url", redactURL(req.URL, hide)),
		slog.Int("attempt", attempt),
		slog.Int64("body_bytes", req.ContentLength),
		slog.Group("header", redactHeader(req.Header, hide)...))
}

// logResponse logs the outcome of one attempt.
func (c *Core) logResponse(req *http.Request, resp *http.Response, err error, d time.Duration) {
	ctx := req.Context()
	if !c.logEnabled(ctx) {
		return
	}
	hide := c.redactor(req)
	if err != nil {
		c.logger.LogAttrs(ctx, slog.LevelDebug, "http error",
			slog.String("method", req.Method),
			slog.String("url", redactURL(req.URL, hide)),
			slog.Duration("duration", d),
			slog.String("error", hide(c.redactURLError(err, req).Error())))
		return
	}
	c.logger.LogAttrs(ctx, slog.LevelDebug, "http response",
		slog.String("method", req.Method),
		slog.String("url", redactURL(req.URL, hide)),
		slog.Int("status", resp.StatusCode),
		slog.Duration("duration", d),
		slog.Int64("body_bytes", resp.ContentLength),
		slog.Group("header", redactHeader(resp.Header, hide)...))
}

// logRetry logs the wait before the next attempt.
func (c *Core) logRetry(req *http.Request, attempt int, wait time.Duration, why string) {
	ctx := req.Context()
	if !c.logEnabled(ctx) {
		return
	}
	hide := c.redactor(req)
	c.logger.LogAttrs(ctx, slog.LevelDebug, "http retry",
		slog.String("method", req.Method),
		slog.String("url", redactURL(req.URL, hide)),
		slog.Int("attempt", attempt),
		slog.Duration("wait", wait),
		slog.String("reason", hide(why)))
}
