package generator

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/postgen/postgen/model"
)

var trailingDigits = regexp.MustCompile(`[0-9]+$`)

// digitMethods classifies the methods of p whose names end in a digit:
// real when the digits are the request's own (its name or its URL say
// "V2", "2fa", "oauth2"), a counter otherwise; warned counters are those
// a name-taken warning names (that the numbered name was the last resort
// is what the warning says, whatever digits the URL has: "2.0").
func digitMethods(p *plan) (real, warned []string, silent []string) {
	taken := map[string]bool{}
	for _, d := range p.diags {
		if d.Code == model.CodeNameTaken {
			taken[d.Path] = true
		}
	}
	p.forEachMethod(func(m *method) {
		d := trailingDigits.FindString(m.name)
		if d == "" {
			return
		}
		own := regexp.MustCompile(`(^|[^0-9.])` + d + `([^0-9.]|$)`)
		desc := m.req.Method + " " + m.req.URL.Raw + " " + m.name + " (" + m.req.Name + ")"
		switch {
		case taken[m.req.Path]:
			// Numbered only where the method and path are the other's:
			// else they could have told the two apart.
			if other := p.naming.holders[m.svc][strings.TrimSuffix(m.name, d)]; other != nil &&
				(other.Method != m.req.Method || strings.Join(other.URL.Path, "/") != strings.Join(m.req.URL.Path, "/")) {
				silent = append(silent, desc+" numbered though its method or path differs from "+other.Method+" "+other.URL.Raw)
				return
			}
			warned = append(warned, desc)
		case own.MatchString(m.req.Name) || own.MatchString(m.req.URL.Raw) || own.MatchString(strings.Join(m.req.URL.Path, "/")):
			real = append(real, desc)
		default:
			silent = append(silent, desc)
		}
	})
	return real, warned, silent
}

// TestDigitSuffixedMethods counts, over testdata and the corpus, the
// methods whose names end in a digit: a name the request gives (V2) is
// fine, a counter is only allowed with a name-taken warning (the issue's
// goal: no digit-suffix disambiguation without a warning).
func TestDigitSuffixedMethods(t *testing.T) {
	totalReal, totalWarned, totalSilent := 0, 0, 0
	for in, p := range inputPlans(t) {
		real, warned, silent := digitMethods(p)
		if len(real)+len(warned)+len(silent) > 0 {
			t.Logf("%s: %d end in a digit: %d real, %d counters with a warning, %d without", filepath.Base(in), len(real)+len(warned)+len(silent), len(real), len(warned), len(silent))
		}
		for _, s := range warned {
			t.Logf("  counter (warned): %s", s)
		}
		for _, s := range silent {
			t.Errorf("%s: counter without a warning: %s", filepath.Base(in), s)
		}
		if testing.Verbose() {
			for _, s := range real {
				t.Logf("  real: %s", s)
			}
		}
		totalReal += len(real)
		totalWarned += len(warned)
		totalSilent += len(silent)
	}
	t.Logf("methods ending in a digit: %d real names, %d counters with a warning, %d without", totalReal, totalWarned, totalSilent)
}
