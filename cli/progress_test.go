package cli

import (
	"bytes"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

func TestProgressLine(t *testing.T) {
	for _, tt := range []struct {
		stage, detail string
		n, total      int
		want          string
	}{
		{"", "", 0, 0, "⠋ postgen: starting… 1.5s"},
		{"read", "api.json", 0, 0, "⠋ postgen: reading api.json… 1.5s"},
		{"emit", "", 0, 40, "⠋ postgen: emitting [░░░░░░░░░░░░░░░░░░░░] 0/40 files 1.5s"},
		{"emit", "", 20, 40, "⠋ postgen: emitting [██████████░░░░░░░░░░] 20/40 files 1.5s"},
		{"format", "new.json", 3, 3, "⠋ postgen: formatting new.json [████████████████████] 3/3 files 1.5s"},
	} {
		if got := progressLine('⠋', tt.stage, tt.detail, tt.n, tt.total, 1500*time.Millisecond); got != tt.want {
			t.Errorf("progressLine(%q, %q, %d, %d):\n got %q\nwant %q", tt.stage, tt.detail, tt.n, tt.total, got, tt.want)
		}
	}
}

// TestProgressBarOnATerminal: the generator's file counts reach the line
// as a bar, and a count that comes late from another core does not move
// it back.
func TestProgressBarOnATerminal(t *testing.T) {
	fakeTerminal(t, 0)
	var buf bytes.Buffer
	p := startProgress(&buf)
	report := p.generating("new.json")
	report("emit", 0, 10)
	report("emit", 3, 10)
	report("emit", 2, 10)
	time.Sleep(50 * time.Millisecond)
	p.end()
	got := buf.String()
	if want := "postgen: emitting new.json [██████░░░░░░░░░░░░░░] 3/10 files"; !strings.Contains(got, want) {
		t.Errorf("the line lacks %q: %q", want, got)
	}
	if !strings.HasSuffix(got, "\r\x1b[K") {
		t.Errorf("the line is not erased at the end: %q", got)
	}
}

// stagesLine matches -v's line of stage times.
var stagesLine = regexp.MustCompile(`(?m)^postgen: stages: (.*); [0-9.]+m?s in all$`)

// stages returns the stage names of the -v line in stderr.
func stages(t *testing.T, stderr string) []string {
	t.Helper()
	m := stagesLine.FindStringSubmatch(stderr)
	if m == nil {
		t.Fatalf("no line of stage times in:\n%s", stderr)
	}
	var names []string
	for _, part := range strings.Split(m[1], ", ") {
		name, d, ok := strings.Cut(part, " ")
		if !ok || !regexp.MustCompile(`^[0-9.]+m?s$`).MatchString(d) {
			t.Errorf("stage %q in %q", part, m[0])
		}
		names = append(names, name)
	}
	return names
}

// TestVerboseTimesEachStage: -v times every stage of generate (a write
// and a check) and of changes; without a terminal (stderr is a buffer
// here) no progress line is drawn, however long the run (changes takes
// longer than progressDelay).
func TestVerboseTimesEachStage(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	input := filepath.Join(dir, "big.json")
	writeFile(t, input, killCollection(1, 4, 5))
	out := filepath.Join(dir, "sdk")
	for _, tt := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"generate", "-v", "-p", "big", "-o", out, input}, ExitOK, "read parse plan emit format write"},
		{[]string{"generate", "-v", "--check", "-p", "big", "-o", out, input}, ExitOK, "read parse plan emit format check"},
		{[]string{"changes", "-v", "-p", "big", bookings, input}, ExitOK, "read parse plan emit format compare"},
	} {
		code, _, stderr := run(t, "", tt.args...)
		if code != tt.code {
			t.Fatalf("%q: exit %d\n%s", tt.args, code, stderr)
		}
		if got := strings.Join(stages(t, stderr), " "); got != tt.want {
			t.Errorf("%q: stages %q, want %q", tt.args, got, tt.want)
		}
		if strings.ContainsAny(stderr, "\x1b\r█") || strings.Contains(stderr, "files ") {
			t.Errorf("%q: a progress line without a terminal:\n%q", tt.args, stderr)
		}
	}
	// Without -v, no times.
	if _, _, stderr := run(t, "", "generate", "-p", "big", "-o", out, input); strings.Contains(stderr, "stages:") {
		t.Errorf("times without -v:\n%s", stderr)
	}
}
