package parser

import (
	"strings"

	"github.com/postgen/postgen/model"
	"github.com/tidwall/gjson"
)

// headers reads a header list: an array of {key, value, disabled,
// description}, or the string form "Key: Value\n...". Saved responses may
// also hold "Key: Value" strings as array elements (allowStrings).
func (w *walker) headers(v gjson.Result, path string, allowStrings bool) []model.Header {
	switch {
	case !present(v):
		return nil
	case v.Type == gjson.String:
		return w.headerString(v, path)
	case !v.IsArray():
		w.warn(model.CodeUnexpectedType, path, v, "expected an array of headers or a header string, found %s; ignoring it", describe(v))
		return nil
	}
	var out []model.Header
	elements(v, func(i int, el gjson.Result) {
		switch {
		case el.Type == gjson.String && allowStrings:
			out = append(out, parseHeaderLine(el.Str))
			return
		case !el.IsObject():
			w.warn(model.CodeUnexpectedType, index(path, i), el, "expected a header object {key, value}, found %s; skipping it", describe(el))
			return
		}
		r := readRow(el)
		key, value, disabled, desc := r.key, r.value, r.disabled, r.desc
		p := index(path, i)
		if !present(key) {
			w.warn(model.CodeMissingKey, p, el, "the header has no key; skipping it")
			return
		}
		out = append(out, model.Header{
			Key:         w.str(key, p, "key"),
			Value:       text(value),
			Disabled:    truthy(disabled),
			Description: w.description(desc, p, "description"),
		})
	})
	return out
}

// parseHeaderLine splits one "Key: Value" string at the first colon, as
// postman-collection's Header.parseSingle does for response header strings.
func parseHeaderLine(s string) model.Header {
	k, v, _ := strings.Cut(s, ":")
	return model.Header{Key: strings.TrimFunc(k, isJSSpace), Value: strings.TrimFunc(v, isJSSpace)}
}

// headerString parses the string form of a header list the way
// postman-collection's Header.parse does: folded lines (CRLF followed by a
// space or tab) are joined, then every line matching ^(\S+):(.*)$ is a
// header whose value is trimmed; other lines are dropped. Because \S+ is
// greedy, the key runs to the LAST colon of the leading non-space run, so
// "Host:example.com:8080" gives key "Host:example.com". Postman's result is
// kept, with a warning wherever HTTP's split at the first colon differs.
func (w *walker) headerString(v gjson.Result, path string) []model.Header {
	s := strings.NewReplacer("\r\n ", " ", "\r\n\t", "\t").Replace(v.Str)
	var out []model.Header
	for _, line := range splitJSLines(s) {
		h, ok := postmanHeaderLine(line)
		if ok {
			out = append(out, h)
		}
		hk, hv, hok := strings.Cut(line, ":")
		hk, hv = strings.TrimFunc(hk, isJSSpace), strings.TrimFunc(hv, isJSSpace)
		switch {
		case !ok && strings.TrimFunc(line, isJSSpace) == "":
		case !ok:
			w.warn(model.CodeHeaderLine, path, v, "header line %q is not \"Key: value\" (no colon, or a space before it); Postman drops it", line)
		case hok && (hk != h.Key || hv != h.Value):
			w.warn(model.CodeHeaderLine, path, v, "header line %q: Postman splits it into key %q and value %q, not at the first colon (key %q, value %q); keeping Postman's split, write it as an array header to be unambiguous", line, h.Key, h.Value, hk, hv)
		}
	}
	return out
}

// postmanHeaderLine applies ^(\S+):(.*)$ to one line.
func postmanHeaderLine(line string) (model.Header, bool) {
	end := strings.IndexFunc(line, isJSSpace)
	if end < 0 {
		end = len(line)
	}
	colon := strings.LastIndexByte(line[:end], ':')
	if colon < 1 {
		return model.Header{}, false
	}
	return model.Header{Key: line[:colon], Value: strings.TrimFunc(line[colon+1:], isJSSpace)}, true
}

// splitJSLines splits s at JavaScript line terminators (\n, \r, U+2028,
// U+2029), which is where ^ and $ match in a multiline JS regexp.
func splitJSLines(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return r == '\n' || r == '\r' || r == 0x2028 || r == 0x2029
	})
}
