package model

import "errors"

// Code names a kind of diagnostic. Codes are stable: postgen.yaml accepts
// warnings by code, scripts grep for them, and `postgen help diagnostics`
// and the README list them, both from the table below (a test checks that
// every code the source uses is in the table, and that every code in the
// table is used).
type Code string

// The codes, by the package that reports them. Each has one severity, in
// the table.
const (
	// Errors: the input cannot become an SDK.
	CodeEmptyInput       Code = "empty-input"
	CodeInvalidJSON      Code = "invalid-json"
	CodeTooDeep          Code = "too-deep"
	CodeInputTooLarge    Code = "input-too-large"
	CodeNotACollection   Code = "not-a-collection"
	CodeNotAnEnvironment Code = "not-an-environment"
	CodeV1Unconvertible  Code = "v1-unconvertible"
	CodeConfigInvalid    Code = "config-invalid"
	CodeConfigReference  Code = "config-reference"
	CodeConfigConflict   Code = "config-conflict"

	// The parser: the collection's JSON.
	CodeUnexpectedType    Code = "unexpected-type"
	CodeEmptyURL          Code = "empty-url"
	CodeURLNoHost         Code = "url-no-host"
	CodeMissingKey        Code = "missing-key"
	CodeVariableIDOnly    Code = "variable-id-only"
	CodeHeaderLine        Code = "header-line"
	CodeNoName            Code = "no-name"
	CodeUnknownSchema     Code = "unknown-schema"
	CodeEmptyItem         Code = "empty-item"
	CodeFolderWithRequest Code = "folder-with-request"
	CodeUnknownBodyMode   Code = "unknown-body-mode"
	CodeInvalidAuthType   Code = "invalid-auth-type"
	CodeUnknownAuthType   Code = "unknown-auth-type"
	CodeInheritAuthType   Code = "inherit-auth-type"
	CodeV1Unordered       Code = "v1-unordered"
	CodeV1Collection      Code = "v1-collection"

	// The generator: what the SDK does with the collection.
	CodeUndefinedVariable   Code = "undefined-variable"
	CodeUndefinedCredential Code = "undefined-credential"
	CodeUndefinedBaseURL    Code = "undefined-base-url"
	CodeBaseURLChoice       Code = "base-url-choice"
	CodeNoBaseURLConstants  Code = "no-base-url-constants"
	CodeCredentialNotCopied Code = "credential-not-copied"
	CodeCredentialVariables Code = "credential-variables"
	CodeOAuth2Module        Code = "oauth2-module"
	CodeAuthSendsNothing    Code = "auth-sends-nothing"
	CodeRequestNoURL        Code = "request-no-url"
	CodeUnsendableURL       Code = "unsendable-url"
	CodeScript              Code = "script"
	CodeNameTaken           Code = "name-taken"
	CodeNameToldApart       Code = "name-told-apart"
	CodeScriptVariable      Code = "script-variable"

	// postgen.yaml's accept list.
	CodeAcceptStale Code = "accept-stale"
)

// CodeInfo documents one code.
type CodeInfo struct {
	Code     Code
	Severity Severity
	// Summary says what the diagnostic means; Action what to do about it.
	Summary, Action string
}

// codes is the one table of codes, in the order the documentation lists
// them: errors, warnings, notes.
var codes = []CodeInfo{
	{CodeEmptyInput, Error, "The input is empty or only whitespace.", "Pass a collection exported as JSON (Collection > Export > v2.1)."},
	{CodeInvalidJSON, Error, "The input is not well-formed JSON (or is UTF-16, or has data after the top-level value).", "Fix the JSON at the line:column given; re-export the collection."},
	{CodeTooDeep, Error, "Arrays and objects nest deeper than postgen reads.", "Flatten the deeply nested value at the position given."},
	{CodeInputTooLarge, Error, "The input is larger than postgen reads, or has more requests than it generates in one SDK.", "Split the collection into several (one per top-level folder)."},
	{CodeNotACollection, Error, "The input is JSON but not a Postman collection (an environment, an OpenAPI document, an array, ...).", "Pass the collection's own export."},
	{CodeNotAnEnvironment, Error, "An --environment file is JSON but not a Postman environment.", "Pass an environment export (Environments > ... > Export)."},
	{CodeV1Unconvertible, Error, "A legacy v1 collection that cannot be converted to v2.1.", "Open it in Postman and export it as v2.1."},
	{CodeConfigInvalid, Error, "postgen.yaml cannot be read: bad YAML, an unknown key, or a value of the wrong form.", "Fix the file at the line:column given."},
	{CodeConfigReference, Error, "postgen.yaml names a folder or request the collection does not have, or one that matches several items.", "Name it by its path (Folder/Sub/Request name) or its _postman_id."},
	{CodeConfigConflict, Error, "A choice in postgen.yaml cannot be applied: a chosen name is taken, a field type names no field.", "Choose another name, or fix the type or field."},

	{CodeUnexpectedType, Warning, "A value has the wrong JSON type; postgen does what Postman does with it (ignores it, skips it, or uses its text).", "Fix the value in the collection, or re-export it from Postman."},
	{CodeEmptyURL, Warning, "A request has no URL (or a URL object with neither host nor raw): Postman cannot send it, and it is left out of the SDK.", "Give the request a URL, or remove it."},
	{CodeURLNoHost, Warning, "A URL object has no host; Postman would fail to send it, postgen uses the parsed url.raw instead.", "Re-export the collection, or add the host."},
	{CodeMissingKey, Warning, "A header, variable, auth parameter or environment value has no key, so it is skipped.", "Give it a key, or remove it."},
	{CodeVariableIDOnly, Warning, "A variable has an id but no key: Postman looks variables up by key, so {{id}} does not find it.", "Add a key to the variable."},
	{CodeHeaderLine, Warning, "A header given as a string has a line that is not \"Key: value\", or that Postman splits elsewhere than at the first colon.", "Write the headers as an array of {key, value}."},
	{CodeNoName, Warning, "The collection has no name (or no info object).", "Name the collection, or give the package with -p."},
	{CodeUnknownSchema, Warning, "info.schema does not name format v2.0 or v2.1; postgen reads the file as the format its shape suggests.", "Re-export the collection as v2.1."},
	{CodeEmptyItem, Warning, "An item has neither request nor item; Postman would send a GET with an empty URL and fail, so it is skipped.", "Remove the item, or give it a request."},
	{CodeFolderWithRequest, Warning, "An element has both item and request: Postman treats it as a folder and ignores the request.", "Move the request into an item of its own."},
	{CodeUnknownBodyMode, Warning, "A body mode postgen does not know; it sends body.raw as Postman does.", "Set body.mode to raw, urlencoded, formdata, file or graphql."},
	{CodeInvalidAuthType, Warning, "auth.type is not a string: Postman ignores the auth and inherits its parent's.", "Set auth.type to a Postman auth type, or remove the auth."},
	{CodeUnknownAuthType, Warning, "An auth type Postman has no handler for: it sends no auth.", "Use one of Postman's auth types."},
	{CodeInheritAuthType, Warning, "auth.type \"inherit\" stops inheritance in Postman and sends no auth.", "Remove the auth object (or set it to null) to inherit."},
	{CodeV1Unordered, Warning, "Requests of a v1 collection that no \"order\" lists: Postman's converter would drop them, postgen keeps them at the top level.", "List them in an order, or re-export the collection as v2.1."},
	{CodeUndefinedVariable, Warning, "A request uses a {{variable}} the collection does not define: the SDK cannot send it as written until the variable is set.", "Define the variable in the collection, pass --environment, or set it with WithVariable (or an option named in postgen.yaml's options)."},
	{CodeUndefinedBaseURL, Warning, "The base URL is a {{variable}} nothing defines, so the SDK has no default base URL.", "Set baseURL in postgen.yaml, or define the variable; SDK users pass WithBaseURL."},
	{CodeAuthSendsNothing, Warning, "An auth that Postman sends nothing for (apikey without a key, oauth2 with token type mac); neither does the SDK.", "Fix the auth in the collection."},
	{CodeRequestNoURL, Warning, "A request with no URL is left out of the SDK.", "Give the request a URL, or skip it in postgen.yaml."},
	{CodeNameTaken, Warning, "Two folders or requests would get the same Go name and nothing in their names, methods or paths tells them apart, so the later one is numbered.", "Choose the names under rename.services or rename.methods in postgen.yaml."},
	{CodeScript, Warning, "A pre-request or test script the SDK does not run: the message says what it does (variables it sets, headers, signing) and which requests it governs.", "Set what it computes at run time (WithVariable), or sign in a request hook; accept it by code and path once you have."},
	{CodeScriptVariable, Note, "A variable only the collection's scripts set: run-time input, not an undefined variable.", "None; SDK users set it with WithVariable or compute it in a request hook."},
	{CodeUnsendableURL, Warning, "A URL Postman cannot send (a protocol other than http and https, or a host that is no host name, such as placeholder text) is left out of the SDK.", "Fix the URL in the collection, or skip the request in postgen.yaml."},

	{CodeNameToldApart, Note, "Two folders or requests would get the same Go name; the later one is named by what differs (its notes, a path variable, a version, its method), and the message says which name it got.", "None, or choose the names under rename.services or rename.methods in postgen.yaml."},
	{CodeV1Collection, Note, "The input is a legacy v1 collection, converted to v2.1 as Postman converts it; paths in other messages refer to the converted collection.", "None; export the collection as v2.1 to see the paths as written."},
	{CodeUndefinedCredential, Note, "A credential {{variable}} the collection does not define, as it should not: SDK users set it at run time.", "None; document how your users get the credential."},
	{CodeBaseURLChoice, Note, "The collection's base URL is a variable it does not define, and it holds the alternatives as BaseURL constants: SDK users choose one with WithBaseURL.", "None, or set baseURL in postgen.yaml to make one the default."},
	{CodeNoBaseURLConstants, Note, "The environments given differ in more than the base URL's host, so postgen makes no BaseURL constants for them.", "None; the first environment supplies the defaults."},
	{CodeCredentialNotCopied, Note, "A value that looks like a credential is not copied into the SDK; SDK users set it at run time with the option named.", "None; set the credential at run time."},
	{CodeCredentialVariables, Note, "An auth reads its credentials from variables, whose values are not copied into the SDK; SDK users set them with the option named.", "None; set the credentials at run time."},
	{CodeOAuth2Module, Note, "The SDK imports golang.org/x/oauth2 for OAuth 2.0.", "Add it to the SDK's module: go get golang.org/x/oauth2."},
	{CodeAcceptStale, Note, "An entry of postgen.yaml's accept list matches no warning.", "Remove the entry."},
}

// Codes returns the table of codes, in documentation order.
func Codes() []CodeInfo { return append([]CodeInfo(nil), codes...) }

// Info returns the table's entry for c.
func (c Code) Info() (CodeInfo, bool) {
	for _, ci := range codes {
		if ci.Code == c {
			return ci, true
		}
	}
	return CodeInfo{}, false
}

// Severity is the severity of c; an unknown code is a warning.
func (c Code) Severity() Severity {
	ci, ok := c.Info()
	if !ok {
		return Warning
	}
	return ci.Severity
}

// CodedError is an error with the code of its kind, so the command line
// prints "error[code]: ...".
type CodedError struct {
	Code Code
	Err  error
}

func (e *CodedError) Error() string { return e.Err.Error() }

func (e *CodedError) Unwrap() error { return e.Err }

// ErrorCode returns the code of the first CodedError in err's chain (or
// of any error with a DiagnosticCode method), "" when there is none.
func ErrorCode(err error) Code {
	var ce interface{ DiagnosticCode() Code }
	if errors.As(err, &ce) {
		return ce.DiagnosticCode()
	}
	return ""
}

// DiagnosticCode is the code of e.
func (e *CodedError) DiagnosticCode() Code { return e.Code }
