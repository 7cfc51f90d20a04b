package termtext

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// unsafeChar describes the first character of s that must not reach a
// terminal, or "". It is written from the list in the package doc, not
// from the code under test: controls but tab (and newline when
// multiline), bidi controls and marks, separators, the common invisible
// characters, and invalid UTF-8.
func unsafeChar(s string, multiline bool) string {
	if !utf8.ValidString(s) {
		return "invalid UTF-8"
	}
	for i, r := range s {
		switch {
		case r == '\t' || r == '\n' && multiline:
		case r < 0x20 || r >= 0x7f && r < 0xa0,
			r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069,
			r == 0x200e, r == 0x200f, r == 0x061c,
			r == 0x2028, r == 0x2029,
			r == 0x200b, r == 0x2060, r == 0xfeff, r == 0x00ad,
			r == 0x3164, r == 0x115f, r == 0x1160, r == 0xffa0, r == 0x034f,
			r >= 0xe0000 && r <= 0xe00ff, r >= 0xe01f0 && r <= 0xe0fff:
			return fmt.Sprintf("%U at byte %d", r, i)
		}
	}
	return ""
}

// kept is ordinary text that must pass through unchanged: scripts, emoji
// with ZWJ sequences, variation selectors and flags, combining marks,
// ZWNJ in Persian, no-break spaces, and backslashes.
var kept = []string{
	"plain ASCII ~!@#$%^&*()_+{}|:\"<>?`-=[];',./",
	"Привет, мир", "日本語のテキスト", "한국어", "العربية", "עברית",
	"🚀🔥💯", "👨\u200d👩\u200d👧 family", "❤️ heart", "🇯🇵 flag", "café e\u0301", "葛\U000e0100 variant",
	"می\u200cخواهم", "no\u00a0break", `C:\Windows\x1b`, "tab\tin\tline",
}

func TestLineKeepsOrdinaryText(t *testing.T) {
	for _, s := range kept {
		if got := Line(s); got != s {
			t.Errorf("Line(%q) = %q, want it unchanged", s, got)
		}
	}
}

func TestLineEscapes(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"\x1b[31mred\x1b[0m", `\x1b[31mred\x1b[0m`},
		{"\x1b]0;title\x07", `\x1b]0;title\x07`},
		{"\x1b]52;c;ZXZpbA==\x1b\\", `\x1b]52;c;ZXZpbA==\x1b\`},
		{"safe\rEVIL", `safe\rEVIL`},
		{"two\nlines", `two\nlines`},
		{"crlf\r\n", `crlf\r\n`},
		{"nul\x00 bs\b del\x7f", `nul\x00 bs\x08 del\x7f`},
		{"c1 \u0085 \u009b", `c1 \u0085 \u009b`},
		{"abc\u202edcba", `abc\u202edcba`},
		{"\u202a\u202b\u202c\u202d\u2066\u2067\u2068\u2069", `\u202a\u202b\u202c\u202d\u2066\u2067\u2068\u2069`},
		{"marks \u200e\u200f\u061c", `marks \u200e\u200f\u061c`},
		{"sep\u2028par\u2029", `sep\u2028par\u2029`},
		{"ad\u200bmin \ufeff \u2060 soft\u00adhyphen", `ad\u200bmin \ufeff \u2060 soft\u00adhyphen`},
		{"tag\U000e0041\U000e007f", `tag\U000e0041\U000e007f`},
		{"hangul filler \u3164 \U000e0016", `hangul filler \u3164 \U000e0016`},
		{"bad \xff\xfe", `bad \xff\xfe`},
		{"cut \xe2\x80", `cut \xe2\x80`},
		{"surrogate \xed\xa0\x80", `surrogate \xed\xa0\x80`},
		{"Привет\x1b[2J🚀", `Привет\x1b[2J🚀`},
	} {
		got := Line(tt.in)
		if got != tt.want {
			t.Errorf("Line(%q) = %s, want %s", tt.in, got, tt.want)
		}
		if bad := unsafeChar(got, false); bad != "" {
			t.Errorf("Line(%q) = %q still holds %s", tt.in, got, bad)
		}
	}
}

// randomText mixes ordinary text with every kind of character the
// package escapes.
func randomText(rng *rand.Rand) string {
	pieces := []string{"a", "Z", " ", "\t", "\n", "\r", "\x1b", "\x00", "\x7f", "\u0085", "\u009b",
		"\u202e", "\u2066", "\u200f", "\u2028", "\u200b", "\u200d", "\ufeff", "\U000e0041",
		"\xff", "\xe2\x80", "é", "日", "🚀", "\\", `"`, "{", "<"}
	var sb strings.Builder
	for range rng.Intn(30) {
		sb.WriteString(pieces[rng.Intn(len(pieces))])
	}
	return sb.String()
}

// TestLineIsGoEscapes checks that every escape is the Go escape of what
// it replaces: inside a Go string literal the output decodes back to the
// input (for inputs without a quote or backslash, which Line keeps).
func TestLineIsGoEscapes(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	for range 5000 {
		s := strings.NewReplacer(`\`, "", `"`, "").Replace(randomText(rng))
		got := Line(s)
		if bad := unsafeChar(got, false); bad != "" {
			t.Fatalf("Line(%q) = %q holds %s", s, got, bad)
		}
		back, err := strconv.Unquote(`"` + got + `"`)
		if err != nil || back != s {
			t.Fatalf("Line(%q) = %q, which Go reads as %q (%v)", s, got, back, err)
		}
	}
}

func TestWriterKeepsNewlinesAndTabs(t *testing.T) {
	var buf bytes.Buffer
	w := NewWriter(&buf)
	in := "line one\n\tline two\x1b[K\r\nthree \u202ex\n"
	if n, err := writeString(w, in); err != nil || n != len(in) {
		t.Fatalf("Write = %d, %v; want %d, nil", n, err, len(in))
	}
	if want := "line one\n\tline two\\x1b[K\\r\nthree \\u202ex\n"; buf.String() != want {
		t.Errorf("got %q, want %q", buf.String(), want)
	}
	buf.Reset()
	for _, s := range kept {
		writeString(w, s+"\n")
	}
	if want := strings.Join(kept, "\n") + "\n"; buf.String() != want {
		t.Errorf("ordinary text changed:\n%s\nwant:\n%s", buf.String(), want)
	}
}

// writeString writes s with one call to Write.
func writeString(w *Writer, s string) (int, error) { return w.Write([]byte(s)) }

// TestWriterSplitWrites writes the same text in one call, byte by byte,
// and cut at random places: a character split between two writes must
// come out whole, and the output must not depend on how it was cut.
func TestWriterSplitWrites(t *testing.T) {
	rng := rand.New(rand.NewSource(2))
	for range 2000 {
		s := randomText(rng) + randomText(rng)
		var whole bytes.Buffer
		ww := NewWriter(&whole)
		ww.Write([]byte(s))
		if err := ww.Flush(); err != nil {
			t.Fatal(err)
		}
		if bad := unsafeChar(whole.String(), true); bad != "" {
			t.Fatalf("%q came out as %q, which holds %s", s, whole.String(), bad)
		}
		for _, cuts := range [][]int{everyByte(len(s)), randomCuts(rng, len(s))} {
			var split bytes.Buffer
			ws := NewWriter(&split)
			prev := 0
			for _, c := range append(cuts, len(s)) {
				if n, err := ws.Write([]byte(s[prev:c])); err != nil || n != c-prev {
					t.Fatalf("Write = %d, %v", n, err)
				}
				prev = c
			}
			ws.Flush()
			if split.String() != whole.String() {
				t.Fatalf("%q cut at %v came out as %q, in one write as %q", s, cuts, split.String(), whole.String())
			}
		}
	}
}

func everyByte(n int) []int {
	cuts := make([]int, n)
	for i := range cuts {
		cuts[i] = i
	}
	return cuts
}

func randomCuts(rng *rand.Rand, n int) []int {
	var cuts []int
	for i := 0; i < n; i += 1 + rng.Intn(4) {
		cuts = append(cuts, i)
	}
	return cuts
}

func TestWriterFlushEscapesAnUnfinishedCharacter(t *testing.T) {
	var buf bytes.Buffer
	w := NewWriter(&buf)
	w.Write([]byte("rocket \xf0\x9f\x9a")) // 🚀 without its last byte
	if buf.String() != "rocket " {
		t.Errorf("before Flush: %q, want the incomplete character held back", buf.String())
	}
	w.Flush()
	if want := `rocket \xf0\x9f\x9a`; buf.String() != want {
		t.Errorf("after Flush: %q, want %q", buf.String(), want)
	}
	if err := w.Flush(); err != nil || buf.String() != `rocket \xf0\x9f\x9a` {
		t.Errorf("a second Flush wrote again or failed: %q, %v", buf.String(), err)
	}
}

type failing struct{}

func (failing) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWriterReportsErrors(t *testing.T) {
	w := NewWriter(failing{})
	for _, s := range []string{"clean", "dirty \x1b"} {
		if n, err := w.Write([]byte(s)); err == nil || n != 0 {
			t.Errorf("Write(%q) = %d, %v; want 0 and the error", s, n, err)
		}
	}
	if w.Raw() != (failing{}) {
		t.Error("Raw is not the underlying writer")
	}
}

func TestJSON(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"plain Привет 🚀", `"plain Привет 🚀"`},
		{"esc\x1b cr\r", `"esc\u001b cr\r"`}, // the encoder's own escapes
		{"del\x7f c1\u009b", `"del\u007f c1\u009b"`},
		{"rlo\u202e lrm\u200e", `"rlo\u202e lrm\u200e"`},
		{"sep\u2028", `"sep\u2028"`}, // the encoder's own escape
		{"tag\U000e0041", `"tag\udb40\udc41"`},
	} {
		m, err := json.Marshal(tt.in)
		if err != nil {
			t.Fatal(err)
		}
		if got := string(JSON(m)); got != tt.want {
			t.Errorf("JSON(%s) = %s, want %s", m, got, tt.want)
		}
	}
}

// TestJSONDecodesToTheSameValue: escaping indented JSON keeps it valid
// and equal, and leaves no unsafe character but its newlines.
func TestJSONDecodesToTheSameValue(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	for range 2000 {
		v := map[string]any{randomText(rng): []any{randomText(rng), map[string]any{"k": randomText(rng)}}}
		m, err := json.MarshalIndent(v, "", "\t")
		if err != nil {
			t.Fatal(err)
		}
		got := JSON(m)
		if bad := unsafeChar(string(got), true); bad != "" {
			t.Fatalf("JSON(%s) = %s holds %s", m, got, bad)
		}
		var want, back any
		json.Unmarshal(m, &want)
		if err := json.Unmarshal(got, &back); err != nil || !reflect.DeepEqual(back, want) {
			t.Fatalf("JSON(%s) = %s decodes to %v (%v), want %v", m, got, back, err, want)
		}
	}
}

func FuzzEscape(f *testing.F) {
	for _, s := range append(kept, "\x1b[31m\r\u202e\xff\xe2\x80", "\U000e0041\u2028") {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if bad := unsafeChar(Line(s), false); bad != "" {
			t.Fatalf("Line(%q) = %q holds %s", s, Line(s), bad)
		}
		var buf bytes.Buffer
		w := NewWriter(&buf)
		half := len(s) / 2
		w.Write([]byte(s[:half]))
		w.Write([]byte(s[half:]))
		w.Flush()
		if bad := unsafeChar(buf.String(), true); bad != "" {
			t.Fatalf("Writer turned %q into %q, which holds %s", s, buf.String(), bad)
		}
		// The Writer is Line but for newlines (when s holds no text \n
		// that would read like an escaped one).
		if want := strings.ReplaceAll(Line(s), `\n`, "\n"); !strings.Contains(s, `\n`) && buf.String() != want {
			t.Fatalf("Writer turned %q into %q, Line into %q", s, buf.String(), Line(s))
		}
		m, _ := json.Marshal(s)
		var want, back string
		json.Unmarshal(m, &want)
		if err := json.Unmarshal(JSON(m), &back); err != nil || back != want {
			t.Fatalf("JSON(%s) = %s decodes to %q (%v), want %q", m, JSON(m), back, err, want)
		}
	})
}
