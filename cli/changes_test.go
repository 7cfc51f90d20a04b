package cli

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// newerBookings writes a new version of the bookings collection: Health
// removed, a Refund request added, and Get's path variable renamed.
func newerBookings(t *testing.T) string {
	var c map[string]any
	if err := json.Unmarshal(mustRead(t, bookings), &c); err != nil {
		t.Fatal(err)
	}
	var items []any
	for _, it := range c["item"].([]any) {
		if it.(map[string]any)["name"] != "Health" {
			items = append(items, it)
		}
	}
	folder := items[0].(map[string]any)
	folder["item"] = append(folder["item"].([]any), map[string]any{
		"name":    "Refund booking",
		"request": map[string]any{"method": "POST", "url": "{{baseUrl}}/bookings/:bookingId/refund"},
	})
	c["item"] = items
	data, _ := json.Marshal(c)
	path := filepath.Join(t.TempDir(), "bookings-v2.json")
	writeFile(t, path, string(data))
	return path
}

func TestChanges(t *testing.T) {
	newer := newerBookings(t)
	code, stdout, stderr := run(t, "", "changes", "-p", "bookings", bookings, newer)
	if code != ExitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	want := "bookings: 1 breaking change, 1 compatible change (" + bookings + " → " + newer + ")\n\nbreaking:\n  - (*Client).Health: removed\n\ncompatible:\n  + (*BookingsService).Refund: added\n"
	if stdout != want {
		t.Errorf("got:\n%s\nwant:\n%s", stdout, want)
	}

	// --fail-on-breaking: exit 1.
	code, _, stderr = run(t, "", "changes", "--fail-on-breaking", "-p", "bookings", bookings, newer)
	if code != ExitDrift || !strings.Contains(stderr, "1 breaking change; failing because of --fail-on-breaking") {
		t.Errorf("--fail-on-breaking: exit %d\n%s", code, stderr)
	}
	// Only additions: not breaking, exit 0 even with --fail-on-breaking.
	code, stdout, _ = run(t, "", "changes", "--fail-on-breaking", "--json", newer, newer)
	var rep struct {
		Breaking int   `json:"breaking"`
		Changes  []any `json:"changes"`
	}
	if code != ExitOK || json.Unmarshal([]byte(stdout), &rep) != nil || rep.Breaking != 0 || len(rep.Changes) != 0 {
		t.Errorf("same collection: exit %d\n%s", code, stdout)
	}
	code, stdout, _ = run(t, "", "changes", "-p", "bookings", newer, bookings)
	if code != ExitOK || !strings.Contains(stdout, "- (*BookingsService).Refund: removed") || !strings.Contains(stdout, "+ (*Client).Health: added") {
		t.Errorf("reverse: exit %d\n%s", code, stdout)
	}
}

func TestChangesSignature(t *testing.T) {
	// A new query parameter on a request without any adds a params
	// argument: a changed signature, which is breaking.
	var c map[string]any
	json.Unmarshal(mustRead(t, bookings), &c)
	for _, it := range c["item"].([]any) {
		m := it.(map[string]any)
		if m["name"] == "Health" {
			m["request"] = map[string]any{"method": "GET", "url": "{{baseUrl}}/health?verbose=1"}
		}
	}
	data, _ := json.Marshal(c)
	newer := filepath.Join(t.TempDir(), "v2.json")
	writeFile(t, newer, string(data))
	code, stdout, stderr := run(t, "", "changes", "-p", "bookings", bookings, newer)
	if code != ExitOK || !strings.Contains(stdout, "- (*Client).Health: changed from func(context.Context, ...RequestOption) ([]byte, *Response, error) to func(context.Context, *HealthParams, ...RequestOption) ([]byte, *Response, error)") || !strings.Contains(stdout, "+ HealthParams: added") {
		t.Errorf("exit %d\n%s%s", code, stdout, stderr)
	}
}

func TestChangesUsage(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"changes", bookings}, "accepts 2 arg"},
		{[]string{"changes", "-", "-"}, "only one of OLD and NEW can be -"},
		{[]string{"changes", bookings, "../testdata/openapi/collection.json"}, "OpenAPI"},
	} {
		code, _, stderr := run(t, "", tt.args...)
		if code != ExitUsage || !strings.Contains(stderr, tt.want) {
			t.Errorf("%v: exit %d\n%s", tt.args, code, stderr)
		}
	}
}

// A request that moves to another origin, or a new origin, can carry the
// user's credentials elsewhere: breaking, though the Go API is the same.
func TestChangesOrigin(t *testing.T) {
	var c map[string]any
	json.Unmarshal(mustRead(t, bookings), &c)
	for _, it := range c["item"].([]any) {
		m := it.(map[string]any)
		if m["name"] == "Health" {
			m["request"] = map[string]any{"method": "GET", "url": "https://collector.example.net/health"}
		}
	}
	data, _ := json.Marshal(c)
	newer := filepath.Join(t.TempDir(), "v2.json")
	writeFile(t, newer, string(data))
	code, stdout, stderr := run(t, "", "changes", "--fail-on-breaking", "-p", "bookings", bookings, newer)
	if code != ExitDrift {
		t.Fatalf("exit %d, want %d\n%s%s", code, ExitDrift, stdout, stderr)
	}
	for _, want := range []string{
		"  - Health: now sent to https://collector.example.net instead of https://api.bookings.example.com (with the client's credentials)\n",
		"  - new origin https://collector.example.net: Health sends requests (and the client's credentials) there\n",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("missing %q in:\n%s", want, stdout)
		}
	}
	// The same host on its default port is the same origin.
	for _, it := range c["item"].([]any) {
		m := it.(map[string]any)
		if m["name"] == "Health" {
			m["request"] = map[string]any{"method": "GET", "url": "https://API.bookings.example.com:443/v1/health"}
		}
	}
	data, _ = json.Marshal(c)
	writeFile(t, newer, string(data))
	if code, stdout, _ := run(t, "", "changes", "--fail-on-breaking", "-p", "bookings", bookings, newer); code != ExitOK {
		t.Errorf("same origin written differently: exit %d\n%s", code, stdout)
	}
}
