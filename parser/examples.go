package parser

import (
	"strconv"

	"github.com/postgen/postgen/model"
	"github.com/tidwall/gjson"
)

// examples reads item.response, the saved responses (§11).
func (w *walker) examples(v gjson.Result, path string) []model.Example {
	if !w.array(v, path, "saved responses") {
		return nil
	}
	var out []model.Example
	elements(v, func(i int, el gjson.Result) {
		p := index(path, i)
		if !el.IsObject() {
			w.warn(model.CodeUnexpectedType, p, el, "expected a saved response object, found %s; skipping it", describe(el))
			return
		}
		var name, id, code, status, header, body, lang, orig gjson.Result
		members(el, func(k string, val gjson.Result) {
			switch k {
			case "name":
				name = val
			case "id":
				id = val
			case "code":
				code = val
			case "status":
				status = val
			case "header":
				header = val
			case "body":
				body = val
			case "_postman_previewlanguage":
				lang = val
			case "originalRequest":
				orig = val
			}
		})
		ex := model.Example{
			Name:            w.str(name, p, "name"),
			ID:              w.str(id, p, "id"),
			Path:            p,
			Code:            w.statusCode(code, join(p, "code")),
			Status:          w.str(status, p, "status"),
			Headers:         w.headers(header, join(p, "header"), true),
			PreviewLanguage: w.str(lang, p, "_postman_previewlanguage"),
		}
		switch {
		case body.Type == gjson.String:
			ex.Body = body.Str
		case present(body):
			// Postman stores bodies as text; a JSON value is what the
			// author meant to show.
			w.warn(model.CodeUnexpectedType, join(p, "body"), body, "expected the response body as a string, found %s; using its JSON text", describe(body))
			ex.Body = text(body)
		}
		if present(orig) {
			r := &model.Request{}
			if _, ok := w.fillRequest(r, orig, join(p, "originalRequest"), false); ok {
				ex.OriginalRequest = r
			}
		}
		out = append(out, ex)
	})
	return out
}

// statusCode reads a response code: a number, or a numeric string.
func (w *walker) statusCode(v gjson.Result, path string) int {
	switch v.Type {
	case gjson.Number:
		if n, err := strconv.Atoi(v.Raw); err == nil {
			return n
		}
	case gjson.String:
		if n, err := strconv.Atoi(v.Str); err == nil {
			return n
		}
	case gjson.Null:
		return 0
	}
	if v.Exists() {
		w.warn(model.CodeUnexpectedType, path, v, "expected an integer status code, found %s; using 0", v.Raw)
	}
	return 0
}
