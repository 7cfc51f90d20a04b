package generator

import (
	"fmt"
	"strings"

	"github.com/postgen/postgen/internal/scriptscan"
	"github.com/postgen/postgen/internal/secrets"
	"github.com/postgen/postgen/model"
)

// This file makes the collection's scripts visible: the SDK does not run
// pre-request or test scripts, so each one gets a warning that names its
// JSON path and the requests it governs, and the docs of those requests'
// methods say what it does, from a static scan (internal/scriptscan).
// Scripts are untrusted input: nothing of their source is written into
// the SDK but the variable, header and query names the scan extracts,
// which it has validated as plain names.

// script is one enabled, non-empty script of the collection.
type script struct {
	event model.Event
	// owner says whose script it is, for messages: "the collection",
	// "folder \"Orders\"", "request \"Get order\"".
	owner string
	// level is "collection", "folder" or "request".
	level  string
	report scriptscan.Report
	// governs are the requests it runs for, in input order.
	governs []*model.Request
	// source is the script text WithScripts runs: the event's, its
	// literal credentials replaced by {{variable}} references.
	source string
	// scrubbed are the variables that replaced its credentials.
	scrubbed []string
	// index is its place in the SDK's table of scripts.
	index int
}

// scriptTable holds the collection's scripts.
type scriptTable struct {
	all []*script
	// of lists the scripts each request runs under, in the order Postman
	// runs them: pre-request scripts outermost first, then test scripts
	// outermost first.
	of map[*model.Request][]*script
	// setBy maps each variable a script sets to the first such script.
	setBy map[string]*script
	// option, optionsFunc and tableVar are the names of WithScripts,
	// WithScriptOptions and the table of scripts (emit_scripts.go), when
	// the collection has scripts.
	option, optionsFunc, tableVar string
}

// maxScriptNames is how many names (variables, headers, requests) a
// message lists before it says how many more there are.
const maxScriptNames = 6

// planScripts scans the collection's scripts and warns once about each.
func (p *plan) planScripts() {
	t := &scriptTable{of: map[*model.Request][]*script{}, setBy: map[string]*script{}}
	p.scripts = t
	type scope struct{ pre, test []*script }
	var walk func(events []model.Event, owner, level string, folders []*model.Folder, requests []*model.Request, outer scope) []*model.Request
	walk = func(events []model.Event, owner, level string, folders []*model.Folder, requests []*model.Request, outer scope) []*model.Request {
		own := t.scan(events, owner, level)
		in := scope{pre: append(append([]*script(nil), outer.pre...), own.pre...), test: append(append([]*script(nil), outer.test...), own.test...)}
		var governed []*model.Request
		for _, f := range folders {
			governed = append(governed, walk(f.Events, fmt.Sprintf("folder %q", shorten(oneLine(f.Name), 60)), "folder", f.Folders, f.Requests, in)...)
		}
		for _, r := range requests {
			mine := t.scan(r.Events, fmt.Sprintf("request %q", shorten(oneLine(r.Name), 60)), "request")
			for _, s := range append(mine.pre, mine.test...) {
				s.governs = []*model.Request{r}
			}
			t.of[r] = append(append(append(append([]*script(nil), in.pre...), mine.pre...), in.test...), mine.test...)
			governed = append(governed, r)
		}
		for _, s := range append(own.pre, own.test...) {
			s.governs = governed
		}
		return governed
	}
	c := p.coll
	walk(c.Events, "the collection", "collection", c.Folders, c.Requests, scope{})
	for i, s := range t.all {
		p.warn(model.CodeScript, s.event.Path, "%s", s.warning())
		s.index = i
		n := len(p.vars.scrubs)
		s.source = p.vars.scrubSpans(s.event.Script, inStringLiterals(s.event.Script, secrets.InText(s.event.Script, false)), s.event.Path+".script.exec")
		for _, sc := range p.vars.scrubs[n:] {
			s.scrubbed = append(s.scrubbed, sc.Name)
		}
	}
	if len(t.all) > 0 {
		t.option = p.pkgScope.Claim("WithScripts")
		t.optionsFunc = p.pkgScope.Claim("WithScriptOptions")
		t.tableVar = p.pkgScope.Claim("collectionScripts")
	}
}

// scan returns the enabled, non-empty pre-request and test scripts of
// events, scanned, and records them.
func (t *scriptTable) scan(events []model.Event, owner, level string) (out struct{ pre, test []*script }) {
	for _, e := range events {
		if e.Disabled || strings.TrimSpace(e.Script) == "" || e.Listen != "prerequest" && e.Listen != "test" {
			continue
		}
		s := &script{event: e, owner: owner, level: level, report: scriptscan.Scan(e.Script)}
		t.all = append(t.all, s)
		for _, v := range s.report.Sets {
			if _, ok := t.setBy[v.Name]; !ok {
				t.setBy[v.Name] = s
			}
		}
		if e.Listen == "prerequest" {
			out.pre = append(out.pre, s)
		} else {
			out.test = append(out.test, s)
		}
	}
	return out
}

// kind is "pre-request script" or "test script".
func (s *script) kind() string {
	if s.event.Listen == "prerequest" {
		return "pre-request script"
	}
	return "test script"
}

// warning is the diagnostic of a script: whose it is, the requests it
// governs, what it does, and what the SDK user does instead.
//
//	pre-request script of the collection runs before 48 requests ("Get
//	order", ...): it reads {{api-key}}, adds header X-MBX-APIKEY and
//	computes HMAC-SHA256; the SDK does not run scripts: ...
func (s *script) warning() string {
	when := "before"
	if s.event.Listen == "test" {
		when = "after"
	}
	var names []string
	for _, r := range s.governs {
		names = append(names, fmt.Sprintf("%q", shorten(oneLine(r.Name), 40)))
	}
	governs := plural(len(s.governs), "request")
	if len(names) > 0 {
		governs += " (" + listSome(names, 3) + ")"
	}
	if s.level == "request" {
		governs = "it"
	}
	return fmt.Sprintf("%s of %s runs %s %s: it %s; the SDK does not run scripts unless the client has WithScripts(): %s", s.kind(), s.owner, when, governs, s.effects(), s.advice())
}

// effects says what a script does, as a clause after "it".
func (s *script) effects() string {
	r := &s.report
	var parts []string
	if len(r.Sets) > 0 {
		parts = append(parts, "sets "+varList(r.Sets, r.DynamicSets))
	} else if r.DynamicSets {
		parts = append(parts, "sets variables whose names it computes")
	}
	if len(r.Unsets) > 0 {
		parts = append(parts, "clears "+varList(r.Unsets, false))
	}
	switch {
	case len(r.Headers) > 0:
		parts = append(parts, "adds "+pluralWord(len(r.Headers), "header")+" "+listSome(r.Headers, maxScriptNames))
	case r.DynamicHeaders:
		parts = append(parts, "changes headers")
	}
	if len(r.RemovedHeaders) > 0 {
		parts = append(parts, "removes "+pluralWord(len(r.RemovedHeaders), "header")+" "+listSome(r.RemovedHeaders, maxScriptNames))
	}
	if len(r.Query) > 0 {
		parts = append(parts, "sets query "+pluralWord(len(r.Query), "parameter")+" "+listSome(r.Query, maxScriptNames))
	}
	if r.DynamicQuery {
		parts = append(parts, "rewrites the query")
	}
	for _, c := range []struct {
		on   bool
		text string
	}{{r.URL, "changes the URL"}, {r.Method, "changes the method"}, {r.Body, "changes the body"}, {r.Auth, "changes the auth"}} {
		if c.on {
			parts = append(parts, c.text)
		}
	}
	if len(r.Signing) > 0 {
		parts = append(parts, cryptoVerb(r.Signing)+" "+listSome(r.Signing, maxScriptNames))
	}
	if r.SendRequests > 0 {
		parts = append(parts, "sends "+plural(r.SendRequests, "request")+" of its own (pm.sendRequest)")
	}
	if len(r.Packages) > 0 {
		parts = append(parts, "loads "+pluralWord(len(r.Packages), "package")+" "+listSome(r.Packages, maxScriptNames))
	}
	if r.NextRequest {
		parts = append(parts, "changes which request runs next")
	}
	if len(r.Reads) > 0 && s.event.Listen == "prerequest" {
		parts = append(parts, "reads "+varList(r.Reads, false))
	}
	if r.Tests > 0 {
		parts = append(parts, "checks the response ("+plural(r.Tests, "test")+")")
	}
	if r.Eval {
		// Last: what it evaluates may do anything.
		parts = append(parts, "evaluates code it builds at run time (eval), which postgen cannot see")
	}
	if len(parts) == 0 {
		if s.event.Listen == "test" {
			return "checks or logs the response"
		}
		return "changes nothing postgen can see in its source"
	}
	return andList(parts)
}

// advice says what to do instead of the script.
func (s *script) advice() string {
	r := &s.report
	switch {
	case len(r.Signing) > 0 || len(r.Headers) > 0 || r.DynamicHeaders || len(r.RemovedHeaders) > 0 || len(r.Query) > 0 || r.DynamicQuery || r.URL || r.Body || r.Method || r.Auth:
		return "set those values yourself (WithVariable) or sign in a request hook"
	case s.event.Listen == "test" && (len(r.Sets) > 0 || r.DynamicSets || len(r.Unsets) > 0):
		return "read those values from the response yourself and pass them to later calls (WithVariable)"
	case len(r.Sets) > 0 || r.DynamicSets || len(r.Unsets) > 0 || r.SendRequests > 0 || r.Eval:
		return "set those variables yourself with WithVariable, or compute them in a request hook"
	case s.event.Listen == "test":
		return "check responses in your own code"
	}
	return "do what it does in a request hook if your requests need it"
}

// scriptsSign reports whether a pre-request script of the collection
// signs its requests, so the package doc shows the request-hook recipe.
func (p *plan) scriptsSign() bool {
	if p.scripts == nil {
		return false
	}
	for _, s := range p.scripts.all {
		if s.event.Listen == "prerequest" && len(s.report.Signing) > 0 && cryptoVerb(s.report.Signing) == "signs with" {
			return true
		}
	}
	return false
}

// cryptoVerb is what a script does with the algorithms it calls: signs
// when one of them signs (HMAC, a signature), hashes when all of them
// hash, else computes.
func cryptoVerb(algos []string) string {
	hashes := true
	for _, a := range algos {
		if strings.HasPrefix(a, "HMAC") || strings.Contains(a, "signature") || a == "JWS" {
			return "signs with"
		}
		hashes = hashes && (strings.HasPrefix(a, "SHA") || strings.HasPrefix(a, "MD5") || strings.HasPrefix(a, "RIPEMD") || a == "a hash")
	}
	if hashes {
		return "hashes with"
	}
	return "computes"
}

// varList lists variables as {{name}}, the first few only; more says
// that the script sets others whose names it computes.
func varList(vars []scriptscan.Var, more bool) string {
	var names []string
	for _, v := range vars {
		names = append(names, "{{"+v.Name+"}}")
	}
	if more {
		names = append(names, "others")
	}
	return listSome(names, maxScriptNames)
}

// listSome joins the first n words with "and", saying how many more
// there are.
func listSome(words []string, n int) string {
	if len(words) > n {
		return strings.Join(words[:n], ", ") + " and " + fmt.Sprintf("%d more", len(words)-n)
	}
	return andList(words)
}

// pluralWord is word, with an s when n is not 1.
func pluralWord(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}

// scriptDoc is the paragraph of a method's doc about the scripts its
// request runs under, empty when there are none.
//
//	The collection runs a pre-request script before this request
//	(event[0]): it sets {{timestamp}} and computes HMAC-SHA256. The SDK
//	does not run it: set those values yourself (WithVariable) or sign in
//	a request hook.
func (p *plan) scriptDoc(m *method) []string {
	if p.scripts == nil {
		return nil
	}
	list := p.scripts.of[m.req]
	if len(list) == 0 {
		return nil
	}
	var b strings.Builder
	for _, s := range list {
		when := "before this request"
		if s.event.Listen == "test" {
			when = "after the response"
		}
		switch s.level {
		case "request":
			fmt.Fprintf(&b, "The request's own %s runs %s", s.kind(), when)
		case "folder":
			fmt.Fprintf(&b, "The %s runs a %s %s", s.owner, s.kind(), when)
		default:
			fmt.Fprintf(&b, "The collection runs a %s %s", s.kind(), when)
		}
		fmt.Fprintf(&b, " (%s): it %s. ", s.event.Path, s.effects())
	}
	// The advice of the script that matters most: signing and request
	// changes, then variables set before the request, then after it.
	advice, rank := "", -1
	for _, s := range list {
		a := s.advice()
		r := 0
		switch {
		case strings.HasPrefix(a, "set those values"):
			r = 3
		case strings.HasPrefix(a, "set those variables"):
			r = 2
		case strings.HasPrefix(a, "read those values"):
			r = 1
		}
		if r > rank {
			advice, rank = a, r
		}
	}
	it := "it"
	if len(list) > 1 {
		it = "them"
	}
	if p.scripts.option == "" {
		fmt.Fprintf(&b, "The SDK does not run %s: %s.", it, advice)
	} else {
		fmt.Fprintf(&b, "Without %s() the SDK does not run %s: %s.", p.scripts.option, it, advice)
	}
	return sentence("%s", b.String())
}

// scriptArgsDoc says which path arguments of m the scripts can supply:
// under WithScripts an empty {{variable}} argument takes the value a
// script set (sdk/scripts.go), as newman's next request would.
//
//	With WithScripts(), an empty jobID takes the {{jobId}} the test
//	script of request "Create job" (item[2].item[0].event[0]) set.
func (p *plan) scriptArgsDoc(m *method) []string {
	if p.scripts == nil || p.scripts.option == "" {
		return nil
	}
	var parts []string
	for _, a := range m.pathArgs {
		if s := p.scriptSetting(a.varName); a.variable && s != nil {
			parts = append(parts, fmt.Sprintf("With %s(), an empty %s takes the {{%s}} the %s of %s (%s) set.", p.scripts.option, a.goName, a.varName, s.kind(), s.owner, s.event.Path))
		}
	}
	if len(parts) == 0 {
		return nil
	}
	return sentence("%s", strings.Join(parts, " "))
}

// scriptSetting returns the first script that sets variable name, nil
// when none does.
func (p *plan) scriptSetting(name string) *script {
	if p.scripts == nil {
		return nil
	}
	return p.scripts.setBy[name]
}

// scriptedVariables splits the variables the user must set into those no
// script sets and those scripts set at run time.
func (p *plan) scriptedVariables(vars []string) (plain, scripted []string) {
	for _, v := range vars {
		if p.scriptSetting(v) != nil {
			scripted = append(scripted, v)
		} else {
			plain = append(plain, v)
		}
	}
	return plain, scripted
}

// scriptsPackageDoc is the package doc's paragraph about scripts: how
// many the SDK does not run, and the variables they set that the
// requests use.
func (p *plan) scriptsPackageDoc(scripted []string) string {
	if p.scripts == nil || len(p.scripts.all) == 0 {
		return ""
	}
	pre := 0
	for _, s := range p.scripts.all {
		if s.event.Listen == "prerequest" {
			pre++
		}
	}
	text := fmt.Sprintf("The collection has %s and %s, which the SDK does not run unless the client has [%s] (which runs them as newman does); the doc of each method says what the scripts of its request do.", plural(pre, "pre-request script"), plural(len(p.scripts.all)-pre, "test script"), p.scripts.option)
	if len(scripted) > 0 {
		text += fmt.Sprintf(" The requests use variables that scripts set at run time: set them with [WithVariable] or compute them in a request hook: %s.", quoteList(scripted))
	}
	return text
}

// inStringLiterals keeps the spans that lie inside one JavaScript string
// literal of src: a credential is a literal ('sk_live_…', "password":
// "…" inside a JSON string), never code (const signature = CryptoJS…),
// and a literal's text can be put back from a variable at run time.
func inStringLiterals(src string, spans []secrets.Span) []secrets.Span {
	type lit struct{ start, end int }
	var lits []lit
	for i := 0; i < len(src); i++ {
		switch c := src[i]; {
		case c == '/' && i+1 < len(src) && src[i+1] == '/':
			for i < len(src) && src[i] != '\n' {
				i++
			}
		case c == '/' && i+1 < len(src) && src[i+1] == '*':
			j := strings.Index(src[i+2:], "*/")
			if j < 0 {
				i = len(src)
			} else {
				i += j + 3
			}
		case c == '\'' || c == '"' || c == '`':
			start := i + 1
			for i++; i < len(src) && src[i] != c; i++ {
				if src[i] == '\\' {
					i++
				}
			}
			lits = append(lits, lit{start, i})
		}
	}
	var out []secrets.Span
	for _, sp := range spans {
		if !scriptCredential(src[sp.Start:sp.End]) {
			continue
		}
		for _, l := range lits {
			if sp.Start >= l.start && sp.End <= l.end {
				out = append(out, sp)
				break
			}
		}
	}
	return out
}

// scriptCredential reports whether a value a script gives under a
// credential name is one: scripts name constants so too
// (oauth_signature_method: "HMAC-SHA1"), so it must look like a key or a
// token: by its shape, or 16 bytes or more of one word with digits or
// mixed case.
func scriptCredential(v string) bool {
	if isSecretValue(v) || len(secrets.Tokens(v)) > 0 {
		return true
	}
	if len(v) < 16 || strings.ContainsAny(v, " \t\n") {
		return false
	}
	return secrets.DigitOrMixedCase(v)
}
