package parser

import (
	"regexp"

	"github.com/postgen/postgen/model"
	"github.com/tidwall/gjson"
)

// scope is what a collection or folder hands down to its children.
type scope struct {
	// auth is the nearest declared auth, nil when none applies.
	auth *model.Auth
	// ppb is the protocolProfileBehavior merged so far.
	ppb behavior
	// folders are the names of the enclosing folders, outermost first. It
	// is shared by every request of one folder, so it is never appended to
	// in place.
	folders []string
}

// collection walks the v2 collection object doc found at path.
func (w *walker) collection(doc gjson.Result, path string) *model.Collection {
	var info, item, items, event, variable, variables, auth, ppb gjson.Result
	members(doc, func(key string, v gjson.Result) {
		switch key {
		case "info":
			info = v
		case "item":
			item = v
		case "items":
			items = v
		case "event":
			event = v
		case "variable":
			variable = v
		case "variables":
			variables = v
		case "auth":
			auth = v
		case "protocolProfileBehavior":
			ppb = v
		}
	})
	c := &model.Collection{}
	schema := w.info(c, info, join(path, "info"), doc)
	vars, vkey := pickVariables(variable, variables)
	c.Variables = w.variables(vars, join(path, vkey), false)
	c.Auth = w.declaredAuth(auth, join(path, "auth"))
	c.Events = w.events(event, join(path, "event"))
	own := w.behavior(ppb, join(path, "protocolProfileBehavior"))
	c.Behavior = own.resolve()
	key, list := childList(item, items)
	w.children(list, join(path, key), scope{auth: c.Auth, ppb: own}, &c.Folders, &c.Requests, &c.Order)
	c.SchemaVersion = w.schemaVersion(schema, join(path, "info.schema"))
	return c
}

// info fills the collection's metadata and returns info.schema.
func (w *walker) info(c *model.Collection, info gjson.Result, path string, doc gjson.Result) gjson.Result {
	if !info.IsObject() {
		if present(info) {
			w.warn(model.CodeNoName, path, info, "expected the collection's info object, found %s; the collection has no name", describe(info))
		} else {
			w.warn(model.CodeNoName, path, doc, "the collection has no \"info\" object, so it has no name")
		}
		return gjson.Result{}
	}
	var name, id, version, schema, desc gjson.Result
	members(info, func(key string, v gjson.Result) {
		switch key {
		case "name":
			name = v
		case "_postman_id":
			id = v
		case "version":
			version = v
		case "schema":
			schema = v
		case "description":
			desc = v
		}
	})
	if !present(name) {
		w.warn(model.CodeNoName, join(path, "name"), info, "the collection has no name")
	}
	c.Name = w.str(name, path, "name")
	c.ID = w.str(id, path, "_postman_id")
	c.Version = w.version(version, join(path, "version"))
	c.Description = w.description(desc, path, "description")
	return schema
}

// version renders info.version, a string or {major, minor, patch,
// identifier}, as "1.2.3" or "1.2.3-identifier".
func (w *walker) version(v gjson.Result, path string) string {
	switch {
	case !present(v):
		return ""
	case v.Type == gjson.String, v.Type == gjson.Number:
		return text(v)
	case !v.IsObject():
		w.warn(model.CodeUnexpectedType, path, v, "expected a version string or {major, minor, patch} object, found %s; ignoring it", describe(v))
		return ""
	}
	var major, minor, patch, ident gjson.Result
	members(v, func(key string, val gjson.Result) {
		switch key {
		case "major":
			major = val
		case "minor":
			minor = val
		case "patch":
			patch = val
		case "identifier":
			ident = val
		}
	})
	if !present(major) && !present(minor) && !present(patch) {
		// Exporters write {} for "no version" (seen in twilio-rest-items).
		return ""
	}
	part := func(p gjson.Result) string {
		if present(p) {
			return text(p)
		}
		return "0"
	}
	s := part(major) + "." + part(minor) + "." + part(patch)
	if id := text(ident); id != "" {
		s += "-" + id
	}
	return s
}

var schemaVersionRE = regexp.MustCompile(`v2\.(0|1)\.\d+`)

// schemaVersion reads the format version from info.schema, falling back to
// the shape of the first auth parameters seen, then to 2.1.0.
func (w *walker) schemaVersion(schema gjson.Result, path string) string {
	if schema.Type == gjson.String {
		if m := schemaVersionRE.FindStringSubmatch(schema.Str); m != nil {
			return "2." + m[1] + ".0"
		}
	}
	guess := w.authShape
	if guess == "" {
		guess = "2.1.0"
	}
	if present(schema) {
		w.warn(model.CodeUnknownSchema, path, schema, "expected a Postman schema URL naming format v2.0 or v2.1, found %s; reading the file as %s", schema.Raw, guess)
	}
	return guess
}

// pickVariables prefers "variable" and accepts "variables", which old
// exporters wrote (seen in mall-portal-zh).
func pickVariables(variable, variables gjson.Result) (gjson.Result, string) {
	if !present(variable) && present(variables) {
		return variables, "variables"
	}
	return variable, "variable"
}

// childList picks the children of a collection or folder: "item", or the
// non-standard "items" some converters write (seen in twilio-rest-items).
func childList(item, items gjson.Result) (string, gjson.Result) {
	if !present(item) && present(items) {
		return "items", items
	}
	return "item", item
}

// itemMembers are the members of one element of an item array, read in a
// single pass.
type itemMembers struct {
	name, id, postmanID, description      gjson.Result
	item, items, request, response        gjson.Result
	event, variable, variables, auth, ppb gjson.Result
}

func readItem(v gjson.Result) itemMembers {
	var m itemMembers
	members(v, func(key string, val gjson.Result) {
		switch key {
		case "name":
			m.name = val
		case "id":
			m.id = val
		case "_postman_id":
			m.postmanID = val
		case "description":
			m.description = val
		case "item":
			m.item = val
		case "items":
			m.items = val
		case "request":
			m.request = val
		case "response":
			m.response = val
		case "event":
			m.event = val
		case "variable":
			m.variable = val
		case "variables":
			m.variables = val
		case "auth":
			m.auth = val
		case "protocolProfileBehavior":
			m.ppb = val
		}
	})
	return m
}

// itemID is the item's id, or its _postman_id in older exports.
func (w *walker) itemID(m itemMembers, path string) string {
	if present(m.id) {
		return w.str(m.id, path, "id")
	}
	return w.str(m.postmanID, path, "_postman_id")
}

// children walks an item array in input order, sorting its elements into
// folders and requests. Postman's rule: an element whose "item" is present
// and not null is a folder; anything else with a request is a request.
func (w *walker) children(list gjson.Result, path string, sc scope, folders *[]*model.Folder, reqs *[]*model.Request, order *[]model.ItemRef) {
	if !w.array(list, path, "items") {
		return
	}
	elements(list, func(i int, el gjson.Result) {
		p := index(path, i)
		if !el.IsObject() {
			w.warn(model.CodeUnexpectedType, p, el, "expected an item or folder object, found %s; skipping it", describe(el))
			return
		}
		m := readItem(el)
		if key, sub := childList(m.item, m.items); present(sub) {
			f := w.folder(m, key, sub, p, sc)
			*order = append(*order, model.ItemRef{Folder: true, Index: len(*folders)})
			*folders = append(*folders, f)
			return
		}
		if !present(m.request) {
			w.warn(model.CodeEmptyItem, p, el, "the item has neither \"request\" nor \"item\"; Postman would send a GET with an empty URL and fail, so it is skipped")
			return
		}
		if r := w.requestItem(m, p, sc); r != nil {
			*order = append(*order, model.ItemRef{Index: len(*reqs)})
			*reqs = append(*reqs, r)
		}
	})
}

// folder reads an item-group and its children.
func (w *walker) folder(m itemMembers, key string, list gjson.Result, path string, parent scope) *model.Folder {
	f := &model.Folder{
		Name:        w.str(m.name, path, "name"),
		ID:          w.itemID(m, path),
		Description: w.description(m.description, path, "description"),
		Path:        path,
	}
	if present(m.request) {
		w.warn(model.CodeFolderWithRequest, join(path, "request"), m.request, "the element has both \"%s\" and \"request\"; Postman treats it as a folder and ignores the request", key)
	}
	f.Auth = w.declaredAuth(m.auth, join(path, "auth"))
	vars, vkey := pickVariables(m.variable, m.variables)
	f.Variables = w.variables(vars, join(path, vkey), false)
	f.Events = w.events(m.event, join(path, "event"))
	own := w.behavior(m.ppb, join(path, "protocolProfileBehavior"))
	f.Behavior = own.resolve()
	sc := scope{
		auth:    parent.auth,
		ppb:     parent.ppb.merge(own),
		folders: append(parent.folders[:len(parent.folders):len(parent.folders)], f.Name),
	}
	if f.Auth != nil {
		sc.auth = f.Auth
	}
	w.children(list, join(path, key), sc, &f.Folders, &f.Requests, &f.Order)
	return f
}
