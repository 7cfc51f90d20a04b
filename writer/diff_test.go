package writer

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"
)

// lines joins n..m (inclusive) as "1\n2\n...", replacing the lines in repl.
func numbered(n, m int, repl map[int]string) string {
	var sb strings.Builder
	for i := n; i <= m; i++ {
		if r, ok := repl[i]; ok {
			sb.WriteString(r + "\n")
		} else {
			fmt.Fprintf(&sb, "%d\n", i)
		}
	}
	return sb.String()
}

// The expected outputs were produced by GNU diff -u and checked by hand.
func TestUnifiedDiff(t *testing.T) {
	for _, c := range []struct {
		name, a, b, want string
	}{
		{"equal", "a\nb\n", "a\nb\n", ""},
		{"both empty", "", "", ""},
		{"insert", "a\nb\nc\n", "a\nb\nx\nc\n", "@@ -1,3 +1,4 @@\n a\n b\n+x\n c\n"},
		{"delete", "a\nb\nc\n", "a\nc\n", "@@ -1,3 +1,2 @@\n a\n-b\n c\n"},
		{"change with context", numbered(1, 10, nil), numbered(1, 10, map[int]string{5: "five"}),
			"@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n"},
		{"two hunks", numbered(1, 20, nil), numbered(1, 20, map[int]string{2: "two", 18: "eighteen"}),
			"@@ -1,5 +1,5 @@\n 1\n-2\n+two\n 3\n 4\n 5\n@@ -15,6 +15,6 @@\n 15\n 16\n 17\n-18\n+eighteen\n 19\n 20\n"},
		{"six lines apart share a hunk", numbered(1, 20, nil), numbered(1, 20, map[int]string{2: "two", 9: "nine"}),
			"@@ -1,12 +1,12 @@\n 1\n-2\n+two\n 3\n 4\n 5\n 6\n 7\n 8\n-9\n+nine\n 10\n 11\n 12\n"},
		{"seven lines apart do not", numbered(1, 20, nil), numbered(1, 20, map[int]string{2: "two", 10: "ten"}),
			"@@ -1,5 +1,5 @@\n 1\n-2\n+two\n 3\n 4\n 5\n@@ -7,7 +7,7 @@\n 7\n 8\n 9\n-10\n+ten\n 11\n 12\n 13\n"},
		{"head and tail", "a\nb\nc\nd\n", "b\nc\nd\ne\n", "@@ -1,4 +1,4 @@\n-a\n b\n c\n d\n+e\n"},
		{"no trailing newline", "a\nb", "a\nc",
			"@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n"},
		{"newline removed", "a\n", "a", "@@ -1 +1 @@\n-a\n+a\n\\ No newline at end of file\n"},
		{"from empty", "", "x\n", "@@ -0,0 +1 @@\n+x\n"},
		{"to empty", "x\n", "", "@@ -1 +0,0 @@\n-x\n"},
	} {
		got := unifiedDiff("a/f", "b/f", []byte(c.a), []byte(c.b))
		want := c.want
		if want != "" {
			want = "--- a/f\n+++ b/f\n" + want
		}
		if got != want {
			t.Errorf("%s:\ngot:\n%s\nwant:\n%s", c.name, got, want)
		}
	}
}

// applyEdits rebuilds b from a and an edit script, failing on an edit that
// does not match a.
func applyEdits(a, b []string, edits []edit) ([]string, error) {
	var out []string
	ai := 0
	for _, e := range edits {
		switch e.kind {
		case ' ', '-':
			if e.ai != ai || ai >= len(a) || e.kind == ' ' && (e.bi >= len(b) || a[ai] != b[e.bi]) {
				return nil, fmt.Errorf("edit %+v out of step at a[%d]", e, ai)
			}
			if e.kind == ' ' {
				out = append(out, a[ai])
			}
			ai++
		case '+':
			out = append(out, b[e.bi])
		}
	}
	if ai != len(a) {
		return nil, fmt.Errorf("edits consumed %d of %d lines", ai, len(a))
	}
	return out, nil
}

// lcs is the textbook dynamic program, to check Myers finds a shortest script.
func lcs(a, b []string) int {
	dp := make([][]int, len(a)+1)
	for i := range dp {
		dp[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				dp[i][j] = dp[i+1][j+1] + 1
			} else {
				dp[i][j] = max(dp[i+1][j], dp[i][j+1])
			}
		}
	}
	return dp[0][0]
}

func TestDiffLinesRandom(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	randLines := func() []string {
		out := make([]string, rng.Intn(12))
		for i := range out {
			out[i] = string(rune('a'+rng.Intn(4))) + "\n"
		}
		return out
	}
	for i := 0; i < 2000; i++ {
		a, b := randLines(), randLines()
		edits := diffLines(a, b)
		got, err := applyEdits(a, b, edits)
		if err != nil || strings.Join(got, "") != strings.Join(b, "") {
			t.Fatalf("%q -> %q: edits %v rebuild %q (%v)", a, b, edits, got, err)
		}
		changes := 0
		for _, e := range edits {
			if e.kind != ' ' {
				changes++
			}
		}
		if want := len(a) + len(b) - 2*lcs(a, b); changes != want {
			t.Fatalf("%q -> %q: %d changes, shortest is %d", a, b, changes, want)
		}
	}
}

// Past maxEdits the script replaces everything, which is still correct.
func TestDiffLinesFallback(t *testing.T) {
	var a, b []string
	for i := 0; i < maxEdits; i++ {
		a = append(a, fmt.Sprintf("a%d\n", i))
		b = append(b, fmt.Sprintf("b%d\n", i))
	}
	edits := diffLines(a, b)
	got, err := applyEdits(a, b, edits)
	if err != nil || strings.Join(got, "") != strings.Join(b, "") || len(edits) != 2*maxEdits {
		t.Fatalf("fallback: %d edits, rebuild ok %v, err %v", len(edits), strings.Join(got, "") == strings.Join(b, ""), err)
	}
	d := unifiedDiff("a/f", "b/f", []byte(strings.Join(a, "")), []byte(strings.Join(b, "")))
	if !strings.HasPrefix(d, fmt.Sprintf("--- a/f\n+++ b/f\n@@ -1,%d +1,%d @@\n-a0\n", maxEdits, maxEdits)) {
		t.Errorf("fallback diff starts %q", d[:60])
	}
}

// TestUnifiedDiffEscapesForTheTerminal: a line with an ESC sequence, a CR
// that would hide what precedes it, or a bidi override is shown escaped,
// while the diff keeps its shape; lines that differ only in such a
// character are told apart.
func TestUnifiedDiffEscapesForTheTerminal(t *testing.T) {
	a := "# API\nsafe\rEVIL\nplain\n"
	b := "# API\x1b[2J\nsafe\nplain\u202e\nlast\u2028line"
	got := unifiedDiff("a/README\x1b.md", "b/README\x1b.md", []byte(a), []byte(b))
	want := "--- a/README\\x1b.md\n+++ b/README\\x1b.md\n@@ -1,3 +1,4 @@\n" +
		"-# API\n-safe\\rEVIL\n-plain\n+# API\\x1b[2J\n+safe\n+plain\\u202e\n+last\\u2028line\n\\ No newline at end of file\n"
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	// CRLF line ends: every line shows its \r, and the hunk is the whole
	// file, as diff -u makes it.
	got = unifiedDiff("a/f", "b/f", []byte("x\ny\n"), []byte("x\r\ny\r\n"))
	if want := "--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n-x\n-y\n+x\\r\n+y\\r\n"; got != want {
		t.Errorf("CRLF: got:\n%s\nwant:\n%s", got, want)
	}
}
