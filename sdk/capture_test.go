package sdk

import (
	"bufio"
	"context"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"testing"
)

// captured is one request as it arrived on the wire.
type captured struct {
	line   string // request line, e.g. "GET /x?y HTTP/1.1"
	header http.Header
	body   string
}

// captureServer accepts raw HTTP/1.1 requests on loopback and records them
// byte for byte. net/http's server is not used because it rejects some
// request lines Postman sends (such as a path holding "%zz").
type captureServer struct {
	ln   net.Listener
	reqs chan captured
}

func newCaptureServer(t *testing.T) *captureServer {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &captureServer{ln: ln, reqs: make(chan captured, 16)}
	go s.serve()
	t.Cleanup(func() { ln.Close() })
	return s
}

func (s *captureServer) URL() string { return "http://" + s.ln.Addr().String() }

func (s *captureServer) serve() {
	for {
		conn, err := s.ln.Accept()
		if err != nil {
			return
		}
		go s.handle(conn)
	}
}

func (s *captureServer) handle(conn net.Conn) {
	defer conn.Close()
	br := bufio.NewReader(conn)
	for {
		line, err := br.ReadString('\n')
		if err != nil {
			return
		}
		c := captured{line: strings.TrimRight(line, "\r\n"), header: http.Header{}}
		for {
			l, err := br.ReadString('\n')
			if err != nil {
				return
			}
			l = strings.TrimRight(l, "\r\n")
			if l == "" {
				break
			}
			k, v, _ := strings.Cut(l, ":")
			c.header.Add(k, strings.TrimLeft(v, " "))
		}
		if n, _ := strconv.Atoi(c.header.Get("Content-Length")); n > 0 {
			b := make([]byte, n)
			if _, err := io.ReadFull(br, b); err != nil {
				return
			}
			c.body = string(b)
		}
		s.reqs <- c
		io.WriteString(conn, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}")
	}
}

// roundTrip sends op through a core pointed at the capture server and
// returns what arrived.
func (s *captureServer) roundTrip(t *testing.T, c *Core, op *Operation, in Call) captured {
	t.Helper()
	if c.defaults == nil {
		c.defaults = map[string]string{}
	}
	c.defaults["baseUrl"] = s.URL()
	if c.origins == nil {
		c.origins = []string{"{{baseUrl}}"}
	}
	if c.httpClient == nil {
		c.httpClient = &http.Client{}
	}
	if _, err := SendNoResult(context.Background(), c, op, in); err != nil {
		t.Fatalf("send: %v", err)
	}
	return <-s.reqs
}
