package sdk

import (
	"bufio"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
)

// This file reads response bodies into memory, within a bound: a server
// that sends gigabytes, or a small gzip body that inflates to gigabytes,
// costs the client at most the cap (plus a chunk), not the body's size.

// DefaultMaxResponseBytes is the most a client reads into memory of one
// response body, after decompression, unless WithMaxResponseBytes says
// otherwise: 32 MiB. That is far above what a JSON API returns in one
// response (a page of a list is kilobytes to a few megabytes), and low
// enough that a runaway or hostile response cannot exhaust the memory of
// the program: decoding 32 MiB of JSON into Go values takes a few times
// that at most.
const DefaultMaxResponseBytes = 32 << 20

// ErrResponseTooLarge is wrapped by the *DecodeError of a response whose
// body is longer than the client's cap (see WithMaxResponseBytes):
// errors.Is(err, ErrResponseTooLarge) tells it from a body that does not
// decode.
var ErrResponseTooLarge = errors.New("response body too large")

// WithMaxResponseBytes sets the most the client reads into memory of a
// response body whose method returns it decoded (a typed result, []byte
// or string): n bytes, counted after gzip or deflate decompression. A
// longer body is not read further: the call returns a *DecodeError
// wrapping ErrResponseTooLarge, without the body. The default is
// DefaultMaxResponseBytes (32 MiB). A negative n removes the cap, for a
// server trusted to send bodies of any size; 0 is an error, so that an
// unset setting neither removes the cap nor refuses every response.
// Methods that return the body as an io.ReadCloser stream it and are not
// capped; error bodies (*APIError.Body) keep at most 1 MiB whatever the cap.
func WithMaxResponseBytes(n int64) Option {
	return func(c *Core) error {
		if n == 0 {
			return errors.New("WithMaxResponseBytes: 0 would refuse every response body; use a negative value for no cap")
		}
		c.maxBody = n
		return nil
	}
}

// maxResponseBytes is the client's cap, -1 for none.
func (c *Core) maxResponseBytes() int64 {
	switch {
	case c.maxBody == 0:
		return DefaultMaxResponseBytes
	case c.maxBody < 0:
		return -1
	}
	return c.maxBody
}

// readBody reads a 2xx body, decompressed, within the client's cap.
func (c *Core) readBody(resp *http.Response) ([]byte, error) {
	limit := c.maxResponseBytes()
	r, decoded, err := decodedBody(resp)
	if err != nil {
		return nil, err
	}
	size := int64(-1)
	if !decoded {
		size = resp.ContentLength
	}
	if limit >= 0 && size > limit {
		return nil, tooLarge(limit) // refused before reading a byte
	}
	return readAtMost(r, limit, size)
}

// readErrorBody reads at most maxErrorBody bytes of an error body,
// decompressed. What cannot be read is left out: the status is the news.
func readErrorBody(resp *http.Response) []byte {
	r, _, err := decodedBody(resp)
	if err != nil {
		r = resp.Body
	}
	b, _ := readAtMost(io.LimitReader(r, maxErrorBody), -1, min(resp.ContentLength, maxErrorBody))
	return b
}

// tooLarge is the error of a body longer than limit.
func tooLarge(limit int64) error {
	return fmt.Errorf("%w: longer than %d bytes (%s), the client's cap on a body read into memory: raise it with WithMaxResponseBytes",
		ErrResponseTooLarge, limit, byteSize(limit))
}

// byteSize renders n in the largest binary unit that divides it.
func byteSize(n int64) string {
	for _, u := range []struct {
		shift uint
		name  string
	}{{30, "GiB"}, {20, "MiB"}, {10, "KiB"}} {
		if n >= 1<<u.shift && n%(1<<u.shift) == 0 {
			return fmt.Sprintf("%d %s", n>>u.shift, u.name)
		}
	}
	return fmt.Sprintf("%d bytes", n)
}

// decodedBody returns resp's body, decompressed when its Content-Encoding
// is gzip or deflate and net/http has not done it (it does only when it
// asked for gzip itself, which it does not when the collection sets
// Accept-Encoding). Then, as net/http does, the response's headers stop
// describing the encoded bytes. decoded says the body was decompressed
// here. Other codings (br, zstd) are left as they are.
func decodedBody(resp *http.Response) (r io.Reader, decoded bool, err error) {
	if resp.Uncompressed {
		return resp.Body, false, nil
	}
	coding := strings.ToLower(strings.TrimSpace(resp.Header.Get("Content-Encoding")))
	switch coding {
	case "gzip", "x-gzip":
		zr, err := gzip.NewReader(resp.Body)
		if errors.Is(err, io.EOF) {
			return strings.NewReader(""), true, nil // no body at all
		}
		if err != nil {
			return nil, false, err
		}
		r = zr
	case "deflate":
		// RFC 9110 deflate is zlib; some servers send raw deflate.
		br := bufio.NewReader(resp.Body)
		head, err := br.Peek(2)
		switch {
		case len(head) == 0 && errors.Is(err, io.EOF):
			r = strings.NewReader("")
		case len(head) == 2 && (uint16(head[0])<<8|uint16(head[1]))%31 == 0 && head[0]&0x0f == 8:
			zr, err := zlib.NewReader(br)
			if err != nil {
				return nil, false, err
			}
			r = zr
		default:
			r = flate.NewReader(br)
		}
	default:
		return resp.Body, false, nil
	}
	resp.Header.Del("Content-Encoding")
	resp.Header.Del("Content-Length")
	resp.ContentLength = -1
	resp.Uncompressed = true
	return r, true, nil
}

// readAtMost reads r to its end, or fails with tooLarge once it has read
// more than limit bytes (limit < 0: no limit). size is the expected
// length, -1 when unknown: a body of the size it announces takes one
// allocation. Otherwise it is read in chunks of growing size and joined
// at the end, so a body refused at the cap has cost about the cap
// (io.ReadAll's growing buffer can hold twice that). A read error
// returns what arrived before it.
func readAtMost(r io.Reader, limit, size int64) ([]byte, error) {
	// maxFirst bounds what a Content-Length alone can make the client
	// allocate, whatever the cap.
	const firstChunk, maxChunk, maxFirst = 512, 4 << 20, 64 << 20
	next := int64(firstChunk)
	if size >= 0 {
		next = min(size, maxFirst-1) + 1 // room to see EOF without another chunk
	}
	var chunks [][]byte
	var total int64
	for {
		if limit >= 0 && limit-total < next-1 {
			next = limit - total + 1 // never hold more than limit+1
		}
		buf := make([]byte, 0, next)
		for len(buf) < cap(buf) {
			n, err := r.Read(buf[len(buf):cap(buf)])
			buf = buf[:len(buf)+n]
			total += int64(n)
			if limit >= 0 && total > limit {
				return nil, tooLarge(limit)
			}
			if err != nil {
				chunks = append(chunks, buf)
				if errors.Is(err, io.EOF) {
					err = nil
				}
				return join(chunks, total), err
			}
		}
		chunks = append(chunks, buf)
		next = min(max(2*int64(cap(buf)), firstChunk), maxChunk)
	}
}

// join concatenates chunks, total bytes in all.
func join(chunks [][]byte, total int64) []byte {
	if len(chunks) == 1 {
		return chunks[0]
	}
	out := make([]byte, 0, total)
	for _, c := range chunks {
		out = append(out, c...)
	}
	return out
}
