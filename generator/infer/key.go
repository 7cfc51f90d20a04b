package infer

import (
	"sort"
	"strconv"
	"strings"
)

// Keys computes structural identities. Two types with the same key
// declare the same Go type: same kinds, same member names (in any order),
// same optional and nullable marks, recursively. Counts do not matter.
//
// A key is a small integer: each distinct shape is spelled once, with its
// members' keys, and numbered in a table, so keying every node of a tree
// is linear and two keys are equal exactly when the shapes are. A Keys
// remembers the key of every node it has seen.
type Keys struct {
	memo  map[*Type]int
	table map[string]int
}

// Of returns the key of t (0 for nil; shapes get 1, 2, ...).
func (k *Keys) Of(t *Type) int {
	if t == nil {
		return 0
	}
	if key, ok := k.memo[t]; ok {
		return key
	}
	if k.memo == nil {
		k.memo, k.table = map[*Type]int{}, map[string]int{}
	}
	var b strings.Builder
	b.WriteString(strconv.Itoa(int(t.Kind)))
	if t.Nullable {
		b.WriteByte('?')
	}
	switch t.Kind {
	case Object:
		fields := make([]string, len(t.Fields))
		for i, f := range t.Fields {
			opt := "!"
			if t.Optional(f) {
				opt = "~"
			}
			fields[i] = strconv.Quote(f.Key) + opt + strconv.Itoa(k.Of(f.Type))
		}
		sort.Strings(fields)
		b.WriteString("{" + strings.Join(fields, ",") + "}")
	case Array, Map:
		b.WriteString("[" + strconv.Itoa(k.Of(t.Elem)) + "]")
	case Mixed:
		for _, kind := range t.Kinds {
			b.WriteString("|" + strconv.Itoa(int(kind)))
		}
	}
	spelling := b.String()
	key, ok := k.table[spelling]
	if !ok {
		key = len(k.table) + 1
		k.table[spelling] = key
	}
	switch t.Kind {
	case Object, Array, Map:
		k.memo[t] = key // leaves are cheaper to spell again than to remember
	}
	return key
}
