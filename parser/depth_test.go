package parser

import (
	"errors"
	"strings"
	"testing"
)

// nestedFolders is a collection whose one request sits n folders deep.
func nestedFolders(n int) string {
	return `{"info":{"name":"deep"},"item":[` + strings.Repeat(`{"name":"f","item":[`, n) +
		`{"name":"r","request":"https://a.example/x"}` + strings.Repeat(`]}`, n) + `]}`
}

func TestDepthLimit(t *testing.T) {
	// Two levels for info/item, two per folder: 254 folders fit in 512.
	if _, err := Parse([]byte(nestedFolders(254))); err != nil {
		t.Fatalf("254 folders deep: %v", err)
	}
	for name, doc := range map[string]string{
		"folders":        nestedFolders(1000),
		"arrays":         `{"info":{"name":"x"},"item":[],"variable":` + strings.Repeat("[", 5_000_000) + strings.Repeat("]", 5_000_000) + `}`,
		"unterminated":   strings.Repeat(`{"a":`, 100_000),
		"after a string": `{"info":{"name":"[[[{{{\"\\"},"item":[],"x":` + strings.Repeat("[", MaxDepth) + strings.Repeat("]", MaxDepth) + `}`,
	} {
		_, err := Parse([]byte(doc))
		var pe *Error
		if !errors.As(err, &pe) || pe.Kind != ErrTooDeep || pe.Line != 1 || pe.Column < 2 {
			t.Errorf("%s: got %v, want a positioned ErrTooDeep", name, err)
			continue
		}
		if !strings.Contains(pe.Error(), "nested too deeply at line 1, column ") || !strings.Contains(pe.Error(), "flatten the folders") {
			t.Errorf("%s: message %q does not say where and what to do", name, pe.Error())
		}
	}
	// Brackets inside strings do not count.
	inStrings := `{"info":{"name":"` + strings.Repeat("[{", 10_000) + `"},"item":[]}`
	if _, err := Parse([]byte(inStrings)); err != nil {
		t.Errorf("brackets inside a string: %v", err)
	}

	// JSON text inside strings (v1 helperAttributes) is bounded too.
	deep := strings.Repeat("[", 2_000_000) + strings.Repeat("]", 2_000_000)
	v1 := `{"id":"1","name":"v1","order":["r"],"requests":[{"id":"r","url":"https://a.example","method":"GET","currentHelper":"basicAuth","helperAttributes":"` + deep + `"}]}`
	if _, err := Parse([]byte(v1)); err != nil {
		t.Errorf("v1 with deep helperAttributes: %v", err)
	}
	if _, _, err := ParseEnvironment([]byte(`{"name":"e","values":` + deep + `}`)); err == nil || !strings.Contains(err.Error(), "nested too deeply") {
		t.Errorf("deep environment: %v", err)
	}
}
