package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"go/parser"
	"go/token"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/postgen/postgen/templates"
)

// TestHelperGenerate is not a test: TestKilledRunLeavesCompleteFiles runs
// the test binary as a postgen process through it.
func TestHelperGenerate(t *testing.T) {
	if os.Getenv("POSTGEN_HELPER") != "1" {
		t.Skip("helper process for TestKilledRunLeavesCompleteFiles")
	}
	args := strings.Split(os.Getenv("POSTGEN_ARGS"), "\n")
	os.Exit(Run(context.Background(), args, nil, os.Stdout, os.Stderr))
}

// killCollection is a collection of folders×perFolder requests; version
// changes every method's name, so every file changes between versions.
func killCollection(version, folders, perFolder int) string {
	var b strings.Builder
	fmt.Fprintf(&b, `{"info":{"name":"kill"},"item":[`)
	for f := range folders {
		if f > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"name":"folder %d","item":[`, f)
		for r := range perFolder {
			if r > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, `{"name":"v%d op %d","request":{"method":"POST","url":"https://kill.example/%d/%d?v=%d","body":{"mode":"raw","raw":"{\"id\":%d,\"name\":\"x\"}","options":{"raw":{"language":"json"}}}}}`, version, r, f, r, version, r)
		}
		b.WriteString("]}")
	}
	b.WriteString("]}")
	return b.String()
}

// killCount is how many runs TestKilledRunLeavesCompleteFiles kills: two
// in three once the switch of the files has begun (aimed with the journal),
// the others at a random moment of the whole run.
const killCount = 120

// TestKilledRunLeavesCompleteFiles SIGKILLs real postgen processes while
// they replace one SDK with another. Whenever the kill lands, every file in
// the output directory is a complete file of the old or the new SDK (never
// truncated); the SDK is wholly old, wholly new, or a journal records the
// switch in progress (then generate --check says so and writes nothing);
// the user's file beside the SDK is untouched; and the next run finishes
// the switch from the journal alone and leaves exactly the new SDK, with no
// temporary directory.
func TestKilledRunLeavesCompleteFiles(t *testing.T) {
	if testing.Short() {
		t.Skip("runs and kills postgen processes; skipped with -short")
	}
	t.Parallel()
	dir := t.TempDir()
	v1, v2 := filepath.Join(dir, "v1.json"), filepath.Join(dir, "v2.json")
	writeFile(t, v1, killCollection(1, 40, 6))
	writeFile(t, v2, killCollection(2, 40, 6))
	out := filepath.Join(dir, "sdk")
	userFile := filepath.Join(out, "helpers_test.go")
	generate := func(args ...string) (int, string) {
		var stderr bytes.Buffer
		code := Run(context.Background(), append([]string{"generate", "-p", "kill", "-o", out}, args...), nil, io.Discard, &stderr)
		return code, stderr.String()
	}
	sdkFiles := func(input string) map[string]string {
		if code, stderr := generate(input); code != ExitOK {
			t.Fatalf("generate %s: exit %d: %s", input, code, stderr)
		}
		return readTree(t, out)
	}
	newFiles := sdkFiles(v2)
	oldFiles := sdkFiles(v1)
	const user = "package kill\n// the user's own file\n"
	writeFile(t, userFile, user)
	oldFiles["helpers_test.go"] = user
	newFiles["helpers_test.go"] = user

	// How long a run takes, and how long its journal lives, to aim the
	// kills: the shortest of a few runs. A kill that comes too late for a
	// run shrinks its aim, so a slow first run does not spoil the rest.
	var full, window time.Duration
	for range 3 {
		start := time.Now()
		var w time.Duration
		killRun(t, out, v2, func(done <-chan struct{}) {
			if waitForJournal(out, done) {
				switched := time.Now()
				waitFor(done, func() bool { return len(journals(out)) > 0 })
				w = time.Since(switched)
			}
			<-done
		})
		if d := time.Since(start); full == 0 || d < full {
			full = d
		}
		if w > 0 && (window == 0 || w < window) {
			window = w
		}
		sdkFiles(v1)
	}
	if window == 0 {
		t.Fatal("the journal was never seen during a run")
	}

	phases := map[string]int{}
	mixed, journaled, attempts := 0, 0, 0
	for kills := 0; kills < killCount; attempts++ {
		if attempts > 3*killCount {
			t.Fatalf("only %d of %d runs were killed before they ended", kills, attempts)
		}
		aimed := attempts%3 != 0
		delay := time.Duration(rand.Int64N(int64(full)))
		if aimed {
			delay = time.Duration(rand.Int64N(int64(window) + 1))
		}
		if !killRun(t, out, v2, func(done <-chan struct{}) {
			if aimed && !waitForJournal(out, done) {
				return
			}
			select {
			case <-time.After(delay):
			case <-done:
			}
		}) {
			if aimed {
				window = window * 3 / 4
			} else {
				full = full * 3 / 4
			}
			sdkFiles(v1) // it finished: start again from the old SDK
			continue
		}
		kills++
		where := fmt.Sprintf("kill %d (aimed %v, after %v)", kills, aimed, delay)
		got := readTree(t, out)
		phase, mix := classify(t, where, got, oldFiles, newFiles)
		phases[phase]++
		if phase == "switching" {
			journaled++
			if mix {
				mixed++
			}
			// --check reports the interrupted run and changes nothing.
			code, stderr := generate("--check", v2)
			if code != ExitDrift || !strings.Contains(stderr, "an interrupted run left its switch of the files unfinished") || !strings.Contains(stderr, "run postgen generate to finish it") {
				t.Errorf("%s: generate --check: exit %d, stderr %q", where, code, stderr)
			}
			if d := treeDiff(readTree(t, out), got); d != "" {
				t.Errorf("%s: generate --check changed the directory: %s", where, d)
			}
		}
		code, stderr := generate("-v", v2)
		if code != ExitOK {
			t.Fatalf("%s: the next run failed: exit %d: %s", where, code, stderr)
		}
		// The journal alone made the new SDK: nothing was left to change.
		if phase == "switching" && (!strings.Contains(stderr, "interrupted while switching files; finished that first") ||
			strings.Contains(stderr, "  created ") || strings.Contains(stderr, "  updated ") || strings.Contains(stderr, "  removed ")) {
			t.Errorf("%s: the run after the journal:\n%s", where, stderr)
		}
		if d := treeDiff(readTree(t, out), newFiles); d != "" {
			t.Fatalf("%s: the next run did not produce exactly the new SDK: %s", where, d)
		}
		sdkFiles(v1)
	}
	t.Logf("a run takes %v, its journal lives %v (as last aimed); %d kills (%d runs) left: %v", full.Round(time.Millisecond), window.Round(time.Microsecond), killCount, attempts, phases)
	t.Logf("kills that left a mix of old and new files: %d of %d, %d of them with no journal (%d kills left a journal); after the next run: 0 of %d", mixed+phases["mixed"], killCount, phases["mixed"], journaled, killCount)
	if phases["switching"] < killCount/4 {
		t.Errorf("only %d of %d kills landed while switching the files", phases["switching"], killCount)
	}
}

// killRun runs postgen generate in a child process, calls wait with a
// channel closed when the child exits, SIGKILLs it when wait returns, and
// reports whether the kill is what ended it.
func killRun(t *testing.T, out, input string, wait func(done <-chan struct{})) bool {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperGenerate$")
	cmd.Env = append(os.Environ(), "POSTGEN_HELPER=1", "POSTGEN_ARGS="+strings.Join([]string{"generate", "-p", "kill", "-o", out, input}, "\n"))
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() {
		cmd.Wait()
		close(done)
	}()
	wait(done)
	cmd.Process.Kill()
	<-done
	return cmd.ProcessState.ExitCode() == -1 // ended by a signal
}

// waitForJournal polls until a staging directory in out holds a journal,
// reporting false if the run ends first.
func waitForJournal(out string, done <-chan struct{}) bool {
	return !waitFor(done, func() bool { return len(journals(out)) == 0 })
}

// journals lists the journals in out's staging directories.
func journals(out string) []string {
	m, _ := filepath.Glob(filepath.Join(out, ".postgen-tmp-*", "journal"))
	return m
}

// waitFor polls while cond holds and the run goes on, every 50µs (the
// journal lives milliseconds; spinning would take a core from the tests
// running beside this one); it reports whether the run ended first.
func waitFor(done <-chan struct{}, cond func() bool) bool {
	for cond() {
		select {
		case <-done:
			return true
		default:
			time.Sleep(50 * time.Microsecond)
		}
	}
	return false
}

// readTree returns the regular files under dir (temporary directories
// included) by slash path.
func readTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	filepath.Walk(dir, func(path string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(dir, path)
		files[filepath.ToSlash(rel)] = string(data)
		return nil
	})
	return files
}

// classify says where a kill left the output directory: "before" (the old
// SDK, nothing staged), "staging" (the old SDK and a staging directory
// without a journal), "switching" (a journal), "cleanup" (the new SDK and
// a staging directory) or "done" (the new SDK); and whether its files are
// a mix of old and new. It fails the test on a file that is neither a
// complete old nor a complete new one, on a changed user file, and on a
// mix that no journal records.
func classify(t *testing.T, where string, got, oldFiles, newFiles map[string]string) (string, bool) {
	t.Helper()
	fset := token.NewFileSet()
	old, new, staging, journal := 0, 0, false, false
	sdk := map[string]string{}
	for name, data := range got {
		if strings.HasPrefix(name, ".postgen-tmp-") {
			staging = true
			// A journal cut short by the kill is not one: nothing was
			// renamed yet, and the next run discards it.
			journal = journal || strings.HasSuffix(name, "/journal") && json.Valid([]byte(data))
			continue
		}
		sdk[name] = data
		switch data {
		case oldFiles[name]:
			if oldFiles[name] != newFiles[name] {
				old++
			}
		case newFiles[name]:
			new++
		default:
			t.Errorf("%s: %s is neither the old nor the new file (%d bytes)", where, name, len(data))
		}
		if strings.HasSuffix(name, ".go") && name != "helpers_test.go" {
			if !strings.HasPrefix(data, templates.Header) {
				t.Errorf("%s: %s lacks the generated header", where, name)
			}
			if _, err := parser.ParseFile(fset, name, data, parser.PackageClauseOnly); err != nil {
				t.Errorf("%s: %s does not parse: %v", where, name, err)
			}
		}
	}
	if got["helpers_test.go"] != oldFiles["helpers_test.go"] {
		t.Errorf("%s: the user's file changed", where)
	}
	isOld, isNew := treeDiff(sdk, oldFiles) == "", treeDiff(sdk, newFiles) == ""
	mix := !isOld && !isNew
	switch {
	case journal:
		return "switching", mix
	case mix:
		t.Errorf("%s: a mix of old and new files (%d old, %d new) and no journal to finish it", where, old, new)
		return "mixed", mix
	case isOld && staging:
		return "staging", mix
	case isOld:
		return "before", mix
	case staging:
		return "cleanup", mix
	}
	return "done", mix
}

// treeDiff names the files that differ between two trees.
func treeDiff(got, want map[string]string) string {
	var d []string
	for k, v := range want {
		if got[k] != v {
			d = append(d, "changed or missing "+k)
		}
	}
	for k := range got {
		if _, ok := want[k]; !ok {
			d = append(d, "extra "+k)
		}
	}
	return strings.Join(d, ", ")
}
