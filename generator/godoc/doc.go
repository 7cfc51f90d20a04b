// Package godoc turns the descriptions of a Postman collection (Markdown,
// HTML or plain text) into the lines of a Go doc comment.
//
// Its one job is Go doc comment syntax (https://go.dev/doc/comment):
// headings, paragraphs, lists, links and code blocks, with paragraphs
// wrapped at [Width]. Markdown is parsed with goldmark (CommonMark plus the
// GitHub extensions Postman renders: tables, strikethrough, autolinks, task
// lists), so emphasis, escapes, entities, nested lists and fenced code are
// read the way Postman's documentation view reads them, not guessed at with
// regular expressions. HTML is tokenised with golang.org/x/net/html.
//
// Long Markdown is parsed a window at a time, with the same result as one
// parse and memory bounded by the window (see chunks.go); past 1 MB
// (maxMarkdown, some 150 times the longest real description) the rest of
// a description is written as plain text, so that a hostile collection
// cannot make conversion take minutes or gigabytes.
//
// The lines it returns are safe and stable:
//
//   - safe: no line holds a line break, a control character, invalid UTF-8
//     or a bidirectional override, so nothing can end the // comment early
//     or make the code read differently than it compiles;
//   - stable: the lines are already in the form gofmt prints doc comments
//     in (go/doc/comment's canonical form), so gofmt leaves them alone and
//     go doc shows the structure the description had; where Go doc syntax
//     cannot express something (nested lists, tables, a list next to a
//     code block) the package picks the closest form that round-trips.
//
// A line starting with a tab is a code block line; the caller writes it as
// "//" followed by the line, every other line as "// " followed by it.
package godoc
