package sdk

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"reflect"
	"strings"
)

// This file is the shared request pipeline of a generated SDK. Generated
// methods describe their request with an operation (planned from the
// collection) and hand the caller's arguments to send; everything Postman
// semantics require (variables, URL encoding, header rules, bodies) happens
// here, once, so each generated method stays a few lines long.

// Core is the state shared by a Client and its services.
type Core struct {
	httpClient *http.Client
	baseURL    string            // set by WithBaseURL; "" means the collection's
	userAgent  string            // sent when the request sets none
	vars       map[string]string // set by WithVariable
	defaults   map[string]string // the collection's non-secret variable values
	origins    []string          // origin templates; origins[0] is the base URL
	creds      map[string]string // credentials set by auth options
	authState  map[string]any    // token sources and keys set by auth options
	retry      *RetryPolicy      // set by WithRetry; nil is DefaultRetryPolicy
	logger     *slog.Logger      // set by WithLogger
	maxBody    int64             // set by WithMaxResponseBytes; 0 is DefaultMaxResponseBytes
	hooks      []RequestHook     // added by WithRequestHook, run on every attempt
	secretVars []string          // Defaults.Secrets
	scripts    ScriptRunner      // set by WithScripts (scripts.go)
	verbatim   bool              // Resolve leaves {{variables}} in (scripts.go)
	// scriptArgs, in a scripted call's template, collects the {{name}}
	// path arguments the caller left empty: they are left in for the
	// scripts to set (scripts.go).
	scriptArgs *[]string
}

// Defaults is what the generator knows about the collection.
type Defaults struct {
	Origins   []string
	Variables map[string]string
	UserAgent string
	// Secrets are the variables that hold credentials: logs and errors
	// hide their values (and those of credential-named variables), and
	// show every other variable's.
	Secrets []string
}

// NewCore applies opts over the collection's defaults.
func NewCore(d *Defaults, opts []Option) (*Core, error) {
	c := &Core{
		httpClient: &http.Client{},
		userAgent:  d.UserAgent,
		defaults:   d.Variables,
		origins:    d.Origins,
		secretVars: d.Secrets,
	}
	for _, opt := range opts {
		if opt == nil {
			continue
		}
		if err := opt(c); err != nil {
			return nil, err
		}
	}
	c.httpClient = c.withRedirectPolicy(c.httpClient)
	return c, nil
}

// Where a param goes.
const (
	InQuery uint8 = iota // the zero value, so generated code can omit it
	InHeader
	InForm
	InFile
)

// Param is one query parameter, header or form row of an operation, in
// collection order.
type Param struct {
	In  uint8
	Key string
	// Value is the collection's text. It is sent only by a Const row the
	// caller leaves unset, and by the form rows of a call that asks for
	// the collection's body (WithSampleBody) and sets no form field. It
	// may hold {{variables}}.
	Value string
	// Const rows are sent on every call whose caller sets no value for
	// Key: protocol headers, values every request of the API sends
	// alike, and values made of {{variables}} (the planner's rule). Other
	// rows are sent only with the caller's value: zero means omit.
	Const bool
	// Null marks a query parameter written without "=" ("?flag").
	Null bool
	// ContentType and fileName describe a formdata part.
	ContentType string
	FileName    string
}

// Body modes of an operation.
const (
	bodyNone uint8 = iota
	BodyRaw
	BodyURLEncoded
	BodyFormData
	BodyFile
	BodyGraphQL
)

// BodySpec is the body of an operation as the collection defines it.
type BodySpec struct {
	Mode uint8
	// ContentType is added when the request has no Content-Type header.
	ContentType string
	// Text is the raw body (or the GraphQL query) template.
	Text string
	// StripComments removes // and /* */ comments from JSON text, as
	// Postman does before sending.
	StripComments bool
	// Form holds urlencoded and formdata rows.
	Form []Param
	// GQLVariables and gqlOperation complete a GraphQL body; gqlVarsText
	// says the variables are JSON text sent verbatim.
	GQLVariables string
	GQLOperation string
	GQLVarsText  bool
}

// Operation is one request of the collection.
type Operation struct {
	// Name is "Service.Method", used in errors.
	Name   string
	Method string
	// Origin indexes core.origins; path is the rest of the URL template
	// ("/bookings/:bookingId"), without the query.
	Origin int
	Path   string
	// PathVars are the names of the path arguments, in the order of the
	// method's arguments: "id" for a ":id" segment, "{{id}}" for a
	// variable the planner made an argument ("/profiles/celeb_{{id}}").
	PathVars []string
	Params   []Param
	Body     *BodySpec
	// NoAccept and noUserAgent honour protocolProfileBehavior's
	// disabledSystemHeaders.
	NoAccept    bool
	NoUserAgent bool
	// RawURL skips URL encoding (protocolProfileBehavior.disableUrlEncoding).
	RawURL bool
	// Auth authenticates the request (the effective Auth of §10.2); nil
	// sends none.
	Auth Authorizer
	// ErrBodies decode error bodies into the types the examples define.
	ErrBodies []ErrorBody
}

// Authorizer adds an auth type's credentials to a built request. It runs
// after the collection's headers are set and before the body's
// Content-Type and the system headers, as Postman's runtime does (§10.3).
type Authorizer interface {
	Apply(c *Core, op *Operation, req *http.Request) error
}

// challenger is an authorizer that answers a server's challenge (digest,
// NTLM): given the response to req, it returns the response to use.
type challenger interface {
	answer(c *Core, req *http.Request, resp *http.Response) (*http.Response, error)
}

// Call is what a method passes from its caller.
type Call struct {
	// Path holds the path arguments, in Operation.PathVars order; each is
	// required.
	Path []string
	// Args holds the query parameters and headers the caller set.
	Args Args
	// Form holds the form fields of a urlencoded or multipart body.
	Form Args
	// Body is the caller's body; nil sends none.
	Body any
	// SampleBody sends the collection's own body, its variables
	// resolved, when Body is nil: the Example functions' exact Postman
	// request (WithSampleBody).
	SampleBody bool
	// Options are the caller's per-call options (the method's last
	// arguments), applied in order; nil ones are skipped.
	Options []RequestOption
}

// Send builds and sends the request of op and decodes a 2xx response into
// a T. Any other status gives an *APIError.
func Send[T any](ctx context.Context, c *Core, op *Operation, in Call) (T, *Response, error) {
	var out T
	o, err := c.newRequest(ctx, op, &in)
	if err != nil {
		return out, nil, err
	}
	resp, err := c.do(o, &out)
	return out, resp, err
}

// SendObject is send for methods whose result is a pointer to a struct:
// decoding into a new E, rather than into a *E, saves an allocation on
// every call. An empty 2xx body gives nil, as send does.
func SendObject[E any](ctx context.Context, c *Core, op *Operation, in Call) (*E, *Response, error) {
	o, err := c.newRequest(ctx, op, &in)
	if err != nil {
		return nil, nil, err
	}
	out := new(E)
	resp, err := c.do(o, out)
	if err != nil || !resp.decoded {
		return nil, resp, err
	}
	return out, resp, nil
}

// SendNoResult is send for methods whose response has no body to decode.
func SendNoResult(ctx context.Context, c *Core, op *Operation, in Call) (*Response, error) {
	o, err := c.newRequest(ctx, op, &in)
	if err != nil {
		return nil, err
	}
	return c.do(o, nil)
}

// newRequest builds the request Postman would send for op, as far as its
// auth: each attempt adds the auth afresh (see outgoing). Anything wrong
// with the request is reported here, before anything is sent.
func (c *Core) newRequest(ctx context.Context, op *Operation, in *Call) (*outgoing, error) {
	if c.scripts != nil {
		return c.newScriptedRequest(ctx, op, in)
	}
	ctx, c, cfg := c.forCall(ctx, in) // calloptions.go; as they are and nil without options
	cfg.placeQuery(op, in)
	rawURL, err := c.buildURL(op, in)
	if err != nil {
		return nil, c.opError(op, err)
	}
	u := parseWireURL(rawURL, !op.RawURL)
	cfg.editQuery(&u, !op.RawURL)
	rd, size, contentType, err := c.callBody(op, in, cfg)
	if err != nil {
		return nil, c.opError(op, err)
	}
	if op.Auth != nil {
		// The redirect policy reads what the auth added from the context
		// (redirect.go): net/http gives redirected requests the same one.
		ctx = context.WithValue(ctx, authAddedKey{}, &authAdded{})
	}
	// The URL is set part by part below: building "scheme://host/" only
	// for net/http to parse it again cost an allocation per call.
	req, err := http.NewRequestWithContext(ctx, op.Method, "/", rd)
	if err != nil {
		return nil, c.opError(op, err)
	}
	req.URL.Scheme, req.URL.Host = u.scheme, u.host
	req.Host = strings.TrimSuffix(u.host, ":")
	if size > 0 {
		req.ContentLength = size
	}
	setRequestURI(req, &u)
	if err := c.setHeaders(req, op, in, contentType); err != nil {
		return nil, c.opError(op, err)
	}
	cfg.editRequest(req)
	o := &outgoing{op: op, base: req, contentType: contentType}
	if u.hasUser {
		o.user, o.password, o.hasUser = unescapePercent(u.user), unescapePercent(u.password), true
	}
	// The first attempt is built now, so a request that cannot be
	// authenticated fails before anything is sent.
	if o.first, err = o.attempt(c); err != nil {
		return nil, c.opError(op, err)
	}
	return o, nil
}

// setRequestURI makes the request line carry exactly the encoded path and
// query, byte for byte: net/url would otherwise re-encode them its own way.
func setRequestURI(req *http.Request, u *wireURL) {
	path := u.path
	if path == "" {
		path = "/"
	}
	if strings.HasPrefix(path, "//") {
		// An opaque path starting with "//" would be read as an authority;
		// RawPath keeps the bytes when they are a valid encoding.
		if p, err := pathUnescape(path); err == nil {
			req.URL.Path, req.URL.RawPath = p, path
		} else {
			req.URL.Opaque = path
		}
	} else {
		req.URL.Opaque = path
	}
	req.URL.RawQuery = u.query
	req.URL.ForceQuery = u.hasQuery && u.query == ""
}

// buildURL serialises op's URL the way Postman does (§6.2): origin, path
// with path variables spliced in, then the query. Collection text is
// resolved; caller values are escaped and never resolved.
func (c *Core) buildURL(op *Operation, in *Call) (string, error) {
	origin, err := c.origin(op.Origin)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	b.Grow(len(origin) + len(op.Path) + 64)
	b.WriteString(origin)
	if err := c.writePath(&b, op, in); err != nil {
		return "", err
	}
	first := true
	sep := func() {
		if first {
			b.WriteByte('?')
			first = false
		} else {
			b.WriteByte('&')
		}
	}
	var use argUse
	n := len(in.Args)
	for i := range op.Params {
		p := &op.Params[i]
		if p.In != InQuery {
			continue
		}
		if ai := in.Args.find(InQuery, p.Key); ai >= 0 {
			if use.take(ai, n) {
				writeQueryArg(&b, &in.Args[ai], sep)
			}
			continue
		}
		if !p.Const {
			continue // a sample: zero means omit
		}
		sep()
		key, err := c.Resolve(escapeQueryKey(p.Key))
		if err != nil {
			return "", err
		}
		b.WriteString(key)
		if p.Null {
			continue
		}
		b.WriteByte('=')
		value, err := c.Resolve(escapeQueryValue(p.Value))
		if err != nil {
			return "", err
		}
		b.WriteString(value)
	}
	for i := range in.Args {
		if in.Args[i].In == InQuery && !use.used(i, n) {
			writeQueryArg(&b, &in.Args[i], sep)
		}
	}
	return b.String(), nil
}

// writeQueryArg writes a caller's query value(s), escaped and never
// resolved: one key=value pair per value.
func writeQueryArg(b *strings.Builder, a *Arg, sep func()) {
	key := escapeQueryKey(a.Key)
	if a.Flag {
		sep()
		b.WriteString(key)
		return
	}
	for _, v := range a.Values {
		sep()
		b.WriteString(key)
		b.WriteByte('=')
		b.WriteString(escapeQueryValue(v))
	}
}

// writePath appends op.path with its arguments: a ":name" segment, or a
// "{{name}}" the planner made an argument, takes the caller's value
// escaped as one path segment (a "/" or "?" in it never adds a segment or
// starts the query). Other text is the collection's, resolved.
func (c *Core) writePath(b *strings.Builder, op *Operation, in *Call) error {
	path := op.Path
	for len(path) > 0 {
		// path starts with "/" or is a bare segment.
		seg := path
		next := ""
		if i := strings.IndexByte(path[1:], '/'); i >= 0 {
			seg, next = path[:i+1], path[i+1:]
		}
		path = next
		text := strings.TrimPrefix(seg, "/")
		if len(seg) > len(text) {
			b.WriteByte('/')
		}
		if strings.HasPrefix(text, ":") && len(text) > 1 {
			name, suffix := text[1:], ""
			if i := strings.IndexByte(name, '.'); i >= 0 {
				name, suffix = name[:i], name[i:]
			}
			if arg, ok, err := pathArg(op, in, name); ok {
				if err != nil {
					return err
				}
				b.WriteString(escapePathArg(arg))
				text = suffix
			}
		}
		if err := c.writeSegment(b, op, in, text); err != nil {
			return err
		}
	}
	return nil
}

// writeSegment writes the text of a segment: "{{name}}" arguments take
// the caller's values, the rest is resolved.
func (c *Core) writeSegment(b *strings.Builder, op *Operation, in *Call, text string) error {
	for {
		i := strings.Index(text, "{{")
		if i < 0 {
			break
		}
		j := strings.Index(text[i:], "}}")
		if j < 0 {
			break
		}
		ref := text[i : i+j+2]
		arg, ok, err := pathArg(op, in, ref)
		if ok && err != nil && c.scriptArgs != nil {
			// A scripted call: the scripts may set the variable (a
			// login's test script stores the id the next call uses),
			// so the reference stays for them; scripts.go checks it
			// was set.
			*c.scriptArgs = append(*c.scriptArgs, ref[2:len(ref)-2])
			b.WriteString(text[:i+j+2])
			text = text[i+j+2:]
			continue
		}
		if !ok {
			// Not an argument: resolved with the rest, up to and
			// including the reference.
			resolved, err := c.Resolve(text[:i+j+2])
			if err != nil {
				return err
			}
			b.WriteString(resolved)
			text = text[i+j+2:]
			continue
		}
		if err != nil {
			return err
		}
		resolved, err := c.Resolve(text[:i])
		if err != nil {
			return err
		}
		b.WriteString(resolved)
		b.WriteString(escapePathArg(arg))
		text = text[i+j+2:]
	}
	resolved, err := c.Resolve(text)
	if err != nil {
		return err
	}
	b.WriteString(resolved)
	return nil
}

// pathArg returns the caller's value for the path argument name (":id"
// segments give "id", variables "{{id}}"). ok is false when name is not
// an argument; an empty value is an *ArgumentError.
func pathArg(op *Operation, in *Call, name string) (arg string, ok bool, err error) {
	for i, v := range op.PathVars {
		if v != name {
			continue
		}
		if i < len(in.Path) {
			arg = in.Path[i]
		}
		if arg == "" {
			return "", true, &ArgumentError{Operation: op.Name, Name: strings.TrimSuffix(strings.TrimPrefix(name, "{{"), "}}")}
		}
		return arg, true, nil
	}
	return "", false, nil
}

// origin returns the resolved origin of index i.
func (c *Core) origin(i int) (string, error) {
	if i == 0 && c.baseURL != "" {
		return c.baseURL, nil
	}
	if i < 0 || i >= len(c.origins) {
		return "", errors.New("no base URL: use WithBaseURL")
	}
	o, err := c.Resolve(c.origins[i])
	if err != nil {
		var ve *VariableError
		if i == 0 && errors.As(err, &ve) {
			ve.BaseURL = true
		}
		return "", err
	}
	return o, nil
}

// setHeaders applies Postman's header rules (§8.2, §8.3) up to auth:
// collection headers in order, disabled ones only when the caller set
// them. Auth and finishHeaders run on each attempt.
func (c *Core) setHeaders(req *http.Request, op *Operation, in *Call, contentType string) error {
	var buf [8]headerLine // most requests have a few headers: no allocation
	lines := buf[:0]
	var use argUse
	n := len(in.Args)
	for i := range op.Params {
		p := &op.Params[i]
		if p.In != InHeader || p.Key == "" {
			continue
		}
		if ai := in.Args.find(InHeader, p.Key); ai >= 0 {
			if use.take(ai, n) {
				for _, v := range in.Args[ai].Values {
					lines = append(lines, headerLine{in.Args[ai].Key, v})
				}
			}
			continue
		}
		if !p.Const || op.Body != nil && contentType == "" && !in.SampleBody && strings.EqualFold(p.Key, "Content-Type") {
			// A sample (zero means omit), or the Content-Type of a body
			// the caller did not send.
			continue
		}
		value, err := c.Resolve(p.Value)
		if err != nil {
			return err
		}
		key, err := c.Resolve(p.Key)
		if err != nil {
			return err
		}
		lines = append(lines, headerLine{key, value})
	}
	for i := range in.Args {
		if a := &in.Args[i]; a.In == InHeader && !use.used(i, n) {
			for _, v := range a.Values {
				lines = append(lines, headerLine{a.Key, v})
			}
		}
	}
	h := req.Header
	addHeaders(h, lines)
	// Postman builds a raw JSON body (language json) before auth runs, so
	// its automatic Content-Type is there for auth to sign (§8.3).
	if op.Body != nil && op.Body.Mode == BodyRaw && contentType == "application/json" && h.Get("Content-Type") == "" {
		h.Set("Content-Type", contentType)
	}
	return nil
}

// finishHeaders adds what Postman adds after auth: the body's
// Content-Type and the system headers, each when the request has none.
func (c *Core) finishHeaders(req *http.Request, op *Operation, contentType string) {
	h := req.Header
	if contentType != "" && h.Get("Content-Type") == "" {
		h.Set("Content-Type", contentType)
	}
	if !op.NoAccept && h.Get("Accept") == "" {
		h.Set("Accept", "*/*")
	}
	if _, ok := h["User-Agent"]; !ok {
		if op.NoUserAgent {
			h["User-Agent"] = []string{""}
		} else {
			h.Set("User-Agent", c.userAgent)
		}
	}
}

// headerLine is one header as the collection spells it.
type headerLine struct{ key, value string }

// addHeaders adds lines to h. Postman sends every header of the same
// spelling, but when names differ only in case it sends just the last one.
func addHeaders(h http.Header, lines []headerLine) {
	for i, l := range lines {
		superseded := false
		for _, later := range lines[i+1:] {
			if later.key != l.key && strings.EqualFold(later.key, l.key) {
				superseded = true
				break
			}
		}
		if !superseded {
			h.Add(l.key, l.value)
		}
	}
}

// do sends o and decodes a 2xx response into out (a pointer, or nil).
func (c *Core) do(o *outgoing, out any) (*Response, error) {
	c, op := c.callCore(o), o.op // with the call's variables and hooks
	req, resp, err := c.roundTrip(o)
	if err != nil {
		return nil, c.opError(op, err)
	}
	if c.scripts != nil {
		if err := c.runTests(o, resp); err != nil {
			return newResponse(resp), c.opError(op, err)
		}
	}
	r := newResponse(resp)
	if rc, ok := out.(*io.ReadCloser); ok && resp.StatusCode/100 == 2 {
		*rc = resp.Body
		return r, nil
	}
	defer resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		body := readErrorBody(resp)
		e := c.newAPIError(op, req, r, body)
		e.Decoded = op.decodeError(resp.StatusCode, body)
		return r, e
	}
	body, err := c.readBody(resp)
	if errors.Is(err, ErrResponseTooLarge) {
		return r, &DecodeError{Operation: op.Name, StatusCode: resp.StatusCode, Err: err}
	}
	if err != nil {
		// A body cut short (the connection dropped, or the server sent
		// less than its Content-Length) keeps what arrived.
		return r, &DecodeError{Operation: op.Name, StatusCode: resp.StatusCode, Body: body, Err: fmt.Errorf("reading response body: %w", err)}
	}
	if err := decodeBody(body, out); err != nil {
		return r, &DecodeError{Operation: op.Name, StatusCode: resp.StatusCode, Body: body, Err: err}
	}
	r.decoded = len(bytes.TrimSpace(body)) > 0
	return r, nil
}

// maxErrorBody caps how much of an error response is kept.
const maxErrorBody = 1 << 20

// decodeBody stores body in out according to out's type: raw for []byte
// and string, JSON otherwise. An empty body leaves out unchanged.
func decodeBody(body []byte, out any) error {
	switch o := out.(type) {
	case nil:
		return nil
	case *[]byte:
		*o = body
		return nil
	case *string:
		*o = string(body)
		return nil
	case *json.RawMessage:
		*o = body
		return nil
	case *RawJSON:
		*o = body
		return nil
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return nil
	}
	return json.Unmarshal(body, out)
}

// isNil reports whether v is nil or a nil pointer, slice, map or interface.
func isNil(v any) bool {
	if v == nil {
		return true
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Map, reflect.Interface, reflect.Func, reflect.Chan:
		return rv.IsNil()
	}
	return false
}

// opError gives err the name of the operation it came from.
func (c *Core) opError(op *Operation, err error) error {
	var ve *VariableError
	if errors.As(err, &ve) && ve.Operation == "" {
		ve.Operation = op.Name
		return ve
	}
	var ae *ArgumentError
	if errors.As(err, &ae) {
		return ae // it names the operation already
	}
	return &RequestError{Operation: op.Name, Err: err}
}
