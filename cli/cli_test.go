package cli

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/postgen/postgen/internal/testflag"
)

const bookings = "../testdata/bookings/collection.json"

// run drives the CLI in memory.
func run(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := Run(context.Background(), args, strings.NewReader(stdin), &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

func TestGenerateThenCheck(t *testing.T) {
	out := filepath.Join(t.TempDir(), "sdk")
	code, _, stderr := run(t, "", "generate", "-o", out, "-p", "bookings", bookings)
	if code != ExitOK || !strings.Contains(stderr, "bookings: 1 service, 5 methods") {
		t.Fatalf("generate: exit %d\n%s", code, stderr)
	}
	if code, stdout, stderr := run(t, "", "generate", "--check", "-o", out, "-p", "bookings", bookings); code != ExitOK || stdout != "" {
		t.Fatalf("check on a fresh SDK: exit %d\n%s%s", code, stdout, stderr)
	}

	// A hand edit is drift: exit 1 with a diff naming the file.
	client := filepath.Join(out, "client.go")
	data, _ := os.ReadFile(client)
	writeFile(t, client, strings.Replace(string(data), "NewClient returns", "NewClient makes", 1))
	code, stdout, _ := run(t, "", "generate", "--check", "-o", out, "-p", "bookings", bookings)
	if code != ExitDrift || !strings.Contains(stdout, "--- a/client.go") || !strings.Contains(stdout, "-// NewClient makes") {
		t.Fatalf("check after a hand edit: exit %d\n%s", code, stdout)
	}
	if after, _ := os.ReadFile(client); !bytes.Contains(after, []byte("NewClient makes")) {
		t.Fatal("--check wrote to the output directory")
	}
}

func TestUserFilesSurviveRegeneration(t *testing.T) {
	out := t.TempDir()
	mine := filepath.Join(out, "mine_test.go")
	helper := filepath.Join(out, "helpers.go")
	writeFile(t, mine, "package bookings\n\n// my own test\n")
	writeFile(t, helper, "package bookings\n\n// my own helper\n")
	for i := 0; i < 2; i++ {
		if code, _, stderr := run(t, "", "generate", "-o", out, "-p", "bookings", bookings); code != ExitOK {
			t.Fatalf("generate: exit %d\n%s", code, stderr)
		}
	}
	for path, want := range map[string]string{mine: "// my own test", helper: "// my own helper"} {
		if got, err := os.ReadFile(path); err != nil || !strings.Contains(string(got), want) {
			t.Errorf("%s changed: %q, %v", path, got, err)
		}
	}
	// A user's file where a generated one goes is never overwritten.
	writeFile(t, filepath.Join(out, "client.go"), "package bookings\n\n// hand-written\n")
	code, _, stderr := run(t, "", "generate", "-o", out, "-p", "bookings", bookings)
	if code != ExitUsage || !strings.Contains(stderr, "client.go") {
		t.Errorf("overwriting a user file: exit %d\n%s", code, stderr)
	}
}

func TestSameInputSameBytes(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	for _, dir := range []string{a, b} {
		if code, _, stderr := run(t, "", "generate", "-o", dir, "-p", "bookings", bookings); code != ExitOK {
			t.Fatalf("exit %d\n%s", code, stderr)
		}
	}
	n := 0
	filepath.WalkDir(a, func(path string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		n++
		rel, _ := filepath.Rel(a, path)
		x, _ := os.ReadFile(path)
		y, err := os.ReadFile(filepath.Join(b, rel))
		if err != nil || !bytes.Equal(x, y) {
			t.Errorf("%s differs between two runs", rel)
		}
		return nil
	})
	if n == 0 {
		t.Fatal("nothing generated")
	}
}

func TestStdinInput(t *testing.T) {
	data, err := os.ReadFile(bookings)
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	code, _, stderr := run(t, string(data), "generate", "-o", out, "-p", "bookings", "-")
	if code != ExitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "bookings.go")); err != nil {
		t.Error(err)
	}
}

func TestBadInputExits2WithAClearMessage(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name, stdin string
		args        []string
		want        string
	}{
		{"no argument", "", []string{"generate"}, "no collection given"},
		{"two arguments", "", []string{"generate", bookings, bookings}, "accepts at most 1 arg"},
		{"unknown flag", "", []string{"generate", "--nope", bookings}, "unknown flag"},
		{"missing file", "", []string{"generate", filepath.Join(dir, "nope.json")}, "no such file"},
		{"directory", "", []string{"generate", dir}, "is a directory"},
		{"invalid JSON", `{"info": {"name": "x",}`, []string{"generate", "-o", dir, "-"}, "<stdin>:1:"},
		{"not a collection", `[1, 2]`, []string{"generate", "-o", dir, "-"}, "not a Postman collection"},
		{"bad package name", "", []string{"generate", "-p", "Bad-Name", "-o", dir, bookings}, "-p Bad-Name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := run(t, tt.stdin, tt.args...)
			if code != ExitUsage || !strings.Contains(stderr, tt.want) {
				t.Errorf("exit %d, stderr %q; want exit 2 with %q", code, stderr, tt.want)
			}
		})
	}
}

func TestVersionAndHelp(t *testing.T) {
	code, stdout, _ := run(t, "", "version")
	if code != ExitOK || !strings.HasPrefix(stdout, "postgen ") {
		t.Errorf("version: exit %d %q", code, stdout)
	}
	code, stdout, _ = run(t, "", "generate", "--help")
	if code != ExitOK || !strings.Contains(stdout, "--check") || !strings.Contains(stdout, "Examples:") {
		t.Errorf("help: exit %d\n%s", code, stdout)
	}
}
