package sdk

import (
	"strconv"
	"time"
)

// This file holds the values a caller sets: the query parameters, headers
// and form fields of a call. Zero means omit: a generated params struct
// adds a field to Args only when it holds a value, and a row of the
// collection the caller left out is not sent unless the planner made it a
// constant (Param.Const). The generated code adds each field through a
// typed function, so the compiler checks how a value is encoded.

// Arg is one value a caller set: the values of one query key, header or
// form field, in the order they are sent.
type Arg struct {
	In  uint8
	Key string
	// Values are sent in order, in place of the collection's rows of Key;
	// each is sent as it is, never resolved as a template.
	Values []string
	// Flag sends a query key without "=" ("?verbose").
	Flag bool
	// File is the content of a multipart file field.
	File *FormFile
}

// Args are the values a caller set for one call.
type Args []Arg

// ParamValue is a Go type a query parameter, header or form field can
// have. A zero value (and a nil pointer or slice) is not sent; a pointer
// sends the value it points to, so a field whose zero value means
// something (false, 0) is a pointer.
type ParamValue interface {
	string | bool | int64 | float64 | time.Time | []string | []int64 |
		*string | *bool | *int64 | *float64
}

// Query adds the query parameter key to a when v is set.
func Query[T ParamValue](a *Args, key string, v T) { a.add(InQuery, key, v) }

// Header adds the header key to a when v is set.
func Header[T ParamValue](a *Args, key string, v T) { a.add(InHeader, key, v) }

// Form adds the form field key to a when v is set.
func Form[T ParamValue](a *Args, key string, v T) { a.add(InForm, key, v) }

// Flag adds the query key with no value ("?verbose") to a when on.
func Flag(a *Args, key string, on bool) {
	if on {
		*a = append(*a, Arg{In: InQuery, Key: key, Flag: true})
	}
}

// File adds the multipart file field key to a when f is not nil.
func File(a *Args, key string, f *FormFile) {
	if f != nil {
		*a = append(*a, Arg{In: InFile, Key: key, File: f})
	}
}

// add appends v under key when it is set, encoded as its type says.
func (a *Args) add(in uint8, key string, v any) {
	var values []string
	switch v := v.(type) {
	case string:
		if v != "" {
			values = []string{v}
		}
	case bool:
		if v {
			values = []string{"true"}
		}
	case int64:
		if v != 0 {
			values = []string{strconv.FormatInt(v, 10)}
		}
	case float64:
		if v != 0 {
			values = []string{formatFloat(v)}
		}
	case time.Time:
		if !v.IsZero() {
			values = []string{v.UTC().Format(time.RFC3339Nano)}
		}
	case []string:
		values = v
	case []int64:
		for _, n := range v {
			values = append(values, strconv.FormatInt(n, 10))
		}
	case *string:
		if v != nil {
			values = []string{*v}
		}
	case *bool:
		if v != nil {
			values = []string{strconv.FormatBool(*v)}
		}
	case *int64:
		if v != nil {
			values = []string{strconv.FormatInt(*v, 10)}
		}
	case *float64:
		if v != nil {
			values = []string{formatFloat(*v)}
		}
	}
	if len(values) > 0 {
		*a = append(*a, Arg{In: in, Key: key, Values: values})
	}
}

// formatFloat writes f as JavaScript would: the shortest decimal that
// reads back as f, without an exponent for ordinary magnitudes.
func formatFloat(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// find returns the index of the caller's value for a row, or -1. Query
// and form keys match exactly; header names match in any case, as HTTP
// compares them.
func (a Args) find(in uint8, key string) int {
	for i := range a {
		if a[i].In != in {
			continue
		}
		if a[i].Key == key || in == InHeader && equalFoldASCII(a[i].Key, key) {
			return i
		}
	}
	return -1
}

// equalFoldASCII compares header names case-insensitively.
func equalFoldASCII(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

// argUse records which of a call's values a row has sent, so a repeated
// key sends the caller's values once, at its first row.
type argUse struct {
	small uint64
	big   []bool
}

// take marks value i used and reports whether it was unused.
func (u *argUse) take(i, n int) bool {
	if n <= 64 {
		bit := uint64(1) << i
		if u.small&bit != 0 {
			return false
		}
		u.small |= bit
		return true
	}
	if u.big == nil {
		u.big = make([]bool, n)
	}
	if u.big[i] {
		return false
	}
	u.big[i] = true
	return true
}

// used reports whether value i was taken.
func (u *argUse) used(i, n int) bool {
	if n <= 64 {
		return u.small&(uint64(1)<<i) != 0
	}
	return u.big != nil && u.big[i]
}

// Ptr returns a pointer to v, for the pointer fields of params structs
// whose zero value is a value to send: Ptr(false), Ptr(int64(0)).
func Ptr[T any](v T) *T { return &v }
