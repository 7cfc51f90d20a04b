package conformance

import (
	"regexp"
	"strings"

	"github.com/postgen/postgen/generator"
	"github.com/postgen/postgen/internal/scriptscan"
	"github.com/postgen/postgen/model"
)

// item is one request of a collection with what the harness needs to
// know about it.
type item struct {
	req *model.Request
	// script is true when a pre-request script (collection, folder or
	// item level) runs before it: postgen cannot run scripts.
	script bool
}

// items lists the requests of c depth-first in input order, as newman
// runs them.
func items(c *model.Collection) []item {
	var out []item
	var walk func(folders []*model.Folder, requests []*model.Request, order []model.ItemRef, script bool)
	walk = func(folders []*model.Folder, requests []*model.Request, order []model.ItemRef, script bool) {
		for _, ref := range order {
			if ref.Folder {
				f := folders[ref.Index]
				walk(f.Folders, f.Requests, f.Order, script || hasPrerequest(f.Events))
				continue
			}
			r := requests[ref.Index]
			out = append(out, item{req: r, script: script || hasPrerequest(r.Events)})
		}
	}
	walk(c.Folders, c.Requests, c.Order, hasPrerequest(c.Events))
	return out
}

// hasPrerequest reports whether events hold an enabled, non-empty
// pre-request script.
func hasPrerequest(events []model.Event) bool {
	for _, e := range events {
		if e.Listen == "prerequest" && !e.Disabled && strings.TrimSpace(e.Script) != "" {
			return true
		}
	}
	return false
}

var varRef = regexp.MustCompile(`\{\{([^{}]*)\}\}`)

// dynamicValues are fixed values for the dynamic variables the SDK
// runtime implements (templates/runtime/vars.go and dynamic.go; keep the
// lists together). Both sides get them as ordinary variables, which
// shadow the dynamic ones (POSTMAN-FORMAT.md §7.7, W1), so requests that
// use them compare byte for byte.
var dynamicValues = map[string]string{
	"$guid":               "8c4b0f3e-2d6a-4f8e-9b1c-5a7d3e2f1a09",
	"$randomUUID":         "1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9",
	"$timestamp":          "1700000000",
	"$isoTimestamp":       "2023-11-14T22:13:20.000Z",
	"$randomInt":          "421",
	"$randomBoolean":      "true",
	"$randomAlphaNumeric": "q",
	"$randomSemver":       "1.2.3",
	"$randomFirstName":    "Ada",
	"$randomLastName":     "Lovelace",
	"$randomFullName":     "Ada Lovelace",
	"$randomUserName":     "Ada.Lovelace42",
	"$randomPassword":     "s3cretPassw0rd1",
	"$randomProtocol":     "https",
	"$randomDomainWord":   "acme",
	"$randomDomainSuffix": "com",
	"$randomDomainName":   "acme.com",
	"$randomUrl":          "https://acme.com",
	"$randomEmail":        "Ada.Lovelace@gmail.com",
	"$randomExampleEmail": "Ada.Lovelace@example.com",
	"$randomIP":           "192.0.2.7",
	"$randomIPV6":         "2001:db8:0:0:0:0:0:7",
	"$randomHexColor":     "#336699",
	"$randomMACAddress":   "02:00:00:00:00:07",
	"$randomPhoneNumber":  "555-010-0107",
	"$randomColor":        "teal",
}

// variables decides the variables both sides get (shared) and the ones
// only the SDK gets (sdkOnly): every variable a request refers to that
// the SDK does not carry a value for. Defined ones get the collection's
// value (a made-up one for a path argument it leaves empty), undefined
// ones a deterministic made-up value, and the variables
// postgen put in place of literal credentials the literal itself.
func variables(c *model.Collection, gen *generator.Result) (shared, sdkOnly map[string]string) {
	shared, sdkOnly = map[string]string{}, map[string]string{}
	hasDefault := map[string]bool{}
	for _, u := range gen.Variables {
		hasDefault[u.Name] = u.Default
	}
	for _, s := range gen.Scrubbed {
		if _, ok := sdkOnly[s.Name]; !ok {
			sdkOnly[s.Name] = s.Value
		}
	}
	hostVars := map[string]bool{}
	used := map[string]bool{}
	pathArg := map[string]bool{}
	for _, name := range gen.PathArguments {
		pathArg[name] = true
	}
	var queue []string
	for _, it := range items(c) {
		u := it.req.URL
		if len(u.Host) > 0 {
			for _, m := range varRef.FindAllStringSubmatch(u.Host[0], -1) {
				if u.Protocol == "" && strings.HasPrefix(u.Host[0], m[0]) {
					hostVars[m[1]] = true
				}
			}
		}
		for _, s := range it.req.Texts() {
			for _, m := range varRef.FindAllStringSubmatch(s, -1) {
				queue = append(queue, m[1])
			}
		}
		// Variables inside a path: its segments and its :name values.
		var inPath []string
		inPath = append(inPath, u.Path...)
		for _, v := range u.Variables {
			inPath = append(inPath, v.Value)
		}
		for _, s := range inPath {
			for _, m := range varRef.FindAllStringSubmatch(s, -1) {
				pathArg[m[1]] = true
			}
		}
	}
	queue = append(queue, scriptInputs(c)...)
	for len(queue) > 0 {
		name := queue[0]
		queue = queue[1:]
		if used[name] {
			continue
		}
		used[name] = true
		if strings.HasPrefix(name, "$") {
			if v, ok := dynamicValues[name]; ok {
				shared[name] = v
			}
			continue
		}
		if v, ok := c.LookupVariable(name); ok {
			text, ok := generator.VariableText(v)
			switch {
			case pathArg[name] && text == "":
				// A required path argument the collection leaves empty:
				// both sides get a value (Postman would send an empty
				// segment, which the SDK refuses before sending).
				shared[name] = madeUpValue(name, false)
			case ok && !hasDefault[name]:
				shared[name] = text
			}
			for _, m := range varRef.FindAllStringSubmatch(text, -1) {
				queue = append(queue, m[1])
			}
			continue
		}
		if _, ok := sdkOnly[name]; ok {
			continue
		}
		shared[name] = madeUpValue(name, hostVars[name])
	}
	return shared, sdkOnly
}

// madeUpValue is the value of a variable the collection does not define:
// an origin when it starts a URL without a protocol, else a word made
// from its name.
func madeUpValue(name string, origin bool) string {
	var b strings.Builder
	for _, r := range strings.ToLower(name) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	slug := b.String()
	if slug == "" {
		slug = "x"
	}
	if origin {
		return "https://" + slug + ".example"
	}
	return "v-" + slug
}

// credentials returns the literal parameters of r's auth by "type.param",
// the keys the runtime's auth options store credentials under. Parameters
// that refer to variables are left to the variables.
func credentials(r *model.Request) map[string]string {
	if r.Auth == nil || r.Auth.Type == model.AuthNoAuth {
		return nil
	}
	out := map[string]string{}
	// Without a token Postman sends no Authorization: an SDK user with no
	// token sets an empty one.
	switch r.Auth.Type {
	case model.AuthBearer:
		out["bearer.token"] = ""
	case model.AuthOAuth2:
		out["oauth2.accessToken"] = ""
	}
	for _, p := range r.Auth.Params {
		if !strings.Contains(p.Value, "{{") {
			out[r.Auth.Type+"."+p.Key] = p.Value
		}
	}
	return out
}

// scriptInputs are the variables the collection's scripts read and no
// script sets (an API key, a secret): run-time input, which both sides of
// the scripted pass get.
func scriptInputs(c *model.Collection) []string {
	set := map[string]bool{}
	var reads []string
	for _, e := range c.AllEvents() {
		if e.Disabled || strings.TrimSpace(e.Script) == "" {
			continue
		}
		r := scriptscan.Scan(e.Script)
		for _, v := range r.Sets {
			set[v.Name] = true
		}
		for _, v := range r.Reads {
			reads = append(reads, v.Name)
		}
	}
	var out []string
	for _, name := range reads {
		if !set[name] {
			out = append(out, name)
		}
	}
	return out
}
