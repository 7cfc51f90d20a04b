package sdk

import (
	"crypto"
	"crypto/hmac"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"errors"
	"hash"
	"net/http"
	"sort"
	"strconv"
	"strings"

	"github.com/postgen/postgen/internal/authclock"
)

// OAuth1Auth signs requests with OAuth 1.0a (RFC 5849; §10.4 oauth1).
type OAuth1Auth struct {
	// Credentials: the collection's references, or notCopied.
	ConsumerKey, ConsumerSecret, Token, TokenSecret, PrivateKey, Verifier string
	// SignatureMethod is HMAC-SHA1 (the default), HMAC-SHA256,
	// HMAC-SHA512, RSA-SHA1, RSA-SHA256, RSA-SHA512 or PLAINTEXT.
	SignatureMethod string
	// Timestamp and Nonce are generated when empty.
	Timestamp, Nonce, Version, Realm, Callback string
	// Flags (truthy): put the parameters in the Authorization header; sign
	// empty parameters; add oauth_body_hash; do not percent-encode header
	// values.
	ToHeader, SignEmpty, BodyHash, RawHeader string
}

// WithOAuth1 sets the consumer key and secret and the token and its secret
// the collection's OAuth 1.0 auth signs with (token and tokenSecret may be
// empty for two-legged OAuth).
// Where the collection reads a credential from a variable the client has
// (WithVariable), that value is used instead.
func WithOAuth1(consumerKey, consumerSecret, token, tokenSecret string) Option {
	return WithCredentials("oauth1.consumerKey", consumerKey, "oauth1.consumerSecret", consumerSecret,
		"oauth1.token", token, "oauth1.tokenSecret", tokenSecret)
}

// WithOAuth1Verifier sets the oauth_verifier of the collection's OAuth 1.0
// auth, for the request that exchanges a temporary token.
func WithOAuth1Verifier(verifier string) Option {
	return WithCredentials("oauth1.verifier", verifier)
}

// WithOAuth1PrivateKey sets the PEM private key (PKCS#1 or PKCS#8) of the
// RSA signature methods.
func WithOAuth1PrivateKey(pemKey string) Option {
	return WithCredentials("oauth1.privateKey", pemKey)
}

func (a *OAuth1Auth) Apply(c *Core, op *Operation, req *http.Request) error {
	s := *a
	if err := c.Settings(&s.SignatureMethod, &s.Timestamp, &s.Nonce, &s.Version, &s.Realm, &s.Callback,
		&s.ToHeader, &s.SignEmpty, &s.BodyHash, &s.RawHeader); err != nil {
		return err
	}
	method := strings.ToUpper(s.SignatureMethod)
	if method == "" {
		method = "HMAC-SHA1"
	}
	isRSA := strings.HasPrefix(method, "RSA-")
	// An oauth1 auth with no consumer key in the collection and none set
	// by the caller is not signed: Postman sends the request's own
	// headers then (an "auth: {type: oauth1}" left without parameters).
	if _, set := c.creds["oauth1.consumerKey"]; a.ConsumerKey == "" && !set {
		return nil
	}
	err := c.credentials("oauth1", "WithOAuth1", cred{&s.ConsumerKey, "consumerKey", a.ConsumerKey, false},
		cred{&s.ConsumerSecret, "consumerSecret", a.ConsumerSecret, isRSA}, cred{&s.Token, "token", a.Token, true},
		cred{&s.TokenSecret, "tokenSecret", a.TokenSecret, true})
	if err == nil {
		err = c.credentials("oauth1", "WithOAuth1Verifier", cred{&s.Verifier, "verifier", a.Verifier, true})
	}
	if isRSA && err == nil {
		err = c.credentials("oauth1", "WithOAuth1PrivateKey", cred{&s.PrivateKey, "privateKey", a.PrivateKey, false})
	}
	if err != nil {
		return err
	}
	// Postman signs nothing when the consumer key, or the secret (the
	// private key for RSA), is empty (twitter-api-v2's empty variables).
	if s.ConsumerKey == "" || !isRSA && s.ConsumerSecret == "" || isRSA && s.PrivateKey == "" {
		return nil
	}
	if s.Timestamp == "" {
		s.Timestamp = strconv.FormatInt(authclock.Now().Unix(), 10)
	}
	if s.Nonce == "" {
		s.Nonce = authclock.Nonce(11)
	}

	// Existing oauth_* parameters and headers are replaced.
	isOAuth := func(k string) bool { return strings.HasPrefix(unescapePercent(k), "oauth_") }
	RemoveQuery(req, isOAuth)
	delete(req.Header, "Authorization")
	body, err := requestBody(req)
	if err != nil {
		return err
	}
	formBody := op != nil && op.Body != nil && op.Body.Mode == BodyURLEncoded
	if formBody {
		body = dropFormPairs(body, isOAuth)
	}

	type kv struct{ k, v string }
	oauth := []kv{{"oauth_consumer_key", s.ConsumerKey}, {"oauth_token", s.Token}, {"oauth_signature_method", method},
		{"oauth_timestamp", s.Timestamp}, {"oauth_nonce", s.Nonce}, {"oauth_version", s.Version}}
	if s.Callback != "" {
		oauth = append(oauth, kv{"oauth_callback", s.Callback})
	}
	if s.Verifier != "" {
		oauth = append(oauth, kv{"oauth_verifier", s.Verifier})
	}
	if truthy(s.BodyHash) && !formBody {
		h := oauth1Hash(method)()
		h.Write(body)
		oauth = append(oauth, kv{"oauth_body_hash", base64.StdEncoding.EncodeToString(h.Sum(nil))})
	}
	kept := oauth[:0]
	for _, p := range oauth {
		if p.v != "" || truthy(s.SignEmpty) {
			kept = append(kept, p)
		}
	}
	oauth = kept

	// The signature base string (RFC 5849 §3.4.1).
	var signed []string
	for _, p := range oauth {
		signed = append(signed, formEncode(p.k)+"="+formEncode(p.v))
	}
	for _, p := range queryPairs(req.URL.RawQuery) {
		k, v, _ := strings.Cut(p, "=")
		signed = append(signed, formEncode(unescapePercent(k))+"="+formEncode(unescapePercent(v)))
	}
	if formBody {
		for _, p := range queryPairs(string(body)) {
			k, v, _ := strings.Cut(p, "=")
			signed = append(signed, formEncode(unescapePercent(k))+"="+formEncode(unescapePercent(v)))
		}
	}
	sort.Strings(signed)
	base := strings.ToUpper(req.Method) + "&" + formEncode(oauth1BaseURL(req)) + "&" + formEncode(strings.Join(signed, "&"))
	sig, err := oauth1Sign(method, base, formEncode(s.ConsumerSecret)+"&"+formEncode(s.TokenSecret), s.PrivateKey)
	if err != nil {
		return &AuthError{Type: "oauth1", Param: "signature", Err: err}
	}
	oauth = append(oauth, kv{"oauth_signature", sig})

	switch {
	case truthy(s.ToHeader):
		var parts []string
		enc := formEncode
		if truthy(s.RawHeader) {
			enc = func(s string) string { return s }
		}
		if s.Realm != "" {
			parts = append(parts, `realm="`+enc(s.Realm)+`"`)
		}
		for _, p := range oauth {
			parts = append(parts, p.k+`="`+enc(p.v)+`"`)
		}
		req.Header["Authorization"] = []string{"OAuth " + strings.Join(parts, ",")}
		if formBody {
			setRequestBody(req, body)
		}
	case formBody && (req.Method == "POST" || req.Method == "PUT"):
		for _, p := range oauth {
			if len(body) > 0 {
				body = append(body, '&')
			}
			body = append(body, formEncode(p.k)+"="+formEncode(p.v)...)
		}
		setRequestBody(req, body)
	default:
		for _, p := range oauth {
			pair := formEncode(p.k) + "=" + formEncode(p.v)
			if req.URL.RawQuery == "" {
				req.URL.RawQuery = pair
			} else {
				req.URL.RawQuery += "&" + pair
			}
		}
		if formBody {
			setRequestBody(req, body)
		}
	}
	return nil
}

// oauth1BaseURL is the base string URI: lower-case scheme and host, the
// port only when it is not the scheme's default, and the path.
func oauth1BaseURL(req *http.Request) string {
	scheme := strings.ToLower(req.URL.Scheme)
	host := strings.ToLower(req.URL.Host)
	if h, port, ok := strings.Cut(host, ":"); ok && (scheme == "http" && port == "80" || scheme == "https" && port == "443") {
		host = h
	}
	path, _, _ := strings.Cut(requestPath(req), "?")
	return scheme + "://" + host + unescapePercent(path)
}

// dropFormPairs removes the pairs of a urlencoded body whose key drop
// reports.
func dropFormPairs(body []byte, drop func(string) bool) []byte {
	var kept []string
	for _, p := range queryPairs(string(body)) {
		if !drop(pairKey(p)) {
			kept = append(kept, p)
		}
	}
	return []byte(strings.Join(kept, "&"))
}

// oauth1Hash is the hash of a signature method.
func oauth1Hash(method string) func() hash.Hash {
	switch {
	case strings.HasSuffix(method, "SHA256"):
		return sha256.New
	case strings.HasSuffix(method, "SHA512"):
		return sha512.New
	}
	return sha1.New
}

// oauth1Sign signs the base string.
func oauth1Sign(method, base, key, pemKey string) (string, error) {
	switch {
	case method == "PLAINTEXT":
		return key, nil
	case strings.HasPrefix(method, "HMAC-"):
		m := hmac.New(oauth1Hash(method), []byte(key))
		m.Write([]byte(base))
		return base64.StdEncoding.EncodeToString(m.Sum(nil)), nil
	case strings.HasPrefix(method, "RSA-"):
		k, err := parseRSAKey(pemKey)
		if err != nil {
			return "", err
		}
		h := oauth1Hash(method)()
		h.Write([]byte(base))
		ch := crypto.SHA1
		switch h.Size() {
		case sha256.Size:
			ch = crypto.SHA256
		case sha512.Size:
			ch = crypto.SHA512
		}
		sig, err := rsa.SignPKCS1v15(rand.Reader, k, ch, h.Sum(nil))
		return base64.StdEncoding.EncodeToString(sig), err
	}
	return "", errors.New("unknown signature method " + method)
}

// parseRSAKey reads a PEM RSA private key in PKCS#1 or PKCS#8 form.
func parseRSAKey(pemKey string) (*rsa.PrivateKey, error) {
	k, err := parsePrivateKey(pemKey)
	if err != nil {
		return nil, err
	}
	rk, ok := k.(*rsa.PrivateKey)
	if !ok {
		return nil, errors.New("the private key is not an RSA key")
	}
	return rk, nil
}
