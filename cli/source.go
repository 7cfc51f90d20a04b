package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"
)

// This file reads a collection from where the user keeps it: a file, -
// (stdin), an http(s) URL, or the Postman API by collection uid.

// postmanAPI is the Postman API's base URL; tests point it at a fake.
var postmanAPI = "https://api.getpostman.com"

// fetchTimeout bounds a whole remote read, connection to last byte.
var fetchTimeout = 60 * time.Second

// apiKeyEnv holds the Postman API key for --postman-id.
const apiKeyEnv = "POSTMAN_API_KEY"

// source is where a collection comes from.
type source struct {
	// path is a file path, "-", or an http(s) URL; postmanID is a
	// collection uid for the Postman API. Exactly one is set.
	path, postmanID string
}

// isURL reports whether s is an http(s) URL rather than a file path.
func isURL(s string) bool {
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}

// display names the source in messages, without credentials.
func (s source) display() string {
	switch {
	case s.postmanID != "":
		return "postman:" + s.postmanID
	case s.path == "-":
		return "<stdin>"
	case isURL(s.path):
		return redactURL(s.path)
	}
	return s.path
}

// redactURL drops userinfo and the query (which may carry a token) from a
// URL for messages and the recorded command.
func redactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "<URL>"
	}
	u.User = nil
	if u.RawQuery != "" {
		u.RawQuery = ""
		u.ForceQuery = false
		return u.String() + "?…"
	}
	return u.String()
}

// read returns the collection's bytes.
func (s source) read(ctx context.Context, stdin io.Reader) ([]byte, error) {
	switch {
	case s.postmanID != "":
		return readPostman(ctx, s.postmanID)
	case isURL(s.path):
		return readURL(ctx, s.path)
	}
	return readInputFile(s.path, stdin)
}

// readInputFile reads a collection file, or stdin for "-".
func readInputFile(input string, stdin io.Reader) ([]byte, error) {
	data, _, err := readInput(input, stdin)
	return data, err
}

// readURL fetches a collection over http(s).
func readURL(ctx context.Context, raw string) ([]byte, error) {
	display := redactURL(raw)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, raw, nil)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", display, err)
	}
	req.Header.Set("Accept", "application/json")
	resp, err := httpGet(req, "")
	if err != nil {
		return nil, fmt.Errorf("GET %s: %s", display, fetchError(err))
	}
	defer resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		return nil, fmt.Errorf("GET %s: the server answered %s; check the URL (a Postman collection link must serve the collection's JSON)", display, resp.Status)
	}
	return readBody(resp.Body, display)
}

// readPostman fetches a collection from the Postman API. The key is sent
// in X-Api-Key and appears in no message.
func readPostman(ctx context.Context, uid string) ([]byte, error) {
	key := strings.TrimSpace(os.Getenv(apiKeyEnv))
	if key == "" {
		return nil, fmt.Errorf("--postman-id needs a Postman API key in the %s environment variable (create one in Postman: Settings > API keys)", apiKeyEnv)
	}
	display := "postman:" + uid
	endpoint := strings.TrimRight(postmanAPI, "/") + "/collections/" + url.PathEscape(uid)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, endpoint, nil)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", display, err)
	}
	req.Header.Set("X-Api-Key", key)
	req.Header.Set("Accept", "application/json")
	resp, err := httpGet(req, "X-Api-Key")
	if err != nil {
		return nil, fmt.Errorf("Postman API, collection %s: %s", uid, strings.ReplaceAll(fetchError(err), key, "***"))
	}
	defer resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		msg := strings.ReplaceAll(apiMessage(resp.Body), key, "***")
		switch resp.StatusCode {
		case http.StatusUnauthorized, http.StatusForbidden:
			return nil, fmt.Errorf("the Postman API refused the key in %s (%s%s); check that it is a valid, unexpired API key", apiKeyEnv, resp.Status, msg)
		case http.StatusNotFound:
			return nil, fmt.Errorf("the Postman API has no collection %q that this key can read (%s%s); the uid is in the collection's Info panel in Postman (owner id, dash, collection id)", uid, resp.Status, msg)
		case http.StatusTooManyRequests:
			return nil, fmt.Errorf("the Postman API is rate-limiting this key (%s%s); try again in a minute", resp.Status, msg)
		}
		return nil, fmt.Errorf("the Postman API answered %s%s for collection %s", resp.Status, msg, uid)
	}
	return readBody(resp.Body, display)
}

// httpGet sends req with fetchTimeout. On a redirect to another host the
// header named secret is dropped, so a key never leaves the API's host.
func httpGet(req *http.Request, secret string) (*http.Response, error) {
	host := req.URL.Host
	client := &http.Client{
		Timeout: fetchTimeout,
		CheckRedirect: func(r *http.Request, via []*http.Request) error {
			if len(via) >= 10 {
				return errors.New("stopped after 10 redirects")
			}
			if secret != "" && r.URL.Host != host {
				r.Header.Del(secret)
			}
			return nil
		},
	}
	return client.Do(req)
}

// fetchError says why a request got no answer, without the URL (which
// the caller names, redacted).
func fetchError(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		if ue.Timeout() {
			return fmt.Sprintf("no complete answer within %v; check the network, or try again", fetchTimeout)
		}
		err = ue.Err
	}
	return err.Error()
}

// readBody reads a response body within the input size limit.
func readBody(r io.Reader, display string) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxInput+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %s", display, fetchError(err))
	}
	if len(data) > maxInput {
		return nil, tooLarge(display)
	}
	return data, nil
}

// apiMessage extracts the message of a Postman API error body,
// {"error": {"name": ..., "message": ...}}, as ": message".
func apiMessage(r io.Reader) string {
	var body struct {
		Error struct {
			Name    string `json:"name"`
			Message string `json:"message"`
		} `json:"error"`
	}
	data, _ := io.ReadAll(io.LimitReader(r, 64<<10))
	if json.Unmarshal(data, &body) != nil || body.Error.Message == "" {
		return ""
	}
	return ": " + body.Error.Message
}
