// Package writer puts a generated SDK on disk and measures drift for
// `postgen generate --check`.
//
// # What is postgen's
//
// The generator hands over files in memory; the writer owns only the files
// whose first line is postgen's own header (see IsGenerated) and never
// touches anything else in the output directory, so users keep their own
// tests, helpers, go.mod and .git next to the SDK, and other generators'
// files (stringer, protoc, mockgen) too: they carry a "Code generated"
// header of their own, which is not postgen's, so they are neither removed
// as stale nor reported as drift, and a generated file is never written
// over one.
//
// # How the files are switched
//
// Write stages every new file (and a copy of every file it replaces) in a
// temporary directory inside the output directory and fsyncs them; nothing
// visible has changed yet. It then writes a journal there listing every step
// of the switch (files renamed into place, stale files moved out, subdirectories
// created and removed), fsyncs it, and takes the steps. If a step fails, it
// marks the journal as being undone and takes every step back, so the
// previous SDK is exactly as it was. Once done either way, it fsyncs the
// directories and removes the journal, then the temporary directory.
//
// The output directory holds the user's files, so the switch cannot be one
// rename of a directory, and POSIX has no way to rename many files at once:
// for the moment the steps take (a millisecond or so for a hundred files)
// the directory holds some old files and some new. What is guaranteed,
// whenever the process is killed or the machine stops:
//
//   - every file is complete: a whole old file or a whole new one;
//   - the directory is exactly the old SDK, or exactly the new one, or a
//     journal records the switch in progress; a mix no journal records never
//     exists;
//   - every later Write finishes a recorded switch (or the undoing of it)
//     before doing anything else, and each step checks the disk before it
//     acts, so a Write killed while finishing leaves a journal the next one
//     finishes in turn; Check, which never writes, reports the journal, and
//     postgen generate --check then asks to run postgen generate;
//   - the user's files are never replaced, moved or removed, by a run or by
//     finishing its journal: that moves only files carrying postgen's header, and
//     refuses a journal that names any other, or a path outside the output
//     directory (the directory may come from someone else's repository).
//
// Concurrent runs on one directory are not supported: a run removes the
// staging directory of another that has not yet written its journal.
//
// Check performs the same scan read-only and renders a unified diff.
package writer
