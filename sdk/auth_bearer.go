package sdk

import "net/http"

// BearerAuth sends "Authorization: Bearer <token>" (§10.4 bearer).
type BearerAuth struct {
	// Token is the collection's reference ("{{Token}}"), "" when it held a
	// literal, which is not copied.
	Token string
}

// WithBearerToken sets the token the collection's bearer auth sends as
// "Authorization: Bearer <token>".
// Where the collection reads a credential from a variable the client has
// (WithVariable), that value is used instead.
func WithBearerToken(token string) Option {
	return WithCredentials("bearer.token", token)
}

func (a *BearerAuth) Apply(c *Core, _ *Operation, req *http.Request) error {
	token, err := c.Secret("bearer", "token", a.Token, "WithBearerToken")
	if err != nil {
		return err
	}
	if token == "" {
		return nil // Postman sends no Authorization for an empty token (P10)
	}
	SetAuthorization(req.Header, "Bearer "+token)
	return nil
}
