package sdk

import (
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"hash"
	"net/http"
	"strconv"
	"strings"

	"github.com/postgen/postgen/internal/authclock"
)

// HawkAuth signs requests with Hawk 1 (§10.4 hawk).
type HawkAuth struct {
	// ID and Key are the collection's references, or notCopied.
	ID, Key string
	// Algorithm is "sha256" (the default) or "sha1".
	Algorithm, User string
	// Nonce and Timestamp are generated when empty (or, for Timestamp,
	// not an integer).
	Nonce, Timestamp string
	Ext, App, Dlg    string
	// PayloadHash (truthy) adds the hash of the body.
	PayloadHash string
}

// WithHawkAuth sets the Hawk key identifier and key the collection's hawk
// auth signs with.
// Where the collection reads a credential from a variable the client has
// (WithVariable), that value is used instead.
func WithHawkAuth(id, key string) Option {
	return WithCredentials("hawk.authId", id, "hawk.authKey", key)
}

func (a *HawkAuth) Apply(c *Core, op *Operation, req *http.Request) error {
	s := *a
	if err := c.Settings(&s.Algorithm, &s.User, &s.Nonce, &s.Timestamp, &s.Ext, &s.App, &s.Dlg, &s.PayloadHash); err != nil {
		return err
	}
	var id, key string
	if err := c.credentials("hawk", "WithHawkAuth", cred{&id, "authId", a.ID, false}, cred{&key, "authKey", a.Key, false}); err != nil {
		return err
	}
	if _, err := strconv.ParseInt(s.Timestamp, 10, 64); err != nil {
		s.Timestamp = strconv.FormatInt(authclock.Now().Unix(), 10)
	}
	if s.Nonce == "" {
		s.Nonce = authclock.Nonce(6)
	}
	newHash := sha256.New
	if strings.EqualFold(s.Algorithm, "sha1") {
		newHash = sha1.New
	}
	payload := ""
	if truthy(s.PayloadHash) {
		body, err := requestBody(req)
		if err != nil {
			return err
		}
		ct := req.Header.Get("Content-Type")
		if ct == "" && op != nil && op.Body != nil {
			ct = op.Body.ContentType
		}
		ct, _, _ = strings.Cut(ct, ";")
		h := newHash()
		h.Write([]byte("hawk.1.payload\n" + strings.ToLower(strings.TrimSpace(ct)) + "\n" + string(body) + "\n"))
		payload = base64.StdEncoding.EncodeToString(h.Sum(nil))
	}
	mac := hawkMAC(newHash, key, "header", s.Timestamp, s.Nonce, req, payload, s.Ext, s.App, s.Dlg)
	header := `Hawk id="` + id + `", ts="` + s.Timestamp + `", nonce="` + s.Nonce + `"`
	if payload != "" {
		header += `, hash="` + payload + `"`
	}
	if s.Ext != "" {
		header += `, ext="` + hawkEscape(s.Ext) + `"`
	}
	header += `, mac="` + mac + `"`
	if s.App != "" {
		header += `, app="` + s.App + `"`
		if s.Dlg != "" {
			header += `, dlg="` + s.Dlg + `"`
		}
	}
	SetAuthorization(req.Header, header)
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
