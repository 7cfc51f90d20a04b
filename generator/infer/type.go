package infer

import "strings"

// Kind is what a place holds.
type Kind uint8

// Kinds, from least to most informative for merging: Unknown and Null
// give way to any other kind.
const (
	// Unknown: no sample says (only {{variables}} or placeholders).
	Unknown Kind = iota
	// Null: only null was seen.
	Null
	Bool
	Int
	Float
	String
	// Time: strings that are all RFC 3339 timestamps.
	Time
	Object
	Array
	// Map: an object used as a dictionary; Elem merges its values.
	Map
	// Mixed: several kinds were seen; Kinds lists them.
	Mixed
)

var kindNames = [...]string{"unknown", "null", "boolean", "integer", "number", "string", "timestamp", "object", "array", "object", "mixed"}

// String names the kind as JSON would ("boolean", "number", "object"...).
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "kind?"
}

// Type describes every value seen at one place of the samples.
type Type struct {
	Kind Kind
	// Nullable is true when null was seen besides another kind.
	Nullable bool
	// Count is how many values (null included, placeholders excluded)
	// were merged into this type.
	Count int
	// Objects is how many of them were objects, for Object: a field seen
	// in fewer objects is optional.
	Objects int
	// Fields are an Object's members, in the order first seen.
	Fields []*Field
	// Elem merges the elements of an Array or the values of a Map; nil
	// when none was seen.
	Elem *Type
	// Example is the first scalar sample seen here, as JSON would write
	// it ("\"Ada\"", 42, true), for documentation; "" when none was
	// short enough.
	Example string
	// Kinds lists the kinds a Mixed place held, in Kind order (Int and
	// Float reported as one "number", Time as "string").
	Kinds []Kind

	// index finds the members of an object with many, by key, while
	// samples are read and merged: looking each member up by scanning
	// Fields would make a hostile object of n members cost n² (see
	// field). Normalize drops it.
	index map[string]*Field
}

// Field is one member of an object type.
type Field struct {
	// Key is the JSON member name.
	Key  string
	Type *Type
	// Count is how many objects had the member.
	Count int
}

// Optional reports whether f was missing from some of the objects of t.
func (t *Type) Optional(f *Field) bool { return f.Count < t.Objects }

// Field returns the member named key, or nil.
func (t *Type) Field(key string) *Field {
	if len(t.Fields) <= scanFields {
		for _, f := range t.Fields {
			if f.Key == key {
				return f
			}
		}
		return nil
	}
	if len(t.index) != len(t.Fields) {
		// Built on the first look-up past scanFields members, or again
		// if Fields was changed by hand; addField keeps it current.
		t.index = make(map[string]*Field, len(t.Fields))
		for _, f := range t.Fields {
			t.index[f.Key] = f
		}
	}
	return t.index[key]
}

// scanFields is how many members an object may have before Field looks
// them up in an index rather than scanning: most objects have a few, and
// scanning a few is faster than hashing.
const scanFields = 8

// addField appends f, whose key t does not have yet, to t's members.
func (t *Type) addField(f *Field) {
	t.Fields = append(t.Fields, f)
	if t.index != nil {
		t.index[f.Key] = f
	}
}

// MixedKinds describes what a Mixed place held, "string and number".
func (t *Type) MixedKinds() string {
	names := make([]string, len(t.Kinds))
	for i, k := range t.Kinds {
		names[i] = k.String()
	}
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// String renders t compactly for tests and debugging:
// {id:int, note?:string|null, tags:[string], meta:map[any]}, where "?"
// marks an optional member and "|null" a nullable place.
func (t *Type) String() string {
	if t == nil {
		return "nothing"
	}
	var s string
	switch t.Kind {
	case Unknown:
		s = "unknown"
	case Null:
		s = "null"
	case Bool:
		s = "bool"
	case Int:
		s = "int"
	case Float:
		s = "float"
	case String:
		s = "string"
	case Time:
		s = "time"
	case Mixed:
		s = "mixed(" + t.MixedKinds() + ")"
	case Array:
		s = "[" + elemString(t.Elem) + "]"
	case Map:
		s = "map[" + elemString(t.Elem) + "]"
	case Object:
		parts := make([]string, len(t.Fields))
		for i, f := range t.Fields {
			opt := ""
			if t.Optional(f) {
				opt = "?"
			}
			parts[i] = f.Key + opt + ":" + f.Type.String()
		}
		s = "{" + strings.Join(parts, ", ") + "}"
	}
	if t.Nullable {
		s += "|null"
	}
	return s
}

func elemString(t *Type) string {
	if t == nil {
		return ""
	}
	return t.String()
}
