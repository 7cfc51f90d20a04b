package sdk

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// This file sends a request, and sends it again when the failure is one a
// later attempt can fix: the connection broke, or the server said 429 Too
// Many Requests, 502, 503 or 504. Only idempotent methods are retried by
// default, since a POST whose response was lost may have been carried out.

// RetryPolicy says how a failed request is retried. Zero fields take the
// defaults of DefaultRetryPolicy.
type RetryPolicy struct {
	// MaxAttempts bounds the attempts, the first one included: 1 turns
	// retries off. The default is 3.
	MaxAttempts int
	// BaseDelay is the wait before the first retry; it doubles for each
	// later one, and each wait is picked at random between half and all of
	// it (jitter), so clients that failed together do not retry together.
	// The default is 250ms.
	BaseDelay time.Duration
	// MaxDelay caps every wait. A Retry-After longer than MaxDelay is not
	// waited for: the 429 or 503 is returned as an *APIError, whose Header
	// holds the Retry-After. The default is 30s.
	MaxDelay time.Duration
	// AllMethods retries every method, POST and PATCH included. Set it only
	// when the API makes those safe to repeat (an idempotency key, say).
	// By default only GET, HEAD, PUT, DELETE, OPTIONS and TRACE are retried.
	AllMethods bool

	// sleep waits d or until ctx is done; tests replace it.
	sleep func(ctx context.Context, d time.Duration) error
}

// DefaultRetryPolicy is the policy of a client without WithRetry.
func DefaultRetryPolicy() RetryPolicy {
	return RetryPolicy{MaxAttempts: 3, BaseDelay: 250 * time.Millisecond, MaxDelay: 30 * time.Second}
}

// WithRetry sets how failed requests are retried, e.g.
// WithRetry(RetryPolicy{MaxAttempts: 5}) or, to turn retries off,
// WithRetry(RetryPolicy{MaxAttempts: 1}). Whatever the policy, a cancelled
// context or an expired deadline stops at once, during a wait too.
func WithRetry(p RetryPolicy) Option {
	return func(c *Core) error {
		if p.MaxAttempts < 0 || p.BaseDelay < 0 || p.MaxDelay < 0 {
			return fmt.Errorf("WithRetry: negative MaxAttempts, BaseDelay or MaxDelay in %+v", p)
		}
		d := DefaultRetryPolicy()
		if p.MaxAttempts == 0 {
			p.MaxAttempts = d.MaxAttempts
		}
		if p.BaseDelay == 0 {
			p.BaseDelay = d.BaseDelay
		}
		if p.MaxDelay == 0 {
			p.MaxDelay = d.MaxDelay
		}
		c.retry = &p
		return nil
	}
}

// idempotent are the methods RFC 9110 §9.2.2 says can be repeated.
var idempotent = map[string]bool{
	http.MethodGet: true, http.MethodHead: true, http.MethodPut: true,
	http.MethodDelete: true, http.MethodOptions: true, http.MethodTrace: true,
}

// roundTrip sends o through the client's *http.Client, retrying as the
// policy allows; every attempt is built (and signed) afresh, and a digest
// or NTLM challenge is answered within its attempt. Responses that are
// retried are drained and closed; the one returned is the caller's to
// close, with the request of the last attempt.
func (c *Core) roundTrip(o *outgoing) (*http.Request, *http.Response, error) {
	p := c.retry
	if p == nil {
		d := DefaultRetryPolicy()
		p = &d
	}
	attempts := p.MaxAttempts
	if !p.AllMethods && !idempotent[o.base.Method] || !o.replayable() {
		attempts = 1
	}
	ctx := o.base.Context()
	logging := c.logEnabled(ctx)
	ch, _ := o.op.Auth.(challenger)
	for attempt := 1; ; attempt++ {
		req, err := o.attempt(c)
		if err != nil {
			return nil, nil, err
		}
		// The clock is read only when something needs it: on the
		// success path a call costs no more than hand-written code.
		var start time.Time
		if logging {
			start = time.Now()
			c.logRequest(req, attempt)
		}
		resp, err := c.httpClient.Do(req)
		if logging {
			c.logResponse(req, resp, err, time.Since(start))
		}
		if err != nil {
			err = c.redactURLError(err, req)
		} else if ch != nil {
			resp, err = ch.answer(c, req, resp)
		}
		if attempt >= attempts || ctx.Err() != nil || err == nil && !retryableStatus(resp.StatusCode) {
			return req, resp, err
		}
		wait, why, ok := p.next(attempt, resp, err, time.Now())
		if !ok {
			return req, resp, err
		}
		if resp != nil {
			// Reuse the connection: read a little of the body, then close.
			io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
			resp.Body.Close()
		}
		c.logRetry(req, attempt, wait, why)
		if err := p.wait(ctx, wait); err != nil {
			return nil, nil, err
		}
	}
}

// retryableStatus reports the statuses a retry may help with.
func retryableStatus(code int) bool {
	switch code {
	case http.StatusTooManyRequests, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	return false
}

// next decides whether attempt's outcome is retried, and after how long.
func (p *RetryPolicy) next(attempt int, resp *http.Response, err error, now time.Time) (time.Duration, string, bool) {
	if err != nil {
		if !transient(err) {
			return 0, "", false
		}
		return p.backoff(attempt), err.Error(), true
	}
	switch resp.StatusCode {
	case http.StatusTooManyRequests, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
	default:
		return 0, "", false
	}
	if d, ok := retryAfter(resp.Header.Get("Retry-After"), now); ok {
		if d > p.MaxDelay {
			return 0, "", false
		}
		return d, resp.Status + " with Retry-After", true
	}
	return p.backoff(attempt), resp.Status, true
}

// backoff is the jittered exponential wait after attempt (1-based): a
// random duration between half and all of BaseDelay·2^(attempt-1),
// capped at MaxDelay.
func (p *RetryPolicy) backoff(attempt int) time.Duration {
	d := p.BaseDelay
	for i := 1; i < attempt && d < p.MaxDelay; i++ {
		d *= 2
	}
	d = min(d, p.MaxDelay)
	if half := int64(d / 2); half > 0 {
		return time.Duration(half + rand.Int64N(half+1))
	}
	return d
}

// wait sleeps d, or returns ctx's error as soon as it is done.
func (p *RetryPolicy) wait(ctx context.Context, d time.Duration) error {
	if p.sleep != nil {
		return p.sleep(ctx, d)
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// retryAfter reads a Retry-After header: delay-seconds or an HTTP date
// (RFC 9110 §10.2.3). A date in the past means no wait.
func retryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if secs, err := strconv.ParseUint(v, 10, 63); err == nil {
		if secs > uint64(time.Duration(1<<63-1)/time.Second) {
			return time.Duration(1<<63 - 1), true
		}
		return time.Duration(secs) * time.Second, true
	}
	t, err := http.ParseTime(v)
	if err != nil {
		return 0, false
	}
	return max(t.Sub(now), 0), true
}

// transient reports whether a transport error may go away on its own: a
// refused, reset or timed-out connection, or one closed mid-response. A
// bad URL, a TLS certificate that does not verify or a redirect loop will
// not.
func transient(err error) bool {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return false
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return true
	}
	var ne net.Error
	return errors.As(err, &ne)
}

// rewind returns a copy of req to send again, with a fresh body. Bodies
// are built in memory, so http.NewRequest set GetBody.
func rewind(req *http.Request) (*http.Request, error) {
	next := req.Clone(req.Context())
	if req.GetBody != nil {
		body, err := req.GetBody()
		if err != nil {
			return nil, err
		}
		next.Body = body
	}
	return next, nil
}
