package parser

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/postgen/postgen/model"
	"github.com/tidwall/gjson"
)

// This file converts a Postman v1 collection into v2.1 JSON, the mapping
// postman-collection-transformer performs when newman runs a v1 file
// (POSTMAN-FORMAT.md §15, observed in §A.6), so that a v1 export is read
// by the same v2 walk as any other collection and is sent the way newman
// sends it. Request, folder and response ids are kept (the transformer's
// retainIds), so postgen.yaml can name v1 requests by id.
//
// One deliberate difference: the transformer drops requests that neither
// the collection's nor any folder's "order" lists (real exports have them:
// here-routing-v1 has an empty "order"); postgen keeps them at the top
// level and says so.
//
// Diagnostics of a converted collection name places by their path in the
// converted v2.1 document (item[2].item[0].request.url), and their line and
// column are those of the v1 object the item came from, so an editor jumps
// to the right request of the v1 file.

const schemaV21 = "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"

// v1Item is a converted request and the offset of its v1 object.
type v1Item struct {
	obj    *jobj
	id     string
	offset int
}

// v1Group is a converted folder; its items are filled after every folder
// exists, because v1 folders refer to sub-folders by id.
type v1Group struct {
	obj      *jobj
	items    []any // *v1Item and *v1Group
	offset   int
	isSubDir bool
}

// v1Converter holds the state of one conversion.
type v1Converter struct {
	base     int // offset of the parsed text in src
	requests map[string]gjson.Result
	diags    []pendingDiag
}

// convertV1 converts the v1 collection doc (at path, "" or "collection")
// and parses the result. src and base locate doc in the input.
func convertV1(src string, base int, doc gjson.Result, path string) (*Result, error) {
	cv := &v1Converter{base: base, requests: map[string]gjson.Result{}}
	top := cv.collection(doc, path)
	enc := &encoder{origins: map[string]int{}, open: map[*v1Group]bool{}}
	enc.value(top, "")
	res, err := Parse(enc.b.Bytes())
	if err != nil {
		// The converter writes valid v2.1 JSON, so this is a postgen bug;
		// say so rather than blame the user's file.
		return nil, &Error{Kind: ErrV1Collection, Path: path,
			Message: fmt.Sprintf("converting this v1 collection to v2.1 failed (a postgen bug; please report it with the file): %v", err)}
	}
	docOff := base + doc.Index
	// The intro names the "requests" member, which makes the file v1.
	cv.diags = append([]pendingDiag{{off: base + doc.Get("requests").Index, path: join(path, "requests"), code: model.CodeV1Collection,
		msg: "this is a Postman v1 collection (the legacy format); postgen converted it to v2.1 the way Postman does, and the paths in the messages below refer to the converted collection; re-export it from Postman as v2.1 to silence this"}},
		cv.diags...)
	// Re-place the v2 walk's diagnostics on the v1 objects they came from.
	for _, d := range res.Diagnostics {
		cv.diags = append(cv.diags, pendingDiag{off: originOf(enc.origins, d.Path, docOff), path: d.Path, code: d.Code, msg: d.Message})
	}
	w := &walker{src: src, diags: cv.diags}
	res.Diagnostics = w.finish()
	return res, nil
}

// originOf finds the v1 offset of the innermost converted item that
// encloses path, or def.
func originOf(origins map[string]int, path string, def int) int {
	for p := path; p != ""; {
		if off, ok := origins[p]; ok {
			return off
		}
		i := strings.LastIndexAny(p, ".[")
		if i < 0 {
			break
		}
		p = p[:i]
	}
	return def
}

func (cv *v1Converter) warn(code model.Code, v gjson.Result, path, format string, args ...any) {
	cv.diags = append(cv.diags, pendingDiag{off: cv.base + v.Index, path: path, code: code, msg: fmt.Sprintf(format, args...)})
}

// v1Members reads an object's members by name; a repeated name keeps the
// last value, as JSON.parse does.
func v1Members(v gjson.Result) map[string]gjson.Result {
	m := map[string]gjson.Result{}
	members(v, func(key string, val gjson.Result) { m[key] = val })
	return m
}

// idText is an id as the transformer's lookups see it: strings as they
// are, numbers as text.
func idText(v gjson.Result) string {
	switch v.Type {
	case gjson.String:
		return v.Str
	case gjson.Number:
		return v.Raw
	}
	return ""
}

// isEmpty mirrors lodash's isEmpty: null, absent, "", [] and {} are empty,
// and so are numbers and booleans.
func isEmpty(v gjson.Result) bool {
	switch {
	case v.Type == gjson.String:
		return v.Str == ""
	case v.IsArray() || v.IsObject():
		empty := true
		v.ForEach(func(_, _ gjson.Result) bool { empty = false; return false })
		return empty
	}
	return true
}

// collection builds the v2.1 top level.
func (cv *v1Converter) collection(doc gjson.Result, path string) *jobj {
	m := v1Members(doc)
	info := &jobj{}
	if id := idText(m["id"]); id != "" {
		info.set("_postman_id", id)
	}
	if present(m["name"]) {
		info.set("name", rawJSON(m["name"].Raw))
	}
	if truthy(m["description"]) {
		info.set("description", rawJSON(m["description"].Raw))
	}
	info.set("schema", schemaV21)

	elements(m["requests"], func(i int, r gjson.Result) {
		if r.IsObject() {
			if id := idText(r.Get("id")); id != "" {
				cv.requests[id] = r
			}
		}
	})
	items := cv.folders(m, path)
	seen := map[string]bool{}
	elements(m["order"], func(i int, id gjson.Result) {
		key := idText(id)
		if r, ok := cv.requests[key]; ok && !seen[key] {
			seen[key] = true
			items = append(items, cv.item(r))
		}
	})
	// Requests that no reachable order lists: the transformer drops them;
	// keep them.
	placed := map[string]bool{}
	markPlaced(items, placed, map[*v1Group]bool{})
	var orphans []string
	elements(m["requests"], func(i int, r gjson.Result) {
		if !r.IsObject() {
			return
		}
		id := idText(r.Get("id"))
		if id != "" && placed[id] {
			return
		}
		orphans = append(orphans, fmt.Sprintf("%q", r.Get("name").String()))
		items = append(items, cv.item(r))
	})
	if len(orphans) > 0 {
		cv.warn(model.CodeV1Unordered, m["requests"], join(path, "requests"), "%d of the v1 requests (%s) are not listed in the collection's or any folder's \"order\"; Postman's converter would drop them, postgen keeps them at the top level in file order",
			len(orphans), listSome(orphans, 3))
	}

	top := &jobj{}
	top.set("info", info).set("item", items)
	if auth := cv.auth(m, true); auth != nil {
		top.set("auth", auth)
	}
	cv.scope(top, m)
	return top
}

// scope sets what collections, folders and items all carry: scripts,
// variables and protocolProfileBehavior.
func (cv *v1Converter) scope(obj *jobj, m map[string]gjson.Result) {
	if ev := cv.events(m); ev != nil {
		obj.set("event", ev)
	}
	if vars := cv.variables(m); vars != nil {
		obj.set("variable", vars)
	}
	if b := m["protocolProfileBehavior"]; b.IsObject() && !isEmpty(b) {
		obj.set("protocolProfileBehavior", rawJSON(b.Raw))
	}
}

// markPlaced records the ids of the requests in items and their folders.
func markPlaced(items []any, placed map[string]bool, open map[*v1Group]bool) {
	for _, it := range items {
		switch it := it.(type) {
		case *v1Item:
			placed[it.id] = true
		case *v1Group:
			if !open[it] {
				open[it] = true
				markPlaced(it.items, placed, open)
				delete(open, it)
			}
		}
	}
}

// listSome renders the first n of names, then "and k more".
func listSome(names []string, n int) string {
	if len(names) <= n {
		return strings.Join(names, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(names[:n], ", "), len(names)-n)
}

// folders builds the folder tree: every folder, then sub-folders (from
// folders_order) and requests (from order) in each, then the top-level
// folders in the collection's folders_order (or file order).
func (cv *v1Converter) folders(m map[string]gjson.Result, path string) []any {
	groups := map[string]*v1Group{}
	var list []gjson.Result
	elements(m["folders"], func(i int, f gjson.Result) {
		if !f.IsObject() {
			return
		}
		list = append(list, f)
		fm := v1Members(f)
		obj := &jobj{}
		obj.set("name", rawJSON(orNull(fm["name"])))
		if id := idText(fm["id"]); id != "" {
			obj.set("id", id)
		}
		if truthy(fm["description"]) {
			obj.set("description", rawJSON(fm["description"].Raw))
		}
		if auth := cv.auth(fm, false); auth != nil {
			obj.set("auth", auth)
		}
		cv.scope(obj, fm)
		groups[idText(fm["id"])] = &v1Group{obj: obj, offset: cv.base + f.Index}
	})
	for _, f := range list {
		g := groups[idText(f.Get("id"))]
		elements(f.Get("folders_order"), func(_ int, id gjson.Result) {
			if sub, ok := groups[idText(id)]; ok {
				sub.isSubDir = true
				g.items = append(g.items, sub)
			}
		})
		elements(f.Get("order"), func(_ int, id gjson.Result) {
			if r, ok := cv.requests[idText(id)]; ok {
				g.items = append(g.items, cv.item(r))
			}
		})
	}
	var ids []string
	if order := m["folders_order"]; order.IsArray() {
		elements(order, func(_ int, id gjson.Result) { ids = append(ids, idText(id)) })
	} else {
		for _, f := range list {
			ids = append(ids, idText(f.Get("id")))
		}
	}
	var out []any
	seen := map[string]bool{}
	for _, id := range ids {
		if g, ok := groups[id]; ok && !seen[id] && !g.isSubDir {
			seen[id] = true
			out = append(out, g)
		}
	}
	return out
}

func orNull(v gjson.Result) string {
	if !v.Exists() {
		return "null"
	}
	return v.Raw
}

// item converts one v1 request into a v2.1 item.
func (cv *v1Converter) item(r gjson.Result) *v1Item {
	m := v1Members(r)
	name := m["name"]
	obj := &jobj{}
	if truthy(name) {
		obj.set("name", rawJSON(name.Raw))
	} else {
		obj.set("name", "")
	}
	if id := idText(m["id"]); id != "" {
		obj.set("id", id)
	}
	cv.scope(obj, m)
	obj.set("request", cv.request(m))
	obj.set("response", cv.responses(m))
	return &v1Item{obj: obj, id: idText(m["id"]), offset: cv.base + r.Index}
}

// request converts the request members of a v1 request (or of a response's
// saved request).
func (cv *v1Converter) request(m map[string]gjson.Result) *jobj {
	req := &jobj{}
	if auth := cv.auth(m, false); auth != nil {
		req.set("auth", auth)
	}
	if method := m["method"]; present(method) {
		req.set("method", rawJSON(method.Raw))
	}
	req.set("header", cv.headers(m))
	if body := cv.body(m); body != nil {
		req.set("body", body)
	}
	if u := cv.url(m); u != nil {
		req.set("url", u)
	}
	if truthy(m["description"]) {
		req.set("description", rawJSON(m["description"].Raw))
	}
	return req
}

// authTypes maps v1 currentHelper names to v2 auth types.
var authTypes = map[string]string{
	"apikeyAuth": "apikey", "basicAuth": "basic", "bearerAuth": "bearer", "digestAuth": "digest",
	"hawkAuth": "hawk", "oAuth1": "oauth1", "oAuth2": "oauth2", "ntlmAuth": "ntlm", "awsSigV4": "awsv4",
	"jwtAuth": "jwt", "asapAuth": "asap", "edgegridAuth": "edgegrid",
}

// legacyHelperParams lists, per currentHelper, the v2 parameter names and
// the helperAttributes member each is read from (util.authMappersFromLegacy).
// A nil list copies every attribute as it is (awsSigV4).
var legacyHelperParams = map[string][][2]string{
	"apikeyAuth": {{"key", "key"}, {"value", "value"}, {"in", "in"}},
	"basicAuth":  {{"username", "username"}, {"password", "password"}, {"saveHelperData", "saveToRequest"}, {"showPassword", ""}},
	"bearerAuth": {{"token", "token"}},
	"digestAuth": {{"algorithm", "algorithm"}, {"username", "username"}, {"realm", "realm"}, {"password", "password"},
		{"nonce", "nonce"}, {"nonceCount", "nonceCount"}, {"clientNonce", "clientNonce"}, {"opaque", "opaque"},
		{"qop", "qop"}, {"disableRetryRequest", "disableRetryRequest"}},
	"oAuth1": {{"consumerKey", "consumerKey"}, {"consumerSecret", "consumerSecret"}, {"token", "token"},
		{"tokenSecret", "tokenSecret"}, {"signatureMethod", "signatureMethod"}, {"timestamp", "timestamp"},
		{"nonce", "nonce"}, {"version", "version"}, {"realm", "realm"}, {"addParamsToHeader", "header"},
		{"autoAddParam", "auto"}, {"addEmptyParamsToSign", "includeEmpty"}},
	"hawkAuth": {{"authId", "hawk_id"}, {"authKey", "hawk_key"}, {"algorithm", "algorithm"}, {"user", "user"},
		{"saveHelperData", "saveToRequest"}, {"nonce", "nonce"}, {"extraData", "ext"}, {"appId", "app"},
		{"delegation", "dlg"}, {"timestamp", "timestamp"}},
	"ntlmAuth": {{"username", "username"}, {"password", "password"}, {"domain", "domain"},
		{"workstation", "workstation"}, {"disableRetryRequest", "disableRetryRequest"}},
	"oAuth2": {{"accessToken", "accessToken"}, {"addTokenTo", "addTokenTo"}, {"callBackUrl", "callBackUrl"},
		{"authUrl", "authUrl"}, {"accessTokenUrl", "accessTokenUrl"}, {"clientId", "clientId"},
		{"clientSecret", "clientSecret"}, {"clientAuth", "clientAuth"}, {"grantType", "grantType"},
		{"scope", "scope"}, {"username", "username"}, {"password", "password"}, {"tokenType", "tokenType"},
		{"redirectUri", "redirectUri"}, {"refreshToken", "refreshToken"}},
	"awsSigV4": nil,
	"jwtAuth": {{"algorithm", "algorithm"}, {"isSecretBase64Encoded", "isSecretBase64Encoded"}, {"payload", "payload"},
		{"addTokenTo", "addTokenTo"}, {"headerPrefix", "headerPrefix"}, {"queryParamKey", "queryParamKey"}, {"header", "header"}},
	"asapAuth": {{"exp", "exp"}, {"claims", "claims"}, {"sub", "sub"}, {"privateKey", "privateKey"},
		{"kid", "kid"}, {"aud", "aud"}, {"iss", "iss"}, {"alg", "alg"}},
	"edgegridAuth": {{"clientToken", "clientToken"}, {"clientSecret", "clientSecret"}, {"accessToken", "accessToken"},
		{"headersToSign", "headersToSign"}, {"nonce", "nonce"}, {"timestamp", "timestamp"}, {"baseURL", "baseURL"},
		{"maxBodySize", "maxBodySize"}},
}

// legacyAuth reports whether an entity describes its auth the legacy way
// (currentHelper/helperAttributes) rather than with an auth object.
func (cv *v1Converter) legacyAuth(m map[string]gjson.Result) bool {
	_, hasHelper := m["currentHelper"]
	return hasHelper || truthy(m["helperAttributes"])
}

// auth converts an entity's auth into a v2.1 auth object, nil when there
// is none (the entity inherits). noauth is dropped at the collection level.
func (cv *v1Converter) auth(m map[string]gjson.Result, collection bool) *jobj {
	if a := m["auth"]; !cv.legacyAuth(m) && truthy(a) {
		if !a.IsObject() {
			return nil
		}
		typ := a.Get("type")
		if !truthy(typ) {
			return nil
		}
		out := &jobj{}
		out.set("type", rawJSON(typ.Raw))
		if typ.String() == "noauth" {
			if collection {
				return nil
			}
			return out
		}
		var params []any
		addParam := func(key string, v gjson.Result) {
			params = append(params, authParam(key, v))
		}
		switch p := a.Get(typ.String()); {
		case p.IsArray():
			elements(p, func(_ int, row gjson.Result) { addParam(row.Get("key").String(), row.Get("value")) })
		case p.IsObject():
			members(p, addParam)
		}
		if len(params) > 0 {
			out.set(typ.String(), params)
		}
		return out
	}
	helper := m["currentHelper"]
	if helper.Type != gjson.String || helper.Str == "" || helper.Str == "normal" {
		return nil
	}
	typ, ok := authTypes[helper.Str]
	if !ok {
		typ = helper.Str
	}
	out := &jobj{}
	out.set("type", typ)
	attrs := m["helperAttributes"]
	if attrs.Type == gjson.String {
		if !validNested(attrs.Str) {
			return nil
		}
		attrs = gjson.Parse(attrs.Str)
	}
	spec, known := legacyHelperParams[helper.Str]
	if !known || !truthy(attrs) {
		return out
	}
	var params []any
	if spec == nil {
		members(attrs, func(key string, v gjson.Result) { params = append(params, authParam(key, v)) })
	} else {
		am := v1Members(attrs)
		for _, kv := range spec {
			if kv[0] == "showPassword" {
				params = append(params, (&jobj{}).set("key", "showPassword").set("value", false).set("type", "boolean"))
				continue
			}
			params = append(params, authParam(kv[0], am[kv[1]]))
		}
	}
	if len(params) > 0 {
		out.set(typ, params)
	}
	return out
}

// authParam is one v2.1 auth parameter, typed from its JSON value the way
// the transformer does (typeof: string, boolean, number, else any). An
// absent value is left out.
func authParam(key string, v gjson.Result) *jobj {
	p := (&jobj{}).set("key", key)
	if v.Exists() {
		p.set("value", rawJSON(v.Raw))
	}
	typ := "any"
	switch v.Type {
	case gjson.String:
		typ = "string"
	case gjson.True, gjson.False:
		typ = "boolean"
	case gjson.Number:
		typ = "number"
	}
	return p.set("type", typ)
}

// events converts events, or the legacy tests and preRequestScript
// strings, into v2 events.
func (cv *v1Converter) events(m map[string]gjson.Result) []any {
	var out []any
	legacy := truthy(m["tests"]) || truthy(m["preRequestScript"])
	if ev := m["events"]; !legacy && ev.IsArray() && !isEmpty(ev) {
		elements(ev, func(_ int, e gjson.Result) {
			if !e.IsObject() {
				return
			}
			em := v1Members(e)
			obj := &jobj{}
			listen := em["listen"]
			if truthy(listen) {
				obj.set("listen", rawJSON(listen.Raw))
			} else {
				obj.set("listen", "test")
			}
			if s := em["script"]; s.IsObject() {
				script := &jobj{}
				members(s, func(key string, v gjson.Result) {
					if key == "exec" && v.Type == gjson.String {
						script.set("exec", lines(v.Str))
						return
					}
					script.set(key, rawJSON(v.Raw))
				})
				obj.set("script", script)
			}
			if d := em["disabled"]; present(d) {
				obj.set("disabled", rawJSON(d.Raw))
			}
			out = append(out, obj)
		})
		return out
	}
	for _, s := range []struct{ key, listen string }{{"tests", "test"}, {"preRequestScript", "prerequest"}} {
		v := m[s.key]
		if !truthy(v) {
			continue
		}
		var exec any = rawJSON(v.Raw)
		if v.Type == gjson.String {
			exec = lines(v.Str)
		}
		script := (&jobj{}).set("type", "text/javascript").set("exec", exec)
		out = append(out, (&jobj{}).set("listen", s.listen).set("script", script))
	}
	return out
}

// lines splits script text at "\n", as the transformer does.
func lines(s string) []any {
	parts := strings.Split(s, "\n")
	out := make([]any, len(parts))
	for i, p := range parts {
		out[i] = p
	}
	return out
}

// variables converts variables (or variable) into v2 variables.
func (cv *v1Converter) variables(m map[string]gjson.Result) []any {
	src := m["variables"]
	if !truthy(src) {
		src = m["variable"]
	}
	if !src.IsArray() {
		return nil
	}
	var out []any
	elements(src, func(_ int, v gjson.Result) {
		vm := v1Members(v)
		obj := &jobj{}
		if id, ok := vm["id"]; ok {
			obj.set("id", rawJSON(id.Raw))
		}
		key := vm["key"]
		if !truthy(key) {
			key = vm["id"]
		}
		if key.Exists() {
			obj.set("key", rawJSON(key.Raw))
		}
		if val, ok := vm["value"]; ok {
			obj.set("value", rawJSON(val.Raw))
		}
		if t := vm["type"]; truthy(t) {
			if t.Str == "text" {
				obj.set("type", "string")
			} else {
				obj.set("type", rawJSON(t.Raw))
			}
		}
		if truthy(vm["disabled"]) {
			obj.set("disabled", true)
		}
		if truthy(vm["description"]) {
			obj.set("description", rawJSON(vm["description"].Raw))
		}
		out = append(out, obj)
	})
	return out
}

// headerLine is the transformer's header regex (lib/common/v1.js): a key
// without spaces (perhaps commented out with "//"), a colon, the value.
var headerLine = regexp.MustCompile(`(?m)^((//\s*)?\S+):(.*)$`)

// foldedLine is an obsolete folded header continuation, joined first.
var foldedLine = regexp.MustCompile(`\r\n([ \t])`)

// headers converts the header string (or array) and headerData.
func (cv *v1Converter) headers(m map[string]gjson.Result) []any {
	out := []any{}
	if h := m["headers"]; h.IsArray() {
		elements(h, func(_ int, row gjson.Result) { out = append(out, rawJSON(row.Raw)) })
		return out
	}
	seen := map[string]bool{}
	elements(m["headerData"], func(_ int, row gjson.Result) {
		if !row.IsObject() {
			return
		}
		obj := &jobj{}
		key := row.Get("key").String()
		disabled := strings.HasPrefix(key, "//") || row.Get("enabled").Type == gjson.False
		if disabled {
			key = strings.TrimSpace(strings.Replace(key, "//", "", 1))
		}
		members(row, func(k string, v gjson.Result) {
			switch {
			case k == "enabled", k == "disabled":
			case k == "description" && !truthy(v):
			case k == "key":
				obj.set("key", key)
			default:
				obj.set(k, rawJSON(v.Raw))
			}
		})
		if disabled {
			obj.set("disabled", true)
		}
		seen[key] = true
		out = append(out, obj)
	})
	if h := m["headers"]; h.Type == gjson.String && h.Str != "" {
		text := foldedLine.ReplaceAllString(h.Str, "$1")
		for _, match := range headerLine.FindAllStringSubmatch(text, -1) {
			key, value := match[1], strings.TrimFunc(match[3], isJSSpace)
			disabled := strings.HasPrefix(key, "//")
			if disabled {
				key = strings.TrimSpace(strings.Replace(key, "//", "", 1))
			}
			if seen[key] {
				continue
			}
			obj := (&jobj{}).set("key", key).set("value", value)
			if disabled {
				obj.set("disabled", true)
			}
			out = append(out, obj)
		}
	}
	return out
}

// bodyModes maps v1 dataMode to v2 body modes.
var bodyModes = map[string]string{"binary": "file", "graphql": "graphql", "params": "formdata", "raw": "raw", "urlencoded": "urlencoded"}

// body converts dataMode and its data into a v2 body, nil for none.
func (cv *v1Converter) body(m map[string]gjson.Result) *jobj {
	data, rawData, gql := m["data"], m["rawModeData"], m["graphqlModeData"]
	dm := m["dataMode"]
	mode := bodyModes[dm.String()]
	if dm.Type != gjson.String {
		mode = ""
	}
	empty := isEmpty(data) && isEmpty(rawData) && isEmpty(gql)
	if mode == "" && empty || dm.Exists() && dm.Type == gjson.Null {
		return nil
	}
	raw, hasRaw := "", false
	switch {
	case rawData.Type == gjson.String:
		raw, hasRaw = rawData.Str, rawData.Str != ""
	case rawData.IsArray():
		if arr := rawData.Array(); len(arr) == 1 && arr[0].Type == gjson.String {
			raw, hasRaw = arr[0].Str, arr[0].Str != ""
		}
	}
	var gqlData gjson.Result
	switch opts := m["dataOptions"]; {
	case !isEmpty(gql):
		gqlData = gql
	case opts.IsObject() && opts.Get("graphql").Exists() && !isEmpty(data):
		gqlData = data
	}
	// `data || rawModeData` in JavaScript: the first truthy one.
	form := data
	if !truthy(form) {
		form = rawData
	}
	if mode == "" {
		switch {
		case !hasRaw && form.IsArray():
			mode = "formdata"
		case !hasRaw && gqlData.Exists():
			mode = "graphql"
		default:
			mode = "raw"
		}
	}
	body := (&jobj{}).set("mode", mode)
	switch mode {
	case "raw":
		switch {
		case hasRaw:
			body.set("raw", raw)
		case data.Type == gjson.String:
			body.set("raw", data.Str)
		default:
			body.set("raw", "")
		}
	case "graphql":
		if gqlData.Exists() {
			body.set("graphql", rawJSON(gqlData.Raw))
		} else {
			body.set("graphql", nil)
		}
	case "file":
		file := &jobj{}
		if rawData.Type == gjson.String {
			file.set("src", rawData.Str)
		}
		body.set("file", file)
	default:
		body.set(mode, formRows(form))
	}
	if opts := m["dataOptions"]; opts.IsObject() {
		options := &jobj{}
		for _, v1mode := range []string{"binary", "graphql", "params", "raw", "urlencoded"} {
			if o := opts.Get(v1mode); !isEmpty(o) {
				options.set(bodyModes[v1mode], rawJSON(o.Raw))
			}
		}
		if len(options.keys) > 0 {
			body.set("options", options)
		}
	}
	if truthy(m["dataDisabled"]) {
		body.set("disabled", true)
	}
	return body
}

// formRows is the transformer's parseFormData: rows without a key are
// dropped, a file row's value becomes its src, enabled: false becomes
// disabled: true.
func formRows(v gjson.Result) []any {
	out := []any{}
	elements(v, func(_ int, row gjson.Result) {
		if !row.IsObject() || !present(row.Get("key")) {
			return
		}
		rm := v1Members(row)
		isFile := rm["type"].Type == gjson.String && rm["type"].Str == "file"
		moveValue := isFile && !truthy(rm["src"]) && truthy(rm["value"])
		obj := &jobj{}
		members(row, func(k string, val gjson.Result) {
			switch {
			case k == "enabled":
				if val.Type == gjson.False {
					obj.set("disabled", true)
				}
			case k == "description" && !truthy(val):
			case k == "value" && moveValue:
			case k == "src" && moveValue:
			default:
				obj.set(k, rawJSON(val.Raw))
			}
		})
		if moveValue {
			if val := rm["value"]; val.Type == gjson.String || val.IsArray() {
				obj.set("src", rawJSON(val.Raw))
			} else {
				obj.set("src", nil)
			}
		}
		out = append(out, obj)
	})
	return out
}

// url converts the URL string with queryParams, pathVariableData and
// pathVariables. Without any of those it stays a string, which the v2 walk
// parses the way Postman does; with them it becomes an object built from
// that same parse.
func (cv *v1Converter) url(m map[string]gjson.Result) any {
	uv := m["url"]
	if !present(uv) {
		return nil
	}
	raw := uv.String()
	var query []any
	elements(m["queryParams"], func(_ int, q gjson.Result) {
		if !q.IsObject() {
			return
		}
		qm := v1Members(q)
		obj := &jobj{}
		members(q, func(k string, v gjson.Result) {
			switch {
			case k == "enabled":
				if v.Type == gjson.False {
					obj.set("disabled", true)
				}
			case k == "description" && !truthy(v):
			case k == "equals":
			case k == "value":
				if eq, ok := qm["equals"]; ok {
					switch {
					case truthy(eq) && v.Type == gjson.Null:
						obj.set("value", "")
					case !truthy(eq) && !truthy(v):
						obj.set("value", nil)
					default:
						obj.set("value", rawJSON(v.Raw))
					}
					return
				}
				obj.set("value", rawJSON(v.Raw))
			default:
				obj.set(k, rawJSON(v.Raw))
			}
		})
		query = append(query, obj)
	})
	var vars []any
	seen := map[string]bool{}
	elements(m["pathVariableData"], func(_ int, pv gjson.Result) {
		if !pv.IsObject() {
			return
		}
		obj := &jobj{}
		members(pv, func(k string, v gjson.Result) {
			if k == "description" && !truthy(v) {
				return
			}
			obj.set(k, rawJSON(v.Raw))
		})
		seen[pv.Get("key").String()] = true
		vars = append(vars, obj)
	})
	if pvs := m["pathVariables"]; pvs.IsObject() {
		members(pvs, func(k string, v gjson.Result) {
			if !seen[k] {
				vars = append(vars, (&jobj{}).set("value", rawJSON(v.Raw)).set("key", k))
			}
		})
	}
	u := parseURLString(raw)
	if len(query) == 0 && len(vars) == 0 || len(u.Host) == 0 {
		return raw
	}
	obj := (&jobj{}).set("raw", raw)
	if u.Protocol != "" {
		obj.set("protocol", u.Protocol)
	}
	if u.HasUserInfo {
		obj.set("auth", (&jobj{}).set("user", u.User).set("password", u.Password))
	}
	obj.set("host", strs(u.Host))
	if u.Port != "" {
		obj.set("port", u.Port)
	}
	if len(u.Path) > 0 {
		obj.set("path", strs(u.Path))
	}
	if len(query) == 0 {
		for _, q := range u.Query {
			row := (&jobj{}).set("key", q.Key)
			if q.NullValue {
				row.set("value", nil)
			} else {
				row.set("value", q.Value)
			}
			query = append(query, row)
		}
	}
	if len(query) > 0 {
		obj.set("query", query)
	}
	if u.Hash != "" {
		obj.set("hash", u.Hash)
	}
	if len(vars) > 0 {
		obj.set("variable", vars)
	}
	return obj
}

func strs(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// responses converts saved responses, in responses_order when given.
func (cv *v1Converter) responses(m map[string]gjson.Result) []any {
	byID := map[string]gjson.Result{}
	var ids []string
	elements(m["responses"], func(_ int, r gjson.Result) {
		if r.IsObject() {
			id := idText(r.Get("id"))
			if _, dup := byID[id]; !dup {
				ids = append(ids, id)
			}
			byID[id] = r
		}
	})
	if order := m["responses_order"]; order.IsArray() && !isEmpty(order) {
		ids = nil
		elements(order, func(_ int, id gjson.Result) { ids = append(ids, idText(id)) })
	}
	out := []any{}
	for _, id := range ids {
		r, ok := byID[id]
		if !ok {
			continue
		}
		out = append(out, cv.response(v1Members(r)))
	}
	return out
}

// response converts one saved response.
func (cv *v1Converter) response(rm map[string]gjson.Result) *jobj {
	obj := &jobj{}
	if id := idText(rm["id"]); id != "" {
		obj.set("id", id)
	}
	if truthy(rm["name"]) {
		obj.set("name", rawJSON(rm["name"].Raw))
	} else {
		obj.set("name", "response")
	}
	if saved := cv.savedRequest(rm); saved.IsObject() {
		obj.set("originalRequest", cv.request(v1Members(saved)))
	}
	if code := rm["responseCode"]; code.IsObject() {
		if name := code.Get("name"); truthy(name) {
			obj.set("status", rawJSON(name.Raw))
		}
		if n := code.Get("code"); n.Num != 0 || n.Type == gjson.String && n.Float() != 0 {
			obj.set("code", int(n.Float()))
		}
	}
	for _, kv := range [][2]string{{"language", "_postman_previewlanguage"}, {"previewType", "_postman_previewtype"}, {"headers", "header"}, {"time", "responseTime"}, {"text", "body"}} {
		if v, ok := rm[kv[0]]; ok {
			obj.set(kv[1], rawJSON(v.Raw))
		}
	}
	return obj
}

// savedRequest finds the request saved with a response: an object, JSON
// text, or the id of a request of the collection.
func (cv *v1Converter) savedRequest(rm map[string]gjson.Result) gjson.Result {
	id := ""
	for _, key := range []string{"requestObject", "request"} {
		v := rm[key]
		if !truthy(v) {
			continue
		}
		if v.Type != gjson.String {
			return v
		}
		if validNested(v.Str) {
			return gjson.Parse(v.Str)
		}
		id = v.Str
	}
	return cv.requests[id]
}
