package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// These tests drive postgen generate with postgen.yaml: found in the
// output directory, found in the current directory, given with --config,
// overridden by flags, and refused with file:line errors.

const warehouse = "../testdata/configured/collection.json"

// readOut reads a generated file.
func readOut(t *testing.T, dir, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestConfigBesideTheOutput(t *testing.T) {
	out := t.TempDir()
	writeFile(t, filepath.Join(out, "postgen.yaml"), `package: warehouse
baseURL: https://eu.warehouse.example/v2
skip: [Internal, Ping]
rename:
  services: {Stock: Inventory}
  methods: {Stock/List stock items: All}
options:
  tenantId: WithTenant
`)
	code, _, stderr := run(t, "", "generate", "-o", out, warehouse)
	if code != ExitOK || !strings.Contains(stderr, "warehouse: 1 service, 2 methods") {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	client := readOut(t, out, "client.go")
	for _, want := range []string{
		"package warehouse",
		`const DefaultBaseURL = "https://eu.warehouse.example/v2"`,
		"Inventory *InventoryService",
		"func WithTenant(tenantID string) Option",
		"// To regenerate: postgen generate -p warehouse --config postgen.yaml collection.json",
	} {
		if !strings.Contains(client, want) {
			t.Errorf("client.go lacks %q:\n%s", want, client)
		}
	}
	if strings.Contains(client, "Ping") {
		t.Error("the skipped request Ping is in client.go")
	}
	if svc := readOut(t, out, "inventory.go"); !strings.Contains(svc, "func (s *InventoryService) All(") {
		t.Errorf("inventory.go lacks the renamed method:\n%s", svc)
	}
	// The user's config file is theirs: regenerating leaves it alone.
	if b, _ := os.ReadFile(filepath.Join(out, "postgen.yaml")); !strings.HasPrefix(string(b), "package: warehouse") {
		t.Error("postgen.yaml changed")
	}
}

func TestConfigInTheCurrentDirectoryGivesEverything(t *testing.T) {
	dir := t.TempDir()
	abs, _ := filepath.Abs(warehouse)
	writeFile(t, filepath.Join(dir, "api", "warehouse.json"), string(mustRead(t, abs)))
	writeFile(t, filepath.Join(dir, "sdk", "postgen.yaml"), "package: wh\ninput: ../api/warehouse.json\noutput: .\n")
	t.Chdir(filepath.Join(dir, "sdk"))
	code, _, stderr := run(t, "", "generate")
	if code != ExitOK || !strings.Contains(stderr, "wh: 2 services, 4 methods") {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "sdk", "client.go")); err != nil {
		t.Errorf("output is not beside postgen.yaml: %v", err)
	}
}

func TestFlagsOverrideTheConfig(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "conf.yaml")
	writeFile(t, cfg, "package: fromfile\noutput: never\ninput: missing.json\n")
	out := filepath.Join(dir, "sdk")
	code, _, stderr := run(t, "", "generate", "--config", cfg, "-p", "fromflag", "-o", out, warehouse)
	if code != ExitOK || !strings.Contains(stderr, "fromflag: ") {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	if !strings.Contains(readOut(t, out, "doc.go"), "package fromflag") {
		t.Error("-p did not override package")
	}
	if _, err := os.Stat(filepath.Join(dir, "never")); err == nil {
		t.Error("the config's output was used despite -o")
	}
}

func TestConfigErrorsNameTheLine(t *testing.T) {
	tests := []struct {
		name, yaml string
		want       []string
	}{
		{"unknown key", "package: wh\nrenames:\n  methods: {}\n",
			[]string{`postgen.yaml:2:1: unknown key "renames" in the file; did you mean "rename"?`}},
		{"missing request", "skip:\n  - Stock/List stock\n",
			[]string{`postgen.yaml:2:5: skip: the collection has no folder or request "Stock/List stock"`, `did you mean "Stock/List stock items"?`}},
		{"folder for a method", "rename:\n  methods:\n    Stock: All\n",
			[]string{`postgen.yaml:3:5: rename.methods: "Stock" is a folder, not a request`}},
		{"name taken", "rename:\n  methods:\n    Stock/Adjust stock item: ListItems\n",
			[]string{`postgen.yaml:3:30: the name ListItems is already taken here`}},
		{"option name taken", "options:\n  tenantId: WithBaseURL\n",
			[]string{`postgen.yaml:2:3: the name WithBaseURL is already taken in the SDK`}},
		{"unknown variable", "options:\n  tenant: WithTenant\n",
			[]string{`postgen.yaml:2:3: variable "tenant" is neither used by a request nor defined by the collection; known variables: apiKey, baseUrl, host, tenantId`}},
		{"field type without a type", "fields:\n  Stock.count: int64\n",
			[]string{`postgen.yaml:2:3: no generated type Stock has a field count`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := t.TempDir()
			writeFile(t, filepath.Join(out, "postgen.yaml"), tt.yaml)
			code, _, stderr := run(t, "", "generate", "-o", out, warehouse)
			if code != ExitUsage {
				t.Fatalf("exit %d, want %d\n%s", code, ExitUsage, stderr)
			}
			for _, w := range tt.want {
				if !strings.Contains(stderr, filepath.Join(out, w)) && !strings.Contains(stderr, w) {
					t.Errorf("stderr lacks %q:\n%s", w, stderr)
				}
			}
			if _, err := os.Stat(filepath.Join(out, "client.go")); err == nil {
				t.Error("an SDK was written despite the error")
			}
		})
	}
	code, _, stderr := run(t, "", "generate", "--config", filepath.Join(t.TempDir(), "nope.yaml"), warehouse)
	if code != ExitUsage || !strings.Contains(stderr, "--config") || !strings.Contains(stderr, "no such file") {
		t.Errorf("missing --config file: exit %d\n%s", code, stderr)
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
