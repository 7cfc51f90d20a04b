package infer

import (
	"strings"
	"unicode"
)

// Infer parses and merges samples into one normalised type. It returns
// nil when no sample parses; used counts the samples that did. dataKey,
// when not nil, is asked about every member name: true makes its object a
// Map (the generator uses it to keep credentials out of field names).
func Infer(samples []string, dataKey func(string) bool) (t *Type, used int) {
	for _, s := range samples {
		st, err := Sample(s)
		if err != nil {
			continue
		}
		t = MergeInto(t, st)
		used++
	}
	if t != nil {
		Normalize(t, dataKey)
	}
	return t, used
}

// Normalize turns, in place, objects used as dictionaries into Maps: those
// seen only empty, and those with a member name that is data (see
// IsDataKey and dataKey). It ends inference: the member indexes merging
// needed are dropped, so the finished tree holds only its members.
func Normalize(t *Type, dataKey func(string) bool) {
	if t == nil {
		return
	}
	t.index = nil
	// Members first: a dictionary's values merge as what they became.
	for _, f := range t.Fields {
		Normalize(f.Type, dataKey)
	}
	Normalize(t.Elem, dataKey)
	if t.Kind == Object && isDictionary(t, dataKey) {
		t.Elem = mapElem(t)
		t.Kind, t.Fields, t.Objects = Map, nil, 0
	}
}

// MaxFields is the most members an object may have and still be a
// record: past it, it is a dictionary (a Map). Real records have tens of
// members, a few hundred at most; an object of thousands is keyed by data
// (ids, names), and a struct of that many fields would be a file no one
// reads that costs far more to generate and build than its input.
const MaxFields = 1000

// isDictionary reports whether object t is a dictionary rather than a
// record.
func isDictionary(t *Type, dataKey func(string) bool) bool {
	if len(t.Fields) == 0 || len(t.Fields) > MaxFields {
		return true
	}
	digits := 0
	for _, f := range t.Fields {
		if IsDataKey(f.Key) || dataKey != nil && dataKey(f.Key) {
			return true
		}
		if f.Key[0] >= '0' && f.Key[0] <= '9' {
			digits++
		}
	}
	return digits == len(t.Fields)
}

// IsDataKey reports whether a member name cannot name a struct field: it
// is empty, or encoding/json cannot use it as a struct tag name (it would
// silently ignore such a tag and match on the field name instead).
func IsDataKey(key string) bool {
	if key == "" {
		return true
	}
	for _, c := range key {
		switch {
		case strings.ContainsRune("!#$%&()*+-./:;<=>?@[]^_{|}~ ", c):
		case !unicode.IsLetter(c) && !unicode.IsDigit(c):
			return true
		}
	}
	return false
}
