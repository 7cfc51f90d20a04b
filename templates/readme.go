package templates

import (
	"bytes"
	"fmt"
	"strings"
	"sync"
	"text/template"
)

var (
	readmeOnce sync.Once
	readmeTmpl *template.Template
	readmeErr  error
)

// Readme renders an SDK's README.md from readme.md.tmpl with data, a
// struct the generator fills (the template names its fields). The result
// starts with TextHeader.
func Readme(data any) ([]byte, error) {
	readmeOnce.Do(func() {
		src, err := readmeFS.ReadFile("readme.md.tmpl")
		if err != nil {
			readmeErr = err
			return
		}
		readmeTmpl, readmeErr = template.New("README.md").Option("missingkey=error").
			Funcs(template.FuncMap{"inc": func(i int) int { return i + 1 }}).Parse(string(src))
	})
	if readmeErr != nil {
		return nil, fmt.Errorf("templates: readme.md.tmpl: %w", readmeErr)
	}
	var b bytes.Buffer
	if err := readmeTmpl.Execute(&b, data); err != nil {
		return nil, fmt.Errorf("templates: README.md: %w", err)
	}
	if !strings.HasPrefix(b.String(), TextHeader+"\n") {
		return nil, fmt.Errorf("templates: readme.md.tmpl does not start with %q", TextHeader)
	}
	return b.Bytes(), nil
}
