package scriptscan

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/postgen/postgen/model"
	"github.com/postgen/postgen/parser"
)

// corpusScripts returns every enabled, non-empty script of the corpus
// collections, by collection file.
func corpusScripts(t *testing.T) map[string][]model.Event {
	t.Helper()
	files, err := filepath.Glob("../../../shared/collections/*.json")
	if err != nil || len(files) == 0 {
		t.Skipf("no corpus beside the repository: %v", err)
	}
	out := map[string][]model.Event{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		res, err := parser.Parse(data)
		if err != nil {
			continue // the corpus's invalid files are tested elsewhere
		}
		for _, e := range res.Collection.AllEvents() {
			if !e.Disabled && strings.TrimSpace(e.Script) != "" {
				out[filepath.Base(f)] = append(out[filepath.Base(f)], e)
			}
		}
	}
	return out
}

// TestCorpusInventory scans every corpus script, logs the sandbox API
// they use (calls per member chain, with how many collections use each),
// and checks what the scan must find in the scripts known to sign or log
// in. Run with -v to see the inventory.
func TestCorpusInventory(t *testing.T) {
	scripts := corpusScripts(t)
	total := map[string]int{}
	colls := map[string]map[string]bool{}
	byFile := map[string]Report{}
	n := 0
	for file, events := range scripts {
		merged := Report{}
		for _, e := range events {
			n++
			r := Scan(e.Script)
			if r.Truncated {
				t.Errorf("%s %s: truncated", file, e.Path)
			}
			for k, c := range r.Calls {
				total[k] += c
				if colls[k] == nil {
					colls[k] = map[string]bool{}
				}
				colls[k][strings.TrimSuffix(file, ".postman_collection.json")] = true
			}
			merged.Signing = append(merged.Signing, r.Signing...)
			merged.Sets = append(merged.Sets, r.Sets...)
			merged.Headers = append(merged.Headers, r.Headers...)
			merged.SendRequests += r.SendRequests
		}
		byFile[file] = merged
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%d scripts in %d collections; sandbox API by member chain:\n", n, len(scripts))
	for _, k := range SortedCalls(total) {
		var names []string
		for c := range colls[k] {
			names = append(names, c)
		}
		fmt.Fprintf(&b, "%6d  %-45s %s\n", total[k], k, strings.Join(sortedStrings(names), ","))
	}
	t.Log(b.String())

	want := []struct {
		file, what string
		ok         func(Report) bool
	}{
		{"binance-spot.postman_collection.json", "signs with HMAC-SHA256 and adds X-MBX-APIKEY", func(r Report) bool {
			return contains(r.Signing, "HMAC-SHA256") && contains(r.Headers, "X-MBX-APIKEY")
		}},
		{"twitter-api-v2.postman_collection.json", "signs with HMAC-SHA1 and fetches a token", func(r Report) bool {
			return contains(r.Signing, "HMAC-SHA1") && r.SendRequests > 0
		}},
		{"xray-cloud-graphql.postman_collection.json", "sets AUTH_TOKEN", func(r Report) bool { return hasVar(r.Sets, "AUTH_TOKEN") }},
		{"sas-report-image.postman_collection.json", "sets authToken", func(r Report) bool { return hasVar(r.Sets, "authToken") }},
		{"msgraph.postman_collection.json", "sets UserId (legacy setter)", func(r Report) bool { return hasVar(r.Sets, "UserId") }},
	}
	for _, w := range want {
		if r, ok := byFile[w.file]; !ok || !w.ok(r) {
			t.Errorf("%s: the scan does not find that its scripts %s: %+v", w.file, w.what, r)
		}
	}
	if n < 2000 {
		t.Errorf("only %d corpus scripts scanned", n)
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func hasVar(list []Var, name string) bool {
	for _, v := range list {
		if v.Name == name {
			return true
		}
	}
	return false
}

func sortedStrings(s []string) []string {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
	return s
}
