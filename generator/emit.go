package generator

import (
	"bytes"
	"fmt"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/dave/jennifer/jen"
	"github.com/postgen/postgen/templates"
)

// fileJob renders one file.
type fileJob struct {
	name  string
	build func() *jen.File
	// text renders the file directly instead (see goText).
	text func() (File, error)
	// big marks a file with something of every request in it.
	big bool
}

// emit renders every generated file. Files are independent, so they are
// rendered on all cores; the output does not depend on the order.
func (p *plan) emit() ([]File, error) {
	jobs := []fileJob{
		{name: "doc.go", build: p.emitDoc},
		{name: "client.go", text: p.clientFile},
		{name: "sdk.go", build: p.emitSDK},
		{name: p.mockPackage() + "/routes.go", text: p.routesFile, big: true},
		{name: p.mockPackage() + "/server.go", build: p.emitMockServer},
	}
	for _, s := range p.client.subs {
		s := s
		name := s.file + ".go"
		jobs = append(jobs, fileJob{name: name, text: func() (File, error) { return File{Name: name, Data: p.serviceFile(s)}, nil }})
		if p.hasTypes(s) {
			name := s.file + "_types.go"
			jobs = append(jobs, fileJob{name: name, text: func() (File, error) { return p.typesFile(s, name) }})
		}
	}
	if len(p.auth.schemes) > 0 {
		jobs = append(jobs, fileJob{name: "auth_schemes.go", build: p.emitAuth})
	}
	if p.scripts.option != "" {
		jobs = append(jobs, fileJob{name: "scripts.go", build: p.emitScripts})
	}
	if p.hasTypes(p.client) {
		jobs = append(jobs, fileJob{name: "client_types.go", text: func() (File, error) { return p.typesFile(p.client, "client_types.go") }})
	}
	if !p.cfg.NoExamples && p.stats().Methods > 0 {
		jobs = append(jobs, fileJob{name: "example_test.go", text: p.examplesFile, big: true})
	}
	if p.cfg.Conformance {
		jobs = append(jobs, fileJob{name: "conformance_calls_test.go", build: p.emitConformance})
	}
	// The single big files (examples, mock routes) go first, so no core
	// sits idle at the end waiting for one of them.
	sort.SliceStable(jobs, func(i, j int) bool { return jobs[i].big && !jobs[j].big })
	files := make([]File, len(jobs))
	errs := make([]error, len(jobs))
	known := p.credentialTexts(runtimeVocabulary())
	// Two stages, for Config.Progress: emit writes the text files and
	// builds the Jennifer ones; format renders those (Jennifer prints and
	// gofmt's them).
	built := make([]*jen.File, len(jobs))
	var jenJobs []int
	for i, j := range jobs {
		if j.text == nil {
			jenJobs = append(jenJobs, i)
		}
	}
	p.cfg.progress("emit", 0, len(jobs))
	var done atomic.Int64
	inParallel(len(jobs), func(i int) {
		if jobs[i].text != nil {
			files[i], errs[i] = jobs[i].text()
			files[i].Data = redactComments(files[i].Data, known)
		} else {
			built[i] = jobs[i].build()
		}
		p.cfg.progress("emit", int(done.Add(1)), len(jobs))
	})
	p.cfg.progress("format", 0, len(jenJobs))
	done.Store(0)
	inParallel(len(jenJobs), func(k int) {
		i := jenJobs[k]
		files[i], errs[i] = render(jobs[i].name, built[i])
		files[i].Data = redactComments(files[i].Data, known)
		p.cfg.progress("format", int(done.Add(1)), len(jenJobs))
	})
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return files, nil
}

// inParallel calls fn(0) ... fn(n-1) on all cores, in that order of start.
func inParallel(n int, fn func(i int)) {
	var wg sync.WaitGroup
	work := make(chan int)
	for w := 0; w < min(n, runtime.GOMAXPROCS(0)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				fn(i)
			}
		}()
	}
	for i := range n {
		work <- i
	}
	close(work)
	wg.Wait()
}

// newFile starts a generated Go file with the header and the import names
// Jennifer should use.
func (p *plan) newFile() *jen.File {
	f := jen.NewFile(p.cfg.Package)
	f.HeaderComment(templates.Header)
	f.ImportName(sdkPath, "sdk")
	f.ImportName(sdkOAuth2Path, "sdkoauth2")
	return f
}

// render formats f. A file that does not format is a bug in postgen; the
// error carries a numbered listing so the bug can be found.
func render(name string, f *jen.File) (File, error) {
	var buf bytes.Buffer
	if err := f.Render(&buf); err != nil {
		msg := err.Error()
		if i := strings.Index(msg, "\n"); i >= 0 {
			msg = msg[:i] + "\n" + numbered(msg[i+1:])
		}
		return File{}, fmt.Errorf("generator: %s is not valid Go (a postgen bug; please report it with the collection): %s", name, msg)
	}
	return File{Name: name, Data: buf.Bytes()}, nil
}

// numbered prefixes each line of src with its number.
func numbered(src string) string {
	var b strings.Builder
	for i, l := range strings.Split(src, "\n") {
		fmt.Fprintf(&b, "%5d  %s\n", i+1, l)
	}
	return b.String()
}

// hasTypes reports whether service s (with its sub-services) declares
// params or form types.
func (p *plan) hasTypes(s *service) bool {
	for _, m := range s.methods {
		if m.params != nil || m.body != nil && m.body.form != nil || m.types != nil && m.types.gql != nil {
			return true
		}
	}
	for _, nt := range p.types.types {
		if nt.owner == s {
			return true
		}
	}
	if s == p.client {
		return false
	}
	for _, sub := range s.subs {
		if p.hasTypes(sub) {
			return true
		}
	}
	return false
}
