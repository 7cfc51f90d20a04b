package generator

import (
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"

	pgparser "github.com/postgen/postgen/parser"
)

// leakCanary matches the canaries of testdata/leaks: each is a literal
// credential in one of the positions credentials have reached generated
// files through (GraphQL variables and arguments, JWT and ASAP claims,
// text, XML and JSON bodies, URL userinfo in variables, auth URLs' query
// strings, descriptions that repeat a scrubbed value, token formats in
// values of any name, credential names the detector used to miss, and the
// mock server's text, XML and header replays).
var leakCanary = regexp.MustCompile(`CANARY[A-Za-z0-9_-]*`)

func TestNoCredentialReachesAnyFile(t *testing.T) {
	const in = "../testdata/leaks/collection.json"
	raw, err := os.ReadFile(in)
	if err != nil {
		t.Fatal(err)
	}
	canaries := map[string]bool{}
	for _, c := range leakCanary.FindAllString(string(raw), -1) {
		canaries[c] = true
	}
	res := generate(t, in)
	if res == nil {
		t.Fatal("the leaks collection did not generate")
	}
	leaked := map[string][]string{}
	for _, f := range res.Files {
		for _, c := range leakCanary.FindAllString(string(f.Data), -1) {
			leaked[c] = append(leaked[c], f.Name)
		}
	}
	var lines []string
	for c, files := range leaked {
		lines = append(lines, c+" in "+strings.Join(dedupe(files), ", "))
	}
	sort.Strings(lines)
	for _, l := range lines {
		t.Error("leak: " + l)
	}
	t.Logf("%d canaries, %d leaked, %d generated files", len(canaries), len(leaked), len(res.Files))
}

func dedupe(s []string) []string {
	sort.Strings(s)
	out := s[:0]
	for i, x := range s {
		if i == 0 || x != s[i-1] {
			out = append(out, x)
		}
	}
	return out
}

// Control characters in collection text never reach the README or a Go
// file: ESC sequences, CR and bidi overrides change what a terminal or an
// editor shows.
func TestNoControlCharactersInFiles(t *testing.T) {
	data := []byte(`{"info": {"name": "ctl", "description": "desc \u001b[2J\u001b[31mred\r hidden \u202e evil \u0007 bell"},
	 "variable": [{"key": "baseUrl", "value": "https://ctl.example.com/\u001b[8m"}, {"key": "v\u001b", "value": "\u202e1"}],
	 "item": [{"name": "F \u001b]8;;https://x\u0007", "description": "\u202egnp.exe", "item": [
	  {"name": "r\u001b[1m", "request": {"method": "GET", "url": "{{baseUrl}}/x?q=\u001b[0m&v={{v\u001b}}",
	    "header": [{"key": "X-\u001b", "value": "\u202e"}], "description": "a\rb"},
	   "response": [{"name": "e\u001b", "code": 200, "header": [{"key": "X-E", "value": "\u001b[1m"}], "body": "\u001b[31m\r\u202e"}]}]}]}`)
	res := generateBytes(t, data, "ctl")
	for _, f := range res.Files {
		for i, r := range string(f.Data) {
			if r == 0x1b || r == '\r' || r == 0x07 || r == '\u202e' {
				t.Errorf("%s: %U at byte %d", f.Name, r, i)
				break
			}
		}
	}
}

// generateBytes parses and generates a collection given as bytes.
func generateBytes(t *testing.T, data []byte, pkg string) *Result {
	t.Helper()
	res, err := pgparser.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	out, err := Generate(res.Collection, Config{Package: pkg})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
