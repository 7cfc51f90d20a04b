package generator

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/postgen/postgen/generator/names"
	"github.com/postgen/postgen/model"
)

// plan is every decision about the SDK, made before anything is emitted:
// the emitters only read it.
type plan struct {
	cfg   Config
	coll  *model.Collection
	namer *names.Namer
	// pkgScope holds every package-level name: runtime, client, services,
	// operations, params and body types.
	pkgScope *names.Scope
	// fileScope holds file names, case-insensitively.
	fileScope *names.Scope
	// client is the root service: the Client type, whose methods are the
	// collection's top-level requests and whose fields are its services.
	client *service
	// services are all folder services, depth-first in input order.
	services []*service
	// origins are the distinct origin templates; origins[0] is the base URL.
	origins []string
	vars    *varTable
	auth    *authPlan
	diags   []model.Diagnostic
	// errs are the user's choices (cfg) that cannot be applied.
	errs []error
	// usedFieldTypes marks the cfg.FieldTypes that matched a field.
	usedFieldTypes map[int]bool
	// usedTypeNames marks the cfg.TypeNames that named an inferred type.
	usedTypeNames map[string]bool
	// options are the variables with option functions; envURLs the
	// environments' base URL constants.
	options []VariableOption
	envURLs []envURL
	// undefinedBase are the variables of the base URL nothing defines.
	undefinedBase []string
	// types holds the types inferred from bodies and examples.
	types *typeTable
	// scripts holds the collection's pre-request and test scripts.
	scripts *scriptTable
	// naming records who holds which service and method name (naming.go).
	naming naming
	// consts is the rule that makes a collection value a constant rather
	// than a sample (params.go).
	consts *constRule
}

// service is the Go side of a folder (or of the collection for Client).
type service struct {
	folder *model.Folder // nil for the Client
	// typeName is the Go type ("BookingsService", or "Client").
	typeName string
	// fieldName is the field on the parent ("Bookings"); "" for Client.
	fieldName string
	// prefix starts the names of this service's operations and types
	// ("Bookings", "BookingsItems"; "" for Client).
	prefix  string
	parent  *service
	subs    []*service
	methods []*method
	// members holds field and method names of the type.
	members *names.Scope
	// file is the base name (no ".go") of the file holding the top-level
	// service this one belongs to.
	file string
}

// method is the Go side of one request.
type method struct {
	req  *model.Request
	svc  *service
	name string
	// opVar is the package-level variable holding the operation.
	opVar string
	// pathArgs are the path variable arguments, in path order.
	pathArgs []pathArg
	// params is the optional params struct; nil when the request has no
	// query parameters or optional headers.
	params *structType
	body   *bodyPlan
	op     *opPlan
	// types is what inference decided about results, bodies and errors.
	types *methodTypes
	// pager is the iterator over m's pages; nil when m does not page.
	pager *pager
	// streamIter names the iterator over a stream's events or lines;
	// "" unless the result is a stream.
	streamIter string
}

// pathArg is a path variable turned into a method argument.
type pathArg struct {
	goName  string // "bookingID"
	varName string // "bookingId", as in ":bookingId" or "{{bookingId}}"
	example string // the collection's value, for docs and examples
	// variable is true for a {{variable}} argument.
	variable bool
}

// structType is a generated params struct or form body: its fields are
// the values a caller may set, and its args method hands them to the
// runtime.
type structType struct {
	name   string
	fields []*field
}

// field is one settable value: a query parameter, header or form row.
type field struct {
	goName string
	in     string // "query", "header", "form" or "file"
	key    string
	// def is the collection's first value, for docs; optional is true
	// when every row of the key is disabled.
	def      string
	null     bool
	optional bool
	desc     string
	// samples are the values of the key's enabled rows, in order; goType
	// is the field's Go type (params.go).
	samples []string
	goType  string
}

// newPlan decides every name and operation of the SDK for c.
func newPlan(c *model.Collection, cfg Config) (*plan, error) {
	if err := names.CheckPackageName(cfg.Package); err != nil {
		return nil, fmt.Errorf("package name: %w", err)
	}
	// Generated names leave alone the names the SDK re-exports from the
	// runtime, for every auth type the collection declares (a superset of
	// the ones it uses), and the name of the runtime's package.
	reserved := append(exportedNames(declaredAuthTypes(c)), "sdk", versionConst)
	c = withoutSkipped(c, cfg.Skip)
	p := &plan{
		cfg:       cfg,
		coll:      c,
		namer:     names.New(cfg.Initialisms...),
		pkgScope:  names.NewScope(append(reserved, "Client", "NewClient", "DefaultBaseURL", "sdkDefaults")...),
		fileScope: names.NewScope(reservedFiles()...),

		usedFieldTypes: map[int]bool{},
		usedTypeNames:  map[string]bool{},
	}
	p.vars = newVarTable(c)
	p.vars.warn = p.warn
	if len(cfg.Environments) > 0 {
		p.vars.env = cfg.Environments[0]
	}
	p.consts = newConstRule(c, p.vars.env, cfg)
	p.client = &service{typeName: "Client", members: names.NewScope(), file: "client"}
	p.planFolders(c.Folders, p.client)
	p.noteClashes(c.Requests)
	for _, r := range c.Requests {
		p.planMethod(r, p.client)
	}
	p.planOrigins()
	p.planAuth()
	p.planScripts()
	p.vars.finish(p)
	p.planBaseURLs()
	p.planVariableOptions()
	p.typeFromSiblings()
	p.nameTypes()
	p.planPagination()
	p.checkFieldTypes()
	if err := errors.Join(p.errs...); err != nil {
		return nil, err
	}
	return p, nil
}

// reservedFiles are the names of files every SDK has, lower-cased without
// ".go", so no service file takes them.
func reservedFiles() []string {
	return []string{"client", "doc", "example_test", "conformance_calls_test", "readme", "auth_schemes", "sdk"}
}

// planService plans the service of folder f under parent, then its
// sub-services and methods.
func (p *plan) planService(f *model.Folder, parent *service) *service {
	base := p.serviceBase(f, parent)
	s := &service{folder: f, parent: parent, members: names.NewScope()}
	s.fieldName = p.claimService(f, parent, base)
	s.prefix = parent.prefix + s.fieldName
	s.typeName = p.pkgScope.Claim(s.prefix + "Service")
	s.prefix = strings.TrimSuffix(s.typeName, "Service")
	if parent == p.client {
		s.file = p.fileScope.Claim(p.fileName(s.fieldName))
	} else {
		s.file = parent.file
	}
	p.services = append(p.services, s)
	if p.naming.bases == nil {
		p.naming.bases = map[*service]string{}
	}
	p.naming.bases[s] = base
	p.planFolders(f.Folders, s)
	p.noteClashes(f.Requests)
	for _, r := range f.Requests {
		p.planMethod(r, s)
	}
	return s
}

// fileName gives a service file a name that is not one of the SDK's fixed
// files, compared case-insensitively.
func (p *plan) fileName(goName string) string {
	name := p.namer.FileName(goName)
	if name == "" {
		name = "service"
	}
	if p.fileScope.Has(strings.ToLower(name)) || strings.HasSuffix(name, "_types") {
		name += "_service"
	}
	return strings.ToLower(name)
}

// planMethod plans the method of request r on service s. A request that
// cannot be sent (no URL) is skipped with a warning.
func (p *plan) planMethod(r *model.Request, s *service) {
	if why := unsendable(r.URL); why != "" {
		code := model.CodeUnsendableURL
		if len(r.URL.Host) == 0 && len(r.URL.Path) == 0 {
			code = model.CodeRequestNoURL
		}
		p.warn(code, r.Path+".request.url", "left out of the SDK: %s", why)
		return
	}
	m := &method{req: r, svc: s}
	m.name = p.claimMethod(r, s)
	m.opVar = p.pkgScope.Claim("op" + s.prefix + m.name)
	m.op = p.planOperation(r, s, m)
	p.planTypes(m)
	s.methods = append(s.methods, m)
}

// unsendable says why Postman cannot send a request to u, or "": it has
// no URL, a protocol other than http and https (newman: "Invalid
// protocol: ws:"), or a literal host that is no host name ("https::",
// placeholder text such as "Enter request URL"). Parts holding a
// {{variable}} are known only at run time and pass.
func unsendable(u model.URL) string {
	if len(u.Host) == 0 && len(u.Path) == 0 {
		return "the request has no URL"
	}
	if proto := strings.ToLower(u.Protocol); proto != "" && !strings.Contains(proto, "{{") && proto != "http" && proto != "https" {
		return "Postman sends only http and https URLs, not " + strconv.Quote(u.Protocol+":") + "; fix the URL in the collection"
	}
	host := strings.Join(u.Host, ".")
	if host == "" || strings.Contains(host, "{{") || strings.HasPrefix(host, "[") {
		return ""
	}
	for _, c := range host {
		if c < 0x80 && !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_') {
			return "its host " + strconv.Quote(host) + " is not a host name, so Postman cannot send it; fix the URL in the collection"
		}
	}
	return ""
}

// withoutWords is the Go name of text without the words of container's
// name (and articles): "List bookings" in folder "Bookings" is "List",
// folder "Account 0 part 1" in "Account 0" is "Part1". Numbers are kept,
// since they tell siblings apart. "" when nothing is left.
func (p *plan) withoutWords(text, container string) string {
	drop := map[string]bool{"a": true, "an": true, "the": true}
	for _, w := range words(container) {
		if strings.Trim(w, "0123456789") == "" {
			continue
		}
		drop[w] = true
		drop[strings.ToLower(names.Singular(w))] = true
	}
	// The camel-case pieces of one word that are kept stay one word, so
	// that the Namer still sees initialisms across them ("GraphQL").
	var kept []string
	for _, word := range strings.FieldsFunc(text, func(r rune) bool { return r < 128 && !isASCIIWordRune(r) }) {
		glued := ""
		for _, w := range strings.Fields(wordText(word)) {
			if len(kept) == 0 && glued == "" && strings.Trim(w, "0123456789") == "" {
				continue // "Account 0 part 1" in "Account 0" is Part1, not N0Part1
			}
			if !drop[strings.ToLower(w)] && !drop[strings.ToLower(names.Singular(w))] {
				glued += w
			}
		}
		if glued != "" {
			kept = append(kept, glued)
		}
	}
	return p.namer.Exported(strings.Join(kept, " "))
}

// isASCIIWordRune reports whether r, an ASCII rune, is a letter or digit.
func isASCIIWordRune(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
}

// words returns the lower-cased words of s (names.Words).
func words(s string) []string {
	ws := names.Words(s)
	for i, w := range ws {
		ws[i] = strings.ToLower(w)
	}
	return ws
}

// wordText puts spaces between the words of s ("getBookings" reads
// "get Bookings"), for the callers that split it again.
func wordText(s string) string { return strings.Join(names.Words(s), " ") }

// planOrigins collects the origin of every request: the most used one is
// the base URL (origins[0]); the others keep their own hosts.
func (p *plan) planOrigins() {
	count := map[string]int{}
	var order []string
	p.forEachMethod(func(m *method) {
		o := m.op.originText
		if count[o] == 0 {
			order = append(order, o)
		}
		count[o]++
	})
	primary := ""
	for _, o := range order {
		if primary == "" || count[o] > count[primary] {
			primary = o
		}
	}
	p.origins = []string{primary}
	for _, o := range order {
		if o != primary {
			p.origins = append(p.origins, o)
		}
	}
	index := map[string]int{}
	for i, o := range p.origins {
		index[o] = i
	}
	p.forEachMethod(func(m *method) { m.op.origin = index[m.op.originText] })
}

// forEachMethod calls fn for every method, client first, then services in
// plan order.
func (p *plan) forEachMethod(fn func(*method)) {
	for _, m := range p.client.methods {
		fn(m)
	}
	for _, s := range p.services {
		for _, m := range s.methods {
			fn(m)
		}
	}
}

// warn records a diagnostic of kind code about the input at path; its
// severity is the code's (model.Codes).
func (p *plan) warn(code model.Code, path, format string, args ...any) {
	p.diags = append(p.diags, model.Diag(code, path, format, args...))
}

// stats counts services, methods and types.
func (p *plan) stats() Stats {
	st := Stats{Services: len(p.services)}
	p.forEachMethod(func(m *method) {
		st.Methods++
		if m.params != nil {
			st.Types++
		}
		if m.body != nil && m.body.form != nil {
			st.Types++
		}
	})
	st.Types += len(p.types.types)
	return st
}

// nameFields gives every field of st its Go name, in row order, through
// one scope so repeated or clashing keys get numbered names.
func (p *plan) nameFields(st *structType) {
	scope := names.NewScope()
	for _, fl := range st.fields {
		name := p.namer.Exported(fl.key)
		if name == "" {
			name = "Field"
		}
		fl.goName = scope.Claim(name)
	}
}

// newArgScope is the scope of a method's parameters: the names the
// generated body uses are taken.
func newArgScope() *names.Scope {
	return names.NewScope("ctx", "params", "body", "opts", "next", "s", "c", "call", "send", "sdk")
}

func itoa(i int) string { return strconv.Itoa(i) }
