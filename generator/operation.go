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
	pathVars   []string
	pathValues []string // the collection's values of pathVars, "" for none
	params     []paramPlan
	body       *bodySpecPlan
	noAccept   bool
	noUA       bool
	rawURL     bool
	auth       string // the scheme variable, "" for none
}

// paramPlan is one runtime param row.
type paramPlan struct {
	in          string // "query", "header", "form", "file"
	key, value  string
	null        bool
	disabled    bool
	slot        int // 1-based, 0 = fixed
	secondary   bool
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

	// Path variables become arguments, in the order they first appear.
	scope := newArgScope()
	for _, seg := range u.Path {
		if len(seg) < 2 || seg[0] != ':' {
			continue
		}
		name := seg[1:]
		if i := strings.IndexByte(name, '.'); i >= 0 {
			name = name[:i]
		}
		if name == "" || contains(op.pathVars, name) {
			continue
		}
		op.pathVars = append(op.pathVars, name)
		value := p.vars.scrub(name, pathExample(u, name), r.Path+".request.url.variable")
		op.pathValues = append(op.pathValues, value)
		goName := p.namer.Unexported(name)
		if goName == "" {
			goName = "arg"
		}
		m.pathArgs = append(m.pathArgs, pathArg{goName: scope.Claim(goName), varName: name, example: value})
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

// planQuery turns the query rows into params: one struct field per
// distinct key, repeated keys sharing it.
func (p *plan) planQuery(r *model.Request, st *structType) []paramPlan {
	var out []paramPlan
	slots := map[string]int{}
	oauth := false
	for _, q := range r.URL.Query {
		oauth = oauth || isOAuthKey(q.Key)
	}
	for i, q := range r.URL.Query {
		if authOwnsQuery(r.Auth, q.Key) {
			continue // the auth replaces it, as Postman's does
		}
		value := p.vars.scrubRow(q.Key, q.Value, r.Path+".request.url.query["+itoa(i)+"]", oauth)
		pp := paramPlan{in: "query", key: q.Key, value: value, null: q.NullValue, disabled: q.Disabled}
		if slot, ok := slots[q.Key]; ok {
			pp.slot, pp.secondary = slot, true
			if !q.Disabled && st.fields[slot-1].optional {
				st.fields[slot-1].optional = false
			}
		} else {
			st.fields = append(st.fields, &field{in: "query", key: q.Key, def: value, null: q.NullValue, optional: q.Disabled, desc: q.Description.Content})
			pp.slot = len(st.fields)
			slots[q.Key] = pp.slot
		}
		out = append(out, pp)
	}
	return out
}

// planHeaders turns the header rows into params. Enabled headers with a
// value are sent as they are; disabled ones and empty ones become optional
// fields. Content-Type belongs to the body.
func (p *plan) planHeaders(r *model.Request, st *structType) []paramPlan {
	var out []paramPlan
	slots := map[string]int{}
	for i, h := range r.Headers {
		if h.Key == "" || authOwnsHeader(r.Auth, h.Key) {
			continue
		}
		lower := strings.ToLower(h.Key)
		if lower == "content-type" && !h.Disabled && formReplaces(r.Body, h.Value) {
			continue
		}
		value := p.vars.scrub(h.Key, h.Value, r.Path+".request.header["+itoa(i)+"]")
		pp := paramPlan{in: "header", key: h.Key, value: value, disabled: h.Disabled}
		settable := (h.Disabled || h.Value == "") && lower != "content-type"
		if settable {
			if slot, ok := slots[lower]; ok {
				pp.slot, pp.secondary = slot, true
			} else {
				st.fields = append(st.fields, &field{in: "header", key: h.Key, def: value, optional: h.Disabled, desc: h.Description.Content})
				pp.slot = len(st.fields)
				slots[lower] = pp.slot
			}
		} else if h.Disabled {
			continue
		}
		out = append(out, pp)
	}
	return out
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
		slots := map[string]int{}
		oauth := false
		for _, row := range rows {
			oauth = oauth || isOAuthKey(row.Key)
		}
		for i, row := range rows {
			in := "form"
			if b.Mode == model.BodyFormData && row.Type == "file" {
				in = "file"
			}
			value := row.Value
			if in == "form" {
				value = p.vars.scrubRow(row.Key, row.Value, path+"."+b.Mode+"["+itoa(i)+"]", oauth)
			}
			key := in + "\x00" + row.Key
			srcs := row.Src
			if in == "file" && len(srcs) == 0 {
				srcs = []string{""}
			}
			if in != "file" {
				srcs = []string{""}
			}
			for _, src := range srcs {
				pp := paramPlan{in: in, key: row.Key, value: value, disabled: row.Disabled, contentType: row.ContentType}
				if in == "file" {
					pp.value = ""
					pp.fileName = baseName(src)
					if pp.contentType == "" && src != "" {
						pp.contentType = contentTypeByExtension(src)
					}
				}
				if slot, ok := slots[key]; ok {
					pp.slot, pp.secondary = slot, true
				} else {
					def := value
					if in == "file" {
						def = pp.fileName // for docs: the file Postman would read
					}
					form.fields = append(form.fields, &field{in: in, key: row.Key, def: def, optional: row.Disabled, desc: row.Description.Content})
					pp.slot = len(form.fields)
					slots[key] = pp.slot
				}
				spec.form = append(spec.form, pp)
			}
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
