package runtime

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// Option configures a Client. Options are applied in order by NewClient; an
// option that gets a bad value makes NewClient return an error.
type Option func(*core) error

// WithBaseURL sets the URL every request of the API is sent to, in place of
// the collection's base URL: scheme, host, optional port and optional path
// prefix, such as "https://api.example.com/v2" or an httptest server's URL.
func WithBaseURL(baseURL string) Option {
	return func(c *core) error {
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

// WithHTTPClient sets the *http.Client that sends requests. Its Transport,
// Timeout, Jar and redirect policy are used as they are; the default is a
// client of its own with http.DefaultTransport.
func WithHTTPClient(hc *http.Client) Option {
	return func(c *core) error {
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
	return func(c *core) error {
		c.userAgent = userAgent
		return nil
	}
}

// WithVariable sets the value of a collection variable, the name written
// between {{ and }} in the collection. It overrides the collection's own
// value, and is required for variables that have none (credentials never
// have one: the generator does not copy them).
func WithVariable(name, value string) Option {
	return func(c *core) error {
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
