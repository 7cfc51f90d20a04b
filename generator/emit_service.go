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
	// What every method shares (empty arguments send the collection's
	// values, nil params and body too) is said once, in the package doc;
	// a method says only what is its own.
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
		notes = append(notes, "Path defaults: "+strings.Join(defaults, ", ")+".")
	}
	if m.body != nil && m.body.kind == "reader" {
		notes = append(notes, "body is streamed as the request body.")
	}
	notes = append(notes, p.typeNotes(m)...)
	return paragraphs(head, describe(r.Description), godoc.Wrap(strings.Join(notes, " ")), p.scriptDoc(m))
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
				w.comment("", sentence("%s holds the query parameters and headers of %s.%s.", m.params.name, m.svc.typeName, m.name))
				writeFieldStruct(&w, m.params)
			}
			if m.body != nil && m.body.form != nil {
				w.WriteByte('\n')
				w.comment("", sentence("%s is the form body of %s.%s.", m.body.form.name, m.svc.typeName, m.name))
				writeFieldStruct(&w, m.body.form)
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

// writeFieldStruct writes a params or form struct: one field per slot, in
// slot order (the runtime reads the fields by position), each with what
// it sets in a comment on its line and the collection's description, if
// any, above. Columns are aligned as gofmt aligns them: within each run of
// fields not broken by a comment line.
//
//	type BookingsListParams struct {
//		// First day, YYYY-MM-DD.
//		From  string // query "from"; empty sends "2024-01-01"
//		Limit string // query "limit"; empty sends "20"
//	}
func writeFieldStruct(w *goText, st *structType) {
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
	if fl.in == "file" {
		return "*FormFile"
	}
	return "string"
}

// fieldDoc says in one line what a field sets and what empty means.
func fieldDoc(fl *field) string {
	line := fmt.Sprintf("%s %q", fl.in, oneLine(fl.key))
	switch {
	case fl.in == "file" && fl.optional:
		line += "; nil leaves it out"
	case fl.in == "file" && fl.def != "":
		line += fmt.Sprintf("; nil leaves it out, as Postman does when it cannot read %q", shorten(oneLine(fl.def), 40))
	case fl.in == "file":
		line += "; nil sends an empty part with no file name, as Postman does"
	case fl.optional:
		line += ", sent only when set"
	case fl.null:
		line += "; empty sends the bare name"
	case fl.def == "":
		line += "; empty sends an empty value"
	default:
		line += fmt.Sprintf("; empty sends %q", shorten(oneLine(fl.def), 40))
	}
	return line
}
