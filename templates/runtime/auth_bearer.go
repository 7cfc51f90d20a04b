package runtime

import "net/http"

// bearerAuth sends "Authorization: Bearer <token>" (§10.4 bearer).
type bearerAuth struct {
	// token is the collection's reference ("{{token}}"), "" when it held a
	// literal, which is not copied.
	token string
}

// WithBearerToken sets the token the collection's bearer auth sends as
// "Authorization: Bearer <token>".
// Where the collection reads a credential from a variable the client has
// (WithVariable), that value is used instead.
func WithBearerToken(token string) Option {
	return setCreds("bearer.token", token)
}

func (a *bearerAuth) apply(c *core, _ *operation, req *http.Request) error {
	token, err := c.secret("bearer", "token", a.token, "WithBearerToken")
	if err != nil {
		return err
	}
	if token == "" {
		return nil // Postman sends no Authorization for an empty token (P10)
	}
	setAuthorization(req.Header, "Bearer "+token)
	return nil
}
