// Package conformance is postgen's fidelity harness: it proves that each
// generated method sends the request Postman sends, by running every
// collection through newman (Postman's own runtime) and through the
// generated SDK against one recording proxy, and comparing the requests
// one by one. fidelity.md beside this file describes the method.
package conformance

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"

	"github.com/postgen/postgen/generator"
	"github.com/postgen/postgen/internal/sdkmodule"
	"github.com/postgen/postgen/model"
	"github.com/postgen/postgen/parser"
)

// postmanUserAgent is what newman 6.2.2 sends; the SDK is given the same
// with WithUserAgent, so User-Agent is compared like any other header.
const postmanUserAgent = "PostmanRuntime/7.39.1"

//go:embed driver_test.go.txt
var driverTemplate string

// Case is one collection to check.
type Case struct {
	// Name labels the case in the report ("testdata/bookings").
	Name string
	// Path is the collection file.
	Path string
}

// Options configure Run.
type Options struct {
	// NewmanDir holds node_modules/newman.
	NewmanDir string
	// Repo is the postgen checkout whose runtime the SDKs build with;
	// "" is the current directory.
	Repo  string
	Cases []Case
	// Work is a scratch directory, emptied by the caller.
	Work string
	// Progress receives a line per step; nil for none.
	Progress io.Writer
	// IgnoreHeaders are left out of the comparison on both sides, to look
	// at other differences while one is being fixed (never for the
	// reported figures).
	IgnoreHeaders []string
}

// Finding is one request whose two sides differ.
type Finding struct {
	Path, Name string
	// Diff is the first difference, prefixed with the SDK call variant.
	Diff string
}

// CaseReport is the result of one collection.
type CaseReport struct {
	Name      string
	Requests  int
	Compared  int
	Equal     int
	Different []Finding
	// Skipped counts the requests not compared, by reason.
	Skipped map[string]int
	// Requests under a pre-request script are skipped, but compared too
	// with the scripts removed on both sides (newman's copy has none and
	// the SDK runs none): ScriptCompared, ScriptEqual and ScriptDifferent
	// say how the rest of postgen does on them.
	ScriptCompared  int
	ScriptEqual     int
	ScriptDifferent []Finding
	// The scripted pass (scripted.go): requests under a pre-request
	// script compared with the scripts run on both sides, those whose
	// scripts call an API the SDK's runtime lacks (by API), and an error
	// that kept the pass from running.
	ScriptedCompared    int
	ScriptedEqual       int
	ScriptedUnsupported int
	ScriptedDifferent   []Finding
	Unsupported         map[string]int
	ScriptedErr         error
	// ScriptedNewmanFails counts the requests whose scripts newman's own
	// sandbox fails while the SDK's runs them, by newman's error.
	ScriptedNewmanFails int
	NewmanScriptErrors  map[string]int
	// ScriptedNotRun counts the requests newman's scripted run never
	// reached.
	ScriptedNotRun int
	// ZeroCalls counts the zero calls (every argument it may leave out
	// left out) that sent a request; ZeroLeaks are those that sent a
	// sample, ZeroUnsent those that sent nothing.
	ZeroCalls  int
	ZeroLeaks  []Finding
	ZeroUnsent []Finding
	// Err is set when the case could not be run at all.
	Err error
}

// SkippedCount is the number of requests not compared.
func (r *CaseReport) SkippedCount() int {
	n := 0
	for _, c := range r.Skipped {
		n += c
	}
	return n
}

// prepared is a case after generation.
type prepared struct {
	Case
	pkg      string
	coll     *model.Collection
	items    []item
	shared   map[string]string
	replies  map[string]Reply
	samples  map[string]generator.Samples
	newman   []Exchange
	newmanBy map[string][]Exchange
	nerrors  map[string]string
	nran     map[string]bool
	report   *CaseReport
	// scripted says the SDK runs the scripted pass (scripted.go);
	// scriptedBy and scriptedErrs are newman's side of it.
	scripted     bool
	scriptedBy   map[string][]Exchange
	scriptedErrs map[string]string
	scriptFails  map[string]string
	scriptedRan  map[string]bool
}

// Run checks every case and returns one report per case, in order.
func Run(ctx context.Context, o Options) ([]*CaseReport, error) {
	if _, err := os.Stat(filepath.Join(o.NewmanDir, "node_modules", "newman", "package.json")); err != nil {
		return nil, fmt.Errorf("newman is not installed in %s (make conformance installs newman@%s there)", o.NewmanDir, NewmanVersion)
	}
	mod := filepath.Join(o.Work, "sdk")
	if err := os.MkdirAll(mod, 0o755); err != nil {
		return nil, err
	}
	// The SDKs import postgen's runtime: from this checkout.
	repo := o.Repo
	if repo == "" {
		repo = "."
	}
	if err := sdkmodule.Write(mod, repo, "postgen.test/fidelity"); err != nil {
		return nil, err
	}
	var cases []*prepared
	replies := map[string]Reply{}
	for i, c := range o.Cases {
		p := &prepared{Case: c, pkg: "fid" + strconv.Itoa(i), report: &CaseReport{Name: c.Name, Skipped: map[string]int{}}}
		if err := p.prepare(mod); err != nil {
			p.report.Err = err
		} else if err := p.prepareScripted(mod); err != nil {
			p.report.Err = err
		}
		for k, v := range p.replies {
			replies[k] = v
		}
		cases = append(cases, p)
	}
	progress(o.Progress, "generated %d SDKs; building them and running newman", len(cases))

	rec, err := NewRecorder(func(tag string) Reply {
		if r, ok := replies[tag]; ok {
			return r
		}
		return defaultReply
	})
	if err != nil {
		return nil, err
	}
	defer rec.Close()
	var goErr error
	var goOut []byte
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		goOut, goErr = runSDKs(ctx, mod, rec.URL())
	}()

	for _, p := range cases {
		if p.report.Err != nil {
			continue
		}
		if err := p.runNewman(ctx, o); err != nil {
			p.report.Err = err
			progress(o.Progress, "newman: %s: %v", p.Name, shortError(err.Error()))
			continue
		}
		progress(o.Progress, "newman: %s: %d requests sent", p.Name, len(p.newman))
		if p.scripted {
			if err := p.runNewmanScripted(ctx, o); err != nil {
				p.report.ScriptedErr = err
				p.scripted = false
			}
		}
	}
	wg.Wait()
	byTag := map[string][]Exchange{}
	for _, ex := range rec.Exchanges() {
		byTag[ex.Tag] = append(byTag[ex.Tag], ex)
	}
	var reports []*CaseReport
	for _, p := range cases {
		if p.report.Err == nil {
			results, err := readResults(mod, p.pkg)
			if err != nil {
				p.report.Err = fmt.Errorf("the SDK calls did not run: %v\n%s", err, tail(string(goOut), 3000))
				if goErr != nil {
					p.report.Err = fmt.Errorf("%v (go test: %v)", p.report.Err, goErr)
				}
			} else {
				p.compare(results, byTag, o.IgnoreHeaders)
				if p.scripted {
					p.compareScripted(mod, byTag, o.IgnoreHeaders)
				}
			}
			p.dump(filepath.Join(o.Work, p.pkg+".captures.txt"), byTag)
		}
		reports = append(reports, p.report)
	}
	return reports, nil
}

var defaultReply = Reply{Code: 200, Header: [][2]string{{"Content-Type", "application/json"}}, Body: []byte("{}")}

func progress(w io.Writer, format string, args ...any) {
	if w != nil {
		fmt.Fprintf(w, format+"\n", args...)
	}
}

// prepare parses and generates the case's SDK into mod/<pkg>, with the
// harness's driver and variables.
func (p *prepared) prepare(mod string) error {
	data, err := os.ReadFile(p.Path)
	if err != nil {
		return err
	}
	res, err := parser.Parse(data)
	if err != nil {
		return fmt.Errorf("postgen refuses it: %v", err)
	}
	p.coll = res.Collection
	gen, err := generator.Generate(p.coll, generator.Config{Package: p.pkg, NoExamples: true, Conformance: true})
	if err != nil {
		return err
	}
	p.samples = gen.Samples
	dir := filepath.Join(mod, p.pkg)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, f := range gen.Files {
		path := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, f.Data, 0o644); err != nil {
			return err
		}
	}
	driver := strings.ReplaceAll(driverTemplate, "PACKAGE", p.pkg)
	if err := os.WriteFile(filepath.Join(dir, "conformance_driver_test.go"), []byte(driver), 0o644); err != nil {
		return err
	}
	hasAuth := false
	for _, f := range gen.Files {
		hasAuth = hasAuth || f.Name == "auth_schemes.go"
	}
	if hasAuth {
		src := "// Code generated by postgen's fidelity harness. DO NOT EDIT.\n\npackage " + p.pkg +
			"\n\nimport \"github.com/postgen/postgen/sdk\"\n\nfunc init() { conformanceCreds = sdk.WithCredentials }\n"
		if err := os.WriteFile(filepath.Join(dir, "conformance_creds_test.go"), []byte(src), 0o644); err != nil {
			return err
		}
		creds := map[string]map[string]string{}
		for _, it := range items(p.coll) {
			if c := credentials(it.req); len(c) > 0 {
				creds[it.req.Path] = c
			}
		}
		b, err := json.Marshal(creds)
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(mod, p.pkg+".creds.json"), b, 0o644); err != nil {
			return err
		}
	}
	shared, sdkOnly := variables(p.coll, gen)
	p.shared = shared
	all := map[string]string{}
	for k, v := range shared {
		all[k] = v
	}
	for k, v := range sdkOnly {
		all[k] = v
	}
	b, err := json.Marshal(all)
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(mod, p.pkg+".vars.json"), b, 0o644); err != nil {
		return err
	}
	p.items = items(p.coll)
	p.report.Requests = len(p.items)
	p.replies = map[string]Reply{}
	for _, it := range p.items {
		if rep, ok := exampleReply(it.req); ok {
			for _, v := range []string{"example", "zero"} {
				p.replies[p.pkg+"|"+it.req.Path+"|"+v] = rep
			}
		}
	}
	return nil
}

// exampleReply is the first saved 2xx example of r, as the recorder's
// answer to the SDK (newman's answers do not matter: its scripts are
// removed, so nothing it receives changes a later request).
func exampleReply(r *model.Request) (Reply, bool) {
	for _, ex := range r.Examples {
		if ex.Code < 200 || ex.Code > 299 || ex.Code == 204 {
			continue
		}
		rep := Reply{Code: ex.Code, Body: []byte(ex.Body)}
		for _, h := range ex.Headers {
			if strings.EqualFold(h.Key, "content-type") && !h.Disabled {
				rep.Header = append(rep.Header, [2]string{"Content-Type", h.Value})
			}
		}
		return rep, true
	}
	return Reply{}, false
}

// runNewman runs newman over the case with its own recorder and assigns
// each recorded request to its item.
func (p *prepared) runNewman(ctx context.Context, o Options) error {
	rec, err := NewRecorder(nil)
	if err != nil {
		return err
	}
	scratch := filepath.Join(o.Work, "newman", p.pkg)
	if err := os.MkdirAll(scratch, 0o755); err != nil {
		rec.Close()
		return err
	}
	run, err := runNewman(ctx, o.NewmanDir, p.Path, p.shared, rec.URL(), scratch)
	rec.Close()
	if err != nil {
		return err
	}
	p.newman = rec.Exchanges()
	if len(p.newman) != len(run.order) {
		return fmt.Errorf("newman reported %d requests sent, the recorder received %d", len(run.order), len(p.newman))
	}
	p.newmanBy = map[string][]Exchange{}
	for i, id := range run.order {
		p.newmanBy[id] = append(p.newmanBy[id], p.newman[i])
	}
	p.nerrors = run.errors
	p.nran = run.ran
	return nil
}

// sdkResult is one line of the driver's output (conformanceResult).
type sdkResult struct {
	Path    string `json:"path"`
	Variant string `json:"variant"`
	Error   string `json:"error"`
	Unsent  bool   `json:"unsent"`
}

// runSDKs runs the drivers of every SDK in mod with go test.
func runSDKs(ctx context.Context, mod, proxy string) ([]byte, error) {
	goCmd, err := exec.LookPath("go")
	if err != nil {
		goCmd = filepath.Join(runtime.GOROOT(), "bin", "go")
	}
	cmd := exec.CommandContext(ctx, goCmd, "test", "-count=1", "-timeout=30m", "-run=^TestConformance(Scripted)?$", "./...")
	cmd.Dir = mod
	cmd.Env = append(cleanEnv(), "GOFLAGS=-mod=mod", "GOWORK=off",
		"POSTGEN_CONFORMANCE_PROXY="+proxy, "POSTGEN_CONFORMANCE_DIR="+mod, "POSTGEN_CONFORMANCE_UA="+postmanUserAgent)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err = cmd.Run()
	return out.Bytes(), err
}

func readResults(mod, pkg string) ([]sdkResult, error) {
	b, err := os.ReadFile(filepath.Join(mod, pkg+".results.json"))
	if err != nil {
		return nil, err
	}
	var rs []sdkResult
	err = json.Unmarshal(b, &rs)
	return rs, err
}

// Reasons a request is not compared.
const (
	skipScript   = "a pre-request script computes the request"
	skipNotInSDK = "not in the SDK (no URL Postman can send)"
	// Postman's v1 converter leaves out requests no order lists, which
	// postgen keeps (here-routing-v1).
	skipNotInNewman = "not in the collection newman runs (Postman's v1 converter leaves out requests no order lists)"
)

// compare fills the report from both sides' requests.
func (p *prepared) compare(results []sdkResult, byTag map[string][]Exchange, ignore []string) {
	sdk := map[string]map[string]sdkResult{}
	for _, r := range results {
		if sdk[r.Path] == nil {
			sdk[r.Path] = map[string]sdkResult{}
		}
		sdk[r.Path][r.Variant] = r
	}
	rep := p.report
	for _, it := range p.items {
		path := it.req.Path
		calls, inSDK := sdk[path]
		if !inSDK {
			rep.Skipped[skipNotInSDK]++
			continue
		}
		p.checkZero(it, calls, byTag)
		if it.script {
			rep.Skipped[skipScript]++
			if diff, ok := p.compareItem(it, calls, byTag, ignore); ok {
				rep.ScriptCompared++
				if diff == "" {
					rep.ScriptEqual++
				} else {
					rep.ScriptDifferent = append(rep.ScriptDifferent, Finding{path, it.req.Name, diff})
				}
			}
			continue
		}
		diff, ok := p.compareItem(it, calls, byTag, ignore)
		if !ok {
			rep.Skipped[diff]++
			continue
		}
		rep.Compared++
		if diff != "" {
			rep.Different = append(rep.Different, Finding{path, it.req.Name, diff})
			continue
		}
		rep.Equal++
	}
}

// compareItem compares the requests of one item. It returns the first
// difference ("" when equal) and true, or a reason to skip it and false.
func (p *prepared) compareItem(it item, calls map[string]sdkResult, byTag map[string][]Exchange, ignore []string) (string, bool) {
	path := it.req.Path
	want := p.newmanBy[path]
	if !p.nran[path] {
		return skipNotInNewman, false
	}
	if len(want) == 0 {
		nerr := p.nerrors[path]
		if nerr == "" {
			nerr = "no error reported"
		}
		sent := false
		for _, r := range calls {
			sent = sent || !r.Unsent
		}
		if !sent {
			return "Postman sends nothing: " + shortError(nerr), false
		}
		return "newman sends nothing (" + shortError(nerr) + "), the SDK sends a request", true
	}
	keep := keptTransportHeaders(it.req)
	authType := ""
	if it.req.Auth != nil {
		authType = it.req.Auth.Type
	}
	diff := ""
	// The example call sends the collection's values: Postman's request.
	// The zero call is checked for samples instead (checkZero).
	for _, variant := range []string{"example"} {
		r := calls[variant]
		got := byTag[p.pkg+"|"+path+"|"+variant]
		switch {
		case r.Unsent || len(got) == 0:
			diff = variant + ": the SDK sends nothing: " + shortError(r.Error)
		case len(got) != len(want):
			diff = fmt.Sprintf("%s: newman sends %d requests, the SDK %d", variant, len(want), len(got))
		default:
			for i := range want {
				if d := firstDifference(normalise(want[i], keep, ignore, authType), normalise(got[i], keep, ignore, authType)); d != "" {
					diff = variant + ": " + d
					break
				}
			}
		}
		if diff != "" {
			break
		}
	}
	return diff, true
}

// shortError keeps the first line of an error, at most 160 bytes.
func shortError(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	if len(s) > 160 {
		s = s[:157] + "..."
	}
	return s
}

// dump writes both sides' requests of the case to path, for a person
// looking into a difference (conformance -keep).
func (p *prepared) dump(path string, byTag map[string][]Exchange) {
	var b bytes.Buffer
	write := func(side string, exs []Exchange) {
		for _, ex := range exs {
			fmt.Fprintf(&b, "--- %s %s %s %s\n", side, ex.Scheme, ex.Method, ex.Target)
			for _, h := range ex.Header {
				fmt.Fprintf(&b, "%s: %s\n", h[0], h[1])
			}
			fmt.Fprintf(&b, "\n%s\n", ex.Body)
		}
	}
	for _, it := range p.items {
		fmt.Fprintf(&b, "=== %s %s\n", it.req.Path, it.req.Name)
		write("newman", p.newmanBy[it.req.Path])
		for _, v := range []string{"zero", "example"} {
			write("sdk-"+v, byTag[p.pkg+"|"+it.req.Path+"|"+v])
		}
		if p.scripted {
			write("newman-scripted", p.scriptedBy[it.req.Path])
			write("sdk-scripted", byTag[p.pkg+"|"+it.req.Path+"|scripted"])
		}
	}
	_ = os.WriteFile(path, b.Bytes(), 0o644)
}
