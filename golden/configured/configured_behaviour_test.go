package configured

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"testing"

	_ "github.com/postgen/postgen/internal/testflag"
)

// This SDK was generated with testdata/configured/postgen.yaml and two
// environment exports (Production, Staging) that differ only in host.

type recorded struct {
	uri, body string
	header    http.Header
}

func newServer(t *testing.T, opts ...Option) (*Client, <-chan recorded) {
	t.Helper()
	reqs := make(chan recorded, 4)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		reqs <- recorded{r.RequestURI, string(b), r.Header.Clone()}
	}))
	t.Cleanup(srv.Close)
	c, err := NewClient(append([]Option{WithBaseURL(srv.URL + "/v2")}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return c, reqs
}

func TestEnvironmentsBecomeBaseURLConstants(t *testing.T) {
	if BaseURLProduction != "https://api.warehouse.example/v2" || BaseURLStaging != "https://staging.warehouse.example/v2" {
		t.Errorf("BaseURLProduction %q, BaseURLStaging %q", BaseURLProduction, BaseURLStaging)
	}
	// The first environment supplies the defaults.
	if DefaultBaseURL != BaseURLProduction {
		t.Errorf("DefaultBaseURL %q", DefaultBaseURL)
	}
}

func TestVariableOptionsAndEnvironmentDefaults(t *testing.T) {
	c, reqs := newServer(t, WithAPIKey("k-123"))
	if _, _, err := c.Inventory.List(context.Background(), &ListOptions{SKU: "B-7", Page: 1}); err != nil {
		t.Fatal(err)
	}
	got := <-reqs
	// tenantId comes from the Production environment ("acme"), not the
	// collection ("demo"); the API key from WithAPIKey.
	if got.uri != "/v2/stock?sku=B-7&page=1" || got.header.Get("X-Tenant") != "acme" || got.header.Get("X-Api-Key") != "k-123" {
		t.Errorf("sent %s with X-Tenant %q, X-Api-Key %q", got.uri, got.header.Get("X-Tenant"), got.header.Get("X-Api-Key"))
	}

	c, reqs = newServer(t, WithAPIKey("k-123"), WithTenant("globex"))
	if _, _, err := c.Inventory.Adjust(context.Background(), &Adjustment{SKU: "A-1", Delta: -2}); err != nil {
		t.Fatal(err)
	}
	if got := <-reqs; got.header.Get("X-Tenant") != "globex" || got.body != "sku=A-1&delta=-2" {
		t.Errorf("sent X-Tenant %q, body %q", got.header.Get("X-Tenant"), got.body)
	}
}

func TestSecretEnvironmentValuesAreNotCopied(t *testing.T) {
	c, _ := newServer(t)
	_, _, err := c.Inventory.List(context.Background(), nil)
	var ve *VariableError
	if !errors.As(err, &ve) || ve.Name != "apiKey" {
		t.Fatalf("without WithAPIKey: %v, want a *VariableError for apiKey", err)
	}
}

func TestSkippedFolderHasNoService(t *testing.T) {
	ct := reflect.TypeOf(Client{})
	if _, ok := ct.FieldByName("Internal"); ok {
		t.Error("the skipped Internal folder has a service")
	}
	if _, ok := ct.FieldByName("Inventory"); !ok {
		t.Error("Stock is not renamed to Inventory")
	}
}
