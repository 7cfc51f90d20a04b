// Package changes compares the Go APIs of two generated SDKs, for postgen
// changes: what a collection update does to the code that uses its SDK.
//
// Its one job is the comparison, and it leaves it to
// golang.org/x/exp/apidiff, which implements Go's compatibility rules
// (a removed method, a changed signature or a new required struct field is
// breaking; an added method is not). Both SDKs are type-checked in memory
// with go/types; nothing touches the disk.
package changes

import (
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"strings"
	"sync"

	"golang.org/x/exp/apidiff"
)

// File is one Go file of an SDK.
type File struct {
	Name string
	Data []byte
}

// Change is one difference in the exported API.
type Change struct {
	// Message names the declaration and what happened to it, as apidiff
	// words it ("Client.Health: removed").
	Message string `json:"message"`
	// Breaking is true when code that compiled against the old SDK may
	// not compile against the new one.
	Breaking bool `json:"breaking"`
}

// Report lists the changes, breaking ones first, each group sorted.
type Report struct {
	Changes []Change `json:"changes"`
}

// Breaking counts the breaking changes.
func (r *Report) Breaking() int {
	n := 0
	for _, c := range r.Changes {
		if c.Breaking {
			n++
		}
	}
	return n
}

// Compare type-checks the old and new SDK (package pkg) and reports how
// the exported API changed.
func Compare(pkg string, old, new []File) (*Report, error) {
	imp := newImporter()
	a, err := check(pkg, "old", old, imp)
	if err != nil {
		return nil, err
	}
	b, err := check(pkg, "new", new, imp)
	if err != nil {
		return nil, err
	}
	var found []Change
	for _, c := range apidiff.Changes(a, b).Changes {
		found = append(found, Change{Message: c.Message, Breaking: !c.Compatible})
	}
	rep := &Report{}
	rep.Merge(found)
	return rep, nil
}

// check type-checks one SDK. Both SDKs get the same import path, so
// apidiff compares their declarations rather than seeing two packages.
func check(pkg, which string, files []File, imp types.Importer) (*types.Package, error) {
	fset := token.NewFileSet()
	var asts []*ast.File
	for _, f := range files {
		if !strings.HasSuffix(f.Name, ".go") || strings.HasSuffix(f.Name, "_test.go") {
			continue
		}
		af, err := parser.ParseFile(fset, which+"/"+f.Name, f.Data, parser.SkipObjectResolution)
		if err != nil {
			return nil, fmt.Errorf("the %s SDK does not parse (a postgen bug): %v", which, err)
		}
		asts = append(asts, af)
	}
	var errs []string
	conf := types.Config{Importer: imp, Error: func(err error) { errs = append(errs, err.Error()) }}
	p, _ := conf.Check("sdk/"+pkg, fset, asts, nil)
	if len(errs) > 0 && p == nil {
		return nil, fmt.Errorf("the %s SDK does not type-check: %s", which, errs[0])
	}
	return p, nil
}

// importer resolves the SDKs' imports from export data (fast, through the
// go command's build cache), else from source. An import neither finds
// (a module the SDK needs that is not in the build list) becomes an empty
// package: both SDKs then see the same unknown types, which apidiff
// reports no change for.
type sdkImporter struct {
	gc, src types.Importer
	mu      sync.Mutex
	cache   map[string]*types.Package
}

func newImporter() *sdkImporter {
	fset := token.NewFileSet()
	return &sdkImporter{
		gc:    importer.ForCompiler(fset, "gc", nil),
		src:   importer.ForCompiler(fset, "source", nil),
		cache: map[string]*types.Package{},
	}
}

func (m *sdkImporter) Import(path string) (*types.Package, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if p, ok := m.cache[path]; ok {
		return p, nil
	}
	p, err := m.gc.Import(path)
	if err != nil {
		p, err = m.src.Import(path)
	}
	if err != nil {
		name := path[strings.LastIndexByte(path, '/')+1:]
		p = types.NewPackage(path, name)
		p.MarkComplete()
	}
	m.cache[path] = p
	return p, nil
}
