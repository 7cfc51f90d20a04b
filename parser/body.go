package parser

import (
	"github.com/postgen/postgen/model"
	"github.com/tidwall/gjson"
)

// body reads request.body (§9). No body, null, or no mode means no body
// (nil). Pruning bodies of GET and friends is a send-time rule left to the
// generator, which sees the method and the Behavior.
func (w *walker) body(v gjson.Result, path string) *model.Body {
	switch {
	case !present(v):
		return nil
	case !v.IsObject():
		w.warn(model.CodeUnexpectedType, path, v, "expected a body object, found %s; the request has no body", describe(v))
		return nil
	}
	var mode, raw, urlencoded, formdata, file, graphql, options, disabled gjson.Result
	members(v, func(key string, val gjson.Result) {
		switch key {
		case "mode":
			mode = val
		case "raw":
			raw = val
		case "urlencoded":
			urlencoded = val
		case "formdata":
			formdata = val
		case "file":
			file = val
		case "graphql":
			graphql = val
		case "options":
			options = val
		case "disabled":
			disabled = val
		}
	})
	if !present(mode) {
		return nil
	}
	if mode.Type != gjson.String {
		w.warn(model.CodeUnexpectedType, join(path, "mode"), mode, "expected a body mode string, found %s; the request has no body", describe(mode))
		return nil
	}
	b := &model.Body{Mode: mode.Str, Disabled: truthy(disabled)}
	switch mode.Str {
	case model.BodyURLEncoded:
		b.URLEncoded = w.formRows(urlencoded, join(path, "urlencoded"), false)
	case model.BodyFormData:
		b.FormData = w.formRows(formdata, join(path, "formdata"), true)
	case model.BodyFile:
		b.File = w.fileBody(file, join(path, "file"))
	case model.BodyGraphQL:
		b.GraphQL = w.graphQLBody(graphql, join(path, "graphql"))
	default:
		if mode.Str != model.BodyRaw {
			w.warn(model.CodeUnknownBodyMode, join(path, "mode"), mode, "unknown body mode %q; Postman sends body.raw as a raw text body", mode.Str)
			b.Mode = model.BodyRaw
		}
		// A non-string raw is sent JSON-serialised.
		b.Raw = text(raw)
		b.Language = options.Get("raw.language").String()
	}
	return b
}

// formRows reads urlencoded or formdata rows: an array of row objects or,
// for urlencoded, a query string (§9.3).
func (w *walker) formRows(v gjson.Result, path string, formdata bool) []model.FormParam {
	switch {
	case !present(v):
		return nil
	case v.Type == gjson.String && !formdata:
		var out []model.FormParam
		for _, q := range parseQueryString(v.Str) {
			out = append(out, model.FormParam{Key: q.Key, Value: q.Value})
		}
		return out
	case !v.IsArray():
		w.warn(model.CodeUnexpectedType, path, v, "expected an array of form rows, found %s; ignoring it", describe(v))
		return nil
	}
	var out []model.FormParam
	elements(v, func(i int, el gjson.Result) {
		p := index(path, i)
		if !el.IsObject() {
			w.warn(model.CodeUnexpectedType, p, el, "expected a form row object {key, value}, found %s; skipping it", describe(el))
			return
		}
		r := readRow(el)
		key, value, typ, src, contentType, disabled, desc := r.key, r.value, r.typ, r.src, r.contentType, r.disabled, r.desc
		row := model.FormParam{
			Key:         w.str(key, p, "key"),
			Value:       text(value),
			Disabled:    truthy(disabled),
			Description: w.description(desc, p, "description"),
		}
		if formdata {
			row.Type = w.str(typ, p, "type")
			if row.Type != "" && row.Type != "file" {
				// Postman sends anything but "file" as a text part.
				row.Type = "text"
			}
			row.Src = w.fileSources(src, join(p, "src"))
			row.ContentType = w.str(contentType, p, "contentType")
		}
		out = append(out, row)
	})
	return out
}

// fileSources reads a formdata src: a path, an array of paths, or null.
func (w *walker) fileSources(v gjson.Result, path string) []string {
	switch {
	case !present(v):
		return nil
	case v.Type == gjson.String:
		return []string{v.Str}
	case !v.IsArray():
		w.warn(model.CodeUnexpectedType, path, v, "expected a file path or an array of paths, found %s; ignoring it", describe(v))
		return nil
	}
	var out []string
	elements(v, func(i int, el gjson.Result) {
		if el.Type != gjson.String {
			w.warn(model.CodeUnexpectedType, index(path, i), el, "expected a file path string, found %s; skipping it", describe(el))
			return
		}
		out = append(out, el.Str)
	})
	return out
}

// fileBody reads body.file: {src, content} or a bare src string.
func (w *walker) fileBody(v gjson.Result, path string) model.FileBody {
	switch {
	case !present(v):
		return model.FileBody{}
	case v.Type == gjson.String:
		return model.FileBody{Src: v.Str}
	case !v.IsObject():
		w.warn(model.CodeUnexpectedType, path, v, "expected a file object {src}, found %s; the body has no file", describe(v))
		return model.FileBody{}
	}
	var src, content gjson.Result
	members(v, func(k string, val gjson.Result) {
		switch k {
		case "src":
			src = val
		case "content":
			content = val
		}
	})
	return model.FileBody{Src: w.str(src, path, "src"), Content: w.str(content, path, "content")}
}

// graphQLBody reads body.graphql. Variables stored as a string are sent
// verbatim by Postman, so the text is kept as-is; a JSON value is rendered
// compactly.
func (w *walker) graphQLBody(v gjson.Result, path string) model.GraphQLBody {
	switch {
	case !present(v):
		return model.GraphQLBody{}
	case !v.IsObject():
		w.warn(model.CodeUnexpectedType, path, v, "expected a graphql object {query, variables}, found %s; the body is empty", describe(v))
		return model.GraphQLBody{}
	}
	var query, variables, op gjson.Result
	members(v, func(k string, val gjson.Result) {
		switch k {
		case "query":
			query = val
		case "variables":
			variables = val
		case "operationName":
			op = val
		}
	})
	g := model.GraphQLBody{
		Query:         w.str(query, path, "query"),
		OperationName: w.str(op, path, "operationName"),
	}
	switch {
	case variables.Type == gjson.String:
		g.Variables, g.VariablesIsText = variables.Str, true
	case present(variables):
		g.Variables = text(variables)
	}
	return g
}
