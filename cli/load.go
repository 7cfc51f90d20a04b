package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/postgen/postgen/config"
	"github.com/postgen/postgen/generator"
	"github.com/postgen/postgen/generator/names"
	"github.com/postgen/postgen/model"
	"github.com/postgen/postgen/parser"
)

// This file is what generate, inspect and changes share: finding
// postgen.yaml, reading the collection and environments, and turning
// flags and file into a generator.Config. Flags override the file.

// inputFlags are the flags of every command that reads a collection.
type inputFlags struct {
	pkg          string
	config       string
	environments []string
	postmanID    string
	strict       bool
}

func (f *inputFlags) register(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringVarP(&f.pkg, "package", "p", "", "Go package `NAME` (default: from postgen.yaml, else the collection's name)")
	fl.StringVar(&f.config, "config", "", "postgen.yaml `FILE` (default: postgen.yaml in the output directory, or in . without -o)")
	fl.StringArrayVar(&f.environments, "environment", nil, "Postman environment export `FILE` supplying variable defaults (repeatable)")
	fl.StringVar(&f.postmanID, "postman-id", "", "read the collection with this `UID` from the Postman API (key in $POSTMAN_API_KEY)")
	fl.BoolVar(&f.strict, "strict", false, "treat warnings as errors (exit 2, nothing written); notes never are, and postgen.yaml can accept warnings")
	_ = cmd.MarkFlagFilename("config", "yaml", "yml")
	_ = cmd.MarkFlagFilename("environment", "json")
}

// completeCollections completes the first n arguments with .json files.
func completeCollections(n int) cobra.CompletionFunc {
	return func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		if len(args) >= n {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		return []string{"json"}, cobra.ShellCompDirectiveFilterFileExt
	}
}

// loaded is a collection ready to generate.
type loaded struct {
	display string // the input, for messages
	coll    *model.Collection
	diags   []model.Diagnostic // the parser's warnings about the collection
	// envDiags are the diagnostics about environment files, each with
	// its file.
	envDiags []located
	cfg      generator.Config
	file     *config.File // nil without postgen.yaml
	out      string       // output directory (generate only)
	// outErr says why generate must not write to out, the default
	// directory: inspect and changes only need its import path.
	outErr error
	strict bool
}

// usageError is a bad-usage or bad-input error: exit 2.
func usageError(err error) error { return &exitError{code: ExitUsage, err: err} }

// load reads everything a command needs. arg is the COLLECTION argument
// ("" when absent); out is -o ("" when absent; generate only).
func load(ctx context.Context, arg, out string, f *inputFlags, stdin io.Reader, prog *progress) (*loaded, error) {
	searchDir := "."
	if out != "" {
		searchDir = out
	}
	cfgPath, err := config.Find(f.config, searchDir)
	if err != nil {
		return nil, usageError(err)
	}
	l := &loaded{strict: f.strict}
	if cfgPath != "" {
		if l.file, err = config.Load(cfgPath); err != nil {
			return nil, usageError(err)
		}
		l.strict = l.strict || l.file.Strict
	}

	src, err := l.source(arg, f)
	if err != nil {
		return nil, usageError(err)
	}
	l.display = src.display()
	prog.set("read", l.display)
	data, err := src.read(ctx, stdin)
	if err != nil {
		return nil, usageError(err)
	}
	prog.set("parse", "")
	res, err := parser.Parse(data)
	if err != nil {
		if kind, version := openAPIDocument(data); kind != "" {
			return nil, usageError(openAPIError(l.display, kind, version))
		}
		return nil, usageError(inputError(l.display, err))
	}
	if err := checkRequestCount(l.display, res.Collection); err != nil {
		return nil, usageError(&model.CodedError{Code: model.CodeInputTooLarge, Err: err})
	}
	l.coll = res.Collection
	l.diags = res.Diagnostics

	envFiles := f.environments
	if len(envFiles) == 0 && l.file != nil {
		for _, v := range l.file.Environments {
			envFiles = append(envFiles, l.file.Path(v.Text))
		}
	}
	envs, err := l.readEnvironments(envFiles)
	if err != nil {
		return nil, usageError(err)
	}

	pkg, err := l.packageName(f.pkg)
	if err != nil {
		return nil, usageError(err)
	}
	l.out = out
	if l.out == "" && l.file != nil && l.file.Output.Set() {
		l.out = l.file.Path(l.file.Output.Text)
	}
	if l.out == "" {
		l.out, l.outErr = defaultOut(pkg)
	}
	l.cfg = generator.Config{Package: pkg, Environments: envs}
	if l.file != nil {
		if err := l.file.Apply(l.coll, &l.cfg); err != nil {
			return nil, usageError(err)
		}
	}
	l.cfg.Command = regenerateCommand(pkg, cfgPath, envFiles, src)
	l.cfg.ImportPath = sdkImportPath(l.out)
	return l, nil
}

// openAPIDocument reports whether data, which is not a Postman
// collection, is an OpenAPI or Swagger document in JSON or YAML: kind is
// "OpenAPI" or "Swagger" ("" when it is neither) and version the value of
// its openapi or swagger key ("3.0.1").
func openAPIDocument(data []byte) (kind, version string) {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) > 0 && trimmed[0] == '{' {
		var doc struct {
			OpenAPI any `json:"openapi"`
			Swagger any `json:"swagger"`
		}
		if json.Unmarshal(trimmed, &doc) != nil {
			return "", ""
		}
		switch {
		case doc.OpenAPI != nil:
			return "OpenAPI", fmt.Sprint(doc.OpenAPI)
		case doc.Swagger != nil:
			return "Swagger", fmt.Sprint(doc.Swagger)
		}
		return "", ""
	}
	// YAML: a top-level openapi: or swagger: key, among the first lines.
	for i, line := range strings.SplitN(string(data), "\n", 500) {
		if i == 499 {
			break
		}
		line = strings.TrimRight(line, "\r")
		for _, key := range []string{"openapi", "swagger"} {
			if rest, ok := strings.CutPrefix(line, key+":"); ok {
				v := strings.TrimSpace(rest)
				if j := strings.Index(v, " #"); j >= 0 {
					v = strings.TrimSpace(v[:j])
				}
				v = strings.Trim(v, `"'`)
				if key == "openapi" {
					return "OpenAPI", v
				}
				return "Swagger", v
			}
		}
	}
	return "", ""
}

// openAPIError says that display is an OpenAPI document and how to turn
// it into a collection postgen reads.
func openAPIError(display, kind, version string) error {
	what := "an " + kind
	if kind == "Swagger" {
		what = "a Swagger"
	}
	if version != "" {
		what += " " + version
	}
	return fmt.Errorf("%s: this is %s document, not a Postman collection: postgen reads Postman collections (v2.1, v2.0 or v1 JSON). Convert it first, either in Postman (Import the file, then Export the collection as Collection v2.1) or with Postman's converter: npx -p openapi-to-postmanv2 openapi2postmanv2 -s %s -o collection.json -p; then run postgen on collection.json", display, what, convertSource(display))
}

// convertSource is the input to name in the conversion command.
func convertSource(display string) string {
	if display == "" || strings.HasPrefix(display, "<") || strings.ContainsAny(display, " '\"") {
		return "openapi.yaml"
	}
	return display
}

// source decides where the collection comes from: the argument, else
// --postman-id, else postgen.yaml's input or postmanId.
func (l *loaded) source(arg string, f *inputFlags) (source, error) {
	switch {
	case arg != "" && f.postmanID != "":
		return source{}, fmt.Errorf("give either COLLECTION (%s) or --postman-id, not both", arg)
	case arg != "":
		return source{path: arg}, nil
	case f.postmanID != "":
		return source{postmanID: f.postmanID}, nil
	case l.file != nil && l.file.Input.Set():
		return source{path: l.file.Path(l.file.Input.Text)}, nil
	case l.file != nil && l.file.PostmanID.Set():
		return source{postmanID: l.file.PostmanID.Text}, nil
	}
	return source{}, errors.New("no collection given: pass a file, - for stdin, an http(s) URL, or --postman-id UID (or set input in postgen.yaml)")
}

// packageName is -p, else postgen.yaml's package, else one made from the
// collection's name.
func (l *loaded) packageName(flag string) (string, error) {
	switch {
	case flag != "":
		if err := names.CheckPackageName(flag); err != nil {
			return "", fmt.Errorf("-p %s: %v", flag, err)
		}
		return flag, nil
	case l.file != nil && l.file.Package.Set():
		return l.file.Package.Text, nil
	}
	if pkg := names.PackageName(l.coll.Name); pkg != "" {
		return pkg, nil
	}
	// A name in a script names cannot spell ("人事労務"): the API's host
	// names it, else the generic "api".
	if pkg := hostPackageName(l.coll); pkg != "" {
		return pkg, nil
	}
	return "api", nil
}

// hostPackageName is the package name of the host most of c's requests
// go to, with {{variables}} in it replaced by the collection's values, or
// "" when no host has a name.
func hostPackageName(c *model.Collection) string {
	count := map[string]int{}
	best := ""
	var walk func(fs []*model.Folder, rs []*model.Request)
	walk = func(fs []*model.Folder, rs []*model.Request) {
		for _, r := range rs {
			name := names.HostPackageName(hostOf(c, r.URL.Host))
			if name == "" {
				continue
			}
			count[name]++
			if best == "" || count[name] > count[best] {
				best = name
			}
		}
		for _, f := range fs {
			walk(f.Folders, f.Requests)
		}
	}
	walk(c.Folders, c.Requests)
	return best
}

// hostOf joins host labels, replacing a {{variable}} label with the host
// of the collection's value for it ("{{baseUrl}}" → "api.example.com").
func hostOf(c *model.Collection, labels []string) string {
	host := strings.Join(labels, ".")
	if strings.HasPrefix(host, "{{") && strings.HasSuffix(host, "}}") {
		v, ok := c.LookupVariable(strings.TrimSuffix(strings.TrimPrefix(host, "{{"), "}}"))
		if !ok {
			return ""
		}
		host = v.Value
		if i := strings.Index(host, "://"); i >= 0 {
			host = host[i+3:]
		}
		if i := strings.IndexAny(host, "/?#"); i >= 0 {
			host = host[:i]
		}
	}
	return host
}

// defaultOut is the output directory when neither -o nor postgen.yaml
// names one: ./<package>, with an error when that is a directory the go
// command treats specially (vendor, testdata, internal, or one it ignores).
// A package name made from the collection's never is one (see
// names.PackageName), so only a package named with -p or in postgen.yaml
// gets the error, and the user's choice of package is theirs to keep.
func defaultOut(pkg string) (string, error) {
	out := "." + string(filepath.Separator) + pkg
	if why := names.SpecialDir(pkg); why != "" {
		return out, fmt.Errorf("the package is %s, so the SDK would go in ./%s by default, but %s: give the output directory with -o DIR (or output in postgen.yaml), or choose another package name", pkg, pkg, why)
	}
	return out, nil
}

// readEnvironments parses environment exports; an unnamed one is named
// after its file.
func (l *loaded) readEnvironments(files []string) ([]*model.Environment, error) {
	var envs []*model.Environment
	for _, path := range files {
		data, err := os.ReadFile(path)
		if err != nil {
			if errors.Is(err, os.ErrNotExist) {
				return nil, fmt.Errorf("--environment %s: no such file", path)
			}
			return nil, fmt.Errorf("--environment %s: %v", path, err)
		}
		env, diags, err := parser.ParseEnvironment(data)
		if err != nil {
			return nil, inputError(path, err)
		}
		if env.Name == "" {
			env.Name = strings.TrimSuffix(strings.TrimSuffix(filepath.Base(path), ".json"), ".postman_environment")
		}
		for _, d := range diags {
			l.envDiags = append(l.envDiags, located{where: path, d: d})
		}
		envs = append(envs, env)
	}
	return envs, nil
}
