package generator

import (
	"testing"

	"iter"
	"os"

	"github.com/postgen/postgen/generator/infer"
	pgparser "github.com/postgen/postgen/parser"
)

// inputPlans plans each input (inputs) the parser takes, as package api,
// yielding its path and plan.
func inputPlans(t *testing.T) iter.Seq2[string, *plan] {
	return func(yield func(string, *plan) bool) {
		for _, in := range inputs(t) {
			data, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			res, err := pgparser.Parse(data)
			if err != nil {
				continue
			}
			p, err := newPlan(res.Collection, Config{Package: "api"})
			if err != nil {
				t.Fatalf("%s: %v", in, err)
			}
			if !yield(in, p) {
				return
			}
		}
	}
}

// Leave-one-out: for every request whose examples type its result, hide
// them and take the type its siblings would lend it (lentType, as
// typeFromSiblings does); each hidden example must fit that type as
// encoding/json with unknown fields refused would decode it (fitsType).
// It reports, over testdata and the corpus, how many requests a sibling
// types and how many of those are right. The goal is 95%: 47 of
// 48 (97.9%) is what the corpus gives (it was 45 of 50 before PUT/PATCH
// receipts stopped lending, a GET sibling came first and cousins filled
// in members), and the test keeps it there.
func TestLeaveOneOutSiblingTypes(t *testing.T) {
	reused, right, noExample, typedNoExample, borrowed := 0, 0, 0, 0, 0
	for in, p := range inputPlans(t) {
		p.forEachMethod(func(m *method) {
			if !m.types.hasExamples {
				noExample++
				switch m.types.result {
				case resultJSON:
					typedNoExample++
					borrowed++
				case resultRawJSON:
					typedNoExample++
				}
			}
		})
		// Each typed GET of a member, its examples hidden, borrows what
		// typeFromSiblings would lend it from the others.
		idx := p.siblingIndex()
		p.forEachMethod(func(m *method) {
			if !lends(m) || !borrows(m) {
				return
			}
			{
				lent, _ := p.lentType(idx, m, m)
				if lent == nil {
					return
				}
				reused++
				ok := true
				for _, s := range m.types.root.samples {
					st, err := infer.Sample(s.body)
					if err == nil && !fitsType(st, lent.t) {
						ok = false
						t.Logf("%s: %s %s does not fit its siblings' type (%s)", in, m.req.Method, m.req.Path, s.path)
						break
					}
				}
				if ok {
					right++
				}
			}
		})
	}
	t.Logf("requests without examples: %d, typed from a sibling or as RawJSON: %d (%.1f%%), by a sibling: %d", noExample, typedNoExample, 100*float64(typedNoExample)/float64(max(noExample, 1)), borrowed)
	t.Logf("leave-one-out: %d requests typed by a sibling, %d right (%.1f%%)", reused, right, 100*float64(right)/float64(max(reused, 1)))
	if reused > 0 && right*100 < reused*95 {
		t.Errorf("leave-one-out precision %d/%d fell below 95%%", right, reused)
	}
}

func TestFitsType(t *testing.T) {
	target, _ := infer.Sample(`{"id": 1.5, "name": "a", "tags": ["x"], "at": "2024-01-01T00:00:00Z"}`)
	for sample, want := range map[string]bool{
		`{"id": 2, "name": "b"}`:          true,
		`{"id": 2, "extra": 1}`:           false,
		`{"name": 3}`:                     false,
		`{"tags": [], "at": null}`:        true,
		`{"at": "yesterday"}`:             false,
		`{"tags": ["y", "z"], "id": 0.5}`: true,
	} {
		st, err := infer.Sample(sample)
		if err != nil {
			t.Fatal(err)
		}
		if got := fitsType(st, target); got != want {
			t.Errorf("fitsType(%s) = %v, want %v", sample, got, want)
		}
	}
}
