package godoc

import "testing"

// FuzzDescription checks that any text, as Markdown, HTML or plain text,
// converts without panicking to lines that are safe and stable.
func FuzzDescription(f *testing.F) {
	for _, s := range []string{
		"# T\n\n- a\n  - b\n\n```\nx\n```\n\n1. c\n\n| a | b |\n|-|-|\n| 1 | 2 |",
		"[a](https://a.io) ![b](https://b.io) <https://c.io> [d](../x)",
		"<p>x<br>y</p><ol><li>a<pre>p</pre></li></ol><table><tr><td>a</td></tr></table>",
		"Get all users\n\n\\# x\n\n\\[a]: https://a.io\n\nsay ``hi''",
		"*/ \x00 \u202e \r\n \xff",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, typ := range []string{"text/markdown", "text/html", "text/plain"} {
			got := Description(s, typ)
			if msg := stable(got); msg != "" {
				t.Fatalf("%s %q:\n%s", typ, s, msg)
			}
			for _, l := range got {
				for _, r := range l {
					if r == '\n' || r == '\r' || r == 0 || isBidiControl(r) {
						t.Fatalf("%s %q: line %q holds %U", typ, s, l, r)
					}
				}
			}
		}
	})
}

// FuzzMarkdownPieces checks that Markdown parsed in windows of one byte
// (cut at every cut there is) gives the lines one parse gives.
func FuzzMarkdownPieces(f *testing.F) {
	for _, s := range []string{
		"[x]\n\n[x]: https://x.io\n\n# h\ntext\n---\n\n- a\n\n  b\n- c\n\n```\n\n# in\n```\n",
		"<pre>\n\n# in\n</pre>\n\n> q\nlazy\n\n| a |\n|---|\n| 1 |\n\n    code\n\n    code",
		"  - a\n\n     b\n\n1) x\n\n2) y\n\n<!--\n\n-->\n[a]:\n  https://a.io\n  'title'\n\n[a]",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if msg := windowsEqualWhole(Sanitize(s), 1); msg != "" {
			t.Fatalf("Markdown %q:\n%s", s, msg)
		}
	})
}
