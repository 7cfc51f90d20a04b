package sdkscript

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// fixClock is prepended to every script on both sides of the newman
// comparison, so that Date and Math.random agree with Options.Now and
// Options.Rand (newman's sandbox gives each script its own Date, so it must
// be replaced in each). {{$timestamp}} and {{$randomUUID}} stay real there.
var fixClock = `Date = (function (D) { const t = ` + jsInt(fixedTime.UnixMilli()) + `; function F(...a) { return a.length ? new D(...a) : new D(t); } F.now = () => t; F.UTC = D.UTC; F.parse = D.parse; F.prototype = D.prototype; return F; })(Date); Math.random = () => 0;
`

func jsInt(n int64) string { b, _ := json.Marshal(n); return string(b) }

// clocked returns scripts with fixClock prepended.
func clocked(scripts []Script) []Script {
	out := make([]Script, len(scripts))
	for i, s := range scripts {
		out[i] = Script{Path: s.Path, Source: fixClock + s.Source}
	}
	return out
}

// TestNewmanDiff runs every corpus request's pre-request scripts through
// newman's own sandbox (postman-sandbox, via node) and through the Runner, and
// compares the request and variables they leave. It needs POSTGEN_NEWMAN, the
// directory holding newman's node_modules (make conformance installs it in
// .tools/newman).
func TestNewmanDiff(t *testing.T) {
	dir := os.Getenv("POSTGEN_NEWMAN")
	if dir == "" {
		t.Skip("set POSTGEN_NEWMAN to newman's directory (with node_modules) to compare with newman's sandbox")
	}
	var reqs []corpusRequest
	var cases []nCase
	for _, cr := range loadCorpus(t) {
		if len(cr.pre) == 0 {
			continue
		}
		var srcs []string
		for _, s := range cr.pre {
			srcs = append(srcs, fixClock+s.Source)
		}
		reqs = append(reqs, cr)
		cases = append(cases, nCase{Scripts: srcs, Request: cr.raw, Env: map[string]string{}, Coll: cr.vars})
	}
	want := runNewman(t, dir, cases)
	equal, unsupported := 0, 0
	for i, cr := range reqs {
		r := New(Options{Now: fixedNow, Rand: zeroRand{}, SendRequest: fakeSend})
		req := *cr.req
		req.Header = cr.req.Header.Clone()
		vars := &Scopes{Collection: NewVars(cr.vars), Environment: &Vars{}, Local: &Vars{}}
		err := r.PreRequest(context.Background(), clocked(cr.pre), &req, vars)
		w := want[i]
		diffs, skip := diffError(err, w)
		if skip {
			unsupported++
			continue
		}
		if err == nil && w.Error == nil {
			if !strings.EqualFold(req.Method, w.Method) {
				diffs = append(diffs, "method "+req.Method+" vs "+w.Method)
			}
			if got := resolvePath(req.URL, req.PathVariables); got != w.URL {
				diffs = append(diffs, "url\n    sdkscript "+got+"\n    newman    "+w.URL)
			}
			var got []string
			for k, vs := range req.Header {
				for _, v := range vs {
					got = append(got, k+": "+v)
				}
			}
			sort.Strings(got)
			sort.Strings(w.Header)
			if strings.Join(got, "\n") != strings.Join(w.Header, "\n") {
				diffs = append(diffs, "headers\n    sdkscript "+strings.Join(got, " | ")+"\n    newman    "+strings.Join(w.Header, " | "))
			}
			diffs = append(diffs, diffVars(vars, w)...)
		}
		if report(t, cr, diffs) {
			equal++
		}
	}
	t.Logf("pre-request: %d/%d requests equal with newman's sandbox (%d unsupported)", equal, len(reqs), unsupported)
}

// resolvePath puts path variable values into a URL's :name segments, as
// Postman's Url.toString does (and an SDK does before sending).
func resolvePath(u string, vars map[string]string) string {
	q := ""
	if i := strings.IndexAny(u, "?#"); i >= 0 {
		u, q = u[:i], u[i:]
	}
	segs := strings.Split(u, "/")
	for i, seg := range segs {
		if v := vars[strings.TrimPrefix(seg, ":")]; strings.HasPrefix(seg, ":") && v != "" {
			segs[i] = v
		}
	}
	return strings.Join(segs, "/") + q
}

// nCase is one request for the newman harness: its scripts, request JSON,
// variables and, for test scripts, the response.
type nCase struct {
	Scripts  []string          `json:"scripts"`
	Request  json.RawMessage   `json:"request"`
	Env      map[string]string `json:"env"`
	Coll     map[string]string `json:"coll"`
	Test     []string          `json:"test,omitempty"`
	Response json.RawMessage   `json:"response,omitempty"`
}

// nResult is what newman's sandbox left after a case.
type nResult struct {
	Error  *string        `json:"error"`
	Method string         `json:"method"`
	URL    string         `json:"url"`
	Header []string       `json:"header"`
	Env    map[string]any `json:"env"`
	Coll   map[string]any `json:"coll"`
	Local  map[string]any `json:"local"`
	Tests  []struct {
		Name   string `json:"name"`
		Passed bool   `json:"passed"`
		Error  string `json:"error"`
	} `json:"tests"`
}

// runNewman runs cases through testdata/newman_sandbox.js in dir.
func runNewman(t *testing.T, dir string, cases []nCase) []nResult {
	t.Helper()
	in, _ := json.Marshal(cases)
	harness, _ := filepath.Abs("testdata/newman_sandbox.js")
	cmd := exec.Command("node", harness)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "NODE_PATH="+filepath.Join(dir, "node_modules"))
	cmd.Stdin = bytes.NewReader(in)
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	var want []nResult
	if err := json.Unmarshal(out, &want); err != nil {
		t.Fatal(err)
	}
	return want
}

// diffVars compares the variables the Runner left with newman's.
func diffVars(vars *Scopes, w nResult) []string {
	var diffs []string
	for _, sc := range []struct {
		name string
		s    Scope
		w    map[string]any
	}{{"environment", vars.Environment, w.Env}, {"collection", vars.Collection, w.Coll}, {"local", vars.Local, w.Local}} {
		g := map[string]any{}
		for _, k := range sc.s.Keys() {
			g[k], _ = sc.s.Get(k)
		}
		gj, _ := json.Marshal(normalize(g))
		wj, _ := json.Marshal(normalize(sc.w))
		if string(gj) != string(wj) {
			diffs = append(diffs, sc.name+"\n    sdkscript "+string(gj)+"\n    newman    "+string(wj))
		}
	}
	return diffs
}

// report logs a request's differences and says whether there were none.
func report(t *testing.T, cr corpusRequest, diffs []string) bool {
	t.Helper()
	if len(diffs) > 0 {
		t.Logf("%s %s:\n  %s", cr.collection, cr.path, strings.Join(diffs, "\n  "))
	}
	return len(diffs) == 0
}

// diffError compares whether the scripts failed on both sides; skip is true
// when the Runner stopped at an unsupported API.
func diffError(err error, w nResult) (diffs []string, skip bool) {
	if se, ok := err.(*ScriptError); ok && se.Unsupported != "" {
		return nil, true
	}
	if (err != nil) != (w.Error != nil) {
		diffs = append(diffs, "error: sdkscript "+errString(err)+", newman "+ptr(w.Error))
	}
	return diffs, false
}

func errString(err error) string {
	if err == nil {
		return "none"
	}
	return err.Error()
}

func ptr(s *string) string {
	if s == nil {
		return "none"
	}
	return *s
}

// normalize makes variable values comparable: numbers as JSON numbers, NaN
// and infinities as null.
func normalize(m map[string]any) map[string]any {
	out := map[string]any{}
	for k, v := range m {
		switch v := v.(type) {
		case int64:
			out[k] = float64(v)
		case float64:
			if math.IsNaN(v) || math.IsInf(v, 0) {
				out[k] = nil // as JSON.stringify writes them
			} else {
				out[k] = v
			}
		default:
			out[k] = v
		}
	}
	return out
}

// TestNewmanDiffTests runs every corpus request's test scripts (after its
// pre-request scripts) through newman's sandbox and the Runner against the
// same canned response, and compares the test results and variables.
func TestNewmanDiffTests(t *testing.T) {
	dir := os.Getenv("POSTGEN_NEWMAN")
	if dir == "" {
		t.Skip("set POSTGEN_NEWMAN to newman's directory (with node_modules) to compare with newman's sandbox")
	}
	body := `{"id":"1","results":[{"id":"1"}],"value":[{"id":"1"}],"data":{}}`
	nresp, _ := json.Marshal(map[string]any{"code": 200, "status": "OK",
		"header": []map[string]string{{"key": "Content-Type", "value": "application/json"}},
		"stream": map[string]any{"type": "Buffer", "data": []byte(body)}})
	// encoding/json writes []byte as base64; the harness wants numbers.
	var m map[string]any
	_ = json.Unmarshal(nresp, &m)
	nums := make([]int, len(body))
	for i := range body {
		nums[i] = int(body[i])
	}
	m["stream"] = map[string]any{"type": "Buffer", "data": nums}
	nresp, _ = json.Marshal(m)

	var reqs []corpusRequest
	var cases []nCase
	for _, cr := range loadCorpus(t) {
		if len(cr.test) == 0 {
			continue
		}
		var pre, test []string
		for _, s := range cr.pre {
			pre = append(pre, fixClock+s.Source)
		}
		for _, s := range cr.test {
			test = append(test, fixClock+s.Source)
		}
		reqs = append(reqs, cr)
		cases = append(cases, nCase{Scripts: pre, Test: test, Request: cr.raw, Env: map[string]string{}, Coll: cr.vars, Response: nresp})
	}
	want := runNewman(t, dir, cases)
	equal, unsupported, msgDiff := 0, 0, 0
	r := New(Options{Now: fixedNow, Rand: zeroRand{}, SendRequest: fakeSend})
	for i, cr := range reqs {
		w := want[i]
		req := *cr.req
		req.Header = cr.req.Header.Clone()
		vars := &Scopes{Collection: NewVars(cr.vars), Environment: &Vars{}, Local: &Vars{}}
		var err error
		if len(cr.pre) > 0 {
			err = r.PreRequest(context.Background(), clocked(cr.pre), &req, vars)
		}
		var results []TestResult
		if err == nil {
			resp := &Response{Code: 200, Header: http.Header{"Content-Type": {"application/json"}}, Body: []byte(body)}
			results, err = r.Test(context.Background(), clocked(cr.test), &req, resp, vars)
		}
		diffs, skip := diffError(err, w)
		if skip {
			unsupported++
			continue
		}
		var got, exp []string
		messages := true
		for j, res := range results {
			got = append(got, fmt.Sprintf("%s=%v", res.Name, res.Passed))
			if j < len(w.Tests) && res.Error != w.Tests[j].Error && !res.Passed {
				messages = false
				t.Logf("%s %s: %q\n    sdkscript %s\n    newman    %s", cr.collection, cr.path, res.Name, res.Error, w.Tests[j].Error)
			}
		}
		for _, res := range w.Tests {
			exp = append(exp, fmt.Sprintf("%s=%v", res.Name, res.Passed))
		}
		if strings.Join(got, "\n") != strings.Join(exp, "\n") {
			diffs = append(diffs, "tests\n    sdkscript "+strings.Join(got, " | ")+"\n    newman    "+strings.Join(exp, " | "))
		} else if !messages {
			msgDiff++
		}
		if err == nil && w.Error == nil {
			diffs = append(diffs, diffVars(vars, w)...)
		}
		if report(t, cr, diffs) {
			equal++
		}
	}
	t.Logf("test: %d/%d requests equal with newman's sandbox (%d unsupported; %d of the equal differ only in assertion messages)", equal, len(reqs), unsupported, msgDiff)
}
