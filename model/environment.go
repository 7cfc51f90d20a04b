package model

// Environment is a Postman environment export: named variable values that
// override the collection's own (POSTMAN-FORMAT.md §7.2: environment scope
// wins over collection scope).
type Environment struct {
	// Name is the environment's name ("Production"), or the export's file
	// name when the export has none.
	Name string
	// Values are the variables in input order; Type is "default" or
	// "secret", and Disabled is the inverse of the export's "enabled".
	Values []Variable
}

// Lookup returns the value Postman would use: the last enabled entry whose
// key matches.
func (e *Environment) Lookup(key string) (Variable, bool) {
	for i := len(e.Values) - 1; i >= 0; i-- {
		if v := e.Values[i]; v.Key == key && !v.Disabled {
			return v, true
		}
	}
	return Variable{}, false
}
