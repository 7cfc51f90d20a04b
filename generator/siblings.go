package generator

import (
	"strings"

	"github.com/postgen/postgen/generator/infer"
	"github.com/postgen/postgen/generator/names"
)

// This file types the results of requests the collection saved no example
// for. A request on the same resource path as a typed one returns what
// that one returns (GET /articles/:slug and POST /articles both return an
// article); a request of a JSON API with nothing to go on returns RawJSON,
// which its caller decodes. Only without either is the result []byte.

// resourcePath is the path up to its resource segment (names.Resource),
// with variables written ":": the collection that requests on one
// resource share ("articles" for /articles and /articles/:slug).
func resourcePath(segs []string) string {
	last := len(segs) - 1
	for last >= 0 && (segs[last] == "" || isVarSegment(segs[last])) {
		last--
	}
	if last < 0 || names.Resource(segs[:last+1]) == "" {
		return ""
	}
	parts := make([]string, last+1)
	for i, s := range segs[:last+1] {
		if isVarSegment(s) {
			s = ":"
		}
		parts[i] = strings.ToLower(s)
	}
	return strings.Join(parts, "/")
}

func isVarSegment(s string) bool { return strings.HasPrefix(s, ":") || strings.Contains(s, "{{") }

// resultShape is what a request on its resource path returns: "member"
// for one object (a path ending in a variable, or a POST to the
// collection), "list" for the collection's GET.
func resultShape(m *method) string {
	segs := m.req.URL.Path
	switch {
	case len(segs) > 0 && isVarSegment(segs[len(segs)-1]):
		return "member"
	case m.req.Method == "POST":
		return "member"
	case m.req.Method == "GET":
		return "list"
	}
	return ""
}

// typeFromSiblings gives the methods without examples the result type of
// a sibling on the same resource path that has one, or RawJSON when
// their API speaks JSON. It runs once every method has its own types.
//
// Only a GET of one member borrows, and only on strong evidence
// (lenders): measured leave-one-out on the corpus
// (TestLeaveOneOutSiblingTypes). A POST's result (an action, a search,
// a creation receipt) fits a GET of the member only 29 times in 40, so
// POSTs neither lend nor borrow.
func (p *plan) typeFromSiblings() {
	idx := p.siblingIndex()
	// The services with a JSON example, found once: asking each method's
	// siblings was quadratic in a folder's size (100,000 requests in one
	// folder took 80 s).
	jsonServices := map[*service]bool{}
	p.forEachMethod(func(m *method) {
		if m.types != nil && m.types.jsonOK {
			jsonServices[m.svc] = true
		}
	})
	p.forEachMethod(func(m *method) {
		mt := m.types
		if mt.result != resultBytes || mt.hasExamples {
			return
		}
		if borrows(m) {
			if root, from := p.lentType(idx, m, nil); root != nil {
				mt.result, mt.root, mt.borrowed, mt.from = resultJSON, root, true, from
				return
			}
		}
		if speaksJSON(m, jsonServices) {
			mt.result = resultRawJSON
		}
	})
}

// siblings indexes the methods that may lend their result type: by
// siblingKey (the same resource path) and by resource name and shape
// (the same resource under another parent: /companies/:c/webhooks/:id
// and /merchants/:m/webhooks/:id), the latter called cousins.
type siblings struct {
	byKey, byName map[string][]*method
}

func (p *plan) siblingIndex() *siblings {
	idx := &siblings{byKey: map[string][]*method{}, byName: map[string][]*method{}}
	p.forEachMethod(func(m *method) {
		if lends(m) {
			idx.byKey[siblingKey(m)] = append(idx.byKey[siblingKey(m)], m)
			idx.byName[nameKey(m)] = append(idx.byName[nameKey(m)], m)
		}
	})
	return idx
}

// nameKey is the last segment of m's resource path and its shape.
func nameKey(m *method) string {
	k := siblingKey(m)
	if i := strings.LastIndex(k, "/"); i >= 0 {
		k = k[i+1:]
	}
	return k
}

// lentType is the result type m borrows, with the lender it names, or
// nil; hide is left out (leave-one-out hides the request itself).
//
//   - Lenders are the GET, PATCH and PUT of m's member path; a GET there
//     is the best evidence, so when one lends the PUT and PATCH do not.
//   - The lenders must agree with one another (agree), else m borrows
//     nothing: two shapes on one path are two things, not one.
//   - Cousins, the same resource under another parent, add their
//     examples where they agree with every lender: they never lend
//     alone, they fill in members the lenders' examples left out.
func (p *plan) lentType(idx *siblings, m, hide *method) (*rootType, *method) {
	var direct []*method
	for _, l := range idx.byKey[siblingKey(m)] {
		if l != hide && l != m {
			direct = append(direct, l)
		}
	}
	direct = preferGET(direct)
	if len(direct) == 0 {
		return nil, nil
	}
	for i, a := range direct {
		for _, b := range direct[i+1:] {
			if !agree(a.types.root.t, b.types.root.t) {
				return nil, nil
			}
		}
	}
	var samples []typedSample
	for _, l := range direct {
		samples = append(samples, l.types.root.samples...)
	}
	inDirect := map[*method]bool{}
	for _, l := range direct {
		inDirect[l] = true
	}
cousins:
	for _, c := range preferGET(idx.byName[nameKey(m)]) {
		if c == hide || c == m || inDirect[c] {
			continue
		}
		for _, l := range direct {
			if !agree(c.types.root.t, l.types.root.t) {
				continue cousins
			}
		}
		samples = append(samples, c.types.root.samples...)
	}
	root := p.inferSamples(samples, roleResult)
	if root == nil {
		return nil, nil
	}
	return root, direct[0]
}

// preferGET is the GETs among ls when there are any, else ls.
func preferGET(ls []*method) []*method {
	var gets []*method
	for _, l := range ls {
		if l.req.Method == "GET" {
			gets = append(gets, l)
		}
	}
	if len(gets) > 0 {
		return gets
	}
	return ls
}

// agree reports whether two object types may be one resource: at least
// half of the members of the smaller are the other's, and no member
// they share is of a different kind.
func agree(a, b *infer.Type) bool {
	if a == nil || b == nil || a.Kind != infer.Object || b.Kind != infer.Object {
		return false
	}
	kinds := map[string]infer.Kind{}
	for _, f := range a.Fields {
		kinds[f.Key] = kindOf(f.Type)
	}
	shared := 0
	for _, f := range b.Fields {
		k, ok := kinds[f.Key]
		if !ok {
			continue
		}
		shared++
		if bk := kindOf(f.Type); k != bk && k != infer.Unknown && bk != infer.Unknown && !numeric(k, bk) {
			return false
		}
	}
	return 2*shared >= min(len(a.Fields), len(b.Fields))
}

func kindOf(t *infer.Type) infer.Kind {
	if t == nil || t.Kind == infer.Null {
		return infer.Unknown
	}
	return t.Kind
}

func numeric(a, b infer.Kind) bool {
	return (a == infer.Int || a == infer.Float) && (b == infer.Int || b == infer.Float)
}

// lends reports whether m's result type may type a sibling's: its own
// examples type it, as one object, on a member path, by GET, PATCH or
// PUT. A PATCH or PUT lends only when its result is the member it
// wrote: its JSON object body's members are, at least half of them,
// members of the result (a PUT of a file's content answering
// {content, commit} is a receipt, not the file; a JSON Patch list of
// operations tells nothing).
func lends(m *method) bool {
	mt := m.types
	switch m.req.Method {
	case "GET":
	case "PATCH", "PUT":
		if mt.body == nil || mt.body.t == nil || mt.body.t.Kind != infer.Object || len(mt.body.t.Fields) == 0 ||
			mt.root == nil || !covers(mt.root.t, mt.body.t) {
			return false
		}
	default:
		return false
	}
	return mt.result == resultJSON && !mt.borrowed && resultShape(m) == "member" && isMemberPath(m) &&
		mt.root.t.Kind == infer.Object && siblingKey(m) != ""
}

// covers reports whether result holds at least half of body's members.
func covers(result, body *infer.Type) bool {
	have := map[string]bool{}
	for _, f := range result.Fields {
		have[f.Key] = true
	}
	n := 0
	for _, f := range body.Fields {
		if have[f.Key] {
			n++
		}
	}
	return 2*n >= len(body.Fields)
}

// borrows reports whether m may take a sibling's result type: a GET of a
// member.
func borrows(m *method) bool { return m.req.Method == "GET" && isMemberPath(m) }

// isMemberPath reports whether m's path ends in a variable (one member).
func isMemberPath(m *method) bool {
	segs := m.req.URL.Path
	return len(segs) > 0 && isVarSegment(segs[len(segs)-1])
}

// siblingKey is the resource path and shape two siblings share; "" when
// m's path names no resource.
func siblingKey(m *method) string {
	rp := resourcePath(m.req.URL.Path)
	shape := resultShape(m)
	if rp == "" || shape == "" {
		return ""
	}
	return rp + " " + shape
}

// shapeFits reports whether t is what a request of shape returns: an
// object for a member, an array for a list.
func shapeFits(shape string, t *infer.Type) bool {
	switch shape {
	case "member":
		return t.Kind == infer.Object
	case "list":
		return t.Kind == infer.Array
	}
	return false
}

// speaksJSON reports whether m's API answers in JSON: m asks for JSON
// (Accept) or sends it, or another request of its folder has a JSON
// example (its service is one of jsonServices).
func speaksJSON(m *method, jsonServices map[*service]bool) bool {
	for _, h := range m.req.Headers {
		if !h.Disabled && (strings.EqualFold(h.Key, "accept") || strings.EqualFold(h.Key, "content-type")) && jsonContentType.MatchString(strings.TrimSpace(h.Value)) {
			return true
		}
	}
	if m.body != nil && m.body.kind == "json" {
		return true
	}
	return jsonServices[m.svc]
}

// fitsType reports whether a value of type sample decodes into a Go value
// of type target with unknown fields refused, as encoding/json would:
// every member of an object is one of target's, arrays hold what
// target's elements take, numbers fit numbers (an integer a float),
// null fits anything. It checks the types leave-one-out inference gives.
func fitsType(sample, target *infer.Type) bool { return fits(sample, target, false) }

// fits is fitsType; strict also refuses a null where target takes no
// null (a struct, not a pointer): what a shape merged into target must
// not bring (typemerge.go), as the merged type's nullability is fixed.
func fits(sample, target *infer.Type, strict bool) bool {
	if sample == nil || sample.Kind == infer.Unknown {
		return true
	}
	if sample.Kind == infer.Null || sample.Nullable && strict {
		if !strict || target == nil || target.Nullable {
			return true
		}
		switch target.Kind {
		case infer.Null, infer.Unknown, infer.Mixed, infer.Bool, infer.Int, infer.Float, infer.String:
			// any, or a value null decodes into as its zero.
			return sample.Kind == infer.Null || fits(&infer.Type{Kind: sample.Kind, Fields: sample.Fields, Elem: sample.Elem}, target, strict)
		}
		return false
	}
	if target == nil || target.Kind == infer.Mixed || target.Kind == infer.Unknown || target.Kind == infer.Null && !strict {
		// any; merging into a member only ever seen null would change
		// its type, so strict takes nothing but null there.
		return true
	}
	switch sample.Kind {
	case infer.Object:
		switch target.Kind {
		case infer.Map:
			for _, f := range sample.Fields {
				if !fits(f.Type, target.Elem, strict) {
					return false
				}
			}
			return true
		case infer.Object:
			have := map[string]*infer.Type{}
			for _, f := range target.Fields {
				have[f.Key] = f.Type
			}
			for _, f := range sample.Fields {
				t, ok := have[f.Key]
				if !ok || !fits(f.Type, t, strict) {
					return false
				}
			}
			return true
		}
		return false
	case infer.Map:
		return target.Kind == infer.Map && fits(sample.Elem, target.Elem, strict)
	case infer.Array:
		return target.Kind == infer.Array && fits(sample.Elem, target.Elem, strict)
	case infer.Int:
		return target.Kind == infer.Int || target.Kind == infer.Float
	case infer.Time:
		return target.Kind == infer.Time || target.Kind == infer.String
	case infer.Mixed:
		return false
	}
	return sample.Kind == target.Kind
}
