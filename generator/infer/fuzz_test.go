package infer

import (
	"encoding/json"
	"strings"
	"testing"
)

// FuzzSample checks that the lenient reader never panics and accepts
// everything encoding/json accepts.
func FuzzSample(f *testing.F) {
	for _, s := range []string{`{"a":[1,2.5,"x",null,{"b":true}]}`, `[{{x}}, <y>]`, "{\"a\":1, // c\n}", `"2024-01-02T03:04:05Z"`, `{"1":{},"":[]}`} {
		f.Add(s)
	}
	// Shapes of security issue 12: a wide object (its members found by
	// an index) with a repeated key, and deep nesting.
	f.Add(strings.TrimSuffix(wideObject(3*scanFields, "1"), "}") + `,"k1":"x","k2":{}}`)
	f.Add(strings.Repeat(`{"data":[`, 200) + `{"x":1}` + strings.Repeat("]}", 200))
	f.Fuzz(func(t *testing.T, s string) {
		typ, err := Sample(s)
		if json.Valid([]byte(s)) && err != nil {
			t.Fatalf("valid JSON %q refused: %v", s, err)
		}
		if err == nil {
			var k Keys
			_ = k.Of(typ)
			Normalize(Merge(typ, typ), nil)
		}
	})
}
