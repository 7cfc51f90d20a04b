package scriptscan

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func env(names ...string) []Var   { return vars("environment", names...) }
func cvars(names ...string) []Var { return vars("collectionVariables", names...) }

func vars(scope string, names ...string) []Var {
	var out []Var
	for _, n := range names {
		out = append(out, Var{Scope: scope, Name: n})
	}
	return out
}

// binanceScript is the signing part of binance-spot's collection script.
const binanceScript = `const ts = Date.now();
const postmanEnvironment = pm.environment.get('environment');
const api_key = pm.environment.get('api-key');
const api_secret = pm.environment.get('api-secret');
const parameters = pm.request.url.query;
const selectedUrl = pm.variables.get(selectedUrlKey) || pm.variables.get('prod_url');
// set host based on env
pm.request.url.host = [selectedUrl];
setOrUpdateHeaderParam('X-MBX-APIKEY', api_key);
if (parameters.has('signature') && api_secret) {
    const encoder = new TextEncoder();
    pm.request.url.query.clear();
    const cryptoKey = await crypto.subtle.importKey('raw', keyData, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    const signatureBuffer = await crypto.subtle.sign('HMAC', cryptoKey, msgData);
    const signature = Array.from(new Uint8Array(signatureBuffer)).map((b) => b.toString(16).padStart(2, '0')).join('');
    pm.request.url.query = finalQueryString;
}
function buildQueryString(params) {
    Object.entries(params).forEach(([key, value]) => {
        pairs.push(` + "`${key}=${encodeURIComponent(serializedValue)}`" + `);
    });
    return pairs.join('&');
}
function setOrUpdateHeaderParam(key, value) {
    let headers = pm.request.headers;
    let header = headers.find((header) => header.key === key);
    if (header) header.value = value;
    else pm.request.headers.add({ key, value });
}
function is_empty(str) {
    return !/[^\\s]/.test(str) || /^\\s*$/.test(str) || str.replace(/\\s/g, '') === '';
}`

// twitterScript is twitter-api-v2's bearer token and OAuth 1.0a script,
// cut down.
const twitterScript = `/*
 * This pre-request script retrieves a Bearer token
 */
const env_variables = pm.environment.toObject({ excludeDisabled: true });
const addToken = () => {
    pm.sendRequest({
        url: 'https://api.twitter.com/oauth2/token',
        method: 'POST',
        body: { mode: 'urlencoded', urlencoded: 'grant_type=client_credentials' }
    }, (err, res) => {
        if (err) {
            console.error('Error while generating a bearer token:', err);
        } else {
            const {access_token} = res.json();
            pm.environment.set('bearer_token', access_token);
        }
    });
}
const sdk = require('postman-collection');
const signature = CryptoJS.enc.Base64.stringify(CryptoJS.HmacSHA1(baseString, signingKey));
pm.request.headers.upsert({key: "Authorization", value: oauthHeader});
if (pm.request.auth && pm.request.auth.type === 'oauth1') { pm.request.auth = null }`

func TestScan(t *testing.T) {
	tests := []struct {
		name, src string
		want      Report
	}{
		{
			name: "binance signs with Web Crypto HMAC-SHA256",
			src:  binanceScript,
			want: Report{
				Reads:          append(env("environment", "api-key", "api-secret"), vars("variables", "prod_url")...),
				Headers:        []string{"X-MBX-APIKEY"},
				DynamicHeaders: true,
				DynamicQuery:   true,
				URL:            true,
				Signing:        []string{"HMAC-SHA256"},
			},
		},
		{
			name: "twitter fetches a token and signs OAuth 1.0a with CryptoJS",
			src:  twitterScript,
			want: Report{
				Sets:         env("bearer_token"),
				Headers:      []string{"Authorization"},
				Auth:         true,
				Signing:      []string{"HMAC-SHA1"},
				SendRequests: 1,
				Packages:     []string{"postman-collection"},
			},
		},
		{
			name: "xray logs in through pm.sendRequest; a commented-out line is not read",
			src: `if (!pm.environment.get("AUTH_TOKEN"))
{
    pm.sendRequest({
        //url: pm.environment.get("api-url") + 'v2/authenticate',
        url:  'https://xray.cloud.getxray.app/api/v2/authenticate',
        body: { mode: 'raw', raw: JSON.stringify({ client_id: pm.environment.get("client_id"), client_secret: pm.environment.get("client_secret") }) }
    }, function (err, res) {
        pm.environment.set("AUTH_TOKEN", res.json());
    });
}`,
			want: Report{Reads: env("AUTH_TOKEN", "client_id", "client_secret"), Sets: env("AUTH_TOKEN"), SendRequests: 1},
		},
		{
			name: "salesforce adds a header",
			src:  "// Specifying Postman as the client for Salesforce logs \npm.request.headers.add({key: 'Sforce-Call-Options', value: 'client=postman' });\n",
			want: Report{Headers: []string{"Sforce-Call-Options"}},
		},
		{
			name: "p2oa sets a local variable",
			src:  `pm.variables.set("webApp", "auth/web");`,
			want: Report{Sets: vars("variables", "webApp")},
		},
		{
			name: "commercetools test script stores ids; legacy tests count",
			src: `tests["Status code is 200"] = responseCode.code === 200;
var data = JSON.parse(responseBody);
if(data.access_token){
    pm.environment.set("ctp_access_token", data.access_token);
}
if (data.scope) {
    parts = parts.filter(scope => scope.includes(":")).map(scope => scope.split(":"))
    pm.environment.set("project-key", scopeParts[1]);
    pm.environment.set("project-key", scopeParts[1]);
}`,
			want: Report{Sets: env("ctp_access_token", "project-key"), Tests: 1},
		},
		{
			name: "msgraph and newman use the legacy setters",
			src: `var json = JSON.parse(responseBody);
postman.setEnvironmentVariable("UserId", json.id);
var authenticateHeader = postman.getResponseHeader('WWW-Authenticate'),
    realmStart = authenticateHeader.indexOf('"',authenticateHeader.indexOf("realm")) + 1;
postman.setGlobalVariable('echo_digest_realm', realm);
postman.clearEnvironmentVariable("old");`,
			want: Report{Sets: append(env("UserId"), vars("globals", "echo_digest_realm")...), Unsets: env("old")},
		},
		{
			name: "docusign sets collection variables and asserts",
			src: `pm.collectionVariables.set('_jwtHelper_authorizationUrl', authorize);
pm.test("Status code is 200", function () { pm.response.to.have.status(200); });
pm.collectionVariables.unset('verifier');
pm.execution.setNextRequest(null);`,
			want: Report{Sets: cvars("_jwtHelper_authorizationUrl"), Unsets: cvars("verifier"), Tests: 1, NextRequest: true},
		},
		{
			name: "names the scan cannot tell are flags",
			src:  "pm.environment.set(name, v); pm.environment.set('a' + b, v); pm.request.headers.add(h); pm.request.headers.remove('X-Old'); pm.globals.set(`t`, 1)",
			want: Report{Sets: vars("globals", "t"), DynamicSets: true, DynamicHeaders: true, RemovedHeaders: []string{"X-Old"}},
		},
		{
			name: "query parameters by name",
			src:  "pm.request.url.query.upsert({key: 'timestamp', value: ts}); pm.request.url.addQueryParams('signature=x&recvWindow=5000'); pm.request.url.query.add({key: \"nonce\", value: n})",
			want: Report{Query: []string{"timestamp", "signature", "recvWindow", "nonce"}},
		},
		{
			name: "body, method and URL",
			src:  "pm.request.body.raw = JSON.stringify(b); pm.request.method = 'POST'; pm.request.url.update('https://x'); pm.request.body.update({mode: 'raw'})",
			want: Report{Body: true, Method: true, URL: true},
		},
		{
			name: "Node crypto and CryptoJS hashes",
			src:  "const sig = require('crypto').createHmac('sha256', secret).update(msg).digest('hex'); const h = crypto.createHash('md5'); var d = CryptoJS.SHA256(body).toString(CryptoJS.enc.Hex); var e = CryptoJS.algo.SHA512.create()",
			want: Report{Signing: []string{"HMAC-SHA256", "MD5", "SHA-256", "SHA-512"}, Packages: []string{"crypto"}},
		},
		{
			name: "paypal runs code it keeps in a variable",
			src:  "// import functions from environment\neval(pm.collectionVariables.get(\"paypal_postman_scripts\"));\nconst f = new Function('return 1'); myeval(x)",
			want: Report{Reads: cvars("paypal_postman_scripts"), Eval: true},
		},
		{
			name: "docusign loads jsrsasign and signs a JWT",
			src:  "utils = (function(){ const jsrsasign = pm.require('npm:jsrsasign@11.1.0'); const { KJUR, KEYUTIL } = jsrsasign; return KJUR.jws.JWS.sign('RS256', h, p, key) })(); const sdk = require('postman-collection'); require('//go:x')",
			want: Report{Packages: []string{"npm:jsrsasign@11.1.0", "postman-collection"}, Signing: []string{"JWS"}},
		},
		{
			name: "Web Crypto digest",
			src:  "const d = await crypto.subtle.digest('SHA-256', data)",
			want: Report{Signing: []string{"SHA-256"}},
		},
		{
			name: "API names inside strings, comments and regular expressions are not calls",
			src:  "var s = \"pm.environment.set('a', 1)\"; // pm.globals.set('b', 1)\n/* pm.variables.set('c') */ var r = /pm.environment.set\\('d'/g; var q = '\\'pm.environment.set(\"e\")';",
			want: Report{},
		},
		{
			name: "a substitution in a template literal is code",
			src:  "var u = `${base}/x?${pm.environment.set('inTemplate', 1)}`; pm.environment.set(`tail`, 2)",
			want: Report{Sets: env("inTemplate", "tail")},
		},
		{
			name: "a regular expression with quotes and slashes in a class does not swallow code",
			src:  "var ok = /[\"'/]+/.test(x); pm.environment.set('after', 1); var n = a / b / c; pm.environment.set('div', 2)",
			want: Report{Sets: env("after", "div")},
		},
		{
			name: "names that are not plain are not reported",
			src: "pm.environment.set('//go:generate rm -rf /', 1); pm.environment.set('a b', 1); pm.environment.set('eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U', 1);" +
				"pm.request.headers.add({key: 'Bad\\nHeader', value: 1}); pm.request.headers.add({key: 'X Space', value: 1}); pm.environment.set('" + strings.Repeat("a", 101) + "', 1)",
			want: Report{DynamicSets: true, DynamicHeaders: true},
		},
		{
			name: "a local named like a legacy global is not the sandbox's",
			src:  "const request = build(); request.headers.add({key: 'X-Not', value: 1}); const environment = {}; environment.set('x', 1)",
			want: Report{},
		},
		{
			name: "Unicode identifiers and odd characters",
			src:  "const café = 1; const 名前 = pm.variables.get('名前'); \u2028 pm.environment.set('ok', 1)\u00a0; \xff\xfe pm.globals.set(\"g\", 2) \u202e",
			want: Report{Sets: append(env("ok"), vars("globals", "g")...)},
		},
		{
			name: "optional chaining and bracket members",
			src:  "pm?.environment?.set('opt', 1); pm['collectionVariables']['set']('br', 2)",
			want: Report{Sets: append(env("opt"), cvars("br")...)},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Scan(tt.src)
			if diff := cmp.Diff(tt.want, got, cmpopts.IgnoreFields(Report{}, "Calls"), cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("Scan (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCalls(t *testing.T) {
	got := Scan(binanceScript + "\n" + twitterScript + "\ntests['x'] = responseCode.code === 200; postman.setEnvironmentVariable('a', 1)").Calls
	for key, n := range map[string]int{
		"pm.environment.get()":             3,
		"pm.request.url.host=":             1,
		"pm.request.url.query=":            1,
		"pm.request.url.query":             1,
		"pm.request.url.query.clear()":     1,
		"pm.request.headers.add()":         1,
		"crypto.subtle.sign()":             1,
		"pm.sendRequest()":                 1,
		"CryptoJS.HmacSHA1()":              1,
		"CryptoJS.enc.Base64.stringify()":  1,
		"require()":                        1,
		"tests[]=":                         1,
		"responseCode.code":                1,
		"postman.setEnvironmentVariable()": 1,
		"console.error()":                  1,
	} {
		if got[key] != n {
			t.Errorf("Calls[%q] = %d, want %d", key, got[key], n)
		}
	}
	for key := range got {
		if strings.HasPrefix(key, "headers.") || strings.HasPrefix(key, "parameters.") || strings.HasPrefix(key, "Date.") {
			t.Errorf("Calls has %q, which is not the sandbox's", key)
		}
	}
}

func TestEffects(t *testing.T) {
	if r := Scan(`pm.test("ok", () => pm.response.to.have.status(200)); console.log(pm.response.json())`); r.Effects() {
		t.Errorf("a script that only asserts has effects: %+v", r)
	}
	if r := Scan(`pm.environment.set("t", 1)`); !r.Effects() {
		t.Errorf("a script that sets a variable has no effects")
	}
}
