package sdkscript

import (
	"context"
	"crypto/hmac"
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"time"

	"github.com/dop251/goja"
)

// jsKV is a header or query parameter as the sandbox holds it.
type jsKV struct {
	Key      string `json:"key"`
	Value    string `json:"value"`
	Disabled bool   `json:"disabled,omitempty"`
}

// jsForm is a form field as the sandbox holds it.
type jsForm struct {
	Key         string `json:"key"`
	Value       string `json:"value"`
	Type        string `json:"type,omitempty"`
	Src         string `json:"src,omitempty"`
	ContentType string `json:"contentType,omitempty"`
	Disabled    bool   `json:"disabled,omitempty"`
}

type jsBody struct {
	Mode       string   `json:"mode"`
	Raw        string   `json:"raw,omitempty"`
	URLEncoded []jsForm `json:"urlencoded,omitempty"`
	FormData   []jsForm `json:"formdata,omitempty"`
	File       *struct {
		Src string `json:"src"`
	} `json:"file,omitempty"`
}

type jsRequest struct {
	Name   string         `json:"name"`
	ID     string         `json:"id"`
	Method string         `json:"method"`
	URL    string         `json:"url"`
	Header []jsKV         `json:"header"`
	Body   *jsBody        `json:"body,omitempty"`
	Auth   map[string]any `json:"auth,omitempty"`
	// Variable holds the path variables' values (to the sandbox only).
	Variable []jsKV `json:"variable,omitempty"`
}

type jsResponse struct {
	Code   int    `json:"code"`
	Status string `json:"status"`
	Header []jsKV `json:"header"`
	Body   string `json:"body"`
	Time   int64  `json:"responseTime"`
}

type jsState struct {
	Event           string      `json:"event"`
	Request         jsRequest   `json:"request"`
	Response        *jsResponse `json:"response,omitempty"`
	EnvironmentName string      `json:"environmentName"`
}

// finishState is what the sandbox hands back after the scripts ran: the request
// parts the scripts changed, and the test results.
type finishState struct {
	Request jsRequest    `json:"request"`
	Changed []string     `json:"changed"`
	Tests   []TestResult `json:"tests"`
}

func headerList(h http.Header) []jsKV {
	keys := make([]string, 0, len(h))
	for k := range h {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var out []jsKV
	for _, k := range keys {
		for _, v := range h[k] {
			out = append(out, jsKV{Key: k, Value: v})
		}
	}
	return out
}

// headerMap is the enabled headers of a list, under their names as spelled
// (newman sends them so; Go's client writes map keys as they are).
func headerMap(list []jsKV) http.Header {
	h := http.Header{}
	for _, kv := range list {
		if !kv.Disabled && kv.Key != "" {
			h[kv.Key] = append(h[kv.Key], kv.Value)
		}
	}
	return h
}

func formList(ps []FormParam) []jsForm {
	out := make([]jsForm, len(ps))
	for i, p := range ps {
		out[i] = jsForm{Key: p.Key, Value: p.Value, Type: p.Type, Src: p.Src, ContentType: p.ContentType, Disabled: p.Disabled}
	}
	return out
}

func fromFormList(ps []jsForm) []FormParam {
	out := make([]FormParam, len(ps))
	for i, p := range ps {
		out[i] = FormParam{Key: p.Key, Value: p.Value, Type: p.Type, Src: p.Src, ContentType: p.ContentType, Disabled: p.Disabled}
	}
	return out
}

// parseForm splits an urlencoded body into fields, in order.
func parseForm(b []byte) []FormParam {
	var out []FormParam
	for _, part := range strings.Split(string(b), "&") {
		if part == "" {
			continue
		}
		k, v, _ := strings.Cut(part, "=")
		if uk, err := url.QueryUnescape(k); err == nil {
			k = uk
		}
		if uv, err := url.QueryUnescape(v); err == nil {
			v = uv
		}
		out = append(out, FormParam{Key: k, Value: v})
	}
	return out
}

// encodeForm encodes the enabled fields as an urlencoded body.
func encodeForm(ps []FormParam) []byte {
	var b strings.Builder
	for _, p := range ps {
		if p.Disabled {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('&')
		}
		b.WriteString(url.QueryEscape(p.Key))
		b.WriteByte('=')
		b.WriteString(url.QueryEscape(p.Value))
	}
	return []byte(b.String())
}

func toJSRequest(req *Request) jsRequest {
	jr := jsRequest{Name: req.Name, ID: req.ID, Method: req.Method, URL: req.URL, Header: headerList(req.Header), Auth: req.Auth}
	names := make([]string, 0, len(req.PathVariables))
	for k := range req.PathVariables {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		jr.Variable = append(jr.Variable, jsKV{Key: k, Value: req.PathVariables[k]})
	}
	if jr.Method == "" {
		jr.Method = "GET"
	}
	switch req.BodyMode {
	case "":
	case "urlencoded":
		form := req.Form
		if form == nil {
			form = parseForm(req.Body)
		}
		jr.Body = &jsBody{Mode: "urlencoded", URLEncoded: formList(form)}
	case "formdata":
		jr.Body = &jsBody{Mode: "formdata", FormData: formList(req.Form)}
	default:
		jr.Body = &jsBody{Mode: req.BodyMode, Raw: string(req.Body)}
	}
	return jr
}

func newState(event string, req *Request, resp *Response, vars *Scopes) jsState {
	st := jsState{Event: event, Request: toJSRequest(req), EnvironmentName: vars.EnvironmentName}
	if resp != nil {
		status := resp.Status
		if status == "" {
			status = http.StatusText(resp.Code)
		}
		st.Response = &jsResponse{Code: resp.Code, Status: status, Header: headerList(resp.Header), Body: string(resp.Body), Time: resp.Time.Milliseconds()}
	}
	return st
}

// apply copies the parts of the request that the scripts changed into req.
func (f *finishState) apply(req *Request) error {
	jr := f.Request
	for _, c := range f.Changed {
		switch c {
		case "method":
			req.Method = jr.Method
		case "url":
			req.URL = jr.URL
		case "header":
			req.Header = headerMap(jr.Header)
		case "body":
			applyBody(req, jr.Body)
		case "auth":
			req.Auth = jr.Auth
		}
	}
	return nil
}

func applyBody(req *Request, b *jsBody) {
	if b == nil || b.Mode == "" {
		req.BodyMode, req.Body, req.Form = "", nil, nil
		return
	}
	req.BodyMode = b.Mode
	switch b.Mode {
	case "urlencoded":
		req.Form = fromFormList(b.URLEncoded)
		req.Body = encodeForm(req.Form)
	case "formdata":
		req.Form = fromFormList(b.FormData)
		req.Body = nil
	case "file":
		req.Form = nil
		req.Body = nil
	default:
		req.Form = nil
		req.Body = []byte(b.Raw)
	}
}

// native is the Go side of the sandbox: variables, hashing, encodings,
// randomness, logging and pm.sendRequest.
type native struct {
	r    *Runner
	vm   *goja.Runtime
	ctx  context.Context
	vars *Scopes
}

func (n *native) object() map[string]any {
	return map[string]any{
		"hash":      n.hash,
		"hmac":      n.hmac,
		"utf8ToHex": func(s string) string { return hex.EncodeToString([]byte(s)) },
		"hexToUtf8": func(h string) string { b := n.unhex(h); return strings.ToValidUTF8(string(b), "\uFFFD") },
		"hexToB64":  func(h string) string { return base64.StdEncoding.EncodeToString(n.unhex(h)) },
		"b64ToHex":  n.b64ToHex,
		"random":    n.random,
		"now":       func() int64 { return n.r.opts.Now().UnixMilli() },
		"vars":      n.varsOp,
		"log":       func(level, msg string) { n.r.log(level, msg) },
		"send":      n.send,
		"xml2json":  xml2JSON,
	}
}

func (n *native) throw(format string, args ...any) {
	panic(n.vm.NewTypeError(fmt.Sprintf(format, args...)))
}

func (n *native) unhex(h string) []byte {
	b, err := hex.DecodeString(h)
	if err != nil {
		n.throw("internal: bad hex: %v", err)
	}
	return b
}

func (n *native) hasher(alg string) func() hash.Hash {
	switch strings.ToUpper(strings.ReplaceAll(alg, "-", "")) {
	case "MD5":
		return md5.New
	case "SHA1":
		return sha1.New
	case "SHA224":
		return sha256.New224
	case "SHA256":
		return sha256.New
	case "SHA384":
		return sha512.New384
	case "SHA512":
		return sha512.New
	}
	n.throw("unknown hash algorithm %q", alg)
	return nil
}

func (n *native) hash(alg, dataHex string) string {
	h := n.hasher(alg)()
	h.Write(n.unhex(dataHex))
	return hex.EncodeToString(h.Sum(nil))
}

func (n *native) hmac(alg, keyHex, dataHex string) string {
	h := hmac.New(n.hasher(alg), n.unhex(keyHex))
	h.Write(n.unhex(dataHex))
	return hex.EncodeToString(h.Sum(nil))
}

func (n *native) b64ToHex(s string) string {
	s = strings.TrimSpace(s)
	s = strings.NewReplacer("-", "+", "_", "/").Replace(s)
	s = strings.TrimRight(s, "=")
	b, err := base64.RawStdEncoding.DecodeString(s)
	if err != nil {
		panic(n.vm.NewGoError(fmt.Errorf("invalid base64: %w", err)))
	}
	return hex.EncodeToString(b)
}

func (n *native) random(count int) string {
	if count < 0 || count > 1<<16 {
		n.throw("random: bad length %d", count)
	}
	b := make([]byte, count)
	if _, err := io.ReadFull(n.r.opts.Rand, b); err != nil {
		panic(n.vm.NewGoError(fmt.Errorf("random source: %w", err)))
	}
	return hex.EncodeToString(b)
}

// scope returns the named scope, creating it when set is true and it is nil.
func (n *native) scope(name string, set bool) Scope {
	var p *Scope
	switch name {
	case "local":
		p = &n.vars.Local
	case "data":
		p = &n.vars.Data
	case "environment":
		p = &n.vars.Environment
	case "collectionVariables":
		p = &n.vars.Collection
	case "globals":
		p = &n.vars.Globals
	default:
		n.throw("internal: unknown scope %q", name)
	}
	if *p == nil && set {
		*p = &Vars{}
	}
	return *p
}

// varsOp is every variable operation of the sandbox: op is get, has, set,
// unset, keys or clear.
func (n *native) varsOp(op, scope, name string, value goja.Value) goja.Value {
	s := n.scope(scope, op == "set")
	switch op {
	case "get":
		if s == nil {
			return goja.Undefined()
		}
		if v, ok := s.Get(name); ok {
			return n.toJS(v)
		}
		return goja.Undefined()
	case "has":
		return n.vm.ToValue(s != nil && s.Has(name))
	case "set":
		s.Set(name, exportValue(value))
		return goja.Undefined()
	case "unset":
		if s != nil {
			s.Unset(name)
		}
		return goja.Undefined()
	case "keys":
		if s == nil {
			return n.vm.ToValue([]string{})
		}
		return n.vm.ToValue(s.Keys())
	case "clear":
		if s != nil {
			for _, k := range s.Keys() {
				s.Unset(k)
			}
		}
		return goja.Undefined()
	}
	n.throw("internal: unknown variable operation %q", op)
	return nil
}

// toJS gives a script a variable's value. Objects and arrays are copied into
// plain JavaScript values, so a script that changes what it got does not write
// into the caller's Scope behind its lock.
func (n *native) toJS(v any) goja.Value {
	switch v.(type) {
	case map[string]any, []any:
		b, err := json.Marshal(v)
		if err != nil {
			return n.vm.ToValue(v)
		}
		parse, _ := goja.AssertFunction(n.vm.Get("JSON").ToObject(n.vm).Get("parse"))
		out, err := parse(goja.Undefined(), n.vm.ToValue(string(b)))
		if err != nil {
			panic(err)
		}
		return out
	}
	return n.vm.ToValue(v)
}

// exportValue turns a JavaScript value into plain JSON data for a Scope.
func exportValue(v goja.Value) any {
	if v == nil || goja.IsUndefined(v) {
		return nil
	}
	x := v.Export()
	switch x.(type) {
	case nil, string, bool, int64, float64:
		return x
	}
	// Objects and arrays: round-trip through JSON for plain data.
	if o, ok := v.(*goja.Object); ok {
		b, err := o.MarshalJSON()
		if err == nil {
			var out any
			if json.Unmarshal(b, &out) == nil {
				return out
			}
		}
	}
	return v.String()
}

// send is pm.sendRequest's transport: reqJSON is a request in the sandbox's
// form; the result is {"response": …} or {"error": "…"}.
func (n *native) send(reqJSON string) string {
	if n.r.opts.SendRequest == nil {
		panic(n.unsupported("pm.sendRequest (no transport configured)"))
	}
	var jr jsRequest
	if err := json.Unmarshal([]byte(reqJSON), &jr); err != nil {
		n.throw("pm.sendRequest: %v", err)
	}
	req := &Request{Method: jr.Method, URL: jr.URL, Auth: jr.Auth}
	if req.Method == "" {
		req.Method = "GET"
	}
	req.Header = headerMap(jr.Header)
	applyBody(req, jr.Body)
	start := time.Now()
	resp, err := n.r.opts.SendRequest(n.ctx, req)
	out := map[string]any{}
	if err != nil {
		out["error"] = err.Error()
	} else {
		if resp.Time == 0 {
			resp.Time = time.Since(start)
		}
		st := newState("", &Request{}, resp, &Scopes{})
		out["response"] = st.Response
	}
	b, _ := json.Marshal(out)
	return string(b)
}

// unsupported is the error value of a call the runtime lacks.
func (n *native) unsupported(call string) *goja.Object {
	e := n.vm.NewGoError(fmt.Errorf("%s is not supported by postgen's script runtime", call))
	_ = e.Set("__postgenUnsupported", call)
	return e
}
