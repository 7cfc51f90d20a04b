package sdkscript

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// fixClock is prepended to the first script on both sides of the newman
// comparison, so that Date and Math.random agree with Options.Now and
// Options.Rand.
var fixClock = `Date = (function (D) { const t = ` + jsInt(fixedTime.UnixMilli()) + `; function F(...a) { return a.length ? new D(...a) : new D(t); } F.now = () => t; F.UTC = D.UTC; F.parse = D.parse; F.prototype = D.prototype; return F; })(Date); Math.random = () => 0;
`

func jsInt(n int64) string { b, _ := json.Marshal(n); return string(b) }

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
	type nCase struct {
		Scripts []string          `json:"scripts"`
		Request json.RawMessage   `json:"request"`
		Env     map[string]string `json:"env"`
		Coll    map[string]string `json:"coll"`
	}
	type nResult struct {
		Error  *string           `json:"error"`
		Method string            `json:"method"`
		URL    string            `json:"url"`
		Header []string          `json:"header"`
		Env    map[string]any    `json:"env"`
		Coll   map[string]any    `json:"coll"`
		Local  map[string]any    `json:"local"`
		Other  map[string]string `json:"-"`
	}
	var reqs []corpusRequest
	var cases []nCase
	for _, cr := range loadCorpus(t) {
		if len(cr.pre) == 0 {
			continue
		}
		var srcs []string
		for i, s := range cr.pre {
			src := s.Source
			if i == 0 {
				src = fixClock + src
			}
			srcs = append(srcs, src)
		}
		reqs = append(reqs, cr)
		cases = append(cases, nCase{Scripts: srcs, Request: cr.raw, Env: map[string]string{}, Coll: cr.vars})
	}
	in, _ := json.Marshal(cases)
	harness, _ := filepath.Abs("testdata/newman_prerequest.js")
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
	equal, unsupported := 0, 0
	for i, cr := range reqs {
		r := New(Options{Now: fixedNow, Rand: zeroRand{}, SendRequest: fakeSend})
		req := *cr.req
		req.Header = cr.req.Header.Clone()
		vars := &Scopes{Collection: NewVars(cr.vars), Environment: &Vars{}, Local: &Vars{}}
		scripts := append([]Script(nil), cr.pre...)
		scripts[0].Source = fixClock + scripts[0].Source
		err := r.PreRequest(context.Background(), scripts, &req, vars)
		w := want[i]
		if se, ok := err.(*ScriptError); ok && se.Unsupported != "" {
			unsupported++
			continue
		}
		var diffs []string
		if (err != nil) != (w.Error != nil) {
			diffs = append(diffs, "error: sdkscript "+errString(err)+", newman "+ptr(w.Error))
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
		}
		if len(diffs) == 0 {
			equal++
			continue
		}
		t.Logf("%s %s:\n  %s", cr.collection, cr.path, strings.Join(diffs, "\n  "))
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

// normalize makes variable values comparable: numbers as JSON numbers.
func normalize(m map[string]any) map[string]any {
	out := map[string]any{}
	for k, v := range m {
		switch v := v.(type) {
		case int64:
			out[k] = float64(v)
		default:
			out[k] = v
		}
	}
	return out
}
