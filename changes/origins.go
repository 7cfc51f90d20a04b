package changes

import (
	"fmt"
	"sort"
	"strings"
)

// Origin is where one request of an SDK is sent: its scheme, host and
// port. A request that starts going somewhere else can carry the user's
// credentials there, so a changed or new origin is a breaking change even
// when the Go API stays the same.
type Origin struct {
	// ID (the request's _postman_id, "" when none) and Postman (its
	// folder › request path) match a request across versions, ID first.
	ID, Postman string
	// Method is the Go method, for the message.
	Method string
	// Origin is scheme://host[:port].
	Origin string
}

// CompareOrigins reports the requests of new whose origin differs from
// the same request's in old, and the origins new talks to that old did
// not, all as breaking changes.
func CompareOrigins(old, new []Origin) []Change {
	byID, byPath := map[string]Origin{}, map[string]Origin{}
	known := map[string]bool{}
	for _, o := range old {
		if o.ID != "" {
			byID[o.ID] = o
		}
		byPath[o.Postman] = o
		known[o.Origin] = true
	}
	var out []Change
	added := map[string][]string{}
	for _, n := range new {
		before, ok := byID[n.ID]
		if n.ID == "" || !ok {
			before, ok = byPath[n.Postman]
		}
		if ok && before.Origin != n.Origin {
			out = append(out, Change{Breaking: true, Message: fmt.Sprintf("%s: now sent to %s instead of %s (with the client's credentials)", n.Method, n.Origin, before.Origin)})
		}
		if !known[n.Origin] {
			added[n.Origin] = append(added[n.Origin], n.Method)
		}
	}
	for origin, methods := range added {
		verb := "sends"
		if len(methods) > 1 {
			verb = "send"
		}
		out = append(out, Change{Breaking: true, Message: fmt.Sprintf("new origin %s: %s %s requests (and the client's credentials) there", origin, strings.Join(methods, ", "), verb)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Message < out[j].Message })
	return out
}

// Merge adds changes to the report, keeping its order: breaking first,
// each group sorted.
func (r *Report) Merge(changes []Change) {
	r.Changes = append(r.Changes, changes...)
	sort.SliceStable(r.Changes, func(i, j int) bool {
		x, y := r.Changes[i], r.Changes[j]
		if x.Breaking != y.Breaking {
			return x.Breaking
		}
		return x.Message < y.Message
	})
}
