package sdk

import (
	"context"
	"fmt"
	"net/http"
)

// RequestHook changes a request just before it is sent: it signs it, adds
// a header a collection's script computed, logs it. It runs on every
// attempt (retries included, so a signature over a timestamp is fresh),
// after auth and the system headers, with the body readable: the SDK
// rewinds the body after the hook read it. An error stops the call
// before anything is sent; the call returns it wrapped in a
// *RequestError.
type RequestHook func(ctx context.Context, req *http.Request) error

// WithRequestHook adds a hook that runs on every request of the client,
// after the hooks added before it. It is the place for what a
// collection's pre-request script did (an HMAC signature over the query
// and body, a timestamp header): see the package doc of an SDK whose
// collection signs.
func WithRequestHook(hook RequestHook) Option {
	return func(c *Core) error {
		if hook == nil {
			return fmt.Errorf("WithRequestHook: the hook is nil")
		}
		c.hooks = append(c.hooks, hook)
		return nil
	}
}

// runHooks runs the client's hooks on req, then rewinds its body.
func (c *Core) runHooks(req *http.Request) error {
	for _, hook := range c.hooks {
		if err := hook(req.Context(), req); err != nil {
			return fmt.Errorf("request hook: %w", err)
		}
		if req.GetBody != nil && req.Body != nil && req.Body != http.NoBody {
			body, err := req.GetBody()
			if err != nil {
				return fmt.Errorf("request hook: rewinding the body: %w", err)
			}
			old := req.Body
			req.Body = body
			_ = old.Close()
		}
	}
	return nil
}
