package godoc

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

// corpusDescriptions returns every description in the real collections
// beside the repository (../shared/collections), with its media type.
func corpusDescriptions(t testing.TB) [][2]string {
	files, _ := filepath.Glob("../../../shared/collections/*.json")
	if len(files) == 0 {
		t.Skip("no corpus at ../../../shared/collections")
	}
	var out [][2]string
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				if k == "description" {
					switch d := x.(type) {
					case string:
						out = append(out, [2]string{d, ""})
					case map[string]any:
						content, _ := d["content"].(string)
						typ, _ := d["type"].(string)
						out = append(out, [2]string{content, typ})
					}
				}
				walk(x)
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var v any
		if json.Unmarshal(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), &v) == nil {
			walk(v)
		}
	}
	return out
}

// TestCorpusDescriptionsAreStable converts every description of the corpus
// and checks each result is safe and left alone by gofmt and go/doc.
func TestCorpusDescriptionsAreStable(t *testing.T) {
	descs := corpusDescriptions(t)
	failed := 0
	for _, d := range descs {
		got := Description(d[0], d[1])
		if msg := stable(got); msg != "" {
			failed++
			if failed <= 5 {
				t.Errorf("description %.200q:\n%s", d[0], msg)
			}
		}
	}
	t.Logf("%d corpus descriptions converted, %d not stable", len(descs), failed)
}

// TestConcurrentUse runs the converter from many goroutines at once, as
// the generator does (go test -race checks it).
func TestConcurrentUse(t *testing.T) {
	in := "# T\n\n- [a](https://a.io)\n\n<p>x<br>y</p>\n\n| a | b |\n|---|---|\n| 1 | 2 |"
	want := Markdown(in)
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 50; j++ {
				if got := Markdown(in); len(got) != len(want) {
					t.Errorf("got %d lines, want %d", len(got), len(want))
					return
				}
			}
		}()
	}
	wg.Wait()
}

func BenchmarkCorpusDescriptions(b *testing.B) {
	descs := corpusDescriptions(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, d := range descs {
			Description(d[0], d[1])
		}
	}
}

// TestPlainProseFastPathMatchesMarkdown checks the shortcut Description
// takes for Markdown without syntax: on every corpus description it
// accepts, and on a few written here, the Markdown conversion gives the
// same lines.
func TestPlainProseFastPathMatchesMarkdown(t *testing.T) {
	descs := corpusDescriptions(t)
	for _, s := range []string{"Get one item (request 0).", "Lists bookings, newest first.\nThen the rest.", "A: b; c / d - e.\n\nSecond paragraph!"} {
		descs = append(descs, [2]string{s, ""})
	}
	fast := 0
	for _, d := range descs {
		if baseType(d[1]) == "text/html" || baseType(d[1]) == "text/plain" || !isPlainProse(d[0]) {
			continue
		}
		fast++
		var md doc
		md.markdown(Sanitize(d[0]), 0)
		if got, want := Description(d[0], d[1]), md.lines(); !equalLines(got, want) {
			t.Errorf("description %q:\nfast path: %q\nMarkdown:  %q", d[0], got, want)
		}
	}
	if fast < 3 {
		t.Errorf("the fast path took only %d descriptions", fast)
	}
	t.Logf("%d of %d descriptions took the fast path", fast, len(descs))
}

func equalLines(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
