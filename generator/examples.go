package generator

import (
	pathpkg "path"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/postgen/postgen/templates"
)

// exampleCall is a call of one method with the collection's own values:
// the path arguments, every sample of the params and form fields, and the
// collection's body: the exact request Postman sends, one call away. It
// is shared by example_test.go and by postgen's fidelity harness.
type exampleCall struct {
	m *method
	// pathArgs has one Go expression per path argument.
	pathArgs []string
	// params and form are the struct fields to set, in field order.
	params []fieldValue
	form   []fieldValue
	// sampleBody asks for the collection's body (WithSampleBody).
	sampleBody bool
	// options are per-call options the example passes: the empty values
	// of the collection, which a zero field cannot send.
	options []string
	// usesTime is true when a value is a time.Time.
	usesTime bool
}

// fieldValue is one struct field set in an example, as Go text.
type fieldValue struct{ goName, value string }

// planExample decides the example call of m; qual goes before the SDK's
// own names, and resolve, when set, wraps a collection value that holds
// {{variables}} (the fidelity harness resolves them as newman does).
func planExample(m *method, qual string, resolve func(string) string) *exampleCall {
	ex := &exampleCall{m: m}
	for _, a := range m.pathArgs {
		v := a.example
		switch {
		case v == "" && !a.variable:
			v = ":" + a.varName // Postman sends the segment as written
		case v == "" && resolve != nil:
			v = "{{" + a.varName + "}}"
		case v == "":
			v = a.varName
		}
		if resolve != nil && strings.Contains(v, "{{") {
			ex.pathArgs = append(ex.pathArgs, resolve(v))
			continue
		}
		ex.pathArgs = append(ex.pathArgs, quote(v))
	}
	if m.params != nil {
		ex.params = ex.fieldValues(m.params, qual)
	}
	ex.sampleBody = m.op.body != nil && (m.body == nil || m.body.form == nil)
	if m.body != nil && m.body.form != nil {
		ex.form = ex.fieldValues(m.body.form, qual)
		if !formExact(m.body.form, ex.form) {
			// A sample no typed field can send (an empty value, a
			// dynamic variable): the collection's own form, exactly.
			ex.form, ex.sampleBody = nil, true
		}
	}
	return ex
}

// formExact reports whether the example's values of a form send every
// enabled text row of the collection.
func formExact(st *structType, set []fieldValue) bool {
	n := 0
	for _, fl := range st.fields {
		if !fl.optional && fl.in == "form" {
			n++
		}
	}
	got := 0
	for _, fv := range set {
		for _, fl := range st.fields {
			if fl.goName == fv.goName && fl.in == "form" {
				got++
			}
		}
	}
	return got == n
}

// fieldValues returns the fields of st an example sets: every field with
// an enabled sample. Samples made of dynamic variables ({{$randomInt}})
// are left unset: Postman sends a new value each time.
func (ex *exampleCall) fieldValues(st *structType, qual string) []fieldValue {
	var out []fieldValue
	for _, fl := range st.fields {
		if fl.optional || hasDynamicRef(strings.Join(fl.samples, "")) {
			continue
		}
		v, ok := exampleValue(fl, qual)
		if !ok {
			if len(fl.samples) == 1 && fl.samples[0] == "" {
				switch fl.in {
				case "query":
					ex.options = append(ex.options, qual+"WithQuery("+quote(fl.key)+`, "")`)
				case "header":
					ex.options = append(ex.options, qual+"WithHeader("+quote(fl.key)+`, "")`)
				}
			}
			continue
		}
		ex.usesTime = ex.usesTime || fl.goType == typeTime
		out = append(out, fieldValue{fl.goName, v})
	}
	return out
}

// argsText renders the arguments of the example call after ctx, with
// qual before the SDK's own names.
func (ex *exampleCall) argsText(qual string) []string {
	m := ex.m
	args := append([]string(nil), ex.pathArgs...)
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
	args = append(args, ex.options...)
	if ex.sampleBody {
		args = append(args, qual+"WithSampleBody()")
	}
	return args
}

// zeroArgs renders the arguments of a call that sets nothing it may
// leave out: placeholder path arguments (they are required), nil params
// and body.
func (ex *exampleCall) zeroArgs() []string {
	m := ex.m
	var args []string
	for i := range ex.pathArgs {
		args = append(args, quote("zero"+itoa(i+1)))
	}
	if m.body != nil {
		if m.body.kind == "text" {
			args = append(args, `""`)
		} else {
			args = append(args, "nil")
		}
	}
	if m.params != nil {
		args = append(args, "nil")
	}
	return args
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
// writes them (bookings.NewClient()), and each example starts the SDK's
// mock server (<package>test.Start) and sends its call there, so it runs
// anywhere, offline: it prints the status and the decoded result, with an
// Output comment (checked by go test) when the output is known here (see
// exampleOutput). Without an import path the file is the SDK's package,
// which cannot import the mock, and the examples only compile. It is
// written as text (see goText).
//
//	func ExampleBookingsService_Get() {
//		srv := bookingstest.Start() // a local mock of the API, so that the example runs anywhere
//		defer srv.Close()
//		client, err := bookings.NewClient(bookings.WithBaseURL(srv.URL)) // your API's URL, or leave it out
//		if err != nil {
//			log.Fatal(err)
//		}
//		result, resp, err := client.Bookings.Get(context.Background(), "42")
//		if err != nil {
//			log.Fatal(err)
//		}
//		fmt.Println(resp.StatusCode)
//		out, _ := json.MarshalIndent(result, "", "  ")
//		fmt.Println(string(out))
//	}
func (p *plan) examplesFile() (File, error) {
	var w goText
	pkg, qual := p.cfg.Package, ""
	mock := p.cfg.ImportPath != ""
	if path := p.cfg.ImportPath; path != "" {
		pkg, qual = p.cfg.Package+"_test", p.cfg.Package+"."
		if pathpkg.Base(path) == p.cfg.Package {
			w.use(path)
		} else {
			w.use(p.cfg.Package + " " + quote(path))
		}
		w.use(p.mockImportPath())
	}
	w.use("context")
	w.use("fmt")
	w.use("log")
	first := true
	var served *mockReplay
	if mock {
		served = p.mockReplays()
	}
	p.forEachMethod(func(m *method) {
		if !first {
			w.WriteByte('\n')
		}
		first = false
		ex := planExample(m, qual, nil)
		if ex.usesTime {
			w.use("time")
		}
		args := append([]string{"context.Background()"}, ex.argsText(qual)...)
		call := m.methodPath("client") + "(" + strings.Join(args, ", ") + ")"
		w.WriteString("func Example" + m.svc.typeName + "_" + m.name + "() {\n")
		if !mock {
			vars := "result, _, err"
			if m.types != nil && m.types.result == resultNone {
				vars = "result, err"
			}
			if base, mark := p.baseURLOption(qual); base != "" {
				w.WriteString("\tclient, _ := " + qual + "NewClient(" + base + ")" + mark + "\n")
			} else {
				w.WriteString("\tclient, _ := " + qual + "NewClient() // without options it cannot fail\n")
			}
			w.WriteString("\t" + vars + " := " + call + "\n")
			w.WriteString("\tif err != nil {\n\t\tlog.Fatal(err)\n\t}\n\tfmt.Println(result)\n}\n")
			return
		}
		w.WriteString(p.mockExampleBody(m, qual, call, served.of(m), &w))
		w.WriteString("}\n")
	})
	return File{Name: "example_test.go", Data: w.file([]string{templates.Header}, pkg)}, nil
}

// mockExampleBody is the body of an Example function that calls m on the
// mock server: the client, the call, and what it prints.
func (p *plan) mockExampleBody(m *method, qual, call string, rep *replay, w *goText) string {
	var b strings.Builder
	b.WriteString("\tsrv := " + p.mockPackage() + ".Start() // a local mock of the API, so that the example runs anywhere\n")
	b.WriteString("\tdefer srv.Close()\n")
	opts := qual + "WithBaseURL(srv.URL)"
	if len(p.origins) > 1 {
		// Requests to the other origins go to the mock too.
		opts += ", " + qual + "WithHTTPClient(srv.Client())"
	}
	for _, v := range p.exampleVariables(m) {
		// The collection gives no value: yours, for the mock any.
		opts += ", " + qual + "WithVariable(" + quote(v) + ", " + quote("your-"+v) + ")"
	}
	if needsCredential(m) {
		// examplerun.CredentialMark: postgen's tests do not run it.
		how := "its auth option"
		if names := authOptionNames(m.req.Auth.Type); len(names) > 0 {
			how = qual + names[0]
		}
		b.WriteString("\t// The request needs a credential the collection does not hold: pass " + how + " to NewClient.\n")
	}
	b.WriteString("\tclient, err := " + qual + "NewClient(" + opts + ") // with your API: its URL, or no WithBaseURL when the default is right\n")
	b.WriteString("\tif err != nil {\n\t\tlog.Fatal(err)\n\t}\n")
	kind := resultBytes
	if m.types != nil {
		kind = m.types.result
	}
	result := "result"
	switch kind {
	case resultNone:
		b.WriteString("\tresp, err := " + call + "\n")
	default:
		b.WriteString("\t" + result + ", resp, err := " + call + "\n")
	}
	if rep != nil && rep.status >= 400 {
		// The collection saved only error responses for this request.
		w.use("errors")
		b.WriteString("\tvar apiErr *" + qual + "APIError\n")
		b.WriteString("\tif errors.As(err, &apiErr) {\n")
		b.WriteString("\t\tfmt.Println(apiErr.StatusCode) // the collection saves only an error response\n")
		b.WriteString("\t\treturn\n\t}\n")
	}
	b.WriteString("\tif err != nil {\n\t\tlog.Fatal(err)\n\t}\n")
	var output []string
	known := rep != nil
	if rep != nil {
		output = []string{itoa(rep.status)}
	}
	if rep != nil && rep.status >= 400 {
		b.WriteString("\t_ = resp\n")
		if kind != resultNone {
			b.WriteString("\t_ = " + result + "\n")
		}
	} else {
		b.WriteString("\tfmt.Println(resp.StatusCode)\n")
		switch kind {
		case resultNone:
		case resultJSON:
			w.use("encoding/json")
			b.WriteString("\tout, err := json.MarshalIndent(" + result + ", \"\", \"  \")\n")
			b.WriteString("\tif err != nil {\n\t\tlog.Fatal(err)\n\t}\n")
			b.WriteString("\tfmt.Println(string(out))\n")
			known = false // the re-encoding of the typed result is go's
		case resultStream:
			// The stream is read to its end here; the Events or Lines
			// iterator beside the method yields it as it arrives.
			w.use("io")
			b.WriteString("\tdefer " + result + ".Close()\n")
			b.WriteString("\tbody, err := io.ReadAll(" + result + ")\n\tif err != nil {\n\t\tlog.Fatal(err)\n\t}\n")
			b.WriteString("\tfmt.Println(string(body))\n")
			if known {
				lines, ok := outputLines(rep.body)
				output, known = append(output, lines...), ok
			}
		case resultText:
			b.WriteString("\tfmt.Println(" + result + ")\n")
			if known {
				lines, ok := outputLines(rep.body)
				output, known = append(output, lines...), ok
			}
		default:
			if rep == nil || printable(rep.body) {
				b.WriteString("\tfmt.Println(string(" + result + "))\n")
				if known {
					lines, ok := outputLines(rep.body)
					output, known = append(output, lines...), ok
				}
			} else {
				b.WriteString("\tfmt.Println(len(" + result + "), \"bytes\")\n")
				output = append(output, itoa(len(rep.body))+" bytes")
			}
		}
	}
	if known {
		b.WriteString("\t// Output:\n")
		for _, l := range output {
			if l == "" {
				b.WriteString("\t//\n")
			} else {
				b.WriteString("\t// " + l + "\n")
			}
		}
	}
	return b.String()
}

// fieldValuesText renders struct field values as a literal body.
func fieldValuesText(fs []fieldValue) string {
	parts := make([]string, len(fs))
	for i, f := range fs {
		parts[i] = f.goName + ": " + f.value
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

// callVariant is one call of a request in conformance_calls_test.go:
// its variant's name and its arguments after ctx, as Go text.
type callVariant struct {
	name string
	args []string
}

// scriptedArgs are the example call's arguments as a caller relying on
// WithScripts passes them: a {{variable}} path argument a script sets is
// left empty, for the scripts' value (ok is false when there is none).
func (p *plan) scriptedArgs(ex *exampleCall) (args []string, ok bool) {
	if p.scripts == nil || p.scripts.option == "" {
		return nil, false
	}
	args = ex.argsText("")
	for i, a := range ex.m.pathArgs {
		if a.variable && p.scriptSetting(a.varName) != nil {
			args[i], ok = `""`, true
		}
	}
	return args, ok
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
	usesTime := false
	p.forEachMethod(func(m *method) {
		ex := planExample(m, "", func(v string) string { return "conformanceValue(" + quote(v) + ")" })
		if ex.usesTime {
			usesTime = true
		}
		variants := []callVariant{{"example", ex.argsText("")}, {"zero", ex.zeroArgs()}}
		if args, ok := p.scriptedArgs(ex); ok {
			variants = append(variants, callVariant{"scripted", args})
		}
		for _, v := range variants {
			// The arguments are Go text, as example_test.go writes them.
			call := m.methodExpr("client").Call(jen.Id(strings.Join(append([]string{"ctx"}, v.args...), ", ")))
			rows = append(rows, jen.Values(jen.Lit(m.req.Path), jen.Lit(v.name),
				jen.Func().Params(jen.Id("ctx").Qual("context", "Context"), jen.Id("client").Op("*").Id("Client")).Error().Block(
					jen.List(resultVars(m, jen.Id("_"))...).Op(":=").Add(call),
					jen.Return(jen.Err()),
				)))
		}
	})
	if usesTime {
		// The calls are text: this keeps the import they need.
		f.Var().Id("_").Qual("time", "Duration")
	}
	f.Comment("conformanceCalls are the calls of postgen's fidelity harness.")
	f.Var().Id("conformanceCalls").Op("=").Index().Id("conformanceCall").Add(multiline(rows...))
	return f
}
