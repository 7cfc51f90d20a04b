package godoc

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Sanitize returns s with what may not appear in a Go comment removed:
// line endings become "\n"; invalid UTF-8 becomes U+FFFD; control
// characters other than "\n" and "\t" (NUL included), bidirectional
// formatting characters (which can make code read differently than it
// compiles) and byte order marks are dropped; other Unicode spaces, such as
// U+2028 LINE SEPARATOR, become a plain space.
func Sanitize(s string) string {
	if isClean(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteRune(utf8.RuneError)
		case r == '\r':
			b.WriteByte('\n')
			if i < len(s) && s[i] == '\n' {
				i++
			}
		case r == '\n' || r == '\t':
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
		case isBidiControl(r) || r == '\uFEFF':
		case unicode.IsSpace(r):
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// isClean reports whether Sanitize would leave s as it is: printable ASCII,
// tabs and newlines only (the common case, checked without allocating).
func isClean(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 0x7f || c < 0x20 && c != '\n' && c != '\t' {
			return false
		}
	}
	return true
}

// isBidiControl reports the Unicode bidirectional formatting characters.
func isBidiControl(r rune) bool {
	return r >= '\u202A' && r <= '\u202E' || r >= '\u2066' && r <= '\u2069' || r == '\u200E' || r == '\u200F' || r == '\u061C'
}
