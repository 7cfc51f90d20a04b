package docs

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/postgen/postgen/golden/docs/docstest"
	_ "github.com/postgen/postgen/internal/testflag"
)

// newMockClient returns a client of the mock server with the credentials
// the collection's auth asks for: an API key for the Reports folder, a
// bearer token for the rest.
func newMockClient(t *testing.T) (*Client, *docstest.Server) {
	t.Helper()
	srv := docstest.NewServer(t)
	c, err := NewClient(WithBaseURL(srv.URL), WithVariable("clientId", "my-client"), WithAPIKey("key-1"), WithBearerToken("token-1"))
	if err != nil {
		t.Fatal(err)
	}
	return c, srv
}

func TestMockTellsRequestsOnOnePathApartByQuery(t *testing.T) {
	c, srv := newMockClient(t)
	ctx := context.Background()
	run, resp, err := c.Reports.Run(ctx, &ReportsRunBody{Template: "stock"})
	if err != nil || resp.StatusCode != 202 || run.ID != "r1" || run.State != "running" {
		t.Fatalf("Run = %+v, %v, %v", run, resp, err)
	}
	cancel, _, err := c.Reports.Cancel(ctx)
	if err != nil || cancel.State != "cancelled" {
		t.Fatalf("Cancel = %+v, %v", cancel, err)
	}
	reqs := srv.Requests()
	if reqs[0].Operation != "Reports.Run" || reqs[0].URL.RawQuery != "action=run" || reqs[1].Operation != "Reports.Cancel" {
		t.Errorf("matched %q (%s) and %q", reqs[0].Operation, reqs[0].URL.RawQuery, reqs[1].Operation)
	}
	// The folder's API key auth, as its doc comment says.
	if got := reqs[0].Header.Get("X-Api-Key"); got != "key-1" || reqs[0].Header.Get("Authorization") != "" {
		t.Errorf("Run sent X-Api-Key %q, Authorization %q", got, reqs[0].Header.Get("Authorization"))
	}
}

func TestMockNamedExamples(t *testing.T) {
	c, srv := newMockClient(t)
	if got := srv.Examples("Reports.Get"); strings.Join(got, ",") != "running,done,unknown" {
		t.Errorf("Examples = %q", got)
	}
	srv.UseExample("Reports.Get", "done")
	report, _, err := c.Reports.Get(context.Background(), "r1")
	if err != nil || report.State != "done" {
		t.Fatalf("Get = %+v, %v", report, err)
	}
}

func TestMockTokenExampleKeepsItsShapeButNotItsSecrets(t *testing.T) {
	c, srv := newMockClient(t)
	body, resp, err := c.Auth.GetToken(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	// The mock serves JSON examples compacted (their layout carries nothing).
	want := `{"access_token":"redacted-by-postgen","token_type":"bearer","expires_in":3600,"refresh_token":"redacted-by-postgen"}`
	if string(body) != want {
		t.Errorf("token body = %s, want %s", body, want)
	}
	if got := resp.Header.Get("Set-Cookie"); got != "redacted-by-postgen" {
		t.Errorf("Set-Cookie = %q", got)
	}
	if got := resp.ContentLength; got != int64(len(want)) {
		t.Errorf("Content-Length = %d: the saved one (180) must not be replayed", got)
	}
	srv.UseExample("Auth.GetToken", "token as a form")
	body, _, err = c.Auth.GetToken(context.Background(), &AuthGetTokenForm{GrantType: "client_credentials"})
	if err != nil || string(body) != "access_token=redacted-by-postgen&token_type=bearer&expires_in=3600" {
		t.Errorf("form token body = %s, %v", body, err)
	}
	reqs := srv.Requests()
	// A nil form sends only its constant, client_id from its variable: the
	// collection's grant_type is a sample.
	if r := reqs[0]; string(r.Body) != "client_id=my-client" || r.Header.Get("Content-Type") != "application/x-www-form-urlencoded" {
		t.Errorf("GetToken(nil) sent %q (%s), want only the constant client_id", r.Body, r.Header.Get("Content-Type"))
	}
	// The caller's field goes where the collection has it.
	if r := reqs[1]; string(r.Body) != "grant_type=client_credentials&client_id=my-client" {
		t.Errorf("GetToken sent %s", r.Body)
	}
}

// TestNoCredentialFromTheCollectionIsGenerated reads every file postgen
// wrote for this collection: the tokens, cookies and keys of its saved
// examples and descriptions appear nowhere.
func TestNoCredentialFromTheCollectionIsGenerated(t *testing.T) {
	secrets := []string{"eyJhbGciOiJIUzI1NiJ9", "c2lnbmF0dXJlLXZhbHVl", "rt-8d7f6e5a4b3c", "at-1a2b3c4d5e", "5f2b7c1d9e"}
	n := 0
	filepath.Walk(".", func(path string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() || strings.HasSuffix(path, "_test.go") {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		n++
		for _, s := range secrets {
			if strings.Contains(string(data), s) {
				t.Errorf("%s holds %q from the collection", path, s)
			}
		}
		return nil
	})
	if n < 10 {
		t.Fatalf("read %d files", n)
	}
}
