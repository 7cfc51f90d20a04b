package generator

import (
	"fmt"
	"strings"

	"github.com/postgen/postgen/generator/godoc"
	"github.com/postgen/postgen/model"
	"github.com/postgen/postgen/templates"
)

// readmeData is what templates/readme.md.tmpl renders: the SDK's README,
// with an example of every service and the collection's auth set-up.
type readmeData struct {
	Package, API                        string
	ImportPath, ImportPathOrPlaceholder string
	MockPackage                         string
	// ExtraModules names the modules the SDK needs beside the standard
	// library, "" when none.
	ExtraModules string
	// Description is the collection's description, Markdown as written.
	Description string
	// QuickStart is the quick start's code; QuickCall its call alone.
	QuickStart, QuickCall string
	// ErrorOperation is the name errors give the quick start's method.
	ErrorOperation string
	BaseURL        string
	Variables      string
	Auth           []readmeAuth
	Services       []readmeService
	Retry          bool
	// AuthError is set when the SDK authenticates (and has *AuthError).
	AuthError bool
	// Command is the command that regenerates the SDK (recorded in every
	// file's header too), and GoGenerate its //go:generate form.
	Command, GoGenerate string
}

// readmeAuth is the set-up of one auth type.
type readmeAuth struct {
	Title, Text string
	Steps       []string
	Code        string
}

// readmeService is the example of one service.
type readmeService struct {
	Title, Summary, Call string
}

// readme renders README.md.
func (p *plan) readme() (File, error) {
	pkg := p.cfg.Package
	d := readmeData{
		Package:                 pkg,
		API:                     p.apiName(),
		ImportPath:              p.cfg.ImportPath,
		ImportPathOrPlaceholder: p.cfg.ImportPath,
		MockPackage:             p.mockPackage(),
		Description:             strings.TrimSpace(scrubProse(godoc.Sanitize(p.coll.Description.Content))),
		Retry:                   sdkDeclares("WithRetry"),
	}
	d.Command, d.GoGenerate = p.regenerateCommands()
	if d.ImportPath == "" {
		d.ImportPathOrPlaceholder = "example.com/yourmodule/" + pkg
	}
	for _, t := range p.authTypesUsed() {
		if t == model.AuthOAuth2 {
			d.ExtraModules = "golang.org/x/oauth2"
		}
	}
	m := p.exampleMethod()
	if m == nil {
		d.ErrorOperation = "Service.Method"
		d.QuickStart = strings.Join([]string{p.newClientCall(), "if err != nil {", "\tlog.Fatal(err)", "}", "fmt.Println(c) // the collection has no requests yet"}, "\n")
	} else {
		d.QuickCall = p.exampleCall(m)
		d.QuickStart = strings.Join(p.quickStart(m), "\n")
		d.ErrorOperation = m.op.name
	}
	if base, ok := p.defaultBaseURL(); ok {
		d.BaseURL = fmt.Sprintf("Requests go to `DefaultBaseURL` (%s); `WithBaseURL` sends them elsewhere (a staging server, a test server).", base)
	} else {
		d.BaseURL = p.noBaseURLDoc(func(n string) string { return "`" + n + "`" })
	}
	if vars := p.unsetVariables(); len(vars) > 0 {
		d.Variables = quoteList(vars)
	}
	for _, t := range p.authTypesUsed() {
		d.Auth = append(d.Auth, p.readmeAuth(t))
	}
	d.AuthError = len(d.Auth) > 0
	if len(p.client.methods) > 0 {
		d.Services = append(d.Services, readmeService{
			Title: "Client (requests outside any folder)",
			Call:  p.exampleCall(p.client.methods[0]),
		})
	}
	for _, s := range p.client.subs {
		if ex := serviceExample(s); ex != nil {
			d.Services = append(d.Services, readmeService{
				Title:   fmt.Sprintf("%s (`c.%s`)", oneLine(s.folder.Name), s.fieldName),
				Summary: summary(s.folder.Description),
				Call:    p.exampleCall(ex),
			})
		}
	}
	data, err := templates.Readme(d)
	if err != nil {
		return File{}, fmt.Errorf("generator: %w", err)
	}
	// The description is copied as written: the credentials it repeats
	// are replaced, as in the Go files' comments.
	text := replaceAll(string(data), p.credentialTexts(runtimeVocabulary()), redacted)
	// Every byte of it is sanitized, whichever field of the template it
	// came through: a README is read in terminals (cat, less, git diff),
	// where ESC sequences, CR and bidi overrides hide or rewrite text.
	return File{Name: "README.md", Data: []byte(godoc.Sanitize(text))}, nil
}

// regenerateCommands returns the command that regenerates the SDK (the
// one the CLI records under every file's header) and the //go:generate
// form of it, run in the SDK's directory.
func (p *plan) regenerateCommands() (command, goGenerate string) {
	command = strings.TrimSpace(cleanText(strings.ReplaceAll(p.cfg.Command, "\n", " ")))
	if command == "" {
		command = "postgen generate -p " + p.cfg.Package + " COLLECTION.json"
	}
	args := strings.TrimPrefix(strings.TrimPrefix(command, "postgen "), "generate ")
	return command, "go tool postgen generate -o . " + args
}

// readmeAuth describes the set-up of auth type t: where the collection
// uses it, the options that set it, and for OAuth 2.0 the steps of its
// grant with the collection's URLs.
func (p *plan) readmeAuth(t string) readmeAuth {
	a := readmeAuth{Title: strings.ToUpper(authName(t)[:1]) + authName(t)[1:]}
	for _, art := range []string{"A ", "An "} {
		if rest, ok := strings.CutPrefix(a.Title, art); ok {
			a.Title = strings.ToUpper(rest[:1]) + rest[1:]
		}
	}
	count, total, where := 0, 0, ""
	p.forEachMethod(func(m *method) {
		total++
		if m.req.Auth != nil && m.req.Auth.Type == t {
			count++
			if where == "" {
				where = p.authOrigin(m.req, m.req.Auth)
			}
		}
	})
	scope := fmt.Sprintf("%d of the %d requests", count, total)
	if count == total {
		scope = "every request"
	}
	a.Text = fmt.Sprintf("The collection authenticates %s with %s (set on %s).", scope, authName(t), where)
	opts := authOptionNames(t)
	if len(opts) > 0 {
		names := make([]string, len(opts))
		for i, o := range opts {
			names[i] = "`" + o + "`"
		}
		a.Text += " Pass " + orList(names) + " to `NewClient`; nothing from the collection's auth settings is copied into the SDK."
		if auth := p.firstAuth(t); p.usesAuthCodeFlow(auth) {
			a.Code = strings.Join(append([]string{
				"ctx := context.Background()",
				fmt.Sprintf("c, err := %s.NewClient()", p.cfg.Package),
				"if err != nil {",
				"\tlog.Fatal(err)",
				"}",
			}, p.authCodeFlow(auth)...), "\n")
		} else if call := p.authOptionCall(auth); call != "" {
			a.Code = fmt.Sprintf("c, err := %s.NewClient(%s)", p.cfg.Package, call)
		}
	} else {
		a.Text += " This SDK does not set it up yet: give the client an `*http.Client` that adds the credentials, with `WithHTTPClient`."
	}
	if t == model.AuthOAuth2 {
		send := "Send the access token with every request: with golang.org/x/oauth2, pass `cfg.Client(ctx, token)` to `WithHTTPClient`, and it refreshes the token too."
		switch {
		case p.usesAuthCodeFlow(p.firstAuth(t)):
			send = fmt.Sprintf("Give the token to the client with `WithTokenSource`, which refreshes it. The client's `%s` does steps 2 to 4 with the collection's settings (state included), as below.", p.auth.flowName)
		case len(opts) > 0:
			send = "Give the token to the client with the options above; they refresh it when it expires."
		}
		a.Steps = p.oauth2Steps(send)
	}
	return a
}

// firstAuth returns the collection's auth when it is of type t, else the
// first auth of type t a request uses.
func (p *plan) firstAuth(t string) *model.Auth {
	if a := p.coll.Auth; a != nil && a.Type == t {
		return a
	}
	var found *model.Auth
	p.forEachMethod(func(m *method) {
		if found == nil && m.req.Auth != nil && m.req.Auth.Type == t {
			found = m.req.Auth
		}
	})
	return found
}

// oauth2Steps are the steps of the collection's OAuth 2.0 grant, with its
// URLs (resolved with the collection's defaults where they can be).
func (p *plan) oauth2Steps(send string) []string {
	var auth *model.Auth
	if a := p.coll.Auth; a != nil && a.Type == model.AuthOAuth2 {
		auth = a
	}
	p.forEachMethod(func(m *method) {
		if auth == nil && m.req.Auth != nil && m.req.Auth.Type == model.AuthOAuth2 {
			auth = m.req.Auth
		}
	})
	// The scheme's settings, not the collection's text: credentials in
	// them (a client_secret in the authorization URL) are already
	// variables there.
	var settings map[string]string
	if s := p.auth.byAuth[auth]; s != nil {
		settings = s.settings
	}
	param := func(key string) string {
		v := strings.TrimSpace(settings[key])
		if v == "" || isSecretValue(v) {
			return ""
		}
		return "`" + strings.ReplaceAll(oneLine(p.resolveDefaults(v)), "`", "'") + "`"
	}
	authURL, tokenURL, scope, callback := param("authUrl"), param("accessTokenUrl"), param("scope"), param("redirect_uri")
	if authURL == "" {
		authURL = "the provider's authorization URL"
	}
	if tokenURL == "" {
		tokenURL = "the provider's token URL"
	}
	style := "in the request body"
	if strings.TrimSpace(authParam(auth, "client_authentication")) == "header" {
		style = "in a basic auth header"
	}
	switch strings.TrimSpace(authParam(auth, "grant_type")) {
	case "client_credentials":
		return []string{
			"Get a client ID and secret from the provider.",
			fmt.Sprintf("Exchange them for an access token at %s (`grant_type=client_credentials`%s), the client credentials %s.", tokenURL, scopeText(scope), style),
			send,
		}
	case "password", "password_credentials":
		return []string{
			"Get a client ID and secret from the provider, and the user's name and password.",
			fmt.Sprintf("Exchange them for an access token at %s (`grant_type=password`%s), the client credentials %s.", tokenURL, scopeText(scope), style),
			send,
		}
	}
	register := "Register your application with the provider: you get a client ID and secret, and register your redirect URL"
	if callback != "" {
		register += " (the collection uses " + callback + ")"
	}
	return []string{
		register + ".",
		fmt.Sprintf("Send the user to %s with `response_type=code`, your `client_id` and `redirect_uri`%s, and a `state` value you check when they come back.", authURL, scopeText(scope)),
		"The provider redirects the user to your redirect URL with `?code=...&state=...`.",
		fmt.Sprintf("Exchange the code for a token at %s (`grant_type=authorization_code`), the client credentials %s.", tokenURL, style),
		send,
	}
}

// scopeText is ", scope `x`" or "".
func scopeText(scope string) string {
	if scope == "" {
		return ""
	}
	return ", `scope=` " + scope
}
