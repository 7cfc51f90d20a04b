package infer

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// maxDepth bounds nesting, as encoding/json does, so hostile input cannot
// exhaust the stack.
const maxDepth = 10000

// SyntaxError says where a sample stops being JSON, even leniently read.
type SyntaxError struct {
	// Offset is the byte offset of the problem in the sample.
	Offset int
	Msg    string
}

func (e *SyntaxError) Error() string { return fmt.Sprintf("offset %d: %s", e.Offset, e.Msg) }

// errEmpty is returned for a sample with no value at all.
var errEmpty = errors.New("no JSON value")

// Sample parses one JSON text into the type of its value. It reads JSON
// the way people write it into collections: // and /* */ comments,
// trailing commas, a missing comma between members, and {{variables}} or
// <placeholders> where a value goes (those give Unknown).
func Sample(text string) (*Type, error) {
	p := &reader{s: strings.TrimPrefix(text, "\uFEFF")}
	p.space()
	if p.i >= len(p.s) {
		return nil, errEmpty
	}
	t, err := p.value(0)
	if err != nil {
		return nil, err
	}
	p.space()
	if p.i < len(p.s) {
		return nil, p.fail("unexpected text after the value")
	}
	return t, nil
}

// reader is a lenient JSON reader that builds types, not values.
type reader struct {
	s string
	i int
}

func (p *reader) fail(msg string) error { return &SyntaxError{Offset: p.i, Msg: msg} }

// space skips whitespace and comments.
func (p *reader) space() {
	for p.i < len(p.s) {
		switch c := p.s[p.i]; {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			p.i++
		case strings.HasPrefix(p.s[p.i:], "\u00a0"):
			p.i += len("\u00a0")
		case strings.HasPrefix(p.s[p.i:], "//"):
			end := strings.IndexByte(p.s[p.i:], '\n')
			if end < 0 {
				p.i = len(p.s)
			} else {
				p.i += end
			}
		case strings.HasPrefix(p.s[p.i:], "/*"):
			end := strings.Index(p.s[p.i+2:], "*/")
			if end < 0 {
				p.i = len(p.s)
			} else {
				p.i += 2 + end + 2
			}
		default:
			return
		}
	}
}

// value reads one value at nesting depth d.
func (p *reader) value(d int) (*Type, error) {
	if d > maxDepth {
		return nil, p.fail("nested too deeply")
	}
	if p.i >= len(p.s) {
		return nil, p.fail("unexpected end of the text")
	}
	switch c := p.s[p.i]; {
	case c == '{' && strings.HasPrefix(p.s[p.i:], "{{"):
		return p.placeholder("}}")
	case c == '{':
		return p.object(d)
	case c == '[':
		return p.array(d)
	case c == '"':
		s, escaped, err := p.str()
		if err != nil {
			return nil, err
		}
		if !escaped && isTime(s) {
			return &Type{Kind: Time, Count: 1, Example: example(s)}, nil
		}
		return &Type{Kind: String, Count: 1, Example: example(s)}, nil
	case c == '-' || c >= '0' && c <= '9':
		return p.number()
	case c == '<':
		return p.placeholder(">")
	}
	for _, lit := range []struct {
		text string
		kind Kind
	}{{"true", Bool}, {"false", Bool}, {"null", Null}} {
		if strings.HasPrefix(p.s[p.i:], lit.text) {
			p.i += len(lit.text)
			t := &Type{Kind: lit.kind, Count: 1}
			if lit.kind == Bool {
				t.Example = lit.text
			}
			return t, nil
		}
	}
	return nil, p.fail(fmt.Sprintf("unexpected %q where a value should be", p.s[p.i:p.i+1]))
}

// placeholder skips a {{variable}} or <placeholder> written where a value
// goes: its type is Unknown. A "<<name>>" run closes on its last '>'.
func (p *reader) placeholder(end string) (*Type, error) {
	rest := p.s[p.i:]
	stop := strings.Index(rest, end)
	if stop < 0 || strings.ContainsAny(rest[:stop], "\n\r") {
		return nil, p.fail("unclosed placeholder")
	}
	stop += len(end)
	for end == ">" && stop < len(rest) && rest[stop] == '>' {
		stop++
	}
	p.i += stop
	return &Type{Kind: Unknown}, nil
}

// object reads {...}. A repeated key merges into its first field.
func (p *reader) object(d int) (*Type, error) {
	p.i++ // {
	t := &Type{Kind: Object, Count: 1, Objects: 1}
	for {
		p.space()
		if p.i >= len(p.s) {
			return nil, p.fail("unclosed object")
		}
		if p.s[p.i] == '}' {
			p.i++
			return t, nil
		}
		if p.s[p.i] != '"' {
			return nil, p.fail("expected a member name in quotes")
		}
		key, _, err := p.str()
		if err != nil {
			return nil, err
		}
		p.space()
		if p.i >= len(p.s) || p.s[p.i] != ':' {
			return nil, p.fail("expected ':' after a member name")
		}
		p.i++
		p.space()
		v, err := p.value(d + 1)
		if err != nil {
			return nil, err
		}
		if f := t.Field(key); f != nil {
			f.Type = MergeInto(f.Type, v)
		} else {
			t.addField(&Field{Key: key, Type: v, Count: 1})
		}
		p.space()
		if p.i < len(p.s) && p.s[p.i] == ',' {
			p.i++
		} else if p.i < len(p.s) && p.s[p.i] != '}' && p.s[p.i] != '"' {
			return nil, p.fail("expected ',' or '}' after a member")
		}
	}
}

// array reads [...], merging its elements.
func (p *reader) array(d int) (*Type, error) {
	p.i++ // [
	t := &Type{Kind: Array, Count: 1}
	for {
		p.space()
		if p.i >= len(p.s) {
			return nil, p.fail("unclosed array")
		}
		if p.s[p.i] == ']' {
			p.i++
			return t, nil
		}
		v, err := p.value(d + 1)
		if err != nil {
			return nil, err
		}
		t.Elem = MergeInto(t.Elem, v)
		p.space()
		if p.i < len(p.s) && p.s[p.i] == ',' {
			p.i++
		} else if p.i < len(p.s) && p.s[p.i] != ']' {
			return nil, p.fail("expected ',' or ']' after an element")
		}
	}
}

// str reads a quoted string and returns its contents. escaped reports a
// backslash in it; the contents are then left undecoded, which is enough
// for keys with no escapes and for telling timestamps apart.
func (p *reader) str() (s string, escaped bool, err error) {
	start := p.i + 1
	for j := start; j < len(p.s); j++ {
		switch p.s[j] {
		case '\\':
			escaped = true
			j++
		case '"':
			p.i = j + 1
			s = p.s[start:j]
			if escaped {
				var u string
				if json.Unmarshal([]byte(p.s[start-1:j+1]), &u) == nil {
					s = u
				}
			}
			return s, escaped, nil
		}
	}
	p.i = len(p.s)
	return "", false, p.fail("unclosed string")
}

// number reads a JSON number: Int when it is an integer literal that fits
// int64, Float otherwise.
func (p *reader) number() (*Type, error) {
	start := p.i
	if p.s[p.i] == '-' {
		p.i++
	}
	digits := p.digits()
	integral := true
	if p.i < len(p.s) && p.s[p.i] == '.' {
		p.i++
		integral = false
		digits += p.digits()
	}
	if p.i < len(p.s) && (p.s[p.i] == 'e' || p.s[p.i] == 'E') {
		p.i++
		integral = false
		if p.i < len(p.s) && (p.s[p.i] == '+' || p.s[p.i] == '-') {
			p.i++
		}
		if p.digits() == 0 {
			return nil, p.fail("malformed number")
		}
	}
	if digits == 0 {
		return nil, p.fail("malformed number")
	}
	text := p.s[start:p.i]
	if len(text) > maxExample {
		text = ""
	}
	if integral {
		if _, err := strconv.ParseInt(p.s[start:p.i], 10, 64); err == nil {
			return &Type{Kind: Int, Count: 1, Example: text}, nil
		}
	}
	return &Type{Kind: Float, Count: 1, Example: text}, nil
}

// maxExample is the longest sample kept whole as a field's example: a
// longer string is cut (a URL's start says what it is), a longer number
// left out.
const maxExample = 60

// example returns a string sample as Go would quote it, cut to
// maxExample bytes (at a character boundary, marked with "…").
func example(s string) string {
	if len(s) > maxExample {
		cut := maxExample - 3
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut] + "…"
	}
	return strconv.Quote(s)
}

// digits skips a run of decimal digits and returns its length.
func (p *reader) digits() int {
	n := 0
	for p.i < len(p.s) && p.s[p.i] >= '0' && p.s[p.i] <= '9' {
		p.i++
		n++
	}
	return n
}

// isTime reports whether s decodes into a time.Time, exactly as
// encoding/json would decode it.
func isTime(s string) bool {
	if len(s) < len("2006-01-02T15:04:05Z") || s[4] != '-' {
		return false
	}
	var t time.Time
	return t.UnmarshalJSON([]byte(strconv.Quote(s))) == nil
}
