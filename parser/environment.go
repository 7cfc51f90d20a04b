package parser

import (
	"strings"

	"github.com/postgen/postgen/model"
	"github.com/tidwall/gjson"
)

// ParseEnvironment reads a Postman environment export:
// {"name": ..., "values": [{"key", "value", "type", "enabled"}, ...]}, as
// Postman exports it or its API serves it (wrapped in {"environment": ...}).
// Values with "enabled": false are kept as Disabled. Input that is not an
// environment gives an *Error of kind ErrNotEnvironment.
func ParseEnvironment(data []byte) (*model.Environment, []model.Diagnostic, error) {
	if e := utf16Error(data); e != nil {
		return nil, nil, e
	}
	src := strings.TrimPrefix(string(data), "\uFEFF")
	if strings.TrimSpace(src) == "" {
		return nil, nil, &Error{Kind: ErrEmpty, Message: "the input holds no JSON at all; pass an environment exported from Postman (Environments > ... > Export)"}
	}
	start := skipJSONSpace(src, 0)
	if e := depthError(src, start); e != nil {
		return nil, nil, e
	}
	if !gjson.Valid(src[start:]) {
		return nil, nil, syntaxError(src, start)
	}
	doc, path := gjson.Parse(src[start:]), ""
	if env := doc.Get("environment"); env.IsObject() && !doc.Get("values").Exists() {
		doc, path = env, "environment"
	}
	values := doc.Get("values")
	if !doc.IsObject() || !values.IsArray() {
		what := "this JSON"
		if doc.IsObject() && (doc.Get("info").Exists() || doc.Get("item").Exists()) {
			what = "this looks like a collection, which"
		}
		return nil, nil, &Error{Kind: ErrNotEnvironment, Path: path,
			Message: what + " has no \"values\" array, so it is not a Postman environment; export one from Postman (Environments, then the environment's ... menu, Export)"}
	}
	w := &walker{src: src, base: start}
	env := &model.Environment{Name: w.str(doc.Get("name"), path, "name")}
	vpath := join(path, "values")
	elements(values, func(i int, el gjson.Result) {
		p := index(vpath, i)
		if !el.IsObject() {
			w.warn(model.CodeUnexpectedType, p, el, "expected a value object {key, value}, found %s; skipping it", describe(el))
			return
		}
		key := el.Get("key")
		if key.Type != gjson.String || key.Str == "" {
			w.warn(model.CodeMissingKey, p, el, "the value has no key; skipping it")
			return
		}
		value := el.Get("value")
		enabled := el.Get("enabled")
		env.Values = append(env.Values, model.Variable{
			Key:      key.Str,
			Value:    text(value),
			Kind:     kindOf(value),
			Type:     w.str(el.Get("type"), p, "type"),
			Disabled: enabled.Exists() && !truthy(enabled),
		})
	})
	return env, w.finish(), nil
}
