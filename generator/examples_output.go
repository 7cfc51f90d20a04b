package generator

import (
	"bytes"
	"encoding/json"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/postgen/postgen/model"
)

// An Example function calls its method on the SDK's mock server, which
// replays one of the collection's saved examples; when this file can tell
// which one, and how the example prints it, the Example gets an Output
// comment and go test runs it and checks what it prints.

// replay is the saved response the mock server answers an Example's call
// with: its status and body, as routes.go serves them.
type replay struct {
	status int
	body   string
}

// mockReplay holds the replay of each method whose answer is known.
type mockReplay struct{ by map[*method]*replay }

// of returns m's replay, nil when it is not known.
func (r *mockReplay) of(m *method) *replay {
	if r == nil {
		return nil
	}
	return r.by[m]
}

// mockReplays decides the replay of every method whose request the mock
// server routes to that method alone (no other request of the collection
// with the same method has a path that could match it), as
// sdkmock.Server picks an example without x-mock-response headers: the
// first 2xx, else the first, else an empty 200. A redirect (3xx) or a
// HEAD request has no known replay.
func (p *plan) mockReplays() *mockReplay {
	var all []*method
	p.forEachMethod(func(m *method) { all = append(all, m) })
	known := p.credentialTexts(runtimeVocabulary())
	out := &mockReplay{by: map[*method]*replay{}}
	for _, m := range all {
		if strings.EqualFold(m.op.method, "HEAD") || m.types == nil || needsCredential(m) || overlapped(m, all) {
			continue
		}
		r := &replay{status: 200}
		exs := m.req.Examples
		chosen := -1
		for i := range exs {
			if exs[i].Code/100 == 2 {
				chosen = i
				break
			}
		}
		if chosen < 0 && len(exs) > 0 {
			chosen = 0
		}
		if chosen >= 0 {
			if c := exs[chosen].Code; c != 0 {
				r.status = c
			}
			r.body = replaceAll(scrubExampleBody(exs[chosen].Body), known, mockRedacted)
			var b bytes.Buffer
			if json.Valid([]byte(r.body)) && json.Compact(&b, []byte(r.body)) == nil {
				r.body = b.String() // as bodyLit writes it
			}
		}
		if r.status < 200 || (r.status >= 300 && r.status < 400) {
			continue
		}
		out.by[m] = r
	}
	return out
}

// overlapped reports whether another method of all has the same HTTP
// method and a path (alone or after its base URL's path) that could match
// the path m is sent to.
func overlapped(m *method, all []*method) bool {
	mine := splitTemplate(m.op.path)
	for _, o := range all {
		if o == m || !strings.EqualFold(o.op.method, m.op.method) {
			continue
		}
		if segmentsMayMatch(mine, splitTemplate(o.op.path)) {
			return true
		}
		if o.op.origin != m.op.origin {
			// The mock also matches a path after the other origin's
			// base URL path: be safe and count it as overlapping.
			return true
		}
	}
	return false
}

// splitTemplate splits a path template into segments.
func splitTemplate(path string) []string {
	path = strings.Trim(path, "/")
	if path == "" {
		return nil
	}
	return strings.Split(path, "/")
}

// segmentsMayMatch reports whether one request path could match both
// templates: as many segments, each pair equal or one of them variable.
func segmentsMayMatch(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] && !variableSegment(a[i]) && !variableSegment(b[i]) {
			return false
		}
	}
	return true
}

// variableSegment reports whether a template segment holds a variable.
func variableSegment(s string) bool {
	return strings.HasPrefix(s, ":") || strings.Contains(s, "{{")
}

// printable reports whether a body reads as text: valid UTF-8 without
// control characters other than newlines and tabs.
func printable(body string) bool {
	if !utf8.ValidString(body) {
		return false
	}
	for _, r := range body {
		if r != '\n' && r != '\t' && unicode.IsControl(r) {
			return false
		}
	}
	return true
}

// outputLines are the lines of an Output comment that print body
// (fmt.Println adds the last newline); ok is false when go test could not
// compare them exactly: a comment loses trailing spaces, carriage returns
// and runs of blank lines, and a long body makes a poor example.
func outputLines(body string) (lines []string, ok bool) {
	if !printable(body) || strings.Contains(body, "\n\n\n") || strings.Count(body, "\n") > 40 {
		return nil, false
	}
	if strings.TrimSpace(body) == "" {
		return nil, true // go test trims the output
	}
	lines = strings.Split(strings.TrimRight(body, "\n"), "\n")
	for _, l := range lines {
		if strings.TrimRight(l, " \t") != l {
			return nil, false
		}
	}
	return lines, true
}

// exampleVariables are the variables m's Example sets for the mock
// server, sorted: those its request refers to (URL, headers, body, auth)
// that the SDK has no value for (undefined ones, credentials); the mock
// accepts any value. The base URL's variable is left out: WithBaseURL
// sets it.
func (p *plan) exampleVariables(m *method) []string {
	base := ""
	if len(p.origins) > 0 {
		if r := refs(p.origins[0]); len(r) == 1 && "{{"+r[0]+"}}" == p.origins[0] {
			base = r[0]
		}
	}
	texts := m.req.Texts()
	if a := m.req.Auth; a != nil {
		for _, prm := range a.Params {
			texts = append(texts, prm.Value)
		}
	}
	seen := map[string]bool{}
	var out []string
	for _, t := range texts {
		for _, name := range refs(t) {
			if seen[name] || name == "" || name == base || strings.HasPrefix(name, "$") {
				continue
			}
			seen[name] = true
			if _, ok := p.vars.defaults[name]; !ok || p.vars.secret[name] || p.vars.synthetic[name] != "" {
				out = append(out, name)
			}
		}
	}
	// Literal credentials the SDK replaced with a variable of their own.
	for name, path := range p.vars.synthetic {
		if !seen[name] && strings.HasPrefix(path, m.req.Path+".") {
			seen[name] = true
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}

// needsCredential reports whether m's auth holds a literal credential,
// which the SDK does not copy and only an auth option sets: its Example
// cannot run without one, so it gets no Output comment.
func needsCredential(m *method) bool {
	a := m.req.Auth
	if a == nil || a.Type == model.AuthNoAuth {
		return false
	}
	switch a.Type {
	case "apikey", "bearer", "basic":
		// The credential from a variable the Example sets; a literal
		// one is not copied and an empty one is not set.
		key := map[string]string{"apikey": "value", "bearer": "token", "basic": "username"}[a.Type]
		if !strings.Contains(authParam(a, key), "{{") {
			return true
		}
	case "oauth2":
		// A token from a variable; else a token source is needed.
		if !strings.Contains(authParam(a, "accessToken"), "{{") {
			return true
		}
	default:
		// Keys that must parse (ASAP, JWT), challenges (digest, NTLM),
		// signatures: a placeholder value does not do.
		return true
	}
	for _, prm := range a.Params {
		if v := strings.TrimSpace(prm.Value); v != "" && !strings.Contains(v, "{{") && (credentialParams[prm.Key] || isSecretName(prm.Key) || isSecretValue(v)) {
			return true
		}
	}
	return false
}

// credentialParams are the auth parameters that hold a credential.
var credentialParams = map[string]bool{
	"value": true, "token": true, "username": true, "password": true, "accessToken": true,
	"accessKey": true, "secretKey": true, "sessionToken": true, "clientSecret": true,
	"consumerKey": true, "consumerSecret": true, "tokenSecret": true, "authKey": true,
	"authId": true, "secret": true, "privateKey": true, "clientToken": true,
}
