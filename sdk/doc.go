// Package sdk is the runtime of the SDKs postgen generates: the request
// pipeline that reproduces what Postman sends (variables, URL encoding,
// headers, bodies, auth), and the errors and response types SDK users see.
//
// Generated SDKs are a thin, typed layer over it: their methods describe
// each request as an [Operation] planned from the collection and hand the
// caller's arguments to [Send]; they re-export under their own names what
// their users write ([Option], [Response], [APIError], the With...
// options), so those users need not import this package. Its exported
// names are for generated code and keep their meaning within a
// [GeneratedVersion]; see [EnforceVersion].
//
// # Per-call options
//
// Every generated method takes ...[RequestOption] last, passed here in
// [Call].Options; they change that call only, and a call without any
// costs nothing more. [WithHeader], [WithHeaderAdd], [WithQuery] and
// [WithQueryAdd] edit the request after the collection's headers and
// query and before auth, so signing auth types sign them, while a header
// the auth sets still wins. [WithCallVariable] gives a collection
// variable a value for the call, over [WithVariable]. [WithRawBody]
// replaces the body, and [WithJSONField] sets a member of a JSON object
// body, for a field the body type lacks; both are sent again on a retry.
// [WithCallHook] runs on every attempt of the call, after the client's
// hooks ([WithRequestHook]).
//
// Nothing here imports anything but the standard library and postgen's
// internal helpers, and nothing refers to generated code. OAuth 2.0, which
// needs golang.org/x/oauth2, is package sdkoauth2, so that SDKs without it
// never link that module.
package sdk
