package config

import (
	"bytes"
	"encoding/json"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"go.yaml.in/yaml/v3"

	"github.com/postgen/postgen/model"
)

// The JSON Schema is committed for editors; these tests keep it and the
// reader in agreement, so neither can accept what the other refuses.

func compileSchema(t *testing.T) (*jsonschema.Schema, map[string]any) {
	t.Helper()
	data, err := os.ReadFile("postgen.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("postgen.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("postgen.schema.json")
	if err != nil {
		t.Fatalf("the schema does not compile: %v", err)
	}
	var raw map[string]any
	if err := json.Unmarshal(data, &raw); err != nil {
		t.Fatal(err)
	}
	return sch, raw
}

func keys(m any) []string {
	var out []string
	for k := range m.(map[string]any) {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func sorted(s []string) []string {
	out := append([]string(nil), s...)
	sort.Strings(out)
	return out
}

func TestSchemaKeysMatchTheReader(t *testing.T) {
	_, raw := compileSchema(t)
	props := raw["properties"].(map[string]any)
	if d := cmp.Diff(sorted(topKeys), keys(props)); d != "" {
		t.Errorf("top-level keys (-reader +schema):\n%s", d)
	}
	rename := props["rename"].(map[string]any)["properties"].(map[string]any)
	if d := cmp.Diff(sorted(renameKeys), keys(rename)); d != "" {
		t.Errorf("rename keys (-reader +schema):\n%s", d)
	}
	roles := rename["types"].(map[string]any)["additionalProperties"].(map[string]any)["properties"]
	if d := cmp.Diff(sorted(typeRoles), keys(roles)); d != "" {
		t.Errorf("type roles (-reader +schema):\n%s", d)
	}
}

// TestSchemaAcceptCodes: the schema's list of codes accept takes is the
// warnings and notes of model's table.
func TestSchemaAcceptCodes(t *testing.T) {
	_, raw := compileSchema(t)
	var inSchema []string
	for _, c := range raw["$defs"].(map[string]any)["acceptCode"].(map[string]any)["enum"].([]any) {
		inSchema = append(inSchema, c.(string))
	}
	var want []string
	for _, ci := range model.Codes() {
		if ci.Severity != model.Error {
			want = append(want, string(ci.Code))
		}
	}
	if d := cmp.Diff(want, inSchema); d != "" {
		t.Errorf("acceptCode enum (-table +schema):\n%s", d)
	}
}

// yamlToJSON turns a YAML document into the JSON value the schema sees.
func yamlToJSON(t *testing.T, src string) any {
	t.Helper()
	var v any
	if err := yaml.Unmarshal([]byte(src), &v); err != nil {
		t.Fatal(err)
	}
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	out, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestSchemaAndReaderAgree(t *testing.T) {
	sch, _ := compileSchema(t)
	docs := []struct {
		yaml string
		ok   bool
	}{
		{full, true},
		{"package: bookings\n", true},
		{"{}\n", true},
		{"pakage: x\n", false},
		{"rename:\n  method:\n    A: B\n", false},
		{"rename:\n  types:\n    A/b:\n      bogus: X\n", false},
		{"rename:\n  methods:\n    A/b: list-all\n", false},
		{"options:\n  tenant: withTenant\n", false},
		{"package: Bad-Name\n", false},
		{"skip: Internal\n", false},
		{"strict: maybe\n", false},
		{"baseURL: /v1\n", false},
		{"fields:\n  nights: int\n", false},
		{"initialisms: [S-K-U]\n", false},
		{"environments: [a.json, b.json]\ninitialisms: [SKU]\n", true},
		{"accept:\n  - code: undefined-variable\n    path: item[3]\n  - code: unknown-body-mode\n", true},
		{"accept:\n  - code: no-such-code\n", false},
		{"accept:\n  - code: invalid-json\n", false},
		{"accept:\n  - path: item[3]\n", false},
		{"accept:\n  - code: header-line\n    where: item[3]\n", false},
		{"accept: header-line\n", false},
	}
	for _, d := range docs {
		_, readerErr := Parse([]byte(d.yaml), "postgen.yaml")
		schemaErr := sch.Validate(yamlToJSON(t, d.yaml))
		if (readerErr == nil) != d.ok || (schemaErr == nil) != d.ok {
			t.Errorf("%q: want ok=%v; reader: %v; schema: %v", strings.TrimSpace(d.yaml), d.ok, readerErr, schemaErr)
		}
	}
}

// TestReadmeExample checks the postgen.yaml shown in README.md: the reader
// and the schema accept it.
func TestReadmeExample(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(readme), "### postgen.yaml")
	if !ok {
		t.Fatal("README.md has no postgen.yaml section")
	}
	_, rest, _ = strings.Cut(rest, "```yaml\n")
	example, _, ok := strings.Cut(rest, "```")
	if !ok || !strings.Contains(example, "rename:") {
		t.Fatalf("no yaml example in the section: %q", example)
	}
	if _, err := Parse([]byte(example), "README.md"); err != nil {
		t.Errorf("the reader refuses README's example: %v", err)
	}
	sch, _ := compileSchema(t)
	if err := sch.Validate(yamlToJSON(t, example)); err != nil {
		t.Errorf("the schema refuses README's example: %v", err)
	}
}
