package generator

import (
	"github.com/postgen/postgen/generator/infer"
	"github.com/postgen/postgen/generator/names"
)

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
// shapes used are dropped. A merge can make another possible (two
// repositories whose licenses differ merge once the licenses have), so
// it runs until nothing merges; each round merges at least two types
// into one, and a few rounds are enough for real collections.
func (p *plan) mergeResourceShapes() {
	for range 4 {
		if !p.mergeResourceShapesOnce() {
			return
		}
	}
}

// mergeResourceShapesOnce is one round of mergeResourceShapes; it
// reports whether anything merged.
func (p *plan) mergeResourceShapesOnce() bool {
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
			// A shape holding the other makes the merged type hold
			// itself, as go-github's Repository holds its Parent: fine
			// through a pointer or a slice, impossible by value.
			if c.nt != best.nt && (fits(c.nt.node, best.nt.node, true) || p.compatible(best.nt.node, c.nt.node)) && !p.holdsByValue(c.nt, best.nt) && !p.holdsByValue(best.nt, c.nt) {
				merged[c.nt] = best.nt
			}
		}
	}
	if len(merged) == 0 {
		return false
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
			p.nameNewFields(into)
			into.sites = append(into.sites, from.sites...)
			for _, r := range from.roots {
				into.addRoot(r)
			}
		}
	}
	p.dropUnreachableTypes()
	return true
}

// compatible reports whether shape from can merge into shape into though
// from does not fit into it: two views of one resource, each with members
// the other lacks (GitHub's repository with and without
// "allow_merge_commit"), or null where the other has a value. A member
// both have is of one kind in both, or null in one of them; an object
// member (or the objects of an array or map member) of from must fit
// into the type into's member has (fits; null decodes into it as its zero
// value): the types of members are shared with other types, so only the
// merged type itself may gain members.
func (p *plan) compatible(into, from *infer.Type) bool {
	if into.Kind != infer.Object || from.Kind != infer.Object {
		return false
	}
	empty := func(t *infer.Type) bool { return t == nil || t.Kind == infer.Null || t.Kind == infer.Unknown }
	for _, f := range from.Fields {
		g := into.Field(f.Key)
		switch {
		case g == nil:
		case f.Type != nil && (f.Type.Kind == infer.Null || f.Type.Nullable) && g.Type != nil && g.Type.Kind == infer.Object && !g.Type.Nullable && !into.Optional(g):
			// A struct by value there, and every use of its type
			// shares that (compactTypes): null would read as {}.
			return false
		case empty(f.Type):
		case f.Type.Kind == infer.Object || f.Type.Kind == infer.Array || f.Type.Kind == infer.Map:
			if empty(g.Type) || !fits(p.shapeOf(f.Type), p.shapeOf(g.Type), false) {
				return false
			}
		case !empty(g.Type) && g.Type.Kind != f.Type.Kind:
			return false
		}
	}
	return true
}

// shapeOf is t with the objects in it (t itself, or the elements of an
// array or map) replaced by the shape of the type they are registered
// as: the members a member's type has, whichever sample it came from.
func (p *plan) shapeOf(t *infer.Type) *infer.Type {
	switch {
	case t == nil:
		return nil
	case t.Kind == infer.Array || t.Kind == infer.Map:
		if elem := p.shapeOf(t.Elem); elem != t.Elem {
			c := *t
			c.Elem = elem
			return &c
		}
	case t.Kind == infer.Object:
		if nt := p.types.byNode[t]; nt != nil {
			return nt.node
		}
	}
	return t
}

// nameNewFields gives the members a merge added to nt their Go names,
// keeping the names of those it had.
func (p *plan) nameNewFields(nt *namedType) {
	scope := names.NewScope()
	for _, f := range nt.node.Fields {
		if name, ok := nt.fields[f.Key]; ok {
			scope.Claim(name)
		}
	}
	for _, f := range nt.node.Fields {
		if _, ok := nt.fields[f.Key]; !ok {
			name := p.namer.Exported(f.Key)
			if name == "" {
				name = "Field"
			}
			nt.fields[f.Key] = scope.Claim(name)
		}
	}
}

// holdsByValue reports whether a value of a holds one of b by value: a
// member (at any depth) of type b reached only through members Go
// stores by value, the object members every sample has and none has
// null (see typeSpelling: the others are pointers, arrays and maps
// slices and maps).
func (p *plan) holdsByValue(a, b *namedType) bool {
	seen := map[*namedType]bool{}
	var walk func(nt *namedType) bool
	walk = func(nt *namedType) bool {
		if seen[nt] {
			return false
		}
		seen[nt] = true
		for _, f := range nt.node.Fields {
			t := f.Type
			if t == nil || t.Kind != infer.Object || t.Nullable || nt.node.Optional(f) {
				continue
			}
			held := p.types.byNode[t]
			if held == b || held != nil && walk(held) {
				return true
			}
		}
		return false
	}
	return walk(a)
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
