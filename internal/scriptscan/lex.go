package scriptscan

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// kind is the kind of a token.
type kind uint8

const (
	tIdent  kind = iota // an identifier or keyword
	tString             // a string literal without escapes or substitutions; val is its text
	tText               // any other string or template literal, or a regular expression
	tNumber
	tPunct // val is the punctuator; "?." is written ".", compound assignments "op="
)

// token is one lexical token of a script.
type token struct {
	kind kind
	val  string
}

// maxTokens bounds the tokens read from one script, so that memory stays
// proportional to a small constant however large the script is.
const maxTokens = 1 << 20

// lexer splits JavaScript source into tokens in one pass: every step
// consumes at least one byte and no byte is read more than a constant
// number of times, so hostile input costs linear time.
type lexer struct {
	src  string
	pos  int
	toks []token
	// templates holds, for each template literal whose ${ substitution is
	// open, the brace depth at which it was opened.
	templates []int
	depth     int
	// noRegexUntil is the end of a line on which a regular expression was
	// found unterminated: further slashes on it are division, so a line of
	// slashes is not scanned once per slash.
	noRegexUntil int
	truncated    bool
}

// lex tokenizes src. truncated is true when the token limit cut it short.
func lex(src string) (toks []token, truncated bool) {
	l := &lexer{src: src, toks: make([]token, 0, min(len(src)/4+1, maxTokens))}
	for l.pos < len(l.src) {
		if len(l.toks) >= maxTokens {
			l.truncated = true
			break
		}
		l.next()
	}
	return l.toks, l.truncated
}

func (l *lexer) emit(k kind, val string) { l.toks = append(l.toks, token{k, val}) }

func (l *lexer) peek(off int) byte {
	if l.pos+off < len(l.src) {
		return l.src[l.pos+off]
	}
	return 0
}

// next reads one token, or skips whitespace or a comment.
func (l *lexer) next() {
	c := l.src[l.pos]
	switch {
	case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f':
		l.pos++
	case c == '/' && l.peek(1) == '/':
		l.skipLine()
	case c == '/' && l.peek(1) == '*':
		if end := strings.Index(l.src[l.pos+2:], "*/"); end >= 0 {
			l.pos += 2 + end + 2
		} else {
			l.pos = len(l.src)
		}
	case c == '\'' || c == '"':
		l.quoted(c)
	case c == '`':
		l.pos++
		l.template(false)
	case c == '/' && l.regexAllowed() && l.pos >= l.noRegexUntil:
		l.regex()
	case isDigit(c) || c == '.' && isDigit(l.peek(1)):
		start := l.pos
		for l.pos < len(l.src) && (isIdentByte(l.src[l.pos]) || l.src[l.pos] == '.') {
			l.pos++
		}
		l.emit(tNumber, l.src[start:l.pos])
	case isIdentStart(c):
		l.ident()
	case c >= utf8.RuneSelf:
		r, size := utf8.DecodeRuneInString(l.src[l.pos:])
		switch {
		case r != utf8.RuneError && (unicode.IsLetter(r) || r == '\u200c' || r == '\u200d'):
			l.ident()
		case unicode.IsSpace(r) || r == '\ufeff':
			l.pos += size
		default:
			// Invalid UTF-8 or a symbol: a token that joins nothing.
			l.pos += size
			l.emit(tPunct, "?")
		}
	default:
		l.punct(c)
	}
}

// skipLine skips to the next line terminator (\n, \r, U+2028, U+2029).
func (l *lexer) skipLine() {
	for l.pos < len(l.src) {
		if n := lineTerminator(l.src, l.pos); n > 0 {
			return
		}
		l.pos++
	}
}

// lineTerminator returns the length of the line terminator at i, 0 when
// there is none.
func lineTerminator(s string, i int) int {
	switch s[i] {
	case '\n', '\r':
		return 1
	case 0xe2:
		if i+2 < len(s) && s[i+1] == 0x80 && (s[i+2] == 0xa8 || s[i+2] == 0xa9) {
			return 3
		}
	}
	return 0
}

// quoted reads a '...' or "..." literal. An unterminated one ends at the
// line's end, as a JavaScript engine would reject it there.
func (l *lexer) quoted(q byte) {
	l.pos++
	start, plain := l.pos, true
	for l.pos < len(l.src) {
		c := l.src[l.pos]
		switch {
		case c == q:
			l.emitString(l.src[start:l.pos], plain)
			l.pos++
			return
		case c == '\\':
			plain = false
			l.pos += 2
			continue
		case lineTerminator(l.src, l.pos) > 0:
			l.emit(tText, "")
			return
		}
		l.pos++
	}
	l.pos = len(l.src)
	l.emit(tText, "")
}

func (l *lexer) emitString(s string, plain bool) {
	if plain {
		l.emit(tString, s)
	} else {
		l.emit(tText, "")
	}
}

// template reads the text of a template literal from just after its
// opening backtick or (resumed) the } closing a substitution, up to its
// closing backtick or the next ${. A literal with substitutions is one
// tText token, emitted at its first ${.
func (l *lexer) template(resumed bool) {
	start, plain := l.pos, true
	for l.pos < len(l.src) {
		switch c := l.src[l.pos]; {
		case c == '`':
			if !resumed {
				l.emitString(l.src[start:l.pos], plain)
			}
			l.pos++
			return
		case c == '\\':
			plain = false
			l.pos += 2
			continue
		case c == '$' && l.peek(1) == '{':
			if !resumed {
				l.emit(tText, "")
			}
			l.pos += 2
			l.templates = append(l.templates, l.depth)
			l.depth++
			return
		}
		l.pos++
	}
	l.pos = len(l.src)
	if !resumed {
		l.emit(tText, "")
	}
}

// regexAllowed reports whether a / here starts a regular expression rather
// than a division, from the token before it.
func (l *lexer) regexAllowed() bool {
	if len(l.toks) == 0 {
		return true
	}
	t := l.toks[len(l.toks)-1]
	switch t.kind {
	case tNumber, tString, tText:
		return false
	case tIdent:
		switch t.val {
		case "return", "typeof", "instanceof", "in", "of", "new", "delete", "void", "throw", "case", "do", "else", "yield", "await":
			return true
		}
		return false
	}
	return t.val != ")" && t.val != "]" && t.val != "}"
}

// regex reads a regular expression literal and its flags. One that does
// not end on its line is a division after all.
func (l *lexer) regex() {
	i, class := l.pos+1, false
	for i < len(l.src) {
		c := l.src[i]
		switch {
		case lineTerminator(l.src, i) > 0:
			l.noRegexUntil = i
			l.punct('/')
			return
		case c == '\\':
			i += 2
			continue
		case c == '[':
			class = true
		case c == ']':
			class = false
		case c == '/' && !class:
			i++
			for i < len(l.src) && isIdentByte(l.src[i]) {
				i++
			}
			l.pos = i
			l.emit(tText, "")
			return
		}
		i++
	}
	l.noRegexUntil = len(l.src)
	l.punct('/')
}

// ident reads an identifier (ASCII or Unicode letters, digits, _ and $).
func (l *lexer) ident() {
	start := l.pos
	for l.pos < len(l.src) {
		c := l.src[l.pos]
		if c < utf8.RuneSelf {
			if !isIdentByte(c) {
				break
			}
			l.pos++
			continue
		}
		r, size := utf8.DecodeRuneInString(l.src[l.pos:])
		if r == utf8.RuneError || !(unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || r == '\u200c' || r == '\u200d') {
			break
		}
		l.pos += size
	}
	l.emit(tIdent, l.src[start:l.pos])
}

// punct reads one punctuator. Only the ones the scan looks at are told
// apart: member access (".", "?."), brackets, ",", ":", and assignment
// ("=", compound "op=") from comparison and arrows.
func (l *lexer) punct(c byte) {
	l.pos++
	switch c {
	case '{':
		l.depth++
	case '}':
		if n := len(l.templates); n > 0 && l.templates[n-1] == l.depth-1 {
			l.templates = l.templates[:n-1]
			l.depth--
			l.template(true)
			return
		}
		if l.depth > 0 {
			l.depth--
		}
	case '=':
		switch l.peek(0) {
		case '=':
			l.pos++
			if l.peek(0) == '=' {
				l.pos++
			}
			l.emit(tPunct, "==")
			return
		case '>':
			l.pos++
			l.emit(tPunct, "=>")
			return
		}
	case '!', '<', '>':
		if l.peek(0) == '=' {
			l.pos++
			if l.peek(0) == '=' {
				l.pos++
			}
			l.emit(tPunct, "cmp")
			return
		}
	case '+', '-', '*', '/', '%', '&', '|', '^':
		if l.peek(0) == '=' {
			l.pos++
			l.emit(tPunct, "op=")
			return
		}
	case '?':
		if l.peek(0) == '.' && !isDigit(l.peek(1)) {
			l.pos++
			l.emit(tPunct, ".")
			return
		}
	case '.':
		if l.peek(0) == '.' && l.peek(1) == '.' {
			l.pos += 2
			l.emit(tPunct, "...")
			return
		}
	}
	l.emit(tPunct, l.src[l.pos-1:l.pos])
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isIdentStart(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == '$'
}

func isIdentByte(c byte) bool { return isIdentStart(c) || isDigit(c) }
