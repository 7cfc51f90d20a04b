package generator

import (
	"strings"
	"testing"

	pgparser "github.com/postgen/postgen/parser"
)

// constantsCollection has one of each kind of row the planner's rule
// decides about.
const constantsCollection = `{
  "info": {"name": "Rule", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
  "item": [
    {"name": "List", "request": {"method": "GET",
      "header": [{"key": "Accept", "value": "application/json"}, {"key": "X-Trace", "value": "t-1"}, {"key": "X-Client", "value": "web"}],
      "url": {"raw": "https://api.example.com/things?api-version=2&page=1&action=list&q={{query}}",
        "protocol": "https", "host": ["api", "example", "com"], "path": ["things"],
        "query": [{"key": "api-version", "value": "2"}, {"key": "page", "value": "1"}, {"key": "action", "value": "list"}, {"key": "q", "value": "{{query}}"}]}}},
    {"name": "Count", "request": {"method": "GET",
      "url": {"raw": "https://api.example.com/things?api-version=2&page=1&action=count",
        "protocol": "https", "host": ["api", "example", "com"], "path": ["things"],
        "query": [{"key": "api-version", "value": "2"}, {"key": "page", "value": "1"}, {"key": "action", "value": "count"}]}}}
  ]
}`

func constantsOf(t *testing.T, cfg Config) map[string]string {
	t.Helper()
	res, err := pgparser.Parse([]byte(constantsCollection))
	if err != nil {
		t.Fatal(err)
	}
	cfg.Package = "rule"
	o, err := Inspect(res.Collection, cfg)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	if len(o.Items) == 0 {
		t.Fatalf("no items: %+v", o)
	}
	for _, it := range o.Items {
		if it.Name != "List" {
			continue
		}
		for _, c := range it.Constants {
			got[c.Key] = c.Why
		}
	}
	return got
}

// Each part of the rule makes its constants, and nothing else is one.
func TestConstantRule(t *testing.T) {
	got := constantsOf(t, Config{})
	want := map[string]string{
		"Accept":      "protocol header",       // (a)
		"api-version": "same in every request", // (b)
		"action":      "selects the operation", // (b')
		"q":           "variable",              // (c)
	}
	for k, why := range want {
		if got[k] != why {
			t.Errorf("%s: %q, want %q", k, got[k], why)
		}
	}
	// page=1 in both requests would be rule (b), but a paging key is a
	// sample whatever the collection repeats.
	for _, sample := range []string{"X-Trace", "X-Client", "page"} {
		if why, ok := got[sample]; ok {
			t.Errorf("%s is a sample, not a constant (%s)", sample, why)
		}
	}
}

// postgen.yaml's constants and samples override the rule both ways.
func TestConstantRuleOverrides(t *testing.T) {
	got := constantsOf(t, Config{Constants: []string{"x-client"}, Samples: []string{"API-Version"}})
	if got["X-Client"] != "postgen.yaml" {
		t.Errorf("X-Client: %q, want a constant from postgen.yaml", got["X-Client"])
	}
	if why, ok := got["api-version"]; ok {
		t.Errorf("api-version stays a constant (%s) though postgen.yaml says sample", why)
	}
}

// Field types come from the samples, only when the typed value sends the
// sample byte for byte.
func TestFieldGoType(t *testing.T) {
	for _, tt := range []struct {
		samples []string
		null    bool
		want    string
	}{
		{[]string{"20"}, false, typeInt},
		{[]string{"0"}, false, typeIntPtr},
		{[]string{"007"}, false, typeString},
		{[]string{"-27113311"}, false, typeInt},
		{[]string{"1.5"}, false, typeFloat},
		{[]string{"1.50"}, false, typeString},
		{[]string{"true"}, false, typeBool},
		{[]string{"false"}, false, typeBoolPtr},
		{[]string{"2024-01-02T03:04:05Z"}, false, typeTime},
		{[]string{"2024-01-02T03:04:05+02:00"}, false, typeString},
		{[]string{"2024-01-01"}, false, typeString},
		{[]string{"a", "b"}, false, typeStrings},
		{nil, true, typeFlag},
		{[]string{""}, false, typeString},
	} {
		fl := &field{in: "query", key: "k", samples: tt.samples, null: tt.null}
		if len(tt.samples) > 0 {
			fl.def = tt.samples[0]
		}
		if got := fieldGoType(fl); got != tt.want {
			t.Errorf("%s (null %v): %s, want %s", strings.Join(tt.samples, ","), tt.null, got, tt.want)
		}
	}
}
