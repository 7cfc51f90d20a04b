package sdkscript

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"github.com/postgen/postgen/sdk"
)

// Collection is a collection's scripts as a generated SDK's WithScripts
// hands them to Install.
type Collection struct {
	// Scripts are the collection's enabled scripts.
	Scripts []Script
	// Pre and Test give, per operation name ("Orders.New"), the indexes
	// in Scripts of the pre-request and test scripts that govern it, in
	// newman's order: collection, folders from the outside in, request.
	Pre, Test map[string][]int
	// Requests gives each operation's request name (pm.info.requestName).
	Requests map[string]string
	// Variables are collection variables the client's defaults lack,
	// which scripts may read.
	Variables map[string]string
	// Scrubbed are the variables that stand for the literal credentials
	// the generator took out of the scripts: "{{name}}" in a script's
	// source is replaced by the variable's value before it runs.
	Scrubbed []string
}

// Install returns the option that makes a client run c's scripts around
// each of its calls, as newman runs them. The client keeps the variables
// the scripts set in the environment and collection scopes for its later
// calls, as newman keeps them for the rest of a run; its WithVariable
// values start the environment, the collection's values the collection
// variables, and WithCallVariable values are the call's local variables.
func Install(c *Collection, opts Options) sdk.Option {
	return sdk.WithScriptRunner(&clientScripts{coll: c, opts: opts})
}

// clientScripts is one client's script runner and variables.
type clientScripts struct {
	coll *Collection
	opts Options
	once sync.Once
	r    *Runner
	mu   sync.Mutex
	env  *Vars
	vars *Vars // collection variables
	glob *Vars
	// send is the client's transport for pm.sendRequest.
	send func(*http.Request) (*http.Response, error)
}

// callState is what a call's test scripts need from its pre-request run.
type callState struct {
	req    *Request
	scopes *Scopes
}

func (cs *clientScripts) init(call *sdk.ScriptCall) {
	cs.once.Do(func() {
		coll := map[string]string{}
		for k, v := range cs.coll.Variables {
			coll[k] = v
		}
		for k, v := range call.Defaults {
			coll[k] = v
		}
		cs.env, cs.vars, cs.glob = NewVars(call.Variables), NewVars(coll), &Vars{}
		cs.send = call.Send
		opts := cs.opts
		if opts.SendRequest == nil && cs.send != nil {
			opts.SendRequest = cs.sendRequest
		}
		cs.r = New(opts)
	})
}

// scripts returns the scripts of op for one event, their credentials put
// back from the variables.
func (cs *clientScripts) scripts(idx []int, scopes *Scopes, event string) ([]Script, error) {
	out := make([]Script, 0, len(idx))
	for _, i := range idx {
		s := cs.coll.Scripts[i]
		for _, name := range cs.coll.Scrubbed {
			ref := "{{" + name + "}}"
			if strings.Contains(s.Source, ref) {
				v, ok := lookup(scopes, name)
				if !ok {
					return nil, &ScriptError{Path: s.Path, Event: event, Message: fmt.Sprintf("the script's literal credential was not copied into the SDK: set it with WithVariable(%q, ...)", name)}
				}
				s.Source = strings.ReplaceAll(s.Source, ref, jsEscape(v))
			}
		}
		out = append(out, s)
	}
	return out, nil
}

// PreRequest runs the pre-request scripts of call's operation.
func (cs *clientScripts) PreRequest(ctx context.Context, call *sdk.ScriptCall) error {
	cs.init(call)
	scopes := &Scopes{Local: NewVars(call.CallVariables), Environment: cs.env, Collection: cs.vars, Globals: cs.glob}
	sr := call.Request
	req := &Request{Name: cs.coll.Requests[call.Operation], Method: sr.Method, URL: sr.URL, Header: sr.Header.Clone(), BodyMode: sr.BodyMode, Body: sr.Body}
	if req.Header == nil {
		req.Header = http.Header{}
	}
	call.State = &callState{req: req, scopes: scopes}
	if idx := cs.coll.Pre[call.Operation]; len(idx) > 0 {
		scripts, err := cs.scripts(idx, scopes, "prerequest")
		if err != nil {
			return err
		}
		if err := cs.r.PreRequest(ctx, scripts, req, scopes); err != nil {
			return err
		}
		sr.Method, sr.URL, sr.Header = req.Method, req.URL, req.Header
		if req.BodyMode != sr.BodyMode || string(req.Body) != string(sr.Body) {
			sr.BodyMode, sr.Body = req.BodyMode, req.Body
		}
	}
	call.Variables = merged(scopes)
	return nil
}

// Test runs the test scripts of call's operation on resp.
func (cs *clientScripts) Test(ctx context.Context, call *sdk.ScriptCall, resp *http.Response, body []byte) error {
	idx := cs.coll.Test[call.Operation]
	st, _ := call.State.(*callState)
	if len(idx) == 0 || st == nil {
		return nil
	}
	r := &Response{Code: resp.StatusCode, Status: statusText(resp.Status), Header: resp.Header, Body: body}
	scripts, err := cs.scripts(idx, st.scopes, "test")
	if err != nil {
		return err
	}
	results, err := cs.r.Test(ctx, scripts, st.req, r, st.scopes)
	for _, res := range results {
		if !res.Passed {
			cs.r.log("warn", "test "+strconv.Quote(res.Name)+" failed: "+res.Error)
		}
	}
	return err
}

// sendRequest sends a pm.sendRequest through the client's transport.
func (cs *clientScripts) sendRequest(ctx context.Context, req *Request) (*Response, error) {
	var body *strings.Reader
	if len(req.Body) > 0 {
		body = strings.NewReader(string(req.Body))
	}
	method := req.Method
	if method == "" {
		method = http.MethodGet
	}
	var hr *http.Request
	var err error
	if body != nil {
		hr, err = http.NewRequestWithContext(ctx, method, req.URL, body)
	} else {
		hr, err = http.NewRequestWithContext(ctx, method, req.URL, nil)
	}
	if err != nil {
		return nil, err
	}
	for k, vs := range req.Header {
		hr.Header[k] = append(hr.Header[k], vs...)
	}
	resp, err := cs.send(hr)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	b, err := readAllLimited(resp)
	if err != nil {
		return nil, err
	}
	return &Response{Code: resp.StatusCode, Status: statusText(resp.Status), Header: resp.Header, Body: b}, nil
}

// merged is what a request resolves {{variables}} with: globals, then
// collection variables, environment and local ones over them (Postman's
// precedence).
func merged(s *Scopes) map[string]string {
	out := map[string]string{}
	for _, sc := range []Scope{s.Globals, s.Collection, s.Environment, s.Local} {
		if sc == nil {
			continue
		}
		for _, k := range sc.Keys() {
			if v, ok := sc.Get(k); ok {
				out[k] = ValueString(v)
			}
		}
	}
	return out
}

// lookup finds name as pm.variables.get does.
func lookup(s *Scopes, name string) (string, bool) {
	for _, sc := range []Scope{s.Local, s.Environment, s.Collection, s.Globals} {
		if sc == nil {
			continue
		}
		if v, ok := sc.Get(name); ok {
			return ValueString(v), true
		}
	}
	return "", false
}

// jsEscape escapes s for a JavaScript string literal of either quote.
func jsEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `'`, `\'`, `"`, `\"`, "`", "\\`", "\n", `\n`, "\r", `\r`, "\u2028", `\u2028`, "\u2029", `\u2029`).Replace(s)
}

// readAllLimited reads resp's body, up to 64 MiB.
func readAllLimited(resp *http.Response) ([]byte, error) {
	return io.ReadAll(io.LimitReader(resp.Body, 64<<20))
}

// statusText is the reason phrase of a status line ("200 OK" → "OK").
func statusText(status string) string {
	if i := strings.IndexByte(status, ' '); i >= 0 {
		return status[i+1:]
	}
	return ""
}
