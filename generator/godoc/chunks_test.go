package godoc

import (
	"fmt"
	"strings"
	"testing"
)

// windowsEqualWhole reports "" when Markdown src gives the same lines
// parsed in windows of size bytes as parsed whole, else the difference.
func windowsEqualWhole(src string, size int) string {
	var whole, pieces doc
	whole.markdownWindows(src, 0, len(src)+1)
	pieces.markdownWindows(src, 0, size)
	if got, want := pieces.lines(), whole.lines(); !equalLines(got, want) {
		return "in pieces:\n" + strings.Join(got, "\n") + "\n--- whole:\n" + strings.Join(want, "\n")
	}
	return ""
}

// TestWindowsMatchWholeParse parses Markdown in windows of one byte (so
// at every cut there is, windows doubling until there is one) and checks
// the lines are those of one parse, on blocks whose end depends on what
// follows; the corpus test does it on every real description.
func TestWindowsMatchWholeParse(t *testing.T) {
	cases := []string{
		"[later]\n\nText [x][later] and [later][].\n\n[later]: https://example.com/later\n",
		"[a]: https://a.io\n[a]: https://b.io\n\n[a]\n",
		"Para\n# Heading\nPara\n---\nSetext\n===\n\n    code\n\n    more code\n\nend",
		"- a\n\n- b\n\n  still b\n\n1. one\n2. two\n\nnot a list\n- new list",
		"```\nfenced\n\n# not a heading\n\n```\n\n~~~\nunclosed\n\n# inside",
		"<pre>\nhtml\n\n# inside\n</pre>\n\n<div>\nx\n\n# after\n\n<!--\n\ncomment\n\n-->\ntext",
		"> quote\n\n> another\nlazy\n\n| a | b |\n|---|---|\n| 1 | 2 |\n# h\n| c |\n|---|",
		"  indented para\n\n   - list\n\n       code in list\n\nx",
	}
	for _, src := range cases {
		if msg := windowsEqualWhole(src, 1); msg != "" {
			t.Errorf("Markdown %q:\n%s", src, msg)
		}
	}
}

func TestCorpusWindowsMatchWholeParse(t *testing.T) {
	n := 0
	for _, d := range corpusDescriptions(t) {
		if baseType(d[1]) == "text/html" || baseType(d[1]) == "text/plain" {
			continue
		}
		n++
		if msg := windowsEqualWhole(Sanitize(d[0]), 1); msg != "" {
			t.Errorf("description %.300q:\n%s", d[0], msg)
		}
	}
	t.Logf("%d Markdown descriptions", n)
}

// longMarkdown is about size bytes of varied Markdown; with refs, links
// use reference definitions placed after them.
func longMarkdown(size int, refs bool) string {
	var b strings.Builder
	for i := 0; b.Len() < size; i++ {
		switch i % 7 {
		case 0:
			fmt.Fprintf(&b, "## Section %d\n", i)
		case 1:
			fmt.Fprintf(&b, "Text %d with *emphasis*, `code` and a [link](https://example.com/%d).\nIt goes on.\n\n", i, i)
		case 2:
			fmt.Fprintf(&b, "- item %d\n- item\n  - nested\n\n", i)
		case 3:
			fmt.Fprintf(&b, "```\ncode %d\n\nmore\n```\n", i)
		case 4:
			fmt.Fprintf(&b, "| a | b |\n|---|---|\n| %d | 2 |\n\n---\n", i)
		case 5:
			if refs {
				fmt.Fprintf(&b, "See [the spec][s%d] and [s%d].\n\n", i+14, i)
			}
		case 6:
			if refs {
				fmt.Fprintf(&b, "[s%d]: https://example.com/s%d\n\n", i-1, i)
			}
			fmt.Fprintf(&b, "1. one %d\n2. two\n\n> quote\n\n", i)
		}
	}
	return b.String()
}

// TestLongMarkdownWindows checks windows of a few sizes on long Markdown,
// with definitions used before they are given and without any.
func TestLongMarkdownWindows(t *testing.T) {
	for _, refs := range []bool{false, true} {
		src := longMarkdown(300_000, refs)
		for _, size := range []int{100, 4 << 10, window} {
			if msg := windowsEqualWhole(src, size); msg != "" {
				t.Errorf("refs %v, window %d: lines differ (%d bytes of diff)", refs, size, len(msg))
			}
		}
	}
}

// TestSynopsisOfLongMarkdown checks that Synopsis, which stops at the
// first paragraph, still resolves a link defined at the end.
func TestSynopsisOfLongMarkdown(t *testing.T) {
	src := "# Title\n\nFirst [one][d]. Second.\n\n" + longMarkdown(2*window, false) + "\n[d]: https://example.com/d\n"
	if got := Synopsis(src, ""); got != "First one." {
		t.Errorf("Synopsis = %q", got)
	}
	if got := Synopsis("# Only a heading\n\n"+strings.Repeat("- item\n\n    code\n\n", window/10), ""); got != "Only a heading" {
		t.Errorf("Synopsis = %q", got)
	}
}

// TestPastMaxMarkdownIsPlainText checks that Markdown past maxMarkdown,
// or in a run of that many bytes without a cut, is written as plain
// text, and stays a stable comment.
func TestPastMaxMarkdownIsPlainText(t *testing.T) {
	list := strings.Repeat("- item *x*\n", maxMarkdown/10+1000)
	lines := Markdown("# Before\n\n" + list + "\n# After\n")
	if msg := stable(lines); msg != "" {
		t.Fatalf("not stable: %.500s", msg)
	}
	if lines[0] != "# Before" || !strings.HasPrefix(lines[2], "- item *x* - item *x*") || !strings.HasSuffix(lines[len(lines)-1], "After") {
		t.Errorf("a long list: lines %q ... %q", lines[:3], lines[len(lines)-1:])
	}

	long := longMarkdown(2*maxMarkdown, false)
	lines = Markdown(long)
	if msg := stable(lines); msg != "" {
		t.Fatalf("not stable: %.500s", msg)
	}
	if lines[0] != "# Section 0" || !strings.Contains(strings.Join(lines[len(lines)/2:], "\n"), "## Section") {
		t.Errorf("2 MB of Markdown: lines %q ... %q", lines[:2], lines[len(lines)-2:])
	}

	line := strings.Repeat("*a* ", maxMarkdown/2)
	lines = Markdown("# Before\n\n" + line + "\n\n" + line + line + line)
	if lines[0] != "# Before" || !strings.HasPrefix(lines[len(lines)-1], "*a* ") {
		t.Errorf("long lines: %q ... %q", lines[:3], lines[len(lines)-1:])
	}
}
