package scriptscan

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// FuzzScan checks that any input scans without panicking and that every
// name a report holds is one the validators accept: a report never
// carries script text of another shape into generated docs.
func FuzzScan(f *testing.F) {
	for _, seed := range []string{
		binanceScript, twitterScript,
		"pm.environment.set('a', 1)", "`${`${`${", "/[/", "pm.request.headers.add({key:", "tests['x'] = 1",
		"postman.setEnvironmentVariable(\"t\", 1)", "\xff\xfe\u2028/", "a = b / c / d", "require('crypto').createHmac('sha256')",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, src string) {
		r := Scan(src)
		for _, list := range [][]Var{r.Sets, r.Unsets, r.Reads} {
			for _, v := range list {
				if !isVariableName(v.Name) {
					t.Errorf("variable name %q is not plain", v.Name)
				}
			}
		}
		for _, list := range [][]string{r.Headers, r.RemovedHeaders, r.Query} {
			for _, h := range list {
				if !isToken(h) {
					t.Errorf("name %q is not a token", h)
				}
			}
		}
		for k := range r.Calls {
			if !utf8.ValidString(k) && utf8.ValidString(src) {
				t.Errorf("call key %q is not valid UTF-8", k)
			}
		}
	})
}

// TestHostileLinear scans large inputs built to make a careless lexer
// backtrack or rescan (unterminated regular expressions, strings and
// templates, deep nesting, calls that open object literals), and fails
// when one takes far longer than a plain script of the same size.
func TestHostileLinear(t *testing.T) {
	const size = 1 << 20
	fill := func(unit string) string { return strings.Repeat(unit, size/len(unit)) }
	inputs := map[string]string{
		"slashes":            fill("(/"),
		"slashes in classes": fill("(/[/"),
		"quotes":             fill("'\\"),
		"templates":          fill("`${"),
		"closing braces":     fill("}`"),
		"object calls":       fill("pm.request.headers.add({"),
		"chains":             fill("pm."),
		"brackets":           fill("a['b']["),
		"comment opens":      fill("/*"),
		"invalid UTF-8":      fill("\xff\xe2\x80"),
		"line separators":    fill("'\u2028/"),
	}
	plain := fill("pm.environment.set('a', b);\n")
	start := time.Now()
	Scan(plain)
	base := time.Since(start)
	for name, src := range inputs {
		start := time.Now()
		r := Scan(src)
		d := time.Since(start)
		t.Logf("%s: %d bytes in %v (plain script: %v), truncated %v", name, len(src), d, base, r.Truncated)
		if d > 20*base+2*time.Second {
			t.Errorf("%s: %v for %d bytes, a plain script of that size takes %v", name, d, len(src), base)
		}
	}
}
