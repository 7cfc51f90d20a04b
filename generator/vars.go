package generator

import (
	"regexp"
	"sort"
	"strconv"
	"strings"

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
	warn func(path, format string, args ...any)
	// env is the environment whose values override the collection's.
	env *model.Environment
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

// secretWords are words that make a parameter, header or variable name a
// credential.
var secretWords = map[string]bool{
	"password": true, "passwd": true, "pwd": true, "passphrase": true, "secret": true, "token": true,
	"credential": true, "credentials": true, "authorization": true, "auth": true, "cookie": true,
	"session": true, "signature": true, "bearer": true, "jwt": true, "otp": true, "apikey": true,
	"accesskey": true, "privatekey": true, "sig": true,
}

// secretFragments are matched against the name with separators removed.
var secretFragments = []string{"apikey", "secret", "password", "token", "accesskey", "privatekey", "subscriptionkey", "authkey", "sessionid"}

// notSecretWords mark names that mention a secret word but are not one,
// such as pagination tokens.
var notSecretWords = map[string]bool{"page": true, "next": true, "cursor": true, "continuation": true, "sync": true, "type": true, "url": true, "uri": true, "endpoint": true, "expiry": true, "expires": true}

// isSecretName reports whether a name (of a header, parameter, field or
// variable) says its value is a credential.
func isSecretName(name string) bool {
	ws := words(name)
	for _, w := range ws {
		if notSecretWords[w] {
			return false
		}
	}
	for _, w := range ws {
		if secretWords[w] {
			return true
		}
	}
	compact := strings.Join(ws, "")
	for _, f := range secretFragments {
		if strings.Contains(compact, f) {
			return true
		}
	}
	return false
}

var jwtLike = regexp.MustCompile(`^eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$`)

// isSecretValue reports whether a value looks like a credential whatever
// its name: a JWT, a private key, an Authorization header value.
func isSecretValue(v string) bool {
	v = strings.TrimSpace(v)
	if jwtLike.MatchString(v) || strings.Contains(v, "PRIVATE KEY") {
		return true
	}
	lower := strings.ToLower(v)
	for _, scheme := range []string{"bearer ", "basic ", "digest ", "hawk ", "aws4-hmac-sha256 ", "oauth "} {
		if strings.HasPrefix(lower, scheme) && !strings.Contains(v, "{{") {
			return true
		}
	}
	return false
}

// scrub returns the value to keep for a row named key. A literal
// credential is replaced with a reference to a variable of the key's name,
// which the SDK user sets; references are noted.
func (t *varTable) scrub(key, value, path string) string {
	secret := isSecretName(key)
	if (secret || isSecretValue(value)) && value != "" && !isOnlyRefs(value) {
		name := t.syntheticFor(key, value)
		t.replaced(name, key, path)
		t.scrubs = append(t.scrubs, Scrub{Name: name, Path: path, Value: value})
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
		t.warn(path, "the value of %q looks like a credential and was not copied into the SDK; set it with WithVariable(%q, ...)", key, name)
	}
}

// isOnlyRefs reports whether s consists of variable references and
// whitespace or scheme words ("Bearer {{token}}"), so it holds no literal
// credential.
func isOnlyRefs(s string) bool {
	rest := strings.TrimSpace(varRef.ReplaceAllString(s, ""))
	switch strings.ToLower(rest) {
	case "", "bearer", "basic", "token", "digest":
		return strings.Contains(s, "{{")
	}
	return false
}

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
		}
		if !taken || same {
			return name
		}
	}
}

// syntheticName is the variable that stands for a credential found in a
// row named key.
func syntheticName(key string) string {
	key = strings.TrimSpace(key)
	if key == "" {
		return "credential"
	}
	return key
}

// scrubRaw replaces string values of credential-named members in a JSON
// body with variable references, keeping the text otherwise byte for byte.
func (t *varTable) scrubRaw(raw, path string) string {
	t.note(raw, path, false)
	if !strings.Contains(raw, `"`) {
		return raw
	}
	var b strings.Builder
	last := 0
	for _, m := range secretJSONMembers(raw) {
		name := t.syntheticFor(m.key, raw[m.start:m.end])
		t.replaced(name, m.key, path)
		t.scrubs = append(t.scrubs, Scrub{Name: name, Path: path, Value: raw[m.start:m.end]})
		b.WriteString(raw[last:m.start])
		b.WriteString("{{" + name + "}}")
		last = m.end
	}
	if last == 0 {
		return raw
	}
	b.WriteString(raw[last:])
	return b.String()
}

// jsonMember is the byte range of a string value's contents (between the
// quotes) and the key it belongs to.
type jsonMember struct {
	key        string
	start, end int
}

// secretJSONMembers scans JSON-like text (comments and {{variables}} are
// tolerated) for "key": "value" pairs whose key names a credential and
// whose value is a literal.
func secretJSONMembers(s string) []jsonMember {
	var out []jsonMember
	var lastString string
	lastEnd := -1
	for i := 0; i < len(s); i++ {
		if s[i] != '"' {
			continue
		}
		start := i + 1
		j := start
		for j < len(s) && s[j] != '"' {
			if s[j] == '\\' {
				j++
			}
			j++
		}
		if j >= len(s) {
			break
		}
		text := s[start:j]
		// Is this string a value following `"key":`?
		if lastEnd >= 0 && strings.TrimSpace(s[lastEnd:i]) == ":" {
			key, _ := strconv.Unquote(`"` + lastString + `"`)
			if isSecretName(key) && text != "" && !isOnlyRefs(text) {
				out = append(out, jsonMember{key: key, start: start, end: j})
			}
			lastEnd = -1
		} else {
			lastString, lastEnd = text, j+1
		}
		i = j
	}
	return out
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
				p.warn(t.used[name], "variable %q is used but the collection does not define it: SDK users must set it with WithVariable(%q, ...)", name, name)
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
