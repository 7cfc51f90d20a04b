package parser

import (
	"strings"

	"github.com/postgen/postgen/model"
	"github.com/tidwall/gjson"
)

// requestItem reads an item that holds a request. It returns nil, with a
// warning, when the request member is unusable.
func (w *walker) requestItem(m itemMembers, path string, sc scope) *model.Request {
	r := &model.Request{
		Name:    w.str(m.name, path, "name"),
		ID:      w.itemID(m, path),
		Path:    path,
		Folders: sc.folders,
	}
	declared, ok := w.fillRequest(r, m.request, join(path, "request"), true)
	if !ok {
		return nil
	}
	// The item's description wins; the request's is the fallback.
	if d := w.description(m.description, path, "description"); d.Content != "" || r.Description.Content == "" {
		r.Description = d
	}
	r.Auth = sc.auth
	if declared != nil {
		r.Auth = declared
	}
	if a := userinfoAuth(r, join(join(path, "request"), "url")); a != nil {
		r.Auth = a
	}
	r.Events = w.events(m.event, join(path, "event"))
	r.Behavior = sc.ppb.merge(w.behavior(m.ppb, join(path, "protocolProfileBehavior"))).resolve()
	r.Examples = w.examples(m.response, join(path, "response"))
	vars, vkey := pickVariables(m.variable, m.variables)
	r.Variables = w.variables(vars, join(path, vkey), false)
	return r
}

// fillRequest reads a request (object or URL string) into r. It returns
// the auth the request itself declares (read only when withAuth is set)
// and false when v is neither a string nor an object.
func (w *walker) fillRequest(r *model.Request, v gjson.Result, path string, withAuth bool) (*model.Auth, bool) {
	switch {
	case v.Type == gjson.String:
		// The string form is a URL sent with GET.
		r.Method = "GET"
		r.URL = parseURLString(v.Str)
		if strings.TrimSpace(v.Str) == "" {
			w.warn(model.CodeEmptyURL, path, v, "the request URL is empty; Postman cannot send this request")
		}
		return nil, true
	case !v.IsObject():
		w.warn(model.CodeUnexpectedType, path, v, "expected a request object or a URL string, found %s; skipping the item", describe(v))
		return nil, false
	}
	var url, method, header, body, desc, auth gjson.Result
	members(v, func(key string, val gjson.Result) {
		switch key {
		case "url":
			url = val
		case "method":
			method = val
		case "header":
			header = val
		case "body":
			body = val
		case "description":
			desc = val
		case "auth":
			auth = val
		}
	})
	r.Method = w.method(method, path)
	r.URL = w.url(url, join(path, "url"), v)
	r.Headers = w.headers(header, join(path, "header"), false)
	r.Body = w.body(body, join(path, "body"))
	r.Description = w.description(desc, path, "description")
	if !withAuth {
		return nil, true
	}
	return w.declaredAuth(auth, join(path, "auth")), true
}

// method upper-cases the method of the request at path; absent, null and ""
// mean GET.
func (w *walker) method(v gjson.Result, path string) string {
	m := w.str(v, path, "method")
	if m == "" {
		return "GET"
	}
	return strings.ToUpper(m)
}

// userinfoAuth returns the Basic auth that a URL's user:password@ stands
// for when no other auth applies: Postman's runtime (Node's request
// library) sends it as an Authorization: Basic header unless an auth has
// set that header already. nil when the URL has no userinfo or another
// auth is in effect (that auth is sent; the userinfo is not).
func userinfoAuth(r *model.Request, path string) *model.Auth {
	if !r.URL.HasUserInfo || r.Auth != nil && r.Auth.Type != model.AuthNoAuth {
		return nil
	}
	return &model.Auth{Type: model.AuthBasic, Path: path, Params: []model.AuthParam{
		{Key: "username", Value: r.URL.User, Kind: "string"},
		{Key: "password", Value: r.URL.Password, Kind: "string"},
	}}
}
