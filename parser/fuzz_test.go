package parser

import (
	"errors"
	"strings"
	"testing"

	"github.com/tidwall/gjson"
)

// FuzzParse checks that Parse never panics, that every failure is an
// *Error, that the syntax-error locator agrees with gjson's validator, and
// that every warning has a place.
func FuzzParse(f *testing.F) {
	seeds := []string{
		coll(`{"name":"a","request":"{{baseUrl}}/users/:id?active=true&x#h"}`),
		coll(`{"name":"F","auth":{"type":"apikey","apikey":{"key":"k","value":"v"}},"item":[{"request":{"method":"post","url":{"host":"{{h.x}}.com","path":"/a/:b","port":8080,"query":"a=1&b","variable":[{"id":"b","value":1}]},"header":"A: 1\nB:c:d","body":{"mode":"graphql","graphql":{"query":"{a}","variables":{"x":1}}}}}]}`),
		coll(`{"request":{"url":"h","header":[{"key":"k","value":null}],"body":{"mode":"formdata","formdata":[{"key":"f","type":"file","src":["a","b"]}]}},"response":[{"code":"200","header":["A: b"],"originalRequest":"h"}]}`),
		`{"collection":{"info":{"name":"n","version":{"major":1,"minor":0,"patch":0}},"items":[{"items":[]}],"variables":[{"id":"x"}]}}`,
		`{"id":"1","name":"v1","order":[],"requests":[]}`,
		`{"name":"v1","order":["a"],"folders_order":["f"],"folders":[{"id":"f","name":"F","order":["b"],"folders_order":["f"]}],"requests":[{"id":"a","url":"https://h/:x?q=1","pathVariables":{"x":"1"},"headers":"A: 1
// B: 2","dataMode":"params","data":[{"key":"k","type":"file","value":"p"}],"currentHelper":"basicAuth","helperAttributes":"{"username":"u"}","responses":[{"id":"r","requestObject":"a"}]},{"id":"b","dataMode":"raw","rawModeData":["x"],"queryParams":[{"key":"q","equals":false}]}]}`,
		`{"openapi":"3.1.0"}`,
		"\uFEFF{\"info\":{\"name\":\"bom\"},\"item\":[1,\"x\",null,{}]}",
		`{"info":{"name":"x"},"item":[{"request":{"url":"a"}}],}`,
		`[1, 2`,
		"",
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := Parse(data)
		if err != nil {
			var pe *Error
			if !errors.As(err, &pe) {
				t.Fatalf("error %v (%T) is not an *Error", err, err)
			}
			if res != nil {
				t.Fatalf("result with error")
			}
			// gjson said invalid, so the locator must find where.
			if pe.Kind == ErrInvalidJSON && pe.Line == 0 {
				t.Fatalf("invalid JSON without a position: %v", pe)
			}
			return
		}
		if res == nil || res.Collection == nil {
			t.Fatal("nil result without error")
		}
		for _, d := range res.Diagnostics {
			if d.Line < 1 || d.Column < 1 || d.Message == "" {
				t.Fatalf("diagnostic without place or message: %#v", d)
			}
		}
		// The locator must agree that the document is valid.
		doc := strings.TrimPrefix(string(data), "\uFEFF")
		if _, msg, found := locateSyntaxError(doc[skipJSONSpace(doc, 0):]); found {
			t.Fatalf("gjson accepted the input, locator says %s", msg)
		}
	})
}

// TestLocatorAgreesWithGjson runs the locator over valid and broken
// variants of a document and compares with gjson.Valid.
func TestLocatorAgreesWithGjson(t *testing.T) {
	base := `{"a":[1,-2.5e+3,true,false,null,"x\"\\\/\b\f\n\r\t\u00e9"],"b":{},"c":[]}`
	// Every prefix and every single-byte deletion is a small test case.
	var cases []string
	for i := 0; i <= len(base); i++ {
		cases = append(cases, base[:i], base[:i]+base[min(i+1, len(base)):])
	}
	cases = append(cases, " [ ] ", "0", "-0", "1E5", "\"\"", "{}  \n", "[[[[]]]]", "[01]", "[.5]", "[1.e1]", "tru", "nulll")
	for _, c := range cases {
		_, msg, found := locateSyntaxError(c)
		if found == gjson.Valid(c) {
			t.Errorf("%q: gjson.Valid=%v, locator found=%v (%s)", c, gjson.Valid(c), found, msg)
		}
	}
}
