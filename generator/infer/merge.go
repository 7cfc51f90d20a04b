package infer

// Merge returns a type that describes every value a or b describes. Either
// may be nil (nothing seen). The inputs are not changed.
func Merge(a, b *Type) *Type {
	switch {
	case a == nil:
		return clone(b)
	case b == nil:
		return clone(a)
	case rank(a.Kind) < rank(b.Kind):
		a, b = b, a // the less informative one second
	}
	out := clone(a)
	out.Count += b.Count
	switch {
	case b.Kind == Unknown:
		out.Nullable = out.Nullable || b.Nullable
		return out
	case b.Kind == Null:
		if out.Kind != Null {
			out.Nullable = true
		}
		return out
	}
	out.Nullable = a.Nullable || b.Nullable
	switch k := join(a.Kind, b.Kind); k {
	case Mixed:
		out.Kind = Mixed
		out.Kinds = unionKinds(jsonKinds(a), jsonKinds(b))
		out.Fields, out.Elem, out.Objects = nil, nil, 0
	case Object:
		out.Objects += b.Objects
		for _, bf := range b.Fields {
			if f := out.Field(bf.Key); f != nil {
				f.Type = Merge(f.Type, bf.Type)
				f.Count += bf.Count
			} else {
				out.Fields = append(out.Fields, &Field{Key: bf.Key, Type: clone(bf.Type), Count: bf.Count})
			}
		}
	case Array:
		out.Elem = Merge(a.Elem, b.Elem)
	case Map:
		out.Kind = Map
		out.Elem = Merge(mapElem(a), mapElem(b))
		out.Fields, out.Objects = nil, 0
	default:
		out.Kind = k
	}
	return out
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

// mapElem is the element type of a Map, or of an Object read as one.
func mapElem(t *Type) *Type {
	if t.Kind == Map {
		return t.Elem
	}
	var e *Type
	for _, f := range t.Fields {
		e = Merge(e, f.Type)
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
