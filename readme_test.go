package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"

	_ "github.com/postgen/postgen/internal/testflag"
)

// TestREADMEQuickStart follows the README's quick start as a new user
// would, on this checkout: it runs the README's own shell blocks (with
// /tmp/quickstart moved to a temporary directory), saves its Go block
// where the README says, and runs the final command, which must pass.
func TestREADMEQuickStart(t *testing.T) {
	if testing.Short() {
		t.Skip("builds postgen and a fresh module; skipped with -short")
	}
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	section := sectionOf(string(readme), "## Quick start")
	if section == "" {
		t.Fatal(`README.md has no "## Quick start" section`)
	}
	blocks := fencedBlocks(section)
	if len(blocks) != 3 || blocks[0].lang != "sh" || blocks[1].lang != "go" || blocks[2].lang != "sh" {
		t.Fatalf("the quick start should be a sh block, a go block and a sh block; found %d blocks", len(blocks))
	}
	m := regexp.MustCompile("Save this as `([^`]+)`").FindStringSubmatch(section)
	if m == nil {
		t.Fatal("the quick start does not say where to save its Go file (Save this as `...`)")
	}
	dir := t.TempDir()
	fix := func(s string) string { return strings.ReplaceAll(s, "/tmp/quickstart", dir) }

	env := append(os.Environ(), "GOWORK=off", "GOFLAGS=", "PATH="+filepath.Join(runtime.GOROOT(), "bin")+string(os.PathListSeparator)+os.Getenv("PATH"))
	setup := exec.Command("bash", "-euo", "pipefail", "-c", fix(blocks[0].code))
	setup.Env = env
	out, err := setup.CombinedOutput()
	if err != nil {
		t.Fatalf("the quick start's first block failed: %v\n%s", err, out)
	}
	if claim := regexp.MustCompile("postgen prints `([^`]+)`").FindStringSubmatch(section); claim == nil || !strings.Contains(string(out), claim[1]) {
		t.Errorf("the README says what postgen prints, but it printed:\n%s", out)
	}
	if err := os.WriteFile(fix(m[1]), []byte(blocks[1].code), 0o644); err != nil {
		t.Fatal(err)
	}
	run := exec.Command("bash", "-euo", "pipefail", "-c", blocks[2].code)
	run.Dir = dir
	run.Env = env
	out, err = run.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "--- PASS: TestListBookings") {
		t.Fatalf("the quick start's test did not pass: %v\n%s", err, out)
	}
	t.Logf("quick start passes:\n%s", out)
}

// sectionOf returns the text of the section that starts with heading, up
// to the next heading of the same level.
func sectionOf(doc, heading string) string {
	i := strings.Index(doc, "\n"+heading+"\n")
	if i < 0 {
		return ""
	}
	rest := doc[i+len(heading)+2:]
	if j := strings.Index(rest, "\n## "); j >= 0 {
		rest = rest[:j]
	}
	return rest
}

// block is a fenced code block.
type block struct{ lang, code string }

// fencedBlocks returns the ``` blocks of Markdown text.
func fencedBlocks(text string) []block {
	var out []block
	lines := strings.Split(text, "\n")
	for i := 0; i < len(lines); i++ {
		if !strings.HasPrefix(lines[i], "```") {
			continue
		}
		b := block{lang: strings.TrimPrefix(lines[i], "```")}
		var code []string
		for i++; i < len(lines) && lines[i] != "```"; i++ {
			code = append(code, lines[i])
		}
		b.code = strings.Join(code, "\n") + "\n"
		out = append(out, b)
	}
	return out
}
