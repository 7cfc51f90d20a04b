package generator

import (
	"net/http"
	"sort"
	"strings"

	"github.com/dave/jennifer/jen"
	"github.com/postgen/postgen/generator/infer"
	"github.com/postgen/postgen/generator/names"
)

// typeTable holds the object types inferred for the whole SDK, each
// structurally distinct shape once, with every place it is used.
type typeTable struct {
	keys   infer.Keys
	byKey  map[int]*namedType
	byNode map[*infer.Type]*namedType
	// types are in the order first seen: methods in plan order, and in
	// each method its result, body and error bodies, depth first.
	types []*namedType
	// nodes counts the object types there would be without
	// de-duplication.
	nodes int
	// sent marks the types whose values a request sends (markSent).
	sent map[*namedType]bool
	// places are the members where each type is used, so each is
	// recorded once: one set for all types, as most are used in one
	// place and a set each would cost more than the type.
	places map[typePlace]bool
}

// typePlace is a member where a type is used.
type typePlace struct {
	nt *namedType
	at place
}

// namedType is one generated struct.
type namedType struct {
	node *infer.Type
	name string
	// fields maps member keys to Go field names.
	fields map[string]string
	sites  []typeSite
	// roots are the samples it comes from.
	roots []*rootType
	// chosen holds the field types postgen.yaml chose, by member key.
	chosen map[string]jen.Code
	// owner is the top-level service (or the client) whose _types.go
	// file declares the type: that of its first use.
	owner *service
}

// typeSite is one place a type is used.
type typeSite struct {
	m      *method
	role   string // role* constant
	status int    // for roleError
	root   *rootType
	// parent, key and field locate a roleField site: member key of
	// parent, Go field name field.
	parent *namedType
	key    string
	field  string
	// elem counts the arrays (or maps) between the site and the object.
	elem int
}

// nameTypes registers the inferred types of every method, de-duplicates
// them and gives each a name. It runs at the end of planning, so names of
// services, methods and params are settled and types get what is left.
func (p *plan) nameTypes() {
	tt := &typeTable{byKey: map[int]*namedType{}, byNode: map[*infer.Type]*namedType{}, places: map[typePlace]bool{}}
	p.types = tt
	p.forEachMethod(func(m *method) {
		mt := m.types
		if mt == nil {
			return
		}
		if mt.root != nil {
			p.register(mt.root.t, typeSite{m: m, role: roleResult, root: mt.root})
		}
		if mt.body != nil {
			p.register(mt.body.t, typeSite{m: m, role: mt.body.role, root: mt.body})
		}
		for _, e := range mt.errors {
			p.register(e.root.t, typeSite{m: m, role: roleError, status: e.status, root: e.root})
		}
	})
	p.splitChosen()
	p.mergeResourceShapes()
	// Types that are a resource of the API (the result of its path, see
	// resourceName) take that name first, so that a member type met
	// earlier ("repository" inside an event) does not take it from the
	// resource itself; the others are named in order, parents first.
	// Two shapes that are the same resource: the one more requests
	// return gets the name, the first on a tie.
	type claim struct {
		nt    *namedType
		name  string
		votes int
	}
	var claims []claim
	for _, nt := range tt.types {
		if r, votes := p.resourceName(nt); r != "" && !p.hasChosenName(nt) {
			claims = append(claims, claim{nt, r, votes})
		}
	}
	sort.SliceStable(claims, func(i, j int) bool { return claims[i].votes > claims[j].votes })
	for _, c := range claims {
		if !p.pkgScope.Has(c.name) {
			c.nt.name = p.pkgScope.Claim(c.name)
		}
	}
	for _, nt := range tt.types {
		if nt.name == "" {
			nt.name = p.claimTypeName(nt)
		}
	}
	p.checkTypeNames()
	p.applyFieldTypes()
	p.compactTypes()
	p.markSent()
}

// compactTypes points every use of a shape at its one representative
// node, so that the copies inferred for each method can be freed, and
// drops the keys and places: emission needs only the named types.
func (p *plan) compactTypes() {
	tt := p.types
	var canon func(t *infer.Type) *infer.Type
	canon = func(t *infer.Type) *infer.Type {
		switch {
		case t == nil:
		case t.Kind == infer.Array || t.Kind == infer.Map:
			t.Elem = canon(t.Elem)
		case t.Kind == infer.Object:
			return tt.byNode[t].node
		}
		return t
	}
	for _, nt := range tt.types {
		for _, f := range nt.node.Fields {
			f.Type = canon(f.Type)
		}
	}
	p.forEachMethod(func(m *method) {
		mt := m.types
		for _, r := range append([]*rootType{mt.root, mt.body}, errorRoots(mt)...) {
			if r != nil {
				r.t = canon(r.t)
			}
		}
	})
	tt.byNode = make(map[*infer.Type]*namedType, len(tt.types))
	for _, nt := range tt.types {
		tt.byNode[nt.node] = nt
	}
	tt.keys, tt.places = infer.Keys{}, nil
}

// errorRoots are the root types of m's error bodies.
func errorRoots(mt *methodTypes) []*rootType {
	out := make([]*rootType, len(mt.errors))
	for i, e := range mt.errors {
		out[i] = e.root
	}
	return out
}

// register records the object types in t, used at site s.
func (p *plan) register(t *infer.Type, s typeSite) {
	tt := p.types
	if t == nil {
		return
	}
	switch t.Kind {
	case infer.Array, infer.Map:
		s.elem++
		p.register(t.Elem, s)
		return
	case infer.Object:
	default:
		return
	}
	tt.nodes++
	key := tt.keys.Of(t)
	nt, seen := tt.byKey[key]
	if !seen {
		nt = &namedType{node: t, fields: p.fieldNames(t), owner: p.topService(s.m.svc)}
		tt.byKey[key] = nt
		tt.types = append(tt.types, nt)
	}
	tt.byNode[t] = nt
	nt.addRoot(s.root)
	if s.role == roleField {
		at := place{s.parent, s.key, s.elem}
		if tt.places[typePlace{nt, at}] {
			// Another copy of a member already recorded (the same
			// shape in another body): it adds nothing to naming.
			for _, f := range t.Fields {
				p.mapNodes(f.Type, s.root)
			}
			return
		}
		tt.places[typePlace{nt, at}] = true
	}
	nt.sites = append(nt.sites, s)
	for _, f := range t.Fields {
		p.register(f.Type, typeSite{m: s.m, role: roleField, root: s.root, parent: nt, key: f.Key, field: nt.fields[f.Key]})
	}
}

// place is a member of a type, where another type is used.
type place struct {
	parent *namedType
	key    string
	elem   int
}

// addRoot records that r's samples went into nt. The nodes of one root
// are registered together, so checking the last root is enough.
func (nt *namedType) addRoot(r *rootType) {
	if n := len(nt.roots); n == 0 || nt.roots[n-1] != r {
		nt.roots = append(nt.roots, r)
	}
}

// mapNodes maps the object nodes of t to their types, crediting root,
// without recording places again.
func (p *plan) mapNodes(t *infer.Type, root *rootType) {
	tt := p.types
	for t != nil && (t.Kind == infer.Array || t.Kind == infer.Map) {
		t = t.Elem
	}
	if t == nil || t.Kind != infer.Object {
		return
	}
	tt.nodes++
	nt := tt.byKey[tt.keys.Of(t)]
	tt.byNode[t] = nt
	nt.addRoot(root)
	for _, f := range t.Fields {
		p.mapNodes(f.Type, root)
	}
}

// fieldNames gives the members of t their Go names, in member order,
// through one scope: keys that spell the same name get numbered ones.
func (p *plan) fieldNames(t *infer.Type) map[string]string {
	scope := names.NewScope()
	out := make(map[string]string, len(t.Fields))
	for _, f := range t.Fields {
		name := p.namer.Exported(f.Key)
		if name == "" {
			name = "Field"
		}
		out[f.Key] = scope.Claim(name)
	}
	return out
}

// topService is the top-level service s belongs to (the client for the
// client's own methods).
func (p *plan) topService(s *service) *service {
	for s != p.client && s.parent != p.client {
		s = s.parent
	}
	return s
}

// claimTypeName names nt with the first of its candidate names that is
// free, else after its first use as a root (BookingsGetResult) or member
// (BookingsGetResultGuest), numbered by the scope if need be.
func (p *plan) claimTypeName(nt *namedType) string {
	for _, s := range nt.sites {
		if key := chosenTypeKey(s); key != "" {
			if _, ok := p.cfg.TypeNames[key]; ok {
				p.usedTypeNames[key] = true
				return p.claimName(p.cfg.TypeNames, key, "", p.pkgScope)
			}
		}
	}
	for _, name := range p.nameCandidates(nt) {
		if name != "" && !p.pkgScope.Has(name) {
			return p.pkgScope.Claim(name)
		}
	}
	primary := nt.sites[0]
	for _, s := range nt.sites {
		if s.role != roleField {
			primary = s
			break
		}
	}
	name := p.siteName(primary)
	if len(name) > maxTypeName {
		// Each level of nesting adds its member to its parent's name, so
		// names would grow with the depth and their total with its square
		// (security issue 12: 4,000 nested objects in a 44 KB example made
		// 32 MB of names). Past the limit a type is named after its member
		// alone, numbered by the scope.
		primary.elem = min(primary.elem, 1)
		if primary.role == roleField {
			name = elemName(primary.field, primary.elem)
		} else {
			name = p.siteName(primary)
		}
	}
	return p.pkgScope.Claim(name)
}

// maxTypeName is the longest name a type gets from the places it is used
// in (see claimTypeName). Real collections stay well below it: the
// longest of ../shared/collections is 136 characters.
const maxTypeName = 255

// chosenTypeKey is the key under which postgen.yaml (rename.types) names
// the type used at s: "item[3]#result", "#body" (JSON body or GraphQL
// variables) or "#error" (the error body of the lowest status); "" for a
// member.
func chosenTypeKey(s typeSite) string {
	switch s.role {
	case roleResult:
		return s.m.req.Path + "#result"
	case roleBody, roleVars:
		return s.m.req.Path + "#body"
	case roleError:
		if s.status == s.m.types.errors[0].status {
			return s.m.req.Path + "#error"
		}
	}
	return ""
}

// checkTypeNames reports names chosen for inferred types that no type
// took: the request has no such inferred type.
func (p *plan) checkTypeNames() {
	keys := make([]string, 0, len(p.cfg.TypeNames))
	for key := range p.cfg.TypeNames {
		keys = append(keys, key)
	}
	sort.Strings(keys)
	for _, key := range keys {
		_, role, _ := strings.Cut(key, "#")
		if (role == "result" || role == "body" || role == "error") && !p.usedTypeNames[key] {
			p.errorf(p.cfg.TypeNames[key].Where, "the request has no %s type inferred from its examples or body (it is raw, or has no JSON sample)", role)
		}
	}
}

// nameCandidates are the short names nt could have, best first:
//   - the error body of several methods: their service's name + "Error",
//     or "ErrorBody" across services;
//   - the result of several methods: the singular of their service and
//     the words their names share ("Booking" for Bookings.List, Get and
//     Create; "ActivityRepositorySubscription" for Activity's
//     GetRepositorySubscription and SetRepositorySubscription), or those
//     words alone across services;
//   - the member name it first appears under, singular for elements
//     ("owner" -> Owner, "bookings" -> Booking), unless that name says
//     nothing on its own ("data", "items": see genericMembers).
func (p *plan) nameCandidates(nt *namedType) []string {
	var results, errs methodSet
	var member string
	others := 0
	for _, s := range nt.sites {
		switch s.role {
		case roleResult:
			results.add(s.m)
		case roleError:
			errs.add(s.m)
		case roleField:
			if member == "" && !genericMembers[strings.ToLower(s.field)] {
				member = elemName(s.field, s.elem)
			}
		default:
			others++
		}
	}
	var out []string
	if len(errs.list) >= 2 && len(results.list) == 0 && others == 0 {
		// After the plain name, the status's: the 422 body of 270
		// methods across services is UnprocessableEntityError, not the
		// first method's name.
		status := p.namer.Exported(errorStatusText(nt.sites))
		if svc := p.commonService(errs.list); svc != p.client {
			out = append(out, svc.prefix+"Error")
			if status != "" {
				out = append(out, svc.prefix+status+"Error")
			}
		} else {
			out = append(out, "ErrorBody")
			if status != "" {
				out = append(out, status+"Error")
			}
		}
	}
	if member != "" && !genericMembers[strings.ToLower(member)] {
		out = append(out, member)
	}
	if len(results.list) >= 2 {
		if svc := p.commonService(results.list); svc != p.client {
			out = append(out, resultName(svc, results.list))
		} else if run := commonRun(results.list); run != "" && !genericMembers[strings.ToLower(run)] {
			// Methods of several services (an API's company, merchant
			// and store levels) share it: the words their names share
			// ("Logo" for GetLogo and UploadLogo), not one service's;
			// "Get list of models" returns a ModelList.
			if rest, ok := strings.CutPrefix(run, "ListOf"); ok && rest != "" {
				run = rest + "List"
			}
			out = append(out, run)
		}
	}
	return out
}

// errorStatusText is the HTTP status text ("Unprocessable Entity") of
// the one status every error site of a type has; "" when they differ.
func errorStatusText(sites []typeSite) string {
	status := 0
	for _, s := range sites {
		if s.role != roleError {
			continue
		}
		if status != 0 && s.status != status {
			return ""
		}
		status = s.status
	}
	return http.StatusText(status)
}

// resourceName is the name of the API resource nt is, from the paths of
// the requests that return it (resultResource): the resource more than
// half of the paths that name one agree on ("/repos/:o/:r/forks" among
// the repository lists does not rename the repository); "" when none
// says, or when nt is also an error body.
func (p *plan) resourceName(nt *namedType) (name string, votes int) {
	count := map[string]int{}
	total, best := 0, ""
	for _, s := range nt.sites {
		switch s.role {
		case roleError:
			return "", 0
		case roleResult:
			if r := resultResource(s); r != "" {
				count[r]++
				total++
				if count[r] > count[best] || count[r] == count[best] && r < best {
					best = r
				}
			}
		}
	}
	if total == 0 || count[best]*2 <= total {
		return "", 0
	}
	return p.namer.Exported(best), count[best]
}

// hasChosenName reports whether postgen.yaml names nt.
func (p *plan) hasChosenName(nt *namedType) bool {
	for _, s := range nt.sites {
		if key := chosenTypeKey(s); key != "" {
			if _, ok := p.cfg.TypeNames[key]; ok {
				return true
			}
		}
	}
	return false
}

// resultResource is the resource a result site holds, by its request's
// path (names.Resource): the elements of a list of the path's collection
// ("GET /orgs/:org/repos" → repository), or the one object a path to a
// member returns ("GET /repos/:owner/:repo") or a POST to the collection
// creates. "" when the path says nothing about it: an object from a
// collection path may be a page or a summary, not one of its elements.
func resultResource(s typeSite) string {
	segs := s.m.req.URL.Path
	r := names.Resource(segs)
	if r == "" || s.elem > 1 {
		return ""
	}
	endsInVar := len(segs) > 0 && (strings.HasPrefix(segs[len(segs)-1], ":") || strings.Contains(segs[len(segs)-1], "{{"))
	switch {
	case s.elem == 1 && !endsInVar:
		return r
	case s.elem == 0 && (endsInVar || s.m.req.Method == "POST"):
		return r
	}
	return ""
}

// genericMembers are member names too vague to name a type alone: a
// type found under them is named after its parent too.
var genericMembers = map[string]bool{
	"data": true, "item": true, "items": true, "result": true, "results": true, "value": true, "values": true,
	"attribute": true, "attributes": true, "property": true, "properties": true, "detail": true, "details": true,
	"info": true, "meta": true, "metadata": true, "link": true, "links": true, "self": true, "body": true,
	"content": true, "contents": true, "payload": true, "response": true, "request": true, "error": true,
	"errors": true, "object": true, "objects": true, "entry": true, "entries": true, "record": true,
	"records": true, "node": true, "nodes": true, "edge": true, "edges": true, "config": true,
	"configuration": true, "settings": true, "options": true, "option": true, "params": true, "parameters": true,
	"field": true, "fields": true, "extra": true, "list": true, "summary": true, "other": true, "default": true,
	"type": true, "status": true, "state": true, "input": true, "inputs": true, "output": true, "outputs": true,
	"source": true, "target": true, "parent": true, "child": true, "children": true, "root": true,
}

// commonRun is the longest run of words that the names of ms share after
// their first word (the verb), each word compared in its singular
// ("ListRunnersForOrganization" and "GetRunner" share "Runner"), without
// the small words it would start or end with; "" when none.
func commonRun(ms []*method) string {
	split := func(name string) []string {
		ws := strings.Fields(wordText(name))
		if len(ws) > 0 {
			ws = ws[1:]
		}
		for i, w := range ws {
			ws[i] = names.Singular(w)
		}
		return ws
	}
	common := split(ms[0].name)
	for _, m := range ms[1:] {
		common = longestRun(common, split(m.name))
	}
	for len(common) > 0 && smallWords[strings.ToLower(common[0])] {
		common = common[1:]
	}
	for len(common) > 0 && smallWords[strings.ToLower(common[len(common)-1])] {
		common = common[:len(common)-1]
	}
	return strings.Join(common, "")
}

// smallWords do not name anything on their own.
var smallWords = map[string]bool{"a": true, "an": true, "the": true, "for": true, "by": true, "of": true, "in": true,
	"on": true, "to": true, "with": true, "from": true, "and": true, "or": true, "at": true}

// longestRun is the longest run of words found in both a and b, the
// leftmost in a on a tie.
func longestRun(a, b []string) []string {
	var best []string
	for i := range a {
		for j := range b {
			n := 0
			for i+n < len(a) && j+n < len(b) && a[i+n] == b[j+n] {
				n++
			}
			if n > len(best) {
				best = a[i : i+n]
			}
		}
	}
	return best
}

// resultName is the name of a type several methods of svc return: the
// singular of the service, and the words their names share.
func resultName(svc *service, ms []*method) string {
	base := names.Singular(svc.prefix)
	run := commonRun(ms)
	if strings.HasPrefix(strings.ToLower(run), strings.ToLower(base)) {
		return run
	}
	return base + run
}

// siteName is the name a type gets from one place it is used.
func (p *plan) siteName(s typeSite) string {
	if s.role == roleField {
		return s.parent.name + elemName(s.field, s.elem)
	}
	base := s.m.svc.prefix + s.m.name
	switch s.role {
	case roleResult:
		if s.elem == 0 {
			return base + "Result"
		}
	case roleBody:
		base += "Body"
	case roleVars:
		base += "Variables"
	case roleError:
		base += "Error"
		if p.distinctErrorTypes(s.m) > 1 {
			base += itoa(s.status)
		}
	}
	return base + strings.Repeat("Item", s.elem)
}

// elemName is the name of what a member holds: the member's name, made
// singular for the elements of an array ("Bookings" -> "Booking"), with
// "Item" when the singular is the same word.
func elemName(field string, elem int) string {
	if elem == 0 {
		return field
	}
	name := names.Singular(field)
	if name == field {
		name += "Item"
	}
	return name + strings.Repeat("Item", elem-1)
}

// distinctErrorTypes counts the different error body types of m.
func (p *plan) distinctErrorTypes(m *method) int {
	seen := map[int]bool{}
	for _, e := range m.types.errors {
		seen[p.types.keys.Of(e.root.t)] = true
	}
	return len(seen)
}

// commonService is the innermost service holding every method of ms.
func (p *plan) commonService(ms []*method) *service {
	common := ms[0].svc
	for _, m := range ms[1:] {
		for !isWithin(m.svc, common) {
			common = common.parent
		}
	}
	return common
}

// isWithin reports whether s is ancestor or s itself.
func isWithin(s, ancestor *service) bool {
	for ; s != nil; s = s.parent {
		if s == ancestor {
			return true
		}
	}
	return ancestor.parent == nil // the client holds everything
}

// methodSet lists methods once each, in the order added.
type methodSet struct {
	list []*method
	seen map[*method]bool
}

func (ms *methodSet) add(m *method) {
	if ms.seen == nil {
		ms.seen = map[*method]bool{}
	}
	if !ms.seen[m] {
		ms.seen[m] = true
		ms.list = append(ms.list, m)
	}
}
