package conformance

import (
	"crypto/tls"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/postgen/postgen/generator"
	_ "github.com/postgen/postgen/internal/testflag"
	"github.com/postgen/postgen/parser"
)

// The recorder captures plain and tunnelled (HTTPS) requests through its
// proxy, keeps header spelling and order, tells clients apart by their
// proxy user, and answers with the reply chosen for that user.
func TestRecorderCapturesThroughProxy(t *testing.T) {
	rec, err := NewRecorder(func(tag string) Reply {
		if tag == "special" {
			return Reply{Code: 201, Body: []byte(`{"id":1}`)}
		}
		return defaultReply
	})
	if err != nil {
		t.Fatal(err)
	}
	defer rec.Close()
	client := func(user string) *http.Client {
		pu, _ := url.Parse(rec.URL())
		if user != "" {
			pu.User = url.User(user)
		}
		return &http.Client{Transport: &http.Transport{Proxy: http.ProxyURL(pu), TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}}
	}
	req, _ := http.NewRequest("POST", "https://api.example.com/a%20b?x=1&y", strings.NewReader("body"))
	req.Header["X-Mixed-Case"] = []string{"1", "2"}
	resp, err := client("special").Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 201 || string(b) != `{"id":1}` {
		t.Errorf("reply %d %s", resp.StatusCode, b)
	}
	if _, err := client("").Get("http://plain.example/p?q"); err != nil {
		t.Fatal(err)
	}
	exs := rec.Exchanges()
	if len(exs) != 2 {
		t.Fatalf("%d exchanges", len(exs))
	}
	tls, plain := exs[0], exs[1]
	if tls.Tag != "special" || tls.Scheme != "https" || tls.Method != "POST" || tls.Target != "/a%20b?x=1&y" || string(tls.Body) != "body" {
		t.Errorf("tunnelled exchange %+v", tls)
	}
	if got := normalise(tls, nil, nil, ""); got.url != "https://api.example.com/a%20b?x=1&y" || strings.Join(got.header["x-mixed-case"], ",") != "1,2" {
		t.Errorf("normalised %+v", got)
	}
	if plain.Tag != "" || plain.Scheme != "http" || plain.Target != "http://plain.example/p?q" {
		t.Errorf("plain exchange %+v", plain)
	}
	if got := normalise(plain, nil, nil, ""); got.url != "http://plain.example/p?q" {
		t.Errorf("normalised url %q", got.url)
	}
	for _, h := range plain.Header {
		if strings.EqualFold(h[0], "proxy-authorization") {
			t.Error("proxy credentials were recorded")
		}
	}
}

func TestNormaliseAndCompare(t *testing.T) {
	newman := Exchange{Scheme: "http", Method: "POST", Target: "http://h.example:80/p?a=1", Header: [][2]string{
		{"X-Dup", "1"}, {"X-Dup", "2"}, {"User-Agent", "PostmanRuntime/7.39.1"}, {"Postman-Token", "t"}, {"Cache-Control", "no-cache"},
		{"Host", "h.example"}, {"Accept-Encoding", "gzip, deflate, br"}, {"Connection", "keep-alive"},
		{"Content-Type", "multipart/form-data; boundary=--------------------------1234"}, {"Content-Length", "9"},
	}, Body: []byte("----------------------------1234\r\nx\r\n----------------------------1234--\r\n")}
	sdk := Exchange{Scheme: "http", Method: "POST", Target: "/p?a=1", Header: [][2]string{
		{"Host", "H.example"}, {"User-Agent", "PostmanRuntime/7.39.1"}, {"Content-Length", "7"}, {"x-dup", "1"}, {"X-Dup", "2"},
		{"Content-Type", "multipart/form-data; boundary=abcd"}, {"Accept-Encoding", "gzip"},
	}, Body: []byte("--abcd\r\nx\r\n--abcd--\r\n")}
	want := normalise(newman, nil, nil, "")
	if d := firstDifference(want, normalise(sdk, nil, nil, "")); d != "" {
		t.Errorf("difference %q after normalisation", d)
	}
	sdk.Body = []byte("--abcd\r\ny\r\n--abcd--\r\n")
	if d := firstDifference(want, normalise(sdk, nil, nil, "")); !strings.HasPrefix(d, "body") {
		t.Errorf("difference %q, want the body", d)
	}
	sdk.Body = []byte("--abcd\r\nx\r\n--abcd--\r\n")
	// A transport header the collection sets is compared.
	keep := map[string]bool{"cache-control": true}
	if d := firstDifference(normalise(newman, keep, nil, ""), normalise(sdk, keep, nil, "")); !strings.Contains(d, "cache-control") {
		t.Errorf("difference %q, want cache-control", d)
	}
	// The order of a header's values matters.
	sdk.Header[3], sdk.Header[4] = [2]string{"X-Dup", "2"}, [2]string{"X-Dup", "1"}
	if d := firstDifference(want, normalise(sdk, nil, nil, "")); !strings.Contains(d, "x-dup") {
		t.Errorf("difference %q, want x-dup", d)
	}
	sdk.Target = "/p?a=2"
	if d := firstDifference(want, normalise(sdk, nil, nil, "")); !strings.HasPrefix(d, "url") {
		t.Errorf("difference %q, want url", d)
	}
}

// Variables: the SDK gets the literal of a scrubbed credential, both sides
// get defined credentials, made-up values for undefined variables (an
// origin for a host) and fixed dynamic values; defaults the SDK carries
// are left alone.
func TestVariables(t *testing.T) {
	src := `{"info":{"name":"v","schema":"https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
	"variable":[{"key":"token","value":"{{inner}}"},{"key":"inner","value":"s3cret"},{"key":"page","value":"2"}],
	"item":[{"name":"a","request":{"method":"GET","url":"{{baseUrl}}/x?p={{page}}&id={{$guid}}&r={{$randomNoSuch}}",
	"header":[{"key":"Authorization","value":"Bearer {{token}}"},{"key":"X-Api-Key","value":"literal-key"}]}}]}`
	res, err := parser.Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	gen, err := generator.Generate(res.Collection, generator.Config{Package: "v"})
	if err != nil {
		t.Fatal(err)
	}
	shared, sdkOnly := variables(res.Collection, gen)
	wantShared := map[string]string{"baseUrl": "https://baseurl.example", "token": "{{inner}}", "inner": "s3cret", "$guid": dynamicValues["$guid"]}
	if len(shared) != len(wantShared) {
		t.Errorf("shared = %v, want %v", shared, wantShared)
	}
	for k, v := range wantShared {
		if shared[k] != v {
			t.Errorf("shared[%q] = %q, want %q", k, shared[k], v)
		}
	}
	if len(sdkOnly) != 1 || sdkOnly["X-Api-Key"] != "literal-key" {
		t.Errorf("sdkOnly = %v", sdkOnly)
	}
}

func TestBaseline(t *testing.T) {
	path := filepath.Join(t.TempDir(), "baseline.txt")
	reports := []*CaseReport{{Name: "a", Equal: 3}, {Name: "b", Equal: 5}}
	if err := WriteBaseline(path, reports); err != nil {
		t.Fatal(err)
	}
	base, err := ReadBaseline(path)
	if err != nil || base["a"] != 3 || base["b"] != 5 {
		t.Fatalf("baseline %v, %v", base, err)
	}
	reports[1].Equal = 4
	if drops := CheckBaseline(base, reports); len(drops) != 1 || !strings.HasPrefix(drops[0], "b: 4") {
		t.Errorf("drops %v", drops)
	}
	if err := os.WriteFile(path, []byte("a x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadBaseline(path); err == nil {
		t.Error("a bad baseline line was accepted")
	}
}

// Signed auth types: the clock's and the nonce's values are masked, any
// other difference in what they send is still found.
func TestSignedAuthMasks(t *testing.T) {
	ex := func(authz, target string) Exchange {
		return Exchange{Scheme: "http", Method: "GET", Target: target, Header: [][2]string{{"Host", "h"}, {"Authorization", authz}, {"X-Amz-Date", "20261127T010101Z"}}}
	}
	for _, tc := range []struct {
		auth       string
		a, b       Exchange
		wantEqual  bool
		wantInDiff string
	}{
		{"oauth1", ex(`OAuth oauth_consumer_key="ck",oauth_timestamp="1",oauth_nonce="a",oauth_signature="x"`, "/p"),
			ex(`OAuth oauth_consumer_key="ck",oauth_timestamp="2",oauth_nonce="b",oauth_signature="y"`, "/p"), true, ""},
		{"oauth1", ex(`OAuth oauth_consumer_key="ck",oauth_timestamp="1"`, "/p"),
			ex(`OAuth oauth_consumer_key="other",oauth_timestamp="1"`, "/p"), false, "authorization"},
		{"oauth1", ex("", "/p?b=2&oauth_nonce=a&oauth_signature=x"), ex("", "/p?b=2&oauth_nonce=b&oauth_signature=y"), true, ""},
		{"awsv4", ex("AWS4-HMAC-SHA256 Credential=AK/20261127/r/s/aws4_request, SignedHeaders=host;x-amz-date, Signature=ab12", "/p"),
			ex("AWS4-HMAC-SHA256 Credential=AK/20261128/r/s/aws4_request, SignedHeaders=host;x-amz-date, Signature=cd34", "/p"), true, ""},
		{"awsv4", ex("AWS4-HMAC-SHA256 Credential=AK/20261127/r/s/aws4_request, SignedHeaders=host;x-amz-date, Signature=ab12", "/p"),
			ex("AWS4-HMAC-SHA256 Credential=AK/20261127/r/s/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=ab12", "/p"), false, "SignedHeaders"},
		{"hawk", ex(`Hawk id="i", ts="1", nonce="a", mac="x"`, "/p"), ex(`Hawk id="i", ts="2", nonce="b", mac="y"`, "/p"), true, ""},
		{"bearer", ex("Bearer a", "/p"), ex("Bearer b", "/p"), false, "authorization"},
	} {
		d := firstDifference(normalise(tc.a, nil, nil, tc.auth), normalise(tc.b, nil, nil, tc.auth))
		if (d == "") != tc.wantEqual || !strings.Contains(d, tc.wantInDiff) {
			t.Errorf("%s: difference %q, want equal=%v containing %q", tc.auth, d, tc.wantEqual, tc.wantInDiff)
		}
	}
}
