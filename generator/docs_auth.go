package generator

import (
	"fmt"
	"strings"

	"github.com/postgen/postgen/model"
)

// authNames are how the documentation names Postman's auth types.
var authNames = map[string]string{
	model.AuthAPIKey:   "an API key",
	model.AuthBearer:   "a bearer token",
	model.AuthBasic:    "basic auth",
	model.AuthDigest:   "digest auth",
	model.AuthOAuth1:   "OAuth 1.0",
	model.AuthOAuth2:   "OAuth 2.0",
	model.AuthHawk:     "Hawk",
	model.AuthAWSV4:    "AWS Signature Version 4",
	model.AuthNTLM:     "NTLM",
	model.AuthEdgeGrid: "Akamai EdgeGrid",
	model.AuthJWT:      "a JWT",
	model.AuthASAP:     "ASAP",
}

// authName names auth type t for the docs ("a bearer token").
func authName(t string) string {
	if n, ok := authNames[t]; ok {
		return n
	}
	return oneLine(t) + " auth"
}

// authDoc is the sentence of a method's doc comment that says how its
// request authenticates: the auth type in effect, where the collection
// sets it, and how to give its credentials.
//
//	Auth: a bearer token (set on the collection); set with
//	WithBearerToken(token) or WithVariable("token", ...).
func (p *plan) authDoc(m *method) string {
	r := m.req
	a := r.Auth
	if a == nil {
		return ""
	}
	where := p.authOrigin(r, a)
	if a.Type == model.AuthNoAuth {
		return fmt.Sprintf("Auth: none (%s sets no auth).", where)
	}
	text := fmt.Sprintf("Auth: %s (set on %s)", authName(a.Type), where)
	if a.Type == model.AuthAPIKey {
		if key, in := authParam(a, "key"), authParam(a, "in"); key != "" && !strings.Contains(key, "{{") {
			if in != "query" {
				in = "header"
			}
			text = fmt.Sprintf("Auth: an API key in the %s %q (set on %s)", in, oneLine(key), where)
		}
	}
	if where == "the collection" {
		// Most methods: where it is set and how to give its credentials
		// is said once, in the package doc.
		return "Auth: " + authName(a.Type) + "."
	}
	if how := p.authHow(m); how != "" {
		return text + "; set with " + how + "."
	}
	return text + "."
}

// authOrigin says where the auth in effect for r is declared: "the
// request", "the folder "Bookings"" or "the collection".
func (p *plan) authOrigin(r *model.Request, a *model.Auth) string {
	if strings.HasPrefix(a.Path, r.Path+".") {
		return "the request"
	}
	for _, s := range p.services {
		for _, f := range append([]*model.Folder{s.folder}, p.naming.foldedInto[s]...) {
			if f.Auth != nil && f.Auth.Path == a.Path {
				return fmt.Sprintf("the folder %q", oneLine(f.Name))
			}
		}
	}
	return "the collection"
}

// authParam returns the value of auth parameter key, or "".
func authParam(a *model.Auth, key string) string {
	for _, p := range a.Params {
		if p.Key == key {
			return p.Value
		}
	}
	return ""
}

// authOptionNames lists the client options the runtime has for auth type
// t (its With... functions), so the docs name only options that exist.
func authOptionNames(t string) []string {
	var out []string
	for _, f := range authFuncs(t) {
		if strings.HasPrefix(f.Name, "With") && f.Result == "Option" {
			out = append(out, f.Name)
		}
	}
	return out
}

// orList joins words as "a", "a or b", "a, b or c".
func orList(words []string) string { return joinList(words, "or") }

// andList joins words as "a", "a and b", "a, b and c".
func andList(words []string) string { return joinList(words, "and") }

// joinList joins words with commas and conj before the last one.
func joinList(words []string, conj string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " " + conj + " " + words[len(words)-1]
}
