package changes

import (
	"testing"

	_ "github.com/postgen/postgen/internal/testflag"
)

func sdk(src string) []File {
	return []File{{Name: "client.go", Data: []byte("package api\n\n" + src)}, {Name: "client_test.go", Data: []byte("package api\n\nthis is not Go")}}
}

func TestCompare(t *testing.T) {
	old := sdk(`import "context"

type Client struct{}

func (c *Client) Get(ctx context.Context, id string) error { return nil }
func (c *Client) Gone() {}

type Params struct{ A string }
`)
	newer := sdk(`import "context"

type Client struct{}

func (c *Client) Get(ctx context.Context, id string, params *Params) error { return nil }
func (c *Client) Added() {}

type Params struct{ A, B string }
`)
	rep, err := Compare("api", old, newer)
	if err != nil {
		t.Fatal(err)
	}
	want := []Change{
		{"(*Client).Get: changed from func(context.Context, string) error to func(context.Context, string, *Params) error", true},
		{"(*Client).Gone: removed", true},
		{"(*Client).Added: added", false},
		{"Params.B: added", false},
	}
	if len(rep.Changes) != len(want) || rep.Breaking() != 2 {
		t.Fatalf("changes %+v", rep.Changes)
	}
	for i, w := range want {
		if rep.Changes[i] != w {
			t.Errorf("change %d: %+v, want %+v", i, rep.Changes[i], w)
		}
	}
}

func TestUnknownImportsCompareEqual(t *testing.T) {
	// A module that is not in the build list (as golang.org/x/oauth2 may
	// not be where postgen runs) is the same unknown package on both sides.
	src := sdk(`import "example.com/not/available/oauth2"

func WithTokenSource(ts oauth2.TokenSource) {}
`)
	rep, err := Compare("api", src, src)
	if err != nil || len(rep.Changes) != 0 {
		t.Errorf("%+v, %v", rep, err)
	}
}

func TestBrokenSDK(t *testing.T) {
	if _, err := Compare("api", sdk("func ("), sdk("")); err == nil {
		t.Error("a file that does not parse compared")
	}
}
