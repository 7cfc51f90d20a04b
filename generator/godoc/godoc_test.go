package godoc

import (
	"runtime"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	_ "github.com/postgen/postgen/internal/testflag"
)

// lines is a shorthand for expected output.
func lines(s ...string) []string { return s }

func TestMarkdown(t *testing.T) {
	long := strings.Repeat("word ", 30)
	cases := []convCase{
		{"empty", "", nil},
		{"blank", " \n\t\n", nil},
		{"paragraph reflowed", "one\ntwo  three", lines("one two three")},
		{"paragraphs", "one\n\n\n\ntwo", lines("one", "", "two")},
		{"wrapped at Width", long, lines(
			strings.TrimSpace(strings.Repeat("word ", 15)),
			strings.TrimSpace(strings.Repeat("word ", 15)),
		)},
		{"long word alone", "a " + strings.Repeat("x", 90) + " b", lines("a", strings.Repeat("x", 90), "b")},
		{"emphasis and code spans lose their marks", "Use **bold**, _it_, ~~old~~ and `X-Tenant`.", lines("Use bold, it, old and X-Tenant.")},
		{"escapes and entities", `1\. not a list &amp; \*not em\* &lt;tag&gt; &#x41;`, lines("1. not a list & *not em* <tag> A")},
		{"hard breaks start paragraphs", "**Step 1.**  \nGet a key\\\nthen call.", lines("Step 1.", "", "Get a key.", "", "then call.")},
		{"html br starts a paragraph", "a<br>b<BR/>c <b>bold</b>", lines("a", "", "b", "", "c bold")},
		{"atx heading", "# Title\ntext", lines("# Title", "", "text")},
		{"setext heading, links flattened", "Read [the docs](https://x.io)\n===", lines("# Read the docs")},
		{"link", "See [the guide](https://example.com/guide).", lines("See [the guide].", "", "[the guide]: https://example.com/guide")},
		{"link text equal to its URL", "[https://a.io/x](https://a.io/x) and <https://b.io>", lines("https://a.io/x and https://b.io")},
		{"bare URL", "Go to https://a.io/x now.", lines("Go to https://a.io/x now.")},
		{"relative and anchor links keep their text", "[up](../api) [here](#section)", lines("up here")},
		{"mailto", "[write to us](mailto:a@b.io)", lines("write to us (a@b.io)")},
		{"same text, two URLs", "[docs](https://a.io) [docs](https://b.io) [docs](https://a.io)", lines(
			"[docs] docs (https://b.io) [docs]", "", "[docs]: https://a.io")},
		{"brackets in link text", "[a [b] c](https://a.io)", lines("[a (b) c]", "", "[a (b) c]: https://a.io")},
		{"image", "![diagram](https://a.io/d.png)", lines("[diagram]", "", "[diagram]: https://a.io/d.png")},
		{"bullet list", "Intro:\n\n- one\n- two\n  continued\n* three", lines("Intro:", "", "  - one", "  - two continued", "", "- three")},
		{"ordered list keeps its start", "3. c\n4. d", lines(" 3. c", " 4. d")},
		{"nested bullets flatten", "- a\n  - b\n    - c\n- d", lines("  - a", "  - b", "  - c", "  - d")},
		{"nested items join a numbered item", "1. a\n   - b\n   - c\n2. d", lines(" 1. a (b; c)", " 2. d")},
		{"list item wraps with indent", "- " + long, lines(
			"  - "+strings.TrimSpace(strings.Repeat("word ", 14)),
			"    "+strings.TrimSpace(strings.Repeat("word ", 14)),
			"    word word")},
		{"list marker words never start a continuation line", "- " + strings.Repeat("x", 70) + " - y 1. z", lines("  - "+strings.Repeat("x", 70)+" -", "    y 1. z")},
		{"fenced code", "Run:\n\n```sh\ncurl \\\n  -X GET x\n```", lines("Run:", "", "\tcurl \\", "\t  -X GET x")},
		{"code indentation shared by all lines is removed", "```\n    a\n      b\n\n    c\n```", lines("\ta", "\t  b", "", "\tc")},
		{"indented code", "text\n\n    x := 1\n    y := 2", lines("text", "", "\tx := 1", "\ty := 2")},
		{"table becomes a grid", "| Name | Type |\n|---|---|\n| id | string |\n| [n](https://a.io) | int |", lines(
			"\tName | Type", "\t-----|-------", "\tid   | string", "\tn    | int")},
		{"blockquote", "> quoted\n> text", lines("quoted text")},
		{"thematic break", "a\n\n---\n\nb", lines("a", "", "b")},
		{"task list", "- [x] done\n- [ ] todo", lines("  - [x] done", "  - [ ] todo")},
		{"html block", "<div>\n<p>Hello <a href=\"https://a.io\">there</a></p>\n<ul><li>one</li><li>two</li></ul>\n</div>", lines(
			"Hello [there]", "", "  - one", "  - two", "", "[there]: https://a.io")},
		{"html comment dropped", "<!-- hidden -->\n\ntext", lines("text")},

		// Things Go doc syntax would read differently than written.
		{"escaped hash is not a heading", `\# not a heading`, lines("#\u00a0not a heading")},
		{"a lone capitalised line stays a sentence", "Get all users\n\nMore text, more", lines("Get all users.", "", "More text, more.")},
		{"a line that reads as a link definition", `\[x]: https://a.io`, lines("[x] : https://a.io")},
		{"list then code", "- a\n- b\n\n```\ncode\n```", lines("- a", "", "- b", "", "\tcode")},
		{"code then list", "```\ncode\n```\n\n1. a", lines("\tcode", "", "1. a")},
		{"code then code merge", "```\none\n```\n\n    two", lines("\tone", "", "\ttwo")},
		{"two lists", "- a\n\n1. b", lines("  - a", "", "1. b")},
		{"double quotes gofmt would curl", "say ``hi'' now", lines("say “hi” now")},

		// Nothing can leave the comment.
		{"comment closers are text", "closes */ here, opens /*x // too", lines("closes */ here, opens /*x // too")},
		{"line breaks of every kind", "a\rb\r\nc\u2028d\u2029e\u0085f", lines("a b c d ef")},
		{"control and bidi characters dropped", "a\x00b\x07c\u202Ed\u2066e\uFEFFf", lines("abcdef")},
		{"invalid UTF-8 replaced", "a\xffb", lines("a\uFFFDb")},
		{"entities cannot smuggle controls", "a&#x202E;b&#10;c&#0;d", lines("ab c\uFFFDd")},
		{"code keeps tabs, drops controls", "```\n\tx\x00y\u202E\n```", lines("\txy")},
	}
	runCases(t, "Markdown", Markdown, cases)
}

// convCase is a conversion and the lines it must give.
type convCase struct {
	name string
	in   string
	want []string
}

// runCases runs conversion cases, checking each output is safe and
// stable as well as what it should be.
func runCases(t *testing.T, fname string, f func(string) []string, cases []convCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := f(c.in)
			if diff := cmp.Diff(c.want, got); diff != "" {
				t.Errorf("%s(%q) (-want +got):\n%s", fname, c.in, diff)
			}
			checkLines(t, got)
		})
	}
}

func TestHTML(t *testing.T) {
	cases := []convCase{
		{"paragraphs and inline tags", "<p>Hello <b>world</b></p><p>Second &amp; last</p>", lines("Hello world.", "", "Second & last")},
		{"markdown characters are text", "<p># not *a* heading</p><p>1. not a list</p>", lines("#\u00a0not *a* heading", "", "1. not a list")},
		{"headings", "<h2>Usage</h2><p>text</p>", lines("# Usage", "", "text")},
		{"links and images", `<a href="https://a.io/x y">go</a> <img src="https://a.io/i.png" alt="pic"> <a>bare</a>`, lines(
			"[go] [pic] bare", "", "[go]: https://a.io/x%20y", "[pic]: https://a.io/i.png")},
		{"lists, nested", "<ol start=2><li>a<ul><li>b</li></ul></li><li>c</li></ol>", lines(" 2. a (b)", " 3. c")},
		{"pre", "<p>Run</p><pre>  curl x\n    -v</pre>", lines("Run.", "", "\tcurl x", "\t  -v")},
		{"pre with backticks", "<pre>```\nx\n```</pre>", lines("\t```", "\tx", "\t```")},
		{"table", "<table><tr><th>k</th><th>v</th></tr><tr><td>a</td><td><p>b</p></td></tr></table>", lines(
			"\tk | v", "\t--|--", "\ta | b")},
		{"script and style dropped", "<style>p{}</style><script>alert('*/')</script><p>ok</p>", lines("ok")},
		{"malformed", "<p>open <b>never closed <i>x", lines("open never closed x")},
		{"br", "a<br>b", lines("a", "", "b")},
	}
	runCases(t, "HTML", HTML, cases)
}

func TestDescriptionByType(t *testing.T) {
	in := "# Title\n\n*x*"
	for _, c := range []struct {
		typ  string
		want []string
	}{
		{"", lines("# Title", "", "x")},
		{"text/markdown", lines("# Title", "", "x")},
		{"text/plain", lines("#\u00a0Title", "", "*x*")},
		{"text/html; charset=utf-8", lines("# Title *x*")},
	} {
		got := Description(in, c.typ)
		if c.typ == "text/html; charset=utf-8" {
			// In HTML, Markdown characters are text.
			got = Description("# Title *x*", c.typ)
			c.want = lines("#\u00a0Title *x*")
		}
		if diff := cmp.Diff(c.want, got); diff != "" {
			t.Errorf("Description(%q) (-want +got):\n%s", c.typ, diff)
		}
	}
}

func TestSynopsis(t *testing.T) {
	cases := []struct{ in, typ, want string }{
		{"Lists the bookings. Newest first.", "", "Lists the bookings."},
		{"# Bookings\n\nCreate and read [bookings](https://a.io). More.", "", "Create and read bookings."},
		{"# Only a heading", "", "Only a heading"},
		{"e.g. this stays whole", "", "e.g. this stays whole"},
		{"<p>In <b>HTML</b>.</p>", "text/html", "In HTML."},
		{"", "", ""},
	}
	for _, c := range cases {
		if got := Synopsis(c.in, c.typ); got != c.want {
			t.Errorf("Synopsis(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestWrap(t *testing.T) {
	got := Wrap("List sends GET /bookings (Postman: Bookings › List bookings). It authenticates with the collection's bearer token.")
	want := lines(
		"List sends GET /bookings (Postman: Bookings › List bookings). It",
		"authenticates with the collection's bearer token.",
	)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestSanitize(t *testing.T) {
	for in, want := range map[string]string{
		"plain\ttext\n":        "plain\ttext\n",
		"a\r\nb\rc":            "a\nb\nc",
		"\x00\x1b[31mred\x7f":  "[31mred",
		"nbsp\u00a0and\u2028x": "nbsp and x",
		"\u200Frtl\u061C":      "rtl",
		"ok \xc3\x28":          "ok \uFFFD(",
	} {
		if got := Sanitize(in); got != want {
			t.Errorf("Sanitize(%q) = %q, want %q", in, got, want)
		}
	}
}

// checkLines asserts what every output must hold: lines that cannot end a
// // comment or hide text, and a doc comment gofmt leaves as it is.
func checkLines(t *testing.T, got []string) {
	t.Helper()
	for _, l := range got {
		body := strings.TrimPrefix(l, "\t")
		for _, r := range body {
			if r < 0x20 && r != '\t' || r == 0x7f || r >= 0x80 && r < 0xa0 || isBidiControl(r) || r == '\u2028' || r == '\u2029' {
				t.Errorf("line %q holds %U", l, r)
			}
		}
		if strings.HasSuffix(l, " ") || strings.HasPrefix(l, " ") && !strings.HasPrefix(l, "  - ") && !isListLine(l) && !strings.HasPrefix(l, "    ") {
			t.Errorf("line %q has stray spaces", l)
		}
	}
	if err := stable(got); err != "" {
		t.Error(err)
	}
}

func isListLine(l string) bool {
	f := strings.Fields(l)
	return len(f) > 0 && isMarkerWord(f[0])
}

// TestNumberedItemSubListsAreLinear checks that the bytes converting a
// numbered item with n sub-lists allocates grow linearly with n (its text
// was once rebuilt for each sub-list): double n, about double the bytes.
func TestNumberedItemSubListsAreLinear(t *testing.T) {
	allocated := func(n int) uint64 {
		src := "1. x\n" + strings.Repeat("   - a\n   * b\n", n)
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		Markdown(src)
		runtime.ReadMemStats(&after)
		return after.TotalAlloc - before.TotalAlloc
	}
	allocated(100) // warm up
	a, b := allocated(4000), allocated(8000)
	if ratio := float64(b) / float64(a); ratio > 3 {
		t.Errorf("doubling the sub-lists multiplied the bytes allocated by %.1f (%d, then %d)", ratio, a, b)
	}
}
