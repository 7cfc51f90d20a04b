package parser

import (
	"fmt"
	"unicode/utf8"
)

// locateSyntaxError finds the first JSON syntax error in s and returns its
// byte offset and a description. found is false when s is valid JSON.
//
// gjson only answers valid or not, so this runs on the failure path only.
// It accepts exactly the grammar gjson.Valid accepts (RFC 8259, no check of
// UTF-8 inside strings) and keeps its nesting on an explicit stack, so deep
// input cannot exhaust the goroutine stack.
func locateSyntaxError(s string) (off int, msg string, found bool) {
	const (
		wantValue      = iota
		wantValueOrEnd // just after '['
		wantKey        // after ',' in an object
		wantKeyOrEnd   // just after '{'
		afterValue
	)
	var stack []byte
	state := wantValue
	i := 0
	for {
		i = skipJSONSpace(s, i)
		switch state {
		case wantValue, wantValueOrEnd:
			if i == len(s) {
				return i, "unexpected end of input, expected a value", true
			}
			c := s[i]
			if state == wantValueOrEnd && c == ']' {
				stack = stack[:len(stack)-1]
				i++
				state = afterValue
				continue
			}
			switch {
			case c == '{':
				stack = append(stack, '{')
				i++
				state = wantKeyOrEnd
				continue
			case c == '[':
				stack = append(stack, '[')
				i++
				state = wantValueOrEnd
				continue
			case c == '"':
				j, m := scanJSONString(s, i)
				if m != "" {
					return j, m, true
				}
				i = j
			case c == '-' || (c >= '0' && c <= '9'):
				j, m := scanJSONNumber(s, i)
				if m != "" {
					return j, m, true
				}
				i = j
			case c == 't' || c == 'f' || c == 'n':
				j, ok := scanJSONLiteral(s, i)
				if !ok {
					return i, fmt.Sprintf("unexpected %s, expected a value (true, false and null are lower-case; strings need double quotes)", describeByte(s, i)), true
				}
				i = j
			case c == ']' || c == '}':
				return i, fmt.Sprintf("unexpected %s, expected a value (JSON does not allow a trailing comma)", describeByte(s, i)), true
			default:
				return i, fmt.Sprintf("unexpected %s, expected a value", describeByte(s, i)), true
			}
			state = afterValue
		case wantKey, wantKeyOrEnd:
			if i == len(s) {
				return i, "unexpected end of input, expected an object key", true
			}
			c := s[i]
			if state == wantKeyOrEnd && c == '}' {
				stack = stack[:len(stack)-1]
				i++
				state = afterValue
				continue
			}
			if c != '"' {
				hint := ""
				if c == '}' {
					hint = " (JSON does not allow a trailing comma)"
				}
				return i, fmt.Sprintf("expected an object key in double quotes, found %s%s", describeByte(s, i), hint), true
			}
			j, m := scanJSONString(s, i)
			if m != "" {
				return j, m, true
			}
			i = skipJSONSpace(s, j)
			if i == len(s) || s[i] != ':' {
				return i, fmt.Sprintf("expected ':' after object key, found %s", describeByte(s, i)), true
			}
			i++
			state = wantValue
		case afterValue:
			if len(stack) == 0 {
				if i == len(s) {
					return 0, "", false
				}
				return i, fmt.Sprintf("unexpected %s after the end of the top-level value", describeByte(s, i)), true
			}
			top := stack[len(stack)-1]
			if i == len(s) {
				if top == '{' {
					return i, "unexpected end of input, expected ',' or '}' after object member", true
				}
				return i, "unexpected end of input, expected ',' or ']' after array element", true
			}
			c := s[i]
			switch {
			case c == ',' && top == '{':
				state = wantKey
			case c == ',':
				state = wantValue
			case c == '}' && top == '{', c == ']' && top == '[':
				stack = stack[:len(stack)-1]
				state = afterValue
			case top == '{':
				return i, fmt.Sprintf("expected ',' or '}' after object member, found %s", describeByte(s, i)), true
			default:
				return i, fmt.Sprintf("expected ',' or ']' after array element, found %s", describeByte(s, i)), true
			}
			i++
		}
	}
}

func skipJSONSpace(s string, i int) int {
	for i < len(s) {
		switch s[i] {
		case ' ', '\t', '\n', '\r':
			i++
		default:
			return i
		}
	}
	return i
}

// scanJSONString scans the string starting at the quote s[i] and returns
// the offset after its closing quote, or an error offset and message.
func scanJSONString(s string, i int) (int, string) {
	for j := i + 1; j < len(s); j++ {
		switch c := s[j]; {
		case c == '"':
			return j + 1, ""
		case c < ' ':
			return j, fmt.Sprintf("control character U+%04X inside a string (write line breaks and tabs as \\n and \\t)", c)
		case c == '\\':
			j++
			if j == len(s) {
				break
			}
			switch s[j] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			case 'u':
				for k := 0; k < 4; k++ {
					j++
					if j == len(s) || !isHex(s[j]) {
						return min(j, len(s)), "invalid \\u escape in string, expected four hex digits"
					}
				}
			default:
				return j, fmt.Sprintf("invalid escape \\%s in string", describeRaw(s, j))
			}
		}
	}
	return i, "unterminated string starting here"
}

func isHex(c byte) bool {
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
}

// scanJSONNumber scans a number starting at s[i].
func scanJSONNumber(s string, i int) (int, string) {
	digits := func(j int) int {
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		return j
	}
	bad := func(j int) (int, string) {
		return j, fmt.Sprintf("invalid number: expected a digit, found %s", describeByte(s, j))
	}
	j := i
	if s[j] == '-' {
		j++
	}
	switch {
	case j < len(s) && s[j] == '0':
		j++
	case j < len(s) && s[j] >= '1' && s[j] <= '9':
		j = digits(j)
	default:
		return bad(j)
	}
	if j < len(s) && s[j] == '.' {
		j++
		if j == len(s) || s[j] < '0' || s[j] > '9' {
			return bad(j)
		}
		j = digits(j)
	}
	if j < len(s) && (s[j] == 'e' || s[j] == 'E') {
		j++
		if j < len(s) && (s[j] == '+' || s[j] == '-') {
			j++
		}
		if j == len(s) || s[j] < '0' || s[j] > '9' {
			return bad(j)
		}
		j = digits(j)
	}
	return j, ""
}

func scanJSONLiteral(s string, i int) (int, bool) {
	for _, lit := range [...]string{"true", "false", "null"} {
		if len(s)-i >= len(lit) && s[i:i+len(lit)] == lit {
			return i + len(lit), true
		}
	}
	return i, false
}

// describeByte quotes the character at s[i] for a message, or says "end of
// input".
func describeByte(s string, i int) string {
	if i >= len(s) {
		return "end of input"
	}
	return "'" + describeRaw(s, i) + "'"
}

func describeRaw(s string, i int) string {
	r, _ := utf8.DecodeRuneInString(s[i:])
	switch {
	case r == utf8.RuneError:
		return fmt.Sprintf("\\x%02x", s[i])
	case r < ' ' || r == 0x7f:
		return fmt.Sprintf("U+%04X", r)
	}
	return string(r)
}
