package generator

import (
	"strings"
	"testing"

	"github.com/postgen/postgen/model"
)

// TestUnsendable: URLs newman refuses or cannot resolve as written are
// left out of the SDK with a reason; URLs whose parts are variables are
// kept, their value being known at run time.
func TestUnsendable(t *testing.T) {
	for _, c := range []struct {
		url  model.URL
		want string // part of the reason; "" sendable
	}{
		{model.URL{Protocol: "https", Host: []string{"api", "example", "com"}, Path: []string{"x"}}, ""},
		{model.URL{Host: []string{"{{base}}"}, Path: []string{"x"}}, ""},
		{model.URL{Protocol: "{{scheme}}", Host: []string{"h"}}, ""},
		{model.URL{Protocol: "HTTP", Host: []string{"bücher", "example"}}, ""},
		{model.URL{Host: []string{"[::1]"}}, ""},
		{model.URL{}, "no URL"},
		{model.URL{Protocol: "ws", Host: []string{"echo", "example"}}, `not "ws:"`},
		{model.URL{Host: []string{"https:"}}, `host "https:"`},
		{model.URL{Host: []string{"Enter request URL"}}, "not a host name"},
	} {
		got := unsendable(c.url)
		if c.want == "" && got != "" || c.want != "" && !strings.Contains(got, c.want) {
			t.Errorf("unsendable(%+v) = %q, want %q", c.url, got, c.want)
		}
	}
}
