// Package config reads postgen.yaml, the file that says how to generate
// one SDK: the input, the package, the output directory, and the choices a
// collection cannot express (renames, skipped requests, initialisms,
// variables that become client options, a default base URL, warnings the
// team accepts).
//
// Its one job is to turn that file into generator.Config, checking
// everything it can with a position: an unknown key, a bad Go name, or a
// reference to a folder or request the collection does not have is an
// error that says "postgen.yaml:12:5: ..." and what to do. The file's JSON
// Schema is postgen.schema.json beside this file; editors that speak the
// YAML language server validate and complete the file with it.
package config

import (
	"errors"
	"fmt"
	"go/parser"
	"go/token"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/postgen/postgen/generator/names"
	"github.com/postgen/postgen/model"
)

// FileName is the name postgen looks for beside the output.
const FileName = "postgen.yaml"

// File is a parsed postgen.yaml. Paths are as written; Dir resolves them.
type File struct {
	// Name is the file's path as given, for messages; Dir its directory,
	// which relative paths in the file are relative to.
	Name, Dir string

	Package      Value
	Input        Value
	PostmanID    Value
	Output       Value
	BaseURL      Value
	Initialisms  []Value
	Environments []Value
	Strict       bool

	Skip     []Value
	Services []Rename
	Methods  []Rename
	// Types rename a request's generated types; Role is "params" or "form".
	Types   []TypeRename
	Fields  []FieldType
	Options []Rename // Ref is the variable name, Name the function
	// Accept lists the warnings and notes not to print (accept.go).
	Accept []Accept
	// Constants and Samples override the planner's rule of what a method
	// sends on its own: query, header and form keys always sent with
	// the collection's value, or only with the caller's.
	Constants, Samples []Value
}

// Value is a scalar with its position.
type Value struct {
	Text string
	Pos  Pos
}

// Set reports whether the value was given.
func (v Value) Set() bool { return v.Text != "" }

// Pos is a place in the file.
type Pos struct {
	File         string
	Line, Column int
}

func (p Pos) String() string { return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Column) }

// Rename maps a reference (a Postman path "Folder/Request" or an id) to a
// Go name.
type Rename struct {
	Ref  Value
	Name Value
}

// TypeRename names one of a request's types.
type TypeRename struct {
	Ref  Value
	Role string
	Name Value
}

// FieldType overrides the Go type of Type.Field.
type FieldType struct {
	Type, Field string
	Key         Value // "Type.field" as written
	GoType      Value
}

// Find returns the config file to use: explicit when given (it must
// exist), else postgen.yaml in dir, else none ("").
func Find(explicit, dir string) (string, error) {
	if explicit != "" {
		if _, err := os.Stat(explicit); err != nil {
			return "", fmt.Errorf("--config %s: %w", explicit, errors.Unwrap(err))
		}
		return explicit, nil
	}
	p := filepath.Join(dir, FileName)
	if st, err := os.Stat(p); err == nil && !st.IsDir() {
		return p, nil
	}
	return "", nil
}

// Load reads and checks the file at path.
func Load(path string) (*File, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Parse(data, path)
}

// Parse checks data as the content of the file name.
func Parse(data []byte, name string) (*File, error) {
	f := &File{Name: name, Dir: filepath.Dir(name)}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, &model.CodedError{Code: model.CodeConfigInvalid, Err: fmt.Errorf("%s: %v", name, strings.TrimPrefix(err.Error(), "yaml: "))}
	}
	r := &reader{file: name}
	if len(doc.Content) == 0 {
		return f, nil // an empty file configures nothing
	}
	r.top(doc.Content[0], f)
	if err := r.err(); err != nil {
		return nil, err
	}
	return f, nil
}

// reader walks the YAML tree, collecting every error.
type reader struct {
	file string
	errs []string
}

func (r *reader) pos(n *yaml.Node) Pos { return Pos{File: r.file, Line: n.Line, Column: n.Column} }

func (r *reader) errorf(n *yaml.Node, format string, args ...any) {
	r.errs = append(r.errs, r.pos(n).String()+": "+fmt.Sprintf(format, args...))
}

func (r *reader) err() error {
	if len(r.errs) == 0 {
		return nil
	}
	return &model.CodedError{Code: model.CodeConfigInvalid, Err: errors.New(strings.Join(r.errs, "\n"))}
}

// topKeys are the keys of the file, in the order the schema lists them.
var topKeys = []string{"package", "input", "postmanId", "output", "baseURL", "initialisms", "environments", "strict", "skip", "rename", "fields", "options", "accept", "constants", "samples"}

var renameKeys = []string{"services", "methods", "types"}

// typeRoles are the types of a request that can be renamed.
var typeRoles = []string{"params", "form", "result", "body", "error"}

// mapping calls fn for each key of a mapping node, reporting keys that
// are not in known (when known is not nil) and repeated keys.
func (r *reader) mapping(n *yaml.Node, where string, known []string, fn func(key, val *yaml.Node)) {
	n = deref(n)
	if n.Kind != yaml.MappingNode {
		if n.Tag == "!!null" {
			return
		}
		r.errorf(n, "%s must be a mapping (key: value lines)", where)
		return
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], deref(n.Content[i+1])
		if seen[k.Value] {
			r.errorf(k, "%s: %q is given twice", where, k.Value)
			continue
		}
		seen[k.Value] = true
		if known != nil && !contains(known, k.Value) {
			msg := fmt.Sprintf("unknown key %q in %s", k.Value, where)
			if s := closest(k.Value, known); s != "" {
				msg += fmt.Sprintf("; did you mean %q?", s)
			} else {
				msg += "; known keys: " + strings.Join(known, ", ")
			}
			r.errorf(k, "%s", msg)
			continue
		}
		fn(k, v)
	}
}

func deref(n *yaml.Node) *yaml.Node {
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	return n
}

// scalar reads a string scalar.
func (r *reader) scalar(n *yaml.Node, where string) (Value, bool) {
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		r.errorf(n, "%s must be a single value", where)
		return Value{}, false
	}
	return Value{Text: n.Value, Pos: r.pos(n)}, true
}

// list reads a sequence of strings.
func (r *reader) list(n *yaml.Node, where string) []Value {
	if n.Kind != yaml.SequenceNode {
		if n.Tag == "!!null" {
			return nil
		}
		r.errorf(n, "%s must be a list (lines starting with \"- \", or [a, b])", where)
		return nil
	}
	var out []Value
	for _, el := range n.Content {
		if v, ok := r.scalar(deref(el), where+" entries"); ok {
			out = append(out, v)
		}
	}
	return out
}

func (r *reader) top(n *yaml.Node, f *File) {
	r.mapping(n, "the file", topKeys, func(k, v *yaml.Node) {
		switch k.Value {
		case "package":
			if val, ok := r.scalar(v, "package"); ok {
				if err := names.CheckPackageName(val.Text); err != nil {
					r.errorf(v, "package %s: %v", val.Text, err)
				}
				f.Package = val
			}
		case "input":
			f.Input, _ = r.scalar(v, "input")
		case "postmanId":
			f.PostmanID, _ = r.scalar(v, "postmanId")
		case "output":
			f.Output, _ = r.scalar(v, "output")
		case "baseURL":
			if val, ok := r.scalar(v, "baseURL"); ok {
				if u, err := url.Parse(val.Text); err != nil || u.Scheme == "" || u.Host == "" {
					r.errorf(v, "baseURL %q is not an absolute URL such as https://api.example.com/v1", val.Text)
				}
				f.BaseURL = val
			}
		case "initialisms":
			for _, val := range r.list(v, "initialisms") {
				if !isInitialism(val.Text) {
					r.errorf(v, "initialism %q: write it as Go spells it, upper case letters and digits such as SKU or OAuth2", val.Text)
					continue
				}
				f.Initialisms = append(f.Initialisms, val)
			}
		case "environments":
			f.Environments = r.list(v, "environments")
		case "strict":
			if v.Kind != yaml.ScalarNode || v.Tag != "!!bool" {
				r.errorf(v, "strict must be true or false")
				return
			}
			f.Strict = v.Value == "true"
		case "skip":
			f.Skip = r.list(v, "skip")
		case "constants":
			f.Constants = r.list(v, "constants")
		case "samples":
			f.Samples = r.list(v, "samples")
		case "rename":
			r.mapping(v, "rename", renameKeys, func(k, v *yaml.Node) {
				switch k.Value {
				case "services":
					f.Services = r.names(v, "rename.services")
				case "methods":
					f.Methods = r.names(v, "rename.methods")
				case "types":
					r.mapping(v, "rename.types", nil, func(ref, roles *yaml.Node) {
						refVal := Value{Text: ref.Value, Pos: r.pos(ref)}
						r.mapping(roles, fmt.Sprintf("rename.types[%q]", ref.Value), typeRoles, func(role, name *yaml.Node) {
							if val, ok := r.goName(name, "rename.types"); ok {
								f.Types = append(f.Types, TypeRename{Ref: refVal, Role: role.Value, Name: val})
							}
						})
					})
				}
			})
		case "fields":
			r.mapping(v, "fields", nil, func(k, v *yaml.Node) {
				typ, field, ok := strings.Cut(k.Value, ".")
				if !ok || !token.IsIdentifier(typ) || field == "" {
					r.errorf(k, "fields: %q must be TypeName.field (a generated type and one of its fields, by JSON key or Go name)", k.Value)
					return
				}
				val, okv := r.scalar(v, "fields")
				if !okv {
					return
				}
				if _, err := parser.ParseExpr(val.Text); err != nil {
					r.errorf(v, "fields: %q is not a Go type (write it as in Go: int64, *string, time.Time, json.RawMessage)", val.Text)
					return
				}
				f.Fields = append(f.Fields, FieldType{Type: typ, Field: field, Key: Value{Text: k.Value, Pos: r.pos(k)}, GoType: val})
			})
		case "options":
			f.Options = r.names(v, "options")
		case "accept":
			f.Accept = r.accept(v)
		}
	})
}

// names reads a mapping of references to exported Go names.
func (r *reader) names(n *yaml.Node, where string) []Rename {
	var out []Rename
	r.mapping(n, where, nil, func(k, v *yaml.Node) {
		if val, ok := r.goName(v, where); ok {
			out = append(out, Rename{Ref: Value{Text: k.Value, Pos: r.pos(k)}, Name: val})
		}
	})
	return out
}

// goName reads an exported Go identifier.
func (r *reader) goName(n *yaml.Node, where string) (Value, bool) {
	val, ok := r.scalar(n, where)
	if !ok {
		return val, false
	}
	if !goName.MatchString(val.Text) || !token.IsIdentifier(val.Text) {
		r.errorf(n, "%s: %q is not an exported Go name (a letter A-Z, then letters, digits or _)", where, val.Text)
		return val, false
	}
	return val, true
}

// goName is an exported ASCII Go name, as the schema's goName says.
var goName = regexp.MustCompile(`^[A-Z][A-Za-z0-9_]*$`)

// isInitialism accepts what generator/names accepts as an extra initialism.
func isInitialism(s string) bool {
	if s == "" || !token.IsIdentifier(s) {
		return false
	}
	return names.New(s).Exported(strings.ToLower(s)) == s
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// closest returns the candidate nearest to s, when it is near enough to
// be a typo of it (a few edits) or a shortening of it (a prefix).
func closest(s string, candidates []string) string {
	best, bestD := "", 0
	sorted := append([]string(nil), candidates...)
	sort.Strings(sorted)
	lower := strings.ToLower(s)
	for _, c := range sorted {
		lc := strings.ToLower(c)
		d := distance(lower, lc)
		if strings.HasPrefix(lc, lower) && lower != "" {
			d = min(d, 1)
		}
		if best == "" || d < bestD {
			best, bestD = c, d
		}
	}
	if best == "" || bestD > max(2, len([]rune(s))/4) {
		return ""
	}
	return best
}

// distance is the Levenshtein distance between a and b, in runes.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// Path resolves a path written in the file: relative paths are relative
// to the file's directory; URLs and "-" stay as they are.
func (f *File) Path(p string) string {
	if p == "" || p == "-" || strings.HasPrefix(p, "http://") || strings.HasPrefix(p, "https://") || filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(f.Dir, p)
}
