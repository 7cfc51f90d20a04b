package generator

import (
	pathpkg "path"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/postgen/postgen/templates"
)

// exampleCall is a call of one method with the collection's own values:
// the path variable values, the enabled query and form values. A value is
// written out only when passing it sends the same bytes as leaving it
// empty would (which sends the collection's value): so the example shows
// the API and still sends exactly Postman's request. It is shared by
// example_test.go and by postgen's fidelity harness.
type exampleCall struct {
	m *method
	// pathArgs has one value per path argument; "" leaves the
	// collection's value.
	pathArgs []string
	// params and form are the struct fields to set, in field order.
	params []fieldValue
	form   []fieldValue
}

// fieldValue is one struct field set in an example.
type fieldValue struct{ goName, value string }

// planExample decides the example call of m.
func planExample(m *method) *exampleCall {
	ex := &exampleCall{m: m}
	for i := range m.pathArgs {
		v := m.op.pathValues[i]
		// A caller's value is escaped (/, ?, #, \) and never resolved,
		// where Postman splices the collection's value in as text: such
		// values are left to the collection.
		if strings.Contains(v, "{{") || strings.ContainsAny(v, `/?#\`) {
			v = ""
		}
		ex.pathArgs = append(ex.pathArgs, v)
	}
	if m.params != nil {
		ex.params = literalFields(m.params, m.op.params)
	}
	if m.body != nil && m.body.form != nil {
		ex.form = literalFields(m.body.form, m.op.body.form)
	}
	return ex
}

// literalFields returns the fields of st worth setting in an example:
// query and form text fields whose one row is enabled and holds a literal,
// non-empty value. Repeated keys, null values, disabled rows, headers
// (only the optional ones are fields) and values with variables are left
// to the collection, which sends them exactly as Postman does.
func literalFields(st *structType, rows []paramPlan) []fieldValue {
	count := map[int]int{}
	for _, r := range rows {
		count[r.slot]++
	}
	var out []fieldValue
	for i, fl := range st.fields {
		if fl.in != "query" && fl.in != "form" || fl.optional || fl.null || fl.def == "" ||
			strings.Contains(fl.def, "{{") || count[i+1] != 1 {
			continue
		}
		out = append(out, fieldValue{fl.goName, fl.def})
	}
	return out
}

// callArgs renders the arguments of the example call after ctx; sdk
// names the SDK's own types (qualified in an external test package).
func (ex *exampleCall) callArgs(sdk func(string) *jen.Statement) []jen.Code {
	m := ex.m
	var args []jen.Code
	for _, v := range ex.pathArgs {
		args = append(args, jen.Lit(v))
	}
	if m.body != nil {
		switch {
		case m.body.kind == "text":
			args = append(args, jen.Lit(""))
		case m.body.form != nil && len(ex.form) > 0:
			args = append(args, jen.Op("&").Add(sdk(m.body.form.name)).Add(fieldValues(ex.form)))
		default:
			args = append(args, jen.Nil())
		}
	}
	if m.params != nil {
		if len(ex.params) > 0 {
			args = append(args, jen.Op("&").Add(sdk(m.params.name)).Add(fieldValues(ex.params)))
		} else {
			args = append(args, jen.Nil())
		}
	}
	return args
}

// zeroArgs renders the arguments that leave everything to the collection:
// empty path arguments, nil params and body.
func (ex *exampleCall) zeroArgs() []jen.Code {
	m := ex.m
	var args []jen.Code
	for range ex.pathArgs {
		args = append(args, jen.Lit(""))
	}
	if m.body != nil {
		if m.body.kind == "text" {
			args = append(args, jen.Lit(""))
		} else {
			args = append(args, jen.Nil())
		}
	}
	if m.params != nil {
		args = append(args, jen.Nil())
	}
	return args
}

func fieldValues(fs []fieldValue) jen.Code {
	d := make([]jen.Code, len(fs))
	for i, f := range fs {
		d[i] = jen.Id(f.goName).Op(":").Lit(f.value)
	}
	return jen.Values(d...)
}

// resultVars are the variables a call of m assigns: the result (named
// first, or the *Response when m has no result), then err.
func resultVars(m *method, first jen.Code) []jen.Code {
	if m.types != nil && m.types.result == resultNone {
		return []jen.Code{first, jen.Err()}
	}
	return []jen.Code{first, jen.Id("_"), jen.Err()}
}

// methodExpr is the method value on a client named recv, e.g.
// client.Bookings.Items.Get.
func (m *method) methodExpr(recv string) *jen.Statement {
	s := jen.Id(recv)
	if m.svc.folder != nil {
		for _, f := range strings.Split(m.svc.fieldPath(), ".") {
			s = s.Dot(f)
		}
	}
	return s.Dot(m.name)
}

// examplesFile writes example_test.go: one Example function per method,
// in plan order, compiled with the package's tests so the calls shown on
// pkg.go.dev always match the API. When the SDK's import path is known
// the file is the external test package, so the examples read as a user
// writes them (bookings.NewClient()); otherwise it is the SDK's package.
// It is written as text (see goText).
//
//	func ExampleBookingsService_Get() {
//		client, _ := bookings.NewClient() // without options it cannot fail
//		result, _, err := client.Bookings.Get(context.Background(), "42")
//		if err != nil {
//			log.Fatal(err)
//		}
//		fmt.Println(result)
//	}
func (p *plan) examplesFile() (File, error) {
	var w goText
	pkg, qual := p.cfg.Package, ""
	if path := p.cfg.ImportPath; path != "" {
		pkg, qual = p.cfg.Package+"_test", p.cfg.Package+"."
		if pathpkg.Base(path) == p.cfg.Package {
			w.use(path)
		} else {
			w.use(p.cfg.Package + " " + quote(path))
		}
	}
	w.use("context")
	w.use("fmt")
	w.use("log")
	first := true
	p.forEachMethod(func(m *method) {
		if !first {
			w.WriteByte('\n')
		}
		first = false
		ex := planExample(m)
		vars := "result, _, err"
		if m.types != nil && m.types.result == resultNone {
			vars = "result, err"
		}
		args := append([]string{"context.Background()"}, ex.argsText(qual)...)
		w.WriteString("func Example" + m.svc.typeName + "_" + m.name + "() {\n")
		if base, mark := p.baseURLOption(qual); base != "" {
			w.WriteString("\tclient, _ := " + qual + "NewClient(" + base + ")" + mark + "\n")
		} else {
			w.WriteString("\tclient, _ := " + qual + "NewClient() // without options it cannot fail\n")
		}
		w.WriteString("\t" + vars + " := " + m.methodPath("client") + "(" + strings.Join(args, ", ") + ")\n")
		w.WriteString("\tif err != nil {\n\t\tlog.Fatal(err)\n\t}\n\tfmt.Println(result)\n}\n")
	})
	return File{Name: "example_test.go", Data: w.file([]string{templates.Header}, pkg)}, nil
}

// argsText renders the arguments of the example call after ctx, with
// qual before the SDK's own names.
func (ex *exampleCall) argsText(qual string) []string {
	m := ex.m
	var args []string
	for _, v := range ex.pathArgs {
		args = append(args, quote(v))
	}
	if m.body != nil {
		switch {
		case m.body.kind == "text":
			args = append(args, `""`)
		case m.body.form != nil && len(ex.form) > 0:
			args = append(args, "&"+qual+m.body.form.name+fieldValuesText(ex.form))
		default:
			args = append(args, "nil")
		}
	}
	if m.params != nil {
		if len(ex.params) > 0 {
			args = append(args, "&"+qual+m.params.name+fieldValuesText(ex.params))
		} else {
			args = append(args, "nil")
		}
	}
	return args
}

// fieldValuesText renders struct field values as a literal body.
func fieldValuesText(fs []fieldValue) string {
	parts := make([]string, len(fs))
	for i, f := range fs {
		parts[i] = f.goName + ": " + quote(f.value)
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

// methodPath is the method on a client named recv, as text:
// client.Bookings.Items.Get.
func (m *method) methodPath(recv string) string {
	s := recv
	if m.svc.folder != nil {
		s += "." + m.svc.fieldPath()
	}
	return s + "." + m.name
}

// emitConformance writes conformance_calls_test.go for postgen's fidelity
// harness (never for users): for each request, by its JSON path, the
// example call and the zero call, each as a function of a client.
//
//	var conformanceCalls = []conformanceCall{
//		{"item[0]", "example", func(ctx context.Context, client *Client) error {
//			_, _, err := client.Bookings.Get(ctx, "42")
//			return err
//		}},
//	}
func (p *plan) emitConformance() *jen.File {
	f := p.newFile()
	var rows []jen.Code
	p.forEachMethod(func(m *method) {
		ex := planExample(m)
		for _, v := range []struct {
			name string
			args []jen.Code
		}{{"example", ex.callArgs(jen.Id)}, {"zero", ex.zeroArgs()}} {
			call := m.methodExpr("client").Call(append([]jen.Code{jen.Id("ctx")}, v.args...)...)
			rows = append(rows, jen.Values(jen.Lit(m.req.Path), jen.Lit(v.name),
				jen.Func().Params(jen.Id("ctx").Qual("context", "Context"), jen.Id("client").Op("*").Id("Client")).Error().Block(
					jen.List(resultVars(m, jen.Id("_"))...).Op(":=").Add(call),
					jen.Return(jen.Err()),
				)))
		}
	})
	f.Comment("conformanceCalls are the calls of postgen's fidelity harness.")
	f.Var().Id("conformanceCalls").Op("=").Index().Id("conformanceCall").Add(multiline(rows...))
	return f
}
