package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/postgen/postgen/internal/termtext"
)

// terminalCase is a collection whose names, descriptions, keys, values
// and URLs carry ESC sequences (colours, clear screen, window title, the
// OSC 52 clipboard), CR, and bidi overrides.
const terminalCase = "../testdata/hostile/terminal/collection.json"

// terminalUnsafe describes the first character of s that must not reach a
// terminal as itself: what suspiciousChar refuses in generated files
// (controls but tab and newline, C1, bidi controls, BOM, invalid UTF-8),
// and the line separators and zero-width characters.
func terminalUnsafe(s string) string {
	if bad := suspiciousChar([]byte(s)); bad != "" {
		return bad
	}
	for i, r := range s {
		switch r {
		case 0x2028, 0x2029, 0x200b, 0x2060:
			return fmt.Sprintf("invisible character %U at byte %d", r, i)
		}
	}
	return ""
}

// assertTerminalSafe fails the test when out holds a character a
// terminal would act on; the output is shown quoted, so the test log is
// not itself an attack on the terminal running the tests.
func assertTerminalSafe(t *testing.T, what, out string) {
	t.Helper()
	if bad := terminalUnsafe(out); bad != "" {
		t.Errorf("%s prints %s:\n%q", what, bad, out)
	}
}

// hostileCopy copies the terminal case to a file whose name itself holds
// ESC, BEL and U+202E, so every line that names the input is hostile too.
func hostileCopy(t *testing.T, dir string, edit func(map[string]any)) string {
	t.Helper()
	var c map[string]any
	if err := json.Unmarshal(mustRead(t, terminalCase), &c); err != nil {
		t.Fatal(err)
	}
	name := "term\x1b]0;title\x07\u202e.json"
	if edit != nil {
		edit(c)
		name = "new\x1b[31m\u202e.json"
	}
	data, _ := json.Marshal(c)
	path := filepath.Join(dir, name)
	writeFile(t, path, string(data))
	return path
}

// TestHostileTerminal runs every command that prints collection text on
// the terminal case: no raw control, bidi or invisible character reaches
// stdout or stderr, and the text is shown escaped rather than dropped.
func TestHostileTerminal(t *testing.T) {
	dir := t.TempDir()
	input := hostileCopy(t, dir, nil)
	out := filepath.Join(dir, "sdk")

	code, stdout, stderr := run(t, "", "generate", "-p", "terminal", "-o", out, input)
	if code != ExitOK {
		t.Fatalf("generate: exit %d\n%q", code, stderr)
	}
	assertTerminalSafe(t, "generate", stdout+stderr)
	for _, want := range []string{
		`term\x1b]0;title\x07\u202e.json: warning[unknown-schema]: info.schema`,
		`/v9.9/\u202ecollection.json"`,
		`unknown auth type "\x1b]0;pwned\a"`,
		"terminal: 1 service, 3 methods",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("generate: stderr lacks %q:\n%q", want, stderr)
		}
	}

	// Hand edits that put raw controls into the SDK: --check's diff shows
	// them escaped, and stays a unified diff.
	readme := filepath.Join(out, "README.md")
	data, err := os.ReadFile(readme)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, readme, string(data)+"edited\x1b[31m\rhidden\u202e \u2028\n")
	client := filepath.Join(out, "client.go")
	data, _ = os.ReadFile(client)
	writeFile(t, client, strings.Replace(string(data), "\npackage ", "\n// \x1b]0;pwned\x07\r\npackage ", 1))
	code, stdout, stderr = run(t, "", "generate", "--check", "-v", "-p", "terminal", "-o", out, input)
	if code != ExitDrift {
		t.Fatalf("--check: exit %d\n%q\n%q", code, stdout, stderr)
	}
	assertTerminalSafe(t, "--check", stdout+stderr)
	for _, want := range []string{
		"--- a/README.md\n+++ b/README.md\n@@ ",
		"\n-edited\\x1b[31m\\rhidden\\u202e \\u2028\n",
		"--- a/client.go\n+++ b/client.go\n@@ ",
		"\n-// \\x1b]0;pwned\\x07\\r\n",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("--check: the diff lacks %q:\n%q", want, stdout)
		}
	}

	code, stdout, stderr = run(t, "", "inspect", "-p", "terminal", input)
	if code != ExitOK {
		t.Fatalf("inspect: exit %d\n%q", code, stderr)
	}
	assertTerminalSafe(t, "inspect", stdout+stderr)
	for _, want := range []string{
		`term\x1b]0;title\x07\u202e.json: package terminal`,
		`├── \x1b[31mRed folder\x1b[0m/`,
		`└── List\u202e items  GET /items/\x1b[2J`,
		`├── \u2066isolate\u2069 \u200bzero  POST /{{host\x1b[2J}}/post`,
		`auth: \x1b]0;pwned\x07 (from item[1].request.auth)`,
		`{{host\x1b[2J}} = "evil\roverwrite"`,
		"└── plain Привет 日本 🚀", // ordinary text as it is
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("inspect lacks %q:\n%q", want, stdout)
		}
	}

	// --json: escaped as JSON, so tools read back the collection's own
	// text, control characters and all.
	code, stdout, stderr = run(t, "", "inspect", "--json", "-p", "terminal", input)
	if code != ExitOK {
		t.Fatalf("inspect --json: exit %d\n%q", code, stderr)
	}
	assertTerminalSafe(t, "inspect --json", stdout+stderr)
	var got struct {
		Input string
		Items []struct {
			Name  string
			Items []struct{ Name string }
		}
	}
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatalf("inspect --json: %v\n%q", err, stdout)
	}
	if got.Input != input || len(got.Items) != 3 || got.Items[0].Name != "\x1b[31mRed folder\x1b[0m" ||
		got.Items[0].Items[0].Name != "List\u202e items\r" || got.Items[1].Name != "\u2066isolate\u2069 \u200bzero" {
		t.Errorf("inspect --json does not decode to the collection's text: %+q", got)
	}

	// changes, text and JSON, between the case and a version that drops
	// the plain request and adds one with a hostile name.
	newer := hostileCopy(t, dir, func(c map[string]any) {
		items := c["item"].([]any)
		c["item"] = append(items[:2], map[string]any{
			"name":    "Added\x1b[1m\u202e one",
			"request": map[string]any{"method": "GET", "url": "{{baseUrl}}/added\x1b[2J"},
		})
	})
	for _, args := range [][]string{{"changes"}, {"changes", "--json"}} {
		code, stdout, stderr = run(t, "", append(args, "-p", "terminal", input, newer)...)
		if code != ExitOK || !strings.Contains(stdout, "Plain") {
			t.Fatalf("%v: exit %d\n%q\n%q", args, code, stdout, stderr)
		}
		assertTerminalSafe(t, strings.Join(args, " "), stdout+stderr)
	}
	if !strings.Contains(stdout, `"new": "`+filepath.Join(dir, `new\u001b[31m\u202e.json"`)) {
		t.Errorf("changes --json: the new file's name is not escaped as JSON:\n%q", stdout)
	}
}

// TestErrorsAreEscaped: error messages quote the input and the command
// line as they are; only the escaping stream stands between them and the
// terminal.
func TestErrorsAreEscaped(t *testing.T) {
	broken := filepath.Join(t.TempDir(), "broken\x1b[2J.json")
	writeFile(t, broken, string(mustRead(t, "../testdata/hostile/terminalerror/collection.json")))
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"generate", "-p", "x", "-o", t.TempDir(), broken}, `broken\x1b[2J.json:3:13: invalid JSON: expected ',' or '}' after object member, found '\u202e'`},
		{[]string{"inspect", broken}, `found '\u202e'`},
		{[]string{"generate", "--\x1b]0;t\x07"}, `unknown flag: --\x1b]0;t\x07`},
		{[]string{"inspect", "missing\u202e.json"}, `missing\u202e.json: no such file`},
	} {
		code, stdout, stderr := run(t, "", tt.args...)
		if code != ExitUsage || !strings.Contains(stderr, tt.want) {
			t.Errorf("%q: exit %d, stderr %q; want exit 2 and %q", tt.args, code, stderr, tt.want)
		}
		assertTerminalSafe(t, fmt.Sprintf("%q", tt.args), stdout+stderr)
	}
}

// TestProgressLineEscapesItsText: given Run's escaping writer, the
// progress line writes its own CR and ESC [ K to the stream beneath it,
// and nothing else raw: the stage text (it names the input and output,
// which postgen.yaml can set) is escaped.
func TestProgressLineEscapesItsText(t *testing.T) {
	fakeTerminal(t, 0)
	var buf bytes.Buffer
	p := startProgress(termtext.NewWriter(&buf))
	p.set("read", "sdk\x1b]0;t\x07\u202e")
	time.Sleep(50 * time.Millisecond)
	p.set("write", "out\r\u2028")
	time.Sleep(50 * time.Millisecond)
	p.end()
	got := buf.String()
	for _, want := range []string{"\r\x1b[K", `postgen: reading sdk\x1b]0;t\x07\u202e…`, `postgen: writing out\r\u2028…`} {
		if !strings.Contains(got, want) {
			t.Errorf("the progress line lacks %q: %q", want, got)
		}
	}
	if !strings.HasSuffix(got, "\r\x1b[K") {
		t.Errorf("the progress line is not erased at the end: %q", got)
	}
	assertTerminalSafe(t, "the progress line", strings.ReplaceAll(got, "\r\x1b[K", ""))
}
