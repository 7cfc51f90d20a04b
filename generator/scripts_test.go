package generator

import (
	"strings"
	"testing"
)

// scriptedCollection has a signing collection script, a folder script
// that fetches a token, a request's test script that stores an id, an
// empty and a disabled script (not reported), and a hostile script whose
// source holds a //go: line, a comment closer and a credential.
const scriptedCollection = `{
  "info": {"name": "Scripted", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
  "event": [
    {"listen": "prerequest", "script": {"exec": [
      "const ts = Date.now();",
      "pm.environment.set('timestamp', ts);",
      "const sig = CryptoJS.HmacSHA256(pm.request.url.getQueryString(), pm.environment.get('api-secret')).toString();",
      "pm.environment.set('signature', sig);",
      "pm.request.headers.add({key: 'X-MBX-APIKEY', value: pm.environment.get('api-key')});"
    ]}},
    {"listen": "test", "script": {"exec": ["   "]}},
    {"listen": "test", "disabled": true, "script": {"exec": ["pm.environment.set('never', 1)"]}}
  ],
  "item": [
    {"name": "Orders", "event": [
      {"listen": "prerequest", "script": {"exec": [
        "pm.sendRequest('https://example.com/token', (err, res) => pm.collectionVariables.set('token', res.json().token));"
      ]}}
    ], "item": [
      {"name": "Create order", "event": [
        {"listen": "test", "script": {"exec": [
          "pm.test('created', () => pm.response.to.have.status(201));",
          "pm.environment.set('orderId', pm.response.json().id);",
          "*/ //go:generate rm -rf / \n//go:build ignore",
          "pm.environment.set('sk_live_4eC39HqLyjWDarjtT1zdp7dc', 1); pm.request.headers.add({key: '//go:x', value: 1})"
        ]}}
      ],
        "request": {"method": "POST", "url": "https://api.example.com/orders?timestamp={{timestamp}}&signature={{signature}}",
          "header": [{"key": "Authorization", "value": "Bearer {{token}}"}]}},
      {"name": "Get order", "request": {"method": "GET", "url": "https://api.example.com/orders/{{orderId}}?u={{undefinedByAll}}"}}
    ]}
  ]
}`

func TestScriptWarningsAndDocs(t *testing.T) {
	out := generateBytes(t, []byte(scriptedCollection), "scripted")
	byPath := map[string]string{}
	for _, d := range out.Diagnostics {
		byPath[d.Path] += d.Message + "\n"
	}
	wants := map[string][]string{
		"event[0]": {"pre-request script of the collection runs before 2 requests (\"Create order\" and \"Get order\")",
			"sets {{timestamp}} and {{signature}}", "adds header X-MBX-APIKEY", "signs with HMAC-SHA256", "reads {{api-secret}} and {{api-key}}",
			"the SDK does not run scripts unless the client has WithScripts(): set those values yourself (WithVariable) or sign in a request hook"},
		"item[0].event[0]": {"pre-request script of folder \"Orders\" runs before 2 requests", "sets {{token}}", "sends 1 request of its own (pm.sendRequest)",
			"set those variables yourself with WithVariable, or compute them in a request hook"},
		"item[0].item[0].event[0]": {"test script of request \"Create order\" runs after it", "sets {{orderId}} and others", "checks the response (1 test)"},
	}
	for path, texts := range wants {
		for _, text := range texts {
			if !strings.Contains(byPath[path], text) {
				t.Errorf("warning at %s does not say %q; it says: %s", path, text, byPath[path])
			}
		}
	}
	for _, path := range []string{"event[1]", "event[2]"} {
		if msg, ok := byPath[path]; ok {
			t.Errorf("an empty or disabled script is reported at %s: %s", path, msg)
		}
	}
	// The variables scripts set are run-time input, not undefined.
	all := strings.Join(func() []string {
		var s []string
		for _, d := range out.Diagnostics {
			s = append(s, d.String())
		}
		return s
	}(), "\n")
	for _, name := range []string{"timestamp", "signature", "token", "orderId"} {
		if strings.Contains(all, "variable \""+name+"\" is used but the collection does not define it") {
			t.Errorf("{{%s}}, which a script sets, is reported as undefined:\n%s", name, all)
		}
	}
	if !strings.Contains(all, `variable "orderId" is set at run time by the test script of request "Create order" (item[0].item[0].event[0]) and is a path argument of Orders.Get: pass its value as the argument, or leave the argument empty on a client with WithScripts() to take the value the script stored`) {
		t.Errorf("no run-time input warning for {{orderId}}:\n%s", all)
	}
	if !strings.Contains(all, `variable "undefinedByAll" is used but the collection does not define it`) {
		t.Errorf("a variable no script sets is not reported as undefined:\n%s", all)
	}

	files := map[string]string{}
	for _, f := range out.Files {
		files[f.Name] = string(f.Data)
	}
	orders := strings.ReplaceAll(files["orders.go"], "\n// ", " ")
	for _, text := range []string{
		"// The collection runs a pre-request script before this request (event[0]): it sets {{timestamp}} and {{signature}}, adds header X-MBX-APIKEY, signs with HMAC-SHA256 and reads {{api-secret}} and {{api-key}}.",
		"The folder \"Orders\" runs a pre-request script before this request (item[0].event[0]): it sets {{token}} and sends 1 request of its own (pm.sendRequest).",
		"The request's own test script runs after the response (item[0].item[0].event[0]): it sets {{orderId}} and others, changes headers and checks the response (1 test).",
		"Without WithScripts() the SDK does not run them: set those values yourself (WithVariable) or sign in",
	} {
		if !strings.Contains(orders, text) {
			t.Errorf("orders.go does not say %q:\n%s", text, orders)
		}
	}
	doc := strings.ReplaceAll(files["doc.go"], "\n// ", " ")
	if !strings.Contains(doc, "The collection has 2 pre-request scripts and 1 test script, which the SDK does not run unless the client has [WithScripts]") ||
		!strings.Contains(doc, `compute them in a request hook: "orderId", "signature", "timestamp" and "token"`) {
		t.Errorf("doc.go does not describe the scripts:\n%s", doc)
	}
	// Nothing of a script's source reaches the SDK but validated names,
	// and the Go string literals of scripts.go (WithScripts runs them);
	// no literal credential reaches any file.
	for name, data := range files {
		for _, leak := range []string{"go:generate rm", "go:build ignore", "//go:x", "sk_live_4eC39HqLyjWDarjtT1zdp7dc", "getQueryString", "rm -rf"} {
			if strings.Contains(data, leak) && (name != "scripts.go" || strings.HasPrefix(leak, "sk_live")) {
				t.Errorf("%s holds %q from a script", name, leak)
			}
		}
	}
	for i, line := range strings.Split(files["scripts.go"], "\n") {
		if isDirectiveLine(line) {
			t.Errorf("scripts.go:%d is a directive: %s", i+1, line)
		}
	}
	if !strings.Contains(files["scripts.go"], "getQueryString") {
		t.Errorf("scripts.go lacks the collection's script:\n%s", files["scripts.go"])
	}
}
