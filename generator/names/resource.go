package names

import "strings"

// Resource is the resource a request path names, for the type of what
// the request returns: the singular of its last collection segment, a
// literal segment that is plural and is either the last segment or
// followed by a path variable ("/repos/:owner/:repo" and
// "/orgs/:org/repos" give "repository"; "/bookings/:id" gives
// "booking"). Common API abbreviations are spelled out. It returns ""
// when the path names no collection ("/user", "/repos/:o/:r/merge").
//
// segs are the path's segments as the collection writes them: a
// variable is ":name" or holds "{{".
func Resource(segs []string) string {
	isVar := func(s string) bool { return strings.HasPrefix(s, ":") || strings.Contains(s, "{{") }
	last := len(segs) - 1
	for last >= 0 && segs[last] == "" {
		last--
	}
	// The resource is the last segment, or the literal before the
	// variables that end the path.
	i := last
	for i >= 0 && isVar(segs[i]) {
		i--
	}
	if i < 0 {
		return ""
	}
	seg := segs[i]
	for _, r := range seg {
		if (r < 'a' || r > 'z') && (r < 'A' || r > 'Z') && r != '-' && r != '_' {
			return "" // "users.json", "v1.0": not a plain noun
		}
	}
	// The last word is the noun: "paymentMethodSettings" is the
	// resource "paymentMethodSetting", its word boundaries kept for the
	// Go name.
	head, word := seg[:lastWordStart(seg)], strings.ToLower(seg[lastWordStart(seg):])
	one := Singular(word)
	if one == word {
		return "" // not plural: a verb or a singleton ("merge", "user")
	}
	if full, ok := abbreviations[one]; ok {
		one = full
	}
	if head != "" {
		return head + strings.ToUpper(one[:1]) + one[1:]
	}
	return one
}

// lastWordStart is where the last word of a camelCase segment begins
// (at its last upper-case letter after a lower-case one), 0 for one word.
func lastWordStart(seg string) int {
	for i := len(seg) - 1; i > 0; i-- {
		if seg[i] >= 'A' && seg[i] <= 'Z' && seg[i-1] >= 'a' && seg[i-1] <= 'z' {
			return i
		}
	}
	return 0
}

// abbreviations spell out the resource names APIs abbreviate.
var abbreviations = map[string]string{
	"repo": "repository", "org": "organization", "msg": "message", "doc": "document",
	"pic": "picture", "img": "image", "env": "environment", "app": "application",
	"config": "configuration", "spec": "specification", "stat": "statistic",
}
