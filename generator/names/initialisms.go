package names

import "slices"

// defaultInitialisms is golint's list followed by the initialisms common in
// HTTP APIs; see the package doc. Adding or removing an entry renames
// generated identifiers, so treat edits as breaking changes.
var defaultInitialisms = []string{
	// golint (golang.org/x/lint commonInitialisms).
	"ACL", "API", "ASCII", "CPU", "CSS", "DNS", "EOF", "GUID", "HTML", "HTTP",
	"HTTPS", "ID", "IP", "JSON", "LHS", "QPS", "RAM", "RHS", "RPC", "SLA",
	"SMTP", "SQL", "SSH", "TCP", "TLS", "TTL", "UDP", "UI", "UID", "UUID",
	"URI", "URL", "UTF8", "VM", "XML", "XMPP", "XSRF", "XSS",
	// HTTP APIs: auth schemes, cloud, payments, documents.
	"AWS", "BIC", "CSV", "HMAC", "IBAN", "IPv4", "IPv6", "JWT", "MFA",
	"OAuth", "OAuth1", "OAuth2", "OTP", "PDF", "SDK", "SMS", "SSL", "SSO",
	// Protocols and auth standards as their own documentation spells them.
	"CORS", "CSRF", "FTP", "GraphQL", "LDAP", "OIDC", "SAML", "SCIM", "SFTP",
	"TOTP",
}

// Namer turns free text into Go names. The zero value is not usable; use New.
// A Namer is not changed after New, so goroutines may share one.
type Namer struct {
	// initialisms maps an initialism in lower case to its Go spelling.
	initialisms map[string]string
}

// New returns a Namer with the default initialisms plus extra ones (e.g.
// "SKU", "EAN"); extras are given in their Go spelling, and an extra whose
// lower case matches a default replaces that default's spelling. An extra
// that is not an ASCII letter followed by ASCII letters and digits cannot be
// a token and is ignored.
func New(extraInitialisms ...string) *Namer {
	n := &Namer{initialisms: make(map[string]string, len(defaultInitialisms)+len(extraInitialisms))}
	for _, list := range [][]string{defaultInitialisms, extraInitialisms} {
		for _, s := range list {
			if validInitialism(s) {
				n.initialisms[toLower(s)] = s
			}
		}
	}
	return n
}

// validInitialism reports whether s could ever be produced as a token.
func validInitialism(s string) bool {
	if s == "" || !isUpper(s[0]) && !isLower(s[0]) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isASCIIAlnum(s[i]) {
			return false
		}
	}
	return true
}

// Initialisms returns the Go spellings the Namer recognises, sorted by their
// lower case, so the list can be documented or shown to a user.
func (n *Namer) Initialisms() []string {
	keys := make([]string, 0, len(n.initialisms))
	for k := range n.initialisms {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = n.initialisms[k]
	}
	return out
}

// isInitialism reports whether the lower-case token k is an initialism or
// an initialism's plural.
func (n *Namer) isInitialism(k string) bool {
	_, ok := n.initialism(k)
	return ok
}

// initialism returns the Go spelling of the lower-case token k when k is an
// initialism ("id" → "ID") or its plural ("ids" → "IDs").
func (n *Namer) initialism(k string) (string, bool) {
	if sp, ok := n.initialisms[k]; ok {
		return sp, true
	}
	if len(k) > 1 && k[len(k)-1] == 's' {
		if sp, ok := n.initialisms[k[:len(k)-1]]; ok {
			return sp + "s", true
		}
	}
	return "", false
}
