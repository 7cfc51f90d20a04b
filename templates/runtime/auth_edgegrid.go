package runtime

import (
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// edgegridAuth signs requests with Akamai EdgeGrid (EG1-HMAC-SHA256;
// §10.4 edgegrid).
type edgegridAuth struct {
	// accessToken, clientToken and clientSecret are the collection's
	// references, or notCopied.
	accessToken, clientToken, clientSecret string
	// baseURL's host replaces the request's in the signature.
	baseURL string
	// nonce (a UUID) and timestamp are generated when empty.
	nonce, timestamp string
	// headersToSign is a comma-separated list of header names.
	headersToSign string
	// maxBodySize caps the hashed body, 131072 bytes by default.
	maxBodySize string
}

// WithEdgeGrid sets the client token, client secret and access token the
// collection's EdgeGrid auth signs with.
// Where the collection reads a credential from a variable the client has
// (WithVariable), that value is used instead.
func WithEdgeGrid(clientToken, clientSecret, accessToken string) Option {
	return setCreds("edgegrid.clientToken", clientToken, "edgegrid.clientSecret", clientSecret, "edgegrid.accessToken", accessToken)
}

func (a *edgegridAuth) apply(c *core, _ *operation, req *http.Request) error {
	s := *a
	if err := c.settings(&s.baseURL, &s.nonce, &s.timestamp, &s.headersToSign, &s.maxBodySize); err != nil {
		return err
	}
	if err := c.credentials("edgegrid", "WithEdgeGrid", cred{&s.clientToken, "clientToken", a.clientToken, false},
		cred{&s.accessToken, "accessToken", a.accessToken, false}, cred{&s.clientSecret, "clientSecret", a.clientSecret, false}); err != nil {
		return err
	}
	if s.timestamp == "" {
		s.timestamp = authNow().UTC().Format("20060102T15:04:05+0000")
	}
	if s.nonce == "" {
		s.nonce = newUUID()
	}
	host := req.URL.Host
	if u, err := url.Parse(s.baseURL); err == nil && u.Host != "" {
		host = u.Host
	}
	var canon []string
	for _, name := range strings.Split(s.headersToSign, ",") {
		if name = strings.TrimSpace(name); name != "" {
			if v := req.Header.Get(name); v != "" {
				canon = append(canon, strings.ToLower(name)+":"+strings.Join(strings.Fields(v), " "))
			}
		}
	}
	contentHash := ""
	if req.Method == "POST" {
		body, err := requestBody(req)
		if err != nil {
			return err
		}
		max := 131072
		if n, err := strconv.Atoi(s.maxBodySize); err == nil && n > 0 {
			max = n
		}
		if len(body) > max {
			body = body[:max]
		}
		if len(body) > 0 {
			h := sha256.Sum256(body)
			contentHash = base64.StdEncoding.EncodeToString(h[:])
		}
	}
	prefix := "EG1-HMAC-SHA256 client_token=" + s.clientToken + ";access_token=" + s.accessToken + ";timestamp=" + s.timestamp + ";nonce=" + s.nonce + ";"
	data := strings.Join([]string{req.Method, strings.ToLower(req.URL.Scheme), host, requestPath(req), strings.Join(canon, "\t"), contentHash, prefix}, "\t")
	key := base64.StdEncoding.EncodeToString(hmacSHA256([]byte(s.clientSecret), s.timestamp))
	sig := base64.StdEncoding.EncodeToString(hmacSHA256([]byte(key), data))
	setAuthorization(req.Header, prefix+"signature="+sig)
	return nil
}
