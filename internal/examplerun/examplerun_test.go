package examplerun

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRunReportsBadExamples: in a throwaway module, an Example that prints
// a []byte as numbers, one that exits through log.Fatal and one that prints
// nothing are reported; the good ones before and after them still run,
// and one marked as needing a credential is not run.
func TestRunReportsBadExamples(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go test on a throwaway module")
	}
	mod := t.TempDir()
	dir := filepath.Join(mod, "sdk")
	write := func(name, text string) {
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(mod, "go.mod"), "module example.com/m\n\ngo 1.22\n")
	write(filepath.Join(dir, "sdk.go"), "// Package sdk is a test.\npackage sdk\n")
	write(filepath.Join(dir, "example_test.go"), `package sdk_test

import (
	"errors"
	"fmt"
	"log"
)

func ExampleGood() { fmt.Println("ok") }

func ExampleDecimal() { fmt.Println([]byte("hello")) }

func ExampleFatal() { log.Fatal(errors.New("boom")) }

func ExampleSilent() {}

func ExampleCredential() {
	// The request needs a credential the collection does not hold: pass WithBasicAuth to NewClient.
	log.Fatal("not run")
}

func ExampleLast() { fmt.Println("still runs") }
`)
	n, failures, err := Run(mod, []string{dir}, true)
	if err != nil {
		t.Fatal(err)
	}
	if n != 5 {
		t.Errorf("%d Examples run, want 5 (the one needing a credential left out)", n)
	}
	want := map[string]string{"ExampleDecimal": "byte slice as numbers: [104 101 108 108 111]", "ExampleFatal": "boom", "ExampleSilent": "prints nothing"}
	for name, text := range want {
		if !strings.Contains(failures[name], text) {
			t.Errorf("%s: reported %q, want it to say %q", name, failures[name], text)
		}
	}
	if len(failures) != len(want) {
		t.Errorf("failures %v, want those of %v", failures, want)
	}
	if _, err := os.Stat(filepath.Join(dir, FileName)); !os.IsNotExist(err) {
		t.Errorf("the overlay wrote %s into the package: %v", FileName, err)
	}
}
