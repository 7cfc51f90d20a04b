package generator

import (
	"sort"
	"strings"

	"github.com/postgen/postgen/model"
)

// Outline is a read-only view of the plan: every folder and request of
// the collection, in Postman's order, with the Go names the SDK gives it.
// It is what postgen inspect prints; it comes from the same plan Generate
// emits, so the names are the SDK's, not a second guess at them.
type Outline struct {
	Package string `json:"package"`
	// BaseURL is DefaultBaseURL, "" when the collection gives none that
	// resolves; Origins are the URL templates requests are sent to,
	// Origins[0] being the base URL's.
	BaseURL string   `json:"baseURL,omitempty"`
	Origins []string `json:"origins"`
	// EnvironmentURLs are the BaseURL<Name> constants.
	EnvironmentURLs []NamedURL `json:"environmentURLs,omitempty"`
	// Auth is the collection's own auth.
	Auth *AuthOutline `json:"auth,omitempty"`
	// Variables are the variables requests use, sorted by name.
	Variables []VariableOutline `json:"variables"`
	// Items are the top-level folders and requests; the Client holds the
	// requests among them.
	Items []*OutlineItem `json:"items"`
	// Diagnostics are the generator's warnings and notes.
	Diagnostics []model.Diagnostic `json:"diagnostics"`
	Stats       Stats              `json:"stats"`
}

// NamedURL is a base URL constant of an environment, or of a collection
// variable holding another deployment's base URL.
type NamedURL struct {
	Const       string `json:"const"`
	Environment string `json:"environment,omitempty"`
	// Variable is the collection variable that holds the URL, for a
	// constant made from one (prod_url) rather than an environment.
	Variable string `json:"variable,omitempty"`
	URL      string `json:"url"`
}

// AuthOutline is an auth block: its type and the JSON path that declares
// it ("auth" for the collection, "item[2].auth" for a folder).
type AuthOutline struct {
	Type string `json:"type"`
	From string `json:"from"`
}

// VariableOutline is a variable the SDK knows.
type VariableOutline struct {
	Name string `json:"name"`
	// Default is the value the SDK copies; Secret says none is copied
	// because it looks like a credential.
	Default string `json:"default,omitempty"`
	Secret  bool   `json:"secret,omitempty"`
	// Option is the option function that sets it, besides WithVariable.
	Option string `json:"option,omitempty"`
	// BaseURL says it is a variable of the base URL, which WithBaseURL
	// replaces.
	BaseURL bool `json:"baseURL,omitempty"`
}

// OutlineItem is a folder or a request.
type OutlineItem struct {
	// Kind is "folder" or "request".
	Kind string `json:"kind"`
	Name string `json:"name"`
	// ID is the _postman_id, Path the JSON path.
	ID   string `json:"id,omitempty"`
	Path string `json:"path"`
	// Skipped is true when postgen.yaml leaves the item out; nothing
	// below is set then. Omitted explains a request left out for another
	// reason (no URL).
	Skipped bool   `json:"skipped,omitempty"`
	Omitted string `json:"omitted,omitempty"`
	// Folders: the service type and how it is reached ("client.Bookings").
	Service string `json:"service,omitempty"`
	Access  string `json:"access,omitempty"`
	// Requests: the Go method ("Bookings.List"), its signature, the HTTP
	// method and path, and the types it declares.
	Method    string   `json:"method,omitempty"`
	Signature string   `json:"signature,omitempty"`
	HTTP      string   `json:"http,omitempty"`
	Types     []string `json:"types,omitempty"`
	// Constants are what the method sends without being asked, each
	// with the part of the planner's rule that makes it one.
	Constants []Constant `json:"constants,omitempty"`
	// Auth is the auth declared on a folder, or in effect for a request.
	Auth  *AuthOutline   `json:"auth,omitempty"`
	Items []*OutlineItem `json:"items,omitempty"`
}

// Inspect plans the SDK for c like Generate and describes the plan
// instead of emitting it.
func Inspect(c *model.Collection, cfg Config) (*Outline, error) {
	p, err := newPlan(c, cfg)
	if err != nil {
		return nil, err
	}
	services := map[string]*service{}
	for _, s := range p.services {
		services[s.folder.Path] = s
	}
	for path, s := range p.naming.folded {
		services[path] = s
	}
	methods := map[string]*method{}
	p.forEachMethod(func(m *method) { methods[m.req.Path] = m })

	o := &Outline{
		Package:     cfg.Package,
		Origins:     p.origins,
		Variables:   p.variableOutline(),
		Diagnostics: p.diags,
		Stats:       p.stats(),
		Auth:        authOutline(c.Auth),
	}
	if base, ok := p.defaultBaseURL(); ok {
		o.BaseURL = base
	}
	for _, e := range p.envURLs {
		o.EnvironmentURLs = append(o.EnvironmentURLs, NamedURL{Const: e.name, Environment: e.env, Variable: e.variable, URL: e.url})
	}
	o.Items = p.outlineItems(c.Folders, c.Requests, c.Order, services, methods)
	return o, nil
}

func authOutline(a *model.Auth) *AuthOutline {
	if a == nil {
		return nil
	}
	return &AuthOutline{Type: a.Type, From: a.Path}
}

// outlineItems describes one level of the original (unpruned) tree.
func (p *plan) outlineItems(folders []*model.Folder, reqs []*model.Request, order []model.ItemRef, services map[string]*service, methods map[string]*method) []*OutlineItem {
	var out []*OutlineItem
	for _, ref := range order {
		if ref.Folder {
			f := folders[ref.Index]
			it := &OutlineItem{Kind: "folder", Name: f.Name, ID: f.ID, Path: f.Path, Skipped: p.cfg.Skip[f.Path], Auth: authOutline(f.Auth)}
			if s, ok := services[f.Path]; ok {
				it.Service = s.typeName
				it.Access = "client." + s.fieldPath()
			}
			if !it.Skipped {
				it.Items = p.outlineItems(f.Folders, f.Requests, f.Order, services, methods)
			}
			out = append(out, it)
			continue
		}
		r := reqs[ref.Index]
		it := &OutlineItem{Kind: "request", Name: r.Name, ID: r.ID, Path: r.Path, Skipped: p.cfg.Skip[r.Path]}
		if m, ok := methods[r.Path]; ok {
			it.Method = m.op.name
			it.Signature = p.signature(m)
			path := m.op.path
			if path == "" {
				path = "/"
			}
			it.HTTP = m.op.method + " " + path
			it.Constants = constants(m.op)
			if m.params != nil {
				it.Types = append(it.Types, m.params.name)
			}
			if m.body != nil && m.body.form != nil {
				it.Types = append(it.Types, m.body.form.name)
			}
			it.Types = append(it.Types, p.inferredTypeNames(m)...)
			it.Auth = authOutline(r.Auth)
		} else if !it.Skipped {
			it.Omitted = unsendable(r.URL)
		}
		out = append(out, it)
	}
	return out
}

// signature renders a method's Go signature, e.g.
// "Get(ctx context.Context, bookingID string) ([]byte, *Response, error)".
func (p *plan) signature(m *method) string {
	args := []string{"ctx context.Context"}
	if len(m.pathArgs) > 0 {
		names := make([]string, len(m.pathArgs))
		for i, a := range m.pathArgs {
			names[i] = a.goName
		}
		args = append(args, strings.Join(names, ", ")+" string")
	}
	if m.body != nil {
		t := "any"
		switch m.body.kind {
		case "text":
			t = "string"
		case "reader":
			t = "io.Reader"
		case "form":
			t = "*" + m.body.form.name
		}
		if typed := p.bodyText(m); typed != "" {
			t = typed
		}
		args = append(args, "body "+t)
	}
	if m.params != nil {
		args = append(args, "params *"+m.params.name)
	}
	args = append(args, "opts ...RequestOption")
	return m.name + "(" + strings.Join(args, ", ") + ") " + p.resultsText(m)
}

// variableOutline lists the variables requests use.
func (p *plan) variableOutline() []VariableOutline {
	option := map[string]string{}
	for _, o := range p.options {
		option[o.Variable] = o.Func
	}
	var out []VariableOutline
	for name := range p.vars.used {
		v := VariableOutline{Name: name, Secret: p.vars.secret[name], Option: option[name], BaseURL: p.isBaseURLVariable(name)}
		v.Default = p.vars.defaults[name]
		out = append(out, v)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Constant is a value a method sends on every call.
type Constant struct {
	// In is "query", "header" or "form"; Key and Value as the collection
	// writes them.
	In, Key, Value string
	// Why is the rule that makes it a constant: "protocol header",
	// "variable", "same in every request", "selects the operation".
	Why string `json:"why"`
}

// constants lists op's constants, one per key.
func constants(op *opPlan) []Constant {
	var out []Constant
	seen := map[string]bool{}
	rows := op.params
	if op.body != nil {
		rows = append(append([]paramPlan(nil), rows...), op.body.form...)
	}
	for _, pp := range rows {
		if k := sharedKey(pp.in, pp.key); pp.constant && !seen[k] {
			seen[k] = true
			out = append(out, Constant{In: pp.in, Key: pp.key, Value: pp.value, Why: pp.why})
		}
	}
	return out
}
