package sdk

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
)

// JWTAuth sends a JSON Web Token it signs for each request (§10.4 jwt).
type JWTAuth struct {
	// Secret (HS*) and PrivateKey (other algorithms) are the collection's
	// references, or notCopied.
	Secret, PrivateKey string
	// Algorithm is HS256/384/512, RS*, PS* or ES*.
	Algorithm string
	// Base64Secret (truthy) says the secret is base64.
	Base64Secret string
	// Payload and Header are JSON objects; alg is set in the Header.
	Payload, Header string
	// AddTokenTo is "queryParam" for ?<QueryParamKey>=, else the header
	// with HeaderPrefix ("" sends the bare token).
	AddTokenTo, HeaderPrefix, QueryParamKey string
}

// WithJWTKey sets the key the collection's JWT auth signs with: the shared
// secret for HS* algorithms, a PEM private key (PKCS#8) for the others.
// Where the collection reads a credential from a variable the client has
// (WithVariable), that value is used instead.
func WithJWTKey(key string) Option {
	return WithCredentials("jwt.secret", key, "jwt.privateKey", key)
}

func (a *JWTAuth) Apply(c *Core, _ *Operation, req *http.Request) error {
	s := *a
	if err := c.Settings(&s.Algorithm, &s.Base64Secret, &s.Payload, &s.Header, &s.AddTokenTo, &s.HeaderPrefix, &s.QueryParamKey); err != nil {
		return err
	}
	alg := strings.ToUpper(s.Algorithm)
	if alg == "" {
		alg = "HS256"
	}
	var key any
	if strings.HasPrefix(alg, "HS") {
		secret, err := c.Secret("jwt", "secret", a.Secret, "WithJWTKey")
		if err != nil {
			return err
		}
		k := []byte(secret)
		if truthy(s.Base64Secret) {
			if k, err = base64.StdEncoding.DecodeString(secret); err != nil {
				return &AuthError{Type: "jwt", Param: "secret", Err: errors.New("isSecretBase64Encoded is set but the secret is not base64")}
			}
		}
		key = k
	} else {
		pemKey, err := c.Secret("jwt", "privateKey", a.PrivateKey, "WithJWTKey")
		if err != nil {
			return err
		}
		if key, err = parsePrivateKey(pemKey); err != nil {
			return &AuthError{Type: "jwt", Param: "privateKey", Err: err}
		}
	}
	header, err := jsonWithMember(s.Header, "alg", alg)
	if err != nil {
		return &AuthError{Type: "jwt", Param: "header", Err: err}
	}
	payload, err := jsonWithMember(s.Payload, "", "")
	if err != nil {
		return &AuthError{Type: "jwt", Param: "payload", Err: err}
	}
	token, err := signJWT(alg, header, payload, key)
	if err != nil {
		return &AuthError{Type: "jwt", Param: "algorithm", Err: err}
	}
	if s.AddTokenTo == "queryParam" {
		key := s.QueryParamKey
		if key == "" {
			key = "token"
		}
		setQuery(req, key, token)
		return nil
	}
	if p := strings.TrimSpace(s.HeaderPrefix); p != "" {
		token = p + " " + token
	}
	SetAuthorization(req.Header, token)
	return nil
}

// jsonWithMember compacts the JSON object text, with member key set to the
// string value: in place when the object has it, else last, the order
// JavaScript objects keep. An empty text is {}.
func jsonWithMember(text, key, value string) ([]byte, error) {
	if strings.TrimSpace(text) == "" {
		text = "{}"
	}
	dec := json.NewDecoder(strings.NewReader(text))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil, errors.New("not a JSON object")
	}
	var b bytes.Buffer
	b.WriteByte('{')
	quoted, _ := json.Marshal(value)
	found := false
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return nil, err
		}
		name := t.(string)
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, err
		}
		if b.Len() > 1 {
			b.WriteByte(',')
		}
		n, _ := json.Marshal(name)
		b.Write(n)
		b.WriteByte(':')
		if key != "" && name == key {
			b.Write(quoted)
			found = true
			continue
		}
		if err := json.Compact(&b, raw); err != nil {
			return nil, err
		}
	}
	if key != "" && !found {
		if b.Len() > 1 {
			b.WriteByte(',')
		}
		n, _ := json.Marshal(key)
		b.Write(n)
		b.WriteByte(':')
		b.Write(quoted)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}
