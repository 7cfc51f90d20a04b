package sdk

import (
	"strings"
)

// This file turns URL text into what goes on the wire, the way Postman's
// runtime does (POSTMAN-FORMAT.md §6.3 and §6.5): the text is split with
// Postman's parser, then each part is percent-encoded with its own encode
// set. Existing %XX escapes are kept, and so is a stray "%", so a value
// that is already encoded is never encoded twice.

// wireURL is a URL split into the parts Postman's parser finds.
type wireURL struct {
	scheme   string
	user     string
	password string
	hasUser  bool
	host     string // host[:port], lower-cased
	path     string // encoded path, "" or starting with "/"
	query    string // encoded query, without "?"
	hasQuery bool   // a "?" was present, even if the query is empty
}

// varSpans returns, for s, a function telling whether byte i lies inside a
// {{...}} reference; Postman's parser never treats delimiters inside one as
// structure.
func varSpans(s string) func(i int) bool {
	if !strings.Contains(s, "{{") {
		return func(int) bool { return false }
	}
	var spans [][2]int
	for i := 0; i+1 < len(s); i++ {
		if s[i] != '{' || s[i+1] != '{' {
			continue
		}
		j := i + 2
		for j < len(s) && s[j] != '{' && s[j] != '}' {
			j++
		}
		if j+1 < len(s) && s[j] == '}' && s[j+1] == '}' {
			spans = append(spans, [2]int{i, j + 2})
			i = j + 1
		}
	}
	return func(i int) bool {
		for _, sp := range spans {
			if i >= sp[0] && i < sp[1] {
				return true
			}
		}
		return false
	}
}

// indexOutside returns the index of the first c in s at or after from that
// is not inside a {{...}} reference, or -1.
func indexOutside(s string, c byte, from int, inVar func(int) bool) int {
	for i := from; i < len(s); i++ {
		if s[i] == c && !inVar(i) {
			return i
		}
	}
	return -1
}

// lastIndexOutside is indexOutside from the end.
func lastIndexOutside(s string, c byte, inVar func(int) bool) int {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == c && !inVar(i) {
			return i
		}
	}
	return -1
}

// parseWireURL splits and encodes raw the way Postman's runtime does before
// sending. With encode false the parts are kept as they are
// (protocolProfileBehavior.disableUrlEncoding).
func parseWireURL(raw string, encode bool) wireURL {
	s := strings.TrimLeft(raw, " \t\r\n\f\v")
	inVar := varSpans(s)
	// The fragment is never sent.
	if i := indexOutside(s, '#', 0, inVar); i >= 0 {
		s = s[:i]
	}
	var u wireURL
	if i := indexOutside(s, '?', 0, inVar); i >= 0 {
		u.query, u.hasQuery = s[i+1:], true
		s = s[:i]
	}
	if strings.Contains(s, `\`) {
		s = strings.ReplaceAll(s, `\`, "/")
	}
	inVar = varSpans(s)
	rest := s
	if i := strings.Index(s, "://"); i >= 0 && !inVar(i) {
		u.scheme = strings.ToLower(s[:i])
		rest = s[i+3:]
		keep := 0
		if u.scheme == "file" {
			keep = 1
		}
		for len(rest) > keep && rest[0] == '/' {
			rest = rest[1:]
		}
	}
	inVar = varSpans(rest)
	authority := rest
	if i := indexOutside(rest, '/', 0, inVar); i >= 0 {
		authority, u.path = rest[:i], rest[i:]
	}
	inVar = varSpans(authority)
	if i := lastIndexOutside(authority, '@', inVar); i >= 0 {
		userinfo := authority[:i]
		authority = authority[i+1:]
		u.hasUser = true
		u.user, u.password, _ = strings.Cut(userinfo, ":")
	}
	if u.scheme == "" {
		u.scheme = "http"
	}
	u.host = strings.ToLower(authority)
	if encode {
		u.path = percentEncode(u.path, pathEncodeSet)
		u.query = percentEncode(u.query, queryEncodeSet)
		u.host = percentEncode(u.host, hostEncodeSet)
	}
	return u
}

// requestURI is the path and query as written in the request line.
func (u *wireURL) requestURI() string {
	p := u.path
	if p == "" {
		p = "/"
	}
	if u.hasQuery {
		return p + "?" + u.query
	}
	return p
}

// Encode sets of Postman's URL encoder (WHATWG-style). Every byte of a
// non-ASCII character is encoded too.
const (
	pathEncodeSet  = " \"#<>?`{}"
	queryEncodeSet = " \"#'<>"
	hostEncodeSet  = " \"#<>?`{}/"
)

// percentEncode encodes the bytes of s that are controls, non-ASCII or in
// set, keeping existing "%" as it is.
func percentEncode(s, set string) string {
	return escapeBytes(s, func(c byte) bool { return needsEncoding(c, set) })
}

// escapeBytes writes the bytes of s for which escape is true as %XX
// (upper-case hex); s itself when there are none.
func escapeBytes(s string, escape func(byte) bool) string {
	n := 0
	for i := 0; i < len(s); i++ {
		if escape(s[i]) {
			n++
		}
	}
	if n == 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 2*n)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !escape(c) {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(upperHex[c>>4])
		b.WriteByte(upperHex[c&15])
	}
	return b.String()
}

const upperHex = "0123456789ABCDEF"

func needsEncoding(c byte, set string) bool {
	return c < 0x20 || c >= 0x7f || strings.IndexByte(set, c) >= 0
}

// escapePathArg makes a caller's path argument safe to splice into a path:
// it can no longer add segments, a query or a fragment. Everything else is
// left to the path encoder, exactly as Postman would send the value.
func escapePathArg(s string) string {
	switch s {
	case ".", "..":
		// A dot segment would move the request up the path: as one
		// segment it is data.
		return strings.ReplaceAll(s, ".", "%2E")
	}
	if !strings.ContainsAny(s, "/?#\\") {
		return s
	}
	r := strings.NewReplacer("/", "%2F", "?", "%3F", "#", "%23", `\`, "%5C")
	return r.Replace(s)
}

// escapeQueryKey and escapeQueryValue apply Postman's query serialisation
// (§6.2): in keys "&", "#" and "=" are escaped, in values "&" and "#".
func escapeQueryKey(s string) string {
	if !strings.ContainsAny(s, "&#=") {
		return s
	}
	return strings.NewReplacer("&", "%26", "#", "%23", "=", "%3D").Replace(s)
}

func escapeQueryValue(s string) string {
	if !strings.ContainsAny(s, "&#") {
		return s
	}
	return strings.NewReplacer("&", "%26", "#", "%23").Replace(s)
}

// formEncode encodes s for an application/x-www-form-urlencoded body the way
// Postman does: RFC 3986 strict, every byte but A-Z a-z 0-9 - _ . ~ is
// escaped, space as %20 and "%" as %25. url.Values.Encode differs (it uses
// "+" and sorts keys), so it is not used.
func formEncode(s string) string {
	return escapeBytes(s, func(c byte) bool { return !isUnreserved(c) })
}

func isUnreserved(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
		c == '-' || c == '_' || c == '.' || c == '~'
}

// queryPairs splits a raw query into its "key=value" pairs.
func queryPairs(raw string) []string {
	if raw == "" {
		return nil
	}
	return strings.Split(raw, "&")
}

// pairKey is the key of a raw query pair.
func pairKey(pair string) string {
	k, _, _ := strings.Cut(pair, "=")
	return k
}
