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
	word := strings.ToLower(segs[i])
	if strings.ContainsAny(word, ".") {
		return "" // "users.json", "v1.0": not a plain noun
	}
	for _, r := range word {
		if (r < 'a' || r > 'z') && r != '-' && r != '_' {
			return ""
		}
	}
	one := Singular(word)
	if one == word {
		return "" // not plural: a verb or a singleton ("merge", "user")
	}
	if full, ok := abbreviations[one]; ok {
		return full
	}
	return one
}

// abbreviations spell out the resource names APIs abbreviate.
var abbreviations = map[string]string{
	"repo": "repository", "org": "organization", "msg": "message", "doc": "document",
	"pic": "picture", "img": "image", "env": "environment", "app": "application",
	"config": "configuration", "spec": "specification", "stat": "statistic",
}
