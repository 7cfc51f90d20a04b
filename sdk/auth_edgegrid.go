package sdk

import (
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/postgen/postgen/internal/authclock"
)

// EdgeGridAuth signs requests with Akamai EdgeGrid (EG1-HMAC-SHA256;
// §10.4 edgegrid).
type EdgeGridAuth struct {
	// AccessToken, ClientToken and ClientSecret are the collection's
	// references, or notCopied.
	AccessToken, ClientToken, ClientSecret string
	// BaseURL's host replaces the request's in the signature.
	BaseURL string
	// Nonce (a UUID) and Timestamp are generated when empty.
	Nonce, Timestamp string
	// HeadersToSign is a comma-separated list of header names.
	HeadersToSign string
	// MaxBodySize caps the hashed body, 131072 bytes by default.
	MaxBodySize string
}

// WithEdgeGrid sets the client token, client secret and access token the
// collection's EdgeGrid auth signs with.
// Where the collection reads a credential from a variable the client has
// (WithVariable), that value is used instead.
func WithEdgeGrid(clientToken, clientSecret, accessToken string) Option {
	return WithCredentials("edgegrid.clientToken", clientToken, "edgegrid.clientSecret", clientSecret, "edgegrid.accessToken", accessToken)
}

func (a *EdgeGridAuth) Apply(c *Core, _ *Operation, req *http.Request) error {
	s := *a
	if err := c.Settings(&s.BaseURL, &s.Nonce, &s.Timestamp, &s.HeadersToSign, &s.MaxBodySize); err != nil {
		return err
	}
	if err := c.credentials("edgegrid", "WithEdgeGrid", cred{&s.ClientToken, "clientToken", a.ClientToken, false},
		cred{&s.AccessToken, "accessToken", a.AccessToken, false}, cred{&s.ClientSecret, "clientSecret", a.ClientSecret, false}); err != nil {
		return err
	}
	if s.Timestamp == "" {
		s.Timestamp = authclock.Now().UTC().Format("20060102T15:04:05+0000")
	}
	if s.Nonce == "" {
		s.Nonce = newUUID()
	}
	host := req.URL.Host
	if u, err := url.Parse(s.BaseURL); err == nil && u.Host != "" {
		host = u.Host
	}
	var canon []string
	for _, name := range strings.Split(s.HeadersToSign, ",") {
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
		if n, err := strconv.Atoi(s.MaxBodySize); err == nil && n > 0 {
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
	prefix := "EG1-HMAC-SHA256 client_token=" + s.ClientToken + ";access_token=" + s.AccessToken + ";timestamp=" + s.Timestamp + ";nonce=" + s.Nonce + ";"
	data := strings.Join([]string{req.Method, strings.ToLower(req.URL.Scheme), host, requestPath(req), strings.Join(canon, "\t"), contentHash, prefix}, "\t")
	key := base64.StdEncoding.EncodeToString(hmacSHA256([]byte(s.ClientSecret), s.Timestamp))
	sig := base64.StdEncoding.EncodeToString(hmacSHA256([]byte(key), data))
	SetAuthorization(req.Header, prefix+"signature="+sig)
	return nil
}
