package config

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/postgen/postgen/generator"
	"github.com/postgen/postgen/generator/names"
	"github.com/postgen/postgen/model"
)

// item is a folder or request the file can refer to.
type item struct {
	folder bool
	name   string // Postman path: "Folder/Sub/Request name"
	id     string
	path   string // JSON path
}

func (it item) kind() string {
	if it.folder {
		return "folder"
	}
	return "request"
}

// index lists every folder and request of c.
func index(c *model.Collection) []item {
	var out []item
	var walk func(prefix string, fs []*model.Folder, rs []*model.Request)
	walk = func(prefix string, fs []*model.Folder, rs []*model.Request) {
		for _, f := range fs {
			out = append(out, item{folder: true, name: prefix + f.Name, id: f.ID, path: f.Path})
			walk(prefix+f.Name+"/", f.Folders, f.Requests)
		}
		for _, r := range rs {
			out = append(out, item{name: prefix + r.Name, id: r.ID, path: r.Path})
		}
	}
	walk("", c.Folders, c.Requests)
	return out
}

// resolver matches references against the collection and collects errors.
type resolver struct {
	items []item
	errs  []posError
}

type posError struct {
	pos Pos
	msg string
}

func (r *resolver) errorf(pos Pos, format string, args ...any) {
	r.errs = append(r.errs, posError{pos, fmt.Sprintf(format, args...)})
}

// find returns the JSON path of the folder or request ref names: a Postman
// path or an id. want is "folder", "request" or "" (either).
func (r *resolver) find(ref Value, where, want string) (string, bool) {
	var hits []item
	for _, it := range r.items {
		if it.name == ref.Text || it.id != "" && it.id == ref.Text {
			hits = append(hits, it)
		}
	}
	switch {
	case len(hits) == 0:
		what := want
		if what == "" {
			what = "folder or request"
		}
		msg := fmt.Sprintf("%s: the collection has no %s %q (name it by its path, Folder/Sub/Request name, or by its _postman_id)", where, what, ref.Text)
		var candidates []string
		for _, it := range r.items {
			if want == "" || it.kind() == want {
				candidates = append(candidates, it.name)
			}
		}
		if s := closest(ref.Text, candidates); s != "" {
			msg += fmt.Sprintf("; did you mean %q?", s)
		} else if it, ok := r.byGoName(ref.Text, want); ok {
			msg += fmt.Sprintf("; did you mean %q? (items are named by their Postman path, not by their Go name; postgen inspect lists both)", it.name)
		}
		r.errorf(ref.Pos, "%s", msg)
		return "", false
	case len(hits) > 1:
		var where2 []string
		for _, h := range hits {
			desc := h.kind() + " at " + h.path
			if h.id != "" {
				desc += " (id " + h.id + ")"
			}
			where2 = append(where2, desc)
		}
		r.errorf(ref.Pos, "%s: %q matches %d items (%s); name one by its _postman_id", where, ref.Text, len(hits), strings.Join(where2, ", "))
		return "", false
	}
	if want != "" && hits[0].kind() != want {
		r.errorf(ref.Pos, "%s: %q is a %s, not a %s", where, ref.Text, hits[0].kind(), want)
		return "", false
	}
	return hits[0].path, true
}

// byGoName finds the item that ref names the way postgen inspect shows
// it in Go ("Bookings.Get" for the request "Bookings/Get booking",
// "client.Bookings" or "BookingsService" for the folder "Bookings"): the
// folders must match word for word, and the last part must be the item's
// name or, for a request, the start of it (a method name drops the
// folder's words). Of several, the shortest name wins.
func (r *resolver) byGoName(ref, want string) (item, bool) {
	ref = strings.TrimPrefix(strings.TrimPrefix(ref, "client."), "c.")
	parts := goParts(strings.FieldsFunc(ref, func(c rune) bool { return c == '.' || c == '/' }))
	if len(parts) == 0 {
		return item{}, false
	}
	if want != "request" {
		parts[len(parts)-1] = strings.TrimSuffix(parts[len(parts)-1], "service")
	}
	var best item
	found := false
	for _, it := range r.items {
		if want != "" && it.kind() != want {
			continue
		}
		its := goParts(strings.Split(it.name, "/"))
		if len(its) != len(parts) || len(its) == 0 {
			continue
		}
		ok := true
		for i := range len(its) - 1 {
			ok = ok && its[i] == parts[i]
		}
		last, mine := its[len(its)-1], parts[len(parts)-1]
		ok = ok && mine != "" && (last == mine || !it.folder && strings.HasPrefix(last, mine))
		if ok && (!found || len(it.name) < len(best.name)) {
			best, found = it, true
		}
	}
	return best, found
}

// goParts spells each part as a lower-case Go identifier would read it.
func goParts(parts []string) []string {
	out := make([]string, 0, len(parts))
	for _, p := range parts {
		out = append(out, strings.ToLower(goNamer.Exported(p)))
	}
	return out
}

// goNamer spells names for byGoName.
var goNamer = names.New()

// Apply resolves the file's choices against c and sets them in cfg. Every
// reference must name exactly one folder or request of c.
func (f *File) Apply(c *model.Collection, cfg *generator.Config) error {
	r := &resolver{items: index(c)}
	for _, v := range f.Initialisms {
		cfg.Initialisms = append(cfg.Initialisms, v.Text)
	}
	if f.BaseURL.Set() {
		cfg.BaseURL = f.BaseURL.Text
	}
	for _, v := range f.Constants {
		cfg.Constants = append(cfg.Constants, v.Text)
	}
	for _, v := range f.Samples {
		cfg.Samples = append(cfg.Samples, v.Text)
	}
	for _, ref := range f.Skip {
		if p, ok := r.find(ref, "skip", ""); ok {
			if cfg.Skip == nil {
				cfg.Skip = map[string]bool{}
			}
			cfg.Skip[p] = true
		}
	}
	choose := func(table *map[string]generator.Choice, key string, name Value) {
		if *table == nil {
			*table = map[string]generator.Choice{}
		}
		(*table)[key] = generator.Choice{Name: name.Text, Where: name.Pos.String()}
	}
	for _, rn := range f.Services {
		if p, ok := r.find(rn.Ref, "rename.services", "folder"); ok {
			choose(&cfg.ServiceNames, p, rn.Name)
		}
	}
	for _, rn := range f.Methods {
		if p, ok := r.find(rn.Ref, "rename.methods", "request"); ok {
			choose(&cfg.MethodNames, p, rn.Name)
		}
	}
	for _, rn := range f.Types {
		if p, ok := r.find(rn.Ref, "rename.types", "request"); ok {
			choose(&cfg.TypeNames, p+"#"+rn.Role, rn.Name)
		}
	}
	for _, ft := range f.Fields {
		cfg.FieldTypes = append(cfg.FieldTypes, generator.FieldType{Type: ft.Type, Field: ft.Field, GoType: ft.GoType.Text, Where: ft.Key.Pos.String()})
	}
	for _, o := range f.Options {
		cfg.VariableOptions = append(cfg.VariableOptions, generator.VariableOption{Variable: o.Ref.Text, Func: o.Name.Text, Where: o.Ref.Pos.String()})
	}
	if len(r.errs) == 0 {
		return nil
	}
	// In file order, as a compiler lists errors.
	sort.SliceStable(r.errs, func(i, j int) bool {
		a, b := r.errs[i].pos, r.errs[j].pos
		return a.Line < b.Line || a.Line == b.Line && a.Column < b.Column
	})
	lines := make([]string, len(r.errs))
	for i, e := range r.errs {
		lines[i] = e.pos.String() + ": " + e.msg
	}
	return &model.CodedError{Code: model.CodeConfigReference, Err: errors.New(strings.Join(lines, "\n"))}
}
