// Package secrets tells credentials from ordinary values. A collection is
// someone else's file, and the SDK generated from it is committed to the
// user's repository: no token, password or key in it may be copied into
// code, docs or the mock server. This package decides what counts as one:
//
//   - by name: the key a value is given under (a header, a query or form
//     parameter, a JSON member, an XML element, a variable), see Name;
//   - by shape: well-known token formats (Stripe, GitHub, Slack, AWS,
//     Google...), JWTs, private keys, literal Authorization values, see
//     Value and Tokens;
//   - inside text of any kind: request and response bodies (JSON, XML,
//     form-encoded, GraphQL, plain text), URLs (userinfo, query values)
//     and prose, see InText.
//
// It is pure and has no dependencies beyond the standard library, so both
// the generator and postgen's runtime can use the one definition.
package secrets

import "strings"

// secretWords are words that make a name a credential on their own.
var secretWords = map[string]bool{
	"password": true, "passwd": true, "pwd": true, "pass": true, "passphrase": true, "passcode": true,
	"secret": true, "secrets": true, "token": true, "credential": true, "credentials": true,
	"authorization": true, "auth": true, "cookie": true, "session": true, "signature": true, "sig": true,
	"bearer": true, "jwt": true, "otp": true, "apikey": true, "appid": true, "accesskey": true,
	"privatekey": true, "pin": true, "verifier": true, "assertion": true,
}

// secretFragments are matched against the name with separators removed
// and lower-cased ("X-Master-Key" is "xmasterkey").
var secretFragments = []string{
	"apikey", "apitoken", "secret", "password", "passwd", "token", "accesskey", "privatekey",
	"subscriptionkey", "authkey", "sessionid", "clientkey", "masterkey", "applicationkey",
	"appkey", "consumerkey", "accountkey", "signingkey", "encryptionkey", "licensekey",
	"developerkey", "devkey", "servicekey", "adminkey", "partnerkey", "merchantkey",
	"userkey", "restkey", "functionskey", "functionkey", "hostkey", "javascriptkey", "webhookkey", "hmackey", "sharedkey",
}

// notSecretWords mark names that mention a secret word but hold no
// credential: pagination tokens, token counts of language-model APIs,
// descriptions of a credential rather than the credential.
var notSecretWords = map[string]bool{
	"page": true, "next": true, "cursor": true, "continuation": true, "sync": true, "type": true,
	"url": true, "uri": true, "endpoint": true, "expiry": true, "expires": true, "expiration": true,
	"max": true, "total": true, "prompt": true, "completion": true, "count": true, "usage": true,
	"length": true, "policy": true, "hint": true, "format": true, "status": true, "required": true,
	"tokens": true, "tokenizer": true, "reset": true, "forgot": true, "changed": true, "strength": true,
}

// codeGrantNames are names that are credentials in an OAuth flow only:
// the authorization code of a token request.
var codeGrantNames = map[string]bool{"code": true, "authorization_code": true, "authcode": true, "auth_code": true}

// Name reports whether a name (of a header, parameter, member, element or
// variable) says its value is a credential.
func Name(name string) bool {
	ws := words(name)
	if len(ws) == 0 {
		return false
	}
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

// OAuthName is Name for the parameters of an OAuth request (one whose
// body or query has a grant_type or response_type): there the
// authorization code is a credential too.
func OAuthName(name string) bool {
	return Name(name) || codeGrantNames[strings.ToLower(strings.TrimSpace(name))]
}

// words returns the lower-cased words of a name, split at every rune
// that is not a letter or digit and at lower-to-upper case changes
// ("X-Api-Key", "apiKey" and "api_key" all give "api", "key").
func words(s string) []string {
	var out []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			out = append(out, strings.ToLower(string(cur)))
			cur = cur[:0]
		}
	}
	prevLower := false
	for _, r := range s {
		isUpper := r >= 'A' && r <= 'Z'
		isLower := r >= 'a' && r <= 'z'
		isDigit := r >= '0' && r <= '9'
		switch {
		case !isUpper && !isLower && !isDigit && r < 128:
			flush()
			prevLower = false
			continue
		case isUpper && prevLower:
			flush()
		}
		cur = append(cur, r)
		prevLower = isLower || isDigit
	}
	flush()
	return out
}
