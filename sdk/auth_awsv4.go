package sdk

import (
	"encoding/hex"
	"net/http"
	"sort"
	"strings"

	"github.com/postgen/postgen/internal/authclock"
)

// AWSV4Auth signs requests with AWS Signature Version 4 (§10.4 awsv4).
//
// This is a small implementation of the published algorithm rather than
// the AWS SDK's signer, so that generated SDKs depend on the standard
// library alone; its tests reproduce Postman's captures and AWS's test
// suite vectors.
type AWSV4Auth struct {
	// AccessKey, SecretKey and SessionToken are the collection's
	// references, or notCopied.
	AccessKey, SecretKey, SessionToken string
	// Region defaults to us-east-1, Service to execute-api.
	Region, Service string
	// ToQuery (truthy) signs the query string instead of the headers.
	ToQuery string
}

// WithAWSCredentials sets the access key, secret key and (optional)
// session token the collection's awsv4 auth signs with.
// Where the collection reads a credential from a variable the client has
// (WithVariable), that value is used instead.
func WithAWSCredentials(accessKey, secretKey, sessionToken string) Option {
	return WithCredentials("awsv4.accessKey", accessKey, "awsv4.secretKey", secretKey, "awsv4.sessionToken", sessionToken)
}

func (a *AWSV4Auth) Apply(c *Core, op *Operation, req *http.Request) error {
	region, service, toQuery := a.Region, a.Service, a.ToQuery
	if err := c.Settings(&region, &service, &toQuery); err != nil {
		return err
	}
	if region == "" {
		region = "us-east-1"
	}
	if service == "" {
		service = "execute-api"
	}
	var access, secretKey, session string
	if err := c.credentials("awsv4", "WithAWSCredentials", cred{&access, "accessKey", a.AccessKey, false},
		cred{&secretKey, "secretKey", a.SecretKey, false}, cred{&session, "sessionToken", a.SessionToken, true}); err != nil {
		return err
	}
	body, err := requestBody(req)
	if err != nil {
		return err
	}
	// Postman sends X-Amz-Content-Sha256 when it can hash the body: a
	// body that is not empty and not multipart (aws4.js computeBodyHash).
	hashed := len(body) > 0 && !(op != nil && op.Body != nil && op.Body.Mode == BodyFormData)
	s := sigv4{access: access, secret: secretKey, session: session, region: region, service: service,
		now: authclock.Now().UTC().Format("20060102T150405Z"), contentHeader: hashed}
	s.sign(req, body, truthy(toQuery))
	return nil
}

// sigv4 is one SigV4 signature.
type sigv4 struct {
	access, secret, session, region, service string
	now                                      string // yyyymmddThhmmssZ
	// contentHeader sends X-Amz-Content-Sha256 in header mode, as Postman
	// does for every service when the request has a body it can hash.
	contentHeader bool
}

// sign removes earlier signatures from req and signs it, in its headers or
// (query) in its query string.
func (s *sigv4) sign(req *http.Request, body []byte, query bool) {
	for k := range req.Header {
		if strings.EqualFold(k, "Authorization") || strings.HasPrefix(strings.ToLower(k), "x-amz-") {
			delete(req.Header, k)
		}
	}
	RemoveQuery(req, func(k string) bool { return strings.HasPrefix(strings.ToLower(k), "x-amz-") })
	scope := s.now[:8] + "/" + s.region + "/" + s.service + "/aws4_request"
	payload := hashHex(body)
	if query {
		if s.service == "s3" {
			payload = "UNSIGNED-PAYLOAD"
		}
		if s.session != "" {
			appendRaw(req, "X-Amz-Security-Token", s.session)
		}
		appendRaw(req, "X-Amz-Expires", "86400")
		appendRaw(req, "X-Amz-Date", s.now)
		appendRaw(req, "X-Amz-Algorithm", "AWS4-HMAC-SHA256")
		appendRaw(req, "X-Amz-Credential", s.access+"/"+scope)
	} else {
		if s.contentHeader {
			req.Header["X-Amz-Content-Sha256"] = []string{payload}
		}
		if s.session != "" {
			req.Header["X-Amz-Security-Token"] = []string{s.session}
		}
		req.Header["X-Amz-Date"] = []string{s.now}
	}
	names, canonHeaders := s.headers(req)
	signed := strings.Join(names, ";")
	if query {
		appendRaw(req, "X-Amz-SignedHeaders", signed)
	}
	canon := req.Method + "\n" + s.path(req) + "\n" + canonicalQuery(req.URL.RawQuery) + "\n" + canonHeaders + "\n" + signed + "\n" + payload
	toSign := "AWS4-HMAC-SHA256\n" + s.now + "\n" + scope + "\n" + hashHex([]byte(canon))
	key := []byte("AWS4" + s.secret)
	for _, part := range []string{s.now[:8], s.region, s.service, "aws4_request"} {
		key = hmacSHA256(key, part)
	}
	sig := hex.EncodeToString(hmacSHA256(key, toSign))
	if query {
		appendRaw(req, "X-Amz-Signature", sig)
		return
	}
	req.Header["Authorization"] = []string{"AWS4-HMAC-SHA256 Credential=" + s.access + "/" + scope + ", SignedHeaders=" + signed + ", Signature=" + sig}
}

// headers returns the signed header names (every header set so far, and
// host) and the canonical header block.
func (s *sigv4) headers(req *http.Request) ([]string, string) {
	vals := map[string][]string{"host": {req.URL.Host}}
	for k, vs := range req.Header {
		lk := strings.ToLower(k)
		vals[lk] = append(vals[lk], vs...)
	}
	names := make([]string, 0, len(vals))
	for k := range vals {
		names = append(names, k)
	}
	sort.Strings(names)
	var b strings.Builder
	for _, k := range names {
		trimmed := make([]string, len(vals[k]))
		for i, v := range vals[k] {
			trimmed[i] = strings.Join(strings.Fields(v), " ")
		}
		b.WriteString(k + ":" + strings.Join(trimmed, ",") + "\n")
	}
	return names, b.String()
}

// path is the canonical URI: each segment URI-encoded, and for services
// other than S3 normalised and encoded a second time, as AWS specifies.
func (s *sigv4) path(req *http.Request) string {
	raw, _, _ := strings.Cut(requestPath(req), "?")
	segs := strings.Split(raw, "/")
	if s.service != "s3" {
		var norm []string
		for _, seg := range segs[1:] {
			switch seg {
			case "", ".":
			case "..":
				if len(norm) > 0 {
					norm = norm[:len(norm)-1]
				}
			default:
				norm = append(norm, seg)
			}
		}
		trailing := strings.HasSuffix(raw, "/") && len(norm) > 0
		segs = append([]string{""}, norm...)
		if trailing {
			segs = append(segs, "")
		}
	}
	for i, seg := range segs {
		seg = formEncode(unescapePercent(seg))
		if s.service != "s3" {
			seg = formEncode(seg)
		}
		segs[i] = seg
	}
	if p := strings.Join(segs, "/"); p != "" {
		return p
	}
	return "/"
}

// canonicalQuery sorts the query by key, then value, each URI-encoded.
func canonicalQuery(raw string) string {
	var pairs [][2]string
	for _, p := range queryPairs(raw) {
		k, v, _ := strings.Cut(p, "=")
		pairs = append(pairs, [2]string{formEncode(unescapePercent(k)), formEncode(unescapePercent(v))})
	}
	sort.Slice(pairs, func(i, j int) bool {
		if pairs[i][0] != pairs[j][0] {
			return pairs[i][0] < pairs[j][0]
		}
		return pairs[i][1] < pairs[j][1]
	})
	out := make([]string, len(pairs))
	for i, p := range pairs {
		out[i] = p[0] + "=" + p[1]
	}
	return strings.Join(out, "&")
}

// appendRaw adds key=value to the query, the value URI-encoded.
func appendRaw(req *http.Request, key, value string) {
	pair := key + "=" + formEncode(value)
	if req.URL.RawQuery == "" {
		req.URL.RawQuery = pair
	} else {
		req.URL.RawQuery += "&" + pair
	}
}
