package parser

import (
	"strings"

	"github.com/postgen/postgen/model"
)

// parseURLString splits a URL string the way Postman does
// (postman-url-encoder's parser, then postman-collection's Url.parse; see
// POSTMAN-FORMAT.md §6.3). It never fails: any text yields some URL.
func parseURLString(raw string) model.URL {
	u := model.URL{Raw: raw}
	s := strings.TrimLeftFunc(raw, isJSSpace)
	if s == "" {
		return u
	}
	p := protectVariables(s)
	norm := p.norm
	lo, hi := 0, len(norm)
	var hash, query, proto, path, auth, port, host span

	// 1. Fragment: after the first '#'.
	if i := strings.IndexByte(norm[lo:hi], '#'); i >= 0 {
		hash = span{lo + i + 1, hi, true}
		hi = lo + i
	}
	// 2. Query: after the first '?' of what remains.
	if i := strings.IndexByte(norm[lo:hi], '?'); i >= 0 {
		query = span{lo + i + 1, hi, true}
		hi = lo + i
	}
	// 3. Backslashes count as slashes from here on (same length, so offsets
	// stay valid).
	slashed := strings.ReplaceAll(norm[:hi], `\`, "/")
	// 4. Protocol: before "://"; extra slashes after it are dropped, except
	// that "file" keeps one.
	if i := strings.Index(slashed[lo:hi], "://"); i >= 0 {
		proto = span{lo, lo + i, true}
		lo += i + 3
		j := lo
		for j < hi && slashed[j] == '/' {
			j++
		}
		if slashed[proto.b:proto.e] == "file" && j-lo > 1 {
			j--
		}
		lo = j
	}
	// 5. Path: from the first '/'.
	if i := strings.IndexByte(slashed[lo:hi], '/'); i >= 0 {
		path = span{lo + i + 1, hi, true}
		hi = lo + i
	}
	// 6. Userinfo: before the last '@'.
	if i := strings.LastIndexByte(slashed[lo:hi], '@'); i >= 0 {
		auth = span{lo, lo + i, true}
		lo += i + 1
	}
	// 7. Port: after the last ':', unless that text holds ']' (IPv6).
	if i := strings.LastIndexByte(slashed[lo:hi], ':'); i >= 0 && !strings.Contains(slashed[lo+i+1:hi], "]") {
		port = span{lo + i + 1, hi, true}
		hi = lo + i
	}
	// 8. Host: the rest, split on '.'.
	if lo < hi {
		host = span{lo, hi, true}
	}

	u.Protocol = p.restore(slashed, proto)
	if auth.ok {
		u.HasUserInfo = true
		user, pass, _ := cutSpan(slashed, auth, ':')
		u.User, u.Password = p.restore(slashed, user), p.restore(slashed, pass)
	}
	if host.ok {
		u.Host = p.split(slashed, host, '.')
	}
	u.Port = p.restore(slashed, port)
	if path.ok {
		u.Path = p.split(slashed, path, '/')
		u.Variables = pathVariables(u.Path)
	}
	if query.ok {
		pieces := p.split(norm, query, '&')
		u.Query = make([]model.QueryParam, len(pieces))
		for i, piece := range pieces {
			u.Query[i] = parseQueryPiece(piece)
		}
	}
	u.Hash = p.restore(norm, hash)
	return u
}

// parseQueryPiece is postman-collection's QueryParam.parseSingle for one
// "key=value" piece: split at the first '=', no '=' means a null value. A
// null key (an empty piece that is not the last) is "" in the model.
func parseQueryPiece(piece string) model.QueryParam {
	k, v, ok := strings.Cut(piece, "=")
	return model.QueryParam{Key: k, Value: v, NullValue: !ok}
}

// parseQueryString parses "a=1&b" into parameters; "" has none.
func parseQueryString(s string) []model.QueryParam {
	if s == "" {
		return nil
	}
	pieces := strings.Split(s, "&")
	out := make([]model.QueryParam, len(pieces))
	for i, piece := range pieces {
		out[i] = parseQueryPiece(piece)
	}
	return out
}

// pathVariables lists the ":name" segments of a path, first occurrence
// only; the name stops at the first '.' (":id.json" is "id").
func pathVariables(path []string) []model.Variable {
	var out []model.Variable
	seen := map[string]bool{}
	for _, seg := range path {
		name, ok := strings.CutPrefix(seg, ":")
		if !ok {
			continue
		}
		if i := strings.IndexByte(name, '.'); i >= 0 {
			name = name[:i]
		}
		if name == "" || seen[name] {
			continue
		}
		seen[name] = true
		out = append(out, model.Variable{Key: name})
	}
	return out
}

// span is a part of the normalised URL text, [b, e); ok says it was found.
type span struct {
	b, e int
	ok   bool
}

func cutSpan(s string, sp span, sep byte) (before, after span, found bool) {
	if i := strings.IndexByte(s[sp.b:sp.e], sep); i >= 0 {
		return span{sp.b, sp.b + i, true}, span{sp.b + i + 1, sp.e, true}, true
	}
	return sp, span{}, false
}

// protected is a URL string in which every {{variable}} containing a URL
// delimiter has been replaced by one '_' so that the delimiters inside it
// are not seen; the replacements are put back, by position, in each part.
type protected struct {
	norm string
	reps []replacement
}

type replacement struct {
	pos  int // offset of the '_' in norm
	text string
}

// protectVariables applies postman-url-encoder's /{{[^{}]*[.:/?#@&\]][^{}]*}}/g
// replacement.
func protectVariables(s string) protected {
	var b strings.Builder
	var reps []replacement
	last := 0
	for i := 0; i+1 < len(s); {
		if s[i] != '{' || s[i+1] != '{' {
			i++
			continue
		}
		j, special := i+2, false
		for j < len(s) && s[j] != '{' && s[j] != '}' {
			switch s[j] {
			case '.', ':', '/', '?', '#', '@', '&', ']':
				special = true
			}
			j++
		}
		if !special || j+1 >= len(s) || s[j] != '}' || s[j+1] != '}' {
			i++
			continue
		}
		b.WriteString(s[last:i])
		reps = append(reps, replacement{pos: b.Len(), text: s[i : j+2]})
		b.WriteByte('_')
		last = j + 2
		i = last
	}
	if reps == nil {
		return protected{norm: s}
	}
	b.WriteString(s[last:])
	return protected{norm: b.String(), reps: reps}
}

// restore returns the text of sp in t (norm or a same-length variant of it)
// with the protected variables put back.
func (p protected) restore(t string, sp span) string {
	if !sp.ok {
		return ""
	}
	var b strings.Builder
	at := sp.b
	for _, r := range p.reps {
		if r.pos < sp.b {
			continue
		}
		if r.pos >= sp.e {
			break
		}
		if b.Len() == 0 {
			b.Grow(sp.e - sp.b + len(r.text))
		}
		b.WriteString(t[at:r.pos])
		b.WriteString(r.text)
		at = r.pos + 1
	}
	if at == sp.b {
		return t[sp.b:sp.e]
	}
	b.WriteString(t[at:sp.e])
	return b.String()
}

// split splits sp at sep and restores each piece.
func (p protected) split(t string, sp span, sep byte) []string {
	out := make([]string, 0, strings.Count(t[sp.b:sp.e], string(sep))+1)
	b := sp.b
	for i := sp.b; i < sp.e; i++ {
		if t[i] == sep {
			out = append(out, p.restore(t, span{b, i, true}))
			b = i + 1
		}
	}
	return append(out, p.restore(t, span{b, sp.e, true}))
}
