package conformance

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// The scripted pass: every request under a pre-request script is sent
// again with the scripts run on both sides, newman with the collection's
// scripts and the SDK with WithScriptOptions, one client state for the
// whole run as newman keeps one. Both sides have the clock fixed at
// scriptedNow and Math.random at 0 (newman-driver.js prefixes each script
// with a line that fixes them; the SDK's runtime is given them).

// scriptedNow is the fixed clock of the scripted pass, in Unix
// milliseconds: the harness's {{$timestamp}}.
const scriptedNow = 1700000000000

// unsupportedSuffix ends the error of a script that calls an API the
// runtime lacks (sdkscript.ScriptError).
const unsupportedSuffix = " is not supported by postgen's script runtime"

// scriptedPaths are the paths of the case's requests under a pre-request
// script, in collection order.
func (p *prepared) scriptedPaths() []string {
	var out []string
	for _, it := range p.items {
		if it.script {
			out = append(out, it.req.Path)
		}
	}
	return out
}

// prepareScripted writes the SDK side of the scripted pass: the paths to
// call and the driver, when the SDK has WithScripts.
func (p *prepared) prepareScripted(mod string) error {
	paths := p.scriptedPaths()
	if len(paths) == 0 {
		return nil
	}
	if _, err := os.Stat(filepath.Join(mod, p.pkg, "scripts.go")); err != nil {
		return nil
	}
	b, err := json.Marshal(paths)
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(mod, p.pkg+".scripted.paths.json"), b, 0o644); err != nil {
		return err
	}
	src := strings.ReplaceAll(strings.ReplaceAll(scriptedDriver, "PACKAGE", p.pkg), "FIXEDNOW", strconv.Itoa(scriptedNow))
	p.scripted = true
	return os.WriteFile(filepath.Join(mod, p.pkg, "conformance_scripted_test.go"), []byte(src), 0o644)
}

// runNewmanScripted runs newman over the case with its scripts kept.
func (p *prepared) runNewmanScripted(ctx context.Context, o Options) error {
	rec, err := NewRecorder(nil)
	if err != nil {
		return err
	}
	scratch := filepath.Join(o.Work, "newman", p.pkg+"-scripted")
	if err := os.MkdirAll(scratch, 0o755); err != nil {
		rec.Close()
		return err
	}
	run, err := runNewman(ctx, o.NewmanDir, p.Path, p.shared, rec.URL(), scratch, "POSTGEN_KEEP_SCRIPTS=1", "POSTGEN_FIXED_NOW="+strconv.Itoa(scriptedNow))
	rec.Close()
	if err != nil {
		return err
	}
	exs := rec.Exchanges()
	if len(exs) != len(run.order) {
		return fmt.Errorf("newman (scripts kept) reported %d requests sent, the recorder received %d", len(run.order), len(exs))
	}
	p.scriptedBy = map[string][]Exchange{}
	for i, id := range run.order {
		p.scriptedBy[id] = append(p.scriptedBy[id], exs[i])
	}
	p.scriptedErrs = run.errors
	p.scriptFails = run.scriptErrors
	p.scriptedRan = run.ran
	return nil
}

// compareScripted fills the scripted figures of the report.
func (p *prepared) compareScripted(mod string, byTag map[string][]Exchange, ignore []string) {
	rep := p.report
	b, err := os.ReadFile(filepath.Join(mod, p.pkg+".scripted.json"))
	if err != nil {
		rep.ScriptedErr = fmt.Errorf("the scripted SDK calls did not run: %v", err)
		return
	}
	var results []sdkResult
	if err := json.Unmarshal(b, &results); err != nil {
		rep.ScriptedErr = err
		return
	}
	byPath := map[string]sdkResult{}
	for _, r := range results {
		byPath[r.Path] = r
	}
	for _, it := range p.items {
		path := it.req.Path
		r, ok := byPath[path]
		if !it.script || !ok {
			continue
		}
		if i := strings.Index(r.Error, unsupportedSuffix); i >= 0 {
			api := r.Error[:i]
			if j := strings.LastIndex(api, ": "); j >= 0 {
				api = api[j+2:]
			}
			if rep.Unsupported == nil {
				rep.Unsupported = map[string]int{}
			}
			rep.Unsupported[api]++
			rep.ScriptedUnsupported++
			continue
		}
		if !p.scriptedRan[path] {
			// newman's run with scripts never reached it (a script
			// steered the run with setNextRequest, which the SDK's
			// calls do not follow): not a comparison.
			rep.ScriptedNotRun++
			continue
		}
		if e := p.scriptFails[path]; e != "" && !strings.Contains(r.Error, "script") {
			// newman's sandbox fails a script the SDK's runtime runs
			// (binance-spot's top-level await): not a comparison.
			rep.ScriptedNewmanFails++
			if rep.NewmanScriptErrors == nil {
				rep.NewmanScriptErrors = map[string]int{}
			}
			rep.NewmanScriptErrors[shortError(e)]++
			continue
		}
		rep.ScriptedCompared++
		want, got := p.scriptedBy[path], byTag[p.pkg+"|"+path+"|scripted"]
		keep := keptTransportHeaders(it.req)
		authType := ""
		if it.req.Auth != nil {
			authType = it.req.Auth.Type
		}
		diff := ""
		switch {
		case len(want) == 0 && len(got) == 0:
		case len(want) == 0:
			diff = "newman sends nothing (" + shortError(p.scriptedErrs[path]) + "), the SDK sends a request"
		case len(got) == 0:
			diff = "the SDK sends nothing: " + shortError(r.Error)
		case len(got) < len(want):
			diff = fmt.Sprintf("newman sends %d requests, the SDK %d", len(want), len(got))
		default:
			// The requests a script sends itself (pm.sendRequest) come
			// first on the SDK's side; newman's do not reach the
			// recorder, so only the call's own are compared.
			got = got[len(got)-len(want):]
			for i := range want {
				if d := firstDifference(normalise(want[i], keep, ignore, authType), normalise(got[i], keep, ignore, authType)); d != "" {
					diff = d
					break
				}
			}
		}
		if diff == "" {
			rep.ScriptedEqual++
		} else {
			rep.ScriptedDifferent = append(rep.ScriptedDifferent, Finding{path, it.req.Name, "scripted: " + diff})
		}
	}
}

// scriptedDriver is the SDK side of the scripted pass, written beside
// the harness's driver (driver_test.go.txt, whose helpers it uses).
const scriptedDriver = `// Code generated by postgen's fidelity harness. DO NOT EDIT.

package PACKAGE

import (
	"context"
	"crypto/tls"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/postgen/postgen/sdk/sdkscript"
)

// TestConformanceScripted makes the example call of every request under a
// pre-request script, in collection order, with the scripts run and one
// script state for the run, as newman keeps one.
func TestConformanceScripted(t *testing.T) {
	proxy := os.Getenv("POSTGEN_CONFORMANCE_PROXY")
	if proxy == "" {
		t.Skip("run by postgen's fidelity harness (make conformance)")
	}
	dir := os.Getenv("POSTGEN_CONFORMANCE_DIR")
	var vars map[string]string
	var paths []string
	for name, v := range map[string]any{"PACKAGE.vars.json": &vars, "PACKAGE.scripted.paths.json": &paths} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(b, v); err != nil {
			t.Fatal(err)
		}
	}
	conformanceVars = vars
	calls := map[string]conformanceCall{}
	for _, c := range conformanceCalls {
		// A caller relying on the scripts leaves the path arguments
		// they set empty (the "scripted" variant, where there are any).
		if _, ok := calls[c.path]; c.variant == "scripted" || c.variant == "example" && !ok {
			calls[c.path] = c
		}
	}
	tag, sent := "", false
	hc := &http.Client{
		Timeout: 30 * time.Second,
		Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
			sent = true
			pu, err := url.Parse(proxy)
			if err != nil {
				return nil, err
			}
			pu.User = url.User(tag)
			tr := &http.Transport{Proxy: http.ProxyURL(pu), TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}
			resp, err := tr.RoundTrip(r)
			if err != nil {
				tr.CloseIdleConnections()
				return nil, err
			}
			resp.Body = closeIdle{resp.Body, tr}
			return resp, nil
		}),
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	names := make([]string, 0, len(vars))
	for name := range vars {
		names = append(names, name)
	}
	sort.Strings(names)
	opts := []Option{WithHTTPClient(hc), WithUserAgent(os.Getenv("POSTGEN_CONFORMANCE_UA")),
		WithScriptOptions(sdkscript.Options{Now: func() time.Time { return time.UnixMilli(FIXEDNOW) }, Rand: conformanceZero{}, Timeout: 10 * time.Second})}
	for _, name := range names {
		opts = append(opts, WithVariable(name, vars[name]))
	}
	var creds map[string]map[string]string
	if b, err := os.ReadFile(filepath.Join(dir, "PACKAGE.creds.json")); err == nil {
		if err := json.Unmarshal(b, &creds); err != nil {
			t.Fatal(err)
		}
	}
	var results []conformanceResult
	for _, path := range paths {
		c, ok := calls[path]
		if !ok {
			continue
		}
		tag, sent = "PACKAGE|"+path+"|scripted", false
		res := conformanceResult{Path: path, Variant: "scripted"}
		// A client per call for the request's credentials; they share
		// the one WithScriptOptions, and so its script state.
		callOpts := opts
		if cs := creds[path]; len(cs) > 0 && conformanceCreds != nil {
			var kv []string
			for k, v := range cs {
				kv = append(kv, k, v)
			}
			callOpts = append(opts[:len(opts):len(opts)], conformanceCreds(kv...))
		}
		client, err := NewClient(callOpts...)
		if err == nil {
			err = c.call(context.Background(), client)
		}
		var apiErr *APIError
		if err != nil && !errors.As(err, &apiErr) {
			res.Error, res.Unsent = err.Error(), !sent
		}
		results = append(results, res)
	}
	out, err := json.Marshal(results)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "PACKAGE.scripted.json"), out, 0o644); err != nil {
		t.Fatal(err)
	}
}

// conformanceZero is the random source of the scripted pass: zeros, as
// Math.random is 0 on newman's side.
type conformanceZero struct{}

func (conformanceZero) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}
`
