package names

import (
	"slices"
	"strconv"
	"testing"
)

func TestScopeClaim(t *testing.T) {
	tests := []struct {
		name     string
		reserved []string
		claims   []string
		want     []string
	}{
		{"free names are kept", nil,
			[]string{"List", "Get", "Create"}, []string{"List", "Get", "Create"}},
		{"later claimants are numbered from 2", nil,
			[]string{"List", "List", "List"}, []string{"List", "List2", "List3"}},
		{"List2 claimed naturally earlier is skipped", nil,
			[]string{"List", "List2", "List"}, []string{"List", "List2", "List3"}},
		{"List2 claimed naturally later is numbered itself", nil,
			[]string{"List", "List", "List2"}, []string{"List", "List2", "List22"}},
		{"gaps are filled lowest first", nil,
			[]string{"List3", "List", "List", "List"}, []string{"List3", "List", "List2", "List4"}},
		{"reserved names are taken", []string{"Client", "Client2", "ctx"},
			[]string{"Client", "ctx", "Other"}, []string{"Client3", "ctx2", "Other"}},
		{"names ending in a digit get the number appended", nil,
			[]string{"V1", "V1"}, []string{"V1", "V12"}},
		{"case matters", nil,
			[]string{"list", "List"}, []string{"list", "List"}},
		{"empty name takes nothing", nil,
			[]string{"", ""}, []string{"", ""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := NewScope(tt.reserved...)
			var got []string
			for _, c := range tt.claims {
				got = append(got, s.Claim(c))
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("claims %q gave %q, want %q", tt.claims, got, tt.want)
			}
			for _, g := range got {
				if g != "" && !s.Has(g) {
					t.Errorf("Has(%q) = false after claiming it", g)
				}
			}
			if s.Has("") {
				t.Errorf("Has(\"\") = true")
			}
		})
	}
}

func TestScopeHas(t *testing.T) {
	s := NewScope("ctx")
	if !s.Has("ctx") || s.Has("List") {
		t.Fatalf("Has after NewScope(ctx): ctx=%v List=%v", s.Has("ctx"), s.Has("List"))
	}
	s.Claim("List")
	if !s.Has("List") || s.Has("List2") {
		t.Fatalf("Has after one claim: List=%v List2=%v", s.Has("List"), s.Has("List2"))
	}
	var zero Scope
	if zero.Has("x") || zero.Claim("x") != "x" || zero.Claim("x") != "x2" {
		t.Fatal("zero Scope is not an empty, usable scope")
	}
}

// TestScopeDeterministic claims a mix of names many times in two scopes in
// the same order and expects the same answers, all distinct.
func TestScopeDeterministic(t *testing.T) {
	var claims []string
	for i := range 500 {
		claims = append(claims, "List", "Get"+strconv.Itoa(i%7), "List"+strconv.Itoa(i%5))
	}
	run := func() []string {
		s := NewScope("List3")
		out := make([]string, len(claims))
		for i, c := range claims {
			out[i] = s.Claim(c)
		}
		return out
	}
	a, b := run(), run()
	if !slices.Equal(a, b) {
		t.Fatal("the same claims in the same order gave different names")
	}
	seen := map[string]bool{"List3": true}
	for _, n := range a {
		if seen[n] {
			t.Fatalf("name %q handed out twice", n)
		}
		seen[n] = true
	}
}
