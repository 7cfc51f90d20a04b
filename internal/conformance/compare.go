package conformance

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"maps"
	"mime"
	"regexp"
	"slices"
	"strings"

	"github.com/postgen/postgen/model"
)

// The normalisation below is the whole list of what may differ between
// newman's request and the SDK's (fidelity.md documents it):
//
//   - transport headers: Content-Length, Connection, Accept-Encoding,
//     Postman-Token, Cache-Control, Transfer-Encoding and Host are left out
//     unless the collection's request sets them itself (Host is compared as
//     part of the URL, with a default port dropped);
//   - the multipart boundary, replaced by a placeholder in Content-Type and
//     in the body;
//   - for auth types that sign with the clock and a nonce, the timestamp,
//     nonce and signature they produce (signedMasks);
//   - header names are compared case-insensitively and the order of
//     different headers is ignored (neither carries meaning in HTTP); the
//     order of the values of one header is kept.
//
// Dynamic variables are not normalised here: both sides get the same fixed
// value for them (see dynamicValues). Everything else must be equal byte
// for byte: method, scheme, host, path, query, header values and body.

// transportHeaders are added by the HTTP stack or by Postman as artefacts.
var transportHeaders = []string{"content-length", "connection", "accept-encoding", "postman-token", "cache-control", "transfer-encoding", "host"}

// wire is one request after normalisation.
type wire struct {
	method string
	url    string
	header map[string][]string
	body   []byte
}

// normalise turns an exchange into the form that is compared. keep names
// the transport headers the collection's request sets itself.
func normalise(ex Exchange, keep map[string]bool, ignore []string, authType string) wire {
	w := wire{method: ex.Method, header: map[string][]string{}, body: ex.Body}
	host := headerValue(ex.Header, "host")
	target := ex.Target
	if i := strings.Index(target, "://"); i >= 0 && !strings.HasPrefix(target, "/") {
		rest := target[i+3:]
		j := strings.IndexAny(rest, "/?")
		if j < 0 {
			j = len(rest)
		}
		host, target = rest[:j], rest[j:]
		if target == "" || target[0] == '?' {
			target = "/" + target
		}
	}
	host = strings.ToLower(host)
	host = strings.TrimSuffix(host, map[string]string{"http": ":80", "https": ":443"}[ex.Scheme])
	w.url = ex.Scheme + "://" + host + target
	boundary := ""
	for _, h := range ex.Header {
		name := strings.ToLower(h[0])
		if isTransport(name) && !keep[name] || contains(ignore, name) {
			continue
		}
		value := h[1]
		if name == "content-type" {
			if mt, params, err := mime.ParseMediaType(value); err == nil && strings.HasPrefix(mt, "multipart/") && params["boundary"] != "" {
				boundary = params["boundary"]
				value = strings.Replace(value, boundary, "BOUNDARY", 1)
			}
		}
		w.header[name] = append(w.header[name], value)
	}
	if boundary != "" {
		w.body = bytes.ReplaceAll(w.body, []byte(boundary), []byte("BOUNDARY"))
	}
	if m := signedMasks[authType]; m != nil {
		m(&w)
	}
	return w
}

// signedMasks replace, for the auth types that sign with the clock and a
// random nonce, the values that come from them: their timestamp, nonce
// and signature (and the date in an AWS credential scope). Two runs can
// never agree on those; everything else those types send (which
// parameters, in which place and order, signed headers, credentials) is
// still compared. The signatures themselves are checked by the runtime's
// tests against Appendix C's vectors, with the clock and nonce fixed.
var signedMasks = map[string]func(*wire){
	"oauth1": func(w *wire) {
		w.maskHeader("authorization", `(oauth_(?:timestamp|nonce|signature)=)"[^"]*"`, `$1"…"`)
		w.maskURLAndBody(`(oauth_(?:timestamp|nonce|signature)=)[^&]*`, `$1…`)
	},
	"hawk": func(w *wire) {
		w.maskHeader("authorization", `\b((?:ts|nonce|mac)=)"[^"]*"`, `$1"…"`)
	},
	"edgegrid": func(w *wire) {
		w.maskHeader("authorization", `\b((?:timestamp|nonce|signature)=)[^;]*`, `$1…`)
	},
	"awsv4": func(w *wire) {
		w.maskHeader("authorization", `(Credential=[^/]*/)\d{8}/`, `${1}…/`)
		w.maskHeader("authorization", `(Signature=)[0-9a-f]+`, `$1…`)
		w.maskHeader("x-amz-date", `.+`, `…`)
		w.maskURLAndBody(`((?:X-Amz-Date|X-Amz-Signature)=)[^&]*`, `$1…`)
		w.maskURLAndBody(`(X-Amz-Credential=[^&]*?%2F)\d{8}(%2F)`, `${1}…$2`)
	},
	"digest": func(w *wire) {
		if strings.Contains(strings.Join(w.header["authorization"], ""), "cnonce=") {
			w.maskHeader("authorization", `\b((?:cnonce|response)=)"[^"]*"`, `$1"…"`)
		}
	},
	"jwt":  maskJWTs,
	"asap": maskJWTs,
}

// maskHeader rewrites the values of header name with a regular expression.
func (w *wire) maskHeader(name, expr, repl string) {
	re := regexp.MustCompile(expr)
	for i, v := range w.header[name] {
		w.header[name][i] = re.ReplaceAllString(v, repl)
	}
}

// maskURLAndBody rewrites the URL and the body with a regular expression.
func (w *wire) maskURLAndBody(expr, repl string) {
	re := regexp.MustCompile(expr)
	w.url = re.ReplaceAllString(w.url, repl)
	w.body = re.ReplaceAll(w.body, []byte(repl))
}

var jwtRe = regexp.MustCompile(`eyJ[A-Za-z0-9_-]*\.([A-Za-z0-9_-]*)\.[A-Za-z0-9_-]*`)

// maskJWTs replaces each JWT in the Authorization header and the URL by
// its decoded claims with the time and id claims masked.
func maskJWTs(w *wire) {
	claims := regexp.MustCompile(`("(?:iat|exp|nbf|jti)":)("[^"]*"|[0-9.]+)`)
	mask := func(tok string) string {
		m := jwtRe.FindStringSubmatch(tok)
		b, err := base64.RawURLEncoding.DecodeString(m[1])
		if err != nil {
			return tok
		}
		return "JWT" + claims.ReplaceAllString(string(b), `$1…`)
	}
	for i, v := range w.header["authorization"] {
		w.header["authorization"][i] = jwtRe.ReplaceAllStringFunc(v, mask)
	}
	w.url = jwtRe.ReplaceAllStringFunc(w.url, mask)
}

func isTransport(name string) bool { return contains(transportHeaders, name) }

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// keptTransportHeaders names the transport headers r sets itself (enabled,
// with a key): those are compared like any other header.
func keptTransportHeaders(r *model.Request) map[string]bool {
	keep := map[string]bool{}
	for _, h := range r.Headers {
		if name := strings.ToLower(h.Key); !h.Disabled && isTransport(name) {
			keep[name] = true
		}
	}
	return keep
}

// firstDifference describes the first way got (the SDK's request) differs
// from want (newman's), or returns "" when they are equal.
func firstDifference(want, got wire) string {
	if want.method != got.method {
		return fmt.Sprintf("method: newman %s, sdk %s", want.method, got.method)
	}
	if want.url != got.url {
		return fmt.Sprintf("url: newman %q, sdk %q", want.url, got.url)
	}
	names := map[string]bool{}
	for n := range want.header {
		names[n] = true
	}
	for n := range got.header {
		names[n] = true
	}
	for _, n := range slices.Sorted(maps.Keys(names)) {
		w, g := want.header[n], got.header[n]
		if strings.Join(w, "\x00") != strings.Join(g, "\x00") || len(w) != len(g) {
			return fmt.Sprintf("header %s: newman %s, sdk %s", n, quoteList(w), quoteList(g))
		}
	}
	if !bytes.Equal(want.body, got.body) {
		i := 0
		for i < len(want.body) && i < len(got.body) && want.body[i] == got.body[i] {
			i++
		}
		return fmt.Sprintf("body (%d vs %d bytes) differs at byte %d: newman %q, sdk %q", len(want.body), len(got.body), i, excerpt(want.body, i), excerpt(got.body, i))
	}
	return ""
}

func quoteList(vs []string) string {
	if len(vs) == 0 {
		return "(none)"
	}
	q := make([]string, len(vs))
	for i, v := range vs {
		q[i] = fmt.Sprintf("%q", v)
	}
	return strings.Join(q, ", ")
}

// excerpt is up to 40 bytes of b around offset i.
func excerpt(b []byte, i int) string {
	start := max(0, i-10)
	end := min(len(b), i+30)
	if start >= end {
		return ""
	}
	return string(b[start:end])
}
