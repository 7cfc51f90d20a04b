package roundtrip

import (
	"testing"

	_ "github.com/postgen/postgen/internal/testflag"
)

func TestEqual(t *testing.T) {
	tests := []struct {
		orig, got string
		want      bool
	}{
		{`{"a":1,"b":"x"}`, `{"b":"x","a":1}`, true},
		{`{"a":1.0}`, `{"a":1}`, true},
		{`{"a":12345678901234567890}`, `{"a":12345678901234567000}`, true},
		{`{"a":1}`, `{"a":2}`, false},
		{`{"a":0,"b":"","c":null,"d":[],"e":{},"f":false,"g":1}`, `{"g":1}`, true},
		{`{"a":1}`, `{}`, false},
		{`{"p":{"id":"","n":0},"q":1}`, `{"q":1}`, true},
		{`{"p":{"id":"x"},"q":1}`, `{"q":1}`, false},
		{`{}`, `{"a":null}`, true},
		{`{}`, `{"a":1}`, false},
		{`{"t":"2024-01-02T03:04:05.000Z"}`, `{"t":"2024-01-02T03:04:05Z"}`, true},
		{`{"t":"2024-01-02T05:04:05+02:00"}`, `{"t":"2024-01-02T03:04:05Z"}`, true},
		{`{"t":"2024-01-02T03:04:06Z"}`, `{"t":"2024-01-02T03:04:05Z"}`, false},
		{`[1,2]`, `[1,2]`, true},
		{`[1,2]`, `[2,1]`, false},
		{`[1]`, `[]`, false},
		{`{"s":"<a>"}`, `{"s":"\u003ca\u003e"}`, true},
		{`{"o":{"x":[{"y":null}]}}`, `{"o":{"x":[{}]}}`, true},
		{`{"o":{"x":[{"y":true}]}}`, `{"o":{"x":[{}]}}`, false},
		{`"a"`, `1`, false},
		{`null`, `null`, true},
	}
	for _, tt := range tests {
		ok, why := Equal([]byte(tt.orig), []byte(tt.got))
		if ok != tt.want {
			t.Errorf("Equal(%s, %s) = %v (%s), want %v", tt.orig, tt.got, ok, why, tt.want)
		}
	}
}
