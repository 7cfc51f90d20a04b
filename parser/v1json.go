package parser

import (
	"bytes"
	"encoding/json"
	"strconv"
)

// This file is a tiny ordered JSON builder for the v1 converter: the
// converted collection is written as v2.1 JSON text that the ordinary v2
// walk then reads, so both formats go through exactly the same code.

// jobj is a JSON object whose members keep the order they were set in.
type jobj struct {
	keys []string
	vals []any
}

// rawJSON is JSON text copied from the input as it is.
type rawJSON string

// set adds a member. Values are nil (null), bool, string, int, rawJSON,
// *jobj, *v1Group or []any.
func (o *jobj) set(key string, v any) *jobj {
	o.keys = append(o.keys, key)
	o.vals = append(o.vals, v)
	return o
}

// encoder writes built values as JSON and records, for every item it
// writes, the JSON path it gets in the converted document, so diagnostics
// can point back at the v1 input.
type encoder struct {
	b bytes.Buffer
	// origins maps the v2 path of each written item to the offset of the
	// v1 object it came from.
	origins map[string]int
	// open holds the folders being written, to cut cycles (a folder listed
	// in its own folders_order).
	open map[*v1Group]bool
}

func (e *encoder) value(v any, path string) {
	switch v := v.(type) {
	case nil:
		e.b.WriteString("null")
	case bool:
		e.b.WriteString(strconv.FormatBool(v))
	case int:
		e.b.WriteString(strconv.Itoa(v))
	case string:
		s, _ := json.Marshal(v)
		e.b.Write(s)
	case rawJSON:
		e.b.WriteString(string(v))
	case *jobj:
		e.b.WriteByte('{')
		for i, k := range v.keys {
			if i > 0 {
				e.b.WriteByte(',')
			}
			e.value(k, "")
			e.b.WriteByte(':')
			e.value(v.vals[i], join(path, k))
		}
		e.b.WriteByte('}')
	case *v1Item:
		e.origins[path] = v.offset
		e.value(v.obj, path)
	case *v1Group:
		e.origins[path] = v.offset
		e.open[v] = true
		var items []any
		for _, it := range v.items {
			if g, ok := it.(*v1Group); ok && e.open[g] {
				continue // a cycle: the folder is already being written above
			}
			items = append(items, it)
		}
		e.value(v.obj.set("item", items), path)
		v.obj.keys, v.obj.vals = v.obj.keys[:len(v.obj.keys)-1], v.obj.vals[:len(v.obj.vals)-1]
		delete(e.open, v)
	case []any:
		e.b.WriteByte('[')
		for i, el := range v {
			if i > 0 {
				e.b.WriteByte(',')
			}
			e.value(el, index(path, i))
		}
		e.b.WriteByte(']')
	default:
		// Unreachable: the converter builds only the types above.
		e.b.WriteString("null")
	}
}
