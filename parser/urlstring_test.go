package parser

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/postgen/postgen/model"
)

func vars(names ...string) []model.Variable {
	var out []model.Variable
	for _, n := range names {
		out = append(out, model.Variable{Key: n})
	}
	return out
}

// TestParseURLString reproduces the table of POSTMAN-FORMAT.md §6.3
// (postman-collection 5.3.1 parses) plus the protocol and backslash corner
// cases of the algorithm.
func TestParseURLString(t *testing.T) {
	tests := []struct {
		in   string
		want model.URL
	}{
		{"{{baseUrl}}/users/:id?active=true", model.URL{
			Host: []string{"{{baseUrl}}"}, Path: []string{"users", ":id"}, Query: q("active=true"), Variables: vars("id")}},
		{"example.com/path", model.URL{Host: []string{"example", "com"}, Path: []string{"path"}}},
		{"localhost:3000", model.URL{Host: []string{"localhost"}, Port: "3000"}},
		{"https://api.example.com:8443/v1/items/?", model.URL{Protocol: "https",
			Host: []string{"api", "example", "com"}, Port: "8443", Path: []string{"v1", "items", ""}, Query: q("")}},
		{"http://a.com?flag&x=&y=1&&z", model.URL{Protocol: "http", Host: []string{"a", "com"},
			Query: q("flag", "x=", "y=1", "", "z")}},
		{"{{host.name}}.com:{{port}}/p", model.URL{Host: []string{"{{host.name}}", "com"}, Port: "{{port}}", Path: []string{"p"}}},
		{"http://user:p%40ss@host/p#sec", model.URL{Protocol: "http", User: "user", Password: "p%40ss", HasUserInfo: true,
			Host: []string{"host"}, Path: []string{"p"}, Hash: "sec"}},
		{"https://example.com/a%20b/c d?q=a b&e=%zz", model.URL{Protocol: "https", Host: []string{"example", "com"},
			Path: []string{"a%20b", "c d"}, Query: q("q=a b", "e=%zz")}},
		{"http://[::1]:8080/x", model.URL{Protocol: "http", Host: []string{"[::1]"}, Port: "8080", Path: []string{"x"}}},
		{"{{baseUrl}}/p?x={{a?b}}&y={{c&d}}#{{h}}", model.URL{Host: []string{"{{baseUrl}}"}, Path: []string{"p"},
			Query: q("x={{a?b}}", "y={{c&d}}"), Hash: "{{h}}"}},
		{"  http:///example.com//x/", model.URL{Protocol: "http", Host: []string{"example", "com"}, Path: []string{"", "x", ""}}},
		{"/relative/only", model.URL{Path: []string{"relative", "only"}}},
		{"http://h/p/:id.json/:id/:other?:notvar=1", model.URL{Protocol: "http", Host: []string{"h"},
			Path: []string{"p", ":id.json", ":id", ":other"}, Query: q(":notvar=1"), Variables: vars("id", "other")}},
		{`http://h\p\q`, model.URL{Protocol: "http", Host: []string{"h"}, Path: []string{"p", "q"}}},
		// Beyond the table: the fragment is cut before the query.
		{"http://h/p#x?y=1", model.URL{Protocol: "http", Host: []string{"h"}, Path: []string{"p"}, Hash: "x?y=1"}},
		// A user without password; the last '@' ends the userinfo.
		{"http://a@b@h", model.URL{Protocol: "http", User: "a@b", HasUserInfo: true, Host: []string{"h"}}},
		// file keeps one of several slashes after "://", and none of one.
		{"file:////tmp/a", model.URL{Protocol: "file", Path: []string{"tmp", "a"}}},
		{"file:///etc/hosts", model.URL{Protocol: "file", Host: []string{"etc"}, Path: []string{"hosts"}}},
		// A protected variable keeps its backslash; an unprotected one (no
		// delimiter inside) has it turned into a slash like any other.
		{`{{a\b.c}}/x\y`, model.URL{Host: []string{`{{a\b.c}}`}, Path: []string{"x", "y"}}},
		{`{{a\b}}/x`, model.URL{Host: []string{"{{a"}, Path: []string{"b}}", "x"}}},
		// Variables with delimiters in host, port, path and userinfo.
		{"{{u:x}}:{{p@w}}@{{h/o}}:{{p:t}}/{{s/e}}/:v", model.URL{User: "{{u:x}}", Password: "{{p@w}}", HasUserInfo: true,
			Host: []string{"{{h/o}}"}, Port: "{{p:t}}", Path: []string{"{{s/e}}", ":v"}, Variables: vars("v")}},
		// "::x" is the variable ":x"; a segment ":" alone is not one; repeats are listed once.
		{"h/::x/:/:y/:y.json", model.URL{Host: []string{"h"}, Path: []string{"::x", ":", ":y", ":y.json"}, Variables: vars(":x", "y")}},
		// A port guard for IPv6 literals without a port.
		{"http://[::1]/x", model.URL{Protocol: "http", Host: []string{"[::1]"}, Path: []string{"x"}}},
		{"", model.URL{}},
		{"   ", model.URL{}},
		// Unbalanced braces are plain text.
		{"{{a.b/c", model.URL{Host: []string{"{{a", "b"}, Path: []string{"c"}}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			tt.want.Raw = tt.in
			got := parseURLString(tt.in)
			if diff := cmp.Diff(tt.want, got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("parseURLString(%q) mismatch (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

// TestParseURLStringT01 checks the long query of Appendix A T01.
func TestParseURLStringT01(t *testing.T) {
	in := `{{baseUrl}}/t01/path with space/ü/{x}/a%2Fb/%zz?a=1&b=hello world&c=a+b&d=%20x%zz&e=ü&f="q"&g=<>&h=x|y&empty=&novalue&arr[]=1&arr[]=2&dup=1&dup=2&&amp=a%26b&eq=a=b#frag`
	got := parseURLString(in)
	want := model.URL{
		Raw:  in,
		Host: []string{"{{baseUrl}}"},
		Path: []string{"t01", "path with space", "ü", "{x}", "a%2Fb", "%zz"},
		Query: q("a=1", "b=hello world", "c=a+b", "d=%20x%zz", "e=ü", `f="q"`, "g=<>", "h=x|y", "empty=", "novalue",
			"arr[]=1", "arr[]=2", "dup=1", "dup=2", "", "amp=a%26b", "eq=a=b"),
		Hash: "frag",
	}
	if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
}

func TestSplitHost(t *testing.T) {
	tests := map[string][]string{
		"api.example.com":          {"api", "example", "com"},
		"{{host.name}}.com":        {"{{host.name}}", "com"},
		"{{a.b}}.{{c.d}}.e":        {"{{a.b}}", "{{c.d}}", "e"},
		"127.0.0.1":                {"127", "0", "0", "1"},
		"a.b}}":                    {"a.b}}"}, // the lookahead only sees "}}", as in JS
		"{{base}}":                 {"{{base}}"},
		"x.{{y}}.z":                {"x", "{{y}}", "z"},
		"{{unclosed.x":             {"{{unclosed", "x"},
		"sub.{{region}}.aws.com":   {"sub", "{{region}}", "aws", "com"},
		"{{a}}.{b.c}}.d":           {"{{a}}", "{b.c}}", "d"},
		"{{tenant.id}}.{{domain}}": {"{{tenant.id}}", "{{domain}}"},
	}
	for in, want := range tests {
		if got := splitHost(in); !cmp.Equal(got, want) {
			t.Errorf("splitHost(%q) = %q, want %q", in, got, want)
		}
	}
}
