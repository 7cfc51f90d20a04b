package parser

import (
	"github.com/postgen/postgen/model"
	"github.com/tidwall/gjson"
)

// knownAuthTypes are the types postman-runtime has a handler for.
var knownAuthTypes = map[string]bool{
	model.AuthNoAuth: true, model.AuthAPIKey: true, model.AuthBearer: true,
	model.AuthBasic: true, model.AuthDigest: true, model.AuthOAuth1: true,
	model.AuthOAuth2: true, model.AuthHawk: true, model.AuthAWSV4: true,
	model.AuthNTLM: true, model.AuthEdgeGrid: true, model.AuthJWT: true,
	model.AuthASAP: true,
}

// declaredAuth reads an auth object as declared at path (§10.1). It
// returns nil when the object does not stop inheritance: absent, null, not
// an object, or without a string type (or the type "type"), which is
// Postman's test in request-auth.js.
func (w *walker) declaredAuth(v gjson.Result, path string) *model.Auth {
	switch {
	case !present(v):
		return nil
	case !v.IsObject():
		w.warn(model.CodeUnexpectedType, path, v, "expected an auth object {type, ...}, found %s; inheriting auth instead", describe(v))
		return nil
	}
	// One pass keeps the last "type" (as JSON.parse would) and every other
	// member, one of which holds the parameters.
	var typ gjson.Result
	var others []gjson.Result
	var names []string
	members(v, func(key string, val gjson.Result) {
		if key == "type" {
			typ = val
			return
		}
		names = append(names, key)
		others = append(others, val)
	})
	switch {
	case !typ.Exists():
		return nil // {} means inherit
	case typ.Type != gjson.String || typ.Str == "" || typ.Str == "type":
		w.warn(model.CodeInvalidAuthType, join(path, "type"), typ, "auth type %s is not a valid auth type; Postman ignores this auth and inherits from the parent", typ.Raw)
		return nil
	}
	a := &model.Auth{Type: typ.Str, Path: path}
	switch {
	case typ.Str == "inherit":
		w.warn(model.CodeInheritAuthType, path, v, "auth type \"inherit\" is not special to Postman: it stops inheritance and sends no auth; remove the auth object (or set it to null) to inherit from the parent")
	case !knownAuthTypes[typ.Str]:
		w.warn(model.CodeUnknownAuthType, join(path, "type"), typ, "unknown auth type %q; Postman has no handler for it and sends no auth", typ.Str)
	}
	var params gjson.Result
	for i, name := range names {
		if name == typ.Str {
			params = others[i]
		}
	}
	a.Params = w.authParams(params, join(path, typ.Str))
	return a
}

// authParams normalises the parameters of one auth type: a v2.1 array of
// {key, value, type} or a v2.0 object of key: value, in either version. A
// repeated key keeps its last value at the position of its first
// occurrence, as Postman's PropertyList.upsert does.
func (w *walker) authParams(v gjson.Result, path string) []model.AuthParam {
	var out []model.AuthParam
	put := func(p model.AuthParam) {
		for i := range out {
			if out[i].Key == p.Key {
				out[i] = p
				return
			}
		}
		out = append(out, p)
	}
	switch {
	case !present(v):
		return nil
	case v.IsArray():
		w.noteAuthShape("2.1.0")
		elements(v, func(i int, el gjson.Result) {
			p := index(path, i)
			if !el.IsObject() {
				w.warn(model.CodeUnexpectedType, p, el, "expected an auth parameter object {key, value}, found %s; skipping it", describe(el))
				return
			}
			r := readRow(el)
			key, value, typ := r.key, r.value, r.typ
			if key.Type != gjson.String {
				w.warn(model.CodeMissingKey, p, el, "the auth parameter has no string key; skipping it")
				return
			}
			put(model.AuthParam{Key: key.Str, Value: text(value), Kind: valueKind(value), Type: w.str(typ, p, "type")})
		})
	case v.IsObject():
		w.noteAuthShape("2.0.0")
		members(v, func(key string, value gjson.Result) {
			put(model.AuthParam{Key: key, Value: text(value), Kind: valueKind(value)})
		})
	default:
		w.warn(model.CodeUnexpectedType, path, v, "expected auth parameters as an array or an object, found %s; ignoring them", describe(v))
	}
	return out
}

// valueKind is kindOf with a missing value reported as null, since an
// auth parameter without a value reads as null in Postman.
func valueKind(v gjson.Result) string {
	if !v.Exists() {
		return "null"
	}
	return kindOf(v)
}

func (w *walker) noteAuthShape(version string) {
	if w.authShape == "" {
		w.authShape = version
	}
}
