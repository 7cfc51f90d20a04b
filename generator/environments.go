package generator

import (
	"fmt"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/postgen/postgen/model"
)

// This file applies Postman environments and the configured base URL.
// The first environment supplies variable defaults the way Postman's
// environment scope does (over the collection's values), through the same
// credential rules as the collection's own values; several environments
// that differ only in the base URL's host become named constants
// (BaseURLProduction, BaseURLStaging) a user passes to WithBaseURL.

// envURL is one named base URL constant: of an environment, or of a
// collection variable that holds an alternative base URL (variable).
type envURL struct {
	name, env, url string
	variable       string
}

// lookupVariable is the variable Postman would use for name: the first
// environment's enabled value, else the collection's.
func (t *varTable) lookupVariable(name string) (model.Variable, bool) {
	if t.env != nil {
		if v, ok := t.env.Lookup(name); ok {
			return v, true
		}
	}
	return t.coll.LookupVariable(name)
}

// planBaseURLs applies cfg.BaseURL, plans the BaseURL constants (of the
// environments, else of the collection's alternative base URLs), and says
// how to set a base URL the collection does not define.
func (p *plan) planBaseURLs() {
	if p.cfg.BaseURL != "" && len(p.origins) > 0 {
		p.origins[0] = strings.TrimRight(p.cfg.BaseURL, "/")
	}
	p.planEnvironmentURLs()
	if len(p.envURLs) == 0 {
		p.planAlternativeURLs()
	}
	p.reportUndefinedBase()
}

// baseURLPlaceholder is the base URL quick starts and examples pass when
// the collection gives none, marked as one to replace.
const baseURLPlaceholder = "https://api.example.com"

// baseURLOption is the client option quick starts and examples pass so
// that their calls have somewhere to go: "" when the collection gives a
// usable base URL, else WithBaseURL with the first BaseURL constant, or
// with a placeholder (mark, a comment to end the line with, says so).
// qual goes before the SDK's names ("bookings.").
func (p *plan) baseURLOption(qual string) (opt, mark string) {
	if _, ok := p.defaultBaseURL(); ok || p.stats().Methods == 0 {
		return "", ""
	}
	if len(p.envURLs) > 0 {
		return qual + "WithBaseURL(" + qual + p.envURLs[0].name + ")", ""
	}
	return qual + "WithBaseURL(" + strconv.Quote(baseURLPlaceholder) + ")", " // placeholder: the collection gives no base URL; use your API's"
}

// noBaseURLDoc says how to give the client a base URL when the
// collection gives none it can use; code formats a Go name for the
// document ("[WithBaseURL]" in doc.go, "`WithBaseURL`" in README.md).
func (p *plan) noBaseURLDoc(code func(string) string) string {
	if len(p.envURLs) == 0 {
		return "The collection gives no base URL the SDK can use: pass " + code("WithBaseURL") + " to " + code("NewClient") + "."
	}
	consts := make([]string, len(p.envURLs))
	for i, e := range p.envURLs {
		consts[i] = code(e.name)
	}
	return "The collection gives no default base URL: pass " + code("WithBaseURL") + " to " + code("NewClient") + " with one of " + strings.Join(consts, ", ") + "."
}

// isBaseURLVariable reports whether name is a variable of the base URL,
// which WithBaseURL (or postgen.yaml's baseURL) replaces.
func (p *plan) isBaseURLVariable(name string) bool {
	if len(p.origins) == 0 {
		return false
	}
	for _, r := range refs(p.origins[0]) {
		if r == name {
			return true
		}
	}
	return false
}

// reportUndefinedBase says, once, how to set a base URL whose variables
// nothing defines; nothing when postgen.yaml gives the base URL.
//
//	warning[undefined-base-url]: item[0].request.url.host: the base URL {{url}} uses "url", which ...
func (p *plan) reportUndefinedBase() {
	if len(p.undefinedBase) == 0 || p.cfg.BaseURL != "" {
		return
	}
	sort.Strings(p.undefinedBase)
	quoted := make([]string, len(p.undefinedBase))
	for i, n := range p.undefinedBase {
		quoted[i] = strconv.Quote(n)
	}
	path := p.vars.used[p.undefinedBase[0]]
	what := fmt.Sprintf("the base URL %s uses %s, which the collection does not define", p.origins[0], strings.Join(quoted, " and "))
	if len(p.envURLs) > 0 {
		consts := make([]string, len(p.envURLs))
		for i, e := range p.envURLs {
			consts[i] = e.name
		}
		p.warn(model.CodeBaseURLChoice, path, "%s: SDK users choose one with WithBaseURL(%s), or set baseURL in postgen.yaml to make it the default", what, strings.Join(consts, " | "))
		return
	}
	p.warn(model.CodeUndefinedBaseURL, path, "%s: set baseURL in postgen.yaml to give the SDK a default, or SDK users must pass WithBaseURL(...) to NewClient", what)
}

// envWords are the words that name a deployment of an API, which a
// variable holding an alternative base URL is named after (prod_url,
// sandboxBaseUrl, testnet_url).
var envWords = map[string]bool{
	"prod": true, "production": true, "live": true, "sandbox": true, "staging": true, "stage": true, "stg": true,
	"test": true, "testnet": true, "testing": true, "demo": true, "dev": true, "development": true, "qa": true,
	"uat": true, "local": true, "localhost": true, "preprod": true, "beta": true, "alpha": true, "mainnet": true,
	"integration": true, "mock": true, "sit": true,
}

// urlSuffix matches the end of a variable name that says it holds a URL.
var urlSuffix = regexp.MustCompile(`(?i)[_.\-]?(base[_\-]?url|base[_\-]?uri|url|uri|host|origin|server|endpoint|domain|base)$`)

// planAlternativeURLs makes BaseURL<Name> constants of the collection's
// variables that hold alternative base URLs: variables no request uses,
// whose value is an absolute http(s) URL and whose name is a deployment's
// (prod_url, testnet_url, sandboxBaseUrl; the base URL's own variable name
// with a deployment word, or a deployment word and URL, host or origin).
func (p *plan) planAlternativeURLs() {
	if len(p.origins) == 0 {
		return
	}
	baseVar := ""
	if r := refs(p.origins[0]); len(r) == 1 && "{{"+r[0]+"}}" == p.origins[0] {
		baseVar = r[0]
	}
	seen := map[string]bool{}
	for _, v := range p.coll.Variables {
		if v.Disabled || v.KeyFromID || seen[v.Key] || v.Key == baseVar {
			continue
		}
		seen[v.Key] = true
		if _, used := p.vars.used[v.Key]; used {
			continue
		}
		label := deploymentLabel(v.Key, baseVar)
		if label == "" {
			continue
		}
		text, ok := renderVariable(v)
		if !ok || v.Type == "secret" || isSecretName(v.Key) || isSecretValue(text) || strings.Contains(text, "{{") {
			continue
		}
		u, err := url.Parse(strings.TrimSpace(text))
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.User != nil {
			continue
		}
		name := p.namer.Exported(label)
		if name == "" {
			continue
		}
		p.envURLs = append(p.envURLs, envURL{name: p.pkgScope.Claim("BaseURL" + name), variable: v.Key, url: strings.TrimRight(u.String(), "/")})
	}
}

// deploymentLabel is the deployment a variable named key holds the base
// URL of ("prod" for prod_url, "sandbox" for sandboxBaseUrl when the base
// URL is {{baseUrl}}), "" when its name is not a deployment's.
func deploymentLabel(key, baseVar string) string {
	rest := ""
	if lk, lb := strings.ToLower(key), strings.ToLower(baseVar); lb != "" && strings.Contains(lk, lb) {
		i := strings.Index(lk, lb)
		rest = key[:i] + " " + key[i+len(lb):]
	} else if loc := urlSuffix.FindStringIndex(key); loc != nil {
		rest = key[:loc[0]]
	}
	ws := words(rest)
	if len(ws) == 0 {
		return ""
	}
	for _, w := range ws {
		if !envWords[w] {
			return ""
		}
	}
	return strings.Join(ws, " ")
}

// planEnvironmentURLs plans the environments' constants.
func (p *plan) planEnvironmentURLs() {
	envs := p.cfg.Environments
	if len(envs) < 2 || len(p.origins) == 0 || p.origins[0] == "" {
		return
	}
	base := p.origins[0]
	feeds := p.baseURLVariables(base)
	first := envs[0]
	// Other variables must agree, or a base URL alone would not select
	// an environment.
	for _, env := range envs[1:] {
		for name := range p.vars.used {
			if feeds[name] || p.vars.secret[name] {
				continue
			}
			a, aok := p.envValue(first, name)
			b, bok := p.envValue(env, name)
			if a != b || aok != bok {
				p.warn(model.CodeNoBaseURLConstants, "", "environments %q and %q differ in {{%s}}, not only in the base URL's host, so postgen makes no BaseURL constants for them; %q supplies the defaults and other values are set with WithVariable", first.Name, env.Name, name, first.Name)
				return
			}
		}
	}
	urls := make([]string, len(envs))
	for i, env := range envs {
		u, ok := p.resolveIn(env, base)
		if !ok {
			p.warn(model.CodeNoBaseURLConstants, "", "the base URL %s cannot be resolved in environment %q (a variable is missing or secret), so postgen makes no BaseURL constants", base, env.Name)
			return
		}
		urls[i] = u
	}
	ref, _ := url.Parse(urls[0])
	distinct := false
	for _, u := range urls[1:] {
		pu, _ := url.Parse(u)
		if pu.Scheme != ref.Scheme || pu.Path != ref.Path || pu.RawQuery != ref.RawQuery {
			p.warn(model.CodeNoBaseURLConstants, "", "the environments' base URLs %s and %s differ in more than the host, so postgen makes no BaseURL constants", urls[0], u)
			return
		}
		distinct = distinct || pu.Host != ref.Host
	}
	if !distinct {
		return
	}
	for i, env := range envs {
		name := p.namer.Exported(env.Name)
		if name == "" {
			name = "Environment"
		}
		p.envURLs = append(p.envURLs, envURL{name: p.pkgScope.Claim("BaseURL" + name), env: env.Name, url: urls[i]})
	}
}

// baseURLVariables are the variables the base URL template refers to,
// directly or through the values of other variables, in any environment.
func (p *plan) baseURLVariables(base string) map[string]bool {
	out := map[string]bool{}
	queue := refs(base)
	for len(queue) > 0 {
		name := queue[0]
		queue = queue[1:]
		if out[name] {
			continue
		}
		out[name] = true
		for _, env := range p.cfg.Environments {
			if v, ok := p.envValue(env, name); ok {
				queue = append(queue, refs(v)...)
			}
		}
	}
	return out
}

// envValue is the value of name in env, falling back on the collection.
func (p *plan) envValue(env *model.Environment, name string) (string, bool) {
	v, ok := env.Lookup(name)
	if !ok {
		v, ok = p.coll.LookupVariable(name)
	}
	if !ok {
		return "", false
	}
	return renderVariable(v)
}

// resolveIn resolves s with env's values (and the collection's), as
// Postman would in that environment; credentials are never resolved, so
// a base URL that needs one is not a constant.
func (p *plan) resolveIn(env *model.Environment, s string) (string, bool) {
	for i := 0; i < 19 && strings.Contains(s, "{{"); i++ {
		resolved := varRef.ReplaceAllStringFunc(s, func(ref string) string {
			name := ref[2 : len(ref)-2]
			v, ok := env.Lookup(name)
			if !ok {
				v, ok = p.coll.LookupVariable(name)
			}
			text, rendered := renderVariable(v)
			if !ok || !rendered || p.vars.secret[name] || v.Type == "secret" || isSecretName(name) || isSecretValue(text) {
				return ref
			}
			return text
		})
		if resolved == s {
			break
		}
		s = resolved
	}
	if strings.Contains(s, "{{") {
		return "", false
	}
	u, err := url.Parse(s)
	if err != nil || u.Scheme == "" || u.Host == "" {
		return "", false
	}
	return strings.TrimRight(s, "/"), true
}

// emitConfigured writes what configuration adds to client.go: the
// environments' base URLs and the variables' option functions.
//
//	const (
//		// BaseURLProduction is the base URL of the "Production" environment.
//		BaseURLProduction = "https://api.example.com"
//	)
//	// WithTenant sets the variable {{tenant}} ...
//	func WithTenant(tenant string) Option { return WithVariable("tenant", tenant) }
func (p *plan) emitConfigured(f *jen.File) {
	if len(p.envURLs) > 0 {
		if p.envURLs[0].variable != "" {
			f.Comment("Base URLs the collection gives for the API's deployments; pass one to WithBaseURL.")
		} else {
			f.Comment("Base URLs of the API's Postman environments; pass one to WithBaseURL.")
		}
		defs := make([]jen.Code, 0, 2*len(p.envURLs))
		for _, e := range p.envURLs {
			doc := fmt.Sprintf("%s is the base URL of the %q environment.", e.name, oneLine(e.env))
			if e.variable != "" {
				doc = fmt.Sprintf("%s is the base URL the collection variable {{%s}} holds.", e.name, oneLine(e.variable))
			}
			defs = append(defs, jen.Add(comment(doc)...))
			defs = append(defs, jen.Id(e.name).Op("=").Lit(e.url))
		}
		f.Const().Defs(defs...)
		f.Line()
	}
	for _, o := range p.options {
		arg := p.namer.Unexported(o.Variable)
		if arg == "" || arg == "c" {
			arg = "value"
		}
		lines := []string{fmt.Sprintf("%s sets the collection variable {{%s}}, as WithVariable(%q, %s) does.", o.Func, oneLine(o.Variable), o.Variable, arg)}
		if def, ok := p.vars.defaults[o.Variable]; ok {
			lines = append(lines, fmt.Sprintf("Without it, requests use %q.", shorten(oneLine(def), 60)))
		} else {
			lines = append(lines, "The collection gives it no value that postgen may copy, so requests that use it fail with a *VariableError until it is set.")
		}
		var desc []string
		if v, ok := p.coll.LookupVariable(o.Variable); ok {
			desc = docLines(v.Description.Content)
		}
		f.Add(comment(paragraphs(lines, desc)...)...)
		f.Func().Id(o.Func).Params(jen.Id(arg).String()).Id("Option").Block(
			jen.Return(jen.Id("WithVariable").Call(jen.Lit(o.Variable), jen.Id(arg))),
		)
		f.Line()
	}
}
