package sdk

import (
	"crypto/md5"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"
	"net/http"
	"strings"

	"github.com/postgen/postgen/internal/authclock"
)

// DigestAuth answers HTTP Digest challenges (RFC 7616; §10.4 digest): the
// request goes out without credentials unless the collection presets the
// realm and nonce; on a 401 or 403 with a Digest challenge it is sent
// again with the response to it.
type DigestAuth struct {
	// Username and Password are the collection's references, or notCopied.
	Username, Password string
	// Realm, Nonce, QOP and Opaque are normally learned from the
	// challenge; Algorithm defaults to MD5.
	Realm, Nonce, Algorithm, QOP, NonceCount, ClientNonce, Opaque string
	// NoRetry (truthy) does not answer the challenge.
	NoRetry string
}

// WithDigestAuth sets the username and password the collection's digest
// auth answers challenges with.
// Where the collection reads a credential from a variable the client has
// (WithVariable), that value is used instead.
func WithDigestAuth(username, password string) Option {
	return WithCredentials("digest.username", username, "digest.password", password)
}

// Apply sends the credentials at once only when the collection presets a
// challenge; preset values that do not resolve are left to the server.
func (a *DigestAuth) Apply(c *Core, _ *Operation, req *http.Request) error {
	ch := map[string]string{}
	for k, v := range map[string]string{"realm": a.Realm, "nonce": a.Nonce, "qop": a.QOP, "opaque": a.Opaque, "algorithm": a.Algorithm} {
		if r, err := c.Resolve(v); err == nil && r != "" {
			ch[k] = r
		}
	}
	if ch["realm"] == "" || ch["nonce"] == "" {
		return nil
	}
	return a.authorize(c, req, ch)
}

func (a *DigestAuth) answer(c *Core, req *http.Request, resp *http.Response) (*http.Response, error) {
	if resp.StatusCode != http.StatusUnauthorized && resp.StatusCode != http.StatusForbidden {
		return resp, nil
	}
	if noRetry, err := c.Resolve(a.NoRetry); err == nil && truthy(noRetry) {
		return resp, nil
	}
	var ch map[string]string
	for _, h := range resp.Header.Values("WWW-Authenticate") {
		if scheme, rest, _ := strings.Cut(strings.TrimSpace(h), " "); strings.EqualFold(scheme, "Digest") {
			ch = parseChallenge(rest)
			break
		}
	}
	if ch == nil {
		return resp, nil
	}
	if a.Algorithm != "" {
		if alg, err := c.Resolve(a.Algorithm); err == nil && alg != "" && ch["algorithm"] == "" {
			ch["algorithm"] = alg
		}
	}
	again, err := rewind(req)
	if err != nil {
		return nil, err
	}
	if err := a.authorize(c, again, ch); err != nil {
		return nil, err
	}
	drain(resp)
	return c.httpClient.Do(again)
}

// authorize sets the Digest header answering challenge ch.
func (a *DigestAuth) authorize(c *Core, req *http.Request, ch map[string]string) error {
	var user, pass string
	if err := c.credentials("digest", "WithDigestAuth", cred{&user, "username", a.Username, false}, cred{&pass, "password", a.Password, true}); err != nil {
		return err
	}
	nc, cnonce := a.NonceCount, a.ClientNonce
	if err := c.Settings(&nc, &cnonce); err != nil {
		return err
	}
	alg := ch["algorithm"]
	if alg == "" {
		alg = "MD5"
	}
	newHash := md5.New
	switch strings.TrimSuffix(strings.ToUpper(alg), "-SESS") {
	case "SHA-256":
		newHash = sha256.New
	case "SHA-512-256":
		newHash = sha512.New512_256
	}
	H := func(s string) string {
		h := newHash()
		h.Write([]byte(s))
		return hex.EncodeToString(h.Sum(nil))
	}
	qop := ""
	for _, q := range strings.Split(ch["qop"], ",") {
		q = strings.TrimSpace(q)
		if q == "auth" || q == "auth-int" && qop == "" {
			qop = q
		}
	}
	if qop != "" {
		if nc == "" {
			nc = "00000001"
		}
		if cnonce == "" {
			cnonce = authclock.Nonce(8)
		}
	}
	uri := requestPath(req)
	ha1 := H(user + ":" + ch["realm"] + ":" + pass)
	if strings.HasSuffix(strings.ToUpper(alg), "-SESS") {
		ha1 = H(ha1 + ":" + ch["nonce"] + ":" + cnonce)
	}
	ha2 := H(req.Method + ":" + uri)
	if qop == "auth-int" {
		body, err := requestBody(req)
		if err != nil {
			return err
		}
		ha2 = H(req.Method + ":" + uri + ":" + H(string(body)))
	}
	var response string
	if qop != "" {
		response = H(ha1 + ":" + ch["nonce"] + ":" + nc + ":" + cnonce + ":" + qop + ":" + ha2)
	} else {
		response = H(ha1 + ":" + ch["nonce"] + ":" + ha2)
	}
	v := `Digest username="` + user + `", realm="` + ch["realm"] + `", nonce="` + ch["nonce"] + `", uri="` + uri + `", algorithm="` + alg + `"`
	if qop != "" {
		v += `, qop=` + qop + `, nc=` + nc + `, cnonce="` + cnonce + `"`
	}
	v += `, response="` + response + `"`
	if ch["opaque"] != "" {
		v += `, opaque="` + ch["opaque"] + `"`
	}
	SetAuthorization(req.Header, v)
	return nil
}

// parseChallenge reads the comma-separated key=value (or key="value")
// pairs of a challenge.
func parseChallenge(s string) map[string]string {
	out := map[string]string{}
	for len(s) > 0 {
		s = strings.TrimLeft(s, " ,")
		eq := strings.IndexByte(s, '=')
		if eq < 0 {
			break
		}
		key := strings.ToLower(strings.TrimSpace(s[:eq]))
		s = strings.TrimLeft(s[eq+1:], " ")
		var val string
		if strings.HasPrefix(s, `"`) {
			end := 1
			for end < len(s) && s[end] != '"' {
				if s[end] == '\\' {
					end++
				}
				end++
			}
			val = strings.ReplaceAll(s[1:min(end, len(s))], `\`, "")
			s = s[min(end+1, len(s)):]
		} else {
			end := strings.IndexByte(s, ',')
			if end < 0 {
				end = len(s)
			}
			val = strings.TrimSpace(s[:end])
			s = s[end:]
		}
		out[key] = val
	}
	return out
}
