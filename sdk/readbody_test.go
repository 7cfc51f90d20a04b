package sdk

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
)

// Response bodies read into memory are capped, after decompression.

// zeros streams n zero bytes without holding them.
type zeros struct{ n int64 }

func (z *zeros) Read(p []byte) (int, error) {
	if z.n <= 0 {
		return 0, io.EOF
	}
	m := min(int64(len(p)), z.n)
	clear(p[:m])
	z.n -= m
	return int(m), nil
}

// gzipped compresses n zero bytes: about n/1000 bytes.
func gzipped(t testing.TB, n int64) []byte {
	var b bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
	if _, err := io.Copy(zw, &zeros{n}); err != nil {
		t.Fatal(err)
	}
	zw.Close()
	return b.Bytes()
}

// bodyServer serves the body of each path; "?len" adds Content-Length,
// "?gzip" labels the body gzip-encoded.
func bodyServer(t testing.TB, bodies map[string]func() (io.Reader, int64)) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, ok := bodies[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		q := r.URL.Query()
		rd, n := body()
		if q.Has("len") {
			w.Header().Set("Content-Length", strconv.FormatInt(n, 10))
		}
		if q.Has("gzip") {
			w.Header().Set("Content-Encoding", "gzip")
		}
		if q.Has("deflate") {
			w.Header().Set("Content-Encoding", "deflate")
		}
		if q.Has("status") {
			code, _ := strconv.Atoi(q.Get("status"))
			w.WriteHeader(code)
		}
		io.Copy(w, rd)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// sized gives r with its length.
func sized(r interface {
	io.Reader
	Len() int
}) (io.Reader, int64) {
	return r, int64(r.Len())
}

func getOp(path string, headers ...Param) *Operation {
	for i := range headers {
		headers[i].In = InHeader
	}
	return &Operation{Name: "T.Get", Method: "GET", Path: path, Params: headers}
}

func TestOversizedBodiesAreRefused(t *testing.T) {
	bomb := gzipped(t, 64<<20)
	srv := bodyServer(t, map[string]func() (io.Reader, int64){
		"/big":  func() (io.Reader, int64) { return &zeros{2 << 20}, 2 << 20 },
		"/bomb": func() (io.Reader, int64) { return bytes.NewReader(bomb), int64(len(bomb)) },
	})
	accept := Param{Key: "Accept-Encoding", Value: "gzip, deflate"}
	for _, tc := range []struct {
		name, path string
		headers    []Param
	}{
		{"with Content-Length", "/big?len", nil},
		{"chunked", "/big", nil},
		// net/http asks for gzip and inflates it itself.
		{"gzip bomb, transparent", "/bomb?gzip&len", nil},
		// The collection asks: the runtime inflates it.
		{"gzip bomb, asked for", "/bomb?gzip&len", []Param{accept}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, _ := faultClient(t, srv.URL, RetryPolicy{MaxAttempts: 1}, WithMaxResponseBytes(1<<20))
			for _, result := range []func() error{
				func() error {
					_, _, err := Send[map[string]any](context.Background(), c, getOp(tc.path, tc.headers...), Call{})
					return err
				},
				func() error {
					_, _, err := Send[[]byte](context.Background(), c, getOp(tc.path, tc.headers...), Call{})
					return err
				},
				func() error {
					_, _, err := Send[string](context.Background(), c, getOp(tc.path, tc.headers...), Call{})
					return err
				},
			} {
				err := result()
				var de *DecodeError
				if !errors.As(err, &de) || !errors.Is(err, ErrResponseTooLarge) || de.StatusCode != 200 || de.Body != nil {
					t.Fatalf("err = %v; want a *DecodeError wrapping ErrResponseTooLarge, without the body", err)
				}
				for _, want := range []string{"T.Get", "1048576 bytes (1 MiB)", "WithMaxResponseBytes"} {
					if !strings.Contains(err.Error(), want) {
						t.Errorf("message %q lacks %q", err, want)
					}
				}
			}
		})
	}
}

func TestBodiesWithinTheCapDecode(t *testing.T) {
	payload := `{"id": 7, "pad": "` + strings.Repeat("x", 3000) + `"}`
	var gz, zl, raw bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(payload))
	zw.Close()
	lw := zlib.NewWriter(&zl)
	lw.Write([]byte(payload))
	lw.Close()
	fw, _ := flate.NewWriter(&raw, flate.DefaultCompression)
	fw.Write([]byte(payload))
	fw.Close()
	srv := bodyServer(t, map[string]func() (io.Reader, int64){
		"/plain": func() (io.Reader, int64) { return sized(strings.NewReader(payload)) },
		"/gzip":  func() (io.Reader, int64) { return sized(bytes.NewReader(gz.Bytes())) },
		"/zlib":  func() (io.Reader, int64) { return sized(bytes.NewReader(zl.Bytes())) },
		"/flate": func() (io.Reader, int64) { return sized(bytes.NewReader(raw.Bytes())) },
		"/empty": func() (io.Reader, int64) { return sized(strings.NewReader("")) },
	})
	accept := Param{Key: "Accept-Encoding", Value: "gzip, deflate"}
	for _, tc := range []struct {
		path    string
		headers []Param
	}{
		{"/plain?len", nil},
		{"/plain", nil},
		{"/gzip?gzip", nil},
		{"/gzip?gzip&len", []Param{accept}},
		{"/zlib?deflate", []Param{accept}},
		{"/flate?deflate", []Param{accept}},
	} {
		// The cap is exactly the payload's size: at the cap is within it.
		c, _ := faultClient(t, srv.URL, RetryPolicy{MaxAttempts: 1}, WithMaxResponseBytes(int64(len(payload))))
		got, resp, err := Send[*thing](context.Background(), c, getOp(tc.path, tc.headers...), Call{})
		if err != nil || got == nil || got.ID != 7 {
			t.Errorf("%s: got %v, %v; want id 7", tc.path, got, err)
			continue
		}
		if resp.Header.Get("Content-Encoding") != "" {
			t.Errorf("%s: the decoded response still says Content-Encoding %q", tc.path, resp.Header.Get("Content-Encoding"))
		}
		text, _, err := Send[string](context.Background(), c, getOp(tc.path, tc.headers...), Call{})
		if err != nil || text != payload {
			t.Errorf("%s: string result %d bytes, %v; want the payload", tc.path, len(text), err)
		}
	}
	c, _ := faultClient(t, srv.URL, RetryPolicy{MaxAttempts: 1})
	for _, path := range []string{"/empty?len", "/empty?gzip", "/empty?deflate"} {
		got, resp, err := Send[*thing](context.Background(), c, getOp(path, accept), Call{})
		if err != nil || got != nil || resp.decoded {
			t.Errorf("%s: got %v, %v; want nothing decoded", path, got, err)
		}
	}
}

func TestMaxResponseBytesOption(t *testing.T) {
	if _, err := NewCore(&Defaults{}, []Option{WithMaxResponseBytes(0)}); err == nil || !strings.Contains(err.Error(), "WithMaxResponseBytes") {
		t.Errorf("WithMaxResponseBytes(0): err = %v; want an error naming the option", err)
	}
	srv := bodyServer(t, map[string]func() (io.Reader, int64){
		"/big": func() (io.Reader, int64) { return &zeros{DefaultMaxResponseBytes + 1}, DefaultMaxResponseBytes + 1 },
	})
	c, _ := faultClient(t, srv.URL, RetryPolicy{MaxAttempts: 1})
	if _, _, err := Send[[]byte](context.Background(), c, getOp("/big"), Call{}); !errors.Is(err, ErrResponseTooLarge) || !strings.Contains(err.Error(), "(32 MiB)") {
		t.Errorf("default cap: err = %v; want ErrResponseTooLarge at 32 MiB", err)
	}
	c, _ = faultClient(t, srv.URL, RetryPolicy{MaxAttempts: 1}, WithMaxResponseBytes(-1))
	if b, _, err := Send[[]byte](context.Background(), c, getOp("/big"), Call{}); err != nil || len(b) != DefaultMaxResponseBytes+1 {
		t.Errorf("no cap: %d bytes, %v; want the whole body", len(b), err)
	}
	// A streamed result is the caller's to read: not capped.
	c, _ = faultClient(t, srv.URL, RetryPolicy{MaxAttempts: 1}, WithMaxResponseBytes(1024))
	rc, _, err := Send[io.ReadCloser](context.Background(), c, getOp("/big"), Call{})
	if err != nil {
		t.Fatal(err)
	}
	n, err := io.Copy(io.Discard, rc)
	rc.Close()
	if err != nil || n != DefaultMaxResponseBytes+1 {
		t.Errorf("streamed %d bytes, %v; want the whole body", n, err)
	}
}

func TestCompressedErrorBodiesAreDecoded(t *testing.T) {
	body := `{"error":"nope"}`
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(body))
	zw.Close()
	srv := bodyServer(t, map[string]func() (io.Reader, int64){"/x": func() (io.Reader, int64) { return sized(bytes.NewReader(gz.Bytes())) }})
	c, _ := faultClient(t, srv.URL, RetryPolicy{MaxAttempts: 1})
	_, _, err := Send[*thing](context.Background(), c, getOp("/x?gzip&status=400", Param{Key: "Accept-Encoding", Value: "gzip"}), Call{})
	var apiErr *APIError
	if !errors.As(err, &apiErr) || string(apiErr.Body) != body {
		t.Fatalf("err = %v; want an *APIError with the inflated body", err)
	}
}

func TestReadAtMost(t *testing.T) {
	for _, tc := range []struct {
		n, limit, size int64
		tooLarge       bool
	}{
		{0, 10, 0, false},
		{10, 10, 10, false},
		{10, 10, -1, false},
		{11, 10, -1, true},
		{11, 10, 11, true},
		{5000, -1, -1, false},
		{5000, 4999, -1, true},
		{5000, -1, 3, false}, // a Content-Length that lies short
		{3, -1, 5000, false}, // and long
	} {
		b, err := readAtMost(io.LimitReader(&zeros{1 << 40}, tc.n), tc.limit, tc.size)
		if tc.tooLarge != errors.Is(err, ErrResponseTooLarge) || !tc.tooLarge && (err != nil || int64(len(b)) != tc.n) {
			t.Errorf("%+v: %d bytes, %v", tc, len(b), err)
		}
	}
}
