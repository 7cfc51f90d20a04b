package conformance

import (
	"bufio"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// Discover lists the cases: every testdata/<case> of the repository at
// root whose input postgen accepts (cases with error.txt expect a refusal)
// and every collection file in corpus ("" for none).
func Discover(root, corpus string) ([]Case, error) {
	var out []Case
	dirs, err := filepath.Glob(filepath.Join(root, "testdata", "*"))
	if err != nil {
		return nil, err
	}
	sort.Strings(dirs)
	for _, dir := range dirs {
		if _, err := os.Stat(filepath.Join(dir, "error.txt")); err == nil {
			continue
		}
		in := filepath.Join(dir, "collection.json")
		if b, err := os.ReadFile(filepath.Join(dir, "input")); err == nil {
			in = filepath.Join(root, strings.TrimSpace(string(b)))
		}
		if _, err := os.Stat(in); err != nil {
			continue
		}
		out = append(out, Case{Name: "testdata/" + filepath.Base(dir), Path: in})
	}
	if corpus != "" {
		files, err := filepath.Glob(filepath.Join(corpus, "*.json"))
		if err != nil {
			return nil, err
		}
		sort.Strings(files)
		for _, f := range files {
			name := strings.TrimSuffix(filepath.Base(f), ".postman_collection.json")
			out = append(out, Case{Name: "corpus/" + strings.TrimSuffix(name, ".json"), Path: f})
		}
	}
	return out, nil
}

// Totals sums the reports over the cases that ran.
type Totals struct {
	Requests, Compared, Equal, Skipped int
	// ScriptCompared and ScriptEqual count the skipped requests under a
	// pre-request script compared with the scripts removed.
	ScriptCompared, ScriptEqual int
	// ZeroCalls counts the zero calls that sent a request, ZeroLeaks
	// those that sent a sample.
	ZeroCalls, ZeroLeaks int
	// ScriptedCompared, ScriptedEqual and ScriptedUnsupported are the
	// scripted pass's figures; Unsupported counts its requests by the API
	// the runtime lacks.
	ScriptedCompared, ScriptedEqual, ScriptedUnsupported, ScriptedNewmanFails, ScriptedNotRun int
	Unsupported                                                                               map[string]int
}

// Print writes the table, the differences (up to maxDiffs per case, all
// with maxDiffs < 0) and skip reasons, and the final line
// "fidelity: E/C requests equal (S skipped)".
func Print(w io.Writer, reports []*CaseReport, maxDiffs int) Totals {
	var t Totals
	fmt.Fprintf(w, "%-40s %8s %8s %6s %9s %7s\n", "collection", "requests", "compared", "equal", "different", "skipped")
	for _, r := range reports {
		if r.Err != nil {
			fmt.Fprintf(w, "%-40s not run: %s\n", r.Name, shortError(r.Err.Error()))
			continue
		}
		fmt.Fprintf(w, "%-40s %8d %8d %6d %9d %7d\n", r.Name, r.Requests, r.Compared, r.Equal, len(r.Different), r.SkippedCount())
		t.Requests += r.Requests
		t.Compared += r.Compared
		t.Equal += r.Equal
		t.Skipped += r.SkippedCount()
		t.ScriptCompared += r.ScriptCompared
		t.ScriptEqual += r.ScriptEqual
		t.ZeroCalls += r.ZeroCalls
		t.ZeroLeaks += len(r.ZeroLeaks)
		t.ScriptedCompared += r.ScriptedCompared
		t.ScriptedEqual += r.ScriptedEqual
		t.ScriptedUnsupported += r.ScriptedUnsupported
		t.ScriptedNewmanFails += r.ScriptedNewmanFails
		t.ScriptedNotRun += r.ScriptedNotRun
		for api, n := range r.Unsupported {
			if t.Unsupported == nil {
				t.Unsupported = map[string]int{}
			}
			t.Unsupported[api] += n
		}
	}
	for _, r := range reports {
		if r.Err != nil && !strings.HasPrefix(r.Err.Error(), "postgen refuses it") {
			fmt.Fprintf(w, "\n%s: not run: %v\n", r.Name, r.Err)
		}
		if len(r.Different) == 0 && len(r.Skipped) == 0 && len(r.ZeroLeaks) == 0 && len(r.ZeroUnsent) == 0 {
			continue
		}
		fmt.Fprintf(w, "\n%s:\n", r.Name)
		printFindings(w, "different", r.Different, maxDiffs)
		printFindings(w, "leaks", r.ZeroLeaks, maxDiffs)
		printFindings(w, "unsent", r.ZeroUnsent, maxDiffs)
		for _, reason := range slices.Sorted(maps.Keys(r.Skipped)) {
			fmt.Fprintf(w, "  skipped %d: %s\n", r.Skipped[reason], reason)
		}
		if r.ScriptedErr != nil {
			fmt.Fprintf(w, "  scripted pass not run: %s\n", shortError(r.ScriptedErr.Error()))
		}
		if r.ScriptedCompared+r.ScriptedUnsupported > 0 {
			fmt.Fprintf(w, "  with scripts run on both sides: %d/%d equal (%d unsupported)\n", r.ScriptedEqual, r.ScriptedCompared, r.ScriptedUnsupported)
		}
		for _, e := range slices.Sorted(maps.Keys(r.NewmanScriptErrors)) {
			fmt.Fprintf(w, "  not compared with scripts, %d: newman's sandbox fails the script: %s\n", r.NewmanScriptErrors[e], e)
		}
		if r.ScriptedNotRun > 0 {
			fmt.Fprintf(w, "  not compared with scripts, %d: newman's scripted run never reached them\n", r.ScriptedNotRun)
		}
		if len(r.ScriptedDifferent) > 0 {
			printFindings(w, "different with scripts", r.ScriptedDifferent, maxDiffs)
		}
		if r.ScriptCompared > 0 {
			fmt.Fprintf(w, "  of those under a script, compared with the scripts removed: %d/%d equal\n", r.ScriptEqual, r.ScriptCompared)
			printFindings(w, "different without the script", r.ScriptDifferent, maxDiffs)
		}
	}
	fmt.Fprintf(w, "\nrequests under a pre-request script, compared with the scripts removed: %d/%d equal\n", t.ScriptEqual, t.ScriptCompared)
	for _, api := range slices.Sorted(maps.Keys(t.Unsupported)) {
		fmt.Fprintf(w, "scripted: unsupported %s: %d requests\n", api, t.Unsupported[api])
	}
	if t.ScriptedNotRun > 0 {
		fmt.Fprintf(w, "scripted: %d requests not compared: newman's scripted run never reached them\n", t.ScriptedNotRun)
	}
	if t.ScriptedNewmanFails > 0 {
		fmt.Fprintf(w, "scripted: %d requests not compared: newman's own sandbox fails their scripts\n", t.ScriptedNewmanFails)
	}
	fmt.Fprintf(w, "scripted: %d/%d requests equal with scripts run (%d unsupported)\n", t.ScriptedEqual, t.ScriptedCompared, t.ScriptedUnsupported)
	fmt.Fprintf(w, "zero calls: %d sent, %d leak a sample\n", t.ZeroCalls, t.ZeroLeaks)
	fmt.Fprintf(w, "fidelity: %d/%d requests equal (%d skipped)\n", t.Equal, t.Compared, t.Skipped)
	return t
}

func printFindings(w io.Writer, label string, fs []Finding, max int) {
	for i, d := range fs {
		if max >= 0 && i == max {
			fmt.Fprintf(w, "  … %d more %s\n", len(fs)-i, label)
			return
		}
		fmt.Fprintf(w, "  %s %s (%s): %s\n", label, d.Path, d.Name, d.Diff)
	}
}

// ReadBaseline reads "name equal" lines; # starts a comment.
func ReadBaseline(path string) (map[string]int, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	out := map[string]int{}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Fields(line)
		if len(fields) != 2 {
			return nil, fmt.Errorf("%s:%d: want \"name equal\", got %q", path, n, line)
		}
		v, err := strconv.Atoi(fields[1])
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %v", path, n, err)
		}
		out[fields[0]] = v
	}
	return out, sc.Err()
}

// CheckBaseline returns one message per case whose equal count fell below
// its baseline (a case that did not run counts as 0).
func CheckBaseline(base map[string]int, reports []*CaseReport) []string {
	got := map[string]int{}
	for _, r := range reports {
		if r.Err == nil {
			got[r.Name] = r.Equal
		}
	}
	var out []string
	for _, name := range slices.Sorted(maps.Keys(base)) {
		if got[name] < base[name] {
			out = append(out, fmt.Sprintf("%s: %d requests equal, baseline %d", name, got[name], base[name]))
		}
	}
	return out
}

// WriteBaseline writes the equal counts of reports.
func WriteBaseline(path string, reports []*CaseReport) error {
	var b strings.Builder
	b.WriteString("# Requests equal to newman's, per collection: make conformance fails when one\n")
	b.WriteString("# drops below its line. Raise the numbers with make conformance-baseline.\n")
	for _, r := range reports {
		if r.Err == nil {
			fmt.Fprintf(&b, "%s %d\n", r.Name, r.Equal)
		}
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}
