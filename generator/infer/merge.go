package infer

// Merge returns a type that describes every value a or b describes. Either
// may be nil (nothing seen). The inputs are not changed.
func Merge(a, b *Type) *Type {
	return MergeInto(clone(a), clone(b))
}

// MergeInto is Merge for callers that own both trees: it merges b into a
// in place and returns the result, which may share nodes with either, so
// neither may be used afterwards. It saves copying every sample.
func MergeInto(a, b *Type) *Type {
	switch {
	case a == nil:
		return b
	case b == nil:
		return a
	case rank(a.Kind) < rank(b.Kind):
		a, b = b, a // the less informative one second
	}
	a.Count += b.Count
	if a.Example == "" {
		a.Example = b.Example
	}
	switch {
	case b.Kind == Unknown:
		a.Nullable = a.Nullable || b.Nullable
		return a
	case b.Kind == Null:
		if a.Kind != Null {
			a.Nullable = true
		}
		return a
	}
	a.Nullable = a.Nullable || b.Nullable
	switch k := join(a.Kind, b.Kind); k {
	case Mixed:
		a.Kinds = unionKinds(jsonKinds(a), jsonKinds(b))
		a.Kind, a.Fields, a.index, a.Elem, a.Objects = Mixed, nil, nil, nil, 0
	case Object:
		a.Objects += b.Objects
		for _, bf := range b.Fields {
			if f := a.Field(bf.Key); f != nil {
				f.Type = MergeInto(f.Type, bf.Type)
				f.Count += bf.Count
			} else {
				a.addField(bf)
			}
		}
	case Array:
		a.Elem = MergeInto(a.Elem, b.Elem)
	case Map:
		elem := MergeInto(mapElem(a), mapElem(b))
		a.Kind, a.Elem, a.Fields, a.index, a.Objects = Map, elem, nil, nil, 0
	default:
		a.Kind = k
	}
	return a
}

// join is the kind of a place that held kinds a and b (neither Unknown nor
// Null).
func join(a, b Kind) Kind {
	switch {
	case a == b:
		return a
	case a > b:
		a, b = b, a
	}
	switch {
	case a == Int && b == Float:
		return Float
	case a == String && b == Time:
		return String
	case a == Object && b == Map:
		return Map
	}
	return Mixed
}

// rank orders kinds by what they say: Unknown says nothing, Null only
// that the place may be null.
func rank(k Kind) int {
	switch k {
	case Unknown:
		return 0
	case Null:
		return 1
	}
	return 2
}

// mapElem is the element type of a Map, or of an Object read as one. It
// consumes t's members.
func mapElem(t *Type) *Type {
	if t.Kind == Map {
		return t.Elem
	}
	var e *Type
	for _, f := range t.Fields {
		e = MergeInto(e, f.Type)
	}
	return e
}

// jsonKinds is what t held, in JSON's terms.
func jsonKinds(t *Type) []Kind {
	switch t.Kind {
	case Mixed:
		return t.Kinds
	case Int, Float:
		return []Kind{Float}
	case Time, String:
		return []Kind{String}
	case Map, Object:
		return []Kind{Object}
	}
	return []Kind{t.Kind}
}

// unionKinds merges two sorted kind lists.
func unionKinds(a, b []Kind) []Kind {
	var seen [Mixed + 1]bool
	for _, k := range a {
		seen[k] = true
	}
	for _, k := range b {
		seen[k] = true
	}
	var out []Kind
	for k, ok := range seen {
		if ok {
			out = append(out, Kind(k))
		}
	}
	return out
}

// clone copies t deeply.
func clone(t *Type) *Type {
	if t == nil {
		return nil
	}
	c := *t
	c.index = nil // it points at t's members; Field builds c's own
	c.Elem = clone(t.Elem)
	if t.Fields != nil {
		c.Fields = make([]*Field, len(t.Fields))
		for i, f := range t.Fields {
			c.Fields[i] = &Field{Key: f.Key, Type: clone(f.Type), Count: f.Count}
		}
	}
	c.Kinds = append([]Kind(nil), t.Kinds...)
	return &c
}
