package generator

import (
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/postgen/postgen/internal/secrets"
	"github.com/postgen/postgen/model"
)

// varTable decides which collection variables the SDK knows and which of
// their values it may copy. A value is copied only when a request uses the
// variable and nothing suggests it is a credential: credentials are set by
// the SDK user at run time, never written into code.
type varTable struct {
	coll *model.Collection
	// used holds every variable name a request refers to, with the JSON
	// path of its first use.
	used map[string]string
	// secret holds names whose values must not be copied.
	secret map[string]bool
	// synthetic holds variables postgen introduced in place of a literal
	// credential, with the path it came from.
	synthetic map[string]string
	// defaults are the copied values, by name.
	defaults map[string]string
	// scrubbed counts literal credentials replaced; scrubs lists them.
	scrubbed int
	scrubs   []Scrub
	// warn reports a diagnostic at a JSON path.
	warn func(code model.Code, path, format string, args ...any)
	// env is the environment whose values override the collection's.
	env *model.Environment
	// referenced holds every variable name the collection refers to
	// anywhere, defined or not; built on first need.
	referenced map[string]bool
}

func newVarTable(c *model.Collection) *varTable {
	return &varTable{
		coll:      c,
		used:      map[string]string{},
		secret:    map[string]bool{},
		synthetic: map[string]string{},
		defaults:  map[string]string{},
	}
}

// varRef matches a Postman variable reference (§7.1).
var varRef = regexp.MustCompile(`\{\{([^{}]*)\}\}`)

// refs returns the variable names referenced in s.
func refs(s string) []string {
	if !strings.Contains(s, "{{") {
		return nil
	}
	var out []string
	for _, m := range varRef.FindAllStringSubmatch(s, -1) {
		out = append(out, m[1])
	}
	return out
}

// note records the variables used in s at path; secret marks them as
// feeding a credential.
func (t *varTable) note(s, path string, secret bool) {
	for _, name := range refs(s) {
		if _, ok := t.used[name]; !ok {
			t.used[name] = path
		}
		if secret {
			t.secret[name] = true
		}
	}
}

// isSecretName and isSecretValue are the project's one definition of a
// credential (internal/secrets), by name and by shape.
func isSecretName(name string) bool { return secrets.Name(name) }

func isSecretValue(v string) bool { return secrets.Value(v) }

// scrub returns the value to keep for a row named key. A literal
// credential is replaced with a reference to a variable of the key's name,
// which the SDK user sets; references are noted.
func (t *varTable) scrub(key, value, path string) string {
	return t.scrubRow(key, value, path, false)
}

// scrubRow is scrub for a row of a request that oauth says is an OAuth
// token or authorization request, where the authorization code is a
// credential too. A value that only holds a credential somewhere inside
// (a token in a URL) is replaced whole.
func (t *varTable) scrubRow(key, value, path string, oauth bool) string {
	secret := isSecretName(key) || oauth && secrets.OAuthName(key)
	if (secret || isSecretValue(value) || len(secrets.Tokens(value)) > 0) && value != "" && !isOnlyRefs(value) {
		name := t.syntheticFor(key, value)
		t.replaced(name, key, path)
		t.scrubs = append(t.scrubs, Scrub{Name: name, Path: path, Value: value, Key: key})
		value = "{{" + name + "}}"
	}
	t.note(key, path, false)
	t.note(value, path, secret)
	return value
}

// replaced records that the literal value of key at path was replaced by
// the variable name.
func (t *varTable) replaced(name, key, path string) {
	t.synthetic[name] = path
	t.secret[name] = true
	t.scrubbed++
	if t.warn != nil {
		t.warn(model.CodeCredentialNotCopied, path, "the value of %q looks like a credential and was not copied into the SDK; set it with WithVariable(%q, ...)", key, name)
	}
}

// isOnlyRefs reports whether s consists of variable references and
// whitespace or scheme words ("Bearer {{token}}"), so it holds no literal
// credential.
func isOnlyRefs(s string) bool { return secrets.OnlyRefs(s) }

// syntheticFor is the variable that stands for the literal credential
// value of a row named key: the key's name, numbered ("password2") when
// that name already stands for a different value, here or in the
// collection's variables, so that each request keeps sending its own
// value once the user has set them.
func (t *varTable) syntheticFor(key, value string) string {
	base := syntheticName(key)
	for n := 1; ; n++ {
		name := base
		if n > 1 {
			name = base + strconv.Itoa(n)
		}
		taken, same := false, false
		for _, s := range t.scrubs {
			if s.Name == name {
				taken, same = true, same || s.Value == value
			}
		}
		if v, ok := t.coll.LookupVariable(name); ok && !taken {
			text, _ := renderVariable(v)
			taken, same = true, text == value
		} else if !taken && t.isReferenced(name) {
			// The collection means something else by {{name}} (an ID
			// another request sets, say), even if it never defines it:
			// the credential gets a name of its own.
			taken = true
		}
		if !taken || same {
			return name
		}
	}
}

// isReferenced reports whether the collection refers to {{name}}
// anywhere: in a request (URL, headers, body, auth), or in an auth or
// variable of a folder or the collection.
func (t *varTable) isReferenced(name string) bool {
	if t.referenced == nil {
		t.referenced = map[string]bool{}
		add := func(texts ...string) {
			for _, s := range texts {
				for _, n := range refs(s) {
					t.referenced[n] = true
				}
			}
		}
		addAuth := func(a *model.Auth) {
			if a != nil {
				for _, prm := range a.Params {
					add(prm.Value)
				}
			}
		}
		var walk func(folders []*model.Folder, requests []*model.Request)
		walk = func(folders []*model.Folder, requests []*model.Request) {
			for _, r := range requests {
				add(r.Texts()...)
			}
			for _, f := range folders {
				addAuth(f.Auth)
				walk(f.Folders, f.Requests)
			}
		}
		addAuth(t.coll.Auth)
		for _, v := range t.coll.Variables {
			add(v.Value)
		}
		walk(t.coll.Folders, t.coll.Requests)
	}
	return t.referenced[name]
}

// syntheticName is the variable that stands for a credential found in a
// row named key.
func syntheticName(key string) string {
	// {{$name}} is a dynamic variable and braces would end the
	// reference: neither may start or be part of the name.
	key = strings.TrimLeft(strings.TrimSpace(key), "$")
	key = strings.NewReplacer("{", "_", "}", "_").Replace(key)
	if key == "" {
		return "credential"
	}
	return key
}

// scrubText replaces the literal credentials inside text that is sent as
// written (a raw body, a GraphQL query or its variables, a URL path) with
// variable references, keeping the text otherwise byte for byte: values
// of credential-named JSON members, XML elements and attributes, form and
// GraphQL arguments, URL userinfo, and tokens recognisable by their shape
// (see internal/secrets).
func (t *varTable) scrubText(raw, path string, oauth bool) string {
	t.note(raw, path, false)
	return t.scrubSpans(raw, secrets.InText(raw, oauth), path)
}

// scrubSpans replaces the spans of raw, literal credentials, with
// references to variables the SDK user sets.
func (t *varTable) scrubSpans(raw string, spans []secrets.Span, path string) string {
	return secrets.Replace(raw, spans, func(s secrets.Span) string {
		key := s.Key
		if key == "" {
			key = "token"
		}
		value := raw[s.Start:s.End]
		name := t.syntheticFor(key, value)
		t.replaced(name, key, path)
		t.scrubs = append(t.scrubs, Scrub{Name: name, Path: path, Value: value, Key: key})
		return "{{" + name + "}}"
	})
}

// scrubRaw is scrubText for a raw body.
func (t *varTable) scrubRaw(raw, path string) string {
	return t.scrubText(raw, path, isOAuthText(raw))
}

// isOAuthText reports whether a body or query is an OAuth request's:
// there "code" is the authorization code.
func isOAuthText(s string) bool {
	return strings.Contains(s, "grant_type") || strings.Contains(s, "response_type")
}

// finish decides the defaults: every used, defined, non-secret variable
// (and the variables their values use in turn).
func (t *varTable) finish(p *plan) {
	queue := make([]string, 0, len(t.used))
	for name := range t.used {
		queue = append(queue, name)
	}
	sort.Strings(queue)
	seen := map[string]bool{}
	for len(queue) > 0 {
		name := queue[0]
		queue = queue[1:]
		if seen[name] {
			continue
		}
		seen[name] = true
		v, ok := t.lookupVariable(name)
		if !ok {
			if _, synth := t.synthetic[name]; !synth && !strings.HasPrefix(name, "$") {
				p.undefinedVariable(name)
			}
			continue
		}
		text, ok := renderVariable(v)
		if !ok {
			continue
		}
		if t.secret[name] || v.Type == "secret" || isSecretName(name) || isSecretValue(text) {
			t.secret[name] = true
			continue
		}
		text = t.scrubUserInfo(name, text)
		t.defaults[name] = text
		for _, inner := range refs(text) {
			if _, ok := t.used[inner]; !ok {
				t.used[inner] = t.used[name]
			}
			queue = append(queue, inner)
		}
	}
	for name := range t.synthetic {
		delete(t.defaults, name)
	}
}

// undefinedVariable reports a variable a request uses that nothing
// defines: a credential is a note (it is set at run time, as it should
// be), a variable of the base URL waits for planBaseURLs (WithBaseURL
// sets it, and postgen.yaml's baseURL replaces it), any other is a
// warning.
func (p *plan) undefinedVariable(name string) {
	t := p.vars
	switch {
	case p.isBaseURLVariable(name):
		p.undefinedBase = append(p.undefinedBase, name)
	case t.secret[name] || isSecretName(name):
		if !p.authVariables()[name] { // the auth's note says how to set it
			p.warn(model.CodeUndefinedCredential, t.used[name], "credential variable %q is not defined in the collection, as credentials should not be: SDK users set it at run time with WithVariable(%q, ...)", name, name)
		}
	case p.scriptSetting(name) != nil && p.scripts.option != "" && len(p.scriptArgMethods(name)) > 0:
		s, ms := p.scriptSetting(name), p.scriptArgMethods(name)
		p.warn(model.CodeScriptVariable, t.used[name], "variable %q is set at run time by the %s of %s (%s) and is a path argument of %s: pass its value as the argument, or leave the argument empty on a client with %s() to take the value the script stored", name, s.kind(), s.owner, s.event.Path, listSome(ms, maxScriptNames), p.scripts.option)
	case p.scriptSetting(name) != nil:
		s := p.scriptSetting(name)
		p.warn(model.CodeScriptVariable, t.used[name], "variable %q is set at run time by the %s of %s (%s), which the SDK does not run: set it with WithVariable(%q, ...) or compute it in a request hook", name, s.kind(), s.owner, s.event.Path, name)
	default:
		p.warn(model.CodeUndefinedVariable, t.used[name], "variable %q is used but the collection does not define it: SDK users must set it with WithVariable(%q, ...)", name, name)
	}
}

// scriptArgMethods names the methods ("Jobs.Get") that take the
// variable name as a {{name}} path argument.
func (p *plan) scriptArgMethods(name string) []string {
	var out []string
	p.forEachMethod(func(m *method) {
		for _, a := range m.pathArgs {
			if a.variable && a.varName == name {
				out = append(out, m.op.name)
				return
			}
		}
	})
	return out
}

// authVariables are the variables the auths' parameters refer to.
func (p *plan) authVariables() map[string]bool {
	out := map[string]bool{}
	if p.auth == nil {
		return out
	}
	for a := range p.auth.byAuth {
		for _, prm := range a.Params {
			for _, r := range refs(prm.Value) {
				out[r] = true
			}
		}
	}
	return out
}

// scrubUserInfo replaces the user:password of URLs inside the value of
// variable name ("https://me:pw@api.example.com") with a reference to a
// variable of its own, name_userinfo, which the SDK user sets: the rest
// of the URL stays the default.
func (t *varTable) scrubUserInfo(name, text string) string {
	if !strings.Contains(text, "@") {
		return text
	}
	var spans []secrets.Span
	for _, s := range secrets.InText(text, false) {
		if s.Key == "userinfo" {
			s.Key = name + "_userinfo"
			spans = append(spans, s)
		}
	}
	if len(spans) == 0 {
		return text
	}
	return t.scrubSpans(text, spans, "variable "+strconv.Quote(name))
}

// renderVariable renders a variable value as Postman substitutes it
// (§7.3): typed casts, JavaScript renderings of null and objects. ok is
// false when Postman would leave the reference unresolved.
func renderVariable(v model.Variable) (string, bool) {
	text, kind := v.Value, v.Kind
	switch kind {
	case "":
		return "", false
	case "null":
		text = "null"
	case "object":
		text = "[object Object]"
	case "array":
		text = strings.Trim(text, "[]")
	}
	switch v.Type {
	case "string":
		return text, true
	case "number":
		if kind == "number" {
			return text, true
		}
		if f, err := strconv.ParseFloat(strings.TrimSpace(text), 64); err == nil {
			return strconv.FormatFloat(f, 'f', -1, 64), true
		}
		if strings.TrimSpace(text) == "" {
			return "0", true
		}
		return "NaN", true
	case "boolean":
		switch kind {
		case "boolean":
			return text, true
		case "number":
			return strconv.FormatBool(text != "0"), true
		case "null":
			return "false", true
		case "string":
			return strconv.FormatBool(text != ""), true
		}
		return "true", true
	}
	return text, true
}

// sortedDefaults returns the defaults as sorted key/value pairs.
func (t *varTable) sortedDefaults() [][2]string {
	out := make([][2]string, 0, len(t.defaults))
	for k, v := range t.defaults {
		out = append(out, [2]string{k, v})
	}
	sort.Slice(out, func(i, j int) bool { return out[i][0] < out[j][0] })
	return out
}

// VariableUse is a collection variable the SDK's requests use.
type VariableUse struct {
	Name string
	// Default is true when the SDK carries the collection's value; the
	// others (credentials, undefined variables, the variables postgen put
	// in place of literal credentials) are set with WithVariable.
	Default bool
}

// Scrub is a literal credential postgen replaced with a {{Name}}
// reference. It exists in memory for postgen's fidelity harness, which
// sets the variable to the collection's value to compare requests; it is
// never written to any file.
type Scrub struct {
	Name, Path, Value string
	// Key is the name the value was given under in the collection.
	Key string
}

// uses lists the used variables, sorted by name.
func (t *varTable) uses() []VariableUse {
	out := make([]VariableUse, 0, len(t.used))
	for name := range t.used {
		_, ok := t.defaults[name]
		out = append(out, VariableUse{Name: name, Default: ok})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// VariableText renders a collection variable as Postman substitutes it
// (§7.3); ok is false when Postman would leave the reference unresolved.
func VariableText(v model.Variable) (text string, ok bool) { return renderVariable(v) }

// defaultText is the value Postman would substitute for the variable
// name (the environment's, then the collection's), for docs and examples;
// "" for none and for credentials, which are never copied.
func (t *varTable) defaultText(name string) string {
	if isSecretName(name) || t.secret[name] {
		return ""
	}
	if t.env != nil {
		if v, ok := t.env.Lookup(name); ok && !v.Disabled && v.Type != "secret" {
			text, _ := renderVariable(v)
			return text
		}
	}
	if v, ok := t.coll.LookupVariable(name); ok && !v.Disabled && v.Type != "secret" {
		if text, ok := renderVariable(v); ok && !isSecretValue(text) {
			return text
		}
	}
	return ""
}

// secretNames are the variables that hold credentials, sorted: the
// runtime hides their values in logs and errors, and only theirs (a slug
// or a user name set with WithVariable stays readable).
func (t *varTable) secretNames() []string {
	set := map[string]bool{}
	for name := range t.secret {
		set[name] = true
	}
	for name := range t.synthetic {
		set[name] = true
	}
	return sortedSet(set)
}
