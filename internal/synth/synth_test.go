package synth

import (
	"bytes"
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
