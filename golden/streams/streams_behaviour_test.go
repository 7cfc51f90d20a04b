package streams

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// newStreamServer streams each endpoint, flushing as it writes: /events
// (two events, a comment, a multi-line data), /export (JSON lines), and
// /tweets/sample/stream, which never ends: a line every 20 ms and a
// partial one, until the client goes away.
func newStreamServer(t *testing.T) *Client {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f := w.(http.Flusher)
		switch r.URL.Path {
		case "/events":
			w.Header().Set("Content-Type", "text/event-stream")
			io.WriteString(w, ": keep-alive\n\nevent: update\nid: 7\ndata: {\"n\": 1}\n\n")
			f.Flush()
			io.WriteString(w, "data: line one\ndata: line two\n\n")
		case "/export":
			w.Header().Set("Content-Type", "application/x-ndjson")
			io.WriteString(w, "{\"id\": 1}\r\n\r\n{\"id\": 2}\n{\"id\": 3}")
		case "/tweets/sample/stream":
			for i := 0; ; i++ {
				if _, err := fmt.Fprintf(w, "{\"tweet\": %d}\n", i); err != nil {
					return
				}
				if i == 2 {
					io.WriteString(w, "{\"tweet\": 3, \"cut")
				}
				f.Flush()
				select {
				case <-r.Context().Done():
					return
				case <-time.After(20 * time.Millisecond):
				}
				if i >= 2 {
					<-r.Context().Done()
					return
				}
			}
		}
	}))
	t.Cleanup(srv.Close)
	c, err := NewClient(WithBaseURL(srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestEventsAndLinesArriveOneByOne(t *testing.T) {
	c := newStreamServer(t)
	ctx := context.Background()
	var events []string
	for ev, err := range c.WatchEventsEvents(ctx) {
		if err != nil {
			t.Fatal(err)
		}
		events = append(events, ev.Event+"|"+ev.ID+"|"+ev.Data)
	}
	if want := []string{`update|7|{"n": 1}`, "||line one\nline two"}; fmt.Sprint(events) != fmt.Sprint(want) {
		t.Errorf("events %q, want %q", events, want)
	}
	var lines []string
	for line, err := range c.ExportRowsLines(ctx) {
		if err != nil {
			t.Fatal(err)
		}
		lines = append(lines, line)
	}
	if strings.Join(lines, ",") != `{"id": 1},{"id": 2},{"id": 3}` {
		t.Errorf("lines %q", lines)
	}
	// The method itself hands over the body unread.
	rc, resp, err := c.ExportRows(ctx)
	if err != nil || resp.StatusCode != 200 {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(rc)
	rc.Close()
	if !strings.HasPrefix(string(b), `{"id": 1}`) {
		t.Errorf("body %q", b)
	}
}

// A deadline on an endless stream yields what arrived, the cut-off line
// too, then the deadline's error.
func TestDeadlineOnAnEndlessStream(t *testing.T) {
	c := newStreamServer(t)
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	var lines []string
	var last error
	for line, err := range c.SampleStreamLines(ctx) {
		if err != nil {
			last = err
			continue
		}
		lines = append(lines, line)
	}
	if want := `{"tweet": 0},{"tweet": 1},{"tweet": 2},{"tweet": 3, "cut`; strings.Join(lines, ",") != want {
		t.Errorf("lines %q, want %q", lines, want)
	}
	if !errors.Is(last, context.DeadlineExceeded) {
		t.Errorf("last error %v, want the deadline", last)
	}
}
