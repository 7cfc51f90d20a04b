// Command conformance is postgen's fidelity harness (make conformance): it
// compares, request by request, what newman and the generated SDKs send
// for every testdata case and every corpus collection, prints a table and
// fails when a collection's equal count drops below the baseline.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"regexp"
	"strings"

	"github.com/postgen/postgen/internal/conformance"
)

func main() {
	newman := flag.String("newman", ".tools/newman", "folder holding node_modules/newman")
	corpus := flag.String("corpus", "../shared/collections", "folder of corpus collections (\"\" for none)")
	baseline := flag.String("baseline", "internal/conformance/baseline.txt", "baseline file of equal counts")
	update := flag.Bool("update-baseline", false, "write the baseline from this run instead of checking it")
	diffs := flag.Int("diffs", 5, "differences shown per collection (-1: all)")
	run := flag.String("run", "", "only the cases whose name matches this regular expression")
	keep := flag.Bool("keep", false, "keep the scratch directory (SDKs, captures) and print its path")
	ignore := flag.String("ignore-headers", "", "comma-separated headers left out of the comparison, to look past a known difference (never for the baseline)")
	flag.Parse()
	os.Exit(realMain(*newman, *corpus, *baseline, *update, *diffs, *run, *keep, *ignore))
}

func realMain(newman, corpus, baseline string, update bool, diffs int, run string, keep bool, ignore string) int {
	var ignored []string
	for _, h := range strings.Split(ignore, ",") {
		if h = strings.ToLower(strings.TrimSpace(h)); h != "" {
			ignored = append(ignored, h)
		}
	}
	if len(ignored) > 0 && update {
		fmt.Fprintln(os.Stderr, "conformance: -ignore-headers cannot write the baseline")
		return 2
	}
	if corpus != "" {
		if _, err := os.Stat(corpus); err != nil {
			fmt.Fprintf(os.Stderr, "conformance: no corpus at %s (it lives in ../shared beside the repository; -corpus \"\" to skip it)\n", corpus)
			return 2
		}
	}
	cases, err := conformance.Discover(".", corpus)
	if err != nil {
		fmt.Fprintln(os.Stderr, "conformance:", err)
		return 2
	}
	if run != "" {
		re, err := regexp.Compile(run)
		if err != nil {
			fmt.Fprintln(os.Stderr, "conformance: -run:", err)
			return 2
		}
		var kept []conformance.Case
		for _, c := range cases {
			if re.MatchString(c.Name) {
				kept = append(kept, c)
			}
		}
		cases = kept
	}
	work, err := os.MkdirTemp("", "postgen-conformance-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "conformance:", err)
		return 2
	}
	if keep {
		fmt.Fprintln(os.Stderr, "conformance: scratch directory", work)
	} else {
		defer os.RemoveAll(work)
	}
	reports, err := conformance.Run(context.Background(), conformance.Options{NewmanDir: newman, Cases: cases, Work: work, Progress: os.Stderr, IgnoreHeaders: ignored})
	if err != nil {
		fmt.Fprintln(os.Stderr, "conformance:", err)
		return 2
	}
	conformance.Print(os.Stdout, reports, diffs)
	if update {
		if err := conformance.WriteBaseline(baseline, reports); err != nil {
			fmt.Fprintln(os.Stderr, "conformance:", err)
			return 2
		}
		fmt.Fprintln(os.Stderr, "conformance: baseline written to", baseline)
		return 0
	}
	base, err := conformance.ReadBaseline(baseline)
	if err != nil {
		fmt.Fprintln(os.Stderr, "conformance:", err)
		return 2
	}
	if run != "" {
		// Only the cases that ran are checked.
		ran := map[string]bool{}
		for _, c := range cases {
			ran[c.Name] = true
		}
		for name := range base {
			if !ran[name] {
				delete(base, name)
			}
		}
	}
	failed := false
	if drops := conformance.CheckBaseline(base, reports); len(drops) > 0 {
		fmt.Fprintln(os.Stderr, "conformance: fidelity fell below the baseline:")
		for _, d := range drops {
			fmt.Fprintln(os.Stderr, "  "+d)
		}
		failed = true
	}
	// A zero call that sends a sample breaks the SDK's first promise
	// (DESIGN.md, "Semantics"): there is no baseline for it.
	for _, r := range reports {
		for _, f := range r.ZeroLeaks {
			fmt.Fprintf(os.Stderr, "conformance: %s %s: %s\n", r.Name, f.Path, f.Diff)
			failed = true
		}
	}
	if failed {
		return 1
	}
	return 0
}
