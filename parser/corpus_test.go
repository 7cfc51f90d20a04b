package parser

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/postgen/postgen/model"
)

// sharedDir returns /work/shared (../../shared from this package), skipping
// the test when the read-only corpus is not checked out beside the repo.
func sharedDir(t testing.TB) string {
	_, file, _, _ := runtime.Caller(0)
	dir := filepath.Join(filepath.Dir(file), "..", "..", "shared")
	if _, err := os.Stat(filepath.Join(dir, "collections", "SOURCES.md")); err != nil {
		t.Skipf("corpus not found at %s: %v", dir, err)
	}
	return dir
}

func readCorpus(t testing.TB, rel string) []byte {
	data, err := os.ReadFile(filepath.Join(sharedDir(t), rel))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// countTree counts requests and folders and the deepest folder nesting.
func countTree(folders []*model.Folder, reqs []*model.Request, depth int) (nreq, nfold, maxDepth int) {
	nreq = len(reqs)
	for _, f := range folders {
		r, fo, d := countTree(f.Folders, f.Requests, depth+1)
		nreq += r
		nfold += fo + 1
		maxDepth = max(maxDepth, d)
	}
	if len(folders) > 0 {
		maxDepth = max(maxDepth, depth+1)
	}
	return nreq, nfold, maxDepth
}

// TestCorpus parses every real collection (the two v1 files through the
// v1 converter) and checks the request, folder and depth counts against
// the table in SOURCES.md.
func TestCorpus(t *testing.T) {
	want := map[string][3]int{ // requests, folders, depth
		"commercetools-api":         {1997, 147, 5},
		"github-v3-rest":            {623, 28, 1},
		"paypal-partner-apis":       {45, 17, 2},
		"twilio-rest-items":         {850, 403, 2},
		"adyen-management-v3":       {158, 163, 2},
		"msgraph":                   {168, 29, 3},
		"salesforce-apis":           {245, 42, 3},
		"twitter-api-v2":            {13, 5, 1},
		"xray-cloud-graphql":        {131, 67, 4},
		"docusign-monitor":          {9, 5, 2},
		"binance-spot":              {48, 4, 1},
		"gotowebinar-v2":            {53, 9, 1},
		"calculator-soap":           {8, 2, 1},
		"newman-echo-v2":            {22, 7, 1},
		"newman-bom":                {3, 0, 0},
		"newman-hawk":               {1, 0, 0},
		"codegen-formdata-file":     {2, 0, 0},
		"codegen-basic":             {14, 0, 0},
		"mall-portal-zh":            {18, 0, 0},
		"tfm-aws-awsv4":             {17, 5, 2},
		"sas-report-image":          {11, 0, 0},
		"wise-bank-flow":            {50, 23, 3},
		"brightspace-initial-token": {0, 0, 0},
		"p2oa-null-headers":         {2, 1, 1},
		"box-v1-legacy":             {92, 14, 1},
		"here-routing-v1":           {31, 0, 0},
	}
	files, err := filepath.Glob(filepath.Join(sharedDir(t), "collections", "*.json"))
	if err != nil || len(files) != 27 {
		t.Fatalf("want 27 corpus files, got %d (%v)", len(files), err)
	}
	seen := 0
	for _, file := range files {
		slug := strings.TrimSuffix(filepath.Base(file), ".postman_collection.json")
		t.Run(slug, func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			res, err := Parse(data)
			var pe *Error
			switch {
			case slug == "owasp-oversized-invalid":
				if !errors.As(err, &pe) || pe.Kind != ErrInvalidJSON || pe.Line != 18 || pe.Column != 37 {
					t.Fatalf("want ErrInvalidJSON at 18:37, got %#v", err)
				}
				seen++
				return
			case err != nil:
				t.Fatalf("Parse: %v", err)
			}
			w, ok := want[slug]
			if !ok {
				t.Fatalf("no expected counts for %s", slug)
			}
			c := res.Collection
			nreq, nfold, depth := countTree(c.Folders, c.Requests, 0)
			if got := [3]int{nreq, nfold, depth}; got != w {
				t.Errorf("requests/folders/depth = %v, want %v (SOURCES.md)", got, w)
			}
			if c.Name == "" || (c.SchemaVersion != "2.0.0" && c.SchemaVersion != "2.1.0") {
				t.Errorf("name %q, schema version %q", c.Name, c.SchemaVersion)
			}
			for _, d := range res.Diagnostics {
				if d.Path == "" || d.Line < 1 || d.Column < 1 {
					t.Errorf("diagnostic without a place: %v", d)
				}
			}
			t.Logf("%d requests, %d folders, %d warnings", nreq, nfold, len(res.Diagnostics))
			for i, d := range res.Diagnostics {
				if i == 5 {
					t.Logf("  ...")
					break
				}
				t.Logf("  %v", d)
			}
			seen++
		})
	}
	if seen != 27 {
		t.Errorf("checked %d files, want 27", seen)
	}
}

// TestDocumenterEnvelope reads a Postman documenter page, which wraps the
// collection's info (and no items) in {"collection": ...}.
func TestDocumenterEnvelope(t *testing.T) {
	res, err := Parse(readCorpus(t, "neon/neon-apis.documenter.json"))
	if err != nil {
		t.Fatal(err)
	}
	c := res.Collection
	if c.Name != "NEON APIs" || !strings.Contains(c.Description.Content, "Client ID") {
		t.Errorf("name %q, description %.40q", c.Name, c.Description.Content)
	}
	if c.ID != "e0fa967b-02f0-4a88-bda2-f26930886238" {
		t.Errorf("id %q", c.ID)
	}
	if n, _, _ := countTree(c.Folders, c.Requests, 0); n != 0 || len(c.Order) != 0 {
		t.Errorf("want no requests, got %d", n)
	}
	if len(res.Diagnostics) != 0 {
		t.Errorf("want no warnings, got %v", res.Diagnostics)
	}
}

func BenchmarkParseCommercetools(b *testing.B) {
	data := readCorpus(b, "collections/commercetools-api.postman_collection.json")
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(data); err != nil {
			b.Fatal(err)
		}
	}
}
