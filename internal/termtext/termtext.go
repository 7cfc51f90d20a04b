// Package termtext escapes text before it reaches a terminal, so that a
// collection's names, descriptions, URLs, keys and values can neither
// drive the terminal nor hide or reorder what postgen prints.
//
// Escaped, each as a Go string escape a reader can paste back into Go:
//
//   - control characters (Unicode Cc): C0 (U+0000–U+001F) but tab, and
//     newline where the text may span lines; DEL (U+007F); C1
//     (U+0080–U+009F). ESC starts the sequences that move the cursor,
//     recolour, retitle the window or (OSC 52) write the clipboard; CR and
//     BS overwrite what came before on the line; some terminals take C1
//     CSI and NEL as ESC [ and a newline. CR is "\r", newline "\n", the
//     rest "\x1b", "\u009b".
//   - format characters (Unicode Cf) but ZWNJ and ZWJ (U+200C, U+200D),
//     which Persian and Indic scripts and emoji sequences need: the bidi
//     controls (U+202A–U+202E, U+2066–U+2069), which reorder text as in
//     the "Trojan Source" attack (CVE-2021-42574); the marks LRM, RLM
//     and ALM (U+200E, U+200F, U+061C), which reorder the characters
//     around them; and the invisible ones (U+200B zero-width space,
//     U+2060 word joiner, U+FEFF byte order mark, U+00AD soft hyphen, the
//     U+E0000 tag characters...), which make two different names look
//     the same or smuggle hidden text: "\u202e".
//   - the other characters Unicode says are invisible by default
//     (Other_Default_Ignorable_Code_Point: the Hangul fillers such as
//     U+3164, U+034F, and the reserved U+E0000 block), for the same
//     reason. With the format characters they make up Unicode's
//     Default_Ignorable_Code_Point set but for the variation selectors,
//     which emoji (U+FE0F) and ideographs need.
//   - the line and paragraph separators (U+2028, U+2029), which some
//     terminals and editors break lines at.
//   - each byte of invalid UTF-8: "\xff".
//
// Everything else is kept as it is, so ordinary non-ASCII text (Cyrillic,
// Japanese, emoji) stays readable. Look-alike letters (Cyrillic а for
// Latin a) are ordinary text and are kept. A backslash is kept too, so
// Windows paths read as themselves; the price is that a name holding the
// four characters \x1b prints like one holding ESC, which is harmless:
// neither reaches the terminal as a control.
//
// Escape text at the boundary where it is printed: Writer wraps a whole
// stream (postgen wraps stdout and stderr once, in cli.Run), Line makes a
// value safe for a one-line field, and JSON escapes the same characters
// in JSON output with \u escapes, which decode to the original text.
package termtext

import (
	"unicode"
	"unicode/utf8"
)

// safeRune reports whether the character r (valid, not ASCII) may reach a
// terminal as itself.
func safeRune(r rune) bool {
	switch {
	case r < 0xa0: // DEL and C1
		return false
	case r == 0x200c || r == 0x200d: // ZWNJ, ZWJ
		return true
	}
	return !unicode.In(r, unicode.Cf, unicode.Other_Default_Ignorable_Code_Point, unicode.Zl, unicode.Zp)
}

// safeByte reports whether the ASCII byte c may reach a terminal as
// itself: printable ASCII, tab, and newline when multiline.
func safeByte(c byte, multiline bool) bool {
	return c >= 0x20 && c < 0x7f || c == '\t' || c == '\n' && multiline
}

// clean reports whether s needs no escaping.
func clean(s []byte, multiline bool) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if !safeByte(c, multiline) {
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(s[i:])
		if r == utf8.RuneError && n == 1 || !safeRune(r) {
			return false
		}
		i += n
	}
	return true
}

// form is how an escaped character is written.
type form int

const (
	goForm   form = iota // \r, \x1b, \u202e, \U000e0041; invalid bytes \xff
	jsonForm             // \u000d, \u001b, \u202e, \udb40\udc41; invalid bytes \ufffd
)

// appendEscaped appends s to dst with every character that may not reach
// a terminal escaped in form f.
func appendEscaped(dst []byte, s []byte, multiline bool, f form) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if safeByte(c, multiline) {
				dst = append(dst, c)
			} else {
				dst = appendRune(dst, rune(c), f)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			if f == jsonForm {
				dst = append(dst, `\ufffd`...)
			} else {
				dst = appendHex(append(dst, `\x`...), uint32(c), 2)
			}
		case safeRune(r):
			dst = append(dst, s[i:i+n]...)
		default:
			dst = appendRune(dst, r, f)
		}
		i += n
	}
	return dst
}

// appendRune appends the escape of the valid character r.
func appendRune(dst []byte, r rune, f form) []byte {
	switch {
	case f == jsonForm && r > 0xffff:
		// JSON has no \U: a character beyond the BMP is a surrogate pair.
		r -= 0x10000
		dst = appendHex(append(dst, `\u`...), uint32(0xd800+(r>>10)), 4)
		return appendHex(append(dst, `\u`...), uint32(0xdc00+(r&0x3ff)), 4)
	case f == jsonForm:
		return appendHex(append(dst, `\u`...), uint32(r), 4)
	case r == '\r':
		return append(dst, `\r`...)
	case r == '\n':
		return append(dst, `\n`...)
	case r < utf8.RuneSelf:
		return appendHex(append(dst, `\x`...), uint32(r), 2)
	case r > 0xffff:
		return appendHex(append(dst, `\U`...), uint32(r), 8)
	}
	return appendHex(append(dst, `\u`...), uint32(r), 4)
}

// appendHex appends v as the given number of lowercase hex digits, as
// strconv.Quote writes escapes.
func appendHex(dst []byte, v uint32, digits int) []byte {
	const hex = "0123456789abcdef"
	for shift := 4 * (digits - 1); shift >= 0; shift -= 4 {
		dst = append(dst, hex[v>>shift&0xf])
	}
	return dst
}

// Line returns s safe to print as one line: every character listed in
// the package doc escaped, newline included ("\n"); tab is kept. It
// returns s itself when nothing needs escaping.
func Line(s string) string {
	b := []byte(s)
	if clean(b, false) {
		return s
	}
	return string(appendEscaped(make([]byte, 0, len(s)+8), b, false, goForm))
}

// JSON returns JSON text as encoding/json writes it (indented or not)
// with every character listed in the package doc that the encoder leaves
// as it is (DEL, C1, the format characters) written as a \u escape;
// newline and tab, which the encoder writes only as whitespace between
// tokens, are kept. Such characters can only stand inside strings, so the
// result is valid JSON that decodes to the same values. It returns b
// itself when nothing needs escaping.
func JSON(b []byte) []byte {
	if clean(b, true) {
		return b
	}
	return appendEscaped(make([]byte, 0, len(b)+16), b, true, jsonForm)
}
