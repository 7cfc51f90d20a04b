// Package testflag holds the -update flag that golden tests use. Every test
// binary in the module imports it, because "go test ./... -update" passes
// the flag to all of them and a binary that does not define it fails.
package testflag

import "flag"

// Update asks golden tests to rewrite their expected output instead of
// comparing against it.
var Update = flag.Bool("update", false, "rewrite golden files instead of comparing against them")
