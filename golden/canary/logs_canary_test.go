package canary

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	_ "github.com/postgen/postgen/internal/testflag"
)

// The generated files of this SDK hold none of the collection's canaries
// (golden_test checks that). This test plants new canaries in every
// credential the SDK can be given at run time, through every auth option
// and every variable of the collection, calls every method against a
// server that echoes what it receives, and checks that no canary reaches
// the debug log or an error message.

// echo answers token requests with a canary access token and everything
// else with an error that quotes the request's headers, query and body,
// failing every other attempt with a 503 first so retries are logged.
type echo struct{ n atomic.Int32 }

const tokenCanary = "LOGCANARY-oauth2-access-token-77aa"

func (e *echo) RoundTrip(r *http.Request) (*http.Response, error) {
	body := ""
	if r.Body != nil {
		b, _ := io.ReadAll(r.Body)
		body = string(b)
	}
	h := http.Header{"Content-Type": {"application/json"}}
	if strings.HasSuffix(r.URL.Path, "/token") {
		return &http.Response{StatusCode: 200, Status: "200 OK", Header: h, Request: r,
			Body: io.NopCloser(strings.NewReader(`{"access_token":"` + tokenCanary + `","token_type":"Bearer","expires_in":3600}`))}, nil
	}
	if e.n.Add(1)%2 == 1 {
		return &http.Response{StatusCode: 503, Status: "503 Service Unavailable", Header: h, Request: r, Body: io.NopCloser(strings.NewReader(""))}, nil
	}
	var quoted []string
	for k, vs := range r.Header {
		quoted = append(quoted, k+": "+strings.Join(vs, ","))
	}
	h.Set("Set-Cookie", "session="+r.Header.Get("Authorization"))
	h.Set("X-Echo", r.Header.Get("Authorization"))
	msg := fmt.Sprintf("rejected %s?%s headers[%s] body[%s]", r.URL.Path, r.URL.RawQuery, strings.Join(quoted, "; "), body)
	return &http.Response{StatusCode: 401, Status: "401 Unauthorized", Header: h, Request: r, Body: io.NopCloser(strings.NewReader(msg))}, nil
}

// collectionVariables lists every variable key of the collection, at every
// level.
func collectionVariables(t *testing.T) []string {
	data, err := os.ReadFile("../../testdata/canary/collection.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc any
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			if vars, ok := v["variable"].([]any); ok {
				for _, x := range vars {
					if m, ok := x.(map[string]any); ok {
						if k, ok := m["key"].(string); ok {
							seen[k] = true
						}
					}
				}
			}
			for _, x := range v {
				walk(x)
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	walk(doc)
	var out []string
	for k := range seen {
		out = append(out, k)
	}
	return out
}

func pemKey(t *testing.T) string {
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(k)}))
}

func TestNoCredentialReachesLogsOrErrors(t *testing.T) {
	canaries := map[string]string{}
	canary := func(name string) string {
		v := "LOGCANARY-" + name + "-" + fmt.Sprintf("%04x", len(canaries)*7919%65536)
		canaries[name] = v
		return v
	}
	var logs bytes.Buffer
	opts := []Option{
		WithBaseURL("https://api.canary.example"),
		WithHTTPClient(&http.Client{Transport: &echo{}}),
		WithRetry(RetryPolicy{MaxAttempts: 2, BaseDelay: time.Millisecond}),
		WithLogger(slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))),
		WithAPIKey(canary("apikey")),
		WithBearerToken(canary("bearer")),
		WithBasicAuth(canary("basic-user"), canary("basic-pass")),
		WithDigestAuth(canary("digest-user"), canary("digest-pass")),
		WithAWSCredentials(canary("aws-access"), canary("aws-secret"), canary("aws-session")),
		WithEdgeGrid(canary("eg-client"), canary("eg-secret"), canary("eg-access")),
		WithHawkAuth(canary("hawk-id"), canary("hawk-key")),
		WithJWTKey(canary("jwt-key")),
		WithNTLMAuth(canary("ntlm-user"), canary("ntlm-pass")),
		WithOAuth1(canary("oauth1-consumer"), canary("oauth1-csecret"), canary("oauth1-token"), canary("oauth1-tsecret")),
		WithOAuth1Verifier(canary("oauth1-verifier")),
		WithASAPKey(pemKey(t)),
		WithOAuth2ClientCredentials(canary("oauth2-client"), canary("oauth2-csecret")),
	}
	for _, name := range collectionVariables(t) {
		if name != "baseUrl" {
			opts = append(opts, WithVariable(name, canary("var-"+name)))
		}
	}
	c, err := NewClient(opts...)
	if err != nil {
		t.Fatal(err)
	}

	var errs []string
	calls := callEverything(t, reflect.ValueOf(c), func(err error) {
		var argErr *ArgumentError
		if errors.As(err, &argErr) {
			t.Errorf("%v: the call sent nothing, so it tests nothing", err)
		}
		if err != nil {
			errs = append(errs, err.Error())
		}
	})
	if calls < 40 || len(errs) < calls/2 {
		t.Fatalf("%d methods called, %d errors: the test does too little", calls, len(errs))
	}
	text := logs.String() + "\n" + strings.Join(errs, "\n")
	canaries["oauth2-token"] = tokenCanary
	canaries["basic-pair"] = base64.StdEncoding.EncodeToString([]byte(canaries["basic-user"] + ":" + canaries["basic-pass"]))
	for name, v := range canaries {
		for _, form := range []string{v, url.QueryEscape(v), base64.StdEncoding.EncodeToString([]byte(v))} {
			if strings.Contains(text, form) {
				i := strings.Index(text, form)
				t.Errorf("credential %s leaked: …%s…", name, text[max(0, i-120):min(len(text), i+len(form)+40)])
			}
		}
	}
	for _, want := range []string{`"msg":"http request"`, `"msg":"http retry"`, `"status":401`, "[REDACTED]"} {
		if !strings.Contains(text, want) {
			t.Errorf("logs lack %s", want)
		}
	}
	t.Logf("%d methods, %d log bytes, %d errors, %d canaries: none leaked", calls, logs.Len(), len(errs), len(canaries))
}

// callEverything calls every method of every service reachable from v (a
// *Client or service pointer) and returns how many it called. Arguments
// after the context are zero, except path arguments (strings), which get a
// placeholder, since an empty one is an *ArgumentError before anything is
// sent; the variadic RequestOptions are WithSampleBody, so the
// collection's bodies, and the {{variables}} they hold, are sent too.
func callEverything(t *testing.T, v reflect.Value, report func(error)) int {
	calls := 0
	ctx := reflect.ValueOf(context.Background())
	ctxType := reflect.TypeOf((*context.Context)(nil)).Elem()
	errType := reflect.TypeOf((*error)(nil)).Elem()
	optsType := reflect.TypeOf([]RequestOption(nil))
	for i := range v.NumMethod() {
		m := v.Method(i)
		mt := m.Type()
		if mt.NumIn() == 0 || mt.In(0) != ctxType || mt.NumOut() == 0 || mt.Out(mt.NumOut()-1) != errType {
			continue
		}
		if !mt.IsVariadic() || mt.In(mt.NumIn()-1) != optsType {
			t.Fatalf("%s does not end with ...RequestOption", v.Type().Method(i).Name)
		}
		args := []reflect.Value{ctx}
		for j := 1; j < mt.NumIn()-1; j++ {
			if mt.In(j).Kind() == reflect.String {
				args = append(args, reflect.ValueOf("path-arg").Convert(mt.In(j)))
				continue
			}
			args = append(args, reflect.Zero(mt.In(j)))
		}
		args = append(args, reflect.ValueOf([]RequestOption{WithSampleBody()}))
		out := m.CallSlice(args)
		err, _ := out[len(out)-1].Interface().(error)
		report(err)
		calls++
	}
	elem := v.Elem()
	for i := range elem.NumField() {
		f := elem.Field(i)
		if elem.Type().Field(i).IsExported() && f.Kind() == reflect.Pointer && !f.IsNil() && f.Elem().Kind() == reflect.Struct {
			calls += callEverything(t, f, report)
		}
	}
	return calls
}
