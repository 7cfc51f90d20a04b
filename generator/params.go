package generator

import (
	"strconv"
	"strings"
	"time"

	"github.com/postgen/postgen/model"
)

// This file holds the planner's one rule for what an SDK sends without
// being asked (DESIGN.md, "Semantics"). A collection's literal values are
// samples: they document the API and fill the Example functions and the
// mock server, and a call sends them only when its caller passes them.
// The exceptions, the constants, are:
//
//	(a) protocol headers: Content-Type (with the body), Accept, Accept-*;
//	(b) a header or query parameter that every request having it sends
//	    with the same literal value, in at least two requests (API
//	    versions, format=json);
//	(c) values made of {{variables}}, resolved from the client's
//	    configuration (WithVariable, the collection's values).
//
// Path variables (":id", "{{id}}", "celeb_{{username}}") are method
// arguments, except the variables of the base URL, of the path prefix
// every request shares, credentials, and variables whose value holds a
// "/" (a piece of path, not a segment).

// constRule is what the whole collection says about constants and path
// arguments, gathered before any request is planned.
type constRule struct {
	// shared maps sharedKey(in, key) to the one literal value every
	// request having the key sends (rule b).
	shared map[string]string
	// config holds the variables a path keeps resolving from the client's
	// configuration instead of taking them as arguments.
	config map[string]bool
	// constants and samples are postgen.yaml's overrides, by lower-cased
	// key (rule d).
	constants, samples map[string]bool
	// selectors holds, by request, the query keys whose literal values
	// tell it apart from another request of the same method and path
	// ("?action=list" and "?action=get"): they select the operation, so
	// they are constants of it.
	selectors map[*model.Request]map[string]bool
}

// nullValue stands for a query value written without "=" in shared.
const nullValue = "\x00null"

func sharedKey(in, key string) string {
	if in == "header" {
		key = strings.ToLower(key)
	}
	return in + "\x00" + key
}

// newConstRule gathers the rule's facts from every request of c.
func newConstRule(c *model.Collection, env *model.Environment, cfg Config) *constRule {
	options := cfg.VariableOptions
	type stats struct {
		requests int
		values   map[string]bool
		optional bool
	}
	keys := map[string]*stats{}
	var pathed []*model.Request
	rule := &constRule{shared: map[string]string{}, config: map[string]bool{}, selectors: map[*model.Request]map[string]bool{}}
	groups := map[string][]*model.Request{}
	for _, o := range options {
		rule.config[o.Variable] = true
	}
	rule.constants, rule.samples = lowerSet(cfg.Constants), lowerSet(cfg.Samples)
	forEachRequest(c, func(r *model.Request) {
		seen := map[string]bool{}
		add := func(in, key, value string, disabled bool) {
			k := sharedKey(in, key)
			st := keys[k]
			if st == nil {
				st = &stats{values: map[string]bool{}}
				keys[k] = st
			}
			if !seen[k] {
				seen[k] = true
				st.requests++
			}
			if disabled {
				st.optional = true
				return
			}
			st.values[value] = true
		}
		for _, q := range r.URL.Query {
			v := q.Value
			if q.NullValue {
				v = nullValue
			}
			add("query", q.Key, v, q.Disabled)
		}
		for _, h := range r.Headers {
			add("header", h.Key, h.Value, h.Disabled)
		}
		for _, h := range r.URL.Host {
			for _, name := range refs(h) {
				rule.config[name] = true
			}
		}
		if len(r.URL.Path) > 0 {
			pathed = append(pathed, r)
		}
		g := r.Method + " " + strings.Join(r.URL.Host, ".") + "/" + strings.Join(r.URL.Path, "/")
		groups[g] = append(groups[g], r)
	})
	for _, rs := range groups {
		if len(rs) < 2 {
			continue
		}
		// A key's values across the group; a request without the key
		// counts as one more value.
		values := map[string]map[string]bool{}
		rows := func(r *model.Request, fn func(k, v string)) {
			for _, q := range r.URL.Query {
				if !q.Disabled && !hasConfigRef(q.Value) {
					fn(sharedKey("query", q.Key), q.Value)
				}
			}
			for _, h := range r.Headers {
				if !h.Disabled && !hasConfigRef(h.Value) && !isProtocolHeader(h.Key) {
					fn(sharedKey("header", h.Key), h.Value)
				}
			}
		}
		for _, r := range rs {
			rows(r, func(k, v string) {
				if values[k] == nil {
					values[k] = map[string]bool{}
				}
				values[k][v] = true
			})
		}
		// Keys whose values differ tell the requests apart; only when
		// none do, a key some requests have and others lack does
		// ("X-Role: admin" on one of two logins).
		byValue := false
		for _, vs := range values {
			byValue = byValue || len(vs) > 1
		}
		for _, r := range rs {
			have := map[string]bool{}
			rows(r, func(k, _ string) { have[k] = true })
			for k := range have {
				if len(values[k]) > 1 || !byValue && !allHave(rs, k, rows) {
					if rule.selectors[r] == nil {
						rule.selectors[r] = map[string]bool{}
					}
					rule.selectors[r][k] = true
				}
			}
		}
	}
	for k, st := range keys {
		if st.requests >= 2 && len(st.values) == 1 && !st.optional {
			for v := range st.values {
				rule.shared[k] = v
			}
		}
	}
	// A variable in the path of every request is a prefix ("/{{version}}/"),
	// configuration rather than an argument.
	if len(pathed) >= 2 {
		count := map[string]int{}
		for _, r := range pathed {
			seen := map[string]bool{}
			for _, seg := range r.URL.Path {
				for _, name := range refs(seg) {
					if !seen[name] {
						seen[name] = true
						count[name]++
					}
				}
			}
		}
		for name, n := range count {
			if n == len(pathed) {
				rule.config[name] = true
			}
		}
	}
	// A variable holding a "/" is a piece of path.
	for _, vars := range [][]model.Variable{c.Variables, envVariables(env)} {
		for _, v := range vars {
			if strings.Contains(v.Value, "/") || strings.Contains(v.Value, "?") {
				rule.config[v.Key] = true
			}
		}
	}
	return rule
}

func envVariables(env *model.Environment) []model.Variable {
	if env == nil {
		return nil
	}
	return env.Values
}

// forEachRequest calls fn for every request of c, depth-first.
func forEachRequest(c *model.Collection, fn func(*model.Request)) {
	var walk func([]*model.Folder, []*model.Request)
	walk = func(fs []*model.Folder, rs []*model.Request) {
		for _, r := range rs {
			fn(r)
		}
		for _, f := range fs {
			walk(f.Folders, f.Requests)
		}
	}
	walk(c.Folders, c.Requests)
}

// constReason says why a row is a constant, or "" for a sample. value is
// the row's text after credentials were scrubbed (a scrubbed credential
// is a variable).
func (r *constRule) constReason(req *model.Request, in, key, value string, null, disabled bool) string {
	if disabled || r.samples[strings.ToLower(key)] {
		return ""
	}
	if r.constants[strings.ToLower(key)] {
		return "postgen.yaml"
	}
	if (in == "query" || in == "header") && r.selectors[req][sharedKey(in, key)] {
		return "selects the operation"
	}
	if in == "header" && isProtocolHeader(key) {
		return "protocol header"
	}
	if hasConfigRef(value) || hasConfigRef(key) {
		return "variable"
	}
	if in == "query" || in == "header" {
		v := value
		if null {
			v = nullValue
		}
		if shared, ok := r.shared[sharedKey(in, key)]; ok && shared == v && !isPagingKey(key) {
			return "same in every request"
		}
	}
	return ""
}

// isPagingKey reports whether a query key moves through a listing (a
// page, its size, an offset or a cursor): a value every request shares
// there is a sample a collection generator copied, never an API constant
// ("page=-70394044&per_page=-27113311" in every github-v3-rest list).
func isPagingKey(key string) bool {
	k := squash(key)
	return pageKeys[k] || offsetKeys[k] || cursorKeys[k] || pageSizeKeys[k]
}

// pageSizeKeys name a page's size.
var pageSizeKeys = map[string]bool{"perpage": true, "pagesize": true, "limit": true, "count": true, "size": true,
	"maxresults": true, "top": true, "first": true, "last": true}

// isProtocolHeader reports whether a header describes the exchange
// itself (rule a).
func isProtocolHeader(key string) bool {
	k := strings.ToLower(key)
	return k == "content-type" || k == "accept" || strings.HasPrefix(k, "accept-")
}

// hasConfigRef reports whether s refers to a variable the client's
// configuration gives; dynamic variables ({{$randomInt}}) are samples.
func hasConfigRef(s string) bool {
	for _, name := range refs(s) {
		if !strings.HasPrefix(name, "$") {
			return true
		}
	}
	return false
}

// hasDynamicRef reports whether s refers to a dynamic variable, a new
// value on every send.
func hasDynamicRef(s string) bool {
	for _, name := range refs(s) {
		if strings.HasPrefix(name, "$") {
			return true
		}
	}
	return false
}

// pathArgVar reports whether the variable name, written in a path
// segment, is a method argument.
func (p *plan) pathArgVar(name string) bool {
	if name == "" || p.consts.config[name] || isSecretName(name) || p.vars.secret[name] {
		return false
	}
	_, synthetic := p.vars.synthetic[name]
	return !synthetic
}

// Go types of params and form fields.
const (
	typeString   = "string"
	typeInt      = "int64"
	typeIntPtr   = "*int64"
	typeFloat    = "float64"
	typeFloatPtr = "*float64"
	typeBool     = "bool"
	typeBoolPtr  = "*bool"
	typeTime     = "time.Time"
	typeStrings  = "[]string"
	typeFlag     = "flag" // a bool sent as a bare query key
	typeFile     = "*FormFile"
)

// fieldGoType chooses the Go type of a field from its samples: a type
// other than string only when the sample is that type's canonical text
// (so the Example's typed value sends the sample byte for byte), a
// pointer when the sample is false or zero (a value the caller must be
// able to send), a slice for a repeated key.
func fieldGoType(fl *field) string {
	switch {
	case fl.in == "file":
		return typeFile
	case len(fl.samples) > 1:
		return typeStrings
	case fl.null && len(fl.samples) <= 1 && fl.in == "query":
		return typeFlag
	}
	s := fl.def
	if len(fl.samples) == 1 {
		s = fl.samples[0]
	}
	switch {
	case s == "" && fl.in == "query" && isPagingKey(fl.key) && !cursorKeys[squash(fl.key)]:
		return typeInt // a page, offset or page size the collection leaves blank
	case s == "":
		// An empty sample is a blank to fill in, not a value to send: a
		// pointer would burden every caller (an Example sends the empty
		// value with WithQuery or WithHeader).
		return typeString
	case s == "true":
		return typeBool
	case s == "false":
		return typeBoolPtr
	case isCanonicalInt(s):
		if s == "0" {
			return typeIntPtr
		}
		return typeInt
	case isCanonicalFloat(s):
		if f, _ := strconv.ParseFloat(s, 64); f == 0 {
			return typeFloatPtr
		}
		return typeFloat
	case isCanonicalUTCTime(s):
		return typeTime
	}
	return typeString
}

// isCanonicalInt reports whether s is an int64 as strconv writes it.
func isCanonicalInt(s string) bool {
	n, err := strconv.ParseInt(s, 10, 64)
	return err == nil && strconv.FormatInt(n, 10) == s
}

// isCanonicalFloat reports whether s is a decimal fraction as the runtime
// writes a float64.
func isCanonicalFloat(s string) bool {
	if !strings.Contains(s, ".") {
		return false
	}
	f, err := strconv.ParseFloat(s, 64)
	return err == nil && strconv.FormatFloat(f, 'f', -1, 64) == s
}

// isCanonicalUTCTime reports whether s is an RFC 3339 UTC time as the
// runtime writes a time.Time.
func isCanonicalUTCTime(s string) bool {
	t, err := time.Parse(time.RFC3339Nano, s)
	return err == nil && t.Location() == time.UTC && t.Format(time.RFC3339Nano) == s
}

// exampleValue renders a sample as a Go value of the field's type, with
// qual before the SDK's own names; ok is false when the field is better
// left unset in an example.
func exampleValue(fl *field, qual string) (string, bool) {
	s := fl.def
	if len(fl.samples) > 0 {
		s = fl.samples[0]
	}
	switch fl.goType {
	case typeFile:
		if fl.def != "" {
			return "", false // Postman cannot read the author's file: it sends none
		}
		return "&" + qual + "FormFile{}", true
	case typeStrings:
		vs := make([]string, len(fl.samples))
		for i, v := range fl.samples {
			vs[i] = quote(v)
		}
		return "[]string{" + strings.Join(vs, ", ") + "}", true
	case typeFlag:
		return "true", true
	case typeString:
		return quote(s), s != ""
	case typeInt, typeFloat, typeBool:
		return s, s != "" // a blank page size typed by its name has no value to show
	case typeIntPtr:
		return qual + "Ptr(int64(" + s + "))", true
	case typeFloatPtr:
		return qual + "Ptr(float64(" + s + "))", true
	case typeBoolPtr:
		return qual + "Ptr(" + s + ")", true
	case typeTime:
		t, _ := time.Parse(time.RFC3339Nano, s)
		return "time.Date(" + strconv.Itoa(t.Year()) + ", time." + t.Month().String() + ", " + strconv.Itoa(t.Day()) + ", " +
			strconv.Itoa(t.Hour()) + ", " + strconv.Itoa(t.Minute()) + ", " + strconv.Itoa(t.Second()) + ", " + strconv.Itoa(t.Nanosecond()) + ", time.UTC)", true
	}
	return "", false
}

// argsFunc is the runtime function that adds a field of type goType in
// place in.
func argsFunc(in, goType string) string {
	switch {
	case goType == typeFile:
		return "sdk.File"
	case goType == typeFlag:
		return "sdk.Flag"
	case in == "header":
		return "sdk.Header"
	case in == "form":
		return "sdk.Form"
	}
	return "sdk.Query"
}

// samples lists, by request path, what each method sends only when asked.
func (p *plan) samples() map[string]Samples {
	out := map[string]Samples{}
	p.forEachMethod(func(m *method) {
		var s Samples
		if m.params != nil {
			for _, fl := range m.params.fields {
				if fl.in == "header" {
					s.Header = append(s.Header, fl.key)
				} else {
					s.Query = append(s.Query, fl.key)
				}
			}
		}
		if m.body != nil && m.body.form != nil {
			for _, fl := range m.body.form.fields {
				s.Form = append(s.Form, fl.key)
			}
		}
		switch b := m.op.body; {
		case b == nil, b.mode == model.BodyURLEncoded, b.mode == model.BodyFormData:
		case b.mode == model.BodyGraphQL:
			s.GraphQLVariables = b.gqlVariables != ""
		default:
			s.Body = true
		}
		out[m.req.Path] = s
	})
	return out
}

// allHave reports whether every request of rs has the key k among the
// rows rows lists.
func allHave(rs []*model.Request, k string, rows func(*model.Request, func(k, v string))) bool {
	for _, r := range rs {
		found := false
		rows(r, func(key, _ string) { found = found || key == k })
		if !found {
			return false
		}
	}
	return true
}

// pathArgumentVars lists the variables that are path arguments, sorted.
func (p *plan) pathArgumentVars() []string {
	set := map[string]bool{}
	p.forEachMethod(func(m *method) {
		for _, a := range m.pathArgs {
			if a.variable {
				set[a.varName] = true
			}
		}
	})
	return sortedSet(set)
}

func lowerSet(keys []string) map[string]bool {
	set := make(map[string]bool, len(keys))
	for _, k := range keys {
		set[strings.ToLower(k)] = true
	}
	return set
}
