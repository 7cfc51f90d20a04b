package parser

import (
	"github.com/postgen/postgen/model"
	"github.com/tidwall/gjson"
)

// description reads the description member key of the value at parent: a
// string, {content, type}, or null.
func (w *walker) description(v gjson.Result, parent, key string) model.Description {
	switch {
	case !present(v):
		return model.Description{}
	case v.Type == gjson.String:
		return model.Description{Content: v.Str}
	case !v.IsObject():
		w.warn(model.CodeUnexpectedType, join(parent, key), v, "expected a description string or {content, type} object, found %s; ignoring it", describe(v))
		return model.Description{}
	}
	path := join(parent, key)
	var content, typ gjson.Result
	members(v, func(k string, val gjson.Result) {
		switch k {
		case "content":
			content = val
		case "type":
			typ = val
		}
	})
	return model.Description{Content: w.str(content, path, "content"), Type: w.str(typ, path, "type")}
}
