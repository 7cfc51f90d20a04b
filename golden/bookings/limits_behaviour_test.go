package bookings

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// The generated SDK reads at most WithMaxResponseBytes of a body into
// memory, counted after decompression.

func TestGeneratedClientCapsResponseBodies(t *testing.T) {
	// 4 MiB of JSON whitespace, gzipped to a few KiB: a small bomb.
	var bomb bytes.Buffer
	zw := gzip.NewWriter(&bomb)
	zw.Write([]byte(`{"id": "42"` + strings.Repeat(" ", 4<<20) + `}`))
	zw.Close()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/bookings/big":
			io.WriteString(w, `{"id": "42", "guest": "`+strings.Repeat("x", 2<<20)+`"}`)
		case "/bookings/bomb":
			w.Header().Set("Content-Encoding", "gzip")
			w.Write(bomb.Bytes())
		default:
			io.WriteString(w, `{"id": "42"}`)
		}
	}))
	defer srv.Close()
	c, err := NewClient(WithBaseURL(srv.URL), WithMaxResponseBytes(1<<20))
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"big", "bomb"} {
		_, resp, err := c.Bookings.Get(context.Background(), id)
		var de *DecodeError
		if !errors.As(err, &de) || !errors.Is(err, ErrResponseTooLarge) || resp == nil || resp.StatusCode != 200 {
			t.Fatalf("%s: err = %v; want a *DecodeError wrapping ErrResponseTooLarge", id, err)
		}
		if !strings.Contains(err.Error(), "1 MiB") || !strings.Contains(err.Error(), "WithMaxResponseBytes") {
			t.Errorf("%s: message %q should name the cap and the option", id, err)
		}
	}
	if b, _, err := c.Bookings.Get(context.Background(), "42"); err != nil || b.ID != "42" {
		t.Errorf("a body within the cap: %v, %v", b, err)
	}
	if _, err := NewClient(WithMaxResponseBytes(0)); err == nil {
		t.Error("WithMaxResponseBytes(0) was accepted")
	}
}
