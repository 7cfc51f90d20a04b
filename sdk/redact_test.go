package sdk

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// canaries are credential values planted in every place a request can
// carry one. None may appear in a log line or an error message.
var canaries = map[string]string{
	"token":      "CANARY-bearer-7f3a9c",
	"sess":       "CANARY-cookie-b41e02",
	"apiKey":     "CANARY-header-key-55d1",
	"qkey":       "CANARY-query-key-9e8f",
	"qsecret":    "CANARY query/value+&=9",
	"pathSecret": "CANARY-path-0c7b",
	"pw":         "CANARY-basic-pw-31aa",
	"signingKey": "CANARY-signing-key-1122",
}

func TestLogsAndErrorsNeverShowCredentials(t *testing.T) {
	var attempts atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// A careless server echoes what it got, in headers and body.
		w.Header().Set("Set-Cookie", "session="+canaries["sess"])
		w.Header().Set("X-Echo-Auth", r.Header.Get("Authorization"))
		switch {
		case strings.HasPrefix(r.URL.Path, "/flaky") && attempts.Add(1) == 1:
			w.WriteHeader(503)
		case strings.HasPrefix(r.URL.Path, "/flaky"):
			io.WriteString(w, `{"ok":`+`"`+canaries["token"]+`"`) // truncated JSON echoing a token
		default:
			w.WriteHeader(401)
			io.WriteString(w, "bad credentials: "+r.Header.Get("Authorization")+" "+r.Header.Get("X-Api-Key")+" "+r.URL.RawQuery)
		}
	}))
	defer srv.Close()
	u, _ := url.Parse(srv.URL)

	var logs bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	opts := []Option{WithLogger(logger), WithVariable("region", "eu-west-visible")}
	for name, v := range canaries {
		opts = append(opts, WithVariable(name, v))
	}
	c, err := NewCore(&Defaults{
		Origins:   []string{"http://user:{{pw}}@" + u.Host, "http://" + u.Host},
		Variables: map[string]string{"region": "eu"},
	}, append(opts, WithRetry(RetryPolicy{MaxAttempts: 3, BaseDelay: time.Millisecond})))
	if err != nil {
		t.Fatal(err)
	}
	c.creds = map[string]string{"signing": canaries["signingKey"]}

	params := []Param{
		hdr("Authorization", "Bearer {{token}}"),
		hdr("Cookie", "session={{sess}}"),
		hdr("X-Api-Key", "{{apiKey}}"),
		hdr("X-Region", "{{region}}"),
		hdr("X-Signed", "v1:{{signingKey}}"),
		q("api_key", "{{qkey}}"),
		q("filter", "{{qsecret}}"),
	}
	ctx := context.Background()
	var errs []error

	// 401 with the credentials echoed in the body.
	_, _, err = Send[*thing](ctx, c, &Operation{Name: "T.Get", Method: "GET", Path: "/users/{{pathSecret}}", Params: params}, Call{})
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 401 {
		t.Fatalf("want a 401 *APIError, got %v", err)
	}
	errs = append(errs, err)

	// Basic auth from the URL's user info (origin 0).
	_, _, err = Send[*thing](ctx, c, &Operation{Name: "T.Basic", Method: "GET", Path: "/basic"}, Call{})
	errs = append(errs, err)

	// A 503, a retry, then a truncated body that echoes a token.
	_, _, err = Send[*thing](ctx, c, &Operation{Name: "T.Flaky", Origin: 1, Method: "GET", Path: "/flaky", Params: params}, Call{})
	var decErr *DecodeError
	if !errors.As(err, &decErr) {
		t.Fatalf("want a *DecodeError, got %v", err)
	}
	errs = append(errs, err)

	// A transport error: net/http's message quotes the URL.
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	closed := ln.Addr().String()
	ln.Close()
	c.baseURL = ""
	c.origins = []string{"http://" + closed}
	_, _, err = Send[*thing](ctx, c, &Operation{Name: "T.Down", Method: "GET", Path: "/down/{{pathSecret}}", Params: params}, Call{})
	var reqErr *RequestError
	if !errors.As(err, &reqErr) {
		t.Fatalf("want a *RequestError, got %v", err)
	}
	errs = append(errs, err)

	text := logs.String()
	for _, e := range errs {
		text += "\n" + e.Error()
	}
	text += "\n" + apiErr.URL
	if b := base64.StdEncoding.EncodeToString([]byte("user:" + canaries["pw"])); strings.Contains(text, b) {
		t.Errorf("basic credentials (%s) leaked into logs or errors", b)
	}
	for name, v := range canaries {
		for _, form := range []string{v, url.QueryEscape(v), url.PathEscape(v)} {
			if strings.Contains(text, form) {
				t.Errorf("credential %s (%q) leaked into logs or errors", name, form)
			}
		}
	}
	// The logs are still useful: they show what was sent, and what is not
	// a credential.
	for _, want := range []string{`"msg":"http request"`, `"msg":"http retry"`, `"msg":"http error"`, `"status":401`,
		`"Authorization":"[REDACTED]"`, `"Set-Cookie":"[REDACTED]"`, `"X-Region":"eu-west-visible"`, `"attempt":2`, "api_key=[REDACTED]"} {
		if !strings.Contains(text, want) {
			t.Errorf("logs lack %s:\n%s", want, text)
		}
	}
	if t.Failed() {
		t.Logf("logs and errors:\n%s", text)
	}
}

func TestLoggingIsOffByDefault(t *testing.T) {
	c := &Core{}
	if c.logEnabled(context.Background()) {
		t.Fatal("a client without WithLogger logs")
	}
	var logs bytes.Buffer
	c.logger = slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelInfo}))
	req, _ := http.NewRequest("GET", "http://x.example/", nil)
	c.logRequest(req, 1)
	if logs.Len() != 0 {
		t.Errorf("logged below the handler's level: %s", logs.String())
	}
}

func TestRedactQuery(t *testing.T) {
	for in, want := range map[string]string{
		"":                                  "",
		"a=1&access_token=xyz&b":            "a=1&access_token=[REDACTED]&b",
		"API%5FKEY=k&sig=s&Signature=t&x=y": "API%5FKEY=[REDACTED]&sig=[REDACTED]&Signature=[REDACTED]&x=y",
		"password":                          "password",
		"%zz=1":                             "%zz=1",
	} {
		if got := redactQuery(in); got != want {
			t.Errorf("redactQuery(%q) = %q, want %q", in, got, want)
		}
	}
}

// Redaction is for credentials only: a variable the collection marks as
// a credential (Defaults.Secrets) or whose name says so is hidden; a slug
// or a user name set with WithVariable shows in errors and logs.
func TestRedactionIsForCredentialsOnly(t *testing.T) {
	c, err := NewCore(&Defaults{Origins: []string{"http://127.0.0.1:1"}, Secrets: []string{"hidden"}},
		[]Option{WithVariable("slug", "my-first-article"), WithVariable("hidden", "s3cr3t-value"), WithVariable("apiToken", "tok-12345")})
	if err != nil {
		t.Fatal(err)
	}
	hide := c.redactor(nil)
	got := hide("slug my-first-article, hidden s3cr3t-value, token tok-12345")
	if want := "slug my-first-article, hidden [REDACTED], token [REDACTED]"; got != want {
		t.Errorf("redacted %q, want %q", got, want)
	}
}
