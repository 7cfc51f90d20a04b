package sdk

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/http"
	"sort"
	"strconv"
	"strings"

	"github.com/postgen/postgen/internal/authclock"
)

// ASAPAuth sends an Atlassian service-to-service (ASAP) token, a JWT
// signed for each request (§10.4 asap).
type ASAPAuth struct {
	// PrivateKey is the collection's reference, or notCopied.
	PrivateKey string
	// Alg defaults to RS256; Sub to Iss; Exp (a lifetime in seconds) to
	// 3600. Claims, a JSON object, overrides the others.
	Alg, Kid, Iss, Sub, Aud, Exp, Claims string
}

// WithASAPKey sets the private key the collection's ASAP auth signs with:
// PEM (PKCS#8) or a data:application/pkcs8;kid=...;base64,... URI.
// Where the collection reads a credential from a variable the client has
// (WithVariable), that value is used instead.
func WithASAPKey(privateKey string) Option {
	return WithCredentials("asap.privateKey", privateKey)
}

func (a *ASAPAuth) Apply(c *Core, _ *Operation, req *http.Request) error {
	s := *a
	if err := c.Settings(&s.Alg, &s.Kid, &s.Iss, &s.Sub, &s.Aud, &s.Exp, &s.Claims); err != nil {
		return err
	}
	pemKey, err := c.Secret("asap", "privateKey", a.PrivateKey, "WithASAPKey")
	if err != nil {
		return err
	}
	if rest, ok := strings.CutPrefix(pemKey, "data:application/pkcs8;"); ok {
		meta, data, _ := strings.Cut(rest, ",")
		for _, part := range strings.Split(meta, ";") {
			if kid, ok := strings.CutPrefix(part, "kid="); ok && s.Kid == "" {
				s.Kid = kid
			}
		}
		der, err := base64.StdEncoding.DecodeString(data)
		if err != nil {
			return &AuthError{Type: "asap", Param: "privateKey", Err: errors.New("the data URI is not base64")}
		}
		pemKey = "-----BEGIN PRIVATE KEY-----\n" + base64.StdEncoding.EncodeToString(der) + "\n-----END PRIVATE KEY-----\n"
	}
	key, err := parsePrivateKey(pemKey)
	if err != nil {
		return &AuthError{Type: "asap", Param: "privateKey", Err: err}
	}
	alg := strings.ToUpper(s.Alg)
	if alg == "" {
		alg = "RS256"
	}
	if s.Sub == "" {
		s.Sub = s.Iss
	}
	life, err := strconv.ParseInt(s.Exp, 10, 64)
	if err != nil || life <= 0 {
		life = 3600
	}
	now := authclock.Now().Unix()
	header, _ := json.Marshal(struct {
		Alg string `json:"alg"`
		Kid string `json:"kid"`
	}{alg, s.Kid})
	payload, _ := json.Marshal(struct {
		Iat int64  `json:"iat"`
		Iss string `json:"iss"`
		Sub string `json:"sub"`
		Jti string `json:"jti"`
		Aud string `json:"aud"`
		Exp int64  `json:"exp"`
	}{now, s.Iss, s.Sub, newUUID(), s.Aud, now + life})
	if strings.TrimSpace(s.Claims) != "" {
		if payload, err = mergeJSON(payload, s.Claims); err != nil {
			return &AuthError{Type: "asap", Param: "claims", Err: err}
		}
	}
	token, err := signJWT(alg, header, payload, key)
	if err != nil {
		return &AuthError{Type: "asap", Param: "alg", Err: err}
	}
	SetAuthorization(req.Header, "Bearer "+token)
	return nil
}

// mergeJSON sets the members of the JSON object over onto base, keeping
// base's order for the members it has.
func mergeJSON(base []byte, over string) ([]byte, error) {
	var extra map[string]json.RawMessage
	if err := json.Unmarshal([]byte(over), &extra); err != nil {
		return nil, err
	}
	dec := json.NewDecoder(strings.NewReader(string(base)))
	dec.Token()
	var out []byte
	out = append(out, '{')
	seen := map[string]bool{}
	for dec.More() {
		t, _ := dec.Token()
		var raw json.RawMessage
		dec.Decode(&raw)
		name := t.(string)
		seen[name] = true
		if v, ok := extra[name]; ok {
			raw = v
		}
		if len(out) > 1 {
			out = append(out, ',')
		}
		n, _ := json.Marshal(name)
		out = append(append(append(out, n...), ':'), raw...)
	}
	var rest []string
	for k := range extra {
		if !seen[k] {
			rest = append(rest, k)
		}
	}
	sort.Strings(rest)
	for _, k := range rest {
		if len(out) > 1 {
			out = append(out, ',')
		}
		n, _ := json.Marshal(k)
		out = append(append(append(out, n...), ':'), extra[k]...)
	}
	return append(out, '}'), nil
}
