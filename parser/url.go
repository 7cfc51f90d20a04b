package parser

import (
	"strings"

	"github.com/postgen/postgen/model"
	"github.com/tidwall/gjson"
)

// url reads request.url: a string parsed like Postman does, or an object
// whose components are used (raw is only for display, §6.1). parent is the
// request object, used to place a warning about a missing url.
func (w *walker) url(v gjson.Result, path string, parent gjson.Result) model.URL {
	switch {
	case v.Type == gjson.String:
		if strings.TrimSpace(v.Str) == "" {
			w.warn(model.CodeEmptyURL, path, v, "the request URL is empty; Postman cannot send this request")
		}
		return parseURLString(v.Str)
	case v.IsObject():
		return w.urlObject(v, path)
	case !present(v):
		w.warnAt(model.CodeEmptyURL, path, v, parent, "the request has no URL; Postman cannot send it")
	default:
		w.warn(model.CodeUnexpectedType, path, v, "expected a URL string or object, found %s; the request has no URL", describe(v))
	}
	return model.URL{}
}

func (w *walker) urlObject(v gjson.Result, path string) model.URL {
	var raw, protocol, host, port, upath, query, hash, variable, auth gjson.Result
	members(v, func(key string, val gjson.Result) {
		switch key {
		case "raw":
			raw = val
		case "protocol":
			protocol = val
		case "host":
			host = val
		case "port":
			port = val
		case "path":
			upath = val
		case "query":
			query = val
		case "hash":
			hash = val
		case "variable":
			variable = val
		case "auth":
			auth = val
		}
	})
	rawText := w.str(raw, path, "raw")
	hasHost := present(host) && !(host.Type == gjson.String && host.Str == "") && !(host.IsArray() && emptyArray(host))
	if !hasHost {
		if strings.TrimSpace(rawText) == "" {
			w.warn(model.CodeEmptyURL, path, v, "the URL object has neither host nor raw; Postman cannot send this request")
			return model.URL{Raw: rawText}
		}
		// Postman itself ignores raw and fails with "request url is empty"
		// (P04); parsing raw is the useful reading of such a file.
		w.warn(model.CodeURLNoHost, path, v, "the URL object has no host; Postman ignores url.raw and would fail to send this request, using the parsed url.raw %q instead", rawText)
		u := parseURLString(rawText)
		if present(variable) {
			u.Variables = w.variables(variable, join(path, "variable"), true)
		}
		return u
	}
	u := model.URL{
		Raw:      rawText,
		Protocol: w.str(protocol, path, "protocol"),
		Host:     w.urlHost(host, join(path, "host")),
		Path:     w.urlPath(upath, join(path, "path")),
		Query:    w.query(query, join(path, "query")),
		Hash:     w.str(hash, path, "hash"),
	}
	switch {
	case port.Type == gjson.Number:
		// Seen in the wild (U4); Postman converts it with toString.
		u.Port = jsNumber(port.Raw)
	default:
		u.Port = w.str(port, path, "port")
	}
	if auth.IsObject() {
		var user, pass gjson.Result
		members(auth, func(key string, val gjson.Result) {
			switch key {
			case "user":
				user = val
			case "password":
				pass = val
			}
		})
		u.HasUserInfo = present(user) || present(pass)
		u.User = w.str(user, path, "auth.user")
		u.Password = w.str(pass, path, "auth.password")
	}
	u.Variables = w.variables(variable, join(path, "variable"), true)
	return u
}

// urlHost reads url.host: an array of labels, or a string split on '.'
// except inside {{...}}.
func (w *walker) urlHost(v gjson.Result, path string) []string {
	switch {
	case v.Type == gjson.String:
		return splitHost(v.Str)
	case v.IsArray():
		var out []string
		elements(v, func(i int, el gjson.Result) {
			switch el.Type {
			case gjson.String:
				out = append(out, el.Str)
			case gjson.Number:
				out = append(out, jsNumber(el.Raw))
			default:
				w.warn(model.CodeUnexpectedType, index(path, i), el, "expected a host label string, found %s; skipping it", describe(el))
			}
		})
		return out
	}
	w.warn(model.CodeUnexpectedType, path, v, "expected a host string or an array of labels, found %s; ignoring it", describe(v))
	return nil
}

// splitHost is postman-collection's host.split(/\.(?![^{]*\}{2})/): a dot
// splits unless the next brace after it closes a {{...}} ("}}" comes
// before any '{').
func splitHost(s string) []string {
	if !strings.Contains(s, "}}") {
		return strings.Split(s, ".")
	}
	var out []string
	start := 0
	// closeAhead is true while scanning backwards when the next brace to
	// the right is the start of "}}".
	splitAt := make([]bool, len(s))
	closeAhead := false
	for i := len(s) - 1; i >= 0; i-- {
		switch {
		case s[i] == '{':
			closeAhead = false
		case s[i] == '}' && i+1 < len(s) && s[i+1] == '}':
			closeAhead = true
		case s[i] == '.':
			splitAt[i] = !closeAhead
		}
	}
	for i := range s {
		if splitAt[i] {
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

// urlPath reads url.path: an array of segments, or a string whose one
// leading '/' is removed before splitting on '/' ("" means no path).
func (w *walker) urlPath(v gjson.Result, path string) []string {
	switch {
	case !present(v):
		return nil
	case v.Type == gjson.String:
		if v.Str == "" {
			return nil
		}
		return strings.Split(strings.TrimPrefix(v.Str, "/"), "/")
	case !v.IsArray():
		w.warn(model.CodeUnexpectedType, path, v, "expected a path string or an array of segments, found %s; ignoring it", describe(v))
		return nil
	}
	var out []string
	elements(v, func(i int, el gjson.Result) {
		switch {
		case el.Type == gjson.String:
			out = append(out, el.Str)
		case el.Type == gjson.Number:
			out = append(out, jsNumber(el.Raw))
		case el.IsObject():
			// {type, value} is in the schema but Postman sends it as
			// "[object Object]"; its value is what the author meant.
			val := el.Get("value")
			w.warn(model.CodeUnexpectedType, index(path, i), el, "path segment given as an object; Postman would send it as \"[object Object]\", using its value %q", text(val))
			out = append(out, text(val))
		default:
			w.warn(model.CodeUnexpectedType, index(path, i), el, "expected a path segment string, found %s; using an empty segment", describe(el))
			out = append(out, "")
		}
	})
	return out
}

// query reads url.query: an array of {key, value, disabled, description},
// a query string, or (leniently) an object of key: value.
func (w *walker) query(v gjson.Result, path string) []model.QueryParam {
	switch {
	case !present(v):
		return nil
	case v.Type == gjson.String:
		return parseQueryString(strings.TrimPrefix(v.Str, "?"))
	case v.IsObject():
		var out []model.QueryParam
		members(v, func(key string, val gjson.Result) {
			out = append(out, model.QueryParam{Key: key, Value: text(val), NullValue: !present(val)})
		})
		return out
	case !v.IsArray():
		w.warn(model.CodeUnexpectedType, path, v, "expected an array of query parameters, found %s; ignoring it", describe(v))
		return nil
	}
	var out []model.QueryParam
	elements(v, func(i int, el gjson.Result) {
		if !el.IsObject() {
			w.warn(model.CodeUnexpectedType, index(path, i), el, "expected a query parameter object {key, value}, found %s; skipping it", describe(el))
			return
		}
		r := readRow(el)
		key, value, disabled, desc := r.key, r.value, r.disabled, r.desc
		p := index(path, i)
		out = append(out, model.QueryParam{
			Key:         w.str(key, p, "key"),
			Value:       text(value),
			NullValue:   !present(value),
			Disabled:    truthy(disabled),
			Description: w.description(desc, p, "description"),
		})
	})
	return out
}

// emptyArray reports whether the array v has no elements.
func emptyArray(v gjson.Result) bool {
	empty := true
	v.ForEach(func(_, _ gjson.Result) bool {
		empty = false
		return false
	})
	return empty
}
