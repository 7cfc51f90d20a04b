// Package writer puts a generated SDK on disk and measures drift for
// `postgen generate --check`.
//
// The generator hands over files in memory; the writer owns only the files
// that carry postgen's generated header (see IsGenerated) and never touches
// anything else in the output directory, so users keep their own tests,
// helpers, go.mod and .git next to the SDK.
//
// Write stages every new file in a temporary directory inside the output
// directory, fsyncs it, then renames it into place. Every change to the
// output directory is recorded with its undo step, so a failure at any point
// before the last rename leaves the previous SDK exactly as it was. Check
// performs the same scan read-only and renders a unified diff.
package writer
