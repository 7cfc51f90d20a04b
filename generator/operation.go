package generator

import (
	"path"
	"regexp"
	"strings"

	"github.com/postgen/postgen/internal/secrets"
	"github.com/postgen/postgen/model"
)

// opPlan is the runtime operation of one request: what Postman would send,
// with the places a caller can change it.
type opPlan struct {
	name       string // "Bookings.Get", for errors
	method     string
	originText string // protocol://host:port template
	origin     int    // index into plan.origins
	path       string // "/bookings/:bookingId"
	// pathVars name the path arguments: "id" for ":id", "{{id}}" for a
	// variable argument.
	pathVars []string
	params   []paramPlan
	body     *bodySpecPlan
	noAccept bool
	noUA     bool
	rawURL   bool
	auth     string // the scheme variable, "" for none
}

// paramPlan is one runtime param row.
type paramPlan struct {
	in         string // "query", "header", "form", "file"
	key, value string
	null       bool
	disabled   bool
	// constant rows are sent without the caller's value; why says which
	// part of the rule made them one (params.go).
	constant    bool
	why         string
	contentType string
	fileName    string
}

// bodySpecPlan is the runtime body spec of an operation.
type bodySpecPlan struct {
	mode          string
	contentType   string
	text          string
	stripComments bool
	form          []paramPlan
	gqlVariables  string
	gqlOperation  string
	gqlVarsText   bool
	// textConst names a constant holding text (a GraphQL query), emitted
	// in its place.
	textConst string
}

// bodyPlan is the body argument of a method.
type bodyPlan struct {
	// kind is "json" (any value encoded as JSON), "text" (a string),
	// "reader" (an io.Reader) or "form" (a generated struct).
	kind string
	// form is the struct of a urlencoded or formdata body.
	form *structType
}

// prunedMethods are the methods whose body Postman drops (§9.1).
var prunedMethods = map[string]bool{"GET": true, "HEAD": true, "COPY": true, "PURGE": true, "UNLOCK": true}

// rawContentTypes maps options.raw.language to Postman's Content-Type.
var rawContentTypes = map[string]string{
	"json":       "application/json",
	"xml":        "application/xml",
	"javascript": "application/javascript",
	"html":       "text/html",
}

var jsonContentType = regexp.MustCompile(`^application/(\S+\+)?json`)

// planOperation builds the operation of r and the method's arguments.
func (p *plan) planOperation(r *model.Request, s *service, m *method) *opPlan {
	op := &opPlan{name: strings.TrimPrefix(s.prefix+"."+m.name, "."), method: r.Method}
	if s.folder != nil {
		op.name = s.fieldPath() + "." + m.name
	}
	u := r.URL
	if u.Protocol != "" {
		op.originText = u.Protocol + "://"
	}
	op.originText += strings.Join(u.Host, ".")
	if u.Port != "" {
		op.originText += ":" + u.Port
	}
	if len(u.Path) > 0 {
		op.path = "/" + strings.Join(u.Path, "/")
		// A path can be a credential itself (a Slack webhook, a Telegram
		// bot token): only tokens recognisable by their shape are
		// looked for there.
		if spans := secrets.Tokens(op.path); len(spans) > 0 {
			op.path = p.vars.scrubSpans(op.path, spans, r.Path+".request.url.path")
		}
	}
	if u.HasUserInfo {
		// Without an auth of its own the userinfo is the request's Basic
		// auth (parser), and the auth's warning says how to set it.
		if r.Auth == nil || r.Auth.Path != r.Path+".request.url" {
			p.warn(model.CodeCredentialNotCopied, r.Path+".request.url", "credentials in the URL (user:password@) are not copied; the request's own auth is sent instead")
		}
	}
	for _, h := range r.Behavior.DisabledSystemHeaders {
		switch h {
		case "accept":
			op.noAccept = true
		case "user-agent":
			op.noUA = true
		}
	}
	op.rawURL = r.Behavior.DisableURLEncoding
	p.vars.note(op.originText, r.Path+".request.url.host", false)
	p.vars.note(op.path, r.Path+".request.url.path", false)

	// Path variables become arguments, in the order they first appear:
	// ":name" segments, and the {{variables}} the rule makes arguments.
	scope := newArgScope()
	addArg := func(ref, name, example string) {
		if name == "" || contains(op.pathVars, ref) {
			return
		}
		op.pathVars = append(op.pathVars, ref)
		goName := p.namer.Unexported(name)
		if goName == "" {
			goName = "arg"
		}
		m.pathArgs = append(m.pathArgs, pathArg{goName: scope.Claim(goName), varName: name, example: example, variable: ref != name})
	}
	for _, seg := range strings.Split(strings.TrimPrefix(op.path, "/"), "/") {
		if len(seg) >= 2 && seg[0] == ':' {
			name := seg[1:]
			if i := strings.IndexByte(name, '.'); i >= 0 {
				name = name[:i]
			}
			addArg(name, name, p.vars.scrub(name, pathExample(u, name), r.Path+".request.url.variable"))
			continue
		}
		for _, name := range refs(seg) {
			if p.pathArgVar(name) {
				addArg("{{"+name+"}}", name, p.vars.defaultText(name))
			}
		}
	}

	params := &structType{}
	op.params = p.planQuery(r, params)
	op.params = append(op.params, p.planHeaders(r, params)...)
	if len(params.fields) > 0 {
		p.nameFields(params)
		params.name = p.claimName(p.cfg.TypeNames, r.Path+"#params", s.prefix+m.name+"Params", p.pkgScope)
		m.params = params
	}
	op.body, m.body = p.planBody(r, s, m)
	return op
}

// fieldPath is "Bookings.Items" for a nested service: the path a user
// types after the client.
func (s *service) fieldPath() string {
	if s.parent == nil || s.parent.parent == nil {
		return s.fieldName
	}
	return s.parent.fieldPath() + "." + s.fieldName
}

// pathExample is the collection's value of a path variable, as Postman
// would use it: only a non-empty string counts.
func pathExample(u model.URL, name string) string {
	for i := len(u.Variables) - 1; i >= 0; i-- {
		v := u.Variables[i]
		if v.Key == name {
			if v.Kind == "string" {
				return v.Value
			}
			return ""
		}
	}
	return ""
}

// rawRow is a query, header or form row before planning.
type rawRow struct {
	in, key, value string
	null, disabled bool
	desc           string
	contentType    string
	fileName       string
}

// planRows decides which rows are constants and gives every other key a
// field of st, in order of first appearance: its rows are samples, sent
// only with the caller's value. A key is a constant when all its enabled
// rows are.
func (p *plan) planRows(r *model.Request, rows []rawRow, st *structType) []paramPlan {
	type keyPlan struct {
		constant bool
		why      string
		field    *field
	}
	keyOf := func(rw rawRow) string {
		if rw.in == "header" {
			return "header\x00" + strings.ToLower(rw.key)
		}
		return rw.in + "\x00" + rw.key
	}
	keys := map[string]*keyPlan{}
	var order []string
	for _, rw := range rows {
		k := keyOf(rw)
		kp := keys[k]
		if kp == nil {
			kp = &keyPlan{constant: true}
			keys[k] = kp
			order = append(order, k)
		}
		why := ""
		if rw.in != "file" {
			why = p.consts.constReason(r, rw.in, rw.key, rw.value, rw.null, rw.disabled)
		}
		if rw.disabled {
			continue
		}
		if why == "" {
			kp.constant = false
		} else if kp.why == "" {
			kp.why = why
		}
	}
	for _, k := range order {
		if kp := keys[k]; kp.why == "" {
			kp.constant = false // every row disabled
		}
	}
	out := make([]paramPlan, 0, len(rows))
	for _, rw := range rows {
		kp := keys[keyOf(rw)]
		pp := paramPlan{in: rw.in, key: rw.key, value: rw.value, null: rw.null, disabled: rw.disabled,
			constant: kp.constant && !rw.disabled, why: kp.why, contentType: rw.contentType, fileName: rw.fileName}
		if !kp.constant {
			if kp.field == nil {
				def := rw.value
				if rw.in == "file" {
					def = rw.fileName // for docs: the file Postman would read
				}
				kp.field = &field{in: rw.in, key: rw.key, def: def, optional: true, desc: rw.desc}
				st.fields = append(st.fields, kp.field)
			}
			fl := kp.field
			if !rw.disabled {
				if fl.optional {
					fl.def, fl.optional = rw.value, false
					if rw.in == "file" {
						fl.def = rw.fileName
					}
				}
				if rw.null {
					fl.null = true
				} else if rw.in != "file" {
					fl.samples = append(fl.samples, rw.value)
				}
			}
			if rw.desc != "" && fl.desc == "" {
				fl.desc = rw.desc
			}
		}
		out = append(out, pp)
	}
	for _, fl := range st.fields {
		if fl.in == "header" {
			fl.samples = sentHeaderValues(rows, fl.key)
		}
		if fl.goType == "" {
			fl.goType = fieldGoType(fl)
		}
	}
	return out
}

// sentHeaderValues are the values Postman sends for the enabled header
// rows named key in any case: when the spellings differ only the last
// spelling's rows are sent (§8.2).
func sentHeaderValues(rows []rawRow, key string) []string {
	last := ""
	for _, rw := range rows {
		if rw.in == "header" && !rw.disabled && strings.EqualFold(rw.key, key) {
			last = rw.key
		}
	}
	var out []string
	for _, rw := range rows {
		if rw.in == "header" && !rw.disabled && rw.key == last {
			out = append(out, rw.value)
		}
	}
	return out
}

// planQuery plans the query rows (see planRows).
func (p *plan) planQuery(r *model.Request, st *structType) []paramPlan {
	oauth := false
	for _, q := range r.URL.Query {
		oauth = oauth || isOAuthKey(q.Key)
	}
	var rows []rawRow
	for i, q := range r.URL.Query {
		if authOwnsQuery(r.Auth, q.Key) {
			continue // the auth replaces it, as Postman's does
		}
		value := p.vars.scrubRow(q.Key, q.Value, r.Path+".request.url.query["+itoa(i)+"]", oauth)
		rows = append(rows, rawRow{in: "query", key: q.Key, value: value, null: q.NullValue, disabled: q.Disabled, desc: q.Description.Content})
	}
	return p.planRows(r, rows, st)
}

// planHeaders plans the header rows (see planRows); a Content-Type the
// form body replaces is left out, as Postman leaves it.
func (p *plan) planHeaders(r *model.Request, st *structType) []paramPlan {
	var rows []rawRow
	for i, h := range r.Headers {
		if h.Key == "" || authOwnsHeader(r.Auth, h.Key) {
			continue
		}
		if strings.EqualFold(h.Key, "content-type") && !h.Disabled && formReplaces(r.Body, h.Value) {
			continue
		}
		value := p.vars.scrub(h.Key, h.Value, r.Path+".request.header["+itoa(i)+"]")
		rows = append(rows, rawRow{in: "header", key: h.Key, value: value, disabled: h.Disabled, desc: h.Description.Content})
	}
	return p.planRows(r, rows, st)
}

// formReplaces reports whether Postman's HTTP client replaces a request's
// Content-Type header of value ct with the one of its form body: a
// multipart body always gets its own (it carries the boundary); a
// urlencoded one keeps only a value that starts with
// application/x-www-form-urlencoded (case-sensitive, as postman-request
// tests it), so "application/json" there is replaced. A {{variable}}
// value is kept: what it holds is known only at run time.
func formReplaces(b *model.Body, ct string) bool {
	if b == nil || b.Disabled {
		return false
	}
	enabled := func(rows []model.FormParam) bool {
		for _, r := range rows {
			if !r.Disabled {
				return true
			}
		}
		return false // no form is built: the header is sent as written
	}
	switch b.Mode {
	case model.BodyFormData:
		return enabled(b.FormData)
	case model.BodyURLEncoded:
		return enabled(b.URLEncoded) && !strings.Contains(ct, "{{") && !strings.HasPrefix(strings.TrimLeft(ct, " \t"), "application/x-www-form-urlencoded")
	}
	return false
}

// userContentType returns the Content-Type the request's own enabled
// headers set, or "".
func userContentType(r *model.Request) string {
	ct := ""
	for _, h := range r.Headers {
		if !h.Disabled && strings.EqualFold(h.Key, "content-type") {
			ct = h.Value
		}
	}
	return ct
}

// planBody decides the body of r: the runtime spec (what Postman sends)
// and the method's body argument.
func (p *plan) planBody(r *model.Request, s *service, m *method) (*bodySpecPlan, *bodyPlan) {
	b := r.Body
	if b == nil || b.Disabled {
		return nil, nil
	}
	if prunedMethods[r.Method] && !r.Behavior.DisableBodyPruning {
		return nil, nil
	}
	userCT := userContentType(r)
	path := r.Path + ".request.body"
	switch b.Mode {
	case model.BodyURLEncoded, model.BodyFormData:
		rows := b.URLEncoded
		spec := &bodySpecPlan{mode: b.Mode}
		if b.Mode == model.BodyURLEncoded {
			spec.contentType = "application/x-www-form-urlencoded"
		} else {
			rows = b.FormData
		}
		if len(rows) == 0 {
			return nil, nil
		}
		form := &structType{}
		oauth := false
		for _, row := range rows {
			oauth = oauth || isOAuthKey(row.Key)
		}
		var raw []rawRow
		for i, row := range rows {
			if b.Mode == model.BodyFormData && row.Type == "file" {
				srcs := row.Src
				if len(srcs) == 0 {
					srcs = []string{""}
				}
				for _, src := range srcs {
					ct := row.ContentType
					if ct == "" && src != "" {
						ct = contentTypeByExtension(src)
					}
					raw = append(raw, rawRow{in: "file", key: row.Key, disabled: row.Disabled, desc: row.Description.Content, contentType: ct, fileName: baseName(src)})
				}
				continue
			}
			value := p.vars.scrubRow(row.Key, row.Value, path+"."+b.Mode+"["+itoa(i)+"]", oauth)
			raw = append(raw, rawRow{in: "form", key: row.Key, value: value, disabled: row.Disabled, desc: row.Description.Content, contentType: row.ContentType})
		}
		spec.form = p.planRows(r, raw, form)
		if len(form.fields) == 0 {
			// Every row is a constant: the body is the collection's.
			p.nameFields(form)
			return spec, nil
		}
		p.nameFields(form)
		form.name = p.claimName(p.cfg.TypeNames, r.Path+"#form", s.prefix+m.name+"Form", p.pkgScope)
		return spec, &bodyPlan{kind: "form", form: form}
	case model.BodyFile:
		ct := ""
		if b.File.Src != "" {
			ct = contentTypeByExtension(b.File.Src)
		}
		return &bodySpecPlan{mode: b.Mode, contentType: ct}, &bodyPlan{kind: "reader"}
	case model.BodyGraphQL:
		g := b.GraphQL
		query := p.vars.scrubText(g.Query, path+".graphql.query", false)
		variables := p.vars.scrubText(g.Variables, path+".graphql.variables", false)
		return &bodySpecPlan{mode: b.Mode, contentType: "application/json", text: query,
			gqlVariables: variables, gqlVarsText: g.VariablesIsText, gqlOperation: g.OperationName}, &bodyPlan{kind: "json"}
	}
	// raw, and unknown modes the parser reported as raw.
	spec := &bodySpecPlan{mode: model.BodyRaw, text: p.vars.scrubRaw(b.Raw, path+".raw")}
	ct, ok := rawContentTypes[b.Language]
	if !ok {
		ct = "text/plain"
	}
	spec.contentType = ct
	effective := ct
	if userCT != "" {
		effective = userCT
	}
	isJSON := b.Language == "json" || b.Language == "" && jsonContentType.MatchString(effective)
	spec.stripComments = isJSON && (strings.Contains(b.Raw, "//") || strings.Contains(b.Raw, "/*"))
	kind := "text"
	if isJSON || jsonContentType.MatchString(effective) || looksLikeJSON(b.Raw) {
		kind = "json"
	}
	return spec, &bodyPlan{kind: kind}
}

// isOAuthKey reports whether a query or form key makes its request an
// OAuth token or authorization request.
func isOAuthKey(key string) bool { return key == "grant_type" || key == "response_type" }

// looksLikeJSON reports whether raw text is a JSON object or array, for
// collections that send JSON without saying so.
func looksLikeJSON(s string) bool {
	s = strings.TrimSpace(s)
	return len(s) > 1 && (s[0] == '{' && s[len(s)-1] == '}' || s[0] == '[' && s[len(s)-1] == ']')
}

// baseName is the file name Postman sends for a file path.
func baseName(src string) string {
	if src == "" {
		return ""
	}
	return path.Base(strings.ReplaceAll(src, `\`, "/"))
}

// contentTypeByExtension mirrors the mime-types table Postman's HTTP
// client uses for the extensions seen in collections. An unknown
// extension gives "".
func contentTypeByExtension(src string) string {
	ext := strings.ToLower(path.Ext(strings.ReplaceAll(src, `\`, "/")))
	switch ext {
	case ".txt", ".text", ".log":
		return "text/plain"
	case ".json":
		return "application/json"
	case ".xml":
		return "application/xml"
	case ".csv":
		return "text/csv"
	case ".html", ".htm":
		return "text/html"
	case ".pdf":
		return "application/pdf"
	case ".png":
		return "image/png"
	case ".jpg", ".jpeg":
		return "image/jpeg"
	case ".gif":
		return "image/gif"
	case ".svg":
		return "image/svg+xml"
	case ".zip":
		return "application/zip"
	case ".gz":
		return "application/gzip"
	case ".yaml", ".yml":
		return "text/yaml"
	case ".js":
		return "application/javascript"
	case ".doc":
		return "application/msword"
	case ".docx":
		return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	case ".xls":
		return "application/vnd.ms-excel"
	case ".xlsx":
		return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	case ".mp4":
		return "video/mp4"
	case ".mp3":
		return "audio/mpeg"
	case ".wav":
		return "audio/wav"
	}
	return ""
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
