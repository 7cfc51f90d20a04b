package doclint

import (
	"go/format"
	"strings"
	"testing"

	_ "github.com/postgen/postgen/internal/testflag"
)

func TestLintFindsWhatIsMissing(t *testing.T) {
	src := `// Package p is fine.
package p

// Good is documented.
type Good struct {
	// A is documented.
	A int
	// B and C share a comment.
	B int
	C int

	D int // D has a line comment.

	E int
	hidden int
	*Embedded
}

type Bare int

// This comment does not start with the name.
func Wrong() {}

// A Thing is allowed an article.
func Thing() {}

func (Good) Method() {}

func (unexported) Method() {}

// Consts are a documented group.
const (
	One = 1
	Two = 2
)

const (
	Three = 3 // Three has a line comment.
	Four  = 4
)

var Undocumented = 1

// I is an interface.
type I interface {
	// M is documented.
	M()
	N()
}

type unexported struct{ X int }

// Embedded is embedded.
type Embedded struct{}
`
	formatted, err := format.Source([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	got := Lint([]File{{Name: "p.go", Data: formatted}})
	var msgs []string
	for _, p := range got {
		msgs = append(msgs, p.String())
	}
	want := []string{
		"p.go:14: exported Good.E has no comment",
		"p.go:19: exported Bare has no doc comment",
		`p.go:21: doc comment of Wrong does not start with its name: "This comment does not start with the name."`,
		"p.go:27: exported Method has no doc comment",
		"p.go:39: exported Four has no comment",
		"p.go:42: exported Undocumented has no doc comment",
		"p.go:48: exported I.N has no comment",
	}
	if strings.Join(msgs, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(msgs, "\n"), strings.Join(want, "\n"))
	}
}

func TestLintPackageCommentAndFormat(t *testing.T) {
	got := Lint([]File{
		{Name: "a.go", Data: []byte("package p\n\nfunc  f() {}\n")},
		{Name: "b.go", Data: []byte("// Helpers for p.\npackage p\n")},
		{Name: "a_test.go", Data: []byte("package p\nfunc Test() {}")},
	})
	var msgs []string
	for _, p := range got {
		msgs = append(msgs, p.String())
	}
	want := "a.go:1: is not gofmt'd\nb.go:1: package comment does not start with \"Package p \""
	if strings.Join(msgs, "\n") != want {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(msgs, "\n"), want)
	}
	if got := Lint([]File{{Name: "a.go", Data: []byte("package p\n")}}); len(got) != 1 || got[0].Message != "no package comment" {
		t.Errorf("got %v", got)
	}
}
