package generator

import (
	"testing"

	"github.com/postgen/postgen/generator/infer"
)

// TestFieldNotes: a field's comment says only what a reader can use (how
// many samples lack it, null, mixed kinds); a member every sample has
// gets none (issue 15: 3,890 of github-v3-rest's 3,911 said "in every
// example").
func TestFieldNotes(t *testing.T) {
	typ, _ := infer.Infer([]string{`{"id":1,"note":"a","x":null}`, `{"id":2,"x":null}`, `{"id":3,"note":null,"x":null}`}, nil)
	want := map[string]string{"id": "", "note": "missing in 1 of 3 examples; can be null", "x": "any: only null was seen"}
	for _, f := range typ.Fields {
		if got := fieldNote(typ, f, "example"); got != want[f.Key] {
			t.Errorf("%s: %q, want %q", f.Key, got, want[f.Key])
		}
	}
}
