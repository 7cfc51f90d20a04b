package generator

import (
	"fmt"
	"go/ast"
	"go/parser"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/postgen/postgen/model"
	"github.com/postgen/postgen/sdk"
)

// Generated code is the thin, typed layer over package sdk, postgen's
// runtime: it calls sdk for everything a request does, and re-exports
// under the SDK's own name what SDK users write (Option, Response,
// APIError, the With... options), so they never need to import sdk.

// Import paths of the runtime packages generated code uses.
const (
	sdkPath       = "github.com/postgen/postgen/sdk"
	sdkMockPath   = sdkPath + "/sdkmock"
	sdkOAuth2Path = sdkPath + "/sdkoauth2"
)

// sdkName is the name generated code gives name of package sdk:
// sdk.Operation.
func sdkName(name string) *jen.Statement { return jen.Qual(sdkPath, name) }

// sdkExport is a name of the runtime an SDK re-exports.
type sdkExport struct {
	// decl is the declaration in the runtime, as written there without
	// its body: "type Option", "var ErrResponseTooLarge", "func
	// WithRetry(p RetryPolicy) Option".
	decl string
	// auth is the auth type whose SDKs carry the name, "any" for SDKs with
	// any auth, "" for every SDK.
	auth string
	// pkg is the runtime package that declares it, sdkPath by default,
	// and from its name there when it is not the SDK's.
	pkg, from string
	// doc is the doc comment, without the name that starts it and the
	// link to the runtime's that ends it: "X " + doc + " See [sdk.X]."
	doc string
}

// sdkExports are the runtime names SDKs re-export, in the order the SDK
// declares them. A test checks each against package sdk's source.
var sdkExports = []sdkExport{
	{decl: "type Option", doc: "configures a Client; NewClient takes them."},
	{decl: "type Response", doc: "is the HTTP response of a call, its body read and closed."},
	{decl: "type APIError", doc: "is the error of a response with a non-2xx status."},
	{decl: "type DecodeError", doc: "is the error of a 2xx body that does not decode."},
	{decl: "type RequestError", doc: "is the error of a request that could not be built or sent."},
	{decl: "type VariableError", doc: "is the error of a request that uses a variable without a value."},
	{decl: "type ArgumentError", doc: "is the error of a call whose required path argument is empty."},
	{decl: "type RedirectError", doc: "is the error of a redirect the client refuses to follow."},
	{decl: "type RetryPolicy", doc: "says how a client retries idempotent requests."},
	{decl: "type FormFile", doc: "is a file of a multipart form body."},
	{decl: "type GraphQLRequest[V any]", doc: "is a GraphQL query with its typed variables."},
	{decl: "type RequestHook", doc: "changes a request just before each attempt is sent (signing, headers a script computed)."},
	{decl: "type RequestOption", doc: "changes one call; every method takes them last."},
	{decl: "type RawJSON", doc: "is a JSON response body left undecoded, for requests the collection saved no example of."},
	{decl: "type ServerSentEvent", doc: "is one event of a text/event-stream response, as the Events iterators yield them."},
	{decl: "type AuthError", auth: "any", doc: "is the error of a request that cannot be authenticated."},
	{decl: "const DefaultMaxResponseBytes", doc: "is the cap on response bodies of a client without WithMaxResponseBytes."},
	{decl: "var ErrResponseTooLarge", doc: "is wrapped by the error of a body longer than the client's cap."},
	{decl: "func Ptr[T any](v T) *T", doc: "returns a pointer to v, for pointer fields whose zero value is a value to send."},
	{decl: "func AsErrorBody[T any](err error) (T, bool)", doc: "returns the decoded error body of an *APIError in err's chain, when it is a T."},
	{decl: "func DefaultRetryPolicy() RetryPolicy", doc: "returns the policy of a client without WithRetry."},
	{decl: "func WithBaseURL(baseURL string) Option", doc: "sets the URL every request is sent to, in place of the collection's."},
	{decl: "func WithHTTPClient(hc *http.Client) Option", doc: "sets the *http.Client requests are sent with."},
	{decl: "func WithUserAgent(userAgent string) Option", doc: "sets the User-Agent of requests that set none."},
	{decl: "func WithVariable(name, value string) Option", doc: "sets a collection variable."},
	{decl: "func WithRetry(p RetryPolicy) Option", doc: "sets how idempotent requests are retried."},
	{decl: "func WithLogger(l *slog.Logger) Option", doc: "logs requests at debug level, credentials hidden."},
	{decl: "func WithMaxResponseBytes(n int64) Option", doc: "caps the response bodies the client reads."},
	{decl: "func WithRequestHook(hook RequestHook) Option", doc: "runs hook on every attempt of every request, after auth, with the body readable."},
	{decl: "func WithSampleBody() RequestOption", doc: "sends the collection's own body for the request when the call passes none, as Postman sends it."},
	{decl: "func WithHeader(key, value string) RequestOption", doc: "sets a header for one call, replacing the request's values of that name; auth runs after it."},
	{decl: "func WithHeaderAdd(key, value string) RequestOption", doc: "adds a header value for one call."},
	{decl: "func WithQuery(key, value string) RequestOption", doc: "sets a query parameter for one call, in place of the request's of that key."},
	{decl: "func WithQueryAdd(key, value string) RequestOption", doc: "appends a query parameter for one call."},
	{decl: "func WithCallVariable(name, value string) RequestOption", doc: "sets a collection variable for one call, over WithVariable."},
	{decl: "func WithRawBody(contentType string, body []byte) RequestOption", doc: "sends body, with its Content-Type, in place of one call's body."},
	{decl: "func WithJSONField(key string, value any) RequestOption", doc: "sets a member of one call's JSON object body, for a field the body type lacks."},
	{decl: "func WithCallHook(hook RequestHook) RequestOption", doc: "runs hook on every attempt of one call, after the client's hooks."},
	{decl: "func WithAPIKey(key string) Option", auth: model.AuthAPIKey, doc: "sets the API key."},
	{decl: "func WithASAPKey(privateKey string) Option", auth: model.AuthASAP, doc: "sets the PEM private key that signs ASAP tokens."},
	{decl: "func WithAWSCredentials(accessKey, secretKey, sessionToken string) Option", auth: model.AuthAWSV4, doc: "sets the AWS credentials requests are signed with."},
	{decl: "func WithBasicAuth(username, password string) Option", auth: model.AuthBasic, doc: "sets the Basic auth credentials."},
	{decl: "func WithBearerToken(token string) Option", auth: model.AuthBearer, doc: "sets the bearer token."},
	{decl: "func WithDigestAuth(username, password string) Option", auth: model.AuthDigest, doc: "sets the Digest auth credentials."},
	{decl: "func WithEdgeGrid(clientToken, clientSecret, accessToken string) Option", auth: model.AuthEdgeGrid, doc: "sets the Akamai EdgeGrid credentials."},
	{decl: "func WithHawkAuth(id, key string) Option", auth: model.AuthHawk, doc: "sets the Hawk credentials."},
	{decl: "func WithJWTKey(key string) Option", auth: model.AuthJWT, doc: "sets the key JWTs are signed with."},
	{decl: "func WithNTLMAuth(username, password string) Option", auth: model.AuthNTLM, doc: "sets the NTLM credentials."},
	{decl: "func WithOAuth1(consumerKey, consumerSecret, token, tokenSecret string) Option", auth: model.AuthOAuth1, doc: "sets the OAuth 1.0 credentials."},
	{decl: "func WithOAuth1Verifier(verifier string) Option", auth: model.AuthOAuth1, doc: "sets the OAuth 1.0 verifier."},
	{decl: "func WithOAuth1PrivateKey(pemKey string) Option", auth: model.AuthOAuth1, doc: "sets the RSA key of RSA-SHA OAuth 1.0 signatures."},
	{decl: "type OAuth2Flow", auth: model.AuthOAuth2, pkg: sdkOAuth2Path, from: "Flow", doc: "is an OAuth 2.0 authorization-code grant in progress."},
	{decl: "func WithTokenSource(ts oauth2.TokenSource) Option", auth: model.AuthOAuth2, pkg: sdkOAuth2Path, doc: "sets the source of OAuth 2.0 access tokens."},
	{decl: "func WithOAuth2ClientCredentials(clientID, clientSecret string, scopes ...string) Option", auth: model.AuthOAuth2, pkg: sdkOAuth2Path, doc: "obtains tokens with the client-credentials grant."},
	{decl: "func WithOAuth2Password(clientID, clientSecret, username, password string, scopes ...string) Option", auth: model.AuthOAuth2, pkg: sdkOAuth2Path, doc: "obtains tokens with the password grant."},
}

// sdkFunc describes a function of the runtime an SDK re-exports, so that
// the generator's documentation names the options an SDK really has.
type sdkFunc struct {
	// Name is the function's name, e.g. "WithBearerToken".
	Name string
	// Params are its parameter names, e.g. ["token"], and ParamTypes
	// their types as written, e.g. ["string"].
	Params     []string
	ParamTypes []string
	// Result is its (first) result type as written, e.g. "Option".
	Result string
}

// AllStrings reports whether every parameter of f is a string (a
// variadic one, which a call may leave out, does not count).
func (f sdkFunc) AllStrings() bool {
	for _, t := range f.ParamTypes {
		if t != "string" && !strings.HasPrefix(t, "...") {
			return false
		}
	}
	return true
}

// kind and name of an export: "func", "WithRetry".
func (e sdkExport) kind() string { k, _, _ := strings.Cut(e.decl, " "); return k }

func (e sdkExport) name() string {
	_, rest, _ := strings.Cut(e.decl, " ")
	if i := strings.IndexAny(rest, "[("); i >= 0 {
		return rest[:i]
	}
	return rest
}

// generic reports whether the export has type parameters:
// "type GraphQLRequest[V any]", not "func WithRawBody(body []byte)".
func (e sdkExport) generic() bool {
	_, rest, _ := strings.Cut(e.decl, " ")
	return strings.HasPrefix(rest[len(e.name()):], "[")
}

func (e sdkExport) path() string {
	if e.pkg == "" {
		return sdkPath
	}
	return e.pkg
}

// fn parses a func export's signature.
func (e sdkExport) fn() sdkFunc {
	_, rest, _ := strings.Cut(e.decl, " ")
	sig := rest[len(e.name()):]
	if i := strings.Index(sig, "]"); strings.HasPrefix(sig, "[") && i > 0 {
		sig = sig[i+1:]
	}
	expr, err := parser.ParseExpr("func" + sig)
	if err != nil {
		panic(fmt.Sprintf("generator: sdkExports: %s: %v", e.decl, err)) // a table typo, caught by every test
	}
	src := "func" + sig
	text := func(n ast.Node) string { return src[n.Pos()-1 : n.End()-1] }
	ft := expr.(*ast.FuncType)
	f := sdkFunc{Name: e.name()}
	for _, p := range ft.Params.List {
		for _, n := range p.Names {
			f.Params = append(f.Params, n.Name)
			f.ParamTypes = append(f.ParamTypes, text(p.Type))
		}
	}
	if ft.Results != nil && len(ft.Results.List) > 0 {
		f.Result = text(ft.Results.List[0].Type)
	}
	return f
}

// carried reports whether an SDK using the auth types auths re-exports e.
func (e sdkExport) carried(auths []string) bool {
	switch e.auth {
	case "":
		return true
	case "any":
		return len(auths) > 0
	}
	for _, a := range auths {
		if a == e.auth {
			return true
		}
	}
	return false
}

// exportedNames are the names an SDK using auths re-exports: generated
// names must not take them.
func exportedNames(auths []string) []string {
	var out []string
	for _, e := range sdkExports {
		if e.carried(auths) {
			out = append(out, e.name())
		}
	}
	return out
}

// authFuncs lists the functions re-exported for auth type t, in table
// order.
func authFuncs(t string) []sdkFunc {
	var out []sdkFunc
	for _, e := range sdkExports {
		if e.auth == t && e.kind() == "func" {
			out = append(out, e.fn())
		}
	}
	return out
}

// sdkDeclares reports whether every SDK re-exports name.
func sdkDeclares(name string) bool {
	for _, e := range sdkExports {
		if e.auth == "" && e.name() == name {
			return true
		}
	}
	return false
}

// versionConst is the SDK's constant that the version guard uses; its
// name is what the compiler shows when the guard fails, so it says what
// to do.
const versionConst = "regenerateOrAlignPostgenVersion"

// emitSDK writes sdk.go: the version guard and the re-exported names of
// the runtime.
func (p *plan) emitSDK() *jen.File {
	f := p.newFile()
	f.ImportName(sdkPath, "sdk")
	f.Add(comment(sentence("%s is the version of package sdk (postgen's runtime, which this SDK imports) that the SDK was generated for. The constant declaration below fails to compile when the github.com/postgen/postgen module in go.mod cannot run it: regenerate the SDK with the postgen version go.mod requires, or require the version of postgen that generated it.", versionConst)...)...)
	// A typed constant: the compiler's message then shows the expression,
	// and so the name, of the guard that fails.
	f.Const().Id(versionConst).Op("=").Add(sdkName("EnforceVersion")).Call(jen.Lit(sdk.GeneratedVersion))
	f.Line()
	f.Const().Defs(
		jen.Id("_").Op("=").Add(sdkName("EnforceVersion")).Call(sdkName("MaxVersion").Op("-").Id(versionConst)),
		jen.Id("_").Op("=").Add(sdkName("EnforceVersion")).Call(jen.Id(versionConst).Op("-").Add(sdkName("MinVersion"))),
	)
	auths := p.authTypesUsed()
	for _, e := range sdkExports {
		if !e.carried(auths) {
			continue
		}
		name, from := e.name(), e.name()
		if e.from != "" {
			from = e.from
		}
		f.Line()
		f.Add(comment(sentence("%s %s See [%s.%s].", name, e.doc, sdkPkgName(e.path()), from)...)...)
		qual := jen.Qual(e.path(), from)
		switch e.kind() {
		case "type":
			if e.generic() {
				// A generic alias: type GraphQLRequest[V any] = sdk.GraphQLRequest[V].
				f.Type().Id(name).Types(jen.Id("V").Any()).Op("=").Add(qual).Types(jen.Id("V"))
			} else {
				f.Type().Id(name).Op("=").Add(qual)
			}
		case "const":
			f.Const().Id(name).Op("=").Add(qual)
		case "func":
			if strings.HasPrefix(e.decl, "func Ptr[") {
				// func Ptr[T any](v T) *T { return sdk.Ptr(v) }
				f.Func().Id(name).Types(jen.Id("T").Any()).Params(jen.Id("v").Id("T")).Op("*").Id("T").Block(
					jen.Return(qual.Clone().Call(jen.Id("v"))),
				)
				continue
			}
			if e.generic() {
				// A generic function: AsErrorBody's form.
				f.Func().Id(name).Types(jen.Id("T").Any()).Params(jen.Id("err").Error()).Params(jen.Id("T"), jen.Bool()).Block(
					jen.Return(qual.Clone().Types(jen.Id("T")).Call(jen.Id("err"))),
				)
				continue
			}
			fn := e.fn()
			var params []jen.Code
			args := make([]jen.Code, len(fn.Params))
			for i := 0; i < len(fn.Params); {
				// Parameters of one type share it, as the runtime writes
				// them: (clientID, clientSecret string).
				j := i + 1
				for j < len(fn.Params) && fn.ParamTypes[j] == fn.ParamTypes[i] {
					j++
				}
				names := make([]jen.Code, 0, j-i)
				for k := i; k < j; k++ {
					names = append(names, jen.Id(fn.Params[k]))
					args[k] = jen.Id(fn.Params[k])
					if strings.HasPrefix(fn.ParamTypes[k], "...") {
						args[k] = jen.Id(fn.Params[k]).Op("...")
					}
				}
				params = append(params, jen.List(names...).Add(exportType(fn.ParamTypes[i])))
				i = j
			}
			f.Func().Id(name).Params(params...).Add(exportType(fn.Result)).Block(jen.Return(qual.Call(args...)))
		default:
			f.Var().Id(name).Op("=").Add(qual)
		}
	}
	return f
}

// importsOf maps the packages the signatures of sdkExports name to their
// import paths.
var importsOf = map[string]string{"http": "net/http", "slog": "log/slog", "oauth2": "golang.org/x/oauth2"}

// exportType is the Go type of a parameter or result of an exported
// function of the runtime, as the SDK spells it: a type of the runtime
// by the SDK's own name (RetryPolicy), others qualified (*http.Client).
func exportType(text string) *jen.Statement {
	s := &jen.Statement{}
	for {
		switch {
		case strings.HasPrefix(text, "..."):
			s, text = s.Op("..."), text[3:]
			continue
		case strings.HasPrefix(text, "*"):
			s, text = s.Op("*"), text[1:]
			continue
		}
		break
	}
	if pkg, name, ok := strings.Cut(text, "."); ok {
		return s.Qual(importsOf[pkg], name)
	}
	return s.Id(text)
}

// sdkPkgName is the package name of a runtime import path.
func sdkPkgName(path string) string { return path[strings.LastIndexByte(path, '/')+1:] }

// sdkField is the runtime's name of an auth setting the plan calls field
// ("clientID" → "ClientID").
func sdkField(field string) string {
	switch field {
	case "id":
		return "ID"
	case "qop":
		return "QOP"
	}
	if strings.HasPrefix(field, "gql") {
		return "GQL" + field[3:]
	}
	s := strings.ToUpper(field[:1]) + field[1:]
	return strings.ReplaceAll(s, "Url", "URL")
}
