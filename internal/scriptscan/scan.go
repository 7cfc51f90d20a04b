// Package scriptscan reads a Postman pre-request or test script without
// running it and says what it does to the requests it governs: the
// variables it sets, reads and clears, the headers and query parameters it
// adds or changes, whether it rewrites the URL, body, method or auth, how
// it signs (CryptoJS, Web Crypto, Node's crypto), and how many requests of
// its own it sends (pm.sendRequest).
//
// The scan is static and approximate: it tokenizes the JavaScript (strings,
// template literals, comments and regular expressions told apart) and
// looks at member chains rooted at the sandbox's globals, such as
// pm.environment.set("token", ...). A name is reported only when the
// script writes it as a literal and it is a plain identifier or header
// name (see Report); anything the scan cannot name is reported as a flag
// (DynamicSets, DynamicHeaders, ...). Scripts are untrusted input: the
// scan is linear in the script's size, uses no regular expressions, and
// copies nothing from the script but those validated names.
package scriptscan

import (
	"sort"
	"strings"

	"github.com/postgen/postgen/internal/secrets"
)

// Var is a Postman variable a script touches.
type Var struct {
	// Scope is "environment", "collectionVariables", "variables" or
	// "globals".
	Scope string
	Name  string
}

// Report is what a script does, as far as a static scan can tell. Name
// lists are in first-seen order, without duplicates.
type Report struct {
	// Sets are the variables it sets; DynamicSets is true when it also
	// sets some whose names it computes.
	Sets        []Var
	DynamicSets bool
	// Unsets are the variables it clears.
	Unsets []Var
	// Reads are the variables it reads.
	Reads []Var
	// Headers are the request headers it adds or changes, RemovedHeaders
	// the ones it removes; DynamicHeaders is true when it changes headers
	// whose names it computes.
	Headers        []string
	RemovedHeaders []string
	DynamicHeaders bool
	// Query are the query parameters it adds or changes; DynamicQuery is
	// true when it rewrites, clears or removes query parameters otherwise.
	Query        []string
	DynamicQuery bool
	// URL, Body, Method and Auth are true when it changes that part of
	// the request.
	URL, Body, Method, Auth bool
	// Signing lists the cryptographic functions it calls: "HMAC-SHA256",
	// "SHA-256", "MD5", "AES", ...
	Signing []string
	// SendRequests counts its pm.sendRequest calls.
	SendRequests int
	// Tests counts its assertions (pm.test, tests["..."]).
	Tests int
	// NextRequest is true when it changes the run order (setNextRequest).
	NextRequest bool
	// Eval is true when it runs code it builds or loads at run time (eval,
	// new Function), which no static scan can see.
	Eval bool
	// Packages are the packages it loads (require, pm.require), such as
	// "crypto-js" or "npm:jsrsasign@11.1.0".
	Packages []string
	// Calls counts the sandbox API it uses, by member chain: a call is
	// written "pm.environment.set()", an assignment "pm.request.url=", a
	// read "pm.response.code", a computed member "tests[]". Chains are cut
	// after six members.
	Calls map[string]int
	// Truncated is true when the script was too long to scan to its end.
	Truncated bool
}

// Effects reports whether the script changes anything the SDK would
// send or keep: a variable, the request, or an extra request.
func (r *Report) Effects() bool {
	return len(r.Sets) > 0 || r.DynamicSets || len(r.Unsets) > 0 || len(r.Headers) > 0 || len(r.RemovedHeaders) > 0 ||
		r.DynamicHeaders || len(r.Query) > 0 || r.DynamicQuery || r.URL || r.Body || r.Method || r.Auth ||
		len(r.Signing) > 0 || r.SendRequests > 0 || r.Eval
}

// roots are the sandbox's globals whose member chains the scan records.
var roots = map[string]bool{
	"pm": true, "postman": true, "CryptoJS": true, "crypto": true,
	// The legacy sandbox.
	"environment": true, "globals": true, "data": true, "iteration": true, "request": true,
	"responseBody": true, "responseCode": true, "responseHeaders": true, "responseCookies": true, "responseTime": true,
	"tests": true, "xml2Json": true, "btoa": true, "atob": true, "console": true, "require": true,
	"_": true, "cheerio": true, "tv4": true, "moment": true, "uuid": true,
}

// sandboxed are the roots that are the sandbox's own even when a script
// declares a variable of the same name elsewhere (it cannot shadow them
// everywhere).
var sandboxed = map[string]bool{"pm": true, "postman": true}

// maxChain is the longest member chain recorded.
const maxChain = 6

// Scan reads one script.
func Scan(src string) Report {
	toks, truncated := lex(src)
	s := &scanner{toks: toks, r: Report{Calls: map[string]int{}, Truncated: truncated}, seen: map[string]bool{}}
	s.declared = declarations(toks)
	for i := 0; i < len(toks); {
		i = s.at(i)
	}
	s.finish()
	return s.r
}

type scanner struct {
	toks     []token
	r        Report
	declared map[string]bool
	// seen deduplicates the name lists: "list\x00name".
	seen map[string]bool
	// subtleSign is true when crypto.subtle.sign is called; hmac and
	// hashes are the Web Crypto algorithm names written as literals.
	subtleSign bool
	hmac       bool
	hash       string
}

// declarations are the names the script declares (const, let, var,
// function, class), which shadow the legacy globals.
func declarations(toks []token) map[string]bool {
	out := map[string]bool{}
	for i := 0; i+1 < len(toks); i++ {
		if toks[i].kind != tIdent || toks[i+1].kind != tIdent {
			continue
		}
		switch toks[i].val {
		case "const", "let", "var", "function", "class":
			out[toks[i+1].val] = true
		}
	}
	return out
}

// at looks at the token at i and returns the index of the next token to
// look at (always more than i).
func (s *scanner) at(i int) int {
	t := s.toks[i]
	switch t.kind {
	case tString:
		s.literal(t.val)
		return i + 1
	case tIdent:
	default:
		return i + 1
	}
	if i > 0 && s.toks[i-1].kind == tPunct && s.toks[i-1].val == "." {
		if i < 2 || s.toks[i-2].kind != tPunct || s.toks[i-2].val != ")" && s.toks[i-2].val != "]" {
			return i + 1 // a member, handled with its chain
		}
		// Members of a call's result: require("crypto").createHmac(...).
		chain, end, after := s.chain(i)
		for k, member := range chain {
			if algo := s.signing(member, k == len(chain)-1, after); algo != "" {
				s.add(&s.r.Signing, "sign", algo)
			}
		}
		return end
	}
	chain, end, after := s.chain(i)
	for k, member := range chain[1:] {
		last := k == len(chain)-2
		if algo := s.signing(member, last, after); algo != "" {
			s.add(&s.r.Signing, "sign", algo)
		}
	}
	root := chain[0]
	if called := after < len(s.toks) && s.toks[after].kind == tPunct && s.toks[after].val == "("; called && len(chain) == 1 && !s.declared[root] {
		switch {
		case root == "eval":
			s.r.Eval = true
		case root == "Function" && i > 0 && s.toks[i-1].kind == tIdent && s.toks[i-1].val == "new":
			s.r.Eval = true
		}
	}
	if !roots[root] || s.declared[root] && !sandboxed[root] {
		s.helper(chain, i, after)
		return end
	}
	key := chainKey(chain)
	suffix := ""
	if after < len(s.toks) && s.toks[after].kind == tPunct {
		switch s.toks[after].val {
		case "(":
			suffix = "()"
		case "=", "op=":
			suffix = "="
		}
	}
	if len(chain) > 1 || suffix != "" || values[root] {
		s.r.Calls[key+suffix]++
	}
	s.effect(key, suffix, after)
	return end
}

// values are the legacy sandbox's globals that are values, recorded even
// when used alone (JSON.parse(responseBody)).
var values = map[string]bool{
	"responseBody": true, "responseCode": true, "responseHeaders": true, "responseCookies": true, "responseTime": true,
	"environment": true, "globals": true, "data": true, "iteration": true, "request": true,
}

// chain reads the member chain starting at the identifier at i: a.b.c,
// a["b"], a?.b, a[expr] (written a[]). end is the index just after it,
// except that a computed member's expression is left to be scanned (end
// is its "["); after is the index of the token that follows the whole
// chain, which says whether it is called or assigned.
func (s *scanner) chain(i int) (chain []string, end, after int) {
	chain = []string{s.toks[i].val}
	j := i + 1
	for j < len(s.toks) {
		t := s.toks[j]
		if t.kind != tPunct {
			break
		}
		if t.val == "." && j+1 < len(s.toks) && s.toks[j+1].kind == tIdent {
			if len(chain) < maxChain {
				chain = append(chain, s.toks[j+1].val)
			}
			j += 2
			continue
		}
		if t.val == "[" && j+2 < len(s.toks) && s.toks[j+1].kind == tString && s.toks[j+2].val == "]" && s.toks[j+2].kind == tPunct {
			if !isIdentifier(s.toks[j+1].val) || chain[0] == "tests" {
				return append(chain, "[]"), j + 3, j + 3
			}
			if len(chain) < maxChain {
				chain = append(chain, s.toks[j+1].val)
			}
			j += 3
			continue
		}
		if t.val == "[" {
			if close := s.closing(j); close > 0 {
				return append(chain, "[]"), j, close + 1
			}
		}
		break
	}
	return chain, j, j
}

// maxLookahead bounds how far the scan looks ahead of a token (for the
// end of a computed member, or the key of an object literal argument), so
// each look costs constant time however the script nests.
const maxLookahead = 64

// closing returns the index of the "]" or "}" that closes the bracket at
// open, or -1 when it is not within maxLookahead tokens.
func (s *scanner) closing(open int) int {
	depth := 0
	for j := open; j < len(s.toks) && j < open+maxLookahead; j++ {
		if d := nesting(s.toks[j]); d != 0 {
			if depth += d; depth == 0 {
				return j
			}
		}
	}
	return -1
}

// nesting is 1 for an opening bracket, -1 for a closing one, else 0.
func nesting(t token) int {
	if t.kind != tPunct || len(t.val) != 1 {
		return 0
	}
	switch t.val[0] {
	case '{', '[', '(':
		return 1
	case '}', ']', ')':
		return -1
	}
	return 0
}

// chainKey writes a chain as a.b.c, with computed members as a[].
func chainKey(chain []string) string {
	var b strings.Builder
	for i, m := range chain {
		if i > 0 && m != "[]" {
			b.WriteByte('.')
		}
		b.WriteString(m)
	}
	return b.String()
}

// scopes maps pm's variable scopes to themselves and the legacy setters
// to their scope and operation.
var scopes = map[string]string{
	"pm.environment": "environment", "pm.collectionVariables": "collectionVariables",
	"pm.variables": "variables", "pm.globals": "globals", "pm.iterationData": "iterationData",
}

var legacy = map[string]struct{ scope, op string }{
	"postman.setEnvironmentVariable":   {"environment", "set"},
	"postman.setGlobalVariable":        {"globals", "set"},
	"postman.getEnvironmentVariable":   {"environment", "get"},
	"postman.getGlobalVariable":        {"globals", "get"},
	"postman.clearEnvironmentVariable": {"environment", "unset"},
	"postman.clearGlobalVariable":      {"globals", "unset"},
}

// headerOps and queryOps are the PropertyList methods that add or change
// entries, and the ones that remove them.
var (
	addOps    = map[string]bool{"add": true, "upsert": true, "append": true, "prepend": true, "insert": true, "insertAfter": true, "populate": true, "repopulate": true, "assimilate": true}
	removeOps = map[string]bool{"remove": true, "clear": true}
)

// effect records what the chain key (with suffix "()" for a call, "=" for
// an assignment, followed by the token at end) does.
func (s *scanner) effect(key, suffix string, end int) {
	base, op := key, ""
	if k := strings.LastIndexByte(key, '.'); k >= 0 {
		base, op = key[:k], key[k+1:]
	}
	if suffix == "()" {
		if scope, ok := scopes[base]; ok {
			switch op {
			case "set":
				s.variable(&s.r.Sets, "sets", scope, end, true)
			case "unset":
				s.variable(&s.r.Unsets, "unsets", scope, end, false)
			case "get", "has":
				s.variable(&s.r.Reads, "reads", scope, end, false)
			case "clear":
				s.r.DynamicSets = true
			}
			return
		}
		if l, ok := legacy[key]; ok {
			switch l.op {
			case "set":
				s.variable(&s.r.Sets, "sets", l.scope, end, true)
			case "unset":
				s.variable(&s.r.Unsets, "unsets", l.scope, end, false)
			default:
				s.variable(&s.r.Reads, "reads", l.scope, end, false)
			}
			return
		}
	}
	switch {
	case key == "pm.sendRequest" && suffix == "()":
		s.r.SendRequests++
	case (key == "require" || key == "pm.require") && suffix == "()":
		if name, ok := s.stringArg(end); ok && isPackageName(name) {
			s.add(&s.r.Packages, "packages", name)
		}
	case (key == "pm.test" || key == "pm.expect") && suffix == "()":
		if key == "pm.test" {
			s.r.Tests++
		}
	case key == "tests[]" && suffix == "=":
		s.r.Tests++
	case strings.HasSuffix(key, "setNextRequest") && suffix == "()":
		s.r.NextRequest = true
	case strings.HasPrefix(key, "pm.request.") || key == "pm.request":
		s.request(strings.TrimPrefix(key, "pm.request"), suffix, end)
	case key == "crypto.subtle.sign" && suffix == "()":
		s.subtleSign = true
	case key == "crypto.subtle.digest" && suffix == "()":
		if h := webHash(s.firstString(end)); h != "" {
			s.add(&s.r.Signing, "sign", h)
		}
	}
}

// request records a use of pm.request<rest>.
func (s *scanner) request(rest, suffix string, end int) {
	call, assign := suffix == "()", suffix == "="
	base, op := rest, ""
	if k := strings.LastIndexByte(rest, '.'); k >= 0 {
		base, op = rest[:k], rest[k+1:]
	}
	switch {
	case base == ".headers" && call || base == "" && call && (op == "addHeader" || op == "upsertHeader" || op == "removeHeader"):
		if op == "addHeader" || op == "upsertHeader" {
			op = "add"
		}
		if op == "removeHeader" {
			op = "remove"
		}
		s.list(op, end, &s.r.Headers, &s.r.RemovedHeaders, &s.r.DynamicHeaders, "headers")
	case rest == ".headers" && assign:
		s.r.DynamicHeaders = true
	case base == ".url.query" && call:
		var removed []string
		s.list(op, end, &s.r.Query, &removed, &s.r.DynamicQuery, "query")
		if len(removed) > 0 {
			s.r.DynamicQuery = true
		}
	case rest == ".url.query" && assign:
		s.r.DynamicQuery = true
	case base == ".url" && call && (op == "addQueryParams" || op == "removeQueryParams"):
		if op == "addQueryParams" {
			if v, ok := s.stringArg(end); ok {
				for _, pair := range strings.Split(v, "&") {
					name, _, _ := strings.Cut(pair, "=")
					if isToken(name) {
						s.add(&s.r.Query, "query", name)
						continue
					}
					s.r.DynamicQuery = true
				}
				return
			}
		}
		s.r.DynamicQuery = true
	case (rest == ".url" || base == ".url") && assign, rest == ".url.update" && call:
		s.r.URL = true
	case (rest == ".body" || strings.HasPrefix(rest, ".body.")) && (assign || call && (op == "update" || addOps[op] || removeOps[op])):
		s.r.Body = true
	case rest == ".method" && assign:
		s.r.Method = true
	case (rest == ".auth" || strings.HasPrefix(rest, ".auth.")) && (assign || call && op != "parameters" && op != "toJSON"),
		rest == ".authorizeUsing" && call:
		s.r.Auth = true
	}
}

// list records a PropertyList operation op on headers or query whose first
// argument starts at end: a name string or a {key: "name"} object.
func (s *scanner) list(op string, end int, added, removed *[]string, dynamic *bool, what string) {
	var into *[]string
	switch {
	case addOps[op]:
		into = added
	case op == "remove":
		into = removed
	case op == "clear":
		*dynamic = true
		return
	default:
		return
	}
	name, ok := s.stringArg(end)
	if !ok {
		name, ok = s.objectKey(end)
	}
	if !ok || !isToken(name) {
		*dynamic = true
		return
	}
	list := "added " + what
	if into == removed {
		list = "removed " + what
	}
	s.add(into, list, name)
}

// helper records calls of the script's own functions that name a header
// they set, as in setOrUpdateHeaderParam('X-MBX-APIKEY', key): a call of a
// function whose name mentions a header and does not read one, with a
// header name as its first argument.
func (s *scanner) helper(chain []string, start, end int) {
	name := chain[len(chain)-1]
	lower := strings.ToLower(name)
	if !strings.Contains(lower, "header") || end >= len(s.toks) || s.toks[end].val != "(" || s.toks[end].kind != tPunct {
		return
	}
	if start > 0 && s.toks[start-1].kind == tIdent && s.toks[start-1].val == "function" {
		return // its declaration
	}
	for _, p := range []string{"get", "has", "find", "read", "is", "check", "remove", "delete", "parse"} {
		if strings.HasPrefix(lower, p) {
			return
		}
	}
	if h, ok := s.stringArg(end); ok && isToken(h) {
		s.add(&s.r.Headers, "added headers", h)
	}
}

// variable records a variable operation whose name is the first argument
// of the call at end; dynamic says whether an unnamed one counts as a
// dynamic set.
func (s *scanner) variable(list *[]Var, what, scope string, end int, dynamic bool) {
	name, ok := s.stringArg(end)
	if !ok || !isVariableName(name) {
		if dynamic {
			s.r.DynamicSets = true
		}
		return
	}
	key := what + "\x00" + scope + "\x00" + name
	if s.seen[key] {
		return
	}
	s.seen[key] = true
	*list = append(*list, Var{Scope: scope, Name: name})
}

// add appends name to list once.
func (s *scanner) add(list *[]string, what, name string) {
	key := what + "\x00" + name
	if s.seen[key] {
		return
	}
	s.seen[key] = true
	*list = append(*list, name)
}

// stringArg returns the call's first argument at end ("(") when it is a
// string literal on its own.
func (s *scanner) stringArg(end int) (string, bool) {
	if end+2 >= len(s.toks) || s.toks[end].val != "(" || s.toks[end+1].kind != tString {
		return "", false
	}
	if next := s.toks[end+2]; next.kind == tPunct && (next.val == "," || next.val == ")") {
		return s.toks[end+1].val, true
	}
	return "", false
}

// firstString returns the first string literal among the call's first
// few tokens (the algorithm of digest("SHA-256", ...) or of
// digest({name: "SHA-256"}, ...)).
func (s *scanner) firstString(end int) string {
	for j := end + 1; j < len(s.toks) && j < end+8; j++ {
		if s.toks[j].kind == tString {
			return s.toks[j].val
		}
	}
	return ""
}

// objectKey returns the key member of an object literal first argument:
// add({key: "X-Name", value: v}).
func (s *scanner) objectKey(end int) (string, bool) {
	if end+1 >= len(s.toks) || s.toks[end].val != "(" || s.toks[end+1].val != "{" || s.toks[end+1].kind != tPunct {
		return "", false
	}
	depth := 0
	for j := end + 1; j < len(s.toks) && j < end+maxLookahead; j++ {
		t := s.toks[j]
		if d := nesting(t); d != 0 {
			if depth += d; depth == 0 {
				return "", false
			}
			continue
		}
		if depth == 1 && (t.kind == tIdent || t.kind == tString) && (t.val == "key" || t.val == "name") &&
			j+2 < len(s.toks) && s.toks[j+1].val == ":" && s.toks[j+2].kind == tString {
			return s.toks[j+2].val, true
		}
	}
	return "", false
}

// literal notes the Web Crypto algorithm names a script writes.
func (s *scanner) literal(v string) {
	if strings.EqualFold(v, "HMAC") {
		s.hmac = true
	}
	if h := webHash(v); h != "" && s.hash == "" {
		s.hash = h
	}
}

// webHash is a Web Crypto hash name ("SHA-256"), "" for anything else.
func webHash(v string) string {
	switch strings.ToUpper(v) {
	case "SHA-1", "SHA-256", "SHA-384", "SHA-512":
		return strings.ToUpper(v)
	}
	return ""
}

// finish completes what needs the whole script.
func (s *scanner) finish() {
	if s.subtleSign {
		algo := "Web Crypto signature"
		if s.hmac {
			algo = "HMAC"
			if s.hash != "" {
				algo += "-" + strings.ReplaceAll(s.hash, "-", "")
			}
		}
		s.add(&s.r.Signing, "sign", algo)
	}
}

// cryptoJS names the CryptoJS (and Node crypto) functions that hash, sign
// or encrypt, as a report writes them.
var cryptoJS = map[string]string{
	"HmacSHA1": "HMAC-SHA1", "HmacSHA224": "HMAC-SHA224", "HmacSHA256": "HMAC-SHA256", "HmacSHA384": "HMAC-SHA384",
	"HmacSHA512": "HMAC-SHA512", "HmacSHA3": "HMAC-SHA3", "HmacMD5": "HMAC-MD5", "HmacRIPEMD160": "HMAC-RIPEMD160",
	"SHA1": "SHA-1", "SHA224": "SHA-224", "SHA256": "SHA-256", "SHA384": "SHA-384", "SHA512": "SHA-512", "SHA3": "SHA-3",
	"MD5": "MD5", "RIPEMD160": "RIPEMD-160", "AES": "AES", "DES": "DES", "TripleDES": "TripleDES", "RC4": "RC4",
	"Rabbit": "Rabbit", "PBKDF2": "PBKDF2",
	// jsrsasign (KJUR.jws.JWS.sign).
	"JWS": "JWS",
}

// signing is the algorithm a chain member names: a CryptoJS function, or
// (when it is the called member) Node's createHmac("sha256") and
// createHash("md5"); "" when it names none.
func (s *scanner) signing(member string, called bool, end int) string {
	if algo, ok := cryptoJS[member]; ok {
		return algo
	}
	if !called || member != "createHmac" && member != "createHash" {
		return ""
	}
	arg, _ := s.stringArg(end)
	arg = strings.ToUpper(strings.ReplaceAll(arg, "-", ""))
	hash, ok := cryptoJS[arg]
	if !ok || strings.HasPrefix(arg, "HMAC") {
		hash = ""
	}
	switch {
	case member == "createHash" && hash != "":
		return hash
	case member == "createHash":
		return "a hash"
	case hash != "":
		return "HMAC-" + strings.ReplaceAll(hash, "-", "")
	}
	return "HMAC"
}

// maxName is the longest name a report keeps.
const maxName = 100

// isVariableName reports whether name is a plain variable name: letters,
// digits, _ - . and $, not empty, not long, and not shaped like a
// credential (a script could pass a token where a name goes).
func isVariableName(name string) bool {
	if name == "" || len(name) > maxName {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !isIdentByte(c) && c != '-' && c != '.' {
			return false
		}
	}
	return !secrets.Value(name)
}

// isPackageName reports whether name is a plain package name:
// "crypto-js", "@scope/name", "npm:jsrsasign@11.1.0".
func isPackageName(name string) bool {
	if name == "" || len(name) > maxName {
		return false
	}
	for i := 0; i < len(name); i++ {
		if c := name[i]; !isIdentByte(c) && strings.IndexByte("-.@/:", c) < 0 {
			return false
		}
	}
	return !strings.Contains(name, "//") && !secrets.Value(name)
}

// isIdentifier reports whether name is an ASCII JavaScript identifier.
func isIdentifier(name string) bool {
	if name == "" || len(name) > maxName || isDigit(name[0]) {
		return false
	}
	for i := 0; i < len(name); i++ {
		if !isIdentByte(name[i]) {
			return false
		}
	}
	return true
}

// isToken reports whether name is an HTTP token (RFC 9110 §5.6.2), as
// header names and the query keys a report names must be.
func isToken(name string) bool {
	if name == "" || len(name) > maxName {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !isIdentByte(c) && strings.IndexByte("!#%&'*+-.^`|~", c) < 0 {
			return false
		}
	}
	return !secrets.Value(name)
}

// SortedCalls returns the keys of calls sorted by count, then name.
func SortedCalls(calls map[string]int) []string {
	keys := make([]string, 0, len(calls))
	for k := range calls {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if calls[keys[i]] != calls[keys[j]] {
			return calls[keys[i]] > calls[keys[j]]
		}
		return keys[i] < keys[j]
	})
	return keys
}
