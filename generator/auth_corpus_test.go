package generator

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/postgen/postgen/generator/names"
	"github.com/postgen/postgen/model"
	pgparser "github.com/postgen/postgen/parser"
)

// TestCorpusAuth is the auth report on ../shared/collections: for each
// collection, requests per effective auth type and how many of them the
// SDK authenticates; and two proofs that no credential reaches the SDK.
//
//  1. Positional: every credential in the collection (literal auth secrets,
//     the values of variables that feed them, secret-typed variables) is
//     replaced in the model by a unique canary, the SDK is generated, and
//     no file may hold a canary. This does not depend on what the real
//     values look like.
//  2. Real values: every such value of 8 or more characters is searched in
//     the SDK generated from the untouched collection (descriptions that
//     repeat a credential are redacted). A value that is also a word of the
//     runtime (a password "password") is reported, not failed.
func TestCorpusAuth(t *testing.T) {
	t.Parallel()
	files, _ := filepath.Glob("../../shared/collections/*.json")
	if len(files) == 0 {
		t.Skip("no corpus at ../../shared/collections")
	}
	runtimeText := runtimeVocabulary()
	total := map[string][2]int{} // type -> requests, authenticated
	var report []string
	checked, short := 0, 0
	shared := map[string]bool{}
	for _, in := range files {
		raw, err := os.ReadFile(in)
		if err != nil {
			t.Fatal(err)
		}
		res, err := pgparser.Parse(raw)
		if err != nil {
			continue // v1 and invalid inputs are refused; other tests cover them
		}
		c := res.Collection
		pkg := names.PackageName(c.Name)
		if pkg == "" {
			pkg = "api"
		}
		p, err := newPlan(c, Config{Package: pkg})
		if err != nil {
			t.Fatal(err)
		}
		counts := map[string][2]int{}
		p.forEachMethod(func(m *method) {
			typ := "none"
			if m.req.Auth != nil {
				typ = m.req.Auth.Type
			}
			n := counts[typ]
			n[0]++
			if m.op.auth != "" {
				n[1]++
			}
			counts[typ] = n
		})
		var parts []string
		for _, typ := range sortedKeys(counts) {
			n := counts[typ]
			parts = append(parts, fmt.Sprintf("%s %d/%d", typ, n[1], n[0]))
			tn := total[typ]
			total[typ] = [2]int{tn[0] + n[0], tn[1] + n[1]}
			if typ != "none" && typ != model.AuthNoAuth && typ != "inherit" && n[1] != n[0] {
				t.Errorf("%s: %d of %d %s requests are not authenticated by the SDK", filepath.Base(in), n[0]-n[1], n[0], typ)
			}
		}

		// 2. Real values.
		gen, err := Generate(c, Config{Package: pkg})
		if err != nil {
			t.Fatal(err)
		}
		creds := credentialValues(c)
		for _, v := range sortedKeys(creds) {
			if len(v) < 8 {
				short++
				continue
			}
			checked++
			for _, f := range gen.Files {
				if !bytes.Contains(f.Data, []byte(v)) {
					continue
				}
				if strings.Contains(runtimeText, v) {
					shared[fmt.Sprintf("%q (%s)", v, filepath.Base(in))] = true
					continue
				}
				t.Errorf("%s: credential value %q leaked into %s", filepath.Base(in), v, f.Name)
			}
		}

		// 1. Positional canaries.
		canaries := canaryCredentials(c)
		gen, err = Generate(c, Config{Package: pkg})
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range gen.Files {
			if m := canaryRE.Find(f.Data); m != nil {
				t.Errorf("%s: %s holds %s, a credential's position", filepath.Base(in), f.Name, m)
			}
		}
		if len(parts) == 0 {
			parts = []string{"no requests"}
		}
		report = append(report, fmt.Sprintf("%-48s %s; %d credential values and variables replaced by canaries", filepath.Base(in), strings.Join(parts, ", "), canaries))
	}
	var totals []string
	for _, typ := range sortedKeys(total) {
		totals = append(totals, fmt.Sprintf("%s %d/%d", typ, total[typ][1], total[typ][0]))
	}
	t.Logf("requests authenticated by the SDK / requests, per effective auth type:\n%s\nall: %s\nreal credential values of 8+ chars searched: %d, none leaked; found only where the value is also a word of the runtime: %s; %d shorter values not searched",
		strings.Join(report, "\n"), strings.Join(totals, ", "), checked, strings.Join(sortedKeys(shared), ", "), short)
}

// credentialValues returns the credential values of a collection: literal
// credential auth parameters (each declaring object once), and the values
// of the variables credentials refer to or that are typed secret.
func credentialValues(c *model.Collection) map[string]bool {
	out := map[string]bool{}
	refd := map[string]bool{}
	forEachAuth(c, func(a *model.Auth) {
		for _, prm := range a.Params {
			switch {
			case !isCredentialParam(a.Type, prm.Key) || prm.Value == "":
			case onlyRefs(prm.Value):
				for _, r := range refs(prm.Value) {
					refd[r] = true
				}
			default:
				out[prm.Value] = true
			}
		}
	})
	for _, v := range c.Variables {
		if (refd[v.Key] || v.Type == "secret") && v.Value != "" {
			out[v.Value] = true
		}
	}
	return out
}

// canaryCredentials replaces every credential of c (as credentialValues
// finds them, and every variable a credential refers to) with a unique
// canary, and returns how many it replaced.
func canaryCredentials(c *model.Collection) int {
	n := 0
	next := func() string { n++; return fmt.Sprintf("CANARY-corpus-%04d", n) }
	refd := map[string]bool{}
	forEachAuth(c, func(a *model.Auth) {
		for i, prm := range a.Params {
			if !isCredentialParam(a.Type, prm.Key) || prm.Value == "" {
				continue
			}
			if onlyRefs(prm.Value) {
				for _, r := range refs(prm.Value) {
					refd[r] = true
				}
				continue
			}
			a.Params[i].Value = next()
		}
	})
	for i, v := range c.Variables {
		if refd[v.Key] || v.Type == "secret" {
			c.Variables[i].Value, c.Variables[i].Kind = next(), "string"
		}
	}
	return n
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
