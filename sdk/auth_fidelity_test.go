package sdk

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
	auth := &AWSV4Auth{AccessKey: NotCopied, SecretKey: NotCopied, Region: "eu-west-1", Service: "execute-api"}
	for _, tc := range []struct {
		name   string
		op     *Operation
		signed string
		hashed bool
	}{
		{"GET without a body", &Operation{Method: "GET", Path: "/g", Auth: auth}, "host;x-amz-date", false},
		{"raw JSON body", &Operation{Method: "POST", Path: "/j", Auth: auth, Body: &BodySpec{Mode: BodyRaw, Text: "{}", ContentType: "application/json"}},
			"content-type;host;x-amz-content-sha256;x-amz-date", true},
		{"raw text body", &Operation{Method: "POST", Path: "/t", Auth: auth, Body: &BodySpec{Mode: BodyRaw, Text: "x", ContentType: "text/plain"}},
			"host;x-amz-content-sha256;x-amz-date", true},
		{"multipart body", &Operation{Method: "POST", Path: "/m", Auth: auth, Body: &BodySpec{Mode: BodyFormData, Form: []Param{{In: InForm, Key: "a", Value: "1"}}}},
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

// An empty bearer token sends no Authorization (P10; sdkoauth2 tests
// A08, the OAuth 2 access token).
func TestEmptyTokensSendNoAuthorization(t *testing.T) {
	for _, op := range []*Operation{
		{Method: "GET", Path: "/p10", Auth: &BearerAuth{Token: NotCopied}},
	} {
		_, header, _ := signedRequest(t, op, nil, WithCredentials("bearer.token", ""))
		if got := header("Authorization"); got != "" {
			t.Errorf("%s: Authorization %q, want none", op.Path, got)
		}
	}
}

// OAuth 1 with an empty consumer key or secret signs nothing, as Postman
// (twitter-api-v2, whose credential variables are empty).
func TestOAuth1WithoutConsumerSendsNothing(t *testing.T) {
	for _, creds := range [][2]string{{"", "cs"}, {"ck", ""}} {
		op := &Operation{Method: "GET", Path: "/o", Auth: &OAuth1Auth{ConsumerKey: NotCopied, ConsumerSecret: NotCopied, ToHeader: "true"}}
		_, header, _ := signedRequest(t, op, nil, WithOAuth1(creds[0], creds[1], "", ""))
		if got := header("Authorization"); got != "" {
			t.Errorf("consumer %q/%q: Authorization %q, want none", creds[0], creds[1], got)
		}
	}
}
