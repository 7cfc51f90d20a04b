package generator

import (
	"sort"
	"strings"

	"github.com/dave/jennifer/jen"
	"github.com/postgen/postgen/internal/secrets"
)

const sdkScriptPath = sdkPath + "/sdkscript"

// emitScripts is the file of an SDK whose collection has scripts: the
// opt-in option that runs them (package sdkscript, which SDKs without
// scripts never import) and the table of their sources by operation.
//
//	func WithScripts() Option { return WithScriptOptions(sdkscript.Options{}) }
//	func WithScriptOptions(opts sdkscript.Options) Option {
//		return sdkscript.Install(&collectionScripts, opts)
//	}
//	var collectionScripts = sdkscript.Collection{
//		Scripts: []sdkscript.Script{{Path: "event[0]", Source: "..."}},
//		Pre:     map[string][]int{"Orders.New": {0}},
//		...
//	}
func (p *plan) emitScripts() *jen.File {
	t := p.scripts
	f := p.newFile()
	f.ImportName(sdkScriptPath, "sdkscript")
	opts := jen.Qual(sdkScriptPath, "Options")
	f.Add(comment(sentence("%s makes the client run the collection's pre-request and test scripts around each call, as newman runs them: the collection's, then the folders', then the request's pre-request scripts before the request is sent (they may set variables and change the request's URL, headers, body and method), and the test scripts after the response. Variables the scripts set in the environment or collection variables last for the client's later calls, as in a newman run (a login's test script stores a token the next calls send). Scripts run in a sandbox with a time limit, with no file system or network access but pm.sendRequest, which goes through the client's HTTP client. Without it the SDK runs no script.", t.option)...)...)
	f.Func().Id(t.option).Params().Id("Option").Block(jen.Return(jen.Id(t.optionsFunc).Call(opts.Clone().Values())))
	f.Line()
	f.Add(comment(sentence("%s is %s with options of the script runtime: a logger for the scripts' console output, a time limit, or a fixed clock and random source.", t.optionsFunc, t.option)...)...)
	f.Func().Id(t.optionsFunc).Params(jen.Id("opts").Add(opts.Clone())).Id("Option").Block(
		jen.Return(jen.Qual(sdkScriptPath, "Install").Call(jen.Op("&").Id(t.tableVar), jen.Id("opts"))))
	f.Line()

	var scripts []jen.Code
	var scrubbed []string
	seen := map[string]bool{}
	for _, s := range t.all {
		scripts = append(scripts, jen.Values(jen.Dict{jen.Id("Path"): jen.Lit(s.event.Path), jen.Id("Source"): jen.Lit(s.source)}))
		for _, n := range s.scrubbed {
			if !seen[n] {
				seen[n] = true
				scrubbed = append(scrubbed, n)
			}
		}
	}
	sort.Strings(scrubbed)
	pre, test, names := jen.Dict{}, jen.Dict{}, jen.Dict{}
	for _, m := range p.allMethods() {
		var pi, ti []jen.Code
		for _, s := range t.of[m.req] {
			if s.event.Listen == "prerequest" {
				pi = append(pi, jen.Lit(s.index))
			} else {
				ti = append(ti, jen.Lit(s.index))
			}
		}
		if len(pi) > 0 {
			pre[jen.Lit(m.op.name)] = jen.Values(pi...)
		}
		if len(ti) > 0 {
			test[jen.Lit(m.op.name)] = jen.Values(ti...)
		}
		if len(pi)+len(ti) > 0 {
			names[jen.Lit(m.op.name)] = jen.Lit(m.req.Name)
		}
	}
	d := jen.Dict{
		jen.Id("Scripts"):  jen.Index().Qual(sdkScriptPath, "Script").Values(scripts...),
		jen.Id("Pre"):      jen.Map(jen.String()).Index().Int().Values(pre),
		jen.Id("Test"):     jen.Map(jen.String()).Index().Int().Values(test),
		jen.Id("Requests"): jen.Map(jen.String()).String().Values(names),
	}
	if vars := p.scriptVariables(); len(vars) > 0 {
		d[jen.Id("Variables")] = jen.Map(jen.String()).String().Values(vars)
	}
	if len(scrubbed) > 0 {
		var lits []jen.Code
		for _, n := range scrubbed {
			lits = append(lits, jen.Lit(n))
		}
		d[jen.Id("Scrubbed")] = jen.Index().String().Values(lits...)
	}
	f.Add(comment(sentence("%s are the collection's scripts and the operations they govern, in the order newman runs them. Literal credentials are not in them: {{variables}} set with WithVariable stand for them.", t.tableVar)...)...)
	f.Var().Id(t.tableVar).Op("=").Qual(sdkScriptPath, "Collection").Values(d)
	return f
}

// allMethods lists the client's methods, then each service's, in plan
// order.
func (p *plan) allMethods() []*method {
	out := append([]*method(nil), p.client.methods...)
	for _, s := range p.services {
		out = append(out, s.methods...)
	}
	return out
}

// scriptVariables are the collection variables the client's defaults
// lack (no request refers to them, but a script may read them, as
// binance-spot's reads {{prod_url}} by a computed name), but for those
// that hold credentials, which are never written into code.
func (p *plan) scriptVariables() jen.Dict {
	d := jen.Dict{}
	auth := p.authVariables()
	for _, v := range p.coll.Variables {
		if p.vars.secret[v.Key] || auth[v.Key] {
			continue // a credential: the SDK user sets it
		}
		text, ok := renderVariable(v)
		if !ok || v.Disabled || v.KeyFromID || v.Type == "secret" || v.Key == "" || isSecretName(v.Key) {
			continue
		}
		if isCode(text) {
			// Code a script evals (paypal's helpers): credentials would
			// be in its string literals, its identifiers are not.
			if len(inStringLiterals(text, secrets.InText(text, false))) > 0 {
				continue
			}
		} else if isSecretValue(text) || len(secrets.InText(text, false)) > 0 {
			continue
		}
		if _, ok := p.vars.defaults[v.Key]; ok {
			continue
		}
		d[jen.Lit(v.Key)] = jen.Lit(text)
	}
	return d
}

// isCode reports whether a variable's value looks like JavaScript that
// scripts eval.
func isCode(s string) bool {
	return strings.Contains(s, ";") && (strings.Contains(s, "function") || strings.Contains(s, "=>"))
}
