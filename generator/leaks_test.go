package generator

import (
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"
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
