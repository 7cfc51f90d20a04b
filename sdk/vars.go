package sdk

import (
	"crypto/rand"
	"encoding/binary"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// This file resolves {{variable}} references in text that comes from the
// collection (URL templates, header values, bodies, auth settings) the way
// Postman does (POSTMAN-FORMAT.md §7): the name is everything between "{{"
// and "}}" with no braces inside, values may hold further references (up to
// 19 passes), and names starting with "$" are dynamic variables with a fresh
// value at each use. Text a caller passes to a method is never resolved, so
// a value cannot pull a secret out of the client's variables.

// maxVarPasses is Postman's limit on nested resolution.
const maxVarPasses = 19

// Resolve replaces every {{name}} in s. A name the client does not know is
// an error: Postman would send the braces literally, which no server
// expects.
func (c *Core) Resolve(s string) (string, error) {
	if c.verbatim || !strings.Contains(s, "{{") {
		return s, nil
	}
	// The most common template is one whole reference ("{{baseUrl}}", a
	// header value "{{tenant}}"): its value needs no copy.
	if len(s) > 4 && strings.HasPrefix(s, "{{") && strings.HasSuffix(s, "}}") && !strings.ContainsAny(s[2:len(s)-2], "{}") {
		if v, ok := c.lookup(s[2 : len(s)-2]); ok && !strings.Contains(v, "{{") {
			return v, nil
		}
	}
	for pass := 0; pass < maxVarPasses; pass++ {
		out, replaced, missing := c.resolveOnce(s)
		if missing != "" {
			return "", &VariableError{Name: missing}
		}
		s = out
		if !replaced || !strings.Contains(s, "{{") {
			return s, nil
		}
	}
	return s, nil
}

// resolveOnce does one pass over s and reports whether anything was
// replaced, and the first name that could not be.
func (c *Core) resolveOnce(s string) (out string, replaced bool, missing string) {
	var b strings.Builder
	b.Grow(len(s))
	i := 0
	for {
		start := strings.Index(s[i:], "{{")
		if start < 0 {
			break
		}
		start += i
		// The reference is the shortest run without braces closed by "}}".
		j := start + 2
		for j < len(s) && s[j] != '{' && s[j] != '}' {
			j++
		}
		if j+1 >= len(s) || s[j] != '}' || s[j+1] != '}' {
			// Not a reference here (a brace inside, or unterminated); an
			// inner reference may still start further on.
			b.WriteString(s[i : start+1])
			i = start + 1
			continue
		}
		name := s[start+2 : j]
		value, ok := c.lookup(name)
		if !ok {
			if missing == "" {
				missing = name
			}
			b.WriteString(s[i : j+2])
			i = j + 2
			continue
		}
		b.WriteString(s[i:start])
		b.WriteString(value)
		replaced = true
		i = j + 2
	}
	b.WriteString(s[i:])
	return b.String(), replaced, missing
}

// lookup finds a variable: values set with WithVariable first, then the
// collection's defaults, then dynamic variables.
func (c *Core) lookup(name string) (string, bool) {
	if v, ok := c.vars[name]; ok {
		return v, true
	}
	if v, ok := c.defaults[name]; ok {
		return v, true
	}
	if strings.HasPrefix(name, "$") {
		return dynamicVariable(name)
	}
	return "", false
}

// dynamicVariable produces a fresh value for one of Postman's dynamic
// variables. Only the ones whose meaning is exact are supported; the
// generator warns about the others.
func dynamicVariable(name string) (string, bool) {
	switch name {
	case "$guid", "$randomUUID":
		return newUUID(), true
	case "$timestamp":
		return strconv.FormatInt(time.Now().Unix(), 10), true
	case "$isoTimestamp":
		return time.Now().UTC().Format("2006-01-02T15:04:05.000Z"), true
	case "$randomInt":
		return strconv.FormatUint(randomUint64()%1001, 10), true
	case "$randomBoolean":
		return strconv.FormatBool(randomUint64()%2 == 0), true
	case "$randomAlphaNumeric":
		const chars = "abcdefghijklmnopqrstuvwxyz0123456789"
		return string(chars[randomUint64()%uint64(len(chars))]), true
	}
	return moreDynamicVariable(name)
}

// newUUID returns a random (version 4) UUID.
func newUUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

func randomUint64() uint64 {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return binary.LittleEndian.Uint64(b[:])
}
