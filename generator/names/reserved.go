package names

import "go/token"

// predeclared are the identifiers of Go's universe block. An unexported name
// equal to one would shadow it (a parameter called len hides len()), and a
// package named after one would shadow it in every importing file.
var predeclared = map[string]bool{
	// Types.
	"any": true, "bool": true, "byte": true, "comparable": true,
	"complex64": true, "complex128": true, "error": true,
	"float32": true, "float64": true,
	"int": true, "int8": true, "int16": true, "int32": true, "int64": true,
	"rune": true, "string": true,
	"uint": true, "uint8": true, "uint16": true, "uint32": true, "uint64": true, "uintptr": true,
	// Constants and the zero value.
	"true": true, "false": true, "iota": true, "nil": true,
	// Functions.
	"append": true, "cap": true, "clear": true, "close": true, "complex": true,
	"copy": true, "delete": true, "imag": true, "len": true, "make": true,
	"max": true, "min": true, "new": true, "panic": true, "print": true,
	"println": true, "real": true, "recover": true,
}

// IsPredeclared reports whether s is one of Go's predeclared identifiers
// (bool, string, len, nil, ...).
func IsPredeclared(s string) bool { return predeclared[s] }

// reservedUnexported reports whether an unexported name must get a trailing
// "_": keywords cannot be identifiers, predeclared names would be shadowed,
// and "init" cannot name anything but a function at package level.
func reservedUnexported(s string) bool {
	return token.IsKeyword(s) || predeclared[s] || s == "init"
}
