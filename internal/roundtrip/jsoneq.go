// Package roundtrip measures the types postgen infers: every JSON example
// of a collection must decode into its generated type (with unknown
// fields refused) and encode back to JSON that says the same thing.
//
// The measurement is part of cli's TestCorpusBuilds, which generates and
// builds every corpus SDK once: this package writes the program that
// decodes the samples (WriteCases, WriteProgram), runs it and reports
// (Run, Summarise). Equal, the comparison it uses, lives here so that it
// is tested like any code, and is copied into the program.
package roundtrip

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"time"
)

// Equal reports whether got, a JSON body re-encoded from the Go value it
// was decoded into, says what orig says; why names the first difference
// by its JSON path. Differences a Go type legitimately makes are allowed:
//   - a member orig has with a zero value (null, false, 0, "", [], or an
//     object of zero members) may be missing from got: an optional field
//     with omitempty, or a body field with omitzero;
//   - numbers are compared by value (1.0 and 1 are equal; an integer too
//     large for int64 is compared as float64, the type it decodes into);
//   - two RFC 3339 strings are equal when they are the same instant
//     (time.Time drops trailing zeros of fractional seconds).
func Equal(orig, got []byte) (ok bool, why string) {
	a, err := decodeJSON(orig)
	if err != nil {
		return false, "original: " + err.Error()
	}
	b, err := decodeJSON(got)
	if err != nil {
		return false, "re-encoded: " + err.Error()
	}
	return equal(a, b, "$")
}

func decodeJSON(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	err := dec.Decode(&v)
	return v, err
}

// equal compares two decoded JSON values at path at.
func equal(a, b any, at string) (bool, string) {
	switch x := a.(type) {
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok {
			return false, fmt.Sprintf("%s: object became %s", at, kindOf(b))
		}
		for _, k := range sortedKeys(x) {
			w, ok := y[k]
			if !ok {
				if isZero(x[k]) {
					continue
				}
				return false, fmt.Sprintf("%s.%s: missing after the round trip", at, k)
			}
			if ok, why := equal(x[k], w, at+"."+k); !ok {
				return false, why
			}
		}
		for _, k := range sortedKeys(y) {
			if _, ok := x[k]; !ok && !isZero(y[k]) {
				return false, fmt.Sprintf("%s.%s: added by the round trip", at, k)
			}
		}
		return true, ""
	case []any:
		y, ok := b.([]any)
		if !ok || len(x) != len(y) {
			return false, fmt.Sprintf("%s: array of %d became %s", at, len(x), kindOf(b))
		}
		for i := range x {
			if ok, why := equal(x[i], y[i], at+"["+strconv.Itoa(i)+"]"); !ok {
				return false, why
			}
		}
		return true, ""
	case json.Number:
		y, ok := b.(json.Number)
		if ok && (x == y || sameNumber(x, y)) {
			return true, ""
		}
	case string:
		y, ok := b.(string)
		if ok && (x == y || sameInstant(x, y)) {
			return true, ""
		}
	default: // bool, nil
		if a == b {
			return true, ""
		}
	}
	return false, fmt.Sprintf("%s: %v became %v", at, a, b)
}

func sameNumber(x, y json.Number) bool {
	f, err1 := strconv.ParseFloat(string(x), 64)
	g, err2 := strconv.ParseFloat(string(y), 64)
	return err1 == nil && err2 == nil && f == g
}

func sameInstant(x, y string) bool {
	s, err1 := time.Parse(time.RFC3339Nano, x)
	t, err2 := time.Parse(time.RFC3339Nano, y)
	return err1 == nil && err2 == nil && s.Equal(t)
}

// isZero reports the values omitempty leaves out.
func isZero(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case bool:
		return !x
	case string:
		return x == ""
	case json.Number:
		f, err := strconv.ParseFloat(string(x), 64)
		return err == nil && f == 0
	case []any:
		return len(x) == 0
	case map[string]any:
		// An object of zero members decodes into a zero struct, which
		// omitzero (every field of a body type) leaves out.
		for _, m := range x {
			if !isZero(m) {
				return false
			}
		}
		return true
	}
	return false
}

func kindOf(v any) string {
	switch v.(type) {
	case map[string]any:
		return "an object"
	case []any:
		return "an array"
	case nil:
		return "null"
	}
	return fmt.Sprintf("%v", v)
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
