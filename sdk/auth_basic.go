package sdk

import (
	"encoding/base64"
	"net/http"
)

// BasicAuth sends "Authorization: Basic base64(username:password)" (§10.4
// basic). Postman always applies it; a missing password is empty.
type BasicAuth struct {
	// Username and Password are the collection's references
	// ("{{user}}"), "" when they held literals, which are not copied.
	Username, Password string
}

// WithBasicAuth sets the username and password the collection's basic
// auth sends.
// Where the collection reads a credential from a variable the client has
// (WithVariable), that value is used instead.
func WithBasicAuth(username, password string) Option {
	return WithCredentials("basic.username", username, "basic.password", password)
}

func (a *BasicAuth) Apply(c *Core, _ *Operation, req *http.Request) error {
	var user, pass string
	if err := c.credentials("basic", "WithBasicAuth", cred{&user, "username", a.Username, false}, cred{&pass, "password", a.Password, true}); err != nil {
		return err
	}
	SetAuthorization(req.Header, "Basic "+base64.StdEncoding.EncodeToString([]byte(user+":"+pass)))
	return nil
}
