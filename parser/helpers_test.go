package parser

import (
	"errors"
	"strings"
	"testing"

	"github.com/postgen/postgen/model"
)

const schema21 = "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"

// coll wraps item JSON in a minimal v2.1 collection.
func coll(items ...string) string {
	return `{"info":{"name":"t","schema":"` + schema21 + `"},"item":[` + strings.Join(items, ",") + `]}`
}

// parseOK parses src and fails the test on error.
func parseOK(t *testing.T, src string) *Result {
	t.Helper()
	res, err := Parse([]byte(src))
	if err != nil {
		t.Fatalf("Parse(%s): %v", src, err)
	}
	return res
}

// parseErr parses src and returns the *Error it must give.
func parseErr(t *testing.T, src string) *Error {
	t.Helper()
	res, err := Parse([]byte(src))
	var pe *Error
	if !errors.As(err, &pe) {
		t.Fatalf("Parse(%q) = %v, %v; want an *Error", src, res, err)
	}
	return pe
}

// onlyRequest parses a collection holding one request item and returns it.
func onlyRequest(t *testing.T, item string) (*model.Request, []model.Diagnostic) {
	t.Helper()
	res := parseOK(t, coll(item))
	if len(res.Collection.Requests) != 1 {
		t.Fatalf("want 1 request, got %d (diagnostics %v)", len(res.Collection.Requests), res.Diagnostics)
	}
	return res.Collection.Requests[0], res.Diagnostics
}

// wantDiag checks that some diagnostic has the path and mentions text.
func wantDiag(t *testing.T, diags []model.Diagnostic, path, text string) {
	t.Helper()
	for _, d := range diags {
		if d.Path == path && strings.Contains(d.Message, text) {
			if d.Line < 1 || d.Column < 1 {
				t.Errorf("diagnostic %v has no position", d)
			}
			return
		}
	}
	t.Errorf("no diagnostic at %s mentioning %q; got:\n%s", path, text, diagList(diags))
}

func wantNoDiags(t *testing.T, diags []model.Diagnostic) {
	t.Helper()
	if len(diags) > 0 {
		t.Errorf("want no diagnostics, got:\n%s", diagList(diags))
	}
}

func diagList(diags []model.Diagnostic) string {
	var b strings.Builder
	for _, d := range diags {
		b.WriteString("  " + d.String() + "\n")
	}
	return b.String()
}

// q builds query params: "k=v" is a value, "k" alone a null value.
func q(pieces ...string) []model.QueryParam {
	out := make([]model.QueryParam, len(pieces))
	for i, p := range pieces {
		k, v, ok := strings.Cut(p, "=")
		out[i] = model.QueryParam{Key: k, Value: v, NullValue: !ok}
	}
	return out
}
