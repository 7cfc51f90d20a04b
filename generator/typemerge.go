package generator

import "github.com/postgen/postgen/generator/infer"

// This file merges the shapes of one resource. Examples of one API
// resource rarely show the same members everywhere (a repository in a
// list carries fewer than the repository itself), so inference finds
// several shapes of it; where one fits into another (each member is one
// of the other's, of a type that decodes into it: fitsType), the larger
// serves both, and the resource has one Go type, as a hand-written SDK
// would have.

// mergeResourceShapes merges, for each resource name (resourceName), the
// shapes that fit into the one most requests return. It runs after every
// type is registered and before any is named; types only the merged
// shapes used are dropped.
func (p *plan) mergeResourceShapes() {
	tt := p.types
	type cand struct {
		nt    *namedType
		votes int
	}
	byName := map[string][]cand{}
	var order []string
	for _, nt := range tt.types {
		if name, votes := p.resourceName(nt); name != "" && !p.hasChosenName(nt) {
			if byName[name] == nil {
				order = append(order, name)
			}
			byName[name] = append(byName[name], cand{nt, votes})
		}
	}
	merged := map[*namedType]*namedType{}
	for _, name := range order {
		cs := byName[name]
		if len(cs) < 2 {
			continue
		}
		best := cs[0]
		for _, c := range cs[1:] {
			if c.votes > best.votes {
				best = c
			}
		}
		// The one that holds the others; a larger shape that the best
		// fits into takes its place.
		for _, c := range cs {
			if c.nt != best.nt && fits(best.nt.node, c.nt.node, true) && !fits(c.nt.node, best.nt.node, true) {
				best = c
			}
		}
		for _, c := range cs {
			// A shape holding the other (a repository's
			// "template_repository") would make the type hold itself.
			if c.nt != best.nt && fits(c.nt.node, best.nt.node, true) && !p.holds(c.nt, best.nt) && !p.holds(best.nt, c.nt) {
				merged[c.nt] = best.nt
			}
		}
	}
	if len(merged) == 0 {
		return
	}
	for node, nt := range tt.byNode {
		if into, ok := merged[nt]; ok {
			tt.byNode[node] = into
		}
	}
	for _, from := range tt.types { // in order: the output must not depend on map order
		if into, ok := merged[from]; ok {
			// The members the smaller shape lacks become optional
			// (omitempty), as if inference had seen both together.
			infer.MergeInto(into.node, from.node)
			into.sites = append(into.sites, from.sites...)
			for _, r := range from.roots {
				into.addRoot(r)
			}
		}
	}
	p.dropUnreachableTypes()
}

// holds reports whether a value of a has a member (at any depth) of
// type b.
func (p *plan) holds(a, b *namedType) bool {
	seen := map[*namedType]bool{}
	var walk func(t *infer.Type) bool
	walk = func(t *infer.Type) bool {
		for t != nil && (t.Kind == infer.Array || t.Kind == infer.Map) {
			t = t.Elem
		}
		if t == nil || t.Kind != infer.Object {
			return false
		}
		nt := p.types.byNode[t]
		if nt == nil || seen[nt] {
			return false
		}
		if nt == b {
			return true
		}
		seen[nt] = true
		for _, f := range nt.node.Fields {
			if walk(f.Type) {
				return true
			}
		}
		return false
	}
	for _, f := range a.node.Fields {
		if walk(f.Type) {
			return true
		}
	}
	return false
}

// dropUnreachableTypes keeps the types some method's result, body or
// error body reaches.
func (p *plan) dropUnreachableTypes() {
	tt := p.types
	reach := map[*namedType]bool{}
	var walk func(t *infer.Type)
	walk = func(t *infer.Type) {
		for t != nil && (t.Kind == infer.Array || t.Kind == infer.Map) {
			t = t.Elem
		}
		if t == nil || t.Kind != infer.Object {
			return
		}
		nt, ok := tt.byNode[t]
		if !ok || reach[nt] {
			return
		}
		reach[nt] = true
		for _, f := range nt.node.Fields {
			walk(f.Type)
		}
	}
	p.forEachMethod(func(m *method) {
		mt := m.types
		for _, r := range append([]*rootType{mt.root, mt.body}, errorRoots(mt)...) {
			if r != nil {
				walk(r.t)
			}
		}
	})
	kept := tt.types[:0]
	for _, nt := range tt.types {
		if reach[nt] {
			kept = append(kept, nt)
		}
	}
	tt.types = kept
	for node, owner := range tt.byNode { // one pass, whatever was dropped
		if !reach[owner] {
			delete(tt.byNode, node)
		}
	}
}

// splitChosen keeps a rename in postgen.yaml with the request it names:
// where that request's type has the shape of another request's, the
// renamed request gets a type of its own (the same struct under the
// chosen name), and the other keeps the name it would have had.
func (p *plan) splitChosen() {
	tt := p.types
	var extra []*namedType
	for _, nt := range tt.types {
		groups := map[string][]typeSite{}
		var keys []string
		var plain []typeSite
		for _, s := range nt.sites {
			if key := chosenTypeKey(s); key != "" {
				if _, ok := p.cfg.TypeNames[key]; ok && rootNode(s) != nil {
					if groups[key] == nil {
						keys = append(keys, key)
					}
					groups[key] = append(groups[key], s)
					continue
				}
			}
			plain = append(plain, s)
		}
		if len(keys) == 0 || len(keys) == 1 && len(plain) == 0 {
			continue
		}
		kept := false
		var rest []typeSite
		for _, key := range keys {
			node := rootNode(groups[key][0])
			if node == nt.node && !kept {
				kept = true
				rest = append(rest, groups[key]...)
				continue
			}
			own := &namedType{node: node, fields: nt.fields, owner: p.topService(groups[key][0].m.svc), sites: groups[key]}
			for _, s := range groups[key] {
				tt.byNode[rootNode(s)] = own
				own.addRoot(s.root)
			}
			extra = append(extra, own)
		}
		nt.sites = append(rest, plain...)
	}
	tt.types = append(tt.types, extra...)
}

// rootNode is the object node a result, body or error site holds: its
// root type without the arrays and maps around it; nil for a member.
func rootNode(s typeSite) *infer.Type {
	if s.role == roleField || s.root == nil {
		return nil
	}
	t := s.root.t
	for t != nil && (t.Kind == infer.Array || t.Kind == infer.Map) {
		t = t.Elem
	}
	return t
}
