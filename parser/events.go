package parser

import (
	"strings"

	"github.com/postgen/postgen/model"
	"github.com/tidwall/gjson"
)

// events reads an event array (§12): {listen, script: {exec}, disabled}.
// exec may be an array of lines or one string; postman-collection also
// accepts script itself as a string or an array of lines.
func (w *walker) events(v gjson.Result, path string) []model.Event {
	if !w.array(v, path, "events") {
		return nil
	}
	var out []model.Event
	elements(v, func(i int, el gjson.Result) {
		p := index(path, i)
		if !el.IsObject() {
			w.warn(model.CodeUnexpectedType, p, el, "expected an event object {listen, script}, found %s; skipping it", describe(el))
			return
		}
		var listen, script, disabled gjson.Result
		members(el, func(k string, val gjson.Result) {
			switch k {
			case "listen":
				listen = val
			case "script":
				script = val
			case "disabled":
				disabled = val
			}
		})
		e := model.Event{Listen: w.str(listen, p, "listen"), Disabled: truthy(disabled), Path: p}
		sp := join(p, "script")
		switch {
		case script.IsObject():
			e.Script = w.scriptLines(script.Get("exec"), join(sp, "exec"))
		case present(script):
			e.Script = w.scriptLines(script, sp)
		}
		out = append(out, e)
	})
	return out
}

// scriptLines joins script lines with "\n"; a string is kept as-is.
func (w *walker) scriptLines(v gjson.Result, path string) string {
	switch {
	case !present(v):
		return ""
	case v.Type == gjson.String:
		return v.Str
	case !v.IsArray():
		w.warn(model.CodeUnexpectedType, path, v, "expected script lines (an array of strings or a string), found %s; ignoring them", describe(v))
		return ""
	}
	var lines []string
	elements(v, func(i int, el gjson.Result) {
		if el.Type != gjson.String && present(el) {
			w.warn(model.CodeUnexpectedType, index(path, i), el, "expected a script line string, found %s; using its JSON text", describe(el))
		}
		lines = append(lines, text(el))
	})
	return strings.Join(lines, "\n")
}
