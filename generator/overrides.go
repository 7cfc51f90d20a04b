package generator

import (
	"fmt"
	"sort"
	"strings"

	"github.com/postgen/postgen/generator/names"
	"github.com/postgen/postgen/model"
)

// This file applies what the user chose in postgen.yaml to the plan:
// skipped items, chosen names and field types. Every choice is checked: a
// chosen name that is taken is an error (numbering a name someone asked
// for would surprise them), and so is a choice that matches nothing.

// withoutSkipped returns c with the folders and requests in skip left out,
// sharing everything else. The plan then never sees them, so they leave no
// name, variable or warning behind.
func withoutSkipped(c *model.Collection, skip map[string]bool) *model.Collection {
	if len(skip) == 0 {
		return c
	}
	out := *c
	out.Folders, out.Requests, out.Order = pruneItems(c.Folders, c.Requests, c.Order, skip)
	return &out
}

func pruneItems(folders []*model.Folder, reqs []*model.Request, order []model.ItemRef, skip map[string]bool) ([]*model.Folder, []*model.Request, []model.ItemRef) {
	var fs []*model.Folder
	var rs []*model.Request
	var ord []model.ItemRef
	for _, ref := range order {
		if ref.Folder {
			f := folders[ref.Index]
			if skip[f.Path] {
				continue
			}
			kept := *f
			kept.Folders, kept.Requests, kept.Order = pruneItems(f.Folders, f.Requests, f.Order, skip)
			ord = append(ord, model.ItemRef{Folder: true, Index: len(fs)})
			fs = append(fs, &kept)
			continue
		}
		r := reqs[ref.Index]
		if skip[r.Path] {
			continue
		}
		ord = append(ord, model.ItemRef{Index: len(rs)})
		rs = append(rs, r)
	}
	return fs, rs, ord
}

// claimName claims the name chosen in table for key, or def when there is
// none. A chosen name that scope already holds is an error.
func (p *plan) claimName(table map[string]Choice, key, def string, scope *names.Scope) string {
	c, ok := table[key]
	if !ok {
		return scope.Claim(def)
	}
	if scope.Has(c.Name) {
		p.errorf(c.Where, "the name %s is already taken here (by another generated name or the runtime); choose another", c.Name)
		return scope.Claim(c.Name)
	}
	return scope.Claim(c.Name)
}

// errorf records an error about a choice made at where.
func (p *plan) errorf(where, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if where != "" {
		msg = where + ": " + msg
	}
	p.errs = append(p.errs, &model.CodedError{Code: model.CodeConfigConflict, Err: fmt.Errorf("%s", msg)})
}

// FieldTypeOverride returns the Go type the user chose for the field of
// the generated type typeName whose JSON key is key (or whose Go name is
// goName), and marks the choice used. The typed-model generator calls it
// for every field it types; a choice nobody asked about is reported by
// checkFieldTypes.
func (p *plan) fieldTypeOverride(typeName, key, goName string) (string, bool) {
	for i, ft := range p.cfg.FieldTypes {
		if ft.Type == typeName && (ft.Field == key || ft.Field == goName) {
			p.usedFieldTypes[i] = true
			return ft.GoType, true
		}
	}
	return "", false
}

// checkFieldTypes reports field type choices that matched no field.
func (p *plan) checkFieldTypes() {
	for i, ft := range p.cfg.FieldTypes {
		if !p.usedFieldTypes[i] {
			p.errorf(ft.Where, "no generated type %s has a field %s; field types apply to the struct types of JSON bodies and responses (see postgen inspect for the types this SDK has)", ft.Type, ft.Field)
		}
	}
}

// planVariableOptions checks the variables that get option functions and
// claims the functions' names.
func (p *plan) planVariableOptions() {
	for _, o := range p.cfg.VariableOptions {
		_, used := p.vars.used[o.Variable]
		_, defined := p.coll.LookupVariable(o.Variable)
		if !used && !defined {
			p.errorf(o.Where, "variable %q is neither used by a request nor defined by the collection; known variables: %s", o.Variable, p.knownVariables())
			continue
		}
		if p.pkgScope.Has(o.Func) {
			p.errorf(o.Where, "the name %s is already taken in the SDK (by the runtime or a generated name); choose another", o.Func)
			continue
		}
		p.pkgScope.Claim(o.Func)
		p.options = append(p.options, o)
	}
}

// knownVariables lists the variables requests use, for error messages.
func (p *plan) knownVariables() string {
	var list []string
	for name := range p.vars.used {
		list = append(list, name)
	}
	sort.Strings(list)
	if len(list) == 0 {
		return "none"
	}
	return strings.Join(list, ", ")
}
