package runtime

import (
	"encoding/base64"
	"net/http"
)

// basicAuth sends "Authorization: Basic base64(username:password)" (§10.4
// basic). Postman always applies it; a missing password is empty.
type basicAuth struct {
	// username and password are the collection's references
	// ("{{user}}"), "" when they held literals, which are not copied.
	username, password string
}

// WithBasicAuth sets the username and password the collection's basic
// auth sends.
// Where the collection reads a credential from a variable the client has
// (WithVariable), that value is used instead.
func WithBasicAuth(username, password string) Option {
	return setCreds("basic.username", username, "basic.password", password)
}

func (a *basicAuth) apply(c *core, _ *operation, req *http.Request) error {
	var user, pass string
	if err := c.credentials("basic", "WithBasicAuth", cred{&user, "username", a.username, false}, cred{&pass, "password", a.password, true}); err != nil {
		return err
	}
	setAuthorization(req.Header, "Basic "+base64.StdEncoding.EncodeToString([]byte(user+":"+pass)))
	return nil
}
