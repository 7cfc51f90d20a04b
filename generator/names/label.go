package names

import (
	"net/url"
	"strings"
	"unicode"
)

// This file finds the words that name a folder or a request in text people
// wrote for other people: "4a. Set contact email (for dummy emails)",
// "Account information (USER_DATA)", "Retrieve a list of all Services. A
// maximum of 100 records will be returned per page.", or a URL pasted as a
// request name. See Label and PathLabel.

// Label returns the words of a folder or request name that name the thing,
// for Exported to spell:
//
//   - a name that is a URL or a path ("PUT https://host/v1/agents/acme-00100",
//     "/merchants/:merchantId/users") is the PathLabel of its method and path;
//   - notes in parentheses or brackets go: "Account information (USER_DATA)"
//     is "Account information", "Stream (see description)" is "Stream";
//   - of several sentences only the first is kept;
//   - leading numbering goes ("1.", "4a)", "02 -"), a leading ordinal is
//     spelled ("1st party" is "first party"), and a leading number with a
//     unit moves to the end: "24hr ticker" is "ticker 24hr".
//
// Each step is skipped when it would leave no word, so Label never turns a
// name with words into one without.
func Label(s string) string {
	return label(s, true)
}

// LabelWithNotes is Label keeping the notes in parentheses and brackets,
// for a name whose notes tell it apart from a sibling's ("List plans
// (stubbed)" beside "List plans").
func LabelWithNotes(s string) string {
	return label(s, false)
}

func label(s string, dropNotes bool) string {
	s = strings.TrimSpace(s)
	if method, path, ok := urlName(s); ok {
		if l := PathLabel(method, path); hasWord(l) {
			return l
		}
	}
	steps := []func(string) string{firstSentence, withoutNumbering, withoutTrailingNumber}
	if dropNotes {
		steps = append([]func(string) string{withoutNotes}, steps...)
	}
	for _, step := range steps {
		if t := strings.Join(strings.Fields(step(s)), " "); hasWord(t) {
			s = t
		}
	}
	return s
}

// hasWord reports whether s holds a letter.
func hasWord(s string) bool {
	return strings.IndexFunc(s, unicode.IsLetter) >= 0
}

// withoutNotes drops text in (), [], （） and 【】, nested or not; an
// unclosed bracket drops the rest.
func withoutNotes(s string) string {
	var b strings.Builder
	depth := 0
	for _, r := range s {
		switch r {
		case '(', '[', '（', '【':
			depth++
			b.WriteByte(' ')
			continue
		case ')', ']', '）', '】':
			if depth > 0 {
				depth--
				continue
			}
		}
		if depth == 0 {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// firstSentence returns s up to the end of its first sentence when another
// sentence follows: a '.', '!' or '?' followed by a space and an upper-case
// letter, after at least two words.
func firstSentence(s string) string {
	for i := 0; i+2 < len(s); i++ {
		if (s[i] == '.' || s[i] == '!' || s[i] == '?') && s[i+1] == ' ' && unicode.IsUpper(rune(s[i+2])) {
			head := s[:i]
			if len(strings.Fields(head)) >= 2 {
				return head
			}
		}
	}
	return s
}

// withoutTrailingNumber drops a lone number of one or two digits that
// ends a name of at least two other words, none of them a number ("Create co-organizers 1", "Session attendees 1",
// as collections that copy requests have): numbering, not a name. The
// rule that tells apart two names left the same decides anew
// (generator/naming.go).
func withoutTrailingNumber(s string) string {
	fields := strings.Fields(s)
	n := len(fields)
	if n < 3 {
		return s
	}
	last := fields[n-1]
	for i := 0; i < len(last); i++ {
		if !isDigit(last[i]) {
			return s
		}
	}
	if len(last) > 2 || countingWords[strings.ToLower(fields[n-2])] {
		return s // a year, a code, "part 2": part of the name
	}
	for _, f := range fields[:n-1] {
		if strings.IndexFunc(f, func(r rune) bool { return !unicode.IsDigit(r) }) < 0 {
			return s // other numbers: the name counts ("Account 0 part 1")
		}
	}
	return strings.Join(fields[:n-1], " ")
}

// countingWords take a number as part of a name ("Step 2", "part 1").
var countingWords = map[string]bool{"part": true, "step": true, "phase": true, "page": true, "version": true,
	"v": true, "level": true, "tier": true, "round": true, "stage": true, "option": true, "case": true,
	"test": true, "scenario": true, "flow": true, "method": true, "type": true, "no": true, "number": true}

// withoutNumbering drops a leading list number ("1.", "4a.", "2)", "01 -",
// "1.2") and moves a leading number with a short unit ("24hr", "2fa", "3d")
// to the end; a longer word glued to a number loses the number
// ("1Snap" is "Snap").
func withoutNumbering(s string) string {
	fields := strings.Fields(s)
	if len(fields) == 0 {
		return s
	}
	first := fields[0]
	digits := 0
	for digits < len(first) && isDigit(first[digits]) {
		digits++
	}
	if digits == 0 {
		return s
	}
	rest := strings.Join(fields[1:], " ")
	letters := digits
	for letters < len(first) && (isLower(first[letters]) || isUpper(first[letters])) {
		letters++
	}
	tail := strings.TrimLeft(first[letters:], ".)]:-–—#")
	unit := letters - digits
	if w, ok := ordinals[toLower(first)]; ok {
		// "1st party" is "first party".
		return w + " " + rest
	}
	switch {
	case letters == len(first) && unit >= 1 && unit <= 3:
		// "24hr", "2fa", "3D": a quantity, kept at the end.
		return rest + " " + first
	case unit == 0 && isNumbering(first[letters:]), unit == 1 && letters < len(first) && isNumbering(first[letters:]):
		// "1", "1.", "4a.", "2)", "1.2.": a list number.
		return strings.TrimLeft(rest, "-–—:. ")
	case unit > 3 && tail == "":
		// "1Snap": a number glued to a word.
		return first[digits:] + " " + rest
	}
	return s
}

// ordinals spell the leading ordinals that name things ("1st party").
var ordinals = map[string]string{
	"1st": "first", "2nd": "second", "3rd": "third", "4th": "fourth", "5th": "fifth",
	"6th": "sixth", "7th": "seventh", "8th": "eighth", "9th": "ninth", "10th": "tenth",
}

// isNumbering reports whether s, what follows the digits and letter of a
// list number, is only list punctuation and further numbers ("", ".",
// ")", ".2.", ":").
func isNumbering(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) && !strings.ContainsRune(".)]:-#", rune(s[i])) {
			return false
		}
	}
	return true
}

// httpMethods are the methods a pasted request line starts with.
var httpMethods = map[string]bool{"GET": true, "POST": true, "PUT": true, "PATCH": true, "DELETE": true, "HEAD": true, "OPTIONS": true}

// urlName reports whether s is a URL or path used as a name, optionally
// after an HTTP method, and returns the method and the path segments.
func urlName(s string) (method string, segments []string, ok bool) {
	fields := strings.Fields(s)
	if len(fields) == 2 && httpMethods[strings.ToUpper(fields[0])] {
		method, s = strings.ToUpper(fields[0]), fields[1]
	} else if len(fields) != 1 {
		return "", nil, false
	}
	switch {
	case strings.HasPrefix(s, "http://"), strings.HasPrefix(s, "https://"):
		u, err := url.Parse(s)
		if err != nil {
			return "", nil, false
		}
		s = u.Path
	case strings.HasPrefix(s, "{{"):
		// {{baseUrl}}/users/:id, or a folder named {{id}}.
		end := strings.Index(s, "}}")
		if end < 0 || end+2 < len(s) && !strings.HasPrefix(s[end+2:], "/") {
			return "", nil, false
		}
		if end+2 < len(s) {
			s = s[end+2:]
		}
	case strings.HasPrefix(s, "{"), strings.HasPrefix(s, ":") && len(s) > 1:
		// A folder named {id}, :id or {id}/comments.
	case strings.HasPrefix(s, "/"):
	default:
		return "", nil, false
	}
	if i := strings.IndexAny(s, "?#"); i >= 0 {
		s = s[:i]
	}
	return method, strings.Split(strings.Trim(s, "/"), "/"), true
}

// PathLabel names a request by its method and the words of its URL path
// ("GET", ["v1", "users", ":id", "orders"] is "GET users orders"). Segments
// that are not words of the API are left out: path variables (":id",
// "{id}", "{{userId}}"), versions ("v1", "2010-04-01", "2"), and literal
// values copied from a real request (IDs such as "B10000100-B2002",
// "acme-points-00100", UUIDs and hex strings). A file extension goes
// (".json"). method may be "".
func PathLabel(method string, segments []string) string {
	var words []string
	if method != "" {
		words = append(words, method)
	}
	for _, seg := range segments {
		if seg == "" || IsPathValue(seg) {
			continue
		}
		if i := strings.LastIndexByte(seg, '.'); i > 0 && i >= len(seg)-5 {
			seg = seg[:i]
		}
		words = append(words, seg)
	}
	return strings.Join(words, " ")
}

// IsPathValue reports whether a URL path segment holds a value rather than
// a word of the API: a path variable, a version, or a literal value (any
// piece of three or more digits, or of letters and digits mixed, or a
// UUID or hex string). "v2", "oauth2", "ipv4" and "html5" are words.
func IsPathValue(seg string) bool {
	if strings.HasPrefix(seg, ":") || strings.Contains(seg, "{") {
		return true
	}
	if isVersion(seg) {
		return true
	}
	for _, piece := range strings.FieldsFunc(seg, func(r rune) bool { return !isASCIIAlnumRune(r) }) {
		if literalPiece(piece) {
			return true
		}
	}
	return false
}

func isASCIIAlnumRune(r rune) bool { return r < 0x80 && isASCIIAlnum(byte(r)) }

// isVersion reports whether seg is a version: "v1", "V2.1", "2", "2010-04-01".
func isVersion(seg string) bool {
	s := seg
	if len(s) > 1 && (s[0] == 'v' || s[0] == 'V') && isDigit(s[1]) {
		s = s[1:]
	}
	if s == "" || !isDigit(s[0]) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) && s[i] != '.' && s[i] != '-' && s[i] != '_' {
			return false
		}
	}
	return true
}

// literalPiece reports whether an alphanumeric piece of a segment is a
// value: only digits, four or more digits ("B10000100", "acme00100"),
// three digits after at most one letter ("B200"), or a hex string of 8 or
// more characters. "v2", "oauth2", "s3", "base64" and "sha256" are words.
func literalPiece(p string) bool {
	digits := 0
	for i := 0; i < len(p); i++ {
		if isDigit(p[i]) {
			digits++
		}
	}
	letters := len(p) - digits
	switch {
	case digits == 0:
		return false
	case letters == 0, digits >= 4, digits == 3 && letters <= 1:
		return true
	}
	return len(p) >= 8 && isHex(p)
}

func isHex(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !isDigit(c) && !('a' <= c && c <= 'f') && !('A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

// Untransliterated reports whether s has letters that names cannot spell
// (Han, kana, Hangul, Arabic, Hebrew, Thai, ...): Exported drops them, so
// what is left of such a name rarely says what the request does, and the
// caller should prefer the words of its URL path.
func Untransliterated(s string) bool {
	for _, r := range s {
		if r >= 0x80 && unicode.IsLetter(r) && spell(r) == "" {
			return true
		}
	}
	return false
}

// IsURLName reports whether s, a folder or request name, is a URL or a
// URL path ("/merchants/:merchantId", "GET https://host/v1/users",
// "{{baseUrl}}/users") rather than words.
func IsURLName(s string) bool {
	_, _, ok := urlName(strings.TrimSpace(s))
	return ok
}

// PathVersions returns the version segments of a URL path that start
// with "v" ("v1", "V2.1"), which PathLabel leaves out, in order.
func PathVersions(segments []string) []string {
	var out []string
	for _, seg := range segments {
		if len(seg) > 1 && (seg[0] == 'v' || seg[0] == 'V') && isVersion(seg) {
			out = append(out, seg)
		}
	}
	return out
}
