package names

import "strconv"

// Scope hands out unique names in one Go namespace (package-level names, the
// methods and fields of one type, the parameters of one function). The zero
// value is an empty scope ready to use. A Scope is not safe for concurrent
// use.
type Scope struct {
	taken map[string]bool
	// next remembers, per claimed base name, the suffix to try first: every
	// lower suffix was taken when it was recorded and names are never
	// released, so claiming one name n times stays linear.
	next map[string]int
}

// NewScope returns a scope in which the reserved names are already taken.
func NewScope(reserved ...string) *Scope {
	s := &Scope{taken: make(map[string]bool, len(reserved))}
	for _, r := range reserved {
		s.taken[r] = true
	}
	return s
}

// Claim returns name if free, else name2, name3, ... (first free); the
// result is marked taken. Deterministic: same claims in the same order give
// the same names. The empty name is returned as is and takes nothing: the
// caller must choose a fallback ("Item", "Field") before claiming.
func (s *Scope) Claim(name string) string {
	if name == "" {
		return ""
	}
	if s.taken == nil {
		s.taken = make(map[string]bool)
	}
	if s.next == nil {
		s.next = make(map[string]int)
	}
	if !s.taken[name] {
		s.taken[name] = true
		return name
	}
	i := max(s.next[name], 2)
	for s.taken[name+strconv.Itoa(i)] {
		i++
	}
	got := name + strconv.Itoa(i)
	s.taken[got] = true
	s.next[name] = i + 1
	return got
}

// Has reports whether name is taken.
func (s *Scope) Has(name string) bool { return s.taken[name] }
