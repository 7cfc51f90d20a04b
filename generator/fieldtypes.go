package generator

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/types"

	"github.com/dave/jennifer/jen"
)

// This file applies the field types chosen in postgen.yaml (fields:
// TypeName.field: GoType) to inferred types. A chosen type is a Go type
// expression made of predeclared types, the SDK's own types, *, [] and
// map, and the standard-library packages below: the SDK depends on the
// standard library only.

// fieldTypePackages are the packages a chosen field type may name.
var fieldTypePackages = map[string]string{
	"time": "time", "json": "encoding/json", "big": "math/big", "netip": "net/netip", "url": "net/url",
}

// applyFieldTypes records the chosen types of the inferred types' fields,
// once every type has its name; a choice that is not a usable Go type is
// an error at its place in postgen.yaml.
func (p *plan) applyFieldTypes() {
	for _, ft := range p.cfg.FieldTypes {
		if _, err := p.chosenTypeCode(ft.GoType); err != nil {
			p.errorf(ft.Where, "fields: %s", err)
		}
	}
	for _, nt := range p.types.types {
		for _, f := range nt.node.Fields {
			goType, ok := p.fieldTypeOverride(nt.name, f.Key, nt.fields[f.Key])
			if !ok {
				continue
			}
			if code, err := p.chosenTypeCode(goType); err == nil {
				if nt.chosen == nil {
					nt.chosen = map[string]jen.Code{}
				}
				nt.chosen[f.Key] = code
			}
		}
	}
}

// chosenTypeCode renders a chosen Go type expression.
func (p *plan) chosenTypeCode(expr string) (jen.Code, error) {
	e, err := parser.ParseExpr(expr)
	if err != nil {
		return nil, fmt.Errorf("%q is not a Go type", expr)
	}
	return p.typeExprCode(e, expr)
}

func (p *plan) typeExprCode(e ast.Expr, expr string) (jen.Code, error) {
	switch e := e.(type) {
	case *ast.Ident:
		if obj := types.Universe.Lookup(e.Name); obj != nil {
			if _, isType := obj.(*types.TypeName); isType {
				return jen.Id(e.Name), nil
			}
		}
		if p.pkgScope.Has(e.Name) && e.IsExported() {
			return jen.Id(e.Name), nil
		}
		return nil, fmt.Errorf("%q names %s, which is neither a predeclared type nor a type of this SDK", expr, e.Name)
	case *ast.StarExpr:
		x, err := p.typeExprCode(e.X, expr)
		return jen.Op("*").Add(x), err
	case *ast.ArrayType:
		if e.Len != nil {
			break
		}
		x, err := p.typeExprCode(e.Elt, expr)
		return jen.Index().Add(x), err
	case *ast.MapType:
		k, err := p.typeExprCode(e.Key, expr)
		if err != nil {
			return nil, err
		}
		v, err := p.typeExprCode(e.Value, expr)
		return jen.Map(k).Add(v), err
	case *ast.SelectorExpr:
		if pkg, ok := e.X.(*ast.Ident); ok {
			if path, ok := fieldTypePackages[pkg.Name]; ok && e.Sel.IsExported() {
				return jen.Qual(path, e.Sel.Name), nil
			}
			return nil, fmt.Errorf("%q names package %s: SDKs use the standard library only, so a field type may name time, json, big, netip or url", expr, pkg.Name)
		}
	}
	return nil, fmt.Errorf("%q is not a type a field can have here (use names, *, [] and map)", expr)
}
