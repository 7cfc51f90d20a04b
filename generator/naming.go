package generator

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/postgen/postgen/generator/names"
	"github.com/postgen/postgen/model"
)

// This file decides the Go names of services and methods from folder and
// request names, with the rules of names/ (Label, PathLabel, Exported), and
// what happens when two of them want one name: a folder that repeats a
// sibling's name, or whose name is a URL path under a named folder, is
// folded into that service; a method whose name is taken is told apart by
// what differs in its method and path, with a warning.

// naming is the plan's record of who holds which name.
type naming struct {
	// folded maps the JSON path of a folder folded into a service to it.
	folded map[string]*service
	// foldedInto lists the folders folded into each service.
	foldedInto map[*service][]*model.Folder
	// holders maps, per service, a method name to the request holding it.
	holders map[*service]map[string]*model.Request
	// bases is the name each service's folder asked for, before claiming.
	bases map[*service]string
	// keepNotes marks the requests whose notes in parentheses tell them
	// apart from a sibling (see noteClashes).
	keepNotes map[*model.Request]bool
}

// noteClashes marks, among sibling requests rs, those whose Label would be
// another's if their notes went: "List plans (stubbed)" keeps its note
// beside "List plans", and "archive (zip)" and "archive (tar)" keep theirs.
func (p *plan) noteClashes(rs []*model.Request) {
	count := map[string]int{}
	for _, r := range rs {
		count[p.namer.Exported(names.Label(r.Name))]++
	}
	for _, r := range rs {
		if names.Label(r.Name) != names.LabelWithNotes(r.Name) && count[p.namer.Exported(names.Label(r.Name))] > 1 {
			if p.naming.keepNotes == nil {
				p.naming.keepNotes = map[*model.Request]bool{}
			}
			p.naming.keepNotes[r] = true
		}
	}
}

// requestLabel is names.Label of r's name, keeping its notes when
// noteClashes said so.
func (p *plan) requestLabel(r *model.Request) string {
	if p.naming.keepNotes[r] {
		return names.LabelWithNotes(r.Name)
	}
	return names.Label(r.Name)
}

// planFolders plans the services of folders fs under parent, folding a
// folder into an existing service where foldInto says so.
func (p *plan) planFolders(fs []*model.Folder, parent *service) {
	for _, f := range fs {
		if into := p.foldInto(f, parent); into != nil {
			p.fold(f, into)
			continue
		}
		parent.subs = append(parent.subs, p.planService(f, parent))
	}
}

// foldInto returns the service folder f belongs to without a service of
// its own, or nil. A folder named like a URL path inside a named folder
// ("/merchants/:merchantId" in "Account - merchant level", as Postman's
// OpenAPI import writes them) holds some of that folder's requests; a
// folder with the same name as a sibling, or a top-level path folder with
// the same words as a sibling path folder ("/users" and "/users/:id"), is
// the same resource. A folder renamed in postgen.yaml keeps its service.
func (p *plan) foldInto(f *model.Folder, parent *service) *service {
	if _, chosen := p.cfg.ServiceNames[f.Path]; chosen {
		return nil
	}
	isPath := names.IsURLName(f.Name)
	if isPath && parent.folder != nil {
		return parent
	}
	base := p.serviceBase(f, parent)
	for _, s := range parent.subs {
		if _, chosen := p.cfg.ServiceNames[s.folder.Path]; chosen {
			continue
		}
		same := sameName(s.folder.Name, f.Name)
		if same || isPath && names.IsURLName(s.folder.Name) && p.naming.bases[s] == base {
			return s
		}
	}
	return nil
}

// sameName reports whether two folder names are the same but for case and
// spacing.
func sameName(a, b string) bool {
	return strings.EqualFold(strings.Join(strings.Fields(a), " "), strings.Join(strings.Fields(b), " "))
}

// fold plans folder f's requests and sub-folders as part of service s.
func (p *plan) fold(f *model.Folder, s *service) {
	if p.naming.folded == nil {
		p.naming.folded = map[string]*service{}
		p.naming.foldedInto = map[*service][]*model.Folder{}
	}
	p.naming.folded[f.Path] = s
	p.naming.foldedInto[s] = append(p.naming.foldedInto[s], f)
	p.planFolders(f.Folders, s)
	p.noteClashes(f.Requests)
	for _, r := range f.Requests {
		p.planMethod(r, s)
	}
}

// serviceBase is the name folder f asks for under parent: its Label without
// the parent's words, or the words its requests' paths share when the name
// says nothing names can spell.
func (p *plan) serviceBase(f *model.Folder, parent *service) string {
	label := names.Label(f.Name)
	base := p.namer.Exported(label)
	if parent.folder != nil {
		if trimmed := p.withoutWords(label, containerWords(parent.folder)); trimmed != "" {
			base = trimmed
		}
	}
	// A name of only path variables ("{id}", "/:merchantId") says nothing.
	onlyVars := names.IsURLName(f.Name) && label == strings.TrimSpace(f.Name)
	if base == "" || names.Untransliterated(f.Name) || !hasLetter(label) || onlyVars {
		if fromPath := p.namer.Exported(commonPathWord(f)); fromPath != "" {
			base = fromPath
		}
	}
	if base == "" {
		base = "Folder"
	}
	return base
}

// hasLetter reports whether s has a letter: a name of only numbers and
// punctuation ("123", "1.") names nothing.
func hasLetter(s string) bool {
	return strings.IndexFunc(s, unicode.IsLetter) >= 0
}

// containerWords are the words of folder f's name that its requests and
// sub-folders need not repeat: those of its Label ("first party" for "1st
// party") and of the name as written.
func containerWords(f *model.Folder) string {
	return names.Label(f.Name) + " " + f.Name
}

// claimService claims the field name of folder f's service on parent: the
// name chosen in postgen.yaml, else base; when base is taken, the name
// with the folder's notes ("Applications (beta)" beside "Applications" is
// ApplicationsBeta), else base numbered, with a warning either way.
func (p *plan) claimService(f *model.Folder, parent *service, base string) string {
	if _, chosen := p.cfg.ServiceNames[f.Path]; chosen || !parent.members.Has(base) {
		return p.claimName(p.cfg.ServiceNames, f.Path, base, parent.members)
	}
	where := "the Client"
	if parent.folder != nil {
		where = "the " + parent.fieldPath() + " service"
	}
	noted := ""
	if names.LabelWithNotes(f.Name) != names.Label(f.Name) {
		noted = p.namer.Exported(names.LabelWithNotes(f.Name))
	}
	if noted != "" && parent.folder != nil {
		if trimmed := p.withoutWords(names.LabelWithNotes(f.Name), containerWords(parent.folder)); trimmed != "" {
			noted = trimmed
		}
	}
	if noted != "" && noted != base && !parent.members.Has(noted) {
		p.warn(model.CodeNameToldApart, f.Path, "%s already has a field or method %s, so this folder's service is %s; choose another name under rename.services in postgen.yaml", where, base, noted)
		return parent.members.Claim(noted)
	}
	name := parent.members.Claim(base)
	p.warn(model.CodeNameTaken, f.Path, "%s already has a field or method %s, so this folder's service is %s; choose another name under rename.services in postgen.yaml", where, base, name)
	return name
}

// commonPathWord is the last word of the API the paths of f's requests
// share ("employees" for /api/1/employees and /api/1/employees/:id), or "".
func commonPathWord(f *model.Folder) string {
	var common []string
	first := true
	var walk func(f *model.Folder)
	walk = func(f *model.Folder) {
		for _, r := range f.Requests {
			words := strings.Fields(names.PathLabel("", r.URL.Path))
			if first {
				common, first = words, false
				continue
			}
			n := 0
			for n < len(common) && n < len(words) && common[n] == words[n] {
				n++
			}
			common = common[:n]
		}
		for _, sub := range f.Folders {
			walk(sub)
		}
	}
	walk(f)
	if len(common) == 0 {
		return ""
	}
	return common[len(common)-1]
}

// methodName derives a method name from the request name's Label, dropping
// the words of the service's own name ("List bookings" in Bookings is
// "List") and articles when something is left. A request without a name
// names can spell (none, only numbers, or one in Japanese or Chinese) is
// named by its method and the words of its path ("GET /cart/list" is
// GetCartList).
func (p *plan) methodName(r *model.Request, s *service) string {
	label := p.requestLabel(r)
	if p.namer.Exported(label) == "" || names.Untransliterated(r.Name) || !hasLetter(label) {
		label = names.PathLabel(r.Method, r.URL.Path)
		if p.namer.Exported(label) == "" {
			return "Request"
		}
		if s.folder == nil {
			return p.namer.Exported(label)
		}
	}
	if s.folder != nil {
		if trimmed := p.withoutWords(label, containerWords(s.folder)); trimmed != "" {
			return trimmed
		}
	}
	return p.namer.Exported(label)
}

// claimMethod claims the Go name of request r's method on s: the name
// chosen in postgen.yaml, else methodName, else, when another method
// holds that, the first free name that says how the two differ (see
// alternatives), else the name numbered. Either way a warning names both
// requests, so the user can choose names in postgen.yaml.
func (p *plan) claimMethod(r *model.Request, s *service) string {
	base := p.methodName(r, s)
	if _, chosen := p.cfg.MethodNames[r.Path]; chosen || !s.members.Has(base) {
		return p.holdMethod(s, r, p.claimName(p.cfg.MethodNames, r.Path, base, s.members))
	}
	other := p.naming.holders[s][base]
	where := "the Client"
	if s.folder != nil {
		where = "the " + s.fieldPath() + " service"
	}
	taken := fmt.Sprintf("%s already has a method %s (the request at %s)", where, base, pathOf(other))
	if other == nil {
		taken = fmt.Sprintf("%s already has a field or method %s", where, base)
		for _, sub := range s.subs {
			if sub.fieldName == base {
				taken = fmt.Sprintf("%s already has a field %s (the folder at %s)", where, base, sub.folder.Path)
			}
		}
	}
	for _, alt := range p.alternatives(r, other, base) {
		if alt != "" && alt != base && !s.members.Has(alt) {
			p.warn(model.CodeNameToldApart, r.Path, "%s, so this request's method is %s; choose another name under rename.methods in postgen.yaml", taken, alt)
			return p.holdMethod(s, r, s.members.Claim(alt))
		}
	}
	name := s.members.Claim(base)
	p.warn(model.CodeNameTaken, r.Path, "%s and nothing in this request's name, method or path tells them apart, so this one is %s; choose another name under rename.methods in postgen.yaml", taken, name)
	return p.holdMethod(s, r, name)
}

// pathOf is r's JSON path, or "" for nil.
func pathOf(r *model.Request) string {
	if r == nil {
		return ""
	}
	return r.Path
}

// holdMethod records that r holds name on s and returns name.
func (p *plan) holdMethod(s *service, r *model.Request, name string) string {
	if p.naming.holders == nil {
		p.naming.holders = map[*service]map[string]*model.Request{}
	}
	if p.naming.holders[s] == nil {
		p.naming.holders[s] = map[string]*model.Request{}
	}
	p.naming.holders[s][name] = r
	return name
}

// alternatives are the names that tell request r apart from other, which
// holds base (other is nil when a service field holds it), best first:
// the request's whole name when base dropped the service's words ("Get
// Favorites" in Favorites is GetFavorites beside "Get a Favorite"); base
// by the path variables only r has (FetchBySid); base with the path words
// only r has; base with the API version only r has (FetchV2); base and
// "All" when only the other has path variables (Fetch on /Keys/:sid,
// FetchAll on /Keys); r's HTTP method and base (DeleteWebinar); base with
// all of r's path words.
func (p *plan) alternatives(r, other *model.Request, base string) []string {
	var out []string
	if !names.Untransliterated(r.Name) {
		whole := p.withoutWords(p.requestLabel(r), "")
		if other == nil || whole != p.withoutWords(p.requestLabel(other), "") {
			out = append(out, whole)
		}
	}
	mine := strings.Fields(names.PathLabel("", r.URL.Path))
	if other != nil {
		by := ""
		if vars := missing(pathVars(r.URL.Path), pathVars(other.URL.Path)); len(vars) > 0 {
			by = "By" + p.namer.Exported(strings.Join(vars, " and "))
			out = append(out, base+by)
		}
		if words := missing(mine, strings.Fields(names.PathLabel("", other.URL.Path))); len(words) > 0 {
			out = append(out, base+p.namer.Exported(strings.Join(words, " ")))
		}
		if vs := missing(names.PathVersions(r.URL.Path), names.PathVersions(other.URL.Path)); len(vs) > 0 {
			v := p.namer.Exported(strings.Join(vs, " "))
			out = append(out, base+v)
			if by != "" {
				out = append(out, base+v+by)
			}
		}
		if len(missing(pathVars(other.URL.Path), pathVars(r.URL.Path))) > 0 {
			// The other request addresses one item, this one them all.
			out = append(out, base+"All")
		}
	}
	verb := p.namer.Exported(strings.ToLower(r.Method))
	if other == nil || !strings.EqualFold(other.Method, r.Method) {
		if !strings.HasPrefix(base, verb) {
			out = append(out, verb+base)
		}
	}
	if len(mine) > 0 && (other == nil || strings.Join(mine, " ") != names.PathLabel("", other.URL.Path)) {
		out = append(out, base+p.namer.Exported(strings.Join(mine, " ")))
	}
	return out
}

// missing returns the elements of a that b lacks, in a's order.
func missing(a, b []string) []string {
	have := map[string]bool{}
	for _, s := range b {
		have[strings.ToLower(s)] = true
	}
	var out []string
	for _, s := range a {
		if !have[strings.ToLower(s)] {
			out = append(out, s)
		}
	}
	return out
}

// pathVars returns the names of the path variables of segs, in order:
// ":id" is id, "{{userId}}" is userId, ":Sid.json" is Sid.
func pathVars(segs []string) []string {
	var out []string
	for _, seg := range segs {
		if strings.HasPrefix(seg, ":") {
			name := seg[1:]
			if i := strings.IndexByte(name, '.'); i > 0 {
				name = name[:i]
			}
			out = append(out, name)
			continue
		}
		for rest := seg; ; {
			i := strings.Index(rest, "{{")
			if i < 0 {
				break
			}
			j := strings.Index(rest[i:], "}}")
			if j < 0 {
				break
			}
			out = append(out, rest[i+2:i+j])
			rest = rest[i+j+2:]
		}
	}
	return out
}
