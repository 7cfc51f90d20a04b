package parser

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/postgen/postgen/model"
)

func hdrs(kv ...string) []model.Header {
	var out []model.Header
	for i := 0; i+1 < len(kv); i += 2 {
		out = append(out, model.Header{Key: kv[i], Value: kv[i+1]})
	}
	return out
}

// TestHeaderString follows postman-collection's Header.parse (§8.1, T07).
func TestHeaderString(t *testing.T) {
	tests := []struct {
		name, in string
		want     []model.Header
		warnings []string // substrings, one per expected warning
	}{
		{"T07", "X-A: 1\nX-B:   two  \nbad header line\nX-C: three: colon\nX D: spaced key",
			hdrs("X-A", "1", "X-B", "two", "X-C", "three: colon"),
			[]string{`"bad header line"`, `"X D: spaced key"`}},
		{"greedy key without spaces", "Host:example.com:8080\nX-C:three:colon",
			hdrs("Host:example.com", "8080", "X-C:three", "colon"),
			[]string{`key "Host:example.com" and value "8080"`, `key "X-C:three" and value "colon"`}},
		{"CRLF, blank lines and folding", "A: 1\r\n\r\nB: x\r\n  y\r\nC:", hdrs("A", "1", "B", "x  y", "C", ""), nil},
		{"leading colon dropped", ": v\nK:v", hdrs("K", "v"), []string{`": v"`}},
		{"empty", "", nil, nil},
		{"unicode spaces trimmed", "K:\u00a0v\u3000", hdrs("K", "v"), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in, _ := json.Marshal(tt.in)
			r, diags := onlyRequest(t, `{"request":{"url":"h","header":`+string(in)+`}}`)
			if diff := cmp.Diff(tt.want, r.Headers, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("headers (-want +got):\n%s", diff)
			}
			if len(diags) != len(tt.warnings) {
				t.Errorf("want %d warnings, got:\n%s", len(tt.warnings), diagList(diags))
			}
			for _, w := range tt.warnings {
				wantDiag(t, diags, "item[0].request.header", w)
			}
		})
	}
}

func TestHeaderArray(t *testing.T) {
	r, diags := onlyRequest(t, `{"request":{"url":"h","header":[
		{"key":"A","value":"1","type":"text"},
		{"key":"B","value":" padded ","disabled":true,"description":"d"},
		{"key":"C"},
		{"key":"D","value":42},
		"X-Str: 1",
		{"value":"no key"},
		7,
		{"key":"E","value":null,"disabled":false}
	]}}`)
	want := []model.Header{
		{Key: "A", Value: "1"},
		{Key: "B", Value: " padded ", Disabled: true, Description: model.Description{Content: "d"}},
		{Key: "C"},
		{Key: "D", Value: "42"},
		{Key: "E"},
	}
	if diff := cmp.Diff(want, r.Headers); diff != "" {
		t.Errorf("headers (-want +got):\n%s", diff)
	}
	wantDiag(t, diags, "item[0].request.header[4]", "expected a header object")
	wantDiag(t, diags, "item[0].request.header[5]", "no key")
	wantDiag(t, diags, "item[0].request.header[6]", "found a number")
	if len(diags) != 3 {
		t.Errorf("want 3 warnings, got:\n%s", diagList(diags))
	}
}

func TestHeaderNullAndWrongType(t *testing.T) {
	r, diags := onlyRequest(t, `{"request":{"url":"h","header":null}}`)
	if r.Headers != nil {
		t.Errorf("header null: got %v", r.Headers)
	}
	wantNoDiags(t, diags)
	r, diags = onlyRequest(t, `{"request":{"url":"h","header":12}}`)
	if r.Headers != nil {
		t.Errorf("header 12: got %v", r.Headers)
	}
	wantDiag(t, diags, "item[0].request.header", "found a number")
}
