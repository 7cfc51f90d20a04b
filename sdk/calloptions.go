package sdk

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
)

// This file holds the options of one call (RequestOption), the last
// argument of every generated method. They edit the request the method
// builds (headers, query, body, variables) and add hooks, for that call
// only. A call without options costs nothing more: newRequest reads them
// into a callConfig only when there are some, and runs on a copy of the
// Core only when they set variables or hooks. That copy rides in the
// request's context, so that each attempt and the decoding of the
// response use it too, without a field every call would pay for.

// RequestOption changes one call: a header or query parameter the method
// does not offer, a body field the body type lacks, a variable or a hook
// for this call only. Every generated method takes them as its last
// arguments; nil options are skipped.
type RequestOption func(*callConfig)

// WithSampleBody sends, when the call passes no body, the collection's own
// body for the request, its {{variables}} resolved, as Postman sends it.
// A body is otherwise a sample, never sent unless passed: this is what
// makes a method's Example send exactly Postman's request.
func WithSampleBody() RequestOption {
	return func(cfg *callConfig) { cfg.sample = true }
}

// callConfig is what a call's options ask for, in option order.
type callConfig struct {
	headers []callEdit
	query   []callEdit
	vars    map[string]string
	raw     []byte
	rawType string
	rawSet  bool
	fields  []jsonField
	hooks   []RequestHook
	// sample asks for the collection's own body (WithSampleBody).
	sample bool
	// own is the call's copy of the Core, when it has one.
	own *ownCore
	// err is the first bad option, reported by the call before anything
	// is sent.
	err error
}

// callEdit is one header or query edit: add appends a value, otherwise
// the value replaces the key's.
type callEdit struct {
	key, value string
	add        bool
}

// jsonField is one WithJSONField, its value encoded.
type jsonField struct {
	key   string
	value []byte
}

// fail records the first bad option.
func (cfg *callConfig) fail(format string, args ...any) {
	if cfg.err == nil {
		cfg.err = fmt.Errorf(format, args...)
	}
}

// WithHeader sets the header key for this call, replacing every value the
// request would otherwise send under that name, in any case (the
// collection's, a params field's). It is applied after the collection's
// headers and before auth, so an auth that signs headers (AWS Signature
// V4, EdgeGrid) signs it, and a header the auth sets (Authorization, an
// API key) still wins. "Host" sets the request's host.
func WithHeader(key, value string) RequestOption {
	return func(cfg *callConfig) { cfg.edit(&cfg.headers, "WithHeader: empty header name", key, value, false) }
}

// WithHeaderAdd adds a value to the header key for this call, after the
// values the request already sends under it. It is applied where
// WithHeader is.
func WithHeaderAdd(key, value string) RequestOption {
	return func(cfg *callConfig) { cfg.edit(&cfg.headers, "WithHeader: empty header name", key, value, true) }
}

// edit adds a header or query edit to list; an empty key fails the call
// with emptyKey.
func (cfg *callConfig) edit(list *[]callEdit, emptyKey, key, value string, add bool) {
	if key == "" {
		cfg.fail("%s", emptyKey)
		return
	}
	*list = append(*list, callEdit{key, value, add})
}

// WithQuery sets the query parameter key for this call: the first
// parameter of that key takes value, in its place, and the others are
// removed; without one it is appended at the end of the query. key and
// value are escaped as the method's own query arguments are (never
// resolved as {{variables}}), and key is compared with the request's keys
// as it goes on the wire. It is applied before auth, so an auth that
// signs the query signs it.
func WithQuery(key, value string) RequestOption {
	return func(cfg *callConfig) {
		cfg.edit(&cfg.query, "WithQuery: empty query parameter name", key, value, false)
	}
}

// WithQueryAdd appends the query parameter key=value at the end of the
// query of this call, escaped as WithQuery escapes it.
func WithQueryAdd(key, value string) RequestOption {
	return func(cfg *callConfig) { cfg.edit(&cfg.query, "WithQuery: empty query parameter name", key, value, true) }
}

// WithCallVariable sets the collection variable name for this call only:
// it takes precedence over WithVariable and the collection's value
// wherever the request's collection text refers to it (URL, headers,
// body, auth settings), on every attempt. Later calls do not see it.
func WithCallVariable(name, value string) RequestOption {
	return func(cfg *callConfig) {
		if name == "" {
			cfg.fail("WithCallVariable: empty variable name")
			return
		}
		if cfg.vars == nil {
			cfg.vars = make(map[string]string)
		}
		cfg.vars[name] = value
	}
}

// WithRawBody sends body as the request body of this call, in place of
// whatever the method's body argument (or the collection) would send,
// with contentType as its Content-Type, replacing the request's; ""
// keeps the Content-Type the request would have had. body is sent again
// as it is on a retry: do not change it before the call returns.
func WithRawBody(contentType string, body []byte) RequestOption {
	return func(cfg *callConfig) {
		cfg.raw, cfg.rawType, cfg.rawSet = body, contentType, true
	}
}

// WithJSONField sets the member key of the JSON object the call sends as
// its body to value, encoded as JSON: a member of that name is replaced
// in place, otherwise it is added after the others. It is how a caller
// sends a field the method's body type lacks. It applies to the body the
// call would send (the body argument encoded, or WithRawBody's), after
// it; with no body, the call sends an object of just these fields.
// Fields are applied in option order. A body that is not a JSON object,
// or a value that does not encode, fails the call with a *RequestError
// before anything is sent.
func WithJSONField(key string, value any) RequestOption {
	return func(cfg *callConfig) {
		b, err := marshalJSON(value)
		if err != nil {
			cfg.fail("WithJSONField %q: %w", key, err)
			return
		}
		cfg.fields = append(cfg.fields, jsonField{key, b})
	}
}

// WithCallHook runs hook on every attempt of this call (retries
// included), after the client's hooks (WithRequestHook), as they run.
// A nil hook fails the call.
func WithCallHook(hook RequestHook) RequestOption {
	return func(cfg *callConfig) {
		if hook == nil {
			cfg.fail("WithCallHook: the hook is nil")
			return
		}
		cfg.hooks = append(cfg.hooks, hook)
	}
}

// callCoreKey is the context key of a call's own Core.
type callCoreKey struct{}

// ownCore is the Core forCall made for one call, and the request it was
// made for: a call made with that request's context (from a hook, say)
// is another call, which must not take it.
type ownCore struct {
	core *Core
	base *http.Request
}

// forCall reads the options of in. A call without options gets ctx and
// c as they are and a nil config; one whose options set variables or
// hooks runs on a copy of c that has them, recorded in the returned
// context.
func (c *Core) forCall(ctx context.Context, in *Call) (context.Context, *Core, *callConfig) {
	if len(in.Options) == 0 {
		return ctx, c, nil
	}
	cfg := &callConfig{}
	for _, opt := range in.Options {
		if opt != nil {
			opt(cfg)
		}
	}
	if cfg.sample {
		in.SampleBody = true
	}
	if len(cfg.vars) == 0 && len(cfg.hooks) == 0 {
		return ctx, c, cfg
	}
	cc := *c
	if len(cfg.vars) > 0 {
		cc.vars = make(map[string]string, len(c.vars)+len(cfg.vars))
		for k, v := range c.vars {
			cc.vars[k] = v
		}
		for k, v := range cfg.vars {
			cc.vars[k] = v
		}
	}
	if len(cfg.hooks) > 0 {
		cc.hooks = append(c.hooks[:len(c.hooks):len(c.hooks)], cfg.hooks...)
	}
	cfg.own = &ownCore{core: &cc}
	return context.WithValue(ctx, callCoreKey{}, cfg.own), &cc, cfg
}

// callCore is the Core o's call runs on: c, or the copy forCall made.
func (c *Core) callCore(o *outgoing) *Core {
	if own, ok := o.base.Context().Value(callCoreKey{}).(*ownCore); ok && own.base == o.base {
		return own.core
	}
	return c
}

// editQuery applies the query options to u, in the form the query has on
// the wire (encoded unless the operation disables URL encoding).
func (cfg *callConfig) editQuery(u *wireURL, encode bool) {
	if cfg == nil || len(cfg.query) == 0 {
		return
	}
	pairs := queryPairs(u.query)
	for _, e := range cfg.query {
		key, value := escapeQueryKey(e.key), escapeQueryValue(e.value)
		if encode {
			key, value = percentEncode(key, queryEncodeSet), percentEncode(value, queryEncodeSet)
		}
		pair := key + "=" + value
		if e.add {
			pairs = append(pairs, pair)
		} else {
			pairs = setFirst(pairs, func(p string) bool { return pairKey(p) == key }, pair)
		}
	}
	u.query, u.hasQuery = strings.Join(pairs, "&"), true
}

// editRequest applies the header options (and WithRawBody's
// Content-Type) to req, the request of the call before its auth, and
// ties the call's own Core to it.
func (cfg *callConfig) editRequest(req *http.Request) {
	if cfg == nil {
		return
	}
	if cfg.own != nil {
		cfg.own.base = req
	}
	h := req.Header
	if cfg.rawSet && cfg.rawType != "" {
		setHeaderFold(h, "Content-Type", cfg.rawType)
	}
	for _, e := range cfg.headers {
		key := http.CanonicalHeaderKey(e.key)
		switch {
		case key == "Host":
			req.Host = e.value // net/http sends req.Host, never Header["Host"]
		case e.add:
			// setHeaders adds the request's headers in canonical form.
			h[key] = append(h[key], e.value)
		default:
			setHeaderFold(h, key, e.value)
		}
	}
}

// callBody is requestBody with the call's body options applied: the
// request's body (nil for none), its length, and the Content-Type to add
// when the request sets none. It reports a bad option too.
func (c *Core) callBody(op *Operation, in *Call, cfg *callConfig) (io.Reader, int64, string, error) {
	if cfg == nil {
		return c.requestBody(op, in)
	}
	if cfg.err != nil {
		return nil, 0, "", cfg.err
	}
	if !cfg.rawSet && len(cfg.fields) == 0 {
		return c.requestBody(op, in)
	}
	var b []byte
	var contentType string
	if cfg.rawSet {
		b, contentType = cfg.raw, cfg.rawType
		if contentType == "" && op.Body != nil {
			contentType = op.Body.ContentType
		}
	} else {
		var err error
		if b, contentType, err = c.buildBody(op, in); err != nil {
			return nil, 0, "", err
		}
	}
	if len(cfg.fields) > 0 {
		var err error
		if b, err = setJSONFields(b, cfg.fields); err != nil {
			return nil, 0, "", err
		}
		if contentType == "" {
			contentType = "application/json"
		}
	}
	if b == nil {
		return nil, 0, contentType, nil
	}
	// A *bytes.Reader gives the request a GetBody: retries send it again.
	return bytes.NewReader(b), int64(len(b)), contentType, nil
}

// errNotObject is the error of WithJSONField on a body that is not a JSON
// object.
var errNotObject = errors.New("WithJSONField: the request body is not a JSON object")

// setJSONFields sets fields in the JSON object body (an empty body is an
// empty object): a member of the same name takes the new value in place
// (later members of that name are dropped, so that it is the value
// servers read), others are appended. Members are written compactly;
// their values keep their text.
func setJSONFields(body []byte, fields []jsonField) ([]byte, error) {
	type member struct {
		key   string
		value []byte
	}
	var members []member
	if len(bytes.TrimSpace(body)) > 0 {
		dec := json.NewDecoder(bytes.NewReader(body))
		if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
			return nil, errNotObject
		}
		for dec.More() {
			tok, err := dec.Token()
			if err != nil {
				return nil, fmt.Errorf("%w: %v", errNotObject, err)
			}
			var value json.RawMessage
			if err := dec.Decode(&value); err != nil {
				return nil, fmt.Errorf("%w: %v", errNotObject, err)
			}
			members = append(members, member{tok.(string), value})
		}
		if _, err := dec.Token(); err != nil {
			return nil, fmt.Errorf("%w: %v", errNotObject, err)
		}
		if _, err := dec.Token(); err != io.EOF {
			return nil, fmt.Errorf("%w: data after the object", errNotObject)
		}
	}
	for _, f := range fields {
		members = setFirst(members, func(m member) bool { return m.key == f.key }, member{f.key, f.value})
	}
	var b bytes.Buffer
	b.WriteByte('{')
	for i, m := range members {
		if i > 0 {
			b.WriteByte(',')
		}
		writeJSONString(&b, m.key)
		b.WriteByte(':')
		b.Write(m.value)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// setFirst puts v in place of the first element of list that is the same
// as v and removes the others; with none it appends v. list is reused.
func setFirst[T any](list []T, same func(T) bool, v T) []T {
	kept, found := list[:0], false
	for _, x := range list {
		switch {
		case !same(x):
			kept = append(kept, x)
		case !found:
			kept, found = append(kept, v), true
		}
	}
	if !found {
		kept = append(kept, v)
	}
	return kept
}

// placeQuery turns the WithQuery options for a key the operation has a
// row of into the caller's values of that row, so that they are sent in
// the row's place, as Postman orders the query, even when the row itself
// is a sample the call would leave out (an empty value no typed field
// can send).
func (cfg *callConfig) placeQuery(op *Operation, in *Call) {
	if cfg == nil || len(cfg.query) == 0 {
		return
	}
	kept := cfg.query[:0:0]
	for _, e := range cfg.query {
		if e.add || !hasQueryRow(op, e.key) {
			kept = append(kept, e)
			continue
		}
		arg := Arg{In: InQuery, Key: e.key, Values: []string{e.value}}
		if i := in.Args.find(InQuery, e.key); i >= 0 {
			args := append(Args(nil), in.Args...)
			args[i] = arg
			in.Args = args
		} else {
			in.Args = append(in.Args[:len(in.Args):len(in.Args)], arg)
		}
	}
	cfg.query = kept
}

// hasQueryRow reports whether op has a query row of key.
func hasQueryRow(op *Operation, key string) bool {
	for i := range op.Params {
		if op.Params[i].In == InQuery && op.Params[i].Key == key {
			return true
		}
	}
	return false
}
