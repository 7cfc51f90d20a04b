package synth

import (
	"bytes"
	"strings"
	"testing"

	_ "github.com/postgen/postgen/internal/testflag"
	"github.com/postgen/postgen/parser"
)

func TestCollectionIsDeterministicAndHasNRequests(t *testing.T) {
	for _, n := range []int{1, 7, 100, 1234} {
		a, b := Collection(n), Collection(n)
		if !bytes.Equal(a, b) {
			t.Fatalf("n=%d: two calls differ", n)
		}
		res, err := parser.Parse(a)
		if err != nil {
			t.Fatalf("n=%d: %v", n, err)
		}
		if len(res.Diagnostics) > 0 {
			t.Errorf("n=%d: warnings: %v", n, res.Diagnostics)
		}
		got := 0
		for _, f := range res.Collection.Folders {
			for _, s := range f.Folders {
				got += len(s.Requests)
			}
		}
		if got != n {
			t.Errorf("n=%d: parsed %d requests", n, got)
		}
	}
}

func TestHostileShapesParse(t *testing.T) {
	for name, data := range map[string][]byte{
		"wide":        WideObject(1000),
		"examples":    ManyExamples(100),
		"description": LongDescription(100_000),
		"deep":        DeepObject(300),
		"folder":      OneFolder(500),
	} {
		res, err := parser.Parse(data)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		reqs := res.Collection.Requests
		if name == "folder" && len(res.Collection.Folders) == 1 {
			reqs = res.Collection.Folders[0].Requests
		}
		if want := map[string]int{"folder": 500}[name]; len(reqs) != max(want, 1) {
			t.Fatalf("%s: %d requests", name, len(reqs))
		}
		switch name {
		case "wide":
			if n := bytes.Count([]byte(reqs[0].Examples[0].Body), []byte(`"field`)); n != 1000 {
				t.Errorf("wide: %d members", n)
			}
		case "examples":
			if n := len(reqs[0].Examples); n != 100 {
				t.Errorf("examples: %d", n)
			}
		case "deep":
			if n := strings.Count(reqs[0].Examples[0].Body, `{"data":`); n != 300 {
				t.Errorf("deep: %d levels", n)
			}
		case "folder":
			if len(reqs[0].Examples) != 1 || len(reqs[1].Examples) != 0 {
				t.Errorf("folder: examples %d and %d, want 1 and 0", len(reqs[0].Examples), len(reqs[1].Examples))
			}
		case "description":
			if n := len(res.Collection.Description.Content) + len(reqs[0].Description.Content); n < 100_000 {
				t.Errorf("description: %d bytes", n)
			}
		}
	}
}
