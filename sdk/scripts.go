package sdk

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
)

// This file is the runtime's extension point for a collection's scripts:
// an SDK whose collection has pre-request or test scripts offers
// WithScripts, which installs a ScriptRunner (package sdkscript's, which
// embeds a JavaScript engine that SDKs without scripts never link). A
// client without one takes none of these paths.
//
// With a runner, a call is built as newman builds it: the request is put
// together from the collection's templates with its {{variables}} left in
// (as pm.request shows them), the pre-request scripts run on it and on the
// variables, and only then are the variables resolved, with the values
// the scripts left. Auth and the request hooks come after, on every
// attempt; the test scripts see the response, whose body the SDK then
// decodes as usual.

// ScriptRunner runs a collection's scripts around the calls of a client.
type ScriptRunner interface {
	// PreRequest runs the pre-request scripts of call.Operation. It may
	// change call.Request and call.Variables; the request is sent as it
	// leaves them.
	PreRequest(ctx context.Context, call *ScriptCall) error
	// Test runs the test scripts of call.Operation with the response.
	// body is the response body (resp.Body is read); an error fails the
	// call.
	Test(ctx context.Context, call *ScriptCall, resp *http.Response, body []byte) error
}

// ScriptCall is one call as the scripts see it.
type ScriptCall struct {
	// Operation is the operation's name, "Service.Method".
	Operation string
	// Request is the request before its variables are resolved.
	Request *ScriptRequest
	// Variables are the client's variables (WithVariable), Defaults the
	// collection's values. The request resolves with Variables first,
	// then Defaults: a runner sets there what its scripts left, call
	// variables included.
	Variables, Defaults map[string]string
	// CallVariables are the call's own (WithCallVariable).
	CallVariables map[string]string
	// Send sends a request through the client's HTTP client, for the
	// requests scripts send themselves (pm.sendRequest).
	Send func(*http.Request) (*http.Response, error)
	// State is the runner's, from PreRequest to Test.
	State any
}

// ScriptRequest is a request with its {{variables}} still in place.
type ScriptRequest struct {
	Method string
	// URL is the full URL, path arguments and query included.
	URL    string
	Header http.Header
	// Body is the body bytes; BodyTemplate says they are the collection's
	// text (resolved after the scripts) rather than the caller's.
	Body         []byte
	BodyTemplate bool
	// BodyMode is "", "raw", "urlencoded", "formdata", "file" or
	// "graphql".
	BodyMode string
}

// WithScriptRunner makes the client run r's scripts around every call.
// SDKs whose collections have scripts wrap it as WithScripts.
func WithScriptRunner(r ScriptRunner) Option {
	return func(c *Core) error {
		if r == nil {
			return fmt.Errorf("WithScriptRunner: the runner is nil")
		}
		c.scripts = r
		return nil
	}
}

var bodyModes = [...]string{bodyNone: "", BodyRaw: "raw", BodyURLEncoded: "urlencoded", BodyFormData: "formdata", BodyFile: "file", BodyGraphQL: "graphql"}

// scriptCallKey is the context key of a scripted call's *ScriptCall.
type scriptCallKey struct{}

// newScriptedRequest is newRequest for a client with a script runner.
func (c *Core) newScriptedRequest(ctx context.Context, op *Operation, in *Call) (*outgoing, error) {
	callVars := map[string]string{}
	ctx, cc, cfg := c.forCall(ctx, in)
	if cfg != nil {
		for k, v := range cfg.vars {
			callVars[k] = v
		}
	}
	// The template: the request as the collection and the caller give
	// it, {{variables}} unresolved.
	tc := *cc
	tc.verbatim = true
	var scriptArgs []string
	tc.scriptArgs = &scriptArgs
	cfg.placeQuery(op, in)
	rawURL, err := tc.buildURL(op, in)
	if err != nil {
		return nil, c.opError(op, err)
	}
	rd, _, contentType, err := tc.callBody(op, in, cfg)
	if err != nil {
		return nil, c.opError(op, err)
	}
	var body []byte
	if rd != nil {
		if body, err = io.ReadAll(rd); err != nil {
			return nil, c.opError(op, err)
		}
	}
	tmpl, err := http.NewRequestWithContext(ctx, op.Method, "/", nil)
	if err != nil {
		return nil, c.opError(op, err)
	}
	if err := tc.setHeaders(tmpl, op, in, contentType); err != nil {
		return nil, c.opError(op, err)
	}
	cfg.editRequest(tmpl)
	sr := &ScriptRequest{Method: op.Method, URL: rawURL, Header: tmpl.Header, Body: body,
		BodyTemplate: isNil(in.Body) && (cfg == nil || !cfg.rawSet && len(cfg.fields) == 0)}
	if op.Body != nil {
		sr.BodyMode = bodyModes[op.Body.Mode]
	}
	vars := make(map[string]string, len(c.vars))
	for k, v := range c.vars {
		vars[k] = v
	}
	call := &ScriptCall{Operation: op.Name, Request: sr, Variables: vars, Defaults: c.defaults, CallVariables: callVars, Send: c.httpClient.Do}
	if err := c.scripts.PreRequest(ctx, call); err != nil {
		return nil, c.opError(op, fmt.Errorf("pre-request script: %w", err))
	}

	// A {{name}} path argument the caller left empty takes what the
	// scripts set (never the collection's sample value); none set is
	// the *ArgumentError the call gets without scripts.
	for _, name := range scriptArgs {
		if call.Variables[name] == "" && call.CallVariables[name] == "" {
			return nil, c.opError(op, &ArgumentError{Operation: op.Name, Name: name})
		}
	}

	// The request sent: resolved with what the scripts left.
	sc := *cc
	sc.vars = call.Variables
	own := &ownCore{core: &sc}
	ctx = context.WithValue(context.WithValue(ctx, callCoreKey{}, own), scriptCallKey{}, call)
	if op.Auth != nil {
		ctx = context.WithValue(ctx, authAddedKey{}, &authAdded{})
	}
	resolved, err := sc.Resolve(sr.URL)
	if err != nil {
		return nil, c.opError(op, err)
	}
	u := parseWireURL(resolved, !op.RawURL)
	if sr.BodyTemplate && len(sr.Body) > 0 {
		if err := sc.resolveBody(sr); err != nil {
			return nil, c.opError(op, err)
		}
	}
	var rdr io.Reader
	if len(sr.Body) > 0 {
		rdr = bytes.NewReader(sr.Body)
	}
	method := sr.Method
	if method == "" {
		method = op.Method
	}
	req, err := http.NewRequestWithContext(ctx, strings.ToUpper(method), "/", rdr)
	if err != nil {
		return nil, c.opError(op, err)
	}
	req.URL.Scheme, req.URL.Host = u.scheme, u.host
	req.Host = strings.TrimSuffix(u.host, ":")
	setRequestURI(req, &u)
	for k, vs := range sr.Header {
		key, err := sc.Resolve(k)
		if err != nil {
			return nil, c.opError(op, err)
		}
		for _, v := range vs {
			value, err := sc.Resolve(v)
			if err != nil {
				return nil, c.opError(op, err)
			}
			if strings.EqualFold(key, "Host") {
				req.Host = value
				continue
			}
			req.Header[key] = append(req.Header[key], value)
		}
	}
	own.base = req
	o := &outgoing{op: op, base: req, contentType: contentType}
	if u.hasUser {
		o.user, o.password, o.hasUser = unescapePercent(u.user), unescapePercent(u.password), true
	}
	if o.first, err = o.attempt(&sc); err != nil {
		return nil, c.opError(op, err)
	}
	return o, nil
}

// resolveBody resolves the {{variables}} of a template body; those of a
// urlencoded body are resolved field by field, then encoded again.
func (c *Core) resolveBody(sr *ScriptRequest) error {
	if sr.BodyMode != "urlencoded" {
		text, err := c.Resolve(string(sr.Body))
		sr.Body = []byte(text)
		return err
	}
	var b strings.Builder
	for i, pair := range strings.Split(string(sr.Body), "&") {
		if i > 0 {
			b.WriteByte('&')
		}
		key, value, hasValue := strings.Cut(pair, "=")
		for j, part := range []string{key, value} {
			if j == 1 {
				if !hasValue {
					break
				}
				b.WriteByte('=')
			}
			text, err := url.QueryUnescape(part)
			if err != nil || !strings.Contains(text, "{{") {
				b.WriteString(part)
				continue
			}
			if text, err = c.Resolve(text); err != nil {
				return err
			}
			b.WriteString(formEncode(text))
		}
	}
	sr.Body = []byte(b.String())
	return nil
}

// runTests runs the test scripts of o's call on resp, leaving its body
// readable again for the decoder. A script error fails a 2xx call.
func (c *Core) runTests(o *outgoing, resp *http.Response) error {
	call, ok := o.base.Context().Value(scriptCallKey{}).(*ScriptCall)
	if !ok {
		return nil
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, c.maxResponseBytes()+1))
	_ = resp.Body.Close()
	resp.Body = io.NopCloser(bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("reading the response for the test scripts: %w", err)
	}
	if err := c.scripts.Test(o.base.Context(), call, resp, body); err != nil && resp.StatusCode/100 == 2 {
		// A test script that fails on an error response leaves the call
		// its *APIError, which says more.
		return fmt.Errorf("test script: %w", err)
	}
	return nil
}
