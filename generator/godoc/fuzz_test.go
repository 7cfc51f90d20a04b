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
