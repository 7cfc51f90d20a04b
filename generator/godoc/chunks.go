package godoc

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// A goldmark tree costs some twenty to thirty times its source: a 20 MB
// description held as one tree took 600 MB. Long Markdown is therefore
// parsed a window at a time, and each window's blocks are converted
// before the next window is read, so that only one window's tree is alive
// (security issue 12: a hostile collection must not exhaust memory). The
// lines are the same as from one parse:
//
//   - a window's blocks are converted up to a cut: the start of a line
//     where the parser is at the top level with nothing open, as at the
//     start of a document (see lineCuts). goldmark decides each line on
//     the lines before it, never after, so the blocks before a cut are
//     those of the whole document, and the text from the cut on parses
//     as it does there; the next window starts at the cut;
//   - link reference definitions ("[label]: url") apply to the whole
//     document, before or after their use, so when there may be some
//     they are collected first, by the same windows over a block-only
//     parse, and every window resolves its links against them.
//
// Past maxMarkdown, the rest of a description is written as plain text.

// window is how much Markdown is parsed at once; a shorter source is
// parsed whole. A window with no cut in its second half is read again
// twice as long, up to maxMarkdown.
const window = 256 << 10

// maxMarkdown bounds the Markdown of one description read as Markdown:
// from the first cut past it, or from a run this long without a cut (a
// 20 MB list, say: one top-level block, whose tree alone would take
// gigabytes), the rest is written as plain text. goldmark reads dense
// Markdown at 1 to 2 MB a second, so a 40 MB description would take
// half a minute. The longest description in ../shared/collections is
// 6.5 KB, its longest run without a cut 3.6 KB.
const maxMarkdown = 1 << 20

// parseMarkdown calls convert, in order, with the tree of each window of
// source, the window's text (the tree's segments are offsets into it) and
// the offset in it up to which the tree's top-level blocks are the
// document's (its blocks from there on are read again in the next one);
// a nil tree is the rest of the text, to be read as plain text (see
// maxMarkdown). convert returns false to stop. Only the window being
// parsed is copied to bytes, as goldmark reads them.
func parseMarkdown(source string, size int, convert func(tree ast.Node, text []byte, until int) bool) {
	if len(source) <= size {
		src := []byte(source)
		convert(markdownParser.Parse(text.NewReader(src)), src, len(src))
		return
	}
	var refs parser.Context
	if strings.Contains(source, "]:") { // else there is no definition
		refs = parser.NewContext()
		eachWindow(source, size, outlineParser, nil, func(tree ast.Node, _ []byte, until int) bool {
			if tree != nil {
				addDefinitions(refs, tree, until)
			}
			return true
		})
	}
	eachWindow(source, size, markdownParser, refs, convert)
}

// eachWindow parses source with p a window of about size bytes at a time
// and calls use with each until it returns false (see parseMarkdown).
// refs, when not nil, are the link reference definitions of the whole
// document.
func eachWindow(source string, size int, p parser.Parser, refs parser.Context, use func(ast.Node, []byte, int) bool) {
	plain := func(start int) {
		rest := []byte(source[start:])
		use(nil, rest, len(rest))
	}
	start, n := 0, size
	for {
		if start >= maxMarkdown {
			plain(start)
			return
		}
		end := lineEnd(source, start+n)
		if end-start > n+maxMarkdown {
			// The line at the window's end is too long to read: stop
			// the window before it, or read it as plain text.
			if end = strings.LastIndexByte(source[:start+n], '\n') + 1; end <= start {
				plain(start)
				return
			}
		}
		win := []byte(source[start:end])
		var opts []parser.ParseOption
		if refs != nil {
			opts = append(opts, parser.WithContext(&documentRefs{Context: parser.NewContext(), refs: refs}))
		}
		tree := p.Parse(text.NewReader(win), opts...)
		if end == len(source) {
			use(tree, win, len(win))
			return
		}
		cut := 0
		if cuts := lineCuts(tree, win); len(cuts) > 0 {
			cut = cuts[len(cuts)-1]
		}
		switch {
		case cut < len(win)/2 && n < maxMarkdown:
			// Too little would be kept: read more at once, so that
			// reading again what follows the cut costs at most as much
			// as what is kept.
			n *= 2
			continue
		case cut == 0:
			plain(start)
			return
		}
		if !use(tree, win, cut) {
			return
		}
		start, n = start+cut, size
	}
}

// lineEnd is the offset after the line holding offset at-1 (len(source)
// at or past the end).
func lineEnd(source string, at int) int {
	if at >= len(source) {
		return len(source)
	}
	if i := strings.IndexByte(source[at:], '\n'); i >= 0 {
		return at + i + 1
	}
	return len(source)
}

// lineCuts returns, ascending, the offsets in source where its parse is at
// the top level with nothing open: starts of lines after a blank line
// that start a top-level block, and of lines after a single-line block
// (an ATX heading, a rule). Anywhere else the parser's state carries over:
// goldmark closes a paragraph interrupted by a list, say, differently than
// at the end of the text (a trailing "-" can even make it a table), and
// what is left of a paragraph after link reference definitions starts on
// a line that opened nothing.
func lineCuts(tree ast.Node, source []byte) []int {
	var cuts []int
	for n := tree.FirstChild(); n != nil; n = n.NextSibling() {
		pos := n.Pos()
		if pos < 0 {
			continue // a block the parser gave no position: not a cut
		}
		line := bytes.LastIndexByte(source[:pos], '\n') + 1
		if line > 0 && blankBefore(source, line) {
			cuts = append(cuts, line)
		}
		if singleLine(n, source, line) {
			if end := bytes.IndexByte(source[pos:], '\n'); end >= 0 && pos+end+1 < len(source) {
				cuts = append(cuts, pos+end+1)
			}
		}
	}
	return cuts
}

// blankBefore reports whether the line before the one starting at offset
// line (> 0) is blank.
func blankBefore(source []byte, line int) bool {
	prev := bytes.LastIndexByte(source[:line-1], '\n') + 1
	return len(bytes.Trim(source[prev:line-1], " \t")) == 0
}

// singleLine reports whether top-level block n, starting on the line at
// offset line, is one that ends with that line whatever follows: an ATX
// heading or a thematic break.
func singleLine(n ast.Node, source []byte, line int) bool {
	switch n.(type) {
	case *ast.ThematicBreak:
		return true
	case *ast.Heading:
		return isATXHeading(source[line:], n.Pos()-line)
	}
	return false
}

// isATXHeading reports whether line starts with an ATX heading's marker
// at offset at: up to three spaces, one to six '#', then a space, a tab
// or the end of the line. The first line of a setext heading never does:
// it would have been read as an ATX heading. (Indented further, it is the
// text of a paragraph's continuation line, which may well start "# ".)
func isATXHeading(line []byte, at int) bool {
	if at > 3 || len(bytes.Trim(line[:at], " ")) > 0 {
		return false
	}
	s := line[at:]
	n := 0
	for n < len(s) && s[n] == '#' {
		n++
	}
	return n >= 1 && n <= 6 && (n == len(s) || s[n] == ' ' || s[n] == '\t' || s[n] == '\n')
}

// outlineParser reads the block structure markdownParser reads, and so
// its link reference definitions, without inline syntax. GFM adds one
// block rule, the table paragraph transformer; its other extensions are
// inline.
var outlineParser = parser.NewParser(
	parser.WithBlockParsers(parser.DefaultBlockParsers()...),
	parser.WithParagraphTransformers(append(parser.DefaultParagraphTransformers(),
		util.Prioritized(extension.NewTableParagraphTransformer(), 200))...),
	parser.WithInlineParsers(util.Prioritized(skipInline{}, 0)),
)

// skipInline is the outline's one inline parser: it takes the whole text
// of a block as one node. Blocks are parsed (and their link reference
// definitions read) before inline text, so skipping it changes no block,
// and the outline holds a node per block instead of one per line.
type skipInline struct{}

// Trigger is every byte a line can start with, as goldmark looks inline
// parsers up: a space stands for every character that is not punctuation.
func (skipInline) Trigger() []byte {
	out := []byte{' '}
	for c := 0; c < 128; c++ {
		if util.IsPunct(byte(c)) {
			out = append(out, byte(c))
		}
	}
	return out
}

// Parse consumes the rest of the block.
func (skipInline) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	for line, _ := block.PeekLine(); line != nil; line, _ = block.PeekLine() {
		block.AdvanceLine()
	}
	return ast.NewText()
}

// addDefinitions adds to refs the link reference definitions in the
// top-level blocks of tree that start before offset until, copied so that
// refs holds none of the tree's nodes.
func addDefinitions(refs parser.Context, tree ast.Node, until int) {
	for n := tree.FirstChild(); n != nil && n.Pos() < until; n = n.NextSibling() {
		_ = ast.Walk(n, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if d, ok := n.(*ast.LinkReferenceDefinition); ok && entering {
				refs.AddReference(parser.NewReference(d.Label, d.Destination, d.Title))
			}
			return ast.WalkContinue, nil
		})
	}
}

// documentRefs is the parse context of one window: its own parse state,
// and the link reference definitions of the whole document.
type documentRefs struct {
	parser.Context
	refs parser.Context
}

// AddReference leaves the document's definitions alone: they were all
// read beforehand, in order, and the first of a label wins.
func (c *documentRefs) AddReference(parser.Reference) {}

// Reference finds a definition anywhere in the document.
func (c *documentRefs) Reference(label string) (parser.Reference, bool) {
	return c.refs.Reference(label)
}

// References lists the document's definitions.
func (c *documentRefs) References() []parser.Reference { return c.refs.References() }
