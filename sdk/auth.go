package sdk

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/hmac"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/sha512"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"fmt"
	"hash"
	"io"
	"math/big"
	"net/http"
	"strings"
)

// This file holds what every auth type shares (POSTMAN-FORMAT.md §10):
// where credentials come from, the errors a request that cannot be
// authenticated gets, and the small edits auth makes to a built request.
// It is copied into an SDK only when the collection uses auth; each type
// lives in its own auth_<type>.go.
//
// Credentials never come from generated code: the generator copies an
// auth's settings (key names, URLs, algorithms) but not its secrets. A
// secret comes from the option of its type (WithBearerToken, ...), or,
// when the collection refers to a variable for it ("{{token}}"), from that
// variable, which the SDK user sets with WithVariable.

// NotCopied stands, in generated code, for a credential the collection
// holds as a literal: the generator does not copy it, so the SDK user must
// set it with the type's option.
const NotCopied = "\x00not copied"

// AuthError is returned when a request cannot be authenticated: a
// credential its auth needs is not set, or a setting or key cannot be used.
// Nothing was sent. It is wrapped in a *RequestError; match it with
// errors.As.
type AuthError struct {
	// Type is the Postman auth type, e.g. "bearer".
	Type string
	// Param is the auth parameter at fault, e.g. "token".
	Param string
	// Option is the option that sets the parameter, e.g. "WithBearerToken".
	Option string
	// Variable is the collection variable the parameter refers to, if any.
	Variable string
	// Err is the cause when the parameter is set but unusable.
	Err error
}

// Error says what is missing or wrong, and how to set it.
func (e *AuthError) Error() string {
	switch {
	case e.Err != nil:
		return fmt.Sprintf("%s auth: %s: %v", e.Type, e.Param, e.Err)
	case e.Variable != "":
		return fmt.Sprintf("%s auth: %s is not set: use %s or WithVariable(%q, value)", e.Type, e.Param, e.Option, e.Variable)
	default:
		return fmt.Sprintf("%s auth: %s is not set (the collection's value is not copied into the SDK): use %s", e.Type, e.Param, e.Option)
	}
}

// Unwrap returns the cause.
func (e *AuthError) Unwrap() error { return e.Err }

// Secret returns the value of a credential. When the collection reads it
// from variables ("{{token}}") and the client has them, that value is used:
// a variable names one auth precisely. Otherwise the value set with the
// type's option (stored under typ.param) is used, so an option is the
// fallback for every auth of its type. Neither gives an *AuthError naming
// both ways to set it.
func (c *Core) Secret(typ, param, ref, option string) (string, error) {
	return c.credential(typ, param, ref, option, false)
}

// OptionalSecret is secret for a credential that may be empty (a password
// with a username, an OAuth 1 token): when the collection leaves it empty
// and no option sets it, it is "".
func (c *Core) OptionalSecret(typ, param, ref, option string) (string, error) {
	return c.credential(typ, param, ref, option, true)
}

// cred is one credential an authorizer reads: where its value goes, its
// parameter, the collection's reference, and whether it may be empty.
type cred struct {
	dst        *string
	param, ref string
	optional   bool
}

// credentials reads the credentials of one auth type, set by option, and
// stops at the first that is missing.
func (c *Core) credentials(typ, option string, creds ...cred) error {
	for _, cr := range creds {
		v, err := c.credential(typ, cr.param, cr.ref, option, cr.optional)
		if err != nil {
			return err
		}
		*cr.dst = v
	}
	return nil
}

func (c *Core) credential(typ, param, ref, option string, optional bool) (string, error) {
	e := &AuthError{Type: typ, Param: param, Option: option}
	if ref != "" && ref != NotCopied {
		v, err := c.Resolve(ref)
		var ve *VariableError
		switch {
		case err == nil:
			return v, nil
		case !errors.As(err, &ve):
			return "", err
		}
		e.Variable = ve.Name
	}
	if v, ok := c.creds[typ+"."+param]; ok {
		return v, nil
	}
	if ref == "" && optional {
		return "", nil
	}
	return "", e
}

// Settings resolves the {{variables}} of several auth Settings at once.
func (c *Core) Settings(texts ...*string) error {
	for _, t := range texts {
		v, err := c.Resolve(*t)
		if err != nil {
			return err
		}
		*t = v
	}
	return nil
}

// truthy reads an auth flag (§10.1). The generator has already cast the
// collection's value as Postman does, into "true" or "false"; only a flag
// whose value comes from a variable at run time reaches here as free text,
// which counts as true unless it is empty, "false" or "0" (Postman would
// read any non-empty text as true: the SDK reads it as its author meant).
func truthy(s string) bool {
	switch strings.TrimSpace(strings.ToLower(s)) {
	case "", "false", "0":
		return false
	}
	return true
}

// WithCredentials returns an option that stores credentials by
// "type.param" key ("bearer.token", "basic.password"), in pairs of key and
// value, as the auth options do: for tools that hold credentials by name,
// such as postgen's fidelity harness.
func WithCredentials(kv ...string) Option {
	return func(c *Core) error {
		if c.creds == nil {
			c.creds = make(map[string]string)
		}
		for i := 0; i+1 < len(kv); i += 2 {
			c.creds[kv[i]] = kv[i+1]
		}
		return nil
	}
}

// HTTPClient returns the *http.Client the client sends requests with,
// for auth types that call servers of their own (an OAuth 2.0 token
// endpoint).
func (c *Core) HTTPClient() *http.Client { return c.httpClient }

// AuthState returns the value WithAuthState keeps under key, or nil.
func (c *Core) AuthState(key string) any { return c.authState[key] }

// WithAuthState returns an option that keeps a value an auth type needs
// (a token source, a parsed key) under key, for the auth types of
// packages other than this one (sdkoauth2) as for its own.
func WithAuthState(key string, v any) Option {
	return func(c *Core) error {
		if c.authState == nil {
			c.authState = make(map[string]any)
		}
		c.authState[key] = v
		return nil
	}
}

// SetAuthorization replaces every Authorization header (any case) with
// value.
func SetAuthorization(h http.Header, value string) {
	setHeaderFold(h, "Authorization", value)
}

// setHeaderFold removes every header named key in any case, then sets it
// with the spelling key has.
func setHeaderFold(h http.Header, key, value string) {
	for k := range h {
		if strings.EqualFold(k, key) {
			delete(h, k)
		}
	}
	h[key] = []string{value}
}

// RemoveQuery drops the query parameters whose raw key drop reports.
func RemoveQuery(req *http.Request, drop func(key string) bool) {
	var kept []string
	for _, p := range queryPairs(req.URL.RawQuery) {
		if !drop(pairKey(p)) {
			kept = append(kept, p)
		}
	}
	req.URL.RawQuery = strings.Join(kept, "&")
}

// AppendQuery adds key=value at the end of the query, encoded like any
// collection query value (§6.5).
func AppendQuery(req *http.Request, key, value string) {
	pair := percentEncode(escapeQueryKey(key), queryEncodeSet) + "=" + percentEncode(escapeQueryValue(value), queryEncodeSet)
	if req.URL.RawQuery == "" {
		req.URL.RawQuery = pair
	} else {
		req.URL.RawQuery += "&" + pair
	}
	req.URL.ForceQuery = false
}

// setQuery replaces every query parameter named key with key=value at the
// end of the query.
func setQuery(req *http.Request, key, value string) {
	enc := percentEncode(escapeQueryKey(key), queryEncodeSet)
	RemoveQuery(req, func(k string) bool { return k == enc })
	AppendQuery(req, key, value)
}

// requestBody returns the bytes of req's body without consuming it.
func requestBody(req *http.Request) ([]byte, error) {
	if req.Body == nil || req.Body == http.NoBody || req.GetBody == nil {
		return nil, nil
	}
	rc, err := req.GetBody()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return io.ReadAll(rc)
}

// setRequestBody replaces req's body with b.
func setRequestBody(req *http.Request, b []byte) {
	req.ContentLength = int64(len(b))
	req.Body = io.NopCloser(bytes.NewReader(b))
	req.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(b)), nil }
}

// requestPath is the path and query of req as the request line carries
// them.
func requestPath(req *http.Request) string {
	p := req.URL.Opaque
	if p == "" {
		p = req.URL.EscapedPath()
	}
	if p == "" {
		p = "/"
	}
	if req.URL.RawQuery != "" || req.URL.ForceQuery {
		p += "?" + req.URL.RawQuery
	}
	return p
}

// drain reads and closes a response that will not be returned, so its
// connection can be reused (NTLM needs the same connection).
func drain(resp *http.Response) {
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20))
	resp.Body.Close()
}

// parsePrivateKey reads a PEM private key: PKCS#8, PKCS#1 or SEC 1.
func parsePrivateKey(pemKey string) (crypto.Signer, error) {
	block, _ := pem.Decode([]byte(pemKey))
	if block == nil {
		return nil, errors.New("the private key is not PEM text")
	}
	if k, err := x509.ParsePKCS8PrivateKey(block.Bytes); err == nil {
		if s, ok := k.(crypto.Signer); ok {
			return s, nil
		}
		return nil, errors.New("the private key cannot sign")
	}
	if k, err := x509.ParsePKCS1PrivateKey(block.Bytes); err == nil {
		return k, nil
	}
	if k, err := x509.ParseECPrivateKey(block.Bytes); err == nil {
		return k, nil
	}
	return nil, errors.New("the private key is neither PKCS#8, PKCS#1 nor SEC 1")
}

// hashHex is the hex SHA-256 of b.
func hashHex(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// hmacSHA256 is HMAC-SHA256 of data under key.
func hmacSHA256(key []byte, data string) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(data))
	return m.Sum(nil)
}

// signJWT signs header.payload (both JSON) with alg and key: []byte for
// HS*, a crypto.Signer for the others.
func signJWT(alg string, header, payload []byte, key any) (string, error) {
	enc := base64.RawURLEncoding
	input := enc.EncodeToString(header) + "." + enc.EncodeToString(payload)
	var newHash func() hash.Hash
	var ch crypto.Hash
	switch alg[len(alg)-3:] {
	case "256":
		newHash, ch = sha256.New, crypto.SHA256
	case "384":
		newHash, ch = sha512.New384, crypto.SHA384
	case "512":
		newHash, ch = sha512.New, crypto.SHA512
	default:
		return "", errors.New("unsupported algorithm " + alg)
	}
	var sig []byte
	switch alg[:2] {
	case "HS":
		k, ok := key.([]byte)
		if !ok {
			return "", errors.New(alg + " needs a shared secret")
		}
		m := hmac.New(newHash, k)
		m.Write([]byte(input))
		sig = m.Sum(nil)
	case "RS", "PS", "ES":
		h := newHash()
		h.Write([]byte(input))
		digest := h.Sum(nil)
		var err error
		switch k := key.(type) {
		case *rsa.PrivateKey:
			if alg[:2] == "RS" {
				sig, err = rsa.SignPKCS1v15(rand.Reader, k, ch, digest)
			} else if alg[:2] == "PS" {
				sig, err = rsa.SignPSS(rand.Reader, k, ch, digest, &rsa.PSSOptions{SaltLength: rsa.PSSSaltLengthEqualsHash})
			} else {
				return "", errors.New(alg + " needs an EC key, not RSA")
			}
		case *ecdsa.PrivateKey:
			if alg[:2] != "ES" {
				return "", errors.New(alg + " needs an RSA key, not EC")
			}
			var r, s *big.Int
			if r, s, err = ecdsa.Sign(rand.Reader, k, digest); err == nil {
				size := (k.Curve.Params().BitSize + 7) / 8
				sig = make([]byte, 2*size)
				r.FillBytes(sig[:size])
				s.FillBytes(sig[size:])
			}
		default:
			return "", errors.New(alg + " needs an RSA or EC private key")
		}
		if err != nil {
			return "", err
		}
	default:
		return "", errors.New("unsupported algorithm " + alg)
	}
	return input + "." + enc.EncodeToString(sig), nil
}
