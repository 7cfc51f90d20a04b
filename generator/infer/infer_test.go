package infer

import (
	"fmt"
	"strings"
	"testing"

	_ "github.com/postgen/postgen/internal/testflag"
)

func TestInferRules(t *testing.T) {
	tests := []struct {
		name    string
		samples []string
		want    string
	}{
		{"scalars", []string{`{"s":"a","i":1,"f":1.5,"b":true,"n":null}`}, "{s:string, i:int, f:float, b:bool, n:null}"},
		{"missing member is optional", []string{`{"a":1,"b":2}`, `{"a":3}`}, "{a:int, b?:int}"},
		{"member order is first seen", []string{`{"b":1}`, `{"a":1,"b":2}`}, "{b:int, a?:int}"},
		{"null makes nullable", []string{`{"a":1}`, `{"a":null}`}, "{a:int|null}"},
		{"null first then value", []string{`{"a":null}`, `{"a":"x"}`}, "{a:string|null}"},
		{"null in every sample", []string{`{"a":null}`, `{"a":null}`}, "{a:null}"},
		{"int only when every sample is integral", []string{`[1, 2, 3.0]`}, "[float]"},
		{"exponent is not an integer literal", []string{`{"n": 1e3}`}, "{n:float}"},
		{"int64 overflow is float", []string{`{"n": 9223372036854775808}`}, "{n:float}"},
		{"int64 bounds are int", []string{`[9223372036854775807, -9223372036854775808]`}, "[int]"},
		{"mixed kinds", []string{`{"v":"x"}`, `{"v":1}`}, "{v:mixed(number and string)}"},
		{"mixed object and array", []string{`[{"a":1}, [1], true]`}, "[mixed(boolean, object and array)]"},
		{"mixed keeps nullable", []string{`[1, "a", null]`}, "[mixed(number and string)|null]"},
		{"arrays merge every element", []string{`[{"a":1},{"b":"x"}]`, `[{"a":2,"b":"y"}]`}, "[{a?:int, b?:string}]"},
		{"empty array has no element", []string{`{"xs":[]}`}, "{xs:[]}"},
		{"empty array merges with full one", []string{`{"xs":[]}`, `{"xs":[1]}`}, "{xs:[int]}"},
		{"empty object is a map", []string{`{"o":{}}`}, "{o:map[]}"},
		{"empty object merged with members is a record", []string{`{"o":{}}`, `{"o":{"a":1}}`}, "{o:{a?:int}}"},
		{"rfc3339 is time", []string{`{"t":"2024-01-02T03:04:05Z"}`, `{"t":"2024-01-02T03:04:05.123+02:00"}`}, "{t:time}"},
		{"one non-time string makes string", []string{`{"t":"2024-01-02T03:04:05Z"}`, `{"t":"yesterday"}`}, "{t:string}"},
		{"date only is a string", []string{`{"d":"2024-01-02"}`}, "{d:string}"},
		{"time json cannot decode is a string", []string{`{"t":"2024-01-02T25:04:05Z"}`}, "{t:string}"},
		{"nullable time", []string{`{"t":null}`, `{"t":"2024-01-02T03:04:05Z"}`}, "{t:time|null}"},
		{"top-level array of objects", []string{`[{"id":1}]`, `[]`}, "[{id:int}]"},
		{"digit keys are a dictionary", []string{`{"1":{"a":1},"2":{"a":2,"b":true}}`}, "map[{a:int, b?:bool}]"},
		{"untaggable key is a dictionary", []string{`{"a,b":1,"c":2}`}, "map[int]"},
		{"empty key is a dictionary", []string{`{"":"x"}`}, "map[string]"},
		{"dictionaries inside dictionaries", []string{`{"a,b":{"1":{"x":1}},"c,d":{"2":{"x":2,"y":true}}}`}, "map[map[{x:int, y?:bool}]]"},
		{"tag-safe punctuation stays a record", []string{`{"@odata.context":"x","first-name":"y"}`}, "{@odata.context:string, first-name:string}"},
		{"comments and trailing commas", []string{"{\n // c\n \"a\": 1, /* b */\n \"b\": [1,2,],\n}"}, "{a:int, b:[int]}"},
		{"missing comma between members", []string{"{\"a\": 1\n \"b\": 2}"}, "{a:int, b:int}"},
		{"variable in value position is unknown", []string{`{"n": {{num}}, "s": "{{name}}"}`}, "{n:unknown, s:string}"},
		{"unknown gives way to a sample", []string{`{"n": {{num}}}`, `{"n": 4}`}, "{n:int}"},
		{"angle placeholders are unknown", []string{`{"a": <UUID for user>, "b": <<id>>}`}, "{a:unknown, b:unknown}"},
		{"repeated key merges", []string{`{"a":1,"a":"x"}`}, "{a:mixed(number and string)}"},
		{"escaped key is decoded", []string{`{"caf\u00e9":1}`}, "{café:int}"},
		{"unparsable samples are skipped", []string{`<html>`, `{"a":1}`, `{"a":`}, "{a:int}"},
		{"bom is ignored", []string{"\uFEFF[true]"}, "[bool]"},
		{"nothing parses", []string{`nope`}, "nothing"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _ := Infer(tt.samples, nil)
			if got.String() != tt.want {
				t.Errorf("Infer(%q)\n got %s\nwant %s", tt.samples, got, tt.want)
			}
		})
	}
}

func TestInferCountsSamples(t *testing.T) {
	typ, used := Infer([]string{`{"a":1}`, `oops`, `{"a":2,"b":null}`}, nil)
	if used != 2 || typ.Count != 2 || typ.Objects != 2 {
		t.Fatalf("used %d, count %d, objects %d", used, typ.Count, typ.Objects)
	}
	if f := typ.Field("b"); f == nil || f.Count != 1 || !typ.Optional(f) || f.Type.Kind != Null {
		t.Fatalf("b = %+v", f)
	}
}

func TestDataKeyHook(t *testing.T) {
	secret := func(k string) bool { return strings.HasPrefix(k, "sk_") }
	got, _ := Infer([]string{`{"tokens":{"sk_live_abc":{"n":1}}}`}, secret)
	if got.String() != "{tokens:map[{n:int}]}" {
		t.Fatalf("got %s", got)
	}
}

func TestSyntaxErrors(t *testing.T) {
	for _, in := range []string{``, `  `, `{`, `{"a" 1}`, `[1 2]`, `{"a":1}}`, `"x`, `-`, `1e`, `{"a": {{x}`, `{1:2}`, `tru`} {
		if typ, err := Sample(in); err == nil {
			t.Errorf("Sample(%q) = %s, want an error", in, typ)
		}
	}
	deep := strings.Repeat("[", maxDepth+2) + strings.Repeat("]", maxDepth+2)
	if _, err := Sample(deep); err == nil || !strings.Contains(err.Error(), "nested too deeply") {
		t.Errorf("deep nesting: %v", err)
	}
}

func TestMergeDoesNotChangeItsInputs(t *testing.T) {
	a, _ := Sample(`{"a":1,"o":{"x":1}}`)
	b, _ := Sample(`{"a":1.5,"o":{"y":1}}`)
	before := a.String() + b.String()
	Merge(a, b)
	if a.String()+b.String() != before {
		t.Fatalf("inputs changed: %s %s", a, b)
	}
}

func TestKeys(t *testing.T) {
	parse := func(s string) *Type {
		typ, _ := Infer([]string{s}, nil)
		return typ
	}
	var k Keys
	same := [][2]string{
		{`{"a":1,"b":"x"}`, `{"b":"y","a":2}`},
		{`{"a":[{"x":true}]}`, `{"a":[{"x":false},{"x":true}]}`},
	}
	for _, p := range same {
		if k.Of(parse(p[0])) != k.Of(parse(p[1])) {
			t.Errorf("%s and %s should share a key", p[0], p[1])
		}
	}
	different := [][2]string{
		{`{"a":1}`, `{"a":1.5}`},
		{`{"a":1}`, `{"A":1}`},
		{`{"a":1}`, `{"a":null}`},
		{`[{"a":1}]`, `[{"a":1},{}]`}, // optional a
		{`{"a":"x"}`, `{"a":"2024-01-02T03:04:05Z"}`},
		{`{"a":{}}`, `{"a":[]}`},
	}
	for _, p := range different {
		if k.Of(parse(p[0])) == k.Of(parse(p[1])) {
			t.Errorf("%s and %s should not share a key", p[0], p[1])
		}
	}
}

// wideObject is a JSON object with n members k0..k(n-1), each holding v.
func wideObject(n int, v string) string {
	var b strings.Builder
	b.WriteByte('{')
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `"k%d":%s`, i, v)
	}
	b.WriteByte('}')
	return b.String()
}

// Objects past scanFields members find them through an index; these
// check that it gives the same answers as the scan.
func TestWideObjects(t *testing.T) {
	n := 3 * scanFields
	t.Run("repeated key in a wide object merges", func(t *testing.T) {
		got, _ := Infer([]string{strings.TrimSuffix(wideObject(n, "1"), "}") + `,"k5":"x"}`}, nil)
		if f := got.Field("k5"); f == nil || f.Type.Kind != Mixed || len(got.Fields) != n {
			t.Fatalf("k5 = %+v, %d fields", f, len(got.Fields))
		}
	})
	t.Run("members merge across wide samples", func(t *testing.T) {
		got, _ := Infer([]string{wideObject(n, "1"), wideObject(n+2, "2.5"), `{"k3":null}`}, nil)
		if len(got.Fields) != n+2 {
			t.Fatalf("%d fields, want %d", len(got.Fields), n+2)
		}
		for i, f := range got.Fields {
			want := 1 // only the second sample has k(n) and k(n+1)
			switch {
			case i == 3:
				want = 3
			case i < n:
				want = 2
			}
			if f.Key != fmt.Sprintf("k%d", i) || f.Count != want {
				t.Errorf("field %d = %s seen %d times, want k%d %d times", i, f.Key, f.Count, i, want)
			}
		}
		if k3 := got.Field("k3"); k3.Type.String() != "float|null" {
			t.Errorf("k3 = %s", k3.Type)
		}
	})
	t.Run("merge leaves wide inputs alone", func(t *testing.T) {
		a, _ := Sample(wideObject(n, "1"))
		b, _ := Sample(wideObject(n+1, `"s"`))
		a.Field("k0") // builds a's index before Merge copies a
		before := a.String() + b.String()
		Merge(a, b)
		if a.String()+b.String() != before {
			t.Fatalf("inputs changed")
		}
	})
	t.Run("members added by hand are found", func(t *testing.T) {
		a, _ := Sample(wideObject(n, "1"))
		a.Field("k0")
		a.Fields = append(a.Fields, &Field{Key: "extra", Type: &Type{Kind: Bool, Count: 1}, Count: 1})
		if f := a.Field("extra"); f == nil || f.Type.Kind != Bool {
			t.Fatalf("extra = %+v", f)
		}
	})
}

// TestWideObjectIsMap: past MaxFields members an object is a dictionary,
// its values merged, so a hostile example of 400,000 members costs a map
// type rather than a struct of 400,000 fields; at MaxFields it is still a
// record.
func TestWideObjectIsMap(t *testing.T) {
	sample := func(n int) string {
		var b strings.Builder
		b.WriteString("{")
		for i := range n {
			if i > 0 {
				b.WriteString(",")
			}
			fmt.Fprintf(&b, `"k%d":%d`, i, i)
		}
		return b.String() + "}"
	}
	if got, _ := Infer([]string{sample(MaxFields)}, nil); got.Kind != Object || len(got.Fields) != MaxFields {
		t.Errorf("%d members: kind %v with %d fields, want a record", MaxFields, got.Kind, len(got.Fields))
	}
	got, _ := Infer([]string{sample(MaxFields + 1)}, nil)
	if got.Kind != Map || got.Elem == nil || got.Elem.Kind != Int {
		t.Errorf("%d members: %v, want map[int]", MaxFields+1, got)
	}
}
