package generator

import (
	"sort"
	"strings"
)

// An origin (scheme, host, port) is where a request can carry the user's
// credentials, so the SDK says which ones it talks to (the package doc),
// and postgen changes reports a request that moves to another one as a
// breaking change (RequestOrigin).

// RequestOrigin is where one request of the SDK is sent.
type RequestOrigin struct {
	// ID is the request's _postman_id ("" when it has none); Postman is
	// its folder › request path. Together they match a request across
	// two versions of a collection.
	ID, Postman string
	// Method is the Go method ("Bookings.List").
	Method string
	// Origin is scheme://host[:port] with the collection's defaults
	// applied, or the template ("{{host}}") when a variable without a
	// default decides it.
	Origin string
}

// originOf is origin i as scheme://host[:port], resolved with the
// collection's defaults where they decide it.
func (p *plan) originOf(i int) string {
	if i < 0 || i >= len(p.origins) {
		return ""
	}
	return originPart(p.resolveDefaults(p.origins[i]))
}

// originPart cuts a URL to its scheme, host and port, lower-cased as
// browsers compare origins; the default port of the scheme is dropped.
func originPart(s string) string {
	scheme, rest, ok := strings.Cut(s, "://")
	if !ok {
		scheme, rest = "", s
	}
	if i := strings.IndexAny(rest, "/?#"); i >= 0 {
		rest = rest[:i]
	}
	if i := strings.LastIndexByte(rest, '@'); i >= 0 {
		rest = rest[i+1:]
	}
	scheme, rest = strings.ToLower(scheme), strings.ToLower(rest)
	switch {
	case scheme == "https" && strings.HasSuffix(rest, ":443"):
		rest = strings.TrimSuffix(rest, ":443")
	case scheme == "http" && strings.HasSuffix(rest, ":80"):
		rest = strings.TrimSuffix(rest, ":80")
	}
	if scheme == "" {
		return rest
	}
	return scheme + "://" + rest
}

// requestOrigins lists where every method sends its request.
func (p *plan) requestOrigins() []RequestOrigin {
	var out []RequestOrigin
	p.forEachMethod(func(m *method) {
		path := append(append([]string{}, m.req.Folders...), m.req.Name)
		out = append(out, RequestOrigin{ID: m.req.ID, Postman: strings.Join(path, " › "), Method: m.op.name, Origin: p.originOf(m.op.origin)})
	})
	return out
}

// originUse is one origin and how many methods send to it.
type originUse struct {
	origin  string
	methods int
}

// originUses lists the SDK's distinct origins, the base URL's first, then
// by name.
func (p *plan) originUses() []originUse {
	count := map[string]int{}
	p.forEachMethod(func(m *method) { count[p.originOf(m.op.origin)]++ })
	base := p.originOf(0)
	var out []originUse
	for o, n := range count {
		out = append(out, originUse{o, n})
	}
	sort.Slice(out, func(i, j int) bool {
		if (out[i].origin == base) != (out[j].origin == base) {
			return out[i].origin == base
		}
		return out[i].origin < out[j].origin
	})
	return out
}
