// Package model holds a Postman collection as plain data, after the parser
// has resolved Postman's semantics and before the generator gives anything a
// Go name.
//
// Its one job is to be the contract between the two: everything is in input
// order, nothing here knows about JSON encodings or Go identifiers, and a
// generator for another language could be written from it alone. Where
// Postman distinguishes null from empty (query values, bodies), the model
// keeps the distinction with an explicit flag rather than a pointer.
package model

// Collection is one Postman collection (v2.0 or v2.1, or v1 converted).
type Collection struct {
	// Name is info.name.
	Name string
	// ID is info._postman_id, empty when absent.
	ID string
	// Version is info.version rendered as text ("1.2.3"), empty when absent.
	Version string
	// SchemaVersion is "2.0.0" or "2.1.0": from info.schema, or inferred
	// from the shape of auth parameters when info.schema says nothing.
	SchemaVersion string
	// Description is info.description.
	Description Description
	// Variables are the collection variables, in input order, duplicates and
	// disabled entries included; use LookupVariable for Postman's lookup.
	Variables []Variable
	// Auth is the auth declared on the collection itself, nil when none.
	Auth *Auth
	// Events are the collection-level scripts.
	Events []Event
	// Behavior is the collection-level protocolProfileBehavior.
	Behavior Behavior
	// Folders and Requests are the top-level items, each in input order.
	Folders  []*Folder
	Requests []*Request
	// Order lists the top-level items as they appear in the input.
	Order []ItemRef
}

// ItemRef points at one child of a collection or folder, so that callers
// that need the exact interleaving of folders and requests can recover it.
type ItemRef struct {
	// Folder is true when the child is Folders[Index], false for Requests[Index].
	Folder bool
	Index  int
}

// Folder is an item-group: a named container of requests and folders.
type Folder struct {
	Name        string
	ID          string
	Description Description
	// Path is the JSON path of the folder in the input, e.g. "item[2].item[0]".
	Path string
	// Auth is the auth declared on this folder, nil when it inherits.
	Auth      *Auth
	Variables []Variable
	Events    []Event
	Behavior  Behavior
	Folders   []*Folder
	Requests  []*Request
	Order     []ItemRef
}

// Request is one item of the collection: a request with its saved examples.
type Request struct {
	// Name is the item name.
	Name string
	// ID is the item id (or _postman_id), empty when absent.
	ID string
	// Path is the JSON path of the item, e.g. "item[3].item[0]".
	Path string
	// Folders are the names of the enclosing folders, outermost first.
	Folders []string
	// Description is the item's description, or the request's when the item
	// has none.
	Description Description
	// Method is upper-cased; GET when the input has none.
	Method string
	URL    URL
	// Headers are the request headers in input order, disabled ones included.
	Headers []Header
	// Body is nil when the request has no body object, or the body has no mode.
	Body *Body
	// Auth is the auth in effect for this request after inheritance
	// (request, then enclosing folders, then the collection). nil means no
	// auth applies at all. A "noauth" auth is kept as such.
	Auth *Auth
	// Events are the item's own scripts (not inherited ones).
	Events []Event
	// Behavior is the effective protocolProfileBehavior: collection, then
	// folders, then the item, inner levels overriding outer ones.
	Behavior Behavior
	// Examples are the saved responses, in input order.
	Examples []Example
	// Variables are item-level variables; Postman's runtime ignores them
	// when sending.
	Variables []Variable
}

// Description is a Postman description: markdown unless Type says otherwise.
type Description struct {
	Content string
	// Type is a MIME type such as "text/markdown", "text/html" or
	// "text/plain"; empty when the input gave a plain string.
	Type string
}

// URL is a request URL in component form. When the input gave a string, the
// parser has split it the way Postman does.
type URL struct {
	// Raw is the url.raw text (or the string form), kept for display.
	Raw      string
	Protocol string
	// Host holds the host labels, e.g. ["{{baseUrl}}"] or ["api", "example", "com"].
	Host []string
	Port string
	// Path holds the path segments; a segment starting with ":" is a path
	// variable. An empty slice means no path.
	Path []string
	// Query holds the query parameters in order, disabled ones included.
	Query []QueryParam
	Hash  string
	// User and Password come from userinfo in a string URL.
	User     string
	Password string
	// HasUserInfo is true when the URL carried a user[:password]@ part.
	HasUserInfo bool
	// Variables are url.variable entries: values for ":name" path segments.
	Variables []Variable
}

// QueryParam is one query parameter.
type QueryParam struct {
	// Key is the parameter name; a null key is "".
	Key string
	// Value is the parameter value. NullValue distinguishes "?flag" (a null
	// value, sent without "=") from "?flag=" (an empty value).
	Value       string
	NullValue   bool
	Disabled    bool
	Description Description
}

// Header is one request or response header.
type Header struct {
	Key         string
	Value       string
	Disabled    bool
	Description Description
}

// Body modes, as Postman names them.
const (
	BodyRaw        = "raw"
	BodyURLEncoded = "urlencoded"
	BodyFormData   = "formdata"
	BodyFile       = "file"
	BodyGraphQL    = "graphql"
)

// Body is a request body. Only the member named by Mode is meaningful.
type Body struct {
	// Mode is one of the Body* constants; unknown modes are reported as raw.
	Mode string
	// Disabled is true when Postman would send no body at all.
	Disabled bool
	// Raw is the raw body text; Language is options.raw.language ("json",
	// "xml", "text", "javascript", "html" or empty).
	Raw      string
	Language string
	// URLEncoded holds the form rows for mode urlencoded.
	URLEncoded []FormParam
	// FormData holds the multipart rows for mode formdata.
	FormData []FormParam
	// File is the binary body for mode file.
	File FileBody
	// GraphQL is the body for mode graphql.
	GraphQL GraphQLBody
}

// FormParam is one urlencoded or formdata row.
type FormParam struct {
	Key   string
	Value string
	// Type is "text" or "file" (formdata only); empty means text.
	Type string
	// Src holds the file paths of a file row (a string src gives one entry).
	Src []string
	// ContentType is the part's content type, formdata only.
	ContentType string
	Disabled    bool
	Description Description
}

// FileBody is a binary body.
type FileBody struct {
	// Src is the path of the file on the author's machine, empty when unset.
	Src string
	// Content is inline base64 content, when the input has it.
	Content string
}

// GraphQLBody is a graphql body.
type GraphQLBody struct {
	Query string
	// Variables is the variables JSON text. When VariablesIsText is true the
	// input stored it as a string and Postman sends it verbatim; otherwise
	// the input had a JSON value, rendered here compactly.
	Variables       string
	VariablesIsText bool
	OperationName   string
}

// Auth types known to Postman's runtime.
const (
	AuthNoAuth   = "noauth"
	AuthAPIKey   = "apikey"
	AuthBearer   = "bearer"
	AuthBasic    = "basic"
	AuthDigest   = "digest"
	AuthOAuth1   = "oauth1"
	AuthOAuth2   = "oauth2"
	AuthHawk     = "hawk"
	AuthAWSV4    = "awsv4"
	AuthNTLM     = "ntlm"
	AuthEdgeGrid = "edgegrid"
	AuthJWT      = "jwt"
	AuthASAP     = "asap"
)

// Auth is an auth block with its parameters normalised from either the v2.0
// object form or the v2.1 array form.
type Auth struct {
	// Type is the auth type, e.g. "bearer".
	Type string
	// Params are the parameters of that type, in input order; a repeated key
	// keeps only its last value, at the position of its first occurrence.
	Params []AuthParam
	// Path is the JSON path of the auth object that declared it, e.g.
	// "item[2].auth" or "auth" for the collection.
	Path string
}

// AuthParam is one auth parameter.
type AuthParam struct {
	Key string
	// Value is the value as text: strings as-is, numbers and booleans in
	// JSON form, objects and arrays as compact JSON, null as "".
	Value string
	// Kind is the JSON kind of the value: "string", "number", "boolean",
	// "null", "object" or "array".
	Kind string
	// Type is the attribute's declared type (v2.1 "type" member), if any.
	Type string
}

// Variable is a collection, folder, item or path variable.
type Variable struct {
	// Key is the variable name (or its id when the entry has no key).
	Key string
	// Value is the value as text (see AuthParam.Value).
	Value string
	// Kind is the JSON kind of the value (see AuthParam.Kind); "" when absent.
	Kind string
	// Type is the declared variable type ("string", "secret", ...).
	Type        string
	Description Description
	Disabled    bool
	// KeyFromID is true when the entry had only an id; Postman's lookup
	// never finds such a variable.
	KeyFromID bool
}

// Event is a script attached to a collection, folder or item.
type Event struct {
	// Listen is "prerequest" or "test".
	Listen string
	// Script is the script text, lines joined with "\n".
	Script   string
	Disabled bool
	// Path is the JSON path of the event in the input, e.g.
	// "item[2].event[0]" or "event[1]" for the collection's own.
	Path string
}

// Behavior holds the protocolProfileBehavior keys that change what is sent.
type Behavior struct {
	DisableBodyPruning bool
	DisableURLEncoding bool
	// DisabledSystemHeaders lists lower-case header names whose automatic
	// value Postman does not add.
	DisabledSystemHeaders []string
	// FollowRedirects is nil when unset.
	FollowRedirects *bool
}

// Example is a saved response.
type Example struct {
	Name string
	ID   string
	// Path is the JSON path of the example, e.g. "item[3].response[1]".
	Path string
	// Code is the HTTP status code, 0 when absent.
	Code int
	// Status is the reason phrase, e.g. "OK".
	Status  string
	Headers []Header
	Body    string
	// PreviewLanguage is _postman_previewlanguage ("json", "xml", ...).
	PreviewLanguage string
	// OriginalRequest is the request saved with the example, nil when absent.
	// Its Name, Path, Auth and Examples are not set.
	OriginalRequest *Request
}

// LookupVariable returns the value Postman's runtime would use for a
// collection variable: the last enabled entry whose key matches.
func (c *Collection) LookupVariable(key string) (Variable, bool) {
	for i := len(c.Variables) - 1; i >= 0; i-- {
		v := c.Variables[i]
		if v.Key == key && !v.Disabled && !v.KeyFromID {
			return v, true
		}
	}
	return Variable{}, false
}

// AllEvents returns the events of the collection, its folders and its
// requests: the collection's first, then each folder's followed by those
// of its contents (folders before requests), in input order within each.
func (c *Collection) AllEvents() []Event {
	out := append([]Event(nil), c.Events...)
	var walk func(folders []*Folder, requests []*Request)
	walk = func(folders []*Folder, requests []*Request) {
		for _, f := range folders {
			out = append(out, f.Events...)
			walk(f.Folders, f.Requests)
		}
		for _, r := range requests {
			out = append(out, r.Events...)
		}
	}
	walk(c.Folders, c.Requests)
	return out
}

// Texts returns every text of r that Postman resolves {{variables}} in:
// the URL's parts, query, path variables, headers, body (raw, GraphQL,
// file, form rows) and the auth in effect's parameters.
func (r *Request) Texts() []string {
	u := r.URL
	out := append([]string{u.Protocol, u.Port}, u.Host...)
	out = append(out, u.Path...)
	for _, q := range u.Query {
		out = append(out, q.Key, q.Value)
	}
	for _, v := range u.Variables {
		out = append(out, v.Value)
	}
	for _, h := range r.Headers {
		out = append(out, h.Key, h.Value)
	}
	if b := r.Body; b != nil {
		out = append(out, b.Raw, b.GraphQL.Query, b.GraphQL.Variables, b.File.Src)
		for _, f := range append(append([]FormParam(nil), b.URLEncoded...), b.FormData...) {
			out = append(out, f.Key, f.Value)
			out = append(out, f.Src...)
		}
	}
	if r.Auth != nil {
		for _, p := range r.Auth.Params {
			out = append(out, p.Value)
		}
	}
	return out
}
