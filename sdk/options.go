package sdk

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// Option configures a Client. Options are applied in order by NewClient; an
// option that gets a bad value makes NewClient return an error.
type Option func(*Core) error

// WithBaseURL sets the URL every request of the API is sent to, in place of
// the collection's base URL: scheme, host, optional port and optional path
// prefix, such as "https://api.example.com/v2" or an httptest server's URL.
func WithBaseURL(baseURL string) Option {
	return func(c *Core) error {
		u, err := url.Parse(baseURL)
		if err != nil {
			return fmt.Errorf("WithBaseURL: %w", err)
		}
		if u.Scheme == "" || u.Host == "" {
			return fmt.Errorf("WithBaseURL: %q is not an absolute URL such as https://api.example.com", baseURL)
		}
		c.baseURL = strings.TrimRight(baseURL, "/")
		return nil
	}
}

// WithHTTPClient sets the *http.Client that sends requests; the default is
// a client of its own with http.DefaultTransport. Its Transport, Timeout
// and Jar are used as they are. hc itself is not changed: the client sends
// through a copy of it whose CheckRedirect first applies the SDK's
// redirect policy, then hc's CheckRedirect (net/http's limit of 10
// redirects when it has none). The policy keeps credentials with their
// origin: a redirect to another scheme, host or port loses every header
// and query parameter that holds a credential (those the auth added,
// those whose name says so, and those holding a value given to an auth
// option or a secret variable), and a redirect from https to plain http
// is refused with a *RedirectError. A redirect within the origin keeps
// everything.
func WithHTTPClient(hc *http.Client) Option {
	return func(c *Core) error {
		if hc == nil {
			return errors.New("WithHTTPClient: nil *http.Client")
		}
		c.httpClient = hc
		return nil
	}
}

// WithUserAgent sets the User-Agent header sent with every request that does
// not set one itself.
func WithUserAgent(userAgent string) Option {
	return func(c *Core) error {
		c.userAgent = userAgent
		return nil
	}
}

// WithVariable sets the value of a collection variable, the name written
// between {{ and }} in the collection. It overrides the collection's own
// value, and is required for variables that have none (credentials never
// have one: the generator does not copy them).
func WithVariable(name, value string) Option {
	return func(c *Core) error {
		if name == "" {
			return errors.New("WithVariable: empty variable name")
		}
		if c.vars == nil {
			c.vars = make(map[string]string)
		}
		c.vars[name] = value
		return nil
	}
}
