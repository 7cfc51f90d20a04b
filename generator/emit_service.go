package generator

import (
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/postgen/postgen/generator/godoc"
)

// folderPath is the Postman path of a service's folder, "A › B".
func (p *plan) folderPath(s *service) string {
	if s.parent == nil || s.parent.folder == nil {
		return oneLine(s.folder.Name)
	}
	return p.folderPath(s.parent) + " › " + oneLine(s.folder.Name)
}

// methodDoc is the doc comment of a method: what it sends, where it comes
// from in the collection, its description, and how its arguments work.
func (p *plan) methodDoc(m *method) []string {
	r := m.req
	where := oneLine(r.Name)
	if len(r.Folders) > 0 {
		parts := make([]string, 0, len(r.Folders)+1)
		for _, f := range r.Folders {
			parts = append(parts, oneLine(f))
		}
		where = strings.Join(append(parts, oneLine(r.Name)), " › ")
	}
	path := m.op.path
	if path == "" {
		path = "/"
	}
	head := sentence("%s sends %s %s (Postman: %s).", m.name, m.op.method, oneLine(path), where)
	// What every method shares (zero means omit, path arguments are
	// required) is said once, in the package doc; a method says only what
	// is its own.
	var notes []string
	if auth := p.authDoc(m); auth != "" {
		notes = append(notes, auth)
	}
	var defaults []string
	for _, a := range m.pathArgs {
		if a.example != "" {
			defaults = append(defaults, fmt.Sprintf("%s %q", a.goName, shorten(oneLine(a.example), 40)))
		}
	}
	if len(defaults) > 0 {
		notes = append(notes, "The collection's path arguments: "+strings.Join(defaults, ", ")+".")
	}
	if consts := constantsText(m.op); consts != "" {
		notes = append(notes, "Sent on every call: "+consts+".")
	}
	if m.body != nil && m.body.kind == "reader" {
		notes = append(notes, "body is streamed as the request body.")
	}
	notes = append(notes, p.typeNotes(m)...)
	return paragraphs(head, describe(r.Description), godoc.Wrap(strings.Join(notes, " ")), p.scriptDoc(m), p.scriptArgsDoc(m))
}

// shorten cuts s to at most n runes, marking the cut.
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// hasNonEmpty reports whether any string of list is not empty.
func hasNonEmpty(list []string) bool {
	for _, s := range list {
		if s != "" {
			return true
		}
	}
	return false
}

// bodyModes maps Postman body modes to the runtime's constants.
var bodyModes = map[string]string{
	"raw": "sdk.BodyRaw", "urlencoded": "sdk.BodyURLEncoded", "formdata": "sdk.BodyFormData", "file": "sdk.BodyFile", "graphql": "sdk.BodyGraphQL",
}

// stringLit renders s as a raw string literal when it spans lines and can
// safely be one (easier to read for queries and bodies), else as a quoted
// literal, which keeps all of s on one line.
func stringLit(s string) jen.Code {
	if strings.Contains(s, "\n") && !strings.ContainsAny(s, "`\r") && cleanText(strings.ReplaceAll(s, "\n", "")) == strings.ReplaceAll(s, "\n", "") && !startsDirective(s) {
		return jen.Op("`" + s + "`")
	}
	return jen.Lit(s)
}

// typesFile renders the types of a top-level service and its
// sub-services (or of the client's own methods): the inferred and GraphQL
// types through Jennifer, then the params and form structs, one or two per
// request, as text (see goText).
func (p *plan) typesFile(s *service, name string) (File, error) {
	f := p.newFile()
	var w goText
	var walk func(*service)
	walk = func(s *service) {
		for _, m := range s.methods {
			if m.params != nil {
				w.WriteByte('\n')
				w.comment("", paragraphs(
					sentence("%s holds the query parameters and headers of %s.%s.", m.params.name, m.svc.typeName, m.name),
					sentence("A field left at its zero value is not sent."),
				))
				writeFieldStruct(&w, m.params)
				writeArgsMethod(&w, m.params)
			}
			if m.body != nil && m.body.form != nil {
				w.WriteByte('\n')
				w.comment("", sentence("%s is the form body of %s.%s.", m.body.form.name, m.svc.typeName, m.name))
				writeFieldStruct(&w, m.body.form)
				writeArgsMethod(&w, m.body.form)
			}
			if m.types.gql != nil {
				p.emitGraphQL(f, m)
			}
		}
		if s == p.client {
			return
		}
		for _, sub := range s.subs {
			walk(sub)
		}
	}
	walk(s)
	p.emitInferred(f, s)
	top, err := render(name, f)
	if err != nil {
		return top, err
	}
	data, err := appendDecls(top.Data, w.imports, w.Bytes())
	return File{Name: name, Data: data}, err
}

// writeFieldStruct writes a params or form struct: one field per key, in
// the order the collection first gives them, each with what it sets and
// its sample in a comment on its line and the collection's description,
// if any, above. Columns are aligned as gofmt aligns them: within each
// run of fields not broken by a comment line.
//
//	type BookingsListParams struct {
//		// First day.
//		From  time.Time // query "from", e.g. 2024-01-01T00:00:00Z
//		Limit int64     // query "limit", e.g. 20
//	}
func writeFieldStruct(w *goText, st *structType) {
	for _, fl := range st.fields {
		if fl.goType == typeTime {
			w.use("time")
		}
	}
	w.WriteString("type " + st.name + " struct {\n")
	fields := st.fields
	for start := 0; start < len(fields); {
		// A section runs to the next field with a description above it.
		end := start + 1
		for end < len(fields) && len(describeText(fields[end].desc)) == 0 {
			end++
		}
		nameW, typeW := 0, 0
		for _, fl := range fields[start:end] {
			nameW = max(nameW, len(fl.goName))
			typeW = max(typeW, len(fieldType(fl)))
		}
		for k, fl := range fields[start:end] {
			if k == 0 {
				w.comment("\t", describeText(fl.desc))
			}
			typ := fieldType(fl)
			w.WriteString("\t" + fl.goName + strings.Repeat(" ", nameW-len(fl.goName)+1) + typ + strings.Repeat(" ", typeW-len(typ)+1) + "// " + oneLine(fieldDoc(fl)) + "\n")
		}
		start = end
	}
	w.WriteString("}\n")
}

// fieldType is the Go type of a params or form field.
func fieldType(fl *field) string {
	if fl.goType == typeFlag {
		return typeBool
	}
	return fl.goType
}

// fieldDoc says in one line what a field sets and the collection's
// sample of it.
func fieldDoc(fl *field) string {
	line := fmt.Sprintf("%s %q", fl.in, oneLine(fl.key))
	switch {
	case fl.in == "file" && fl.def != "":
		line += fmt.Sprintf(", e.g. the file %q", shorten(oneLine(fl.def), 40))
	case fl.in == "file":
	case fl.goType == typeFlag:
		line += ", sent as the bare name when true"
	case fl.optional && fl.def != "":
		line += fmt.Sprintf(", e.g. %q (the collection leaves it out)", shorten(oneLine(fl.def), 40))
	case fl.optional:
		line += " (the collection leaves it out)"
	case len(fl.samples) > 1:
		vs := make([]string, len(fl.samples))
		for i, v := range fl.samples {
			vs[i] = fmt.Sprintf("%q", shorten(oneLine(v), 20))
		}
		line += ", e.g. " + shorten(strings.Join(vs, ", "), 60)
	case fl.def == "":
		line += ", e.g. an empty value"
	case fl.goType == typeString:
		line += fmt.Sprintf(", e.g. %q", shorten(oneLine(fl.def), 40))
	default:
		line += ", e.g. " + fl.def
	}
	return line
}

// writeArgsMethod writes the method that hands a params or form struct's
// set fields to the runtime, each through the typed function of its
// place, so the compiler checks every encoding.
//
//	// args lists the values p sets.
//	func (p *BookingsListParams) args() sdk.Args {
//		if p == nil {
//			return nil
//		}
//		var a sdk.Args
//		sdk.Query(&a, "from", p.From)
//		return a
//	}
func writeArgsMethod(w *goText, st *structType) {
	w.use(sdkPath)
	w.WriteString("\n// args lists the values p sets, for the runtime.\n")
	w.WriteString("func (p *" + st.name + ") args() sdk.Args {\n\tif p == nil {\n\t\treturn nil\n\t}\n")
	w.WriteString("\tvar a sdk.Args\n")
	for _, fl := range st.fields {
		w.WriteString("\t" + argsFunc(fl.in, fl.goType) + "(&a, " + quote(fl.key) + ", p." + fl.goName + ")\n")
	}
	w.WriteString("\treturn a\n}\n")
}

// constantsText lists the constants an operation sends without being
// asked ("a=1, Accept: application/json"), the collection's values that
// are not samples; "" when there are none.
func constantsText(op *opPlan) string {
	var out []string
	seen := map[string]bool{}
	rows := op.params
	if op.body != nil {
		rows = append(append([]paramPlan(nil), rows...), op.body.form...)
	}
	for _, pp := range rows {
		if !pp.constant {
			continue
		}
		var t string
		switch {
		case pp.in == "header" && op.body != nil && strings.EqualFold(pp.key, "Content-Type"):
			t = pp.key + ": " + pp.value + " (with a body)"
		case pp.in == "header":
			t = pp.key + ": " + pp.value
		case pp.null:
			t = pp.key
		default:
			t = pp.key + "=" + pp.value
		}
		t = shorten(oneLine(t), 50)
		if !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	return strings.Join(out, ", ")
}
