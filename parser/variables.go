package parser

import (
	"github.com/postgen/postgen/model"
	"github.com/tidwall/gjson"
)

// variables reads a variable array (§7.3): collection, folder, item or
// (urlVars) url.variable entries. An entry with only an id gets the id as
// its key and KeyFromID set; for url variables Postman does match path
// segments by that id (PV5), for other scopes it never finds such an entry.
func (w *walker) variables(v gjson.Result, path string, urlVars bool) []model.Variable {
	if !w.array(v, path, "variables") {
		return nil
	}
	var out []model.Variable
	elements(v, func(i int, el gjson.Result) {
		p := index(path, i)
		if !el.IsObject() {
			w.warn(model.CodeUnexpectedType, p, el, "expected a variable object {key, value}, found %s; skipping it", describe(el))
			return
		}
		var key, id, value, typ, desc, disabled gjson.Result
		members(el, func(k string, val gjson.Result) {
			switch k {
			case "key":
				key = val
			case "id":
				id = val
			case "value":
				value = val
			case "type":
				typ = val
			case "description":
				desc = val
			case "disabled":
				disabled = val
			}
		})
		vr := model.Variable{
			Value:       text(value),
			Kind:        kindOf(value),
			Type:        w.str(typ, p, "type"),
			Description: w.description(desc, p, "description"),
			Disabled:    truthy(disabled),
		}
		switch {
		case present(key):
			vr.Key = w.str(key, p, "key")
		case id.Type == gjson.String && id.Str != "":
			vr.Key, vr.KeyFromID = id.Str, true
			if !urlVars {
				w.warn(model.CodeVariableIDOnly, p, el, "variable %q has an id but no key; Postman looks variables up by key only, so {{%s}} will not find it", id.Str, id.Str)
			}
		default:
			w.warn(model.CodeMissingKey, p, el, "the variable has neither key nor id; skipping it")
			return
		}
		out = append(out, vr)
	})
	return out
}
