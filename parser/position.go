package parser

import (
	"sort"
	"strings"
	"unicode/utf8"
)

// position converts one byte offset in s to a 1-based line and column.
// Lines end at '\n'; the column counts runes, so it matches what editors
// and Python's json module report for non-ASCII text.
func position(s string, off int) (line, col int) {
	off = max(0, min(off, len(s)))
	head := s[:off]
	line = strings.Count(head, "\n") + 1
	lineStart := strings.LastIndexByte(head, '\n') + 1
	return line, utf8.RuneCountInString(head[lineStart:]) + 1
}

// positions converts many byte offsets at once in a single sweep over s, so
// that thousands of diagnostics on a 3 MB one-line file stay linear: each
// column is counted from the previous offset, not from the line start.
func positions(s string, offs []int) (lines, cols []int) {
	lines = make([]int, len(offs))
	cols = make([]int, len(offs))
	order := make([]int, len(offs))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return offs[order[a]] < offs[order[b]] })
	prev, line, col := 0, 1, 1 // position of byte offset prev
	for _, k := range order {
		off := max(0, min(offs[k], len(s)))
		seg := s[prev:off]
		if n := strings.Count(seg, "\n"); n > 0 {
			line += n
			seg = seg[strings.LastIndexByte(seg, '\n')+1:]
			col = 1
		}
		col += utf8.RuneCountInString(seg)
		prev = off
		lines[k], cols[k] = line, col
	}
	return lines, cols
}
