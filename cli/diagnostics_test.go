package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/postgen/postgen/internal/testflag"
	"github.com/postgen/postgen/model"
)

const (
	tableStart = "<!-- diagnostics table: generated from model/codes.go; go test ./cli -update rewrites it -->\n"
	tableEnd   = "<!-- end of diagnostics table -->"
)

// TestREADMEDiagnosticsTable: README.md's table of codes is the one
// diagnosticsMarkdown makes from model's table (-update rewrites it).
func TestREADMEDiagnosticsTable(t *testing.T) {
	path := filepath.Join("..", "README.md")
	readme := string(mustRead(t, path))
	before, rest, ok := strings.Cut(readme, tableStart)
	if !ok {
		t.Fatalf("README.md lacks %q", tableStart)
	}
	table, after, ok := strings.Cut(rest, tableEnd)
	if !ok {
		t.Fatalf("README.md lacks %q", tableEnd)
	}
	want := diagnosticsMarkdown()
	if table == want {
		return
	}
	if *testflag.Update {
		if err := os.WriteFile(path, []byte(before+tableStart+want+tableEnd+after), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("README.md's diagnostics table is not the one model/codes.go makes; run go test ./cli -update\nwant:\n%s", want)
}

// TestHelpDiagnostics: postgen help diagnostics lists every code of the
// table under its level.
func TestHelpDiagnostics(t *testing.T) {
	code, stdout, stderr := run(t, "", "help", "diagnostics")
	if code != ExitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	for _, ci := range model.Codes() {
		if !strings.Contains(stdout, "\n  "+string(ci.Code)+"\n") {
			t.Errorf("help diagnostics lacks %s", ci.Code)
		}
	}
	errs, warns, notes := strings.Index(stdout, "Errors:"), strings.Index(stdout, "Warnings:"), strings.Index(stdout, "Notes:")
	if !(errs > 0 && errs < warns && warns < notes) {
		t.Fatalf("sections out of order: %d %d %d", errs, warns, notes)
	}
	sectionOf := func(c model.Code) string {
		i := strings.Index(stdout, "\n  "+string(c)+"\n")
		switch {
		case i > notes:
			return "note"
		case i > warns:
			return "warning"
		}
		return "error"
	}
	for c, want := range map[model.Code]string{model.CodeInvalidJSON: "error", model.CodeUndefinedVariable: "warning", model.CodeCredentialVariables: "note"} {
		if got := sectionOf(c); got != want {
			t.Errorf("%s listed as %s, want %s", c, got, want)
		}
	}
}

// TestAcceptInPostgenYAML: postgen.yaml accepts a warning by code and
// path; the accepted warning is not printed and --strict passes, the
// summary counts it, and an entry that matches nothing is a note at its
// line in postgen.yaml.
func TestAcceptInPostgenYAML(t *testing.T) {
	abs, err := filepath.Abs("../testdata/headers/collection.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name, accept string
		code         int
		want, not    []string
	}{
		{"by code and path", "  - code: header-line\n    path: item[1].request.header\n", ExitOK,
			[]string{"0 warnings (1 accepted) → "}, []string{"header-line]"}},
		{"by code and enclosing item", "  - code: header-line\n    path: item[1]\n", ExitOK,
			[]string{"(1 accepted)"}, []string{"warning["}},
		{"by code and glob", "  - code: header-line\n    path: item[*].request.header\n", ExitOK,
			[]string{"(1 accepted)"}, []string{"warning["}},
		{"by code everywhere", "  - code: header-line\n", ExitOK,
			[]string{"(1 accepted)"}, []string{"warning["}},
		{"another path", "  - code: header-line\n    path: item[0]\n", ExitUsage,
			[]string{"warning[header-line]: item[1].request.header", "postgen.yaml:3:5: note[accept-stale]: accept: no header-line diagnostic at item[0]; remove the entry", "1 warning and --strict"}, nil},
		{"a prefix of an index is not its item", "  - code: header-line\n    path: item[1\n", ExitUsage,
			[]string{"warning[header-line]", "note[accept-stale]"}, nil},
		{"stale beside a match", "  - code: header-line\n  - code: unknown-body-mode\n", ExitOK,
			[]string{"(1 accepted)", "postgen.yaml:4:5: note[accept-stale]: accept: no unknown-body-mode diagnostic anywhere", "0 warnings, 1 note (1 accepted)"}, nil},
		{"unknown code", "  - code: header-lines\n", ExitUsage,
			[]string{`postgen: error[config-invalid]: `, `postgen.yaml:3:11: accept: unknown diagnostic code "header-lines"; did you mean "header-line"?`}, nil},
		{"an error cannot be accepted", "  - code: invalid-json\n", ExitUsage,
			[]string{"accept: invalid-json is an error"}, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			out := t.TempDir()
			writeFile(t, filepath.Join(out, "postgen.yaml"), "input: "+abs+"\naccept:\n"+tt.accept)
			code, _, stderr := run(t, "", "generate", "--strict", "-p", "headers", "-o", out)
			if code != tt.code {
				t.Errorf("exit %d, want %d\n%s", code, tt.code, stderr)
			}
			for _, w := range tt.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr lacks %q:\n%s", w, stderr)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(stderr, n) {
					t.Errorf("stderr has %q:\n%s", n, stderr)
				}
			}
		})
	}
}

// TestCorpusStrict: real collections under --strict. twitter-api-v2
// keeps its credentials in variables, as it should: those are notes; its
// signing script is a warning (two told-apart names are notes), and once
// accepted in postgen.yaml --strict passes. binance-spot's base URL is chosen at run
// time from its prod_url, testnet_url and demo_url: BaseURL constants and
// a note. mall-portal-zh defines no base URL at all: a warning that says
// WithBaseURL, gone when postgen.yaml sets baseURL.
func TestCorpusStrict(t *testing.T) {
	corpus := func(name string) string {
		p := filepath.Join(corpusDir, name+".postman_collection.json")
		if _, err := os.Stat(p); err != nil {
			t.Skipf("no corpus at %s: %v", corpusDir, err)
		}
		abs, _ := filepath.Abs(p)
		return abs
	}
	for _, tt := range []struct {
		name string
		yaml string
		code int
		want []string
		not  []string
	}{
		// Its collection script signs every request and two names are
		// told apart: warnings, acknowledged in postgen.yaml once read.
		{"twitter-api-v2", "", ExitUsage, []string{"warning[script]: event[0]", "note[name-told-apart]: item[1].item[1]", "1 warning and --strict"}, nil},
		{"twitter-api-v2", "accept:\n  - code: script\n    path: event[0]\n", ExitOK, []string{"note[credential-variables]: auth: oauth1 auth", ", 0 warnings, 4 notes (1 accepted) → "}, []string{"warning["}},
		{"binance-spot", "accept:\n  - code: script\n", ExitOK, []string{`note[base-url-choice]: item[0].item[0].request.url.host: the base URL {{url}} uses "url"`, "WithBaseURL(BaseURLProd | BaseURLTestnet | BaseURLDemo)"}, []string{"warning[", `WithVariable("url"`}},
		{"mall-portal-zh", "", ExitUsage, []string{"warning[undefined-base-url]: item[0].request.url.host", "set baseURL in postgen.yaml", "WithBaseURL(...)", "1 warning and --strict"}, []string{`WithVariable("portal.mall"`}},
		{"mall-portal-zh", "baseURL: https://mall.example.com\n", ExitOK, []string{", 0 warnings, 1 note → "}, []string{"base-url", "portal.mall"}},
	} {
		out := t.TempDir()
		if tt.yaml != "" {
			writeFile(t, filepath.Join(out, "postgen.yaml"), tt.yaml)
		}
		code, _, stderr := run(t, "", "generate", "--strict", "-p", "x", "-o", out, corpus(tt.name))
		if code != tt.code {
			t.Errorf("%s: exit %d, want %d\n%s", tt.name, code, tt.code, stderr)
		}
		for _, w := range tt.want {
			if !strings.Contains(stderr, w) {
				t.Errorf("%s: stderr lacks %q:\n%s", tt.name, w, stderr)
			}
		}
		for _, n := range tt.not {
			if strings.Contains(stderr, n) {
				t.Errorf("%s: stderr has %q:\n%s", tt.name, n, stderr)
			}
		}
	}
	// binance-spot's SDK has the constants, and its quick start uses one.
	out := t.TempDir()
	if code, _, stderr := run(t, "", "generate", "-p", "binance", "-o", out, corpus("binance-spot")); code != ExitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	if client := readOut(t, out, "client.go"); !strings.Contains(client, `BaseURLTestnet = "https://testnet.binance.vision"`) {
		t.Errorf("client.go lacks BaseURLTestnet")
	}
	if doc := readOut(t, out, "doc.go"); !strings.Contains(doc, "c, err := binance.NewClient(binance.WithBaseURL(binance.BaseURLProd))") {
		t.Errorf("the quick start sets no base URL:\n%s", doc)
	}
}
