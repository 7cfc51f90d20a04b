package generator

import (
	"fmt"
	"net/url"
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

// envURL is one named base URL constant.
type envURL struct {
	name, env, url string
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

// planBaseURLs applies cfg.BaseURL and plans the environments' constants.
func (p *plan) planBaseURLs() {
	if p.cfg.BaseURL != "" && len(p.origins) > 0 {
		p.origins[0] = strings.TrimRight(p.cfg.BaseURL, "/")
	}
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
				p.warn("", "environments %q and %q differ in {{%s}}, not only in the base URL's host, so postgen makes no BaseURL constants for them; %q supplies the defaults and other values are set with WithVariable", first.Name, env.Name, name, first.Name)
				return
			}
		}
	}
	urls := make([]string, len(envs))
	for i, env := range envs {
		u, ok := p.resolveIn(env, base)
		if !ok {
			p.warn("", "the base URL %s cannot be resolved in environment %q (a variable is missing or secret), so postgen makes no BaseURL constants", base, env.Name)
			return
		}
		urls[i] = u
	}
	ref, _ := url.Parse(urls[0])
	distinct := false
	for _, u := range urls[1:] {
		pu, _ := url.Parse(u)
		if pu.Scheme != ref.Scheme || pu.Path != ref.Path || pu.RawQuery != ref.RawQuery {
			p.warn("", "the environments' base URLs %s and %s differ in more than the host, so postgen makes no BaseURL constants", urls[0], u)
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
		f.Comment("Base URLs of the API's Postman environments; pass one to WithBaseURL.")
		defs := make([]jen.Code, 0, 2*len(p.envURLs))
		for _, e := range p.envURLs {
			defs = append(defs, jen.Add(comment(fmt.Sprintf("%s is the base URL of the %q environment.", e.name, oneLine(e.env)))...))
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
