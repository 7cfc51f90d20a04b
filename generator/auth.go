package generator

import (
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/postgen/postgen/internal/secrets"
	"github.com/postgen/postgen/model"
)

// This file plans and emits the SDK's auth (POSTMAN-FORMAT.md §10). The
// parser has resolved inheritance: model.Request.Auth is the auth in effect.
// Each distinct auth becomes one scheme, a package variable of the runtime
// type of its auth type (auth_<type>.go), and each operation points at its
// scheme. A scheme holds the auth's settings (key names, URLs, algorithms)
// and, for each credential, only the {{variable}} the collection reads it
// from: a literal credential is never copied. The SDK user gives
// credentials with the type's option, or through those variables.

// authKind says what an auth parameter is.
type authKind uint8

const (
	setting authKind = iota // copied, {{variables}} resolved at run time
	secret                  // never copied: only a {{variable}} reference is kept
	flag                    // a boolean setting (§10.1)
	params                  // a list of extra OAuth 2.0 request parameters
)

// authField maps one Postman auth parameter to a field of the runtime type.
type authField struct {
	key   string // the Postman key, e.g. "accessTokenUrl"
	field string // the runtime struct field, e.g. "tokenURL"
	kind  authKind
	// def is written when the collection leaves the parameter out.
	def string
	// also lists older spellings of key, read when key is absent.
	also []string
}

// authType describes how one Postman auth type is generated.
type authType struct {
	// runtime is the runtime type, e.g. "BearerAuth" (of package sdk, or
	// of sdkoauth2 for OAuth 2.0).
	runtime string
	// goName names the scheme variables, e.g. "Bearer" gives authBearer.
	goName string
	// option is how SDK users give its credentials, for messages.
	option string
	fields []authField
}

// authTypes lists the auth types the runtime implements.
var authTypes = map[string]authType{
	model.AuthAPIKey: {runtime: "APIKeyAuth", goName: "APIKey", option: "WithAPIKey(key)", fields: []authField{
		{key: "key", field: "key"}, {key: "in", field: "in"}, {key: "value", field: "value", kind: secret},
	}},
	model.AuthBearer: {runtime: "BearerAuth", goName: "Bearer", option: "WithBearerToken(token)", fields: []authField{
		{key: "token", field: "token", kind: secret},
	}},
	model.AuthBasic: {runtime: "BasicAuth", goName: "Basic", option: "WithBasicAuth(username, password)", fields: []authField{
		{key: "username", field: "username", kind: secret}, {key: "password", field: "password", kind: secret},
	}},
	model.AuthDigest: {runtime: "DigestAuth", goName: "Digest", option: "WithDigestAuth(username, password)", fields: []authField{
		{key: "username", field: "username", kind: secret}, {key: "password", field: "password", kind: secret},
		{key: "realm", field: "realm"}, {key: "nonce", field: "nonce"}, {key: "algorithm", field: "algorithm"},
		{key: "qop", field: "qop"}, {key: "nonceCount", field: "nonceCount"}, {key: "clientNonce", field: "clientNonce"},
		{key: "opaque", field: "opaque"}, {key: "disableRetryRequest", field: "noRetry", kind: flag},
	}},
	model.AuthOAuth1: {runtime: "OAuth1Auth", goName: "OAuth1", option: "WithOAuth1(consumerKey, consumerSecret, token, tokenSecret)", fields: []authField{
		{key: "consumerKey", field: "consumerKey", kind: secret}, {key: "consumerSecret", field: "consumerSecret", kind: secret},
		{key: "token", field: "token", kind: secret}, {key: "tokenSecret", field: "tokenSecret", kind: secret},
		{key: "privateKey", field: "privateKey", kind: secret}, {key: "verifier", field: "verifier", kind: secret},
		{key: "signatureMethod", field: "signatureMethod"}, {key: "timestamp", field: "timestamp"}, {key: "nonce", field: "nonce"},
		{key: "version", field: "version"}, {key: "realm", field: "realm"}, {key: "callback", field: "callback"},
		{key: "addParamsToHeader", field: "toHeader", kind: flag}, {key: "addEmptyParamsToSign", field: "signEmpty", kind: flag},
		{key: "includeBodyHash", field: "bodyHash", kind: flag}, {key: "disableHeaderEncoding", field: "rawHeader", kind: flag},
	}},
	model.AuthOAuth2: {runtime: "Auth", goName: "OAuth2", option: "WithTokenSource(ts)", fields: []authField{
		{key: "accessToken", field: "accessToken", kind: secret},
		{key: "addTokenTo", field: "addTokenTo"}, {key: "tokenType", field: "tokenType"},
		{key: "headerPrefix", field: "headerPrefix", def: "Bearer"},
		{key: "grant_type", field: "grantType"}, {key: "authUrl", field: "authURL"}, {key: "accessTokenUrl", field: "tokenURL"},
		{key: "scope", field: "scope"}, {key: "redirect_uri", field: "redirectURI", also: []string{"callbackUrl", "callBackUrl"}},
		{key: "client_authentication", field: "clientAuth"}, {key: "challengeAlgorithm", field: "challengeAlgorithm"},
		{key: "clientId", field: "clientID", kind: secret}, {key: "clientSecret", field: "clientSecret", kind: secret},
		{key: "username", field: "username", kind: secret}, {key: "password", field: "password", kind: secret},
		{key: "authRequestParams", field: "authParams", kind: params}, {key: "tokenRequestParams", field: "tokenParams", kind: params},
	}},
	model.AuthHawk: {runtime: "HawkAuth", goName: "Hawk", option: "WithHawkAuth(id, key)", fields: []authField{
		{key: "authId", field: "id", kind: secret}, {key: "authKey", field: "key", kind: secret},
		{key: "algorithm", field: "algorithm"}, {key: "user", field: "user"}, {key: "nonce", field: "nonce"},
		{key: "timestamp", field: "timestamp"}, {key: "extraData", field: "ext"}, {key: "app", field: "app"},
		{key: "delegation", field: "dlg"}, {key: "includePayloadHash", field: "payloadHash", kind: flag},
	}},
	model.AuthAWSV4: {runtime: "AWSV4Auth", goName: "AWSV4", option: "WithAWSCredentials(accessKey, secretKey, sessionToken)", fields: []authField{
		{key: "accessKey", field: "accessKey", kind: secret}, {key: "secretKey", field: "secretKey", kind: secret},
		{key: "sessionToken", field: "sessionToken", kind: secret},
		{key: "region", field: "region"}, {key: "service", field: "service"}, {key: "addAuthDataToQuery", field: "toQuery", kind: flag},
	}},
	model.AuthNTLM: {runtime: "NTLMAuth", goName: "NTLM", option: "WithNTLMAuth(username, password)", fields: []authField{
		{key: "username", field: "username", kind: secret}, {key: "password", field: "password", kind: secret},
		{key: "domain", field: "domain"}, {key: "workstation", field: "workstation"},
		{key: "disableRetryRequest", field: "noRetry", kind: flag},
	}},
	model.AuthEdgeGrid: {runtime: "EdgeGridAuth", goName: "EdgeGrid", option: "WithEdgeGrid(clientToken, clientSecret, accessToken)", fields: []authField{
		{key: "accessToken", field: "accessToken", kind: secret}, {key: "clientToken", field: "clientToken", kind: secret},
		{key: "clientSecret", field: "clientSecret", kind: secret},
		{key: "baseURL", field: "baseURL"}, {key: "nonce", field: "nonce"}, {key: "timestamp", field: "timestamp"},
		{key: "headersToSign", field: "headersToSign"}, {key: "maxBodySize", field: "maxBodySize"},
	}},
	model.AuthJWT: {runtime: "JWTAuth", goName: "JWT", option: "WithJWTKey(key)", fields: []authField{
		{key: "secret", field: "secret", kind: secret}, {key: "privateKey", field: "privateKey", kind: secret},
		{key: "algorithm", field: "algorithm"}, {key: "isSecretBase64Encoded", field: "base64Secret", kind: flag},
		{key: "payload", field: "payload"}, {key: "header", field: "header"},
		{key: "addTokenTo", field: "addTokenTo"}, {key: "headerPrefix", field: "headerPrefix", def: "Bearer"},
		{key: "queryParamKey", field: "queryParamKey", def: "token"},
	}},
	model.AuthASAP: {runtime: "ASAPAuth", goName: "ASAP", option: "WithASAPKey(privateKeyPEM)", fields: []authField{
		{key: "privateKey", field: "privateKey", kind: secret},
		{key: "alg", field: "alg"}, {key: "kid", field: "kid"}, {key: "iss", field: "iss"}, {key: "sub", field: "sub"},
		{key: "aud", field: "aud"}, {key: "exp", field: "exp"}, {key: "claims", field: "claims"},
	}},
}

// scheme is one distinct auth of the collection.
type scheme struct {
	typ string
	// varName is the package variable holding it, e.g. "authBearer".
	varName string
	// values are the runtime struct's fields, in table order, zero ones
	// left out.
	values []schemeValue
	// paths are the JSON paths of the auth objects it stands for.
	paths []string
	// methods counts the operations that use it.
	methods int
	// settings keeps the copied settings by Postman key, for docs.
	settings map[string]string
}

// schemeValue is one field of a scheme literal.
type schemeValue struct {
	field string
	text  string
	// notCopied marks a literal credential left out.
	notCopied bool
	params    [][2]string
}

// authPlan is the auth of the whole SDK.
type authPlan struct {
	schemes []*scheme
	byKey   map[string]*scheme
	// byAuth caches the scheme of each declaring auth object.
	byAuth map[*model.Auth]*scheme
	// leftOut counts, per auth type, the literal credentials not copied;
	// refs lists the variables credentials are read from.
	leftOut map[string]int
	refs    map[string][]string
	// configName and flowName are the Client's OAuth 2.0 helpers, "" when
	// no scheme is oauth2.
	configName, flowName string
}

// planAuth gives every method the scheme of its effective auth. It runs
// after the methods are planned and before the variables are finished, so
// that the variables feeding credentials are known as secrets.
func (p *plan) planAuth() {
	p.auth = &authPlan{byKey: map[string]*scheme{}, byAuth: map[*model.Auth]*scheme{}, leftOut: map[string]int{}, refs: map[string][]string{}}
	p.forEachMethod(func(m *method) {
		if s := p.schemeOf(m.req.Auth); s != nil {
			s.methods++
			m.op.auth = s.varName
		}
	})
	p.reportLeftOut()
	if o := p.oauth2Scheme(); o != nil {
		p.auth.configName = p.client.members.Claim("OAuth2Config")
		p.auth.flowName = p.client.members.Claim("OAuth2Flow")
		p.warn(model.CodeOAuth2Module, o.paths[0], "the SDK imports golang.org/x/oauth2 for OAuth2: add it to the SDK's module with go get golang.org/x/oauth2")
	}
}

// schemeOf returns the scheme of a declared auth, nil when it sends
// nothing: noauth, and types Postman has no handler for (the parser has
// warned about those).
func (p *plan) schemeOf(a *model.Auth) *scheme {
	if a == nil {
		return nil
	}
	if s, ok := p.auth.byAuth[a]; ok {
		return s
	}
	t, ok := authTypes[a.Type]
	if !ok {
		p.auth.byAuth[a] = nil
		return nil
	}
	s := &scheme{typ: a.Type, settings: map[string]string{}}
	byKey := map[string]model.AuthParam{}
	for _, prm := range a.Params {
		byKey[prm.Key] = prm
	}
	for _, f := range t.fields {
		prm, ok := byKey[f.key]
		for _, alt := range f.also {
			if !ok {
				prm, ok = byKey[alt]
			}
		}
		path := a.Path + "." + a.Type
		if v := p.schemeValue(a.Type, f, prm, ok, path+"."+f.key); v != nil {
			s.values = append(s.values, *v)
			if f.kind == setting || f.kind == flag {
				s.settings[f.key] = v.text
			}
		}
	}
	if a.Type == model.AuthOAuth2 {
		s.pkce()
	}
	p.checkScheme(a, s)
	key := s.key()
	if existing, ok := p.auth.byKey[key]; ok {
		existing.paths = append(existing.paths, a.Path)
		p.auth.byAuth[a] = existing
		return existing
	}
	s.paths = []string{a.Path}
	s.varName = p.pkgScope.Claim("auth" + t.goName)
	p.auth.byKey[key] = s
	p.auth.byAuth[a] = s
	p.auth.schemes = append(p.auth.schemes, s)
	return s
}

// schemeValue decides what one parameter becomes; nil leaves the field
// at its zero value.
func (p *plan) schemeValue(typ string, f authField, prm model.AuthParam, present bool, path string) *schemeValue {
	v := &schemeValue{field: f.field}
	switch f.kind {
	case secret:
		switch {
		case !present || prm.Value == "" || prm.Kind == "null":
			return nil
		case onlyRefs(prm.Value) || secrets.Template(prm.Value):
			// "Api-Token {{DT_TOKEN}}": the variable is the credential,
			// the label around it is sent as written.
			v.text = prm.Value
			p.vars.note(prm.Value, path, true)
			p.auth.refs[typ] = appendNew(p.auth.refs[typ], refs(prm.Value)...)
		default:
			v.notCopied = true
			p.auth.leftOut[typ]++
		}
		return v
	case params:
		v.params = p.extraParams(prm, path)
		if len(v.params) == 0 {
			return nil
		}
		return v
	case flag:
		if !present {
			return nil
		}
		v.text = flagText(prm)
		p.vars.note(v.text, path, false)
		if v.text == "false" || v.text == "" {
			return nil
		}
		return v
	}
	if !present {
		if f.def == "" {
			return nil
		}
		v.text = f.def
		return v
	}
	if prm.Kind == "object" || prm.Kind == "array" {
		v.text = prm.Value // JSON text, e.g. a JWT payload given as an object
	} else if prm.Kind != "null" {
		v.text = prm.Value
	}
	// Settings are sent as written, so the literal credentials inside
	// one (a JWT claim, a client_secret in an authorization URL's query)
	// become variables the SDK user sets, like those of request rows.
	v.text = p.vars.scrubText(v.text, path, false)
	if v.text == "" && f.def == "" {
		return nil
	}
	return v
}

// flagText reads a flag the way Postman's runtime does (§10.1): auth
// parameters are variables, so the attribute's declared type casts the
// value first (type "string" makes any value non-empty text, so even false
// reads as true; type "boolean" applies JavaScript's Boolean, which is true
// for the text "false"), then JavaScript truthiness decides. Exports from
// the Postman app write flags as JSON booleans with type "boolean", which
// read as expected; the difference only shows on hand-edited collections,
// and there postgen sends what Postman sends. The runtime reads the result
// with truthy.
func flagText(prm model.AuthParam) string {
	if strings.Contains(prm.Value, "{{") {
		return prm.Value
	}
	if prm.Type == "string" && prm.Kind != "string" {
		return "true" // String(false), String(0), String(null) are non-empty
	}
	switch prm.Kind {
	case "boolean":
		return prm.Value
	case "null":
		return "false"
	case "number":
		if f, err := strconv.ParseFloat(prm.Value, 64); err != nil || f == 0 {
			return "false"
		}
		return "true"
	case "string":
		if prm.Value == "" {
			return "false"
		}
	}
	return "true"
}

// extraParams reads authRequestParams or tokenRequestParams: an array of
// {key, value, enabled}. Values that look like credentials are dropped.
func (p *plan) extraParams(prm model.AuthParam, path string) [][2]string {
	if prm.Kind != "array" {
		return nil
	}
	var out [][2]string
	for i, row := range jsonRows(prm.Value) {
		key, value := row["key"], row["value"]
		if key == "" || row["enabled"] == "false" || row["send_as"] != "" && row["send_as"] != "request_body" && row["send_as"] != "request_url" {
			continue
		}
		// Token request parameters often carry client assertions, so only
		// references and a few well-known public ones are copied.
		tokenSide := strings.HasSuffix(path, "tokenRequestParams")
		if secrets.OAuthName(key) || isSecretValue(value) || len(secrets.InText(value, true)) > 0 || tokenSide && !onlyRefs(value) && !publicTokenParams[key] {
			field := "AuthParams"
			if tokenSide {
				field = "TokenParams"
			}
			p.warn(model.CodeCredentialNotCopied, fmt.Sprintf("%s[%d]", path, i), "the value of %q is not copied into the SDK: it may be a credential; add it with OAuth2Flow.%s", key, field)
			continue
		}
		p.vars.note(value, path, false)
		out = append(out, [2]string{key, value})
	}
	return out
}

// checkScheme warns about auth that sends nothing in Postman.
func (p *plan) checkScheme(a *model.Auth, s *scheme) {
	switch a.Type {
	case model.AuthAPIKey:
		if s.settings["key"] == "" {
			p.warn(model.CodeAuthSendsNothing, a.Path, "the apikey auth names no key: Postman sends no header for it, and neither does the SDK")
		}
	case model.AuthOAuth2:
		if strings.EqualFold(s.settings["tokenType"], "mac") {
			p.warn(model.CodeAuthSendsNothing, a.Path, "the oauth2 token type is mac: Postman sends no token for it, and neither does the SDK")
		}
	}
}

// pkce keeps an oauth2 scheme's challengeAlgorithm only for the grant
// that uses it, where Postman's default is S256.
func (s *scheme) pkce() {
	withPKCE := s.settings["grant_type"] == "authorization_code_with_pkce"
	kept := s.values[:0]
	for _, v := range s.values {
		if v.field != "challengeAlgorithm" || withPKCE {
			kept = append(kept, v)
		}
	}
	s.values = kept
	if withPKCE && s.settings["challengeAlgorithm"] == "" {
		s.values = append(s.values, schemeValue{field: "challengeAlgorithm", text: "S256"})
		s.settings["challengeAlgorithm"] = "S256"
	}
	if !withPKCE {
		delete(s.settings, "challengeAlgorithm")
	}
}

// key identifies a scheme by what it emits.
func (s *scheme) key() string {
	var b strings.Builder
	b.WriteString(s.typ)
	for _, v := range s.values {
		fmt.Fprintf(&b, "\x00%s=%q/%v/%q", v.field, v.text, v.notCopied, v.params)
	}
	return b.String()
}

// reportLeftOut says, per auth type, how many credentials were not copied
// and how to give them.
func (p *plan) reportLeftOut() {
	types := map[string]bool{}
	for _, s := range p.auth.schemes {
		types[s.typ] = true
	}
	var order []string
	for t := range types {
		order = append(order, t)
	}
	sort.Strings(order)
	for _, typ := range order {
		var first *scheme
		for _, s := range p.auth.schemes {
			if s.typ == typ && first == nil {
				first = s
			}
		}
		n := p.auth.leftOut[typ]
		vars := p.auth.refs[typ]
		if n == 0 && len(vars) == 0 {
			continue
		}
		how := authTypes[typ].option
		for _, v := range vars {
			how += fmt.Sprintf(" or WithVariable(%q, ...)", v)
		}
		if n == 0 {
			p.warn(model.CodeCredentialVariables, first.paths[0], "%s auth reads its credentials from variables, whose values are not copied into the SDK; set with %s", typ, how)
			continue
		}
		p.warn(model.CodeCredentialNotCopied, first.paths[0], "%s auth: %s not copied into the SDK; set with %s", typ, pluralWas(n, "credential value"), how)
	}
}

func pluralWas(n int, what string) string {
	if n == 1 {
		return "1 " + what + " was"
	}
	return fmt.Sprintf("%d %ss were", n, what)
}

// authTypesUsed lists the auth types whose runtime files the SDK needs.
func (p *plan) authTypesUsed() []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range p.auth.schemes {
		if !seen[s.typ] {
			seen[s.typ] = true
			out = append(out, s.typ)
		}
	}
	sort.Strings(out)
	return out
}

// declaredAuthTypes lists the auth types the collection declares anywhere
// that the runtime implements: a superset of the ones its SDK uses, whose
// runtime names generated code must leave alone.
func declaredAuthTypes(c *model.Collection) []string {
	seen := map[string]bool{}
	forEachAuth(c, func(a *model.Auth) {
		if _, ok := authTypes[a.Type]; ok {
			seen[a.Type] = true
		}
	})
	return sortedSet(seen)
}

// forEachAuth calls fn once for every auth object the collection declares.
func forEachAuth(c *model.Collection, fn func(*model.Auth)) {
	seen := map[*model.Auth]bool{}
	visit := func(a *model.Auth) {
		if a != nil && !seen[a] {
			seen[a] = true
			fn(a)
		}
	}
	visit(c.Auth)
	var walk func([]*model.Folder, []*model.Request)
	walk = func(fs []*model.Folder, rs []*model.Request) {
		for _, r := range rs {
			visit(r.Auth)
		}
		for _, f := range fs {
			visit(f.Auth)
			walk(f.Folders, f.Requests)
		}
	}
	walk(c.Folders, c.Requests)
}

func sortedSet(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// publicTokenParams are token request parameters that are never secret.
var publicTokenParams = map[string]bool{"audience": true, "resource": true, "scope": true}

// authParamText returns the text of an auth's parameter.
func authParamText(a *model.Auth, key string) (string, bool) {
	for _, prm := range a.Params {
		if prm.Key == key {
			return prm.Value, true
		}
	}
	return "", false
}

// authOwnsHeader reports whether auth a replaces or removes the request's
// header named key when it is applied (§10.4), so the collection's row is
// never sent and is left out of the SDK.
func authOwnsHeader(a *model.Auth, key string) bool {
	if a == nil {
		return false
	}
	lower := strings.ToLower(key)
	switch a.Type {
	case model.AuthAPIKey:
		name, _ := authParamText(a, "key")
		in, _ := authParamText(a, "in")
		return in != "query" && name != "" && lowerWords(name) == lowerWords(key)
	case model.AuthOAuth2:
		typ, _ := authParamText(a, "tokenType")
		return lower == "authorization" && !strings.EqualFold(typ, "mac")
	case model.AuthAWSV4:
		return lower == "authorization" || strings.HasPrefix(lower, "x-amz-")
	case model.AuthBearer, model.AuthBasic, model.AuthOAuth1, model.AuthHawk, model.AuthEdgeGrid, model.AuthJWT, model.AuthASAP:
		return lower == "authorization"
	}
	return false
}

// authOwnsQuery is authOwnsHeader for query parameters.
func authOwnsQuery(a *model.Auth, key string) bool {
	if a == nil {
		return false
	}
	switch a.Type {
	case model.AuthAPIKey:
		name, _ := authParamText(a, "key")
		in, _ := authParamText(a, "in")
		return in == "query" && name == key
	case model.AuthOAuth2:
		typ, _ := authParamText(a, "tokenType")
		return key == "access_token" && !strings.EqualFold(typ, "mac")
	case model.AuthOAuth1:
		return strings.HasPrefix(key, "oauth_")
	case model.AuthAWSV4:
		return strings.HasPrefix(strings.ToLower(key), "x-amz-")
	}
	return false
}

// lowerWords is lodash's lowerCase, as the runtime's apikey auth uses it to
// match header names: the words of s, lower-cased, joined by spaces.
func lowerWords(s string) string {
	return strings.Join(words(s), " ")
}

// onlyRefs reports whether s is made of {{variable}} references and
// spaces alone, so it holds no literal credential.
func onlyRefs(s string) bool {
	return strings.Contains(s, "{{") && strings.TrimSpace(varRef.ReplaceAllString(s, "")) == ""
}

func appendNew(list []string, items ...string) []string {
	for _, it := range items {
		if !contains(list, it) {
			list = append(list, it)
		}
	}
	return list
}

// emitAuth writes auth_schemes.go: one variable per scheme, and the
// OAuth 2.0 helpers when a scheme is oauth2.
//
//	// authBearer is the bearer auth declared at auth (the collection).
//	var authBearer = &sdk.BearerAuth{Token: "{{token}}"}
func (p *plan) emitAuth() *jen.File {
	f := p.newFile()
	for _, s := range p.auth.schemes {
		f.Add(comment(p.schemeDoc(s)...)...)
		f.Var().Id(s.varName).Op("=").Op("&").Add(authRuntimeType(s.typ)).Add(multiline(schemeFields(s)...))
		f.Line()
	}
	if o := p.oauth2Scheme(); o != nil {
		p.emitOAuth2Helpers(f, o)
	}
	return f
}

// authRuntimeType is the runtime type of auth type typ: of package sdk,
// or of sdkoauth2 for OAuth 2.0.
func authRuntimeType(typ string) jen.Code {
	if typ == model.AuthOAuth2 {
		return jen.Qual(sdkOAuth2Path, authTypes[typ].runtime)
	}
	return sdkName(authTypes[typ].runtime)
}

// schemeDoc says where a scheme comes from and how its credentials are set.
func (p *plan) schemeDoc(s *scheme) []string {
	paths := make([]string, len(s.paths))
	for i, path := range s.paths {
		paths[i] = path
		if path == "auth" {
			paths[i] = "auth (the collection's)"
		}
	}
	where := strings.Join(paths, ", ")
	if len(paths) > 3 {
		where = fmt.Sprintf("%s and %d more places", strings.Join(paths[:3], ", "), len(paths)-3)
	}
	head := fmt.Sprintf("%s is the %s auth of %s, declared at %s.", s.varName, s.typ, pluralMethods(s.methods), where)
	how := fmt.Sprintf("Its credentials are not in the SDK: set them with %s.", authTypes[s.typ].option)
	for _, v := range s.values {
		if v.text != "" && strings.Contains(v.text, "{{") && !v.notCopied && isCredentialField(s.typ, v.field) {
			how = fmt.Sprintf("Its credentials are not in the SDK: set them with %s, or set the variables its fields name with WithVariable.", authTypes[s.typ].option)
			break
		}
	}
	return []string{head, how}
}

// isCredentialField reports whether field of an auth type's runtime
// struct holds a credential.
func isCredentialField(typ, field string) bool {
	for _, f := range authTypes[typ].fields {
		if f.field == field {
			return f.kind == secret
		}
	}
	return false
}

// authHow says how to give the credentials of a method's auth: the
// option of its type, and the variables its credential fields read
// ("WithBearerToken(token) or WithVariable("token", ...)"); "" when the
// method does not authenticate.
func (p *plan) authHow(m *method) string {
	if m.op.auth == "" {
		return ""
	}
	var s *scheme
	for _, sc := range p.auth.schemes {
		if sc.varName == m.op.auth {
			s = sc
		}
	}
	how := authTypes[s.typ].option
	for _, v := range s.values {
		// An oauth2 request sends only the access token; the client
		// credentials serve OAuth2Config.
		if isCredentialField(s.typ, v.field) && !v.notCopied && (s.typ != model.AuthOAuth2 || v.field == "accessToken") {
			for _, r := range refs(v.text) {
				how += fmt.Sprintf(" or WithVariable(%q, ...)", r)
			}
		}
	}
	return how
}

func pluralMethods(n int) string {
	if n == 1 {
		return "1 method"
	}
	return fmt.Sprintf("%d methods", n)
}

// schemeFields renders the fields of a scheme literal.
func schemeFields(s *scheme) []jen.Code {
	var out []jen.Code
	for _, v := range s.values {
		switch {
		case v.notCopied:
			out = append(out, jen.Id(sdkField(v.field)).Op(":").Add(sdkName("NotCopied")))
		case v.params != nil:
			rows := make([]jen.Code, len(v.params))
			for i, kv := range v.params {
				rows[i] = jen.Values(jen.Id("Key").Op(":").Lit(kv[0]), jen.Id("Value").Op(":").Lit(kv[1]))
			}
			out = append(out, jen.Id(sdkField(v.field)).Op(":").Index().Qual(sdkOAuth2Path, "Param").Add(multiline(rows...)))
		default:
			out = append(out, jen.Id(sdkField(v.field)).Op(":").Lit(v.text))
		}
	}
	return out
}

// oauth2Scheme is the oauth2 scheme the Client's OAuth 2.0 helpers use:
// the most used one that says how to obtain tokens, else the most used.
func (p *plan) oauth2Scheme() *scheme {
	var best *scheme
	rank := func(s *scheme) int {
		r := s.methods
		if s.settings["accessTokenUrl"] != "" || s.settings["authUrl"] != "" {
			r += 1 << 30
		}
		return r
	}
	for _, s := range p.auth.schemes {
		if s.typ == model.AuthOAuth2 && (best == nil || rank(s) > rank(best)) {
			best = s
		}
	}
	return best
}

// emitOAuth2Helpers writes Client.OAuth2Config and Client.OAuth2Flow.
//
//	func (c *Client) OAuth2Config(clientID, clientSecret, redirectURL string, scopes ...string) (*oauth2.Config, error)
func (p *plan) emitOAuth2Helpers(f *jen.File, s *scheme) {
	f.ImportName("golang.org/x/oauth2", "oauth2")
	config, flow := p.auth.configName, p.auth.flowName
	urls := []string{}
	for _, k := range []string{"authUrl", "accessTokenUrl"} {
		if u := s.settings[k]; u != "" {
			urls = append(urls, fmt.Sprintf("%s %s", k, oneLine(u)))
		}
	}
	from := "The collection gives no authorization or token URL: set cfg.Endpoint yourself."
	if len(urls) > 0 {
		from = fmt.Sprintf("The endpoint comes from the collection (%s), its variables resolved through the client's.", strings.Join(urls, ", "))
	}
	scopes := "scopes default to the collection's"
	if sc := s.settings["scope"]; sc != "" {
		scopes += fmt.Sprintf(" (%q)", oneLine(sc))
	}
	args := []jen.Code{jen.List(jen.Id("clientID"), jen.Id("clientSecret"), jen.Id("redirectURL")).String(), jen.Id("scopes").Op("...").String()}
	call := []jen.Code{jen.Id(s.varName), jen.Id("clientID"), jen.Id("clientSecret"), jen.Id("redirectURL"), jen.Id("scopes")}

	f.Add(comment(
		fmt.Sprintf("%s returns the OAuth 2.0 configuration of your application for the API, for golang.org/x/oauth2: cfg.PasswordCredentialsToken, cfg.Exchange, cfg.TokenSource.", config),
		from+" An empty redirectURL takes the collection's; "+scopes+"; the client authentication (header or body) is the collection's.",
		"Give the resulting token source to NewClient with WithTokenSource.",
	)...)
	f.Func().Params(jen.Id("c").Op("*").Id("Client")).Id(config).Params(args...).
		Params(jen.Op("*").Qual("golang.org/x/oauth2", "Config"), jen.Error()).Block(
		jen.Return(jen.Qual(sdkOAuth2Path, "Config").Call(append([]jen.Code{jen.Id("c").Dot("rt")}, call...)...)),
	)
	f.Line()
	pkce := ""
	if m := s.settings["challengeAlgorithm"]; m != "" {
		pkce = fmt.Sprintf(" with a PKCE verifier (%s)", oneLine(m))
	}
	f.Add(comment(
		fmt.Sprintf("%s starts an authorization-code grant with the settings of %s: a random state%s.", flow, config, pkce),
		"Send the user to flow.AuthCodeURL(), then call flow.Exchange with the state and code of the redirect. flow.AuthParams adds parameters to the authorization request and flow.Rename renames them, for servers that expect other names (redirect_url for redirect_uri, say).",
	)...)
	f.Func().Params(jen.Id("c").Op("*").Id("Client")).Id(flow).Params(args...).
		Params(jen.Op("*").Id("OAuth2Flow"), jen.Error()).Block(
		jen.Return(jen.Qual(sdkOAuth2Path, "StartFlow").Call(append([]jen.Code{jen.Id("c").Dot("rt")}, call...)...)),
	)
}

// jsonRows reads a JSON array of objects, each member as text.
func jsonRows(text string) []map[string]string {
	var rows []map[string]any
	if json.Unmarshal([]byte(text), &rows) != nil {
		return nil
	}
	out := make([]map[string]string, len(rows))
	for i, r := range rows {
		out[i] = map[string]string{}
		for k, v := range r {
			switch v := v.(type) {
			case string:
				out[i][k] = v
			case nil:
			default:
				b, _ := json.Marshal(v)
				out[i][k] = string(b)
			}
		}
	}
	return out
}
