package sdk

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
)

// BenchmarkHugeResponse reads 2 GiB responses into a []byte result: one
// with a Content-Length, one chunked, and a 2 MiB gzip bomb that inflates
// to 2 GiB, inflated by net/http and by the runtime. Each is refused at
// the default cap; what it costs is the process's peak RSS, so run one
// sub-benchmark per process:
//
//	go test -c -o /tmp/rt.test ./templates/runtime
//	/usr/bin/time -v /tmp/rt.test -test.run '^$' -test.bench 'HugeResponse/chunked$' -test.benchtime 1x
//
// and read "Maximum resident set size". The -uncapped variants send the
// same body with WithMaxResponseBytes(-1): the cost without the cap.
func BenchmarkHugeResponse(b *testing.B) {
	const size = 2 << 30
	bomb := gzipBomb(b, size)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/length":
			w.Header().Set("Content-Length", strconv.Itoa(size))
			io.Copy(w, &zeros{size})
		case "/chunked":
			io.Copy(w, &zeros{size})
		case "/bomb":
			w.Header().Set("Content-Encoding", "gzip")
			w.Header().Set("Content-Length", strconv.Itoa(len(bomb)))
			w.Write(bomb)
		}
	}))
	defer srv.Close()
	accept := Param{In: InHeader, Key: "Accept-Encoding", Value: "gzip"}
	for _, tc := range []struct {
		name, path string
		params     []Param
	}{
		{"length", "/length", nil},
		{"chunked", "/chunked", nil},
		{"gzip-bomb", "/bomb", nil},
		{"gzip-bomb-asked", "/bomb", []Param{accept}},
	} {
		for _, uncapped := range []bool{false, true} {
			name := tc.name
			opts := []Option{WithBaseURL(srv.URL), WithRetry(RetryPolicy{MaxAttempts: 1})}
			if uncapped {
				name += "-uncapped"
				opts = append(opts, WithMaxResponseBytes(-1))
			}
			b.Run(name, func(b *testing.B) {
				c, err := NewCore(&Defaults{Origins: []string{"{{baseUrl}}"}}, opts)
				if err != nil {
					b.Fatal(err)
				}
				op := &Operation{Name: "T.Get", Method: "GET", Path: tc.path, Params: tc.params}
				for b.Loop() {
					got, _, err := Send[[]byte](context.Background(), c, op, Call{})
					switch {
					case uncapped && (err != nil || len(got) != size):
						b.Fatalf("%d bytes, %v; want all %d", len(got), err, size)
					case !uncapped && !errors.Is(err, ErrResponseTooLarge):
						b.Fatalf("err = %v; want ErrResponseTooLarge", err)
					}
				}
			})
		}
	}
}

// gzipBomb returns a gzip body that inflates to size zero bytes: members
// of 64 MiB each, concatenated (gzip readers read every member).
func gzipBomb(b *testing.B, size int64) []byte {
	const member = 64 << 20
	var one bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&one, gzip.BestCompression)
	if _, err := io.Copy(zw, &zeros{member}); err != nil {
		b.Fatal(err)
	}
	zw.Close()
	return bytes.Repeat(one.Bytes(), int(size/member))
}
