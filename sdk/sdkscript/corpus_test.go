package sdkscript

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
)

// The corpus of real collections sits beside the repository, as CI has it.
const corpusDir = "../../../shared/collections"

// pmEvent, pmItem and pmCollection are the parts of a collection the corpus
// test reads.
type pmEvent struct {
	Listen string `json:"listen"`
	Script struct {
		Exec json.RawMessage `json:"exec"`
	} `json:"script"`
}

type pmItem struct {
	Name    string          `json:"name"`
	ID      string          `json:"id"`
	Item    []pmItem        `json:"item"`
	Event   []pmEvent       `json:"event"`
	Request json.RawMessage `json:"request"`
}

type pmCollection struct {
	Item     []pmItem  `json:"item"`
	Event    []pmEvent `json:"event"`
	Variable []struct {
		Key   string `json:"key"`
		Value any    `json:"value"`
	} `json:"variable"`
	Auth map[string]any `json:"auth"`
}

func execSource(raw json.RawMessage) string {
	var lines []string
	if json.Unmarshal(raw, &lines) == nil {
		return strings.Join(lines, "\n")
	}
	var s string
	_ = json.Unmarshal(raw, &s)
	return s
}

// eventScripts returns the scripts of events listening to listen, with the
// JSON path prefix of their owner.
func eventScripts(prefix string, events []pmEvent, listen string) []Script {
	var out []Script
	for i, e := range events {
		if e.Listen != listen {
			continue
		}
		if src := execSource(e.Script.Exec); strings.TrimSpace(src) != "" {
			out = append(out, Script{Path: fmt.Sprintf("%sevent[%d]", prefix, i), Source: src})
		}
	}
	return out
}

// corpusRequest is one request of a corpus collection with the scripts that
// govern it.
type corpusRequest struct {
	collection, path string
	req              *Request
	pre, test        []Script
	vars             map[string]string
	// raw is the item's request JSON, with the auth it inherits filled in.
	raw json.RawMessage
}

// buildRequest turns an item's request JSON into a Request.
func buildRequest(raw json.RawMessage, inherited map[string]any) (*Request, error) {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return &Request{Method: "GET", URL: s, Header: http.Header{}, Auth: inherited}, nil
	}
	var r struct {
		Method string          `json:"method"`
		URL    json.RawMessage `json:"url"`
		Header json.RawMessage `json:"header"`
		Body   *struct {
			Mode       string   `json:"mode"`
			Raw        string   `json:"raw"`
			URLEncoded []pmForm `json:"urlencoded"`
			FormData   []pmForm `json:"formdata"`
			GraphQL    any      `json:"graphql"`
		} `json:"body"`
		Auth map[string]any `json:"auth"`
	}
	if err := json.Unmarshal(raw, &r); err != nil {
		return nil, err
	}
	req := &Request{Method: r.Method, Header: http.Header{}, Auth: r.Auth}
	if req.Auth == nil || req.Auth["type"] == "inherit" {
		req.Auth = inherited
	}
	if json.Unmarshal(r.URL, &req.URL) != nil {
		req.URL = urlString(r.URL)
		var u struct {
			Variable []struct {
				Key   string `json:"key"`
				Value any    `json:"value"`
			} `json:"variable"`
		}
		_ = json.Unmarshal(r.URL, &u)
		for _, v := range u.Variable {
			if req.PathVariables == nil {
				req.PathVariables = map[string]string{}
			}
			if s, ok := v.Value.(string); ok {
				req.PathVariables[v.Key] = s
			}
		}
	}
	var hs []struct {
		Key, Value string
		Disabled   bool
	}
	if json.Unmarshal(r.Header, &hs) == nil {
		for _, h := range hs {
			if !h.Disabled && h.Key != "" {
				req.Header[h.Key] = append(req.Header[h.Key], h.Value)
			}
		}
	}
	if b := r.Body; b != nil {
		req.BodyMode = b.Mode
		switch b.Mode {
		case "raw":
			req.Body = []byte(b.Raw)
		case "urlencoded":
			req.Form = formParams(b.URLEncoded)
			req.Body = encodeForm(req.Form)
		case "formdata":
			req.Form = formParams(b.FormData)
		case "graphql":
			req.Body, _ = json.Marshal(b.GraphQL)
		}
	}
	return req, nil
}

// withAuth returns the request JSON with auth set to the auth it resolves to.
func withAuth(raw json.RawMessage, auth map[string]any) json.RawMessage {
	var m map[string]any
	if json.Unmarshal(raw, &m) != nil {
		m = map[string]any{"url": string(raw), "method": "GET"}
		_ = json.Unmarshal(raw, new(string))
		var s string
		_ = json.Unmarshal(raw, &s)
		m["url"] = s
	}
	if auth != nil {
		m["auth"] = auth
	} else {
		delete(m, "auth")
	}
	b, _ := json.Marshal(m)
	return b
}

// urlString is the URL of a structured Postman url object as Postman builds
// it from its parts (not from raw), with its enabled query parameters.
func urlString(raw json.RawMessage) string {
	var u struct {
		Raw      string          `json:"raw"`
		Protocol string          `json:"protocol"`
		Host     json.RawMessage `json:"host"`
		Port     string          `json:"port"`
		Path     json.RawMessage `json:"path"`
		Query    []struct {
			Key      string  `json:"key"`
			Value    *string `json:"value"`
			Disabled bool    `json:"disabled"`
		} `json:"query"`
	}
	_ = json.Unmarshal(raw, &u)
	var host, path []string
	if json.Unmarshal(u.Host, &host) != nil {
		var h string
		_ = json.Unmarshal(u.Host, &h)
		host = []string{h}
	}
	if json.Unmarshal(u.Path, &path) != nil {
		var p string
		_ = json.Unmarshal(u.Path, &p)
		path = []string{strings.TrimPrefix(p, "/")}
	}
	if len(host) == 0 {
		return u.Raw
	}
	s := strings.Join(host, ".")
	if u.Protocol != "" {
		s = u.Protocol + "://" + s
	}
	if u.Port != "" {
		s += ":" + u.Port
	}
	if len(path) > 0 {
		s += "/" + strings.Join(path, "/")
	}
	var q []string
	for _, p := range u.Query {
		if p.Disabled {
			continue
		}
		if p.Value == nil {
			q = append(q, p.Key)
		} else {
			q = append(q, p.Key+"="+*p.Value)
		}
	}
	if len(q) > 0 {
		s += "?" + strings.Join(q, "&")
	}
	return s
}

// pmForm is a form field of a collection; src may be a list of files.
type pmForm struct {
	Key, Value, Type string
	Src              any
	Disabled         bool
}

func formParams(fs []pmForm) []FormParam {
	out := make([]FormParam, len(fs))
	for i, f := range fs {
		out[i] = FormParam{Key: f.Key, Value: f.Value, Type: f.Type, Disabled: f.Disabled}
		if s, ok := f.Src.(string); ok {
			out[i].Src = s
		}
	}
	return out
}

// loadCorpus reads every corpus collection's requests that a script governs.
func loadCorpus(t *testing.T) []corpusRequest {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(corpusDir, "*.json"))
	if len(files) == 0 {
		t.Skip("no corpus at " + corpusDir)
	}
	var out []corpusRequest
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
		var c pmCollection
		if json.Unmarshal(data, &c) != nil {
			continue // not valid JSON: the parser's tests cover these
		}
		name := strings.TrimSuffix(filepath.Base(f), ".postman_collection.json")
		vars := map[string]string{}
		for _, v := range c.Variable {
			vars[v.Key] = ValueString(v.Value)
		}
		var walk func(prefix string, items []pmItem, pre, test []Script, auth map[string]any)
		walk = func(prefix string, items []pmItem, pre, test []Script, auth map[string]any) {
			for i, it := range items {
				p := fmt.Sprintf("%sitem[%d]", prefix, i)
				ipre := append(append([]Script(nil), pre...), eventScripts(p+".", it.Event, "prerequest")...)
				itest := append(append([]Script(nil), test...), eventScripts(p+".", it.Event, "test")...)
				if it.Request == nil {
					walk(p+".", it.Item, ipre, itest, auth)
					continue
				}
				if len(ipre) == 0 && len(itest) == 0 {
					continue
				}
				req, err := buildRequest(it.Request, auth)
				if err != nil {
					t.Fatalf("%s %s: %v", name, p, err)
				}
				req.Name, req.ID = it.Name, it.ID
				out = append(out, corpusRequest{collection: name, path: p, req: req, pre: ipre, test: itest, vars: vars, raw: withAuth(it.Request, req.Auth)})
			}
		}
		walk("", c.Item, eventScripts("", c.Event, "prerequest"), eventScripts("", c.Event, "test"), c.Auth)
	}
	return out
}

// findCorpusRequest returns the first corpus request for which match is true.
func findCorpusRequest(t *testing.T, what string, match func(*corpusRequest) bool) *corpusRequest {
	t.Helper()
	reqs := loadCorpus(t)
	for i := range reqs {
		if match(&reqs[i]) {
			return &reqs[i]
		}
	}
	t.Fatalf("no %s in the corpus", what)
	return nil
}

// fakeSend answers every pm.sendRequest with an empty JSON object.
func fakeSend(ctx context.Context, req *Request) (*Response, error) {
	return &Response{Code: 200, Header: http.Header{"Content-Type": {"application/json"}}, Body: []byte(`{"access_token":"t","expires_in":3600}`)}, nil
}

// TestCorpusScripts runs every corpus request's pre-request and test scripts
// and measures how many run without an unsupported API.
func TestCorpusScripts(t *testing.T) {
	if testing.Short() {
		t.Skip("runs every corpus script")
	}
	reqs := loadCorpus(t)
	type tally struct{ runs, ok, unsupported, failed int }
	var pre, test tally
	calls := map[string]int{}
	other := map[string]int{}
	type result struct {
		event, key string
		err        error
	}
	// One Runner per collection, its requests in order, pre-request then test,
	// as newman runs a collection; collections in parallel.
	byCollection := map[string][]corpusRequest{}
	var names []string
	for _, cr := range reqs {
		if byCollection[cr.collection] == nil {
			names = append(names, cr.collection)
		}
		byCollection[cr.collection] = append(byCollection[cr.collection], cr)
	}
	jobs := make(chan string)
	results := make(chan result)
	var wg sync.WaitGroup
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for name := range jobs {
				r := New(Options{SendRequest: fakeSend, Now: fixedNow, Rand: zeroRand{}, Timeout: 10 * time.Second})
				for _, cr := range byCollection[name] {
					req := *cr.req
					req.Header = cr.req.Header.Clone()
					vars := &Scopes{Collection: NewVars(cr.vars), Environment: &Vars{}}
					if len(cr.pre) > 0 {
						err := r.PreRequest(context.Background(), cr.pre, &req, vars)
						results <- result{"prerequest", "prerequest " + name, err}
					}
					if len(cr.test) > 0 {
						resp := &Response{Code: 200, Header: http.Header{"Content-Type": {"application/json"}}, Body: []byte(`{"id":"1","results":[{"id":"1"}],"value":[{"id":"1"}],"data":{}}`)}
						_, err := r.Test(context.Background(), cr.test, &req, resp, vars)
						results <- result{"test", "test " + name, err}
					}
				}
			}
		}()
	}
	go func() {
		for _, name := range names {
			jobs <- name
		}
		close(jobs)
		wg.Wait()
		close(results)
	}()
	for res := range results {
		tl := &test
		if res.event == "prerequest" {
			tl = &pre
		}
		tl.runs++
		var se *ScriptError
		switch err := res.err; {
		case err == nil:
			tl.ok++
		case errors.As(err, &se) && se.Unsupported != "":
			tl.unsupported++
			calls[res.key+": "+se.Unsupported]++
		default:
			tl.failed++
			msg := err.Error()
			if errors.As(err, &se) {
				msg = se.Message
			}
			if len(msg) > 120 {
				msg = msg[:120]
			}
			other[res.key+": "+msg]++
		}
	}
	report := func(m map[string]int) {
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			t.Logf("  %4d %s", m[k], k)
		}
	}
	t.Logf("pre-request: %d requests, %d ran, %d unsupported, %d threw", pre.runs, pre.ok, pre.unsupported, pre.failed)
	t.Logf("test:        %d requests, %d ran, %d unsupported, %d threw", test.runs, test.ok, test.unsupported, test.failed)
	t.Log("unsupported calls:")
	report(calls)
	t.Log("other errors:")
	report(other)
	for _, tl := range []struct {
		name string
		t    tally
	}{{"pre-request", pre}, {"test", test}} {
		if tl.t.runs > 0 && float64(tl.t.ok+tl.t.failed) < 0.95*float64(tl.t.runs) {
			t.Errorf("only %d of %d %s runs avoid unsupported APIs (want ≥ 95%%)", tl.t.ok+tl.t.failed, tl.t.runs, tl.name)
		}
	}
}

var fixedTime = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

func fixedNow() time.Time { return fixedTime }

// zeroRand is a fixed random source: all zero bytes.
type zeroRand struct{}

func (zeroRand) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}
