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
// Only a GET of one member borrows, from the GET, PATCH and PUT of that
// member, its type inferred from all their examples together: measured
// leave-one-out on the corpus (TestLeaveOneOutSiblingTypes). A POST's
// result (an action, a search, a creation receipt) fits a GET of the
// member only 29 times in 40, so POSTs neither lend nor borrow.
func (p *plan) typeFromSiblings() {
	lenders := map[string][]*method{} // resourcePath + shape → the lenders
	p.forEachMethod(func(m *method) {
		if lends(m) {
			lenders[siblingKey(m)] = append(lenders[siblingKey(m)], m)
		}
	})
	p.forEachMethod(func(m *method) {
		mt := m.types
		if mt.result != resultBytes || mt.hasExamples {
			return
		}
		if ls := lenders[siblingKey(m)]; len(ls) > 0 && borrows(m) {
			if root := p.lentType(ls, nil); root != nil {
				mt.result, mt.root, mt.borrowed, mt.from = resultJSON, root, true, ls[0]
				return
			}
		}
		if p.speaksJSON(m) {
			mt.result = resultRawJSON
		}
	})
}

// lentType is the result type inferred from the examples of lenders,
// but skip's; nil when none parses.
func (p *plan) lentType(lenders []*method, skip *method) *rootType {
	var samples []typedSample
	for _, l := range lenders {
		if l != skip {
			samples = append(samples, l.types.root.samples...)
		}
	}
	if len(samples) == 0 {
		return nil
	}
	return p.inferSamples(samples, roleResult)
}

// lends reports whether m's result type may type a sibling's: its own
// examples type it, as one object, on a member path, by GET, PATCH or PUT.
func lends(m *method) bool {
	mt := m.types
	switch m.req.Method {
	case "GET", "PATCH", "PUT":
	default:
		return false
	}
	return mt.result == resultJSON && !mt.borrowed && resultShape(m) == "member" && isMemberPath(m) &&
		mt.root.t.Kind == infer.Object && siblingKey(m) != ""
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
// example.
func (p *plan) speaksJSON(m *method) bool {
	for _, h := range m.req.Headers {
		if !h.Disabled && (strings.EqualFold(h.Key, "accept") || strings.EqualFold(h.Key, "content-type")) && jsonContentType.MatchString(strings.TrimSpace(h.Value)) {
			return true
		}
	}
	if m.body != nil && m.body.kind == "json" {
		return true
	}
	for _, other := range m.svc.methods {
		if other.types != nil && other.types.jsonOK {
			return true
		}
	}
	return false
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
