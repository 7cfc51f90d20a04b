package generator

import (
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/postgen/postgen/generator/godoc"
)

// emitServiceFile writes the file of a top-level service: its type, its
// sub-services and every method with its operation.
func (p *plan) emitServiceFile(s *service) *jen.File {
	f := p.newFile()
	p.emitService(f, s)
	return f
}

// emitService writes one service type and its methods, then its
// sub-services.
//
//	// BookingsService holds the requests of the "Bookings" folder.
//	type BookingsService struct {
//		rt    *core
//		Items *BookingsItemsService
//	}
func (p *plan) emitService(f *jen.File, s *service) {
	lines := paragraphs(
		sentence("%s holds the requests of the Postman folder %q.", s.typeName, p.folderPath(s)),
		describe(s.folder.Description),
		sentence("Use it through the client: client.%s.", s.fieldPath()),
	)
	f.Add(comment(lines...)...)
	f.Type().Id(s.typeName).Struct(p.serviceFields(s)...)
	for _, m := range s.methods {
		f.Line()
		p.emitMethod(f, m)
	}
	for _, sub := range s.subs {
		f.Line()
		p.emitService(f, sub)
	}
}

// folderPath is the Postman path of a service's folder, "A › B".
func (p *plan) folderPath(s *service) string {
	if s.parent == nil || s.parent.folder == nil {
		return oneLine(s.folder.Name)
	}
	return p.folderPath(s.parent) + " › " + oneLine(s.folder.Name)
}

// emitMethod writes one method and its operation.
//
//	// Get sends GET /bookings/:bookingId ...
//	func (s *BookingsService) Get(ctx context.Context, bookingID string) ([]byte, *Response, error) {
//		return send[[]byte](ctx, s.rt, &opBookingsGet, call{path: []string{bookingID}})
//	}
func (p *plan) emitMethod(f *jen.File, m *method) {
	recv := "s"
	if m.svc == p.client {
		recv = "c"
	}
	f.Add(comment(p.methodDoc(m)...)...)
	args := []jen.Code{jen.Id("ctx").Qual("context", "Context")}
	var pathVals []jen.Code
	if len(m.pathArgs) > 0 {
		names := make([]jen.Code, len(m.pathArgs))
		for i, a := range m.pathArgs {
			names[i] = jen.Id(a.goName)
			pathVals = append(pathVals, jen.Id(a.goName))
		}
		args = append(args, jen.List(names...).String())
	}
	callFields := []jen.Code{}
	if len(pathVals) > 0 {
		callFields = append(callFields, jen.Id("path").Op(":").Index().String().Values(pathVals...))
	}
	if m.params != nil {
		callFields = append(callFields, jen.Id("params").Op(":").Id("params").Dot("values").Call())
	}
	if m.body != nil {
		argType := bodyArgType(m.body)
		if typed := p.bodyCode(m); typed != nil {
			argType = typed
		}
		args = append(args, jen.Id("body").Add(argType))
		callFields = append(callFields, jen.Id("body").Op(":").Id("body"))
	}
	if m.params != nil {
		args = append(args, jen.Id("params").Op("*").Id(m.params.name))
	}
	results := []jen.Code{jen.Op("*").Id("Response"), jen.Error()}
	sender := jen.Id("sendNoResult")
	if res := p.resultCode(m); res != nil {
		results = append([]jen.Code{res}, results...)
		sender = jen.Id("send").Types(res)
	}
	f.Func().Params(jen.Id(recv).Op("*").Id(m.svc.typeName)).Id(m.name).Params(args...).
		Params(results...).Block(
		jen.Return(sender.Call(
			jen.Id("ctx"), jen.Id(recv).Dot("rt"), jen.Op("&").Id(m.opVar), jen.Id("call").Values(callFields...),
		)),
	)
	f.Line()
	f.Add(comment(sentence("%s is the request %s sends.", m.opVar, m.svc.typeName+"."+m.name)...)...)
	opFields := p.operationFields(m.op)
	if errs := p.errorBodies(m); len(errs) > 0 {
		opFields = append(opFields, jen.Id("errBodies").Op(":").Index().Id("errorBody").Values(errs...))
	}
	f.Var().Id(m.opVar).Op("=").Id("operation").Add(multiline(opFields...))
}

// bodyArgType is the Go type of a method's body argument.
func bodyArgType(b *bodyPlan) jen.Code {
	switch b.kind {
	case "text":
		return jen.String()
	case "reader":
		return jen.Qual("io", "Reader")
	case "form":
		return jen.Op("*").Id(b.form.name)
	}
	return jen.Any()
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
	var notes []string
	for _, a := range m.pathArgs {
		note := fmt.Sprintf("%s fills the path variable :%s", a.goName, oneLine(a.varName))
		if a.example != "" {
			note += fmt.Sprintf("; an empty value sends the collection's value %q.", shorten(oneLine(a.example), 40))
		} else {
			note += "; an empty value sends the segment as written, as Postman does."
		}
		notes = append(notes, note)
	}
	if m.body != nil {
		switch m.body.kind {
		case "json", "graphql":
			notes = append(notes, "body is sent as JSON; nil sends the collection's body.")
		case "text":
			notes = append(notes, "body is sent as it is; an empty string sends the collection's body.")
		case "reader":
			notes = append(notes, "body is read and sent as the request body; nil sends none.")
		case "form":
			notes = append(notes, "body sets the form fields; nil sends the collection's form.")
		}
	}
	if m.params != nil {
		notes = append(notes, "params sets query parameters and headers; nil sends the collection's.")
	}
	notes = append(notes, p.typeNotes(m)...)
	return paragraphs(head, describe(r.Description), godoc.Wrap(p.authDoc(m)), godoc.Wrap(strings.Join(notes, " ")))
}

// shorten cuts s to at most n runes, marking the cut.
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// operationFields lists the keyed fields of an operation literal, leaving
// out zero values.
func (p *plan) operationFields(op *opPlan) []jen.Code {
	out := []jen.Code{
		jen.Id("name").Op(":").Lit(op.name),
		jen.Id("method").Op(":").Lit(op.method),
	}
	if op.origin != 0 {
		out = append(out, jen.Id("origin").Op(":").Lit(op.origin))
	}
	if op.path != "" {
		out = append(out, jen.Id("path").Op(":").Lit(op.path))
	}
	if len(op.pathVars) > 0 {
		vals := make([]jen.Code, len(op.pathVars))
		for i, v := range op.pathVars {
			vals[i] = jen.Lit(v)
		}
		out = append(out, jen.Id("pathVars").Op(":").Index().String().Values(vals...))
	}
	if hasNonEmpty(op.pathValues) {
		vals := make([]jen.Code, len(op.pathValues))
		for i, v := range op.pathValues {
			vals[i] = jen.Lit(v)
		}
		out = append(out, jen.Id("pathValues").Op(":").Index().String().Values(vals...))
	}
	if len(op.params) > 0 {
		out = append(out, jen.Id("params").Op(":").Index().Id("param").Add(multiline(paramValues(op.params)...)))
	}
	if op.body != nil {
		out = append(out, jen.Id("body").Op(":").Op("&").Id("bodySpec").Add(multiline(bodySpecFields(op.body)...)))
	}
	if op.noAccept {
		out = append(out, jen.Id("noAccept").Op(":").True())
	}
	if op.noUA {
		out = append(out, jen.Id("noUserAgent").Op(":").True())
	}
	if op.rawURL {
		out = append(out, jen.Id("rawURL").Op(":").True())
	}
	if op.auth != "" {
		out = append(out, jen.Id("auth").Op(":").Id(op.auth))
	}
	return out
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

// paramValues renders param rows as keyed literals without zero fields.
func paramValues(params []paramPlan) []jen.Code {
	out := make([]jen.Code, len(params))
	for i, pp := range params {
		var fs []jen.Code
		switch pp.in {
		case "header":
			fs = append(fs, jen.Id("in").Op(":").Id("inHeader"))
		case "form":
			fs = append(fs, jen.Id("in").Op(":").Id("inForm"))
		case "file":
			fs = append(fs, jen.Id("in").Op(":").Id("inFile"))
		}
		fs = append(fs, jen.Id("key").Op(":").Lit(pp.key))
		if pp.value != "" {
			fs = append(fs, jen.Id("value").Op(":").Lit(pp.value))
		}
		if pp.null {
			fs = append(fs, jen.Id("null").Op(":").True())
		}
		if pp.disabled {
			fs = append(fs, jen.Id("disabled").Op(":").True())
		}
		if pp.slot != 0 {
			fs = append(fs, jen.Id("slot").Op(":").Lit(pp.slot))
		}
		if pp.secondary {
			fs = append(fs, jen.Id("secondary").Op(":").True())
		}
		if pp.contentType != "" {
			fs = append(fs, jen.Id("contentType").Op(":").Lit(pp.contentType))
		}
		if pp.fileName != "" {
			fs = append(fs, jen.Id("fileName").Op(":").Lit(pp.fileName))
		}
		out[i] = jen.Values(fs...)
	}
	return out
}

// bodyModes maps Postman body modes to the runtime's constants.
var bodyModes = map[string]string{
	"raw": "bodyRaw", "urlencoded": "bodyURLEncoded", "formdata": "bodyFormData", "file": "bodyFile", "graphql": "bodyGraphQL",
}

// bodySpecFields renders a body spec literal without zero fields.
func bodySpecFields(b *bodySpecPlan) []jen.Code {
	out := []jen.Code{jen.Id("mode").Op(":").Id(bodyModes[b.mode])}
	if b.contentType != "" {
		out = append(out, jen.Id("contentType").Op(":").Lit(b.contentType))
	}
	if b.textConst != "" {
		out = append(out, jen.Id("text").Op(":").Id(b.textConst))
	} else if b.text != "" {
		out = append(out, jen.Id("text").Op(":").Add(stringLit(b.text)))
	}
	if b.stripComments {
		out = append(out, jen.Id("stripComments").Op(":").True())
	}
	if len(b.form) > 0 {
		out = append(out, jen.Id("form").Op(":").Index().Id("param").Add(multiline(paramValues(b.form)...)))
	}
	if b.gqlVariables != "" {
		out = append(out, jen.Id("gqlVariables").Op(":").Add(stringLit(b.gqlVariables)))
	}
	if b.gqlOperation != "" {
		out = append(out, jen.Id("gqlOperation").Op(":").Lit(b.gqlOperation))
	}
	if b.gqlVarsText {
		out = append(out, jen.Id("gqlVarsText").Op(":").True())
	}
	return out
}

// stringLit renders s as a raw string literal when it spans lines and can
// be one (easier to read for bodies), else as a quoted literal.
func stringLit(s string) jen.Code {
	if strings.Contains(s, "\n") && !strings.ContainsAny(s, "`\r") && cleanText(strings.ReplaceAll(s, "\n", "")) == strings.ReplaceAll(s, "\n", "") {
		return jen.Op("`" + s + "`")
	}
	return jen.Lit(s)
}

// emitTypesFile writes the params and form types of a top-level service
// and its sub-services (or of the client's own methods).
func (p *plan) emitTypesFile(s *service) *jen.File {
	f := p.newFile()
	var walk func(*service)
	walk = func(s *service) {
		for _, m := range s.methods {
			if m.params != nil {
				p.emitParams(f, m)
			}
			if m.body != nil && m.body.form != nil {
				p.emitForm(f, m)
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
	return f
}

// emitParams writes a params struct and its values method.
//
//	type BookingsListParams struct {
//		// From sets the query parameter "from" (default "2024-01-01").
//		From string
//	}
//	func (p *BookingsListParams) values() []string
func (p *plan) emitParams(f *jen.File, m *method) {
	st := m.params
	f.Add(comment(sentence("%s holds the query parameters and headers of %s.%s that a caller may set. A field left empty sends what the collection sends.", st.name, m.svc.typeName, m.name)...)...)
	p.emitStruct(f, st)
	emitValues(f, st, "p")
}

// emitForm writes a form body struct with its values (and files) methods.
func (p *plan) emitForm(f *jen.File, m *method) {
	st := m.body.form
	f.Add(comment(sentence("%s is the form body of %s.%s. A field left empty (or nil) sends what the collection sends.", st.name, m.svc.typeName, m.name)...)...)
	p.emitStruct(f, st)
	emitValues(f, st, "f")
	hasFiles := false
	for _, fl := range st.fields {
		hasFiles = hasFiles || fl.in == "file"
	}
	if !hasFiles {
		return
	}
	f.Line()
	f.Add(comment("files returns the file fields by slot, for the runtime.")...)
	vals := make([]jen.Code, len(st.fields))
	for i, fl := range st.fields {
		if fl.in == "file" {
			vals[i] = jen.Id("f").Dot(fl.goName)
		} else {
			vals[i] = jen.Nil()
		}
	}
	f.Func().Params(jen.Id("f").Op("*").Id(st.name)).Id("files").Params().Index().Op("*").Id("FormFile").Block(
		jen.If(jen.Id("f").Op("==").Nil()).Block(jen.Return(jen.Nil())),
		jen.Return(jen.Index().Op("*").Id("FormFile").Values(vals...)),
	)
}

// emitStruct names the fields of st and writes the struct type.
func (p *plan) emitStruct(f *jen.File, st *structType) {
	var fields []jen.Code
	for _, fl := range st.fields {
		if fl.goName == "" {
			panic("generator: field not named before emission")
		}
		fields = append(fields, comment(fieldDoc(fl)...)...)
		if fl.in == "file" {
			fields = append(fields, jen.Id(fl.goName).Op("*").Id("FormFile"))
		} else {
			fields = append(fields, jen.Id(fl.goName).String())
		}
	}
	f.Type().Id(st.name).Struct(fields...)
	f.Line()
}

// fieldDoc documents one field: where it goes and what empty means.
func fieldDoc(fl *field) []string {
	var where string
	switch fl.in {
	case "query":
		where = fmt.Sprintf("the query parameter %q", oneLine(fl.key))
	case "header":
		where = fmt.Sprintf("the header %q", oneLine(fl.key))
	case "form":
		where = fmt.Sprintf("the form field %q", oneLine(fl.key))
	case "file":
		where = fmt.Sprintf("the file field %q", oneLine(fl.key))
	}
	line := fmt.Sprintf("%s sets %s", fl.goName, where)
	switch {
	case fl.in == "file" && fl.optional:
		line += "; nil leaves it out."
	case fl.in == "file" && fl.def != "":
		line += fmt.Sprintf("; nil leaves it out, as Postman does when it cannot read the collection's file %q.", shorten(oneLine(fl.def), 60))
	case fl.in == "file":
		line += "; nil sends an empty part with no file name, as Postman does for a file row without a source."
	case fl.optional:
		line += "; empty leaves it out."
	case fl.null:
		line += "; empty sends the bare name, with no value."
	case fl.def == "":
		line += "; empty sends it with an empty value."
	default:
		line += fmt.Sprintf("; empty sends %q.", shorten(oneLine(fl.def), 60))
	}
	return paragraphs(godoc.Wrap(line), describeText(fl.desc))
}

// emitValues writes the values method the runtime reads a struct with.
func emitValues(f *jen.File, st *structType, recv string) {
	vals := make([]jen.Code, len(st.fields))
	for i, fl := range st.fields {
		if fl.in == "file" {
			vals[i] = jen.Lit("")
		} else {
			vals[i] = jen.Id(recv).Dot(fl.goName)
		}
	}
	f.Add(comment("values returns the fields by slot, for the runtime.")...)
	f.Func().Params(jen.Id(recv).Op("*").Id(st.name)).Id("values").Params().Index().String().Block(
		jen.If(jen.Id(recv).Op("==").Nil()).Block(jen.Return(jen.Nil())),
		jen.Return(jen.Index().String().Values(vals...)),
	)
	f.Line()
}
