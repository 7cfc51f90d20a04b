package secrets

import (
	"regexp"
	"sort"
	"strings"
)

// tokenFormats are credentials recognisable by their shape alone, wherever
// they appear: the formats their issuers document (and secret scanners
// such as GitHub's look for), JWTs, private keys, and literal credentials
// after an Authorization scheme. Each is specific enough that ordinary
// text does not match it.
var tokenFormats = []tokenFormat{
	// JSON Web Tokens: header.payload.signature, base64url.
	{[]string{"eyJ"}, regexp.MustCompile(`eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*`)},
	// PEM private keys, up to their end line (or the end of the text).
	{[]string{"PRIVATE KEY"}, regexp.MustCompile(`-----BEGIN [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----[\s\S]*?(-----END [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----|$)`)},
	// Stripe secret, restricted and webhook keys.
	{[]string{"k_"}, regexp.MustCompile(`\b(sk|rk)_(live|test)_[0-9A-Za-z]{10,}`)},
	{[]string{"whsec_"}, regexp.MustCompile(`\bwhsec_[0-9A-Za-z]{20,}`)},
	// GitHub tokens.
	{[]string{"ghp_", "gho_", "ghu_", "ghs_", "ghr_"}, regexp.MustCompile(`\bgh[pousr]_[A-Za-z0-9]{30,}`)},
	{[]string{"github_pat_"}, regexp.MustCompile(`\bgithub_pat_[A-Za-z0-9_]{22,}`)},
	// GitLab personal access tokens.
	{[]string{"glpat-"}, regexp.MustCompile(`\bglpat-[A-Za-z0-9_-]{20,}`)},
	// Slack tokens and webhook paths.
	{[]string{"xox"}, regexp.MustCompile(`\bxox[abposre]-[A-Za-z0-9-]{10,}`)},
	{[]string{"hooks.slack.com"}, regexp.MustCompile(`hooks\.slack\.com/services/[A-Za-z0-9/_-]{20,}`)},
	// AWS access key ids.
	{[]string{"AKIA", "ASIA", "AGPA", "AIDA", "AROA", "ANPA", "ANVA", "AIPA", "ABIA", "ACCA"}, regexp.MustCompile(`\b(AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA|ABIA|ACCA)[A-Z0-9]{16}\b`)},
	// Google API keys and OAuth client secrets.
	{[]string{"AIza"}, regexp.MustCompile(`\bAIza[0-9A-Za-z_-]{35}`)},
	{[]string{"GOCSPX-"}, regexp.MustCompile(`\bGOCSPX-[0-9A-Za-z_-]{20,}`)},
	// Postman API keys.
	{[]string{"PMAK-"}, regexp.MustCompile(`\bPMAK-[0-9a-fA-F]{24}-[0-9a-fA-F]{34}`)},
	// SendGrid, Twilio API keys, npm, Mailgun, Shopify, Square, OpenAI and
	// Anthropic keys.
	{[]string{"SG."}, regexp.MustCompile(`\bSG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}`)},
	{[]string{"SK"}, regexp.MustCompile(`\bSK[0-9a-fA-F]{32}\b`)},
	{[]string{"npm_"}, regexp.MustCompile(`\bnpm_[A-Za-z0-9]{36}`)},
	{[]string{"key-"}, regexp.MustCompile(`\bkey-[0-9a-f]{32}\b`)},
	{[]string{"shp"}, regexp.MustCompile(`\bshp(at|ss|ca|pa)_[a-fA-F0-9]{32}`)},
	{[]string{"sq0"}, regexp.MustCompile(`\bsq0(atp|csp)-[0-9A-Za-z_-]{22,}`)},
	{[]string{"sk-"}, regexp.MustCompile(`\bsk-(proj-|ant-)?[A-Za-z0-9_-]{32,}`)},
	// Telegram bot tokens (in URLs: /bot<id>:<secret>/).
	{[]string{":AA"}, regexp.MustCompile(`[0-9]{8,10}:AA[0-9A-Za-z_-]{33}`)},
}

// tokenFormat is one recognisable credential format; every match
// contains one of hints, checked first so that long text is scanned
// quickly (the regular expressions are most of a generate's secret
// scanning).
type tokenFormat struct {
	hints []string
	re    *regexp.Regexp
}

// mayMatch reports whether s holds one of f's hints.
func (f tokenFormat) mayMatch(s string) bool {
	for _, h := range f.hints {
		if strings.Contains(s, h) {
			return true
		}
	}
	return false
}

// literalAuthValue matches a literal credential after an Authorization
// scheme word: "Bearer abc...", "Basic dXNl...".
var literalAuthValue = regexp.MustCompile(`(?i)\b(` + strings.Join(authSchemeWords, "|") + `)(\s+)([A-Za-z0-9._~+/=:-]{12,})`)

// authSchemeWords are the scheme words of literalAuthValue, lower case.
var authSchemeWords = []string{"bearer", "basic", "token", "digest", "hawk", "aws4-hmac-sha256", "oauth", "apikey", "api-key", "sharedaccesssignature", "sso-key"}

// mayHoldAuthValue reports whether s holds a scheme word of
// literalAuthValue in any case, so that text without one skips the
// expression. (?i) folds as Unicode does: the Kelvin sign is a k (which
// strings.ToLower gives too) and the long s (ſ) an s, which ToLower
// keeps: text with one runs the expression.
func mayHoldAuthValue(s string) bool {
	if strings.Contains(s, "ſ") {
		return true
	}
	lower := strings.ToLower(s)
	for _, w := range authSchemeWords {
		if strings.Contains(lower, w) {
			return true
		}
	}
	return false
}

// Value reports whether a whole value looks like a credential whatever it
// is called: a token of a well-known format, a JWT, a private key, or an
// Authorization value with a literal credential ("Bearer 4f2...").
func Value(v string) bool {
	v = strings.TrimSpace(v)
	if v == "" || onlyRefs(v) {
		return false
	}
	if len(Tokens(v)) > 0 {
		return true
	}
	lower := strings.ToLower(v)
	for _, scheme := range []string{"bearer ", "basic ", "digest ", "hawk ", "aws4-hmac-sha256 ", "oauth ", "token ", "sso-key "} {
		if strings.HasPrefix(lower, scheme) {
			rest := strings.TrimSpace(v[len(scheme):])
			return rest != "" && !onlyRefs(rest) && (hasDigitOrMixedCase(rest) || len(rest) >= 24)
		}
	}
	return false
}

// Tokens returns the spans of text that hold a credential recognisable by
// its shape (see Value), sorted and without overlaps.
func Tokens(s string) []Span {
	if len(s) < 12 {
		return nil
	}
	var out []Span
	for _, f := range tokenFormats {
		if !f.mayMatch(s) {
			continue
		}
		for _, m := range f.re.FindAllStringIndex(s, -1) {
			out = append(out, Span{Start: m[0], End: m[1]})
		}
	}
	if !mayHoldAuthValue(s) {
		return merge(out)
	}
	for _, m := range literalAuthValue.FindAllStringSubmatchIndex(s, -1) {
		value := s[m[6]:m[7]]
		if onlyRefs(value) || !hasDigitOrMixedCase(value) {
			continue // "Bearer {{token}}", or prose: "basic authentication-style"
		}
		out = append(out, Span{Start: m[6], End: m[7]})
	}
	return merge(out)
}

// DigitOrMixedCase tells a credential ("dXNlcjpwYXNz", "4f2a...") from
// a word ("authentication", "HMAC"): it has a digit or both cases.
func DigitOrMixedCase(s string) bool { return hasDigitOrMixedCase(s) }

// hasDigitOrMixedCase tells a credential ("dXNlcjpwYXNz", "4f2a...") from
// a word of prose ("authentication").
func hasDigitOrMixedCase(s string) bool {
	lower, upper, digit := false, false, false
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z':
			lower = true
		case r >= 'A' && r <= 'Z':
			upper = true
		case r >= '0' && r <= '9':
			digit = true
		}
	}
	return digit || lower && upper
}

// merge sorts spans and joins overlapping ones, keeping the first key.
func merge(spans []Span) []Span {
	if len(spans) < 2 {
		return spans
	}
	sort.Slice(spans, func(i, j int) bool {
		if spans[i].Start != spans[j].Start {
			return spans[i].Start < spans[j].Start
		}
		return spans[i].End > spans[j].End
	})
	out := spans[:1]
	for _, s := range spans[1:] {
		last := &out[len(out)-1]
		if s.Start < last.End {
			if s.End > last.End {
				last.End = s.End
			}
			if last.Key == "" {
				last.Key = s.Key
			}
			continue
		}
		out = append(out, s)
	}
	return out
}

// onlyRefs reports whether s is made of {{variable}} references, spaces
// and scheme words only ("Bearer {{token}}"), so it holds no literal.
func onlyRefs(s string) bool {
	if !strings.Contains(s, "{{") {
		return false
	}
	rest, _ := withoutRefs(s)
	switch strings.ToLower(strings.Trim(rest, " \t:")) {
	case "", "bearer", "basic", "token", "digest", "apikey", "api-key":
		return true
	}
	return false
}

// OnlyRefs reports whether s holds no literal credential: only
// {{variable}} references, spaces and scheme words ("Bearer {{token}}").
func OnlyRefs(s string) bool { return onlyRefs(s) }

// Template reports whether s keeps its credential in {{variables}} and
// the text around them is only a label: "Api-Token {{DT_TOKEN}}",
// "{{user}}:{{pass}}". Such a value is sent as written, the variables
// set at run time; a value with a literal credential beside a reference
// ("{{user}}:s3cr3tPassw0rd42") is not a template.
func Template(s string) bool {
	if !strings.Contains(s, "{{") {
		return false
	}
	rest, closed := withoutRefs(s)
	if !closed || len(Tokens(rest)) > 0 { // a malformed reference is no template
		return false
	}
	for _, w := range strings.FieldsFunc(rest, func(r rune) bool { return strings.ContainsRune(" \t:=,;", r) }) {
		if len(w) >= 12 && hasDigitOrMixedCase(w) {
			return false
		}
	}
	return true
}

// withoutRefs returns s with each {{variable}} reference replaced by a
// space; closed is false when a "{{" has no "}}" after it (the text from
// there is kept as it is).
func withoutRefs(s string) (rest string, closed bool) {
	rest = s
	for {
		i := strings.Index(rest, "{{")
		if i < 0 {
			return rest, true
		}
		j := strings.Index(rest[i:], "}}")
		if j < 0 {
			return rest, false
		}
		rest = rest[:i] + " " + rest[i+j+2:]
	}
}
