package generator

import (
	"strings"
	"testing"

	"github.com/postgen/postgen/generator/infer"
)

// TestFieldNotes: a field's comment says only what a reader can use (how
// many samples lack it, null, mixed kinds); a member every sample has
// gets none (issue 15: 3,890 of github-v3-rest's 3,911 said "in every
// example").
func TestFieldNotes(t *testing.T) {
	typ, _ := infer.Infer([]string{`{"id":1,"note":"a","x":null}`, `{"id":2,"x":null}`, `{"id":3,"note":null,"x":null}`}, nil)
	want := map[string]string{"id": "e.g. 1", "note": "e.g. \"a\"; missing in 1 of 3 examples; can be null", "x": "any: only null was seen"}
	for _, f := range typ.Fields {
		if got := fieldNote(typ, f, "example"); got != want[f.Key] {
			t.Errorf("%s: %q, want %q", f.Key, got, want[f.Key])
		}
	}
}

// TestFieldExamplesKeepCredentialsOut: a response's token is a real
// credential; neither a credential-named member nor a token-shaped value
// is shown as an example.
func TestFieldExamplesKeepCredentialsOut(t *testing.T) {
	typ, _ := infer.Infer([]string{`{"access_token":"a1b2c3d4e5","note":"ghp_0123456789abcdefghijABCDEFGHIJ012345","ref":"{{id}}","mail":"ada@example.com"}`}, nil)
	for _, f := range typ.Fields {
		if got := fieldNote(typ, f, "example"); strings.Contains(got, "e.g.") {
			t.Errorf("%s: %q shows its sample", f.Key, got)
		}
	}
}

// TestLongExamplesAreCut: a long string sample is cut at a character
// boundary and marked, so a comment stays one short line.
func TestLongExamplesAreCut(t *testing.T) {
	typ, _ := infer.Infer([]string{`{"url":"https://api.example.com/` + strings.Repeat("é", 40) + `"}`}, nil)
	got := fieldNote(typ, typ.Fields[0], "example")
	if !strings.HasPrefix(got, `e.g. "https://api.example.com/é`) || !strings.HasSuffix(got, `…"`) || len(got) > 70 {
		t.Errorf("note %q, want the URL's start cut with …", got)
	}
}
