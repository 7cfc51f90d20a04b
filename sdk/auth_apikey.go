package sdk

import (
	"net/http"
	"strings"
	"unicode"
)

// APIKeyAuth sends an API key in a header or a query parameter (§10.4
// apikey).
type APIKeyAuth struct {
	// Key is the header or query parameter name; In is "query" for a query
	// parameter, anything else for a header.
	Key, In string
	// Value is the collection's reference for the key ("{{apiKey}}"), ""
	// when it held a literal, which is not copied.
	Value string
}

// WithAPIKey sets the API key the collection's apikey auth sends, in the
// header or query parameter the collection names.
// Where the collection reads a credential from a variable the client has
// (WithVariable), that value is used instead.
func WithAPIKey(key string) Option {
	return WithCredentials("apikey.value", key)
}

func (a *APIKeyAuth) Apply(c *Core, _ *Operation, req *http.Request) error {
	key, in := a.Key, a.In
	if err := c.Settings(&key, &in); err != nil {
		return err
	}
	value, err := c.Secret("apikey", "value", a.Value, "WithAPIKey")
	if err != nil {
		return err
	}
	if key == "" && value == "" {
		return nil
	}
	if in == "query" {
		setQuery(req, key, value)
		return nil
	}
	// Postman first removes every header whose name reads the same as the
	// key once split into lower-case words ("X-Api-Key", "x_api_key").
	words := lowerWords(key)
	for k := range req.Header {
		if lowerWords(k) == words {
			delete(req.Header, k)
		}
	}
	if key != "" { // a header without a name is dropped
		req.Header[key] = []string{value}
	}
	return nil
}

// lowerWords is lodash's lowerCase: the words of s (split at separators,
// camelCase humps and letter/digit changes), lower-cased, joined by single
// spaces.
func lowerWords(s string) string {
	var words []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			words = append(words, strings.ToLower(string(cur)))
			cur = cur[:0]
		}
	}
	rs := []rune(s)
	for i, r := range rs {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			flush()
			continue
		}
		if len(cur) > 0 {
			prev := cur[len(cur)-1]
			switch {
			case unicode.IsDigit(r) != unicode.IsDigit(prev):
				flush()
			case unicode.IsUpper(r) && unicode.IsLower(prev):
				flush()
			case unicode.IsUpper(r) && unicode.IsUpper(prev) && i+1 < len(rs) && unicode.IsLower(rs[i+1]):
				flush() // "XMLHttp": the last capital starts the next word
			}
		}
		cur = append(cur, r)
	}
	flush()
	return strings.Join(words, " ")
}
