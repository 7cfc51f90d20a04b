package termtext

import (
	"io"
	"strings"
	"testing"
)

// inspectLike is a page of inspect output: tree lines with Go names,
// non-ASCII names, and a few hostile characters.
func inspectLike(hostile bool) []byte {
	line := "│   ├── List bookings ✓ Привет 日本  GET /bookings/{{id}} → client.Bookings.List(ctx context.Context, params *BookingsListParams) (*BookingsListResult, *Response, error)\n"
	if hostile {
		line = strings.Replace(line, "List", "List\x1b[31m\u202e\r", 1)
	}
	return []byte(strings.Repeat(line, 1000))
}

func benchmarkWriter(b *testing.B, hostile bool) {
	data := inspectLike(hostile)
	w := NewWriter(io.Discard)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		w.Write(data)
	}
}

// BenchmarkWriterClean is the cost on ordinary output: a scan, no copy.
func BenchmarkWriterClean(b *testing.B) { benchmarkWriter(b, false) }

// BenchmarkWriterHostile is the cost when every line needs escaping.
func BenchmarkWriterHostile(b *testing.B) { benchmarkWriter(b, true) }

// BenchmarkWriterSmall is one short message per Write, as fmt.Fprintf
// writes each warning.
func BenchmarkWriterSmall(b *testing.B) {
	msg := []byte("collection.json: warning: item[3].request.url (12:5): the URL has no host; left out of the SDK\n")
	w := NewWriter(io.Discard)
	b.ReportAllocs()
	for b.Loop() {
		w.Write(msg)
	}
}
