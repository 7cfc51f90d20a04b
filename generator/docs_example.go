package generator

import (
	"fmt"
	"sort"
	"strings"

	"github.com/postgen/postgen/model"
)

// This file writes the Go snippets of the SDK's documentation (doc.go and
// README.md): a client with the collection's auth, and calls of real
// methods with the collection's own values. Tests compile every snippet
// against the SDK.

// exampleMethod picks the method the quick start calls: the first GET
// without a body on a folder's service, else the first GET, else the
// first method; nil when the SDK has none.
func (p *plan) exampleMethod() *method {
	var first, get, best *method
	p.forEachMethod(func(m *method) {
		if first == nil {
			first = m
		}
		if m.op.method == "GET" && m.body == nil {
			if get == nil {
				get = m
			}
			if best == nil && m.svc != p.client {
				best = m
			}
		}
	})
	switch {
	case best != nil:
		return best
	case get != nil:
		return get
	}
	return first
}

// serviceExample is the method a service's example calls: its first GET
// without a body, else its first method (sub-services searched too).
func serviceExample(s *service) *method {
	var first *method
	var walk func(*service) *method
	walk = func(s *service) *method {
		for _, m := range s.methods {
			if first == nil {
				first = m
			}
			if m.op.method == "GET" && m.body == nil {
				return m
			}
		}
		for _, sub := range s.subs {
			if m := walk(sub); m != nil {
				return m
			}
		}
		return nil
	}
	if m := walk(s); m != nil {
		return m
	}
	return first
}

// exampleCall is the statement that calls m on the client c with the
// values the Example function of m passes (planExample): the collection's
// path values, params and body, so that it sends the request Postman
// sends: `res, _, err := c.Bookings.Get(ctx, "42")`.
func (p *plan) exampleCall(m *method) string {
	qual := p.cfg.Package + "."
	ex := planExample(m, qual, nil)
	args := append([]string{"ctx"}, ex.argsText(qual)...)
	results := "res, _, err"
	if m.types != nil && m.types.result == resultNone {
		results = "res, err" // no body to return: res is the *Response
	}
	return fmt.Sprintf("%s := %s(%s)", results, p.methodExpr(m), strings.Join(args, ", "))
}

// quickPrint is the quick start's code that prints the result res of
// the call of m: the decoded value with its field names, the text of a
// text or binary body, a stream as it arrives, or the status when the
// response has no body.
func quickPrint(m *method) []string {
	kind := resultBytes
	if m.types != nil {
		kind = m.types.result
	}
	switch kind {
	case resultNone:
		return []string{"fmt.Println(res.StatusCode)"}
	case resultJSON:
		return []string{`fmt.Printf("%+v\n", res)`}
	case resultStream:
		return []string{"defer res.Close()", "if _, err := io.Copy(os.Stdout, res); err != nil {", "\tlog.Fatal(err)", "}"}
	case resultText:
		return []string{"fmt.Println(res)"}
	}
	return []string{"fmt.Println(string(res))"}
}

// methodExpr is how a user reaches m from a client c: "c.Bookings.Get".
func (p *plan) methodExpr(m *method) string {
	if m.svc == p.client {
		return "c." + m.name
	}
	return "c." + m.svc.fieldPath() + "." + m.name
}

// clientAuth is the auth the quick start sets up: the collection's, else
// the first one a request uses; nil when no request authenticates.
func (p *plan) clientAuth() *model.Auth {
	if a := p.coll.Auth; a != nil && a.Type != model.AuthNoAuth {
		return a
	}
	var found *model.Auth
	p.forEachMethod(func(m *method) {
		if found == nil && m.req.Auth != nil && m.req.Auth.Type != model.AuthNoAuth {
			found = m.req.Auth
		}
	})
	return found
}

// quickAuth is the auth the quick start sets up: that of the call it
// makes, else the collection's; nil when neither authenticates.
func (p *plan) quickAuth() *model.Auth {
	a := p.clientAuth()
	if m := p.exampleMethod(); m != nil && m.req.Auth != nil {
		a = m.req.Auth
	}
	if a == nil || a.Type == model.AuthNoAuth {
		return nil
	}
	return a
}

// newClientCall is the statement creating a client with the options the
// quick start needs: the auth option the runtime has for the auth it uses
// (its string parameters read from the environment), or none.
//
//	c, err := bookings.NewClient(bookings.WithBearerToken(os.Getenv("BOOKINGS_TOKEN")))
func (p *plan) newClientCall() string {
	var opts []string
	base, mark := p.baseURLOption(p.cfg.Package + ".")
	if base != "" {
		opts = append(opts, base)
	}
	if a := p.quickAuth(); a != nil && !p.usesAuthCodeFlow(a) {
		if opt := p.authOptionCall(a); opt != "" {
			opts = append(opts, opt)
		}
	}
	opts = append(opts, p.quickVariables()...)
	if len(opts) <= 2 {
		return fmt.Sprintf("c, err := %s.NewClient(%s)%s", p.cfg.Package, strings.Join(opts, ", "), mark)
	}
	// One option a line; the placeholder's mark after the base URL's.
	text := "c, err := " + p.cfg.Package + ".NewClient(\n"
	for i, o := range opts {
		text += "\t" + o + ","
		if i == 0 && base != "" {
			text += mark
		}
		text += "\n"
	}
	return text + ")"
}

// quickVariables are the WithVariable options of the quick start: for
// the variables the Example of its call sets (exampleVariables), but for
// those its auth option or OAuth2 flow stands in for (optionVariables),
// each read from the environment as the credentials are. The auth's other
// variables (an AWS region, a token URL) and those of an auth without an
// option (an implicit grant's client ID in the query) stay: the call
// needs them.
func (p *plan) quickVariables() []string {
	m := p.exampleMethod()
	if m == nil {
		return nil
	}
	optionVars := map[string]bool{}
	if a := p.quickAuth(); a != nil && (p.usesAuthCodeFlow(a) || p.authOptionCall(a) != "") {
		optionVars = optionVariables(a)
	}
	var out []string
	for _, v := range p.exampleVariables(m) {
		// A variable of the base URL WithBaseURL or postgen.yaml replaces.
		if !optionVars[v] && !contains(p.undefinedBase, v) {
			out = append(out, fmt.Sprintf("%s.WithVariable(%q, os.Getenv(%q))", p.cfg.Package, cleanText(v), p.envName(v)))
		}
	}
	return out
}

// optionVariables are the variables of auth a's credential parameters
// (accessKey, clientSecret, …), which its auth option sets instead.
func optionVariables(a *model.Auth) map[string]bool {
	credential := map[string]bool{}
	for _, f := range authTypes[a.Type].fields {
		if f.kind == secret {
			credential[f.key] = true
		}
	}
	out := map[string]bool{}
	for _, prm := range a.Params {
		if credential[prm.Key] {
			for _, r := range refs(prm.Value) {
				out[r] = true
			}
		}
	}
	return out
}

// baseURLArg is baseURLOption followed by ", ", or "".
func (p *plan) baseURLArg(qual string) string {
	if opt, _ := p.baseURLOption(qual); opt != "" {
		return opt + ", "
	}
	return ""
}

// usesAuthCodeFlow reports whether auth a is an OAuth 2.0
// authorization-code grant that the client's OAuth2Flow helper runs.
func (p *plan) usesAuthCodeFlow(a *model.Auth) bool {
	if a == nil || a.Type != model.AuthOAuth2 || p.auth.flowName == "" {
		return false
	}
	switch strings.TrimSpace(authParam(a, "grant_type")) {
	case "", "authorization_code", "authorization_code_with_pkce":
		return true
	}
	return false
}

// authCodeFlow is the code that gets a token with the authorization-code
// grant and makes a client that sends it, after c was created.
func (p *plan) authCodeFlow(a *model.Auth) []string {
	pkg := p.cfg.Package
	redirect := "\"\""
	if v := strings.TrimSpace(authParam(a, "redirect_uri")); v == "" || isSecretValue(v) {
		redirect = fmt.Sprintf("os.Getenv(%q)", p.envName("redirect_url"))
	}
	return []string{
		fmt.Sprintf("flow, err := c.%s(os.Getenv(%q), os.Getenv(%q), %s)", p.auth.flowName, p.envName("client_id"), p.envName("client_secret"), redirect),
		"if err != nil {",
		"\tlog.Fatal(err)",
		"}",
		"fmt.Println(\"Sign in at\", flow.AuthCodeURL())",
		"var state, code string // the query of the request to your redirect URL",
		"tok, err := flow.Exchange(ctx, state, code)",
		"if err != nil {",
		"\tlog.Fatal(err)",
		"}",
		fmt.Sprintf("c, err = %s.NewClient(%s%s.WithTokenSource(flow.Config.TokenSource(ctx, tok)))", pkg, p.baseURLArg(pkg+"."), pkg),
	}
}

// authOptionCall is a call of the client option that gives auth a its
// credentials: for OAuth 2.0 the one of its grant, else the first option
// of its type whose parameters are all strings; each argument is read from
// an environment variable named after the package and the parameter. It
// is "" when there is none.
func (p *plan) authOptionCall(a *model.Auth) string {
	funcs := authFuncs(a.Type)
	want := ""
	if a.Type == model.AuthOAuth2 {
		switch strings.TrimSpace(authParam(a, "grant_type")) {
		case "client_credentials":
			want = "WithOAuth2ClientCredentials"
		case "password", "password_credentials":
			want = "WithOAuth2Password"
		default:
			return ""
		}
	}
	for _, f := range funcs {
		if !strings.HasPrefix(f.Name, "With") || f.Result != "Option" || !f.AllStrings() || want != "" && f.Name != want {
			continue
		}
		var args []string
		for i, param := range f.Params {
			if !strings.HasPrefix(f.ParamTypes[i], "...") {
				args = append(args, fmt.Sprintf("os.Getenv(%q)", p.envName(param)))
			}
		}
		return fmt.Sprintf("%s.%s(%s)", p.cfg.Package, f.Name, strings.Join(args, ", "))
	}
	return ""
}

// envName is the environment variable an example reads a credential
// from: "BOOKINGS_TOKEN".
func (p *plan) envName(param string) string {
	return strings.ToUpper(p.cfg.Package + "_" + p.namer.FileName(p.namer.Exported(param)))
}

// unsetVariables lists the variables the requests use that the SDK has
// no value for (credentials and undefined ones), sorted, leaving out the
// base URL variable (WithBaseURL sets it), the auth's (its options set
// them) and dynamic ones ($guid).
func (p *plan) unsetVariables() []string {
	base := ""
	if len(p.origins) > 0 {
		if r := refs(p.origins[0]); len(r) == 1 && "{{"+r[0]+"}}" == p.origins[0] {
			base = r[0]
		}
	}
	// The auth's own variables are documented with the auth's options.
	authVars := p.authVariables()
	var out []string
	for name := range p.vars.used {
		if _, ok := p.vars.defaults[name]; ok || authVars[name] || name == base || strings.HasPrefix(name, "$") || name == "" {
			continue
		}
		out = append(out, name)
	}
	sort.Strings(out)
	return out
}
