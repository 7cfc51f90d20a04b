package cli

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/postgen/postgen/generator"
)

func TestInspectTree(t *testing.T) {
	code, stdout, stderr := run(t, "", "inspect", "--config", "../testdata/configured/postgen.yaml", warehouse)
	if code != ExitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	for _, want := range []string{
		"package warehouse, 1 service, 3 methods, 2 types, 0 warnings",
		"BaseURLStaging = https://staging.warehouse.example/v2 (environment \"Staging\")",
		"├── Stock/     client.Inventory (InventoryService)",
		"│   ├── List stock items   GET /stock → client.Inventory.List(ctx context.Context, params *ListOptions, opts ...RequestOption)",
		"├── Internal/  skipped (postgen.yaml)",
		"└── Ping       GET /ping → client.Ping(ctx context.Context, opts ...RequestOption)",
		`{{tenantId}} = "acme" (or WithTenant)`,
		"{{apiKey}} credential: not copied",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("inspect lacks %q:\n%s", want, stdout)
		}
	}
	// Warnings sit under the request they are about.
	_, stdout, _ = run(t, "", "inspect", "../testdata/secrets/collection.json")
	if !strings.Contains(stdout, "├── Header credentials  GET /h → client.HeaderCredentials(ctx context.Context, opts ...RequestOption)") ||
		!strings.Contains(stdout, "│     ! note[credential-not-copied]: item[0].request.header[0]: the value of \"Authorization\" looks like a credential") {
		t.Errorf("warnings not under their request:\n%s", stdout)
	}
}

func TestInspectJSON(t *testing.T) {
	code, stdout, stderr := run(t, "", "inspect", "--json", "-p", "bookings", bookings)
	if code != ExitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	var got struct {
		Input string `json:"input"`
		generator.Outline
	}
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, stdout)
	}
	if got.Input != bookings || got.Package != "bookings" || got.BaseURL != "https://api.bookings.example.com/v1" || got.Stats.Methods != 5 {
		t.Errorf("outline %+v", got)
	}
	folder := got.Items[0]
	if folder.Kind != "folder" || folder.Service != "BookingsService" || folder.Access != "client.Bookings" || len(folder.Items) != 4 {
		t.Fatalf("folder %+v", folder)
	}
	get := folder.Items[1]
	if get.Method != "Bookings.Get" || get.HTTP != "GET /bookings/:bookingId" || get.Path != "item[0].item[1]" ||
		get.Signature != "Get(ctx context.Context, bookingID string, opts ...RequestOption) (*Booking, *Response, error)" || strings.Join(get.Types, ",") != "Booking,BookingsGetError" {
		t.Errorf("request %+v", get)
	}
	// The same names as the SDK: the golden SDK of this collection has them.
	if sdk := string(mustRead(t, "../golden/bookings/bookings.go")); !strings.Contains(sdk, "func (s *BookingsService) Get(ctx context.Context, bookingID string, opts ...RequestOption) (*Booking, *Response, error)") {
		t.Error("inspect and the generated SDK disagree on Bookings.Get")
	}
}

func TestInspectStrictAndErrors(t *testing.T) {
	code, _, stderr := run(t, "", "inspect", "--strict", "../testdata/headers/collection.json")
	if code != ExitUsage || !strings.Contains(stderr, "1 warning and --strict") {
		t.Errorf("--strict: exit %d\n%s", code, stderr)
	}
	// Notes (credentials to set at run time) never fail --strict.
	code, stdout, stderr := run(t, "", "inspect", "--strict", "../testdata/secrets/collection.json")
	if code != ExitOK || !strings.Contains(stdout, "0 warnings, 6 notes") {
		t.Errorf("--strict with notes only: exit %d\n%s%s", code, stdout, stderr)
	}
	code, _, stderr = run(t, "", "inspect", "../testdata/openapi/collection.json")
	if code != ExitUsage || !strings.Contains(stderr, "OpenAPI") {
		t.Errorf("not a collection: exit %d\n%s", code, stderr)
	}
}
