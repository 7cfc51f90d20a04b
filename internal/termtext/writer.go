package termtext

import (
	"io"
	"unicode/utf8"
)

// Writer is a stream whose text is escaped on its way to the underlying
// writer: everything listed in the package doc but newline and tab, which
// a program's own multi-line output needs. It is the one place per stream
// where escaping happens, so no message, warning or diff printed through
// it can carry a control character to the terminal, whatever code built
// it.
//
// A character split across two calls to Write (as io.Copy may split it)
// is held back until the rest arrives; Flush writes what is held at the
// end. A Writer is not safe for concurrent use.
type Writer struct {
	w       io.Writer
	partial []byte // the start of a character the last Write ended in
	buf     []byte // the escaped text, reused between writes
}

// NewWriter returns a Writer that escapes text written to w.
func NewWriter(w io.Writer) *Writer { return &Writer{w: w} }

// Write escapes p and writes it to the underlying writer. It reports
// len(p) on success, the bytes of p it consumed, not those it wrote.
func (w *Writer) Write(p []byte) (int, error) {
	data := p
	if len(w.partial) > 0 {
		data = append(w.partial, p...)
		w.partial = nil
	}
	if cut := incompleteTail(data); cut < len(data) {
		w.partial = append([]byte(nil), data[cut:]...)
		data = data[:cut]
	}
	if clean(data, true) {
		if _, err := w.w.Write(data); err != nil {
			return 0, err
		}
		return len(p), nil
	}
	w.buf = appendEscaped(w.buf[:0], data, true, goForm)
	if _, err := w.w.Write(w.buf); err != nil {
		return 0, err
	}
	return len(p), nil
}

// Flush writes a character held back by Write, incomplete for good, as
// the escapes of its bytes.
func (w *Writer) Flush() error {
	if len(w.partial) == 0 {
		return nil
	}
	p := w.partial
	w.partial = nil
	_, err := w.w.Write(appendEscaped(nil, p, true, goForm))
	return err
}

// Raw returns the underlying writer, for output that is the program's own
// terminal control and carries no outside text as it is: a progress line
// redrawn with CR and ESC [ K. Everything else goes through w.
func (w *Writer) Raw() io.Writer { return w.w }

// incompleteTail returns where a multi-byte character that data ends in
// before it is complete starts, or len(data) when data ends in a whole
// character (or in invalid bytes, which are escaped as they are).
func incompleteTail(data []byte) int {
	for k := 1; k < utf8.UTFMax && k <= len(data); k++ {
		i := len(data) - k
		if utf8.RuneStart(data[i]) {
			if !utf8.FullRune(data[i:]) {
				return i
			}
			break
		}
	}
	return len(data)
}
