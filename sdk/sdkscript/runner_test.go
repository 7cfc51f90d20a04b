package sdkscript

import (
	"context"
	"crypto/hmac"
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"
)

// newRequest is the request the table tests start from.
func newRequest() *Request {
	return &Request{
		Name: "Get thing", ID: "req-1", Method: "POST",
		URL:      "https://{{host}}/v1/things/:id?a=1&b=two&empty",
		Header:   http.Header{"Accept": {"application/json"}, "X-Trace": {"t1"}},
		BodyMode: "raw", Body: []byte(`{"n":1}`),
		Auth: map[string]any{"type": "bearer", "bearer": []any{map[string]any{"key": "token", "value": "{{token}}"}}},
	}
}

func newScopes() *Scopes {
	return &Scopes{
		Local:           &Vars{},
		Environment:     NewVars(map[string]string{"env": "E", "shared": "from-env", "host": "api.example.com"}),
		Collection:      NewVars(map[string]string{"coll": "C", "shared": "from-collection"}),
		Globals:         NewVars(map[string]string{"glob": "G", "shared": "from-globals"}),
		EnvironmentName: "staging",
	}
}

// runOut runs src as a pre-request (or, with resp, test) script and returns what
// it stored in the environment variable "out".
func runOut(t *testing.T, src string, resp *Response) (string, *Request, *Scopes, error) {
	t.Helper()
	var logs []string
	r := New(Options{
		Now: fixedNow, Rand: zeroRand{},
		Logger: func(level, msg string) { logs = append(logs, level+": "+msg) },
		SendRequest: func(ctx context.Context, req *Request) (*Response, error) {
			return &Response{Code: 201, Header: http.Header{"X-Sent": {req.Method + " " + req.URL}}, Body: []byte(`{"echo":` + fmt.Sprintf("%q", string(req.Body)) + `}`)}, nil
		},
	})
	req, vars := newRequest(), newScopes()
	var err error
	if resp != nil {
		_, err = r.Test(context.Background(), []Script{{Path: "item[0].event[1]", Source: src}}, req, resp, vars)
	} else {
		err = r.PreRequest(context.Background(), []Script{{Path: "item[0].event[0]", Source: src}}, req, vars)
	}
	out, _ := vars.Environment.(*Vars).String("out")
	if len(logs) > 0 {
		out += " | " + strings.Join(logs, " | ")
	}
	return out, req, vars, err
}

func TestScriptAPI(t *testing.T) {
	sum := func(h []byte) string { return hex.EncodeToString(h) }
	mac := func(newH func() []byte) string { return sum(newH()) }
	hs256 := hmac.New(sha256.New, []byte("key"))
	hs256.Write([]byte("msg"))
	hs1 := hmac.New(sha1.New, []byte("key"))
	hs1.Write([]byte("msg"))
	hs512 := hmac.New(sha512.New, []byte("key"))
	hs512.Write([]byte("msg"))
	s1 := sha1.Sum([]byte("héllo"))
	s256 := sha256.Sum256([]byte("héllo"))
	s512 := sha512.Sum512([]byte("héllo"))
	m5 := md5.Sum([]byte("héllo"))
	tests := []struct{ name, src, want string }{
		// Variables and their scopes.
		{"variables precedence", `pm.environment.set('out', [pm.variables.get('shared'), pm.variables.get('coll'), pm.variables.get('glob'), pm.variables.get('nope')].join(','))`, "from-env,C,G,"},
		{"variables.set is local and wins", `pm.variables.set('shared', 'local'); pm.environment.set('out', pm.variables.get('shared') + ' ' + pm.environment.get('shared'))`, "local from-env"},
		{"has and unset", `pm.collectionVariables.unset('coll'); pm.environment.set('out', [pm.collectionVariables.has('coll'), pm.globals.has('glob'), pm.variables.has('env')].join())`, "false,true,true"},
		{"replaceIn", `pm.environment.set('out', pm.variables.replaceIn('{{env}}-{{coll}}-{{missing}}-{{$timestamp}}'))`, fmt.Sprintf("E-C-{{missing}}-%d", fixedTime.Unix())},
		{"randomUUID is from Rand", `pm.environment.set('out', pm.variables.replaceIn('{{$randomUUID}}'))`, "00000000-0000-4000-8000-000000000000"},
		{"toObject", `pm.environment.set('out', JSON.stringify(pm.globals.toObject()))`, `{"glob":"G","shared":"from-globals"}`},
		{"environment name", `pm.environment.set('out', pm.environment.name)`, "staging"},
		{"legacy postman and environment", `postman.setEnvironmentVariable('x', 5); postman.setGlobalVariable('g2', 'y'); pm.environment.set('out', [postman.getEnvironmentVariable('x'), typeof postman.getEnvironmentVariable('x'), environment.env, globals.glob, postman.getGlobalVariable('g2')].join())`, "5,string,E,G,y"},
		{"objects are copies", `pm.environment.set('o', {a: 1}); const o = pm.environment.get('o'); o.a = 2; pm.environment.set('arr', [1]); pm.environment.set('out', pm.environment.get('o').a + ' ' + Array.isArray(pm.environment.get('arr')) + ' ' + JSON.stringify(pm.environment.get('arr')))`, "1 true [1]"},
		{"typed values", `pm.environment.set('n', 5); pm.environment.set('o', {a: [1]}); pm.environment.set('out', typeof pm.environment.get('n') + ' ' + JSON.stringify(pm.environment.get('o')))`, `number {"a":[1]}`},
		// pm.info and pm.request reads.
		{"info", `pm.environment.set('out', [pm.info.eventName, pm.info.requestName, pm.info.requestId, pm.info.iteration].join())`, "prerequest,Get thing,req-1,0"},
		{"url parts", `const u = pm.request.url; pm.environment.set('out', [u.protocol, u.getHost(), u.getPath(), u.getQueryString(), u.query.get('b'), u.query.has('empty'), u.variables.count()].join('|'))`, "https|{{host}}|/v1/things/:id|a=1&b=two&empty|two|true|1"},
		{"url toString", `pm.environment.set('out', pm.request.url.toString() + ' ' + pm.request.url)`, "https://{{host}}/v1/things/:id?a=1&b=two&empty https://{{host}}/v1/things/:id?a=1&b=two&empty"},
		{"oauth1 base url", `pm.request.url = 'HTTPS://Api.Example.com:443/a/b?x=1'; pm.environment.set('out', pm.request.url.getOAuth1BaseUrl())`, "https://api.example.com/a/b"},
		{"headers read", `pm.environment.set('out', [pm.request.headers.get('accept'), pm.request.headers.has('X-TRACE'), pm.request.headers.count(), JSON.stringify(pm.request.headers.toObject())].join('|'))`, `application/json|true|2|{"accept":"application/json","x-trace":"t1"}`},
		{"headers find and each", `let ks = []; pm.request.headers.each(h => ks.push(h.key)); const h = pm.request.headers.find(h => h.key === 'Accept'); pm.environment.set('out', ks.join() + ' ' + h.value)`, "Accept,X-Trace application/json"},
		{"body raw", `pm.environment.set('out', pm.request.body.mode + ' ' + pm.request.body.raw + ' ' + JSON.parse(pm.request.body.toString()).n)`, `raw {"n":1} 1`},
		{"method and auth", `pm.environment.set('out', pm.request.method + ' ' + pm.request.auth.type + ' ' + pm.request.auth.parameters().get('token'))`, "POST bearer {{token}}"},
		{"legacy request", `pm.environment.set('out', [request.method, request.url, request.headers.accept, request.data, request.name].join('|'))`, `POST|https://{{host}}/v1/things/:id?a=1&b=two&empty|application/json|{"n":1}|Get thing`},
		// CryptoJS, against Go's crypto.
		{"HmacSHA256 hex", `pm.environment.set('out', CryptoJS.HmacSHA256('msg', 'key').toString())`, mac(func() []byte { return hs256.Sum(nil) })},
		{"HmacSHA1 base64", `pm.environment.set('out', CryptoJS.HmacSHA1('msg', 'key').toString(CryptoJS.enc.Base64))`, base64.StdEncoding.EncodeToString(hs1.Sum(nil))},
		{"HmacSHA512 via require", `const C = require('crypto-js'); pm.environment.set('out', C.enc.Hex.stringify(C.HmacSHA512('msg', 'key')))`, mac(func() []byte { return hs512.Sum(nil) })},
		{"SHA1", `pm.environment.set('out', CryptoJS.SHA1('héllo').toString())`, sum(s1[:])},
		{"SHA256", `pm.environment.set('out', String(CryptoJS.SHA256('héllo')))`, sum(s256[:])},
		{"SHA512", `pm.environment.set('out', CryptoJS.SHA512('héllo') + '')`, sum(s512[:])},
		{"MD5", `pm.environment.set('out', CryptoJS.MD5('héllo').toString(CryptoJS.enc.Hex))`, sum(m5[:])},
		{"Utf8 parse and Base64 stringify", `pm.environment.set('out', CryptoJS.enc.Base64.stringify(CryptoJS.enc.Utf8.parse('héllo')))`, base64.StdEncoding.EncodeToString([]byte("héllo"))},
		{"Base64 parse and Utf8 stringify", `pm.environment.set('out', CryptoJS.enc.Base64.parse('aMOpbGxv').toString(CryptoJS.enc.Utf8))`, "héllo"},
		{"hash of a WordArray key", `const k = CryptoJS.enc.Hex.parse('6b6579'); pm.environment.set('out', CryptoJS.HmacSHA256('msg', k).toString())`, mac(func() []byte { return hs256.Sum(nil) })},
		{"WordArray basics", `const w = CryptoJS.lib.WordArray.create([0x01020304, 0x05000000], 5); pm.environment.set('out', w.toString() + ' ' + w.sigBytes + ' ' + w.clone().concat(CryptoJS.enc.Hex.parse('06')).toString())`, "0102030405 5 010203040506"},
		{"WordArray.random from Rand", `pm.environment.set('out', CryptoJS.lib.WordArray.random(4).toString())`, "00000000"},
		// Encodings.
		{"btoa and atob", `pm.environment.set('out', btoa('user:pass') + ' ' + atob('dXNlcjpwYXNz'))`, "dXNlcjpwYXNz user:pass"},
		{"Buffer", `pm.environment.set('out', Buffer.from('héllo').toString('base64') + ' ' + Buffer.from('aGk=', 'base64').toString() + ' ' + Buffer.from('hi').toString('hex'))`, "aMOpbGxv hi 6869"},
		{"TextEncoder", `pm.environment.set('out', Array.from(new TextEncoder().encode('hé')).join())`, "104,195,169"},
		// Clock and randomness.
		{"Date is Options.Now", `pm.environment.set('out', new Date().toISOString() + ' ' + Date.now())`, fmt.Sprintf("2026-01-02T03:04:05.000Z %d", fixedTime.UnixMilli())},
		{"Math.random is Options.Rand", `pm.environment.set('out', String(Math.random()))`, "0"},
		// Timers run without waiting, in delay order.
		{"setTimeout order", `let s = []; setTimeout(() => { s.push('b'); pm.environment.set('out', s.join()); }, 20); setTimeout(() => s.push('a'), 10); s.push('sync')`, "sync,a,b"},
		// console goes to the logger.
		{"console", `console.log('hi', {a: 1}, 2); console.warn('careful'); pm.environment.set('out', 'x')`, `x | log: hi {"a":1} 2 | warn: careful`},
		// pm.sendRequest through Options.SendRequest.
		{"sendRequest callback", `pm.sendRequest({url: 'https://auth.example.com/token', method: 'POST', header: {'Content-Type': 'application/json'}, body: {mode: 'raw', raw: '{"u":1}'}}, (err, res) => pm.environment.set('out', [err, res.code, res.headers.get('x-sent'), res.json().echo].join('|')))`, `|201|POST https://auth.example.com/token|{"u":1}`},
		{"sendRequest urlencoded", `pm.sendRequest({url: 'https://a/b', method: 'POST', body: {mode: 'urlencoded', urlencoded: [{key: 'grant_type', value: 'client credentials'}]}}, (err, res) => pm.environment.set('out', res.json().echo))`, "grant_type=client+credentials"},
		{"sendRequest string and await", `const res = await pm.sendRequest('https://a/c'); pm.environment.set('out', res.code + ' ' + res.headers.get('X-Sent'))`, "201 GET https://a/c"},
		{"crypto.subtle HMAC", `const k = await crypto.subtle.importKey('raw', new TextEncoder().encode('key'), {name: 'HMAC', hash: 'SHA-256'}, false, ['sign']); const s = await crypto.subtle.sign('HMAC', k, new TextEncoder().encode('msg')); pm.environment.set('out', Array.from(new Uint8Array(s)).map(b => b.toString(16).padStart(2, '0')).join(''))`, mac(func() []byte { return hs256.Sum(nil) })},
		{"lodash has", `pm.environment.set('out', _.has({a: {b: 1}}, 'a.b') + ' ' + _.has({}, 'a'))`, "true false"},
		{"setNextRequest is ignored", `pm.execution.setNextRequest(null); postman.setNextRequest('x'); pm.environment.set('out', 'ok')`, `ok | debug: item[0].event[0]: setNextRequest(null) ignored: an SDK call runs one request | debug: item[0].event[0]: setNextRequest("x") ignored: an SDK call runs one request`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, _, _, err := runOut(t, tc.src, nil)
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
}

func TestPreRequestChangesRequest(t *testing.T) {
	tests := []struct {
		name, src string
		check     func(t *testing.T, req *Request)
	}{
		{"query add upsert remove", `pm.request.url.query.add({key: 'c', value: '3'}); pm.request.url.query.upsert({key: 'a', value: '9'}); pm.request.url.query.remove('b'); pm.request.addQueryParams('d=4')`,
			func(t *testing.T, req *Request) {
				wantEq(t, req.URL, "https://{{host}}/v1/things/:id?a=9&empty&c=3&d=4")
			}},
		{"query as a string", `pm.request.url.query = 'x=1&y=2'`,
			func(t *testing.T, req *Request) { wantEq(t, req.URL, "https://{{host}}/v1/things/:id?x=1&y=2") }},
		{"url replaced", `pm.request.url = 'https://other.example.com/p?q=1'`,
			func(t *testing.T, req *Request) { wantEq(t, req.URL, "https://other.example.com/p?q=1") }},
		{"host replaced", `pm.request.url.host = ['https://h.example.com']; pm.request.url.protocol = undefined`,
			func(t *testing.T, req *Request) {
				wantEq(t, req.URL, "https://h.example.com/v1/things/:id?a=1&b=two&empty")
			}},
		{"headers add upsert remove (upsert takes the new spelling, as Postman)", `pm.request.headers.add({key: 'X-New', value: '1'}); pm.request.headers.upsert({key: 'accept', value: 'text/plain'}); pm.request.headers.remove('x-trace'); pm.request.headers.add('X-Str: s')`,
			func(t *testing.T, req *Request) {
				wantEq(t, fmt.Sprint(req.Header), "map[X-New:[1] X-Str:[s] accept:[text/plain]]")
			}},
		{"method", `pm.request.method = 'get'`, func(t *testing.T, req *Request) { wantEq(t, req.Method, "get") }},
		{"raw body", `pm.request.body.raw = JSON.stringify({n: 2})`, func(t *testing.T, req *Request) { wantEq(t, string(req.Body), `{"n":2}`) }},
		{"body update to urlencoded", `pm.request.body.update({mode: 'urlencoded', urlencoded: [{key: 'a b', value: 'c&d'}, {key: 'off', value: '1', disabled: true}]})`,
			func(t *testing.T, req *Request) {
				wantEq(t, req.BodyMode+" "+string(req.Body), "urlencoded a+b=c%26d")
				wantEq(t, fmt.Sprint(req.Form), "[{a b c&d    false} {off 1    true}]")
			}},
		{"auth", `pm.request.auth.update({type: 'apikey', apikey: [{key: 'key', value: 'X-Key'}]})`,
			func(t *testing.T, req *Request) {
				wantEq(t, fmt.Sprint(req.Auth), "map[apikey:[map[key:key value:X-Key]] bearer:[map[key:token value:{{token}}]] type:apikey]")
			}},
		{"untouched request stays as it was", `pm.request.url.toString(); pm.request.headers.get('a')`,
			func(t *testing.T, req *Request) {
				if fmt.Sprint(req) != fmt.Sprint(newRequest()) {
					t.Errorf("request changed: %+v", req)
				}
			}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, req, _, err := runOut(t, tc.src, nil)
			if err != nil {
				t.Fatal(err)
			}
			tc.check(t, req)
		})
	}
}

func wantEq(t *testing.T, got, want string) {
	t.Helper()
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestUrlencodedBodyFromBytes(t *testing.T) {
	r := New(Options{})
	req := &Request{Method: "POST", URL: "https://x/y", BodyMode: "urlencoded", Body: []byte("a=1&b=x+y")}
	vars := &Scopes{}
	err := r.PreRequest(context.Background(), []Script{{Path: "event[0]", Source: `
		const keys = []; pm.request.body.urlencoded.each(p => keys.push(p.key + '=' + p.value));
		pm.environment.set('seen', keys.join(';'));
		pm.request.body.urlencoded.add({key: 'c', value: '3'});`}}, req, vars)
	if err != nil {
		t.Fatal(err)
	}
	seen, _ := vars.Environment.(*Vars).String("seen")
	wantEq(t, seen, "a=1;b=x y")
	wantEq(t, string(req.Body), "a=1&b=x+y&c=3")
}

func TestTestScripts(t *testing.T) {
	resp := &Response{Code: 200, Header: http.Header{"Content-Type": {"application/json"}, "X-Id": {"7"}}, Body: []byte(`{"token":"abc","items":[1,2,3]}`)}
	cases := []struct{ name, src, want string }{
		{"response reads", `pm.environment.set('out', [pm.response.code, pm.response.status, pm.response.headers.get('x-id'), pm.response.json().token, pm.response.text().length, pm.info.eventName].join('|'))`, `200|OK|7|abc|31|test`},
		{"xml2Json", `const r = xml2Json('<soapenv:Envelope xmlns:soapenv="urn:e"><soapenv:Body><loginResponse><result><sessionId> S1 </sessionId><id a="1">x</id><n>1</n><n>2</n><empty/></result></loginResponse></soapenv:Body></soapenv:Envelope>')["soapenv:Envelope"]; pm.environment.set('out', JSON.stringify([r.$, r["soapenv:Body"].loginResponse.result, xml2Json('<a><b></a>')]))`, `[{"xmlns:soapenv":"urn:e"},{"empty":"","id":{"$":{"a":"1"},"_":"x"},"n":["1","2"],"sessionId":"S1"},null]`},
		{"legacy response globals", `pm.environment.set('out', [responseCode.code, JSON.parse(responseBody).token, responseHeaders['Content-Type'], postman.getResponseHeader('x-id'), responseBody.has('token')].join('|'))`, "200|abc|application/json|7|true"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, _, _, err := runOut(t, tc.src, resp)
			if err != nil {
				t.Fatal(err)
			}
			wantEq(t, got, tc.want)
		})
	}

	r := New(Options{})
	src := `
pm.test("status is 200", () => pm.response.to.have.status(200));
pm.test("status is 201", function () { pm.response.to.have.status(201); });
pm.test("has header", () => { pm.response.to.have.header('X-Id'); pm.response.to.be.ok; pm.response.to.not.be.error; pm.response.to.have.jsonBody('token'); });
pm.test("expect chains", () => {
	const j = pm.response.json();
	pm.expect(j.items).to.have.lengthOf(3);
	pm.expect(j.items).to.have.lengthOf.at.least(1);
	pm.expect(j.token).to.not.be.empty;
	pm.expect(j).to.have.property('token', 'abc');
	pm.expect(j.items).to.include(2);
	pm.expect(j.token).to.be.a('string');
	pm.expect(j.missing).to.be.undefined;
	pm.expect(j.token).to.be.oneOf(['abc', 'def']);
	pm.expect(j).to.eql({token: 'abc', items: [1, 2, 3]});
	pm.expect(j.items.length).to.be.gt(2);
});
pm.test("failing expect", () => pm.expect([]).to.not.be.empty);
tests["legacy pass"] = responseCode.code === 200;
tests["legacy fail"] = false;
`
	results, err := r.Test(context.Background(), []Script{{Path: "item[2].event[1]", Source: src}}, newRequest(), resp, &Scopes{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, res := range results {
		got = append(got, fmt.Sprintf("%s %v %s", res.Name, res.Passed, res.Error))
	}
	want := []string{
		"status is 200 true ",
		"status is 201 false expected response to have status code 201 but got 200",
		"has header true ",
		"expect chains true ",
		"failing expect false expected [] not to be empty",
		"legacy pass true ",
		"legacy fail false expected false to be truthy",
	}
	wantEq(t, strings.Join(got, "\n"), strings.Join(want, "\n"))
	if results[0].Script != "item[2].event[1]" {
		t.Errorf("result names script %q", results[0].Script)
	}
}

// TestLoginStoresToken: a login request's test script stores the token from
// the response, and the next request's pre-request script uses it.
func TestLoginStoresToken(t *testing.T) {
	r := New(Options{})
	vars := &Scopes{Environment: &Vars{}}
	login := []Script{{Path: "item[0].event[0]", Source: `
		const body = pm.response.json();
		pm.test('logged in', () => pm.expect(body.access_token).to.be.a('string'));
		pm.environment.set('token', body.access_token);`}}
	resp := &Response{Code: 200, Body: []byte(`{"access_token":"tok-123","expires_in":3600}`)}
	if _, err := r.Test(context.Background(), login, &Request{Method: "POST", URL: "https://x/login"}, resp, vars); err != nil {
		t.Fatal(err)
	}
	tok, _ := vars.Environment.(*Vars).String("token")
	wantEq(t, tok, "tok-123")

	next := &Request{Method: "GET", URL: "https://x/me", Header: http.Header{}}
	use := []Script{{Path: "item[1].event[0]", Source: `pm.request.headers.upsert({key: 'Authorization', value: 'Bearer ' + pm.environment.get('token')})`}}
	if err := r.PreRequest(context.Background(), use, next, vars); err != nil {
		t.Fatal(err)
	}
	wantEq(t, next.Header.Get("Authorization"), "Bearer tok-123")
}

// TestResultsBeforeError: the tests a script ran before it threw are
// returned with the error, as newman reports them.
func TestResultsBeforeError(t *testing.T) {
	r := New(Options{})
	src := `tests["first"] = true; pm.test("second", () => pm.expect(1).to.equal(2)); undefinedThing.x;`
	results, err := r.Test(context.Background(), []Script{{Path: "item[0].event[1]", Source: src}}, &Request{}, &Response{Code: 200}, &Scopes{})
	if err == nil || !strings.Contains(err.Error(), "ReferenceError: undefinedThing is not defined") {
		t.Fatalf("got %v", err)
	}
	var got []string
	for _, res := range results {
		got = append(got, fmt.Sprintf("%s=%v", res.Name, res.Passed))
	}
	wantEq(t, strings.Join(got, " "), "second=false first=true")
}

// TestSetUndefinedKeepsTheVariable holds newman 6's behaviour (checked with
// newman run): a variable set to undefined reads back as undefined, has()
// true and absent from toObject() until the script ends; then it holds
// null, which the next script reads as null and {{name}} substitutes as
// "null".
func TestSetUndefinedKeepsTheVariable(t *testing.T) {
	r := New(Options{})
	vars := &Scopes{}
	err := r.PreRequest(context.Background(), []Script{
		{Path: "event[0]", Source: `pm.environment.set('env', undefined); pm.collectionVariables.set('coll', null);
pm.environment.set('out', [typeof pm.environment.get('env'), pm.environment.has('env'), JSON.stringify(pm.environment.toObject()), pm.collectionVariables.get('coll')].join())`},
		{Path: "item[0].event[0]", Source: `pm.environment.set('later', typeof pm.variables.get('env') + ' ' + pm.variables.replaceIn('/jobs/{{env}}'))`},
	}, &Request{}, vars)
	if err != nil {
		t.Fatal(err)
	}
	out, _ := vars.Environment.Get("out")
	wantEq(t, fmt.Sprint(out), "undefined,true,{},")
	later, _ := vars.Environment.Get("later")
	wantEq(t, fmt.Sprint(later), "object /jobs/null")
	if v, ok := vars.Environment.Get("env"); !ok || v != nil {
		t.Errorf("env after the script = %v %v, want nil (null), set", v, ok)
	}
	if v, ok := vars.Collection.Get("coll"); !ok || v != nil {
		t.Errorf("null should be stored as nil, got %v %v", v, ok)
	}
}

func TestScriptsShareHelpers(t *testing.T) {
	// A collection script defines a helper without var/let/const (Postman's way
	// of sharing code); the request's script calls it. var stays local.
	r := New(Options{})
	vars := &Scopes{}
	err := r.PreRequest(context.Background(), []Script{
		{Path: "event[0]", Source: `helper = (x) => x + '!'; var hidden = 1;`},
		{Path: "item[0].event[0]", Source: `pm.environment.set('out', helper('hi') + typeof hidden);`},
	}, &Request{URL: "https://x"}, vars)
	if err != nil {
		t.Fatal(err)
	}
	out, _ := vars.Environment.(*Vars).String("out")
	wantEq(t, out, "hi!undefined")
}

// TestSandboxPersists: as in newman, a helper the folder's pre-request script
// defines is there for the request's test script (docusign-monitor's utils),
// while pm, the legacy response globals and pending work are per call. With
// Isolate, calls share nothing.
func TestSandboxPersists(t *testing.T) {
	pre := []Script{{Path: "item[0].event[0]", Source: `utils = {tag: (s) => '[' + s + ']'}; setTimeout(() => pm.environment.set('late', pm.info.eventName), 5)`}}
	test := []Script{{Path: "item[0].item[0].event[1]", Source: `pm.environment.set('out', utils.tag(pm.response.code) + ' ' + typeof responseBody)`}}
	after := []Script{{Path: "item[1].event[0]", Source: `pm.environment.set('out2', typeof responseBody + ' ' + typeof tests)`}}
	r := New(Options{})
	vars := &Scopes{}
	if err := r.PreRequest(context.Background(), pre, &Request{}, vars); err != nil {
		t.Fatal(err)
	}
	if _, err := r.Test(context.Background(), test, &Request{}, &Response{Code: 204}, vars); err != nil {
		t.Fatal(err)
	}
	if err := r.PreRequest(context.Background(), after, &Request{}, vars); err != nil {
		t.Fatal(err)
	}
	env := vars.Environment.(*Vars)
	out, _ := env.String("out")
	out2, _ := env.String("out2")
	late, _ := env.String("late")
	wantEq(t, out+" | "+out2+" | "+late, "[204] string | undefined undefined | prerequest")

	iso := New(Options{Isolate: true})
	if err := iso.PreRequest(context.Background(), pre, &Request{}, &Scopes{}); err != nil {
		t.Fatal(err)
	}
	_, err := iso.Test(context.Background(), test, &Request{}, &Response{Code: 204}, &Scopes{})
	if err == nil || !strings.Contains(err.Error(), "ReferenceError: utils is not defined") {
		t.Errorf("isolated runner shared a global: %v", err)
	}
}

// TestTimeoutThenReuse: a call cut off by its time limit or by endless
// recursion leaves the shared sandbox usable for the next call.
func TestTimeoutThenReuse(t *testing.T) {
	r := New(Options{Timeout: 500 * time.Millisecond})
	if err := r.PreRequest(context.Background(), []Script{{Path: "e", Source: `while (true) {}`}}, &Request{}, &Scopes{}); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("got %v", err)
	}
	if err := r.PreRequest(context.Background(), []Script{{Path: "e", Source: `function f() { return f() + 1 } f()`}}, &Request{}, &Scopes{}); err == nil || !strings.Contains(err.Error(), "Maximum call stack") {
		t.Fatalf("got %v", err)
	}
	vars := &Scopes{}
	if err := r.PreRequest(context.Background(), []Script{{Path: "e", Source: `pm.environment.set('ok', 'yes')`}}, &Request{}, vars); err != nil {
		t.Fatal(err)
	}
	ok, _ := vars.Environment.(*Vars).String("ok")
	wantEq(t, ok, "yes")
}

func TestScriptErrors(t *testing.T) {
	tests := []struct {
		name, src, want string
		unsupported     string
	}{
		{"unsupported pm member", `pm.iterationData.get('x'); pm.cookies.jar()`, "item[3].event[0] (prerequest): pm.cookies.jar is not supported by postgen's script runtime", "pm.cookies.jar"},
		{"unsupported call", `pm.require('npm:jsrsasign@11.1.0')`, "item[3].event[0] (prerequest): pm.require is not supported by postgen's script runtime", "pm.require"},
		{"unknown pm.request member", `pm.request.url.getQueryParams()`, "item[3].event[0] (prerequest): pm.request.url.getQueryParams is not supported by postgen's script runtime", "pm.request.url.getQueryParams"},
		{"unsupported even when caught", `try { pm.vault.get('k') } catch (e) {}`, "item[3].event[0] (prerequest): pm.vault.get is not supported by postgen's script runtime", "pm.vault.get"},
		{"no fs", `const fs = require('fs'); pm.environment.set('out', fs.readFileSync('/etc/passwd', 'utf8'))`, "item[3].event[0] (prerequest): require('fs') is not supported by postgen's script runtime", "require('fs')"},
		{"no child_process", `require('child_process').execSync('id')`, "item[3].event[0] (prerequest): require('child_process') is not supported by postgen's script runtime", "require('child_process')"},
		{"no process", `pm.environment.set('out', process.env.HOME)`, "item[3].event[0] (prerequest): ReferenceError: process is not defined (line 1:27)", ""},
		{"thrown error with line", "const a = 1;\nthrow new Error('boom')", "item[3].event[0] (prerequest): Error: boom (line 2:7)", ""},
		{"syntax error", "let x = ;", "item[3].event[0] (prerequest): syntax error: Unexpected token ; (line 1:9)", ""},
		{"rejected await", `await Promise.reject(new Error('nope'))`, "item[3].event[0] (prerequest): Error: nope", ""},
		{"sandbox internals are hidden", `__postgen.finish()`, "item[3].event[0] (prerequest): ReferenceError: __postgen is not defined (line 1:1)", ""},
		{"natives are hidden", `__native.send('{}')`, "item[3].event[0] (prerequest): ReferenceError: __native is not defined (line 1:1)", ""},
		{"endless recursion", `function f(n) { return f(n + 1) + 1 } f(0)`, "item[3].event[0] (prerequest): RangeError: Maximum call stack size exceeded", ""},
		{"setInterval", `setInterval(() => {}, 10)`, "item[3].event[0] (prerequest): setInterval is not supported by postgen's script runtime", "setInterval"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := New(Options{})
			err := r.PreRequest(context.Background(), []Script{{Path: "item[3].event[0]", Source: tc.src}}, &Request{URL: "https://x"}, &Scopes{})
			var se *ScriptError
			if !errors.As(err, &se) {
				t.Fatalf("got %v, want a *ScriptError", err)
			}
			if !strings.HasPrefix(err.Error(), tc.want) {
				t.Errorf("got  %s\nwant %s", err, tc.want)
			}
			wantEq(t, se.Unsupported, tc.unsupported)
		})
	}
}

func TestSendRequestWithoutTransport(t *testing.T) {
	r := New(Options{})
	err := r.PreRequest(context.Background(), []Script{{Path: "event[0]", Source: `pm.sendRequest('https://x', () => {})`}}, &Request{}, &Scopes{})
	if err == nil || !strings.Contains(err.Error(), "event[0] (prerequest): pm.sendRequest") {
		t.Fatalf("got %v", err)
	}
}

func TestTimeout(t *testing.T) {
	for _, src := range []string{`while (true) {}`, `for (;;) { pm.variables.get('x') }`, `setTimeout(function f() { setTimeout(f, 1) }, 1)`} {
		r := New(Options{Timeout: time.Second})
		start := time.Now()
		err := r.PreRequest(context.Background(), []Script{{Path: "item[0].event[0]", Source: src}}, &Request{}, &Scopes{})
		took := time.Since(start)
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("%s: got %v, want a deadline error", src, err)
		}
		wantEq(t, err.Error(), "item[0].event[0] (prerequest): did not finish within the 1s time limit")
		if took > 10*time.Second {
			t.Errorf("%s: stopped after %s", src, took)
		}
	}
}

func TestContextCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	r := New(Options{SendRequest: func(ctx context.Context, req *Request) (*Response, error) {
		cancel()
		<-ctx.Done()
		return nil, ctx.Err()
	}})
	err := r.PreRequest(ctx, []Script{{Path: "event[0]", Source: `pm.sendRequest('https://x', (err) => { while (true) {} })`}}, &Request{}, &Scopes{})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want context.Canceled", err)
	}
	wantEq(t, err.Error(), "event[0] (prerequest): stopped: context canceled")
}

func TestCompileCache(t *testing.T) {
	r := New(Options{})
	s := Script{Path: "event[0]", Source: `pm.variables.set('x', 1)`}
	for i := 0; i < 3; i++ {
		if err := r.PreRequest(context.Background(), []Script{s}, &Request{}, &Scopes{}); err != nil {
			t.Fatal(err)
		}
	}
	if len(r.compile) != 1 {
		t.Errorf("compiled %d programs for one source", len(r.compile))
	}
}

// TestMatchesPostmanCollection checks URL and header handling against what
// postman-collection (newman's request model) gives for the same calls; the
// expected values were printed by newman's own postman-collection package.
func TestMatchesPostmanCollection(t *testing.T) {
	urls := []struct{ raw, want string }{
		{"https://{{host}}/v1/things/:id?a=1&b=two&empty", `["https://{{host}}/v1/things/:id?a=1&b=two&empty&n=a%26b","a=1&b=two&empty&n=a%26b","https://{{host}}/v1/things/:id","{{host}}","/v1/things/:id"]`},
		{"{{url}}/api/v3/x?a=b&&c", `["{{url}}/api/v3/x?a=b&&c&n=a%26b","a=b&&c&n=a%26b","http://{{url}}/api/v3/x","{{url}}","/api/v3/x"]`},
		{"http://u:p@h.com:8080/a/b?x=1#frag", `["http://u:p@h.com:8080/a/b?x=1&n=a%26b#frag","x=1&n=a%26b","http://h.com:8080/a/b","h.com","/a/b"]`},
		{"localhost/?", `["localhost/?&n=a%26b","&n=a%26b","http://localhost/","localhost","/"]`},
		{"https://a.com/p?q={{a&b}}&r=1=2", `["https://a.com/p?q={{a&b}}&r=1=2&n=a%26b","q={{a&b}}&r=1=2&n=a%26b","https://a.com/p","a.com","/p"]`},
		{"{{base}}?x", `["{{base}}?x&n=a%26b","x&n=a%26b","http://{{base}}/","{{base}}","/"]`},
	}
	r := New(Options{})
	for _, tc := range urls {
		vars := &Scopes{}
		src := `const u = pm.request.url; u.query.add({key: 'n', value: 'a&b'});
			pm.environment.set('out', JSON.stringify([u.toString(), u.getQueryString(), u.getOAuth1BaseUrl(), u.getHost(), u.getPath()]))`
		if err := r.PreRequest(context.Background(), []Script{{Path: "event[0]", Source: src}}, &Request{URL: tc.raw}, vars); err != nil {
			t.Fatal(err)
		}
		got, _ := vars.Environment.(*Vars).String("out")
		wantEq(t, got, tc.want)
	}

	vars := &Scopes{}
	req := &Request{URL: "https://x/y?a=1", Header: http.Header{"Accept": {"a"}, "X-Two": {"1"}, "x-two": {"2"}}}
	src := `const h = pm.request.headers; h.upsert({key: 'accept', value: 'b'}); h.add({key: 'X', value: '1'});
		pm.environment.set('out', JSON.stringify([h.toObject(), h.get('x-two'), h.toString(), pm.request.url.query.get('a'), pm.request.url.query.has('a', '1')]))`
	if err := r.PreRequest(context.Background(), []Script{{Path: "event[0]", Source: src}}, req, vars); err != nil {
		t.Fatal(err)
	}
	got, _ := vars.Environment.(*Vars).String("out")
	wantEq(t, got, `[{"accept":"b","x-two":["1","2"],"x":"1"},"2","accept: b\r\nX-Two: 1\r\nx-two: 2\r\nX: 1\r\n","1",true]`)
}

func TestHeaderGet(t *testing.T) {
	h := http.Header{"authorization": {"a"}, "Accept": {"b"}}
	wantEq(t, HeaderGet(h, "Authorization")+HeaderGet(h, "accept")+HeaderGet(h, "X-None"), "ab")
}

func TestPathVariables(t *testing.T) {
	r := New(Options{})
	vars := &Scopes{}
	req := &Request{URL: "https://x/things/:id/parts/:part?q=1", PathVariables: map[string]string{"id": "42", "part": "{{part}}"}}
	src := `const u = pm.request.url;
		pm.environment.set('out', [u.variables.get('id'), u.getPath(), u.getPath(true), u.toString()].join(' '));`
	if err := r.PreRequest(context.Background(), []Script{{Path: "event[0]", Source: src}}, req, vars); err != nil {
		t.Fatal(err)
	}
	out, _ := vars.Environment.(*Vars).String("out")
	wantEq(t, out, "42 /things/42/parts/{{part}} /things/:id/parts/:part https://x/things/42/parts/{{part}}?q=1")
	wantEq(t, req.URL, "https://x/things/:id/parts/:part?q=1") // unchanged: the caller's form stays

	if err := r.PreRequest(context.Background(), []Script{{Path: "event[0]", Source: `pm.request.url.query.add('r=2')`}}, req, vars); err != nil {
		t.Fatal(err)
	}
	wantEq(t, req.URL, "https://x/things/42/parts/{{part}}?q=1&r=2")
}

func TestSugarDates(t *testing.T) {
	got, _, _, err := runOut(t, `const d = new Date(); const same = d.addDays(7) === d; pm.environment.set('out', d.toISOString() + ' ' + same + ' ' + new Date().addHours(2).toISOString())`, nil)
	if err != nil {
		t.Fatal(err)
	}
	wantEq(t, got, "2026-01-09T03:04:05.000Z true 2026-01-02T05:04:05.000Z")
}
