package parser

import (
	"fmt"
	"sort"
	"strconv"

	"github.com/postgen/postgen/model"
	"github.com/tidwall/gjson"
)

// walker carries what every step of the v2 walk shares: the source text for
// positions and the diagnostics found so far.
type walker struct {
	// src is the whole input after the BOM; base is the offset in src of
	// the text gjson parsed, which gjson indexes start from.
	src  string
	base int
	// diags are kept with byte offsets; line:column is computed once at the
	// end, and only when there is something to report.
	diags []pendingDiag
	// authShape is the schema version suggested by the first auth
	// parameters seen ("2.1.0" for an array, "2.0.0" for an object).
	authShape string
}

type pendingDiag struct {
	off  int
	path string
	code model.Code
	msg  string
}

// offset returns the position in src of a gjson value; values that do not
// exist report the position of fallback.
func (w *walker) offset(v gjson.Result, fallback ...gjson.Result) int {
	if v.Exists() || len(fallback) == 0 {
		return w.base + v.Index
	}
	return w.offset(fallback[0], fallback[1:]...)
}

// warn records a diagnostic of kind code (its severity is the code's)
// about the value v found at path.
func (w *walker) warn(code model.Code, path string, v gjson.Result, format string, args ...any) {
	w.diags = append(w.diags, pendingDiag{off: w.offset(v), path: path, code: code, msg: fmt.Sprintf(format, args...)})
}

// warnAt records a warning about a member that may be absent: its position
// is that of v when present, else of the enclosing value parent.
func (w *walker) warnAt(code model.Code, path string, v, parent gjson.Result, format string, args ...any) {
	w.diags = append(w.diags, pendingDiag{off: w.offset(v, parent), path: path, code: code, msg: fmt.Sprintf(format, args...)})
}

// finish returns the diagnostics in input order with their positions.
func (w *walker) finish() []model.Diagnostic {
	if len(w.diags) == 0 {
		return nil
	}
	sort.SliceStable(w.diags, func(i, j int) bool { return w.diags[i].off < w.diags[j].off })
	offs := make([]int, len(w.diags))
	for i, d := range w.diags {
		offs[i] = d.off
	}
	lines, cols := positions(w.src, offs)
	out := make([]model.Diagnostic, len(w.diags))
	for i, d := range w.diags {
		out[i] = model.Diagnostic{Severity: d.code.Severity(), Code: d.code, Path: d.path, Line: lines[i], Column: cols[i], Message: d.msg}
	}
	return out
}

// join appends a member name to a JSON path.
func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// index appends an array index to a JSON path.
func index(path string, i int) string {
	return path + "[" + strconv.Itoa(i) + "]"
}

// present reports whether a member exists and is not null; Postman treats
// absent and null alike almost everywhere.
func present(v gjson.Result) bool {
	return v.Exists() && v.Type != gjson.Null
}

// kindOf names the JSON kind of v the way model.AuthParam.Kind does, ""
// when v does not exist.
func kindOf(v gjson.Result) string {
	switch v.Type {
	case gjson.String:
		return "string"
	case gjson.Number:
		return "number"
	case gjson.True, gjson.False:
		return "boolean"
	case gjson.JSON:
		if v.IsArray() {
			return "array"
		}
		return "object"
	case gjson.Null:
		if v.Exists() {
			return "null"
		}
	}
	return ""
}

// describe names the kind of v for messages, with an article.
func describe(v gjson.Result) string {
	switch k := kindOf(v); k {
	case "":
		return "nothing"
	case "null":
		return "null"
	case "array", "object":
		return "an " + k
	default:
		return "a " + k
	}
}

// text renders v as text: strings as-is, numbers as JavaScript prints them, booleans as
// true/false, null and absent as "", objects and arrays as compact JSON.
func text(v gjson.Result) string {
	switch v.Type {
	case gjson.String:
		return v.Str
	case gjson.Number:
		return jsNumber(v.Raw)
	case gjson.True:
		return "true"
	case gjson.False:
		return "false"
	case gjson.JSON:
		return compactJSON(v.Raw)
	}
	return ""
}

// truthy mirrors JavaScript truthiness, which is how Postman reads flags
// such as "disabled" whatever their JSON type.
func truthy(v gjson.Result) bool {
	switch v.Type {
	case gjson.True, gjson.JSON:
		return true
	case gjson.String:
		return v.Str != ""
	case gjson.Number:
		return v.Num != 0 && v.Num == v.Num
	}
	return false
}

// str returns the string member key of the value at parent, warning (and
// returning "") when it is present with another type. The member's path is
// only built for the warning, as str runs for almost every member read.
func (w *walker) str(v gjson.Result, parent, key string) string {
	switch {
	case v.Type == gjson.String:
		return v.Str
	case !present(v):
		return ""
	case v.Type == gjson.Number || v.Type == gjson.True || v.Type == gjson.False:
		// A scalar of the wrong type is still meaningful as text.
		w.warn(model.CodeUnexpectedType, join(parent, key), v, "expected a string, found %s; using its text %q", describe(v), text(v))
		return text(v)
	}
	w.warn(model.CodeUnexpectedType, join(parent, key), v, "expected a string, found %s; ignoring it", describe(v))
	return ""
}

// members calls fn for each member of an object, in input order. Reading
// an object once this way, instead of one gjson Get per member, keeps the
// walk linear in the size of the input.
func members(v gjson.Result, fn func(key string, val gjson.Result)) {
	v.ForEach(func(k, val gjson.Result) bool {
		fn(k.Str, val)
		return true
	})
}

// elements calls fn for each element of an array with its index.
func elements(v gjson.Result, fn func(i int, el gjson.Result)) {
	i := 0
	v.ForEach(func(_, el gjson.Result) bool {
		fn(i, el)
		i++
		return true
	})
}

// array checks that a present member is an array, warning otherwise.
func (w *walker) array(v gjson.Result, path, what string) bool {
	if !present(v) {
		return false
	}
	if !v.IsArray() {
		w.warn(model.CodeUnexpectedType, path, v, "expected an array of %s, found %s; ignoring it", what, describe(v))
		return false
	}
	return true
}

// rowFields are the members Postman's list rows are made of (headers,
// query parameters, form rows, auth attributes); a row kind's other
// members stay empty results.
type rowFields struct {
	key, value, disabled, desc, typ, src, contentType gjson.Result
}

// readRow reads the members of a row object; of a repeated member the
// last wins, as JavaScript's JSON.parse keeps it.
func readRow(el gjson.Result) rowFields {
	var r rowFields
	members(el, func(k string, val gjson.Result) {
		switch k {
		case "key":
			r.key = val
		case "value":
			r.value = val
		case "disabled":
			r.disabled = val
		case "description":
			r.desc = val
		case "type":
			r.typ = val
		case "src":
			r.src = val
		case "contentType":
			r.contentType = val
		}
	})
	return r
}
