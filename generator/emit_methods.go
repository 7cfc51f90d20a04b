package generator

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/postgen/postgen/generator/godoc"
	"github.com/postgen/postgen/templates"
)

// serviceFile writes the file of a top-level service: its type, then each
// method with its operation, then its sub-services the same way. The text
// is written in gofmt's layout directly (see goText).
func (p *plan) serviceFile(s *service) []byte {
	var w goText
	p.writeService(&w, s)
	return w.file([]string{templates.Header}, p.cfg.Package)
}

// writeService writes one service type, its methods, then its
// sub-services.
//
//	// BookingsService holds the requests of the Postman folder "Bookings".
//	type BookingsService struct {
//		rt *sdk.Core
//
//		// Items holds the requests of the "Items" folder.
//		Items *BookingsItemsService
//	}
func (p *plan) writeService(w *goText, s *service) {
	w.comment("", paragraphs(
		sentence("%s holds the requests of the Postman folder %q, as client.%s.", s.typeName, p.folderPath(s), s.fieldPath()),
		describe(s.folder.Description),
	))
	p.writeStruct(w, s)
	for _, m := range s.methods {
		w.WriteByte('\n')
		p.writeMethod(w, m)
	}
	for _, sub := range s.subs {
		w.WriteByte('\n')
		p.writeService(w, sub)
	}
}

// writeStruct writes a service (or Client) struct: the runtime handle,
// then one field per sub-service, each after its comment (so gofmt aligns
// nothing).
func (p *plan) writeStruct(w *goText, s *service) {
	w.use(sdkPath)
	w.WriteString("type " + s.typeName + " struct {\n\trt *sdk.Core\n")
	for i, sub := range s.subs {
		if i == 0 {
			w.WriteByte('\n')
		}
		w.comment("\t", godoc.Wrap(serviceSummary(sub)))
		w.WriteString("\t" + sub.fieldName + " *" + sub.typeName + "\n")
	}
	w.WriteString("}\n")
}

// writeMethod writes one method and its operation.
//
//	// Get sends GET /bookings/:bookingId (Postman: Bookings › Get booking).
//	func (s *BookingsService) Get(ctx context.Context, bookingID string, opts ...RequestOption) (*Booking, *Response, error) {
//		return sdk.SendObject[Booking](ctx, s.rt, &opBookingsGet, sdk.Call{Path: []string{bookingID}, Options: opts})
//	}
//
//	var opBookingsGet = sdk.Operation{Name: "Bookings.Get", Method: "GET", Path: "/bookings/:bookingId",
//		PathVars: []string{"bookingId"}}
func (p *plan) writeMethod(w *goText, m *method) {
	recv := "s"
	if m.svc == p.client {
		recv = "c"
	}
	w.comment("", p.methodDoc(m))
	w.use("context")
	w.use(sdkPath)
	args := []string{"ctx context.Context"}
	var names []string
	for _, a := range m.pathArgs {
		names = append(names, a.goName)
	}
	if len(names) > 0 {
		args = append(args, strings.Join(names, ", ")+" string")
	}
	var fields []string
	if len(names) > 0 {
		fields = append(fields, "Path: []string{"+strings.Join(names, ", ")+"}")
	}
	if m.params != nil {
		fields = append(fields, "Args: params.args()")
	}
	if m.body != nil {
		args = append(args, "body "+p.bodyTypeText(w, m))
		if m.body.form != nil {
			fields = append(fields, "Form: body.args()")
		} else {
			fields = append(fields, "Body: body")
		}
	}
	if m.params != nil {
		args = append(args, "params *"+m.params.name)
	}
	args = append(args, "opts ...RequestOption")
	fields = append(fields, "Options: opts")
	results := p.resultsText(m)
	if strings.Contains(results, "time.") {
		w.use("time")
	}
	if strings.Contains(results, "io.") {
		w.use("io")
	}
	sender := "sdk.SendNoResult"
	if r := strings.TrimSuffix(strings.TrimPrefix(results, "("), ", *Response, error)"); r != results && !strings.HasPrefix(results, "(*Response") {
		sender = "sdk.Send[" + r + "]"
		if len(r) > 1 && r[0] == '*' && r[1] >= 'A' && r[1] <= 'Z' {
			// A generated struct (not *string, which send hands over as
			// JSON): one allocation fewer per call.
			sender = "sdk.SendObject[" + r[1:] + "]"
		}
	}
	w.WriteString("func (" + recv + " *" + m.svc.typeName + ") " + m.name + "(" + strings.Join(args, ", ") + ") " + results + " {\n")
	w.WriteString("\treturn " + sender + "(ctx, " + recv + ".rt, &" + m.opVar + ", sdk.Call{" + strings.Join(fields, ", ") + "})\n}\n\n")
	w.WriteString("var " + m.opVar + " = sdk.Operation")
	packedLiteral(&w.Buffer, "", p.operationText(m))
	w.WriteByte('\n')
	if m.pager != nil {
		w.WriteByte('\n')
		p.writeIterator(w, m, recv, strings.Join(args, ", "), names)
	}
	if m.streamIter != "" {
		w.WriteByte('\n')
		p.writeStreamIterator(w, m, recv, strings.Join(args, ", "), names)
	}
}

// writeStreamIterator writes the iterator over a stream's events or
// lines (streaming.go):
//
//	// SampleStreamLines iterates over the lines of SampleStream's response as they arrive. ...
//	func (s *TweetsService) SampleStreamLines(ctx context.Context, opts ...RequestOption) iter.Seq2[string, error] {
//		return sdk.StreamLines(func() (io.ReadCloser, *Response, error) {
//			return s.SampleStream(ctx, opts...)
//		})
//	}
func (p *plan) writeStreamIterator(w *goText, m *method, recv, params string, pathArgs []string) {
	w.use("iter")
	w.use("io")
	call := append([]string{"ctx"}, pathArgs...)
	if m.body != nil {
		call = append(call, "body")
	}
	if m.params != nil {
		call = append(call, "params")
	}
	call = append(call, "opts...")
	item, runtime, what := "string", "sdk.StreamLines", "lines"
	if m.types.stream == "events" {
		item, runtime, what = "ServerSentEvent", "sdk.StreamEvents", "events"
	}
	w.comment("", sentence("%s iterates over the %s of %s's response as they arrive, never holding the stream in memory. When the stream ends with an error (ctx's deadline on an endless stream, a dropped connection) what arrived before it is yielded first, then the error.", m.streamIter, what, m.name))
	w.WriteString("func (" + recv + " *" + m.svc.typeName + ") " + m.streamIter + "(" + params + ") iter.Seq2[" + item + ", error] {\n")
	w.WriteString("\treturn " + runtime + "(func() (io.ReadCloser, *Response, error) {\n")
	w.WriteString("\t\treturn " + recv + "." + m.name + "(" + strings.Join(call, ", ") + ")\n\t})\n}\n")
}

// writeIterator writes the iterator over the pages of m (pagination.go):
//
//	// ListIter iterates over the items of every page of List, ...
//	func (s *BookingsService) ListIter(ctx context.Context, params *BookingsListParams, opts ...RequestOption) iter.Seq2[Booking, error] {
//		var next BookingsListParams
//		if params != nil {
//			next = *params
//		}
//		return sdk.PagesByNumber(&next.Page, func() ([]Booking, *Response, error) {
//			return s.List(ctx, &next, opts...)
//		})
//	}
func (p *plan) writeIterator(w *goText, m *method, recv, params string, pathArgs []string) {
	pg := m.pager
	w.use("iter")
	how := map[string]string{
		"number": "moving " + pg.field.goName + " to the next page number (the one the Link header names, or the next while pages are not empty)",
		"offset": "moving " + pg.field.goName + " past the items seen, until a page is empty",
		"cursor": "moving " + pg.field.goName + " to the next page's cursor, until there is none",
	}[pg.style]
	if pg.style == "offset" && pg.total != "" {
		how += " or " + pg.total + " items were seen"
	}
	w.comment("", sentence("%s iterates over the items of every page of %s, from the page params ask for, %s. It calls %s once per page; an error ends the iteration.", pg.name, m.name, how, m.name))
	call := append([]string{"ctx"}, pathArgs...)
	if m.body != nil {
		call = append(call, "body")
	}
	call = append(call, "&next", "opts...")
	w.WriteString("func (" + recv + " *" + m.svc.typeName + ") " + pg.name + "(" + params + ") iter.Seq2[" + pg.elem + ", error] {\n")
	w.WriteString("\tvar next " + m.params.name + "\n\tif params != nil {\n\t\tnext = *params\n\t}\n")
	moved := "&next." + pg.field.goName
	if strings.HasPrefix(pg.field.goType, "*") {
		w.WriteString("\tif next." + pg.field.goName + " == nil {\n\t\tnext." + pg.field.goName + " = new(int64)\n\t}\n")
		moved = "next." + pg.field.goName
	}
	method := recv + "." + m.name + "(" + strings.Join(call, ", ") + ")"
	items := "r." + pg.items
	switch pg.style {
	case "number":
		w.WriteString("\treturn sdk.PagesByNumber(" + moved + ", func() ([]" + pg.elem + ", *Response, error) {\n")
		if pg.items == "" {
			w.WriteString("\t\treturn " + method + "\n")
		} else {
			w.WriteString("\t\tr, resp, err := " + method + "\n\t\tif r == nil {\n\t\t\treturn nil, resp, err\n\t\t}\n")
			w.WriteString("\t\treturn " + items + ", resp, err\n")
		}
	case "offset":
		total := "-1"
		if pg.total != "" {
			total = "r." + pg.total
		}
		w.WriteString("\treturn sdk.PagesByOffset(" + moved + ", func() ([]" + pg.elem + ", int64, *Response, error) {\n")
		if pg.items == "" {
			w.WriteString("\t\titems, resp, err := " + method + "\n\t\treturn items, -1, resp, err\n")
		} else {
			w.WriteString("\t\tr, resp, err := " + method + "\n\t\tif r == nil {\n\t\t\treturn nil, -1, resp, err\n\t\t}\n")
			w.WriteString("\t\treturn " + items + ", " + total + ", resp, err\n")
		}
	case "cursor":
		w.WriteString("\treturn sdk.PagesByCursor(" + moved + ", func() ([]" + pg.elem + ", string, *Response, error) {\n")
		if pg.items == "" {
			w.WriteString("\t\titems, resp, err := " + method + "\n\t\treturn items, \"\", resp, err\n")
		} else {
			next := `""`
			if pg.next != "" {
				next = "r." + pg.next
			}
			w.WriteString("\t\tr, resp, err := " + method + "\n\t\tif r == nil {\n\t\t\treturn nil, \"\", resp, err\n\t\t}\n")
			w.WriteString("\t\treturn " + items + ", " + next + ", resp, err\n")
		}
	}
	w.WriteString("\t})\n}\n")
}

// bodyTypeText is the Go type of a method's body argument.
func (p *plan) bodyTypeText(w *goText, m *method) string {
	if m.types != nil && (m.types.gql != nil || m.types.body != nil) {
		t := p.bodyText(m)
		if strings.Contains(t, "time.") {
			w.use("time")
		}
		return t
	}
	switch m.body.kind {
	case "text":
		return "string"
	case "reader":
		w.use("io")
		return "io.Reader"
	case "form":
		return "*" + m.body.form.name
	}
	return "any"
}

// operationText lists the keyed fields of an operation literal, leaving
// out zero values, in groups that share a line: what is sent where, then
// how path variables and auth work, then error bodies, the rows and the
// body.
func (p *plan) operationText(m *method) [][]string {
	op := m.op
	head := []string{"Name: " + quote(op.name), "Method: " + quote(op.method)}
	if op.origin != 0 {
		head = append(head, "Origin: "+strconv.Itoa(op.origin))
	}
	if op.path != "" {
		head = append(head, "Path: "+quote(op.path))
	}
	var how []string
	if len(op.pathVars) > 0 {
		how = append(how, "PathVars: []string{"+goStrings(op.pathVars)+"}")
	}
	if op.auth != "" {
		how = append(how, "Auth: "+op.auth)
	}
	for _, flag := range []struct {
		on   bool
		name string
	}{{op.noAccept, "NoAccept"}, {op.noUA, "NoUserAgent"}, {op.rawURL, "RawURL"}} {
		if flag.on {
			how = append(how, flag.name+": true")
		}
	}
	groups := [][]string{head}
	if len(how) > 0 {
		groups = append(groups, how)
	}
	if m.types != nil && len(m.types.errors) > 0 {
		var rows []string
		for _, e := range m.types.errors {
			rows = append(rows, "{Status: "+strconv.Itoa(e.status)+", Decode: sdk.ErrorAs["+p.typeText(e.root.t, true)+"]}")
		}
		groups = append(groups, []string{"ErrBodies: []sdk.ErrorBody{" + strings.Join(rows, ", ") + "}"})
	}
	if len(op.params) > 0 {
		groups = append(groups, []string{"Params: " + rowList("[]sdk.Param", "\t", paramRows(op.params, false))})
	}
	if op.body != nil {
		groups = append(groups, []string{"Body: &sdk.BodySpec" + bodySpecText(op.body)})
	}
	return groups
}

// paramRows renders param rows as keyed literals without zero fields.
func paramRows(params []paramPlan, form bool) []string {
	out := make([]string, 0, len(params))
	seen := map[string]bool{}
	for _, pp := range params {
		if form && pp.disabled {
			continue // WithSampleBody sends the enabled rows; a caller's value goes last
		}
		if !pp.constant && !form {
			// One row places the caller's values of a key.
			k := sharedKey(pp.in, pp.key)
			if seen[k] {
				continue
			}
			seen[k] = true
		}
		var fs []string
		switch pp.in {
		case "header":
			fs = append(fs, "In: sdk.InHeader")
		case "form":
			fs = append(fs, "In: sdk.InForm")
		case "file":
			fs = append(fs, "In: sdk.InFile")
		}
		fs = append(fs, "Key: "+quote(pp.key))
		// A query or header sample is never sent, so the operation does
		// not carry it; a form's samples are, by WithSampleBody.
		if pp.constant || form {
			if pp.value != "" {
				fs = append(fs, "Value: "+quote(pp.value))
			}
			if pp.null {
				fs = append(fs, "Null: true")
			}
			if pp.constant {
				fs = append(fs, "Const: true")
			}
		}
		if pp.contentType != "" {
			fs = append(fs, "ContentType: "+quote(pp.contentType))
		}
		if pp.fileName != "" {
			fs = append(fs, "FileName: "+quote(pp.fileName))
		}
		out = append(out, "{"+strings.Join(fs, ", ")+"}")
	}
	return out
}

// bodySpecText renders a body spec literal without zero fields, on one
// line, or with its form rows one per line.
func bodySpecText(b *bodySpecPlan) string {
	fs := []string{"Mode: " + bodyModes[b.mode]}
	if b.contentType != "" {
		fs = append(fs, "ContentType: "+quote(b.contentType))
	}
	if b.textConst != "" {
		fs = append(fs, "Text: "+b.textConst)
	} else if b.text != "" {
		fs = append(fs, "Text: "+quote(b.text))
	}
	if b.stripComments {
		fs = append(fs, "StripComments: true")
	}
	if b.gqlVariables != "" {
		fs = append(fs, "GQLVariables: "+quote(b.gqlVariables))
	}
	if b.gqlOperation != "" {
		fs = append(fs, "GQLOperation: "+quote(b.gqlOperation))
	}
	if b.gqlVarsText {
		fs = append(fs, "GQLVarsText: true")
	}
	groups := [][]string{fs}
	if rows := paramRows(b.form, true); len(rows) > 0 {
		groups = append(groups, []string{"Form: " + rowList("[]sdk.Param", "\t\t", rows)})
	}
	var buf bytes.Buffer
	packedLiteral(&buf, "\t", groups)
	return buf.String()
}
