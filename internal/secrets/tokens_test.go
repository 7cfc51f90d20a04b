package secrets

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// tokensUnfiltered is Tokens without the hints and the scheme-word check:
// every expression runs on the whole text.
func tokensUnfiltered(s string) []Span {
	if len(s) < 12 {
		return nil
	}
	var out []Span
	for _, f := range tokenFormats {
		for _, m := range f.re.FindAllStringIndex(s, -1) {
			out = append(out, Span{Start: m[0], End: m[1]})
		}
	}
	for _, m := range literalAuthValue.FindAllStringSubmatchIndex(s, -1) {
		value := s[m[6]:m[7]]
		if onlyRefs(value) || !hasDigitOrMixedCase(value) {
			continue
		}
		out = append(out, Span{Start: m[6], End: m[7]})
	}
	return merge(out)
}

// TestTokenHintsSkipOnlyTextWithoutAMatch: the checks that let Tokens skip
// an expression never skip one that matches: the same spans as running
// every expression, on tokens of each format, on scheme words in the
// cases (?i) folds (the Kelvin sign, the long s), and on every string of
// the real collections beside the repository.
func TestTokenHintsSkipOnlyTextWithoutAMatch(t *testing.T) {
	texts := []string{
		"Authorization: Bearer 4f2a9c0d1e2f3a4b5c6d",
		"BEARER abcdefghijkl1234", "bAsIc dXNlcjpwYXNzd29yZA==",
		"baſic dXNlcjpwYXNzd29yZA==", "to\u212aen 4f2a9c0d1e2f3a4b5c6d", "ToKeN\t4f2a9c0d1e2f3a4b5c6d",
		"sso-key AbCdEf123456:xyz", "SharedAccessSignature sr=abc&sig=Zx12345678901",
		`{"key":"AKIAIOSFODNN7EXAMPLE"}`, "id ASIAY34FZKBOKMUTVV7A end",
		"ghp_" + strings.Repeat("a1", 18), "x gho_" + strings.Repeat("Zz9", 12),
		"sk_live_" + strings.Repeat("4", 24), "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig",
		`{"name": "plain text without credentials, only words", "n": 12}`,
	}
	files, _ := filepath.Glob("../../../shared/collections/*.json")
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, strings.Split(string(b), `"`)...) // each JSON string, and what is between them
	}
	if len(files) == 0 {
		t.Log("no corpus beside the repository: only the table is checked")
	}
	for _, s := range texts {
		if got, want := Tokens(s), tokensUnfiltered(s); !reflect.DeepEqual(got, want) {
			t.Errorf("Tokens(%.80q) = %v, every expression finds %v", s, got, want)
		}
	}
}
