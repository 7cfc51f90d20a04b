package templates

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path"
	"strings"
)

// Func describes an exported function of a runtime file, so that the
// generator's documentation names the options an SDK really has.
type Func struct {
	// Name is the function's name, e.g. "WithBearerToken".
	Name string
	// Params are its parameter names, e.g. ["token"], and ParamTypes
	// their types as written, e.g. ["string"].
	Params     []string
	ParamTypes []string
	// Result is its (first) result type as written, e.g. "Option".
	Result string
}

// AuthFuncs returns the exported functions of the runtime file for auth
// type authType (runtime/auth_<type>.go), in source order: the options and
// helpers an SDK using that auth type carries. It returns nil when there
// is no such file.
func AuthFuncs(authType string) ([]Func, error) {
	return runtimeFuncs("auth_" + authType + ".go")
}

// Declares reports whether the runtime every SDK carries (the optional
// files left out) declares name at package level, such as "WithRetry".
func Declares(name string) bool {
	entries, err := fs.ReadDir(runtimeFS, "runtime")
	if err != nil {
		return false
	}
	for _, e := range entries {
		if !copied(e.Name()) || strings.HasPrefix(e.Name(), "auth_") {
			continue
		}
		funcs, err := runtimeFuncs(e.Name())
		if err != nil {
			return false
		}
		for _, f := range funcs {
			if f.Name == name {
				return true
			}
		}
	}
	return false
}

// runtimeFuncs lists the exported top-level functions of runtime/name.
func runtimeFuncs(name string) ([]Func, error) {
	src, err := runtimeFS.ReadFile(path.Join("runtime", name))
	if err != nil {
		return nil, nil
	}
	f, err := parser.ParseFile(token.NewFileSet(), name, src, parser.SkipObjectResolution)
	if err != nil {
		return nil, err
	}
	var out []Func
	for _, d := range f.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Recv != nil || !fd.Name.IsExported() {
			continue
		}
		fn := Func{Name: fd.Name.Name}
		for _, p := range fd.Type.Params.List {
			typ := string(src[p.Type.Pos()-1 : p.Type.End()-1])
			for _, n := range p.Names {
				fn.Params = append(fn.Params, n.Name)
				fn.ParamTypes = append(fn.ParamTypes, typ)
			}
		}
		if res := fd.Type.Results; res != nil && len(res.List) > 0 {
			fn.Result = string(src[res.List[0].Type.Pos()-1 : res.List[0].Type.End()-1])
		}
		out = append(out, fn)
	}
	return out, nil
}

// AllStrings reports whether every parameter of f is a string (a
// variadic one, which a call may leave out, does not count).
func (f Func) AllStrings() bool {
	for _, t := range f.ParamTypes {
		if t != "string" && !strings.HasPrefix(t, "...") {
			return false
		}
	}
	return true
}
