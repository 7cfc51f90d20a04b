package writer

import (
	"fmt"
	"strings"

	"github.com/postgen/postgen/internal/termtext"
)

// diffContext is the number of unchanged lines around each change, as in diff -u.
const diffContext = 3

// maxEdits bounds the Myers search; beyond it (files rewritten wholesale)
// the diff falls back to deleting all old lines and adding all new ones,
// which is still a correct diff and keeps memory small.
const maxEdits = 1000

// edit is one line of an edit script: ' ' keeps a[ai] (== b[bi]), '-'
// deletes a[ai], '+' inserts b[bi]. ai and bi are the positions in a and b
// before the line is consumed.
type edit struct {
	kind   byte
	ai, bi int
}

// unifiedDiff renders the change from a to b like `diff -u` with the given
// file labels (use "/dev/null" for a missing side). It returns "" when a
// and b are equal.
//
// The diff is for people to read in a terminal, and the files hold
// collection text (a README, a hand edit): labels and lines are printed
// with control, bidi and invisible characters escaped (termtext.Line:
// CR as \r, ESC as \x1b, U+202E as \u202e), so a line cannot hide or
// reorder itself, and two lines that differ only in such characters show
// how. Lines are compared as they are; only the printing escapes.
func unifiedDiff(aName, bName string, a, b []byte) string {
	if string(a) == string(b) {
		return ""
	}
	al, bl := splitLines(string(a)), splitLines(string(b))
	edits := diffLines(al, bl)
	var sb strings.Builder
	fmt.Fprintf(&sb, "--- %s\n+++ %s\n", termtext.Line(aName), termtext.Line(bName))
	for _, h := range hunks(edits) {
		writeHunk(&sb, edits[h[0]:h[1]], al, bl)
	}
	return sb.String()
}

// splitLines splits s after each "\n"; the last line may lack one.
func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	lines := strings.SplitAfter(s, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

// diffLines returns a shortest edit script from a to b (Myers' algorithm),
// after trimming the common prefix and suffix.
func diffLines(a, b []string) []edit {
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	var edits []edit
	for i := 0; i < pre; i++ {
		edits = append(edits, edit{' ', i, i})
	}
	for _, e := range myers(intern(a[pre:len(a)-suf], b[pre:len(b)-suf])) {
		edits = append(edits, edit{e.kind, e.ai + pre, e.bi + pre})
	}
	for i := suf; i > 0; i-- {
		edits = append(edits, edit{' ', len(a) - i, len(b) - i})
	}
	return edits
}

// intern maps lines to small integers so the search compares ints.
func intern(a, b []string) ([]int, []int) {
	ids := map[string]int{}
	conv := func(lines []string) []int {
		out := make([]int, len(lines))
		for i, l := range lines {
			id, ok := ids[l]
			if !ok {
				id = len(ids)
				ids[l] = id
			}
			out[i] = id
		}
		return out
	}
	return conv(a), conv(b)
}

// myers finds a shortest edit script from a to b. trace[d] holds the
// furthest x reached on each diagonal k in -d..d after d edits.
func myers(a, b []int) []edit {
	n, m := len(a), len(b)
	var trace [][]int
	prev := []int{0, 0, 0} // diagonals -1..1 before the first step; x on k=1 is 0
	for d := 0; d <= n+m; d++ {
		if d > maxEdits {
			return replaceAll(n, m)
		}
		v := make([]int, 2*d+1) // diagonals -d..d
		at := func(v []int, k int) int { return v[k+len(v)/2] }
		for k := -d; k <= d; k += 2 {
			var x int
			if k == -d || k != d && at(prev, k-1) < at(prev, k+1) {
				x = at(prev, k+1) // down: insertion
			} else {
				x = at(prev, k-1) + 1 // right: deletion
			}
			y := x - k
			for x < n && y < m && a[x] == b[y] {
				x, y = x+1, y+1
			}
			v[k+d] = x
			if x >= n && y >= m {
				return backtrack(append(trace, v), n, m)
			}
		}
		// Step d+1 reads only diagonals -d..d, all in v.
		trace = append(trace, v)
		prev = v
	}
	return replaceAll(n, m) // not reached: d = n+m always reaches the end
}

// backtrack walks trace from (n, m) to (0, 0) and returns the edits in order.
func backtrack(trace [][]int, n, m int) []edit {
	var rev []edit
	x, y := n, m
	at := func(v []int, k int) int { return v[k+len(v)/2] }
	for d := len(trace) - 1; d > 0; d-- {
		prev := trace[d-1]
		k := x - y
		var pk int
		if k == -d || k != d && at(prev, k-1) < at(prev, k+1) {
			pk = k + 1
		} else {
			pk = k - 1
		}
		px := at(prev, pk)
		py := px - pk
		for x > px && y > py {
			x, y = x-1, y-1
			rev = append(rev, edit{' ', x, y})
		}
		if x == px {
			rev = append(rev, edit{'+', x, py})
		} else {
			rev = append(rev, edit{'-', px, y})
		}
		x, y = px, py
	}
	for x > 0 && y > 0 {
		x, y = x-1, y-1
		rev = append(rev, edit{' ', x, y})
	}
	for i, j := 0, len(rev)-1; i < j; i, j = i+1, j-1 {
		rev[i], rev[j] = rev[j], rev[i]
	}
	return rev
}

// replaceAll is the edit script that deletes all of a and inserts all of b.
func replaceAll(n, m int) []edit {
	edits := make([]edit, 0, n+m)
	for i := 0; i < n; i++ {
		edits = append(edits, edit{'-', i, 0})
	}
	for j := 0; j < m; j++ {
		edits = append(edits, edit{'+', n, j})
	}
	return edits
}

// hunks groups changes with their context; each result is an [start, end)
// range of edits. Changes closer than twice the context share a hunk.
func hunks(edits []edit) [][2]int {
	var out [][2]int
	for i := 0; i < len(edits); i++ {
		if edits[i].kind == ' ' {
			continue
		}
		start := max(i-diffContext, 0)
		if n := len(out); n > 0 && start <= out[n-1][1] {
			start = out[n-1][0]
			out = out[:n-1]
		}
		end := i + 1
		for end < len(edits) && edits[end].kind != ' ' {
			end++
		}
		i = end - 1
		out = append(out, [2]int{start, min(end+diffContext, len(edits))})
	}
	return out
}

// writeHunk writes one "@@ -l,s +l,s @@" hunk.
func writeHunk(sb *strings.Builder, edits []edit, a, b []string) {
	var na, nb int
	for _, e := range edits {
		if e.kind != '+' {
			na++
		}
		if e.kind != '-' {
			nb++
		}
	}
	fmt.Fprintf(sb, "@@ -%s +%s @@\n", hunkRange(edits[0].ai, na), hunkRange(edits[0].bi, nb))
	for _, e := range edits {
		var line string
		if e.kind == '+' {
			line = b[e.bi]
		} else {
			line = a[e.ai] // for ' ', a[ai] == b[bi]
		}
		sb.WriteByte(e.kind)
		text, ok := strings.CutSuffix(line, "\n")
		sb.WriteString(termtext.Line(text))
		sb.WriteByte('\n')
		if !ok {
			sb.WriteString("\\ No newline at end of file\n")
		}
	}
}

// hunkRange formats one side of a hunk header: a one-line range is just
// its line number and an empty range names the line before it, as diff -u does.
func hunkRange(start, count int) string {
	switch count {
	case 0:
		return fmt.Sprintf("%d,0", start)
	case 1:
		return fmt.Sprintf("%d", start+1)
	}
	return fmt.Sprintf("%d,%d", start+1, count)
}
