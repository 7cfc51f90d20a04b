package cli

import (
	"encoding/json"
	"io"

	"github.com/postgen/postgen/internal/termtext"
)

// Everything postgen prints carries collection text somewhere: names,
// descriptions, URLs and keys in warnings and errors, the inspect tree,
// the --check diff. Run wraps stdout and stderr in a termtext.Writer once,
// so no control, bidi or invisible character from a collection reaches
// the terminal as itself, whatever code formatted the message. Newlines
// and tabs pass, being postgen's own layout; one-line fields made from
// collection text also go through termtext.Line, so a newline in a name
// cannot start a line that looks like postgen's. The one writer of raw
// control sequences is the progress line (CR, ESC [ K), which writes to
// the unwrapped stream and escapes its own text (progress.go).

// writeJSON prints v as indented JSON for tools. encoding/json escapes
// the C0 controls and U+2028/U+2029 but not DEL, C1 or the bidi and
// invisible characters; termtext.JSON writes those as \u escapes too,
// which decode to the same text, since people pipe this output to their
// terminals as well.
func writeJSON(w io.Writer, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(termtext.JSON(b), '\n'))
	return err
}
