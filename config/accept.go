package config

import (
	"fmt"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/postgen/postgen/model"
)

// Accept is an entry of postgen.yaml's accept list: a warning (or note)
// the team has looked at and keeps, by code and, optionally, JSON path.
//
//	accept:
//	  - code: undefined-variable
//	    path: item[3].request.url     # this place, or anything inside it
//	  - code: unknown-body-mode       # everywhere
//	  - code: undefined-variable
//	    path: item[*].request.header  # * matches any text
type Accept struct {
	Code Value
	// Path is "" for everywhere. It matches a diagnostic's path equal to
	// it or inside it (item[3] matches item[3].request.url); * matches
	// any run of characters.
	Path Value
	Pos  Pos
}

var acceptKeys = []string{"code", "path"}

// accept reads the accept list.
func (r *reader) accept(n *yaml.Node) []Accept {
	if n.Kind != yaml.SequenceNode {
		if n.Tag == "!!null" {
			return nil
		}
		r.errorf(n, "accept must be a list of {code, path} entries")
		return nil
	}
	var out []Accept
	for _, el := range n.Content {
		el = deref(el)
		a := Accept{Pos: r.pos(el)}
		if el.Kind != yaml.MappingNode {
			r.errorf(el, "accept entries are {code: CODE, path: JSON-PATH} (path optional)")
			continue
		}
		r.mapping(el, "accept entry", acceptKeys, func(k, v *yaml.Node) {
			switch k.Value {
			case "code":
				a.Code, _ = r.scalar(v, "accept code")
			case "path":
				a.Path, _ = r.scalar(v, "accept path")
			}
		})
		if !a.Code.Set() {
			r.errorf(el, "accept entry without a code: give the code a diagnostic prints in brackets, such as undefined-variable")
			continue
		}
		if msg := checkAcceptCode(model.Code(a.Code.Text)); msg != "" {
			r.errs = append(r.errs, a.Code.Pos.String()+": "+msg)
			continue
		}
		out = append(out, a)
	}
	return out
}

// checkAcceptCode says why code cannot be accepted, "" when it can.
func checkAcceptCode(code model.Code) string {
	info, ok := code.Info()
	if !ok {
		var known []string
		for _, ci := range model.Codes() {
			if ci.Severity != model.Error {
				known = append(known, string(ci.Code))
			}
		}
		msg := fmt.Sprintf("accept: unknown diagnostic code %q", code)
		if s := closest(string(code), known); s != "" {
			return msg + fmt.Sprintf("; did you mean %q? (postgen help diagnostics lists them)", s)
		}
		return msg + " (postgen help diagnostics lists them)"
	}
	if info.Severity == model.Error {
		return fmt.Sprintf("accept: %s is an error, which stops generation; only warnings and notes can be accepted", code)
	}
	return ""
}

// Stale is an accept entry that matched no diagnostic, as a note at the
// entry's position.
type Stale struct {
	Pos  Pos
	Diag model.Diagnostic
}

// Accepted returns which of diags the accept list accepts (accepted[i]
// for diags[i]; errors never are), and a note for each entry that
// accepted none.
func (f *File) Accepted(diags []model.Diagnostic) (accepted []bool, stale []Stale) {
	accepted = make([]bool, len(diags))
	for _, a := range f.Accept {
		match := pathMatcher(a.Path.Text)
		n := 0
		for i, d := range diags {
			if d.Severity != model.Error && string(d.Code) == a.Code.Text && match(d.Path) {
				accepted[i] = true
				n++
			}
		}
		if n == 0 {
			where := "anywhere"
			if a.Path.Set() {
				where = "at " + a.Path.Text
			}
			stale = append(stale, Stale{Pos: a.Pos, Diag: model.Diag(model.CodeAcceptStale, "",
				"accept: no %s diagnostic %s; remove the entry", a.Code.Text, where)})
		}
	}
	return accepted, stale
}

// pathMatcher matches JSON paths against an accept path: everywhere when
// it is "", else the path itself and everything inside it, with * for
// any run of characters.
func pathMatcher(pattern string) func(string) bool {
	if pattern == "" {
		return func(string) bool { return true }
	}
	parts := strings.Split(pattern, "*")
	for i, p := range parts {
		parts[i] = regexp.QuoteMeta(p)
	}
	re := regexp.MustCompile(`^` + strings.Join(parts, `.*`) + `(?:$|[.\[])`)
	return re.MatchString
}
