package infer

import (
	"crypto/sha256"
	"encoding/hex"
	"sort"
	"strconv"
	"strings"
)

// Keys computes structural identities. Two types with the same key
// declare the same Go type: same kinds, same member names (in any order),
// same optional and nullable marks, recursively. Counts do not matter. A
// Keys remembers the key of every node it has seen, so keying all the
// nodes of a tree is linear.
type Keys struct {
	memo map[*Type]string
}

// Of returns the key of t ("" for nil).
func (k *Keys) Of(t *Type) string {
	if t == nil {
		return ""
	}
	if key, ok := k.memo[t]; ok {
		return key
	}
	if k.memo == nil {
		k.memo = map[*Type]string{}
	}
	var b strings.Builder
	b.WriteString(strconv.Itoa(int(t.Kind)))
	if t.Nullable {
		b.WriteString("?")
	}
	switch t.Kind {
	case Object:
		fields := make([]string, len(t.Fields))
		for i, f := range t.Fields {
			opt := "!"
			if t.Optional(f) {
				opt = "~"
			}
			fields[i] = strconv.Quote(f.Key) + opt + k.Of(f.Type)
		}
		sort.Strings(fields)
		b.WriteString("{" + strings.Join(fields, ",") + "}")
	case Array, Map:
		b.WriteString("[" + k.Of(t.Elem) + "]")
	case Mixed:
		for _, kind := range t.Kinds {
			b.WriteString("|" + strconv.Itoa(int(kind)))
		}
	}
	sum := sha256.Sum256([]byte(b.String()))
	key := hex.EncodeToString(sum[:12])
	k.memo[t] = key
	return key
}
