package secrets

import (
	"net/url"
	"strings"
)

// Span is a literal credential inside a text: text[Start:End], the value
// of the member, element or parameter Key ("" for a credential recognised
// by its shape alone).
type Span struct {
	Start, End int
	Key        string
}

// InText returns the literal credentials inside text of any kind, sorted
// and without overlaps: values given under a credential name in JSON
// ("password": "..."), XML (<password>...</password>, password="..."),
// form and query strings (password=...), GraphQL arguments and YAML-like
// lines (password: "..."), and every token recognisable by its shape
// (Tokens). Values that are only {{variable}} references are not
// literals. oauth makes the authorization code ("code") a credential too,
// for the bodies of OAuth token requests.
func InText(text string, oauth bool) []Span {
	if text == "" {
		return nil
	}
	isName := Name
	if oauth {
		isName = OAuthName
	}
	spans := Tokens(text)
	spans = append(spans, assignments(text, isName)...)
	spans = append(spans, userInfos(text)...)
	if strings.Contains(text, "<") {
		spans = append(spans, xmlElements(text, isName)...)
	}
	return literals(text, spans, nil)
}

// InProse is InText for documentation: prose says "Password: at least 8
// characters", so a value after a credential name counts only when it is
// one word that looks like a credential (digits or mixed case, 6 bytes or
// more); known is a list of literal credentials to find as well (the
// values scrubbed elsewhere in the collection).
func InProse(text string, known []string) []Span {
	if text == "" {
		return nil
	}
	spans := Tokens(text)
	for _, s := range assignments(text, Name) {
		v := text[s.Start:s.End]
		if len(v) >= 6 && !strings.ContainsAny(v, " \t") && hasDigitOrMixedCase(v) {
			spans = append(spans, s)
		}
	}
	spans = append(spans, userInfos(text)...)
	return literals(text, spans, known)
}

// literals merges spans with the occurrences of known values, and drops
// the ones that hold no literal: empty, {{references}}, JSON keywords.
func literals(text string, spans []Span, known []string) []Span {
	for _, k := range known {
		if len(k) < MinKnown {
			continue
		}
		for off := 0; ; {
			i := strings.Index(text[off:], k)
			if i < 0 {
				break
			}
			start, end := off+i, off+i+len(k)
			off = end
			// Only whole words: a value "AuthPayload" is not found in
			// the identifier UpdateAuthPayload.
			if start > 0 && isWordByte(text[start-1]) && isWordByte(k[0]) || end < len(text) && isWordByte(text[end]) && isWordByte(k[len(k)-1]) {
				continue
			}
			spans = append(spans, Span{Start: start, End: end})
		}
	}
	spans = merge(spans)
	out := spans[:0]
	for _, s := range spans {
		v := strings.TrimSpace(text[s.Start:s.End])
		if placeholder(v) {
			continue
		}
		if onlyRefs(v) {
			continue
		}
		out = append(out, s)
	}
	return out
}

// placeholder reports whether v is a sample that holds no credential:
// empty, a JSON keyword, or the name of a type that API converters write
// as every example value ("accountKey": "string", from Swagger/OpenAPI).
func placeholder(v string) bool {
	switch strings.ToLower(strings.Trim(v, "<>")) {
	case "", "null", "true", "false", "undefined", "string", "integer", "number", "boolean", "int", "long", "uuid":
		return true
	}
	return false
}

// isWordByte reports whether c is part of a word or identifier.
func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c >= 0x80
}

// MinKnown is the length below which a known credential is not searched
// for in other text: "u" or "cs" are ordinary text far more often than a
// leak.
const MinKnown = 6

// userInfos finds the user:password of URLs ("https://me:pw@host").
func userInfos(s string) []Span {
	var out []Span
	for off := 0; ; {
		i := strings.Index(s[off:], "://")
		if i < 0 {
			return out
		}
		start := off + i + 3
		end := start
		for end < len(s) && !strings.ContainsRune("/?#\"<> \t\r\n'`", rune(s[end])) {
			end++
		}
		if at := strings.LastIndexByte(s[start:end], '@'); at > 0 {
			out = append(out, Span{Start: start, End: start + at, Key: "userinfo"})
		}
		off = end
	}
}

// Replace returns text with each span replaced by with(span). Spans must
// be sorted and must not overlap, as InText returns them.
func Replace(text string, spans []Span, with func(Span) string) string {
	if len(spans) == 0 {
		return text
	}
	var b strings.Builder
	b.Grow(len(text))
	last := 0
	for _, s := range spans {
		b.WriteString(text[last:s.Start])
		b.WriteString(with(s))
		last = s.End
	}
	b.WriteString(text[last:])
	return b.String()
}

// ReplaceKnown returns text with every whole-word occurrence of the known
// values (MinKnown bytes or longer) replaced by placeholder.
func ReplaceKnown(text string, known []string, placeholder string) string {
	return Replace(text, literals(text, nil, known), func(Span) string { return placeholder })
}

// Redact returns text with every literal credential InText finds replaced
// by placeholder.
func Redact(text, placeholder string) string {
	return Replace(text, InText(text, false), func(Span) string { return placeholder })
}

// assignments finds values assigned to credential names in JSON, form,
// query, GraphQL, YAML and header-like text: a name (quoted or not),
// then ":" or "=", then a value (quoted, or running to the next
// delimiter).
func assignments(s string, isName func(string) bool) []Span {
	var out []Span
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != ':' && c != '=' {
			continue
		}
		key, ok := keyBefore(s, i)
		if !ok || key[0] == '$' || !isName(key) {
			continue // "$password: String!" declares a GraphQL variable
		}
		if c == ':' && i+2 < len(s) && s[i+1] == '/' && s[i+2] == '/' {
			continue // a URL's scheme: "token://", not "token: value"
		}
		start, end := valueAfter(s, i+1, c)
		if start < end {
			// The scan goes on inside the value: in prose, a long value
			// after "Password:" may hold the assignment that matters.
			out = append(out, Span{Start: start, End: end, Key: key})
		}
	}
	return out
}

// keyBefore returns the name that ends just before s[i] (spaces and a
// closing quote skipped), unescaping form and query encoding.
func keyBefore(s string, i int) (string, bool) {
	j := i
	for j > 0 && (s[j-1] == ' ' || s[j-1] == '\t') {
		j--
	}
	quoted := byte(0)
	if j > 0 && (s[j-1] == '"' || s[j-1] == '\'') {
		quoted = s[j-1]
		j--
	}
	end := j
	for j > 0 && isKeyByte(s[j-1], quoted != 0) {
		j--
	}
	if j == end {
		return "", false
	}
	if quoted != 0 && (j == 0 || s[j-1] != quoted) {
		return "", false
	}
	key := s[j:end]
	if strings.Contains(key, "%") {
		if k, err := url.QueryUnescape(key); err == nil {
			key = k
		}
	}
	return key, true
}

// isKeyByte reports whether c can be part of a name: letters, digits and
// the separators names use; inside quotes spaces too ("api key").
func isKeyByte(c byte, quoted bool) bool {
	switch {
	case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		return true
	case c == '_' || c == '-' || c == '.' || c == '%' || c == '$' || c == '@':
		return true
	case c == ' ' && quoted:
		return true
	}
	return c >= 0x80
}

// valueAfter returns the span of the value that starts after s[i-1], the
// ":" or "=" of an assignment. A quoted value runs to its closing quote; a
// bare one to the next delimiter of the text it is in. Objects and arrays
// ("password": {...}) are not values: their members are looked at on
// their own.
func valueAfter(s string, i int, op byte) (int, int) {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	if i >= len(s) {
		return i, i
	}
	switch q := s[i]; q {
	case '"', '\'':
		j := i + 1
		for j < len(s) && s[j] != q && s[j] != '\n' {
			if s[j] == '\\' {
				j++
			}
			j++
		}
		if j > len(s) {
			j = len(s)
		}
		return i + 1, j
	case '{', '[', '\n', '\r':
		if q == '{' && strings.HasPrefix(s[i:], "{{") {
			break // a {{variable}}: InText drops it when it is only that
		}
		return i, i
	}
	if s[i] == '$' {
		return i, i // "password: $password" passes a GraphQL variable
	}
	j := i
	for j < len(s) && !isValueEnd(s[j], op) {
		if strings.HasPrefix(s[j:], "{{") {
			// A {{variable}} is one piece of a bare value: its braces
			// do not end it ("key": {{key}}, in a raw JSON template).
			if k := strings.Index(s[j+2:], "}}"); k >= 0 && !strings.ContainsAny(s[j+2:j+2+k], "\n\r") {
				j += 2 + k + 2
				continue
			}
		}
		j++
	}
	// "Bearer 4f2a..." after "Authorization:": the scheme word and the
	// credential after it are one value.
	if op == ':' && j < len(s) && s[j] == ' ' && isSchemeWord(s[i:j]) {
		k := j + 1
		for k < len(s) && !isValueEnd(s[k], op) {
			k++
		}
		j = k
	}
	return i, i + len(strings.TrimRight(s[i:j], " \t")) // trailing spaces are not the value
}

// isValueEnd reports whether c ends a bare value: the separators of form
// and query strings, JSON, XML and GraphQL, and line ends.
func isValueEnd(c byte, op byte) bool {
	switch c {
	case '&', '\n', '\r', ',', '}', ']', ')', '<', '>', '"', '\'', ';':
		return true
	case ' ', '\t':
		return op == '='
	}
	return false
}

// isSchemeWord reports whether w is an Authorization scheme.
func isSchemeWord(w string) bool {
	switch strings.ToLower(w) {
	case "bearer", "basic", "token", "digest", "hawk", "oauth", "apikey", "sso-key":
		return true
	}
	return false
}

// xmlElements finds the text of XML elements and the values of XML
// attributes whose local name is a credential: <password>x</password>,
// <wsse:Password Type="...">x</wsse:Password>. (Attributes are found by
// assignments: password="x".)
func xmlElements(s string, isName func(string) bool) []Span {
	var out []Span
	for i := 0; i < len(s); i++ {
		if s[i] != '<' || i+1 >= len(s) || s[i+1] == '/' || s[i+1] == '!' || s[i+1] == '?' {
			continue
		}
		j := i + 1
		for j < len(s) && s[j] != '>' && s[j] != ' ' && s[j] != '/' && s[j] != '\n' && s[j] != '\t' {
			j++
		}
		name := s[i+1 : j]
		local := name
		if k := strings.LastIndexByte(local, ':'); k >= 0 {
			local = local[k+1:]
		}
		if local == "" || !isName(local) {
			continue
		}
		open := strings.IndexByte(s[j:], '>')
		if open < 0 {
			break
		}
		if s[j+open-1] == '/' {
			continue // <password/>
		}
		start := j + open + 1
		closeTag := "</" + name
		end := strings.Index(s[start:], closeTag)
		if end < 0 {
			continue
		}
		text := s[start : start+end]
		if strings.Contains(text, "<") && !strings.HasPrefix(strings.TrimSpace(text), "<![CDATA[") {
			continue // an element with children: they are looked at on their own
		}
		// Leave the spaces around the value, so the document keeps its layout.
		lead := len(text) - len(strings.TrimLeft(text, " \t\r\n"))
		trail := len(strings.TrimRight(text, " \t\r\n"))
		if trail > lead {
			out = append(out, Span{Start: start + lead, End: start + trail, Key: local})
		}
		i = start + end
	}
	return out
}
