package generator

import (
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/postgen/postgen/generator/godoc"
)

// emitClient writes client.go: the Client type, NewClient, the collection
// defaults and the methods of top-level requests.
//
//	type Client struct {
//		rt       *sdk.Core
//		Bookings *BookingsService
//	}
//	func NewClient(opts ...Option) (*Client, error)
func (p *plan) emitClient() *jen.File {
	f := p.newFile()
	f.Add(comment(sentence("Client is a client for %s. Create one with NewClient; it is safe for concurrent use.", p.apiName())...)...)
	f.Type().Id("Client").Struct(p.serviceFields(p.client)...)
	f.Line()

	if base, ok := p.defaultBaseURL(); ok {
		f.Add(comment("DefaultBaseURL is the base URL the collection gives; WithBaseURL changes it.")...)
		f.Const().Id("DefaultBaseURL").Op("=").Lit(base)
		f.Line()
	}
	p.emitConfigured(f)

	f.Add(comment(sentence("sdkDefaults is what the collection says about the client: its origins and the values of the variables its requests use (credentials excluded).")...)...)
	vars := jen.Dict{}
	for _, kv := range p.vars.sortedDefaults() {
		vars[jen.Lit(kv[0])] = jen.Lit(kv[1])
	}
	origins := make([]jen.Code, len(p.origins))
	for i, o := range p.origins {
		origins[i] = jen.Lit(o)
	}
	defaults := []jen.Code{
		jen.Id("Origins").Op(":").Index().String().Values(origins...),
		jen.Id("UserAgent").Op(":").Lit("postgen-" + p.cfg.Package),
	}
	if len(vars) > 0 {
		defaults = append(defaults, jen.Id("Variables").Op(":").Map(jen.String()).String().Values(vars))
	}
	if secrets := p.vars.secretNames(); len(secrets) > 0 {
		names := make([]jen.Code, len(secrets))
		for i, s := range secrets {
			names[i] = jen.Lit(s)
		}
		defaults = append(defaults, jen.Id("Secrets").Op(":").Index().String().Values(names...))
	}
	f.Var().Id("sdkDefaults").Op("=").Add(sdkName("Defaults")).Add(multiline(defaults...))
	f.Line()

	f.Add(comment(sentence("NewClient returns a client configured by opts, or the first error an option reports.")...)...)
	f.Func().Id("NewClient").Params(jen.Id("opts").Op("...").Id("Option")).Params(jen.Op("*").Id("Client"), jen.Error()).Block(
		jen.List(jen.Id("rt"), jen.Err()).Op(":=").Add(sdkName("NewCore")).Call(jen.Op("&").Id("sdkDefaults"), jen.Id("opts")),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
		jen.Return(jen.Op("&").Id("Client").Add(multiline(p.serviceValues(p.client)...)), jen.Nil()),
	)
	return f
}

// clientFile renders client.go: the Client declarations through Jennifer,
// then the methods of top-level requests as text (see goText), with the
// imports of both.
func (p *plan) clientFile() (File, error) {
	top, err := render("client.go", p.emitClient())
	if err != nil || len(p.client.methods) == 0 {
		return top, err
	}
	var w goText
	for _, m := range p.client.methods {
		w.WriteByte('\n')
		p.writeMethod(&w, m)
	}
	data, err := appendDecls(top.Data, w.imports, w.Bytes())
	return File{Name: "client.go", Data: data}, err
}

// apiName is "the Bookings API" (or "the NEON APIs": a name that says
// API already gets no second one) for doc comments.
func (p *plan) apiName() string {
	n := oneLine(p.coll.Name)
	if n == "" {
		return "the API"
	}
	last := strings.ToLower(n[strings.LastIndexByte(n, ' ')+1:])
	if last == "api" || last == "apis" {
		return "the " + n
	}
	return "the " + n + " API"
}

// defaultBaseURL resolves the base URL origin with the collection's
// defaults, when it can be resolved completely.
func (p *plan) defaultBaseURL() (string, bool) {
	if len(p.origins) == 0 || p.origins[0] == "" {
		return "", false
	}
	s := p.resolveDefaults(p.origins[0])
	if strings.Contains(s, "{{") || !strings.Contains(s, "://") {
		return "", false
	}
	return strings.TrimRight(s, "/"), true
}

// resolveDefaults replaces the variables of s that have a default, as the
// runtime would with no options (up to Postman's 19 passes).
func (p *plan) resolveDefaults(s string) string {
	for i := 0; i < 19 && strings.Contains(s, "{{"); i++ {
		resolved := varRef.ReplaceAllStringFunc(s, func(ref string) string {
			if v, ok := p.vars.defaults[ref[2:len(ref)-2]]; ok {
				return v
			}
			return ref
		})
		if resolved == s {
			break
		}
		s = resolved
	}
	return s
}

// serviceFields lists the fields of a service (or Client) struct: the
// runtime handle, then one field per sub-service.
func (p *plan) serviceFields(s *service) []jen.Code {
	fields := []jen.Code{jen.Id("rt").Op("*").Add(sdkName("Core"))}
	for i, sub := range s.subs {
		if i == 0 {
			fields = append(fields, jen.Line())
		}
		fields = append(fields, comment(godoc.Wrap(serviceSummary(sub))...)...)
		fields = append(fields, jen.Id(sub.fieldName).Op("*").Id(sub.typeName))
	}
	return fields
}

// serviceSummary is the one-line doc of a service field.
func serviceSummary(s *service) string {
	line := fmt.Sprintf("%s holds the requests of the %q folder.", s.fieldName, oneLine(s.folder.Name))
	if d := summary(s.folder.Description); d != "" && len(d) < 100 {
		line = fmt.Sprintf("%s holds the requests of the %q folder: %s", s.fieldName, oneLine(s.folder.Name), d)
	}
	return line
}

// serviceValues builds the composite literal values that wire a service's
// sub-services to the runtime.
func (p *plan) serviceValues(s *service) []jen.Code {
	vals := []jen.Code{jen.Id("rt").Op(":").Id("rt")}
	for _, sub := range s.subs {
		vals = append(vals, jen.Id(sub.fieldName).Op(":").Op("&").Id(sub.typeName).Add(multiline(p.serviceValues(sub)...)))
	}
	return vals
}

// multiline renders a composite literal's braces and elements, one
// element per line when there are several, in the order given (Jennifer's
// Dict would sort them).
func multiline(elems ...jen.Code) *jen.Statement {
	if len(elems) < 2 {
		return jen.Values(elems...)
	}
	return jen.Custom(jen.Options{Open: "{", Close: "}", Separator: ",", Multi: true}, elems...)
}
