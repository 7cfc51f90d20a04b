package conformance

import (
	"bufio"
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net"
	"net/http/httputil"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Exchange is one request as the recorder received it, before any
// normalisation: header lines in the order and spelling they were sent.
type Exchange struct {
	// Tag is the user name of the client's Proxy-Authorization (the Go
	// driver puts the item there), "" when there is none (newman).
	Tag    string
	Scheme string // "http", or "https" inside a CONNECT tunnel
	Method string
	// Target is the request-target: absolute-form for plain HTTP through a
	// proxy (newman), origin-form inside a tunnel or when the client sends
	// it (Go with an opaque path).
	Target string
	Header [][2]string
	Body   []byte
}

// Reply is what the recorder answers.
type Reply struct {
	Code   int
	Header [][2]string
	Body   []byte
}

// Recorder is an HTTP proxy on 127.0.0.1 that records every request it is
// asked to forward and answers it itself: plain HTTP requests directly,
// HTTPS ones inside the CONNECT tunnel, with a certificate made at start
// (clients run with certificate checks off). So collections that name
// their hosts literally (https://graph.microsoft.com) are captured too.
type Recorder struct {
	ln    net.Listener
	tls   *tls.Config
	reply func(tag string) Reply

	mu    sync.Mutex
	log   []Exchange
	conns map[net.Conn]bool
	wg    sync.WaitGroup
}

// NewRecorder starts a recorder; reply chooses the answer to a request by
// its tag (nil answers 200 {}).
func NewRecorder(reply func(tag string) Reply) (*Recorder, error) {
	cert, err := selfSignedCert()
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	r := &Recorder{
		ln:    ln,
		tls:   &tls.Config{Certificates: []tls.Certificate{cert}, NextProtos: []string{"http/1.1"}},
		reply: reply,
	}
	r.wg.Add(1)
	go r.accept()
	return r, nil
}

// URL is the proxy URL clients are given.
func (r *Recorder) URL() string { return "http://" + r.ln.Addr().String() }

// Close stops the recorder, closing the connections clients keep alive.
func (r *Recorder) Close() {
	r.ln.Close()
	r.mu.Lock()
	for c := range r.conns {
		c.Close()
	}
	r.mu.Unlock()
	r.wg.Wait()
}

// Exchanges returns what was recorded so far, in arrival order.
func (r *Recorder) Exchanges() []Exchange {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]Exchange(nil), r.log...)
}

func (r *Recorder) accept() {
	defer r.wg.Done()
	var conns sync.WaitGroup
	defer conns.Wait()
	for {
		c, err := r.ln.Accept()
		if err != nil {
			return
		}
		r.mu.Lock()
		if r.conns == nil {
			r.conns = map[net.Conn]bool{}
		}
		r.conns[c] = true
		r.mu.Unlock()
		conns.Add(1)
		go func() {
			defer conns.Done()
			defer func() {
				c.Close()
				r.mu.Lock()
				delete(r.conns, c)
				r.mu.Unlock()
			}()
			_ = c.SetDeadline(time.Now().Add(2 * time.Minute))
			r.serve(c, bufio.NewReader(c), "http", "")
		}()
	}
}

// serve reads requests from one connection until it closes. A CONNECT
// turns the connection into a TLS tunnel served the same way.
func (r *Recorder) serve(c net.Conn, br *bufio.Reader, scheme, tag string) {
	for {
		ex, err := readExchange(br)
		if err != nil {
			return
		}
		ex.Scheme = scheme
		if t, ok := proxyUser(ex.Header); ok {
			tag = t
		}
		ex.Tag = tag
		ex.Header = dropHeader(ex.Header, "proxy-authorization", "proxy-connection")
		if ex.Method == "CONNECT" {
			if _, err := io.WriteString(c, "HTTP/1.1 200 Connection established\r\n\r\n"); err != nil {
				return
			}
			tc := tls.Server(c, r.tls)
			if err := tc.Handshake(); err != nil {
				return
			}
			r.serve(tc, bufio.NewReader(tc), "https", tag)
			return
		}
		r.mu.Lock()
		r.log = append(r.log, ex)
		r.mu.Unlock()
		rep := Reply{Code: 200, Header: [][2]string{{"Content-Type", "application/json"}}, Body: []byte("{}")}
		if r.reply != nil {
			rep = r.reply(tag)
		}
		if err := writeReply(c, ex.Method, rep); err != nil {
			return
		}
	}
}

// readExchange reads one request: the head line by line (so header names
// keep their spelling and order), then the body by Content-Length or
// chunked encoding.
func readExchange(br *bufio.Reader) (Exchange, error) {
	var ex Exchange
	line, err := readLine(br)
	if err != nil {
		return ex, err
	}
	parts := strings.SplitN(line, " ", 3)
	if len(parts) != 3 {
		return ex, fmt.Errorf("bad request line %q", line)
	}
	ex.Method, ex.Target = parts[0], parts[1]
	for {
		line, err := readLine(br)
		if err != nil {
			return ex, err
		}
		if line == "" {
			break
		}
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			return ex, fmt.Errorf("bad header line %q", line)
		}
		ex.Header = append(ex.Header, [2]string{name, strings.Trim(value, " \t")})
	}
	if ex.Method == "CONNECT" {
		return ex, nil
	}
	switch {
	case strings.EqualFold(headerValue(ex.Header, "transfer-encoding"), "chunked"):
		body, err := io.ReadAll(httputil.NewChunkedReader(br))
		if err != nil {
			return ex, err
		}
		for { // trailers
			line, err := readLine(br)
			if err != nil || line == "" {
				break
			}
		}
		ex.Body = body
	case headerValue(ex.Header, "content-length") != "":
		n, err := strconv.Atoi(headerValue(ex.Header, "content-length"))
		if err != nil || n < 0 {
			return ex, fmt.Errorf("bad Content-Length")
		}
		ex.Body = make([]byte, n)
		if _, err := io.ReadFull(br, ex.Body); err != nil {
			return ex, err
		}
	}
	return ex, nil
}

func readLine(br *bufio.Reader) (string, error) {
	line, err := br.ReadString('\n')
	if err != nil {
		return "", err
	}
	return strings.TrimSuffix(strings.TrimSuffix(line, "\n"), "\r"), nil
}

// headerValue returns the last value of the header name (any case).
func headerValue(h [][2]string, name string) string {
	v := ""
	for _, l := range h {
		if strings.EqualFold(l[0], name) {
			v = l[1]
		}
	}
	return v
}

// dropHeader returns h without the named headers (any case).
func dropHeader(h [][2]string, names ...string) [][2]string {
	out := h[:0:0]
	for _, l := range h {
		drop := false
		for _, n := range names {
			drop = drop || strings.EqualFold(l[0], n)
		}
		if !drop {
			out = append(out, l)
		}
	}
	return out
}

// proxyUser decodes the user name of a Basic Proxy-Authorization header.
func proxyUser(h [][2]string) (string, bool) {
	v := headerValue(h, "proxy-authorization")
	const prefix = "Basic "
	if !strings.HasPrefix(v, prefix) {
		return "", false
	}
	b, err := base64.StdEncoding.DecodeString(v[len(prefix):])
	if err != nil {
		return "", false
	}
	user, _, _ := strings.Cut(string(b), ":")
	return user, true
}

func writeReply(w io.Writer, method string, rep Reply) error {
	var b bytes.Buffer
	fmt.Fprintf(&b, "HTTP/1.1 %d %s\r\n", rep.Code, statusText(rep.Code))
	for _, h := range rep.Header {
		fmt.Fprintf(&b, "%s: %s\r\n", h[0], h[1])
	}
	fmt.Fprintf(&b, "Content-Length: %d\r\n\r\n", len(rep.Body))
	if method != "HEAD" {
		b.Write(rep.Body)
	}
	_, err := w.Write(b.Bytes())
	return err
}

func statusText(code int) string {
	if code >= 200 && code < 300 {
		return "OK"
	}
	return "Status"
}

// selfSignedCert makes a throwaway certificate for the TLS tunnels.
func selfSignedCert() (tls.Certificate, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return tls.Certificate{}, err
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1),
		Subject:      pkix.Name{CommonName: "postgen conformance recorder"},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(24 * time.Hour),
		DNSNames:     []string{"localhost"},
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return tls.Certificate{}, err
	}
	if der == nil {
		return tls.Certificate{}, errors.New("no certificate")
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}, nil
}
