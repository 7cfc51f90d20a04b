package runtime

import (
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"hash"
	"net/http"
	"strconv"
	"strings"
)

// hawkAuth signs requests with Hawk 1 (§10.4 hawk).
type hawkAuth struct {
	// id and key are the collection's references, or notCopied.
	id, key string
	// algorithm is "sha256" (the default) or "sha1".
	algorithm, user string
	// nonce and timestamp are generated when empty (or, for timestamp,
	// not an integer).
	nonce, timestamp string
	ext, app, dlg    string
	// payloadHash (truthy) adds the hash of the body.
	payloadHash string
}

// WithHawkAuth sets the Hawk key identifier and key the collection's hawk
// auth signs with.
// Where the collection reads a credential from a variable the client has
// (WithVariable), that value is used instead.
func WithHawkAuth(id, key string) Option {
	return setCreds("hawk.authId", id, "hawk.authKey", key)
}

func (a *hawkAuth) apply(c *core, op *operation, req *http.Request) error {
	s := *a
	if err := c.settings(&s.algorithm, &s.user, &s.nonce, &s.timestamp, &s.ext, &s.app, &s.dlg, &s.payloadHash); err != nil {
		return err
	}
	var id, key string
	if err := c.credentials("hawk", "WithHawkAuth", cred{&id, "authId", a.id, false}, cred{&key, "authKey", a.key, false}); err != nil {
		return err
	}
	if _, err := strconv.ParseInt(s.timestamp, 10, 64); err != nil {
		s.timestamp = strconv.FormatInt(authNow().Unix(), 10)
	}
	if s.nonce == "" {
		s.nonce = authNonce(6)
	}
	newHash := sha256.New
	if strings.EqualFold(s.algorithm, "sha1") {
		newHash = sha1.New
	}
	payload := ""
	if truthy(s.payloadHash) {
		body, err := requestBody(req)
		if err != nil {
			return err
		}
		ct := req.Header.Get("Content-Type")
		if ct == "" && op != nil && op.body != nil {
			ct = op.body.contentType
		}
		ct, _, _ = strings.Cut(ct, ";")
		h := newHash()
		h.Write([]byte("hawk.1.payload\n" + strings.ToLower(strings.TrimSpace(ct)) + "\n" + string(body) + "\n"))
		payload = base64.StdEncoding.EncodeToString(h.Sum(nil))
	}
	mac := hawkMAC(newHash, key, "header", s.timestamp, s.nonce, req, payload, s.ext, s.app, s.dlg)
	header := `Hawk id="` + id + `", ts="` + s.timestamp + `", nonce="` + s.nonce + `"`
	if payload != "" {
		header += `, hash="` + payload + `"`
	}
	if s.ext != "" {
		header += `, ext="` + hawkEscape(s.ext) + `"`
	}
	header += `, mac="` + mac + `"`
	if s.app != "" {
		header += `, app="` + s.app + `"`
		if s.dlg != "" {
			header += `, dlg="` + s.dlg + `"`
		}
	}
	setAuthorization(req.Header, header)
	return nil
}

// hawkMAC computes the MAC of Hawk's normalized string: type, ts, nonce,
// method, resource, host, port, payload hash, ext (and app, dlg), each
// ended by a newline.
func hawkMAC(newHash func() hash.Hash, key, typ, ts, nonce string, req *http.Request, payload, ext, app, dlg string) string {
	host, port := req.URL.Hostname(), req.URL.Port()
	if port == "" {
		port = "80"
		if strings.EqualFold(req.URL.Scheme, "https") {
			port = "443"
		}
	}
	norm := "hawk.1." + typ + "\n" + ts + "\n" + nonce + "\n" + strings.ToUpper(req.Method) + "\n" + requestPath(req) + "\n" +
		strings.ToLower(host) + "\n" + port + "\n" + payload + "\n" + hawkEscape(ext) + "\n"
	if app != "" {
		norm += app + "\n" + dlg + "\n"
	}
	m := hmac.New(newHash, []byte(key))
	m.Write([]byte(norm))
	return base64.StdEncoding.EncodeToString(m.Sum(nil))
}

// hawkEscape escapes ext the way Hawk does: backslashes and quotes.
func hawkEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s)
}
