package runtime

import (
	"strings"
	"testing"
	"time"
)

// Differences from newman found by the fidelity harness (make
// conformance), each reproduced here.

// aws4.js hashes the body only when there is one to hash (not empty, not
// multipart), and a raw JSON body's automatic Content-Type exists before
// auth runs, so it is signed (tfm-aws-awsv4).
func TestAWSV4SignsWhatPostmanSigns(t *testing.T) {
	fixClock(t, time.Date(2026, 11, 26, 22, 57, 47, 0, time.UTC), "")
	creds := WithAWSCredentials("AKID", "SECRET", "")
	auth := &awsv4Auth{accessKey: notCopied, secretKey: notCopied, region: "eu-west-1", service: "execute-api"}
	for _, tc := range []struct {
		name   string
		op     *operation
		signed string
		hashed bool
	}{
		{"GET without a body", &operation{method: "GET", path: "/g", auth: auth}, "host;x-amz-date", false},
		{"raw JSON body", &operation{method: "POST", path: "/j", auth: auth, body: &bodySpec{mode: bodyRaw, text: "{}", contentType: "application/json"}},
			"content-type;host;x-amz-content-sha256;x-amz-date", true},
		{"raw text body", &operation{method: "POST", path: "/t", auth: auth, body: &bodySpec{mode: bodyRaw, text: "x", contentType: "text/plain"}},
			"host;x-amz-content-sha256;x-amz-date", true},
		{"multipart body", &operation{method: "POST", path: "/m", auth: auth, body: &bodySpec{mode: bodyFormData, form: []param{{in: inForm, key: "a", value: "1"}}}},
			"host;x-amz-date", false},
	} {
		_, header, _ := signedRequest(t, tc.op, nil, creds)
		if got := header("Authorization"); !strings.Contains(got, "SignedHeaders="+tc.signed+",") {
			t.Errorf("%s: Authorization %s, want SignedHeaders=%s", tc.name, got, tc.signed)
		}
		if got := header("X-Amz-Content-Sha256") != ""; got != tc.hashed {
			t.Errorf("%s: X-Amz-Content-Sha256 sent: %v, want %v", tc.name, got, tc.hashed)
		}
	}
}

// An empty bearer token or OAuth 2 access token sends no Authorization
// (P10, A08; msgraph's "Get Access Token using Postman OAuth2").
func TestEmptyTokensSendNoAuthorization(t *testing.T) {
	for _, op := range []*operation{
		{method: "GET", path: "/p10", auth: &bearerAuth{token: notCopied}},
		{method: "GET", path: "/a08", auth: &oauth2Auth{accessToken: notCopied, headerPrefix: "Bearer"}},
	} {
		_, header, _ := signedRequest(t, op, nil, setCreds("bearer.token", "", "oauth2.accessToken", ""))
		if got := header("Authorization"); got != "" {
			t.Errorf("%s: Authorization %q, want none", op.path, got)
		}
	}
}

// OAuth 1 with an empty consumer key or secret signs nothing, as Postman
// (twitter-api-v2, whose credential variables are empty).
func TestOAuth1WithoutConsumerSendsNothing(t *testing.T) {
	for _, creds := range [][2]string{{"", "cs"}, {"ck", ""}} {
		op := &operation{method: "GET", path: "/o", auth: &oauth1Auth{consumerKey: notCopied, consumerSecret: notCopied, toHeader: "true"}}
		_, header, _ := signedRequest(t, op, nil, WithOAuth1(creds[0], creds[1], "", ""))
		if got := header("Authorization"); got != "" {
			t.Errorf("consumer %q/%q: Authorization %q, want none", creds[0], creds[1], got)
		}
	}
}
