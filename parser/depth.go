package parser

import (
	"fmt"

	"github.com/tidwall/gjson"
)

// MaxDepth is how deeply arrays and objects may nest in a collection. Real
// collections nest fewer than 20 levels (each folder adds two: its object
// and its item array); a deeper input is refused before anything recursive
// reads it, because gjson's validator and the walker recurse once per
// level, and a generated SDK grows with the square of the folder depth.
const MaxDepth = 512

// depthError scans the document once, outside strings, and returns an
// *Error placed at the first bracket that opens level MaxDepth+1, or nil.
// It tolerates invalid JSON: the syntax check that follows reports that.
func depthError(src string, base int) *Error {
	depth := 0
	inString := false
	for i := base; i < len(src); i++ {
		c := src[i]
		if inString {
			switch c {
			case '\\':
				i++
			case '"':
				inString = false
			}
			continue
		}
		switch c {
		case '"':
			inString = true
		case '[', '{':
			depth++
			if depth > MaxDepth {
				line, col := position(src, i)
				return &Error{Kind: ErrTooDeep, Line: line, Column: col, Message: fmt.Sprintf(
					"arrays and objects nest more than %d levels deep here (a folder takes two levels; real collections take fewer than 20); flatten the folders, or check that the file is a Postman collection", MaxDepth)}
			}
		case ']', '}':
			depth--
		}
	}
	return nil
}

// validNested reports whether s, JSON text found inside a string of the
// input, is valid JSON within MaxDepth: gjson.Valid recurses once per
// level, so it only sees text the depth scan has bounded.
func validNested(s string) bool {
	return depthError(s, 0) == nil && gjson.Valid(s)
}
