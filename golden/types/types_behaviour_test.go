package types

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/postgen/postgen/internal/roundtrip"
	_ "github.com/postgen/postgen/internal/testflag"
)

// savedExample is a saved response of the collection, as Postman stores it.
type savedExample struct {
	Name   string `json:"name"`
	Code   int    `json:"code"`
	Body   string `json:"body"`
	Header []struct {
		Key, Value string
	} `json:"header"`
}

// examples reads the collection's saved examples by request name.
func examples(t *testing.T) map[string]map[string]savedExample {
	t.Helper()
	data, err := os.ReadFile("../../testdata/types/collection.json")
	if err != nil {
		t.Fatal(err)
	}
	var c struct {
		Item []struct {
			Item []struct {
				Name     string         `json:"name"`
				Response []savedExample `json:"response"`
			} `json:"item"`
		} `json:"item"`
	}
	if err := json.Unmarshal(data, &c); err != nil {
		t.Fatal(err)
	}
	out := map[string]map[string]savedExample{}
	for _, f := range c.Item {
		for _, r := range f.Item {
			out[r.Name] = map[string]savedExample{}
			for _, e := range r.Response {
				out[r.Name][e.Name] = e
			}
		}
	}
	return out
}

// exampleServer answers every request with the example it is told to
// serve, as the API answered when the example was saved.
type exampleServer struct {
	mu   sync.Mutex
	next savedExample
}

func (s *exampleServer) serve(e savedExample) {
	s.mu.Lock()
	s.next = e
	s.mu.Unlock()
}

func (s *exampleServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	e := s.next
	s.mu.Unlock()
	for _, h := range e.Header {
		w.Header().Set(h.Key, h.Value)
	}
	w.WriteHeader(e.Code)
	w.Write([]byte(e.Body))
}

func newClient(t *testing.T) (*Client, *exampleServer) {
	t.Helper()
	es := &exampleServer{}
	srv := httptest.NewServer(es)
	t.Cleanup(srv.Close)
	c, err := NewClient(WithBaseURL(srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	return c, es
}

// TestEveryJSONExampleDecodes serves each saved 2xx JSON example and
// checks that the method's typed result holds all of it.
func TestEveryJSONExampleDecodes(t *testing.T) {
	c, es := newClient(t)
	ctx := context.Background()
	calls := map[string]func() (any, error){
		"List orders":           func() (any, error) { v, _, err := c.Orders.List(ctx); return v, err },
		"Get order":             func() (any, error) { v, _, err := c.Orders.Get(ctx, "1"); return v, err },
		"Create order":          func() (any, error) { v, _, err := c.Orders.Create(ctx, nil); return v, err },
		"Optional and nullable": func() (any, error) { v, _, err := c.Shapes.OptionalAndNullable(ctx); return v, err },
		"Numbers":               func() (any, error) { v, _, err := c.Shapes.Numbers(ctx); return v, err },
		"Mixed kinds":           func() (any, error) { v, _, err := c.Shapes.MixedKinds(ctx); return v, err },
		"Empty containers":      func() (any, error) { v, _, err := c.Shapes.EmptyContainers(ctx); return v, err },
		"Timestamps":            func() (any, error) { v, _, err := c.Shapes.Timestamps(ctx); return v, err },
		"Awkward keys":          func() (any, error) { v, _, err := c.Shapes.AwkwardKeys(ctx); return v, err },
		"Dictionary":            func() (any, error) { v, _, err := c.Shapes.Dictionary(ctx); return v, err },
		"Deep nesting":          func() (any, error) { v, _, err := c.Shapes.DeepNesting(ctx); return v, err },
		"Matrix":                func() (any, error) { v, _, err := c.Shapes.Matrix(ctx); return v, err },
		"Token":                 func() (any, error) { v, _, err := c.Shapes.Token(ctx, nil); return v, err },
		"Version":               func() (any, error) { v, _, err := c.Reports.Version(ctx); return v, err },
	}
	n := 0
	for req, exs := range examples(t) {
		for name, e := range exs {
			if e.Code/100 != 2 || !json.Valid([]byte(e.Body)) {
				continue
			}
			call, ok := calls[req]
			if !ok {
				t.Errorf("%s has a JSON example but no call in this test", req)
				continue
			}
			es.serve(e)
			v, err := call()
			if err != nil {
				t.Errorf("%s / %s: %v", req, name, err)
				continue
			}
			again, err := json.Marshal(v)
			if err != nil {
				t.Fatal(err)
			}
			if ok, why := roundtrip.Equal([]byte(e.Body), again); !ok {
				t.Errorf("%s / %s: the result does not hold the example: %s\n%s", req, name, why, again)
			}
			n++
		}
	}
	if n < 15 {
		t.Errorf("only %d examples checked", n)
	}
}

func TestOrderFieldsHoldTheExample(t *testing.T) {
	c, es := newClient(t)
	es.serve(examples(t)["Get order"]["open"])
	o, _, err := c.Orders.Get(context.Background(), "1002")
	if err != nil {
		t.Fatal(err)
	}
	placed := time.Date(2024, 5, 2, 9, 30, 0, 250e6, time.UTC)
	if o.ID != 1002 || o.Customer.Name != "Grace" || o.Customer.Email != nil || !o.PlacedAt.Equal(placed) ||
		o.Note == nil || *o.Note != "leave at the door" || o.Coupon != "SPRING" || len(o.Items) != 1 || o.Items[0].Sku != "C-3" {
		t.Errorf("order %+v", o)
	}
	es.serve(examples(t)["List orders"]["two orders"])
	list, _, err := c.Orders.List(context.Background())
	if err != nil || len(list) != 2 || !list[0].Items[1].Gift || list[0].Note != nil || list[0].Total != 12.5 {
		t.Fatalf("list %+v, %v", list, err)
	}
}

func TestErrorBodiesAreTyped(t *testing.T) {
	c, es := newClient(t)
	ex := examples(t)
	es.serve(ex["Get order"]["missing"])
	_, resp, err := c.Orders.Get(context.Background(), "9")
	nf, ok := AsErrorBody[*OrdersError](err)
	if !ok || nf.Error.Code != "not_found" || resp.StatusCode != http.StatusNotFound {
		t.Errorf("404: %+v, %v (%v)", nf, ok, err)
	}
	es.serve(ex["Create order"]["invalid"])
	_, _, err = c.Orders.Create(context.Background(), &OrdersCreateBody{CustomerID: 8})
	inv, ok := AsErrorBody[*OrdersCreateError422](err)
	if !ok || inv.Error.Message != "qty must be positive" || len(inv.Fields) != 1 || inv.Fields[0].Name != "items[0].qty" {
		t.Errorf("422: %+v, %v (%v)", inv, ok, err)
	}
	var apiErr *APIError
	if !errors.As(err, &apiErr) || !strings.Contains(string(apiErr.Body), "qty must be positive") {
		t.Errorf("the raw body is kept: %v", err)
	}
	// A status the examples do not show has no typed body.
	es.serve(savedExample{Code: 500, Body: `{"error":{"code":"boom","message":"x"}}`})
	_, _, err = c.Orders.Get(context.Background(), "9")
	if !errors.As(err, &apiErr) || apiErr.Decoded != nil {
		t.Errorf("500: %v, Decoded %#v", err, apiErr.Decoded)
	}
}

func TestNoBodyMeansNoResult(t *testing.T) {
	c, es := newClient(t)
	es.serve(examples(t)["Delete order"]["deleted"])
	resp, err := c.Orders.Delete(context.Background(), "1")
	if err != nil || resp.StatusCode != http.StatusNoContent {
		t.Fatalf("Delete = %v, %v", resp, err)
	}
}

func TestNonJSONResultsAreRaw(t *testing.T) {
	c, es := newClient(t)
	ex := examples(t)
	es.serve(ex["Report as XML"]["xml"])
	xml, resp, err := c.Reports.AsXML(context.Background())
	if err != nil || xml != "<report><total>3</total></report>" || resp.Header.Get("Content-Type") != "application/xml" {
		t.Errorf("XML = %q, %v", xml, err)
	}
	es.serve(ex["Report as CSV"]["csv"])
	if csv, _, err := c.Reports.AsCSV(context.Background()); err != nil || csv != "a,b\n1,2\n" {
		t.Errorf("CSV = %q, %v", csv, err)
	}
	es.serve(ex["Logo"]["png"])
	if png, _, err := c.Reports.Logo(context.Background()); err != nil || string(png) != ex["Logo"]["png"].Body {
		t.Errorf("Logo = %q, %v", png, err)
	}
}

func TestUnexpectedShapeIsADecodeError(t *testing.T) {
	c, es := newClient(t)
	es.serve(savedExample{Code: 200, Body: `{"id": "not a number"}`})
	_, _, err := c.Orders.Get(context.Background(), "1")
	var de *DecodeError
	if !errors.As(err, &de) || de.StatusCode != 200 || !strings.Contains(string(de.Body), "not a number") {
		t.Fatalf("err = %v, want a *DecodeError", err)
	}
}

// TestExampleValuesStayOutOfTheSDK: field comments show short sample
// values ("leave at the door"), but never a credential (a token, a JWT)
// nor an e-mail address, so those appear nowhere in the generated code.
func TestExampleValuesStayOutOfTheSDK(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil || len(files) == 0 {
		t.Fatal(err)
	}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, secret := range []string{"ya29.secretvalue", "eyJhbGciOiJIUzI1NiJ9", "ada@example.com"} {
			if strings.Contains(string(src), secret) {
				t.Errorf("%s holds the example value %q", f, secret)
			}
		}
	}
}

func TestJSONStringResultIsDecoded(t *testing.T) {
	c, es := newClient(t)
	es.serve(examples(t)["Version"]["v"])
	if v, _, err := c.Reports.Version(context.Background()); err != nil || v == nil || *v != "1.2.3" {
		t.Errorf("Version = %v, %v", v, err)
	}
}

// TestChosenFieldTypes: postgen.yaml chose json.Number for a number too
// large for int64, so it arrives digit for digit.
func TestChosenFieldTypes(t *testing.T) {
	c, es := newClient(t)
	es.serve(examples(t)["Numbers"]["a"])
	n, _, err := c.Shapes.Numbers(context.Background())
	if err != nil || n.Huge.String() != "18446744073709551615" {
		t.Fatalf("Huge = %v, %v", n.Huge, err)
	}
	es.serve(examples(t)["Mixed kinds"]["b"])
	m, _, err := c.Shapes.MixedKinds(context.Background())
	if err != nil || string(m.Value) != `"one"` {
		t.Fatalf("Value = %s, %v", m.Value, err)
	}
}
