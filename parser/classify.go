package parser

import (
	"github.com/tidwall/gjson"
)

type docFormat int

const (
	formatV2 docFormat = iota
	formatV1
)

// exportAdvice is what to do with any file that is not a v2 collection.
const exportAdvice = "in Postman, open the collection's menu and choose Export, format Collection v2.1, then pass that file"

// topLevel holds the top-level members that tell formats apart.
type topLevel struct {
	info, item, items, collection  gjson.Result
	name, order, requests, folders gjson.Result
	openapi, swagger               gjson.Result
	values, scope, collections     gjson.Result
}

func readTopLevel(v gjson.Result) topLevel {
	var t topLevel
	members(v, func(key string, val gjson.Result) {
		switch key {
		case "info":
			t.info = val
		case "item":
			t.item = val
		case "items":
			t.items = val
		case "collection":
			t.collection = val
		case "name":
			t.name = val
		case "order":
			t.order = val
		case "requests":
			t.requests = val
		case "folders":
			t.folders = val
		case "openapi":
			t.openapi = val
		case "swagger":
			t.swagger = val
		case "values":
			t.values = val
		case "_postman_variable_scope":
			t.scope = val
		case "collections":
			t.collections = val
		}
	})
	return t
}

// classify finds the collection object in a document (unwrapping a
// {"collection": ...} envelope) and says which format it is in, or why the
// document is not a collection. path is the JSON path of the collection
// object: "" or "collection".
func classify(root gjson.Result) (doc gjson.Result, path string, format docFormat, err *Error) {
	if !root.IsObject() {
		what := "a JSON " + kindOf(root)
		if root.IsArray() {
			what = "a JSON array"
		}
		return root, "", 0, &Error{Kind: ErrNotCollection,
			Message: "the input is " + what + ", but a Postman collection is a JSON object with \"info\" and \"item\" members; " + exportAdvice}
	}
	t := readTopLevel(root)
	doc = root
	// Postman API responses and documenter pages wrap the collection.
	if !present(t.info) && !present(t.item) && !present(t.items) && t.collection.IsObject() {
		doc, path = t.collection, "collection"
		t = readTopLevel(doc)
	}
	switch {
	// OpenAPI documents have an info object too, so they are told apart first.
	case present(t.openapi) || present(t.swagger):
		return doc, path, 0, notCollection(path, "the input looks like an OpenAPI (Swagger) document, not a Postman collection; import it into Postman (Import > OpenAPI) and export the generated collection as v2.1, or convert it with openapi-to-postman")
	case t.info.IsObject() || t.item.IsArray() || t.items.IsArray():
		return doc, path, formatV2, nil
	case t.requests.IsArray() && (t.order.IsArray() || t.folders.IsArray() || t.name.Type == gjson.String):
		return doc, path, formatV1, nil
	case t.values.IsArray() && present(t.scope):
		kind := "environment"
		if t.scope.Str == "globals" {
			kind = "globals"
		}
		return doc, path, 0, notCollection(path, "the input is a Postman "+kind+" file (variable values), not a collection; pass the collection export instead ("+exportAdvice+")")
	case t.collections.IsArray():
		return doc, path, 0, notCollection(path, "the input looks like a Postman data dump holding several collections; export the one collection you want: "+exportAdvice)
	case present(t.info):
		return doc, path, 0, notCollection(join(path, "info"), "\"info\" is "+describe(t.info)+" and there is no \"item\" array, so this is not a Postman collection; "+exportAdvice)
	}
	return doc, path, 0, notCollection(path, "the input is a JSON object without the \"info\" and \"item\" members of a Postman collection; "+exportAdvice)
}

func notCollection(path, msg string) *Error {
	return &Error{Kind: ErrNotCollection, Path: path, Message: msg}
}
