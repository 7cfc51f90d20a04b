package typedbodies

import (
	"context"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	_ "github.com/postgen/postgen/internal/testflag"
)

// sent is what the server saw of one request.
type sent struct {
	method, uri, contentType, body string
	parts                          map[string]string
}

// newServer records requests and answers with reply's status and body.
func newServer(t *testing.T, status int, reply string) (*Client, <-chan sent) {
	t.Helper()
	reqs := make(chan sent, 4)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s := sent{method: r.Method, uri: r.RequestURI, contentType: r.Header.Get("Content-Type"), parts: map[string]string{}}
		if mt, params, _ := mime.ParseMediaType(s.contentType); mt == "multipart/form-data" {
			mr := multipart.NewReader(r.Body, params["boundary"])
			for p, err := mr.NextPart(); err == nil; p, err = mr.NextPart() {
				b, _ := io.ReadAll(p)
				s.parts[p.FormName()] = p.FileName() + "|" + p.Header.Get("Content-Type") + "|" + string(b)
			}
		} else {
			b, _ := io.ReadAll(r.Body)
			s.body = string(b)
		}
		reqs <- s
		w.WriteHeader(status)
		io.WriteString(w, reply)
	}))
	t.Cleanup(srv.Close)
	c, err := NewClient(WithBaseURL(srv.URL), WithVariable("password", "s3cret"))
	if err != nil {
		t.Fatal(err)
	}
	return c, reqs
}

// A nil body sends no body; WithSampleBody sends the collection's.
func TestJSONBodyNilSendsNothingWithSampleBodyTheCollectionsText(t *testing.T) {
	c, reqs := newServer(t, 201, `{"id":"s-1","status":"created"}`)
	res, _, err := c.CreateShipment(context.Background(), nil)
	if err != nil || res.ID != "s-1" || res.Status != "created" {
		t.Fatalf("CreateShipment = %+v, %v", res, err)
	}
	if got := <-reqs; got.body != "" || got.contentType != "" {
		t.Errorf("nil body sent %q (%s), want nothing", got.body, got.contentType)
	}
	if _, _, err := c.CreateShipment(context.Background(), nil, WithSampleBody()); err != nil {
		t.Fatal(err)
	}
	// Comments stripped, {{variables}} resolved, the rest byte for byte.
	want := "{\n  \n  \"to\": {\"city\": \"Paris\", \"zip\": \"75001\"},\n  \"weight_kg\": 3,\n  \"express\": true,\n  \"tags\": [\"fragile\"],\n  \"ref\": \"r-1\",\n}"
	if got := <-reqs; got.body != want || got.contentType != "application/json" {
		t.Errorf("WithSampleBody: body %q (%s), want %q", got.body, got.contentType, want)
	}
}

func TestTypedJSONBody(t *testing.T) {
	c, reqs := newServer(t, 201, `{"id":"s-2","status":"created"}`)
	body := &CreateShipmentBody{To: To{City: "Oslo", Zip: "0150"}, WeightKg: 1.25, Tags: []string{"a&b"}}
	if _, _, err := c.CreateShipment(context.Background(), body); err != nil {
		t.Fatal(err)
	}
	// Members left at zero (Express false, Ref, To.Country) are left out;
	// <, > and & are not escaped, as JSON.stringify does not escape them.
	if got := <-reqs; got.body != `{"to":{"city":"Oslo","zip":"0150"},"weight_kg":1.25,"tags":["a&b"]}` {
		t.Errorf("body %s", got.body)
	}
	// WithJSONField sends a zero value, or a member the type lacks.
	if _, _, err := c.CreateShipment(context.Background(), body, WithJSONField("express", false), WithJSONField("insured", 100)); err != nil {
		t.Fatal(err)
	}
	if got := <-reqs; got.body != `{"to":{"city":"Oslo","zip":"0150"},"weight_kg":1.25,"tags":["a&b"],"express":false,"insured":100}` {
		t.Errorf("with WithJSONField: body %s", got.body)
	}
}

func TestTopLevelArrayBody(t *testing.T) {
	c, reqs := newServer(t, 200, `{"imported":1}`)
	res, _, err := c.ImportShipments(context.Background(), []ImportShipmentsBodyItem{{Ref: "z", WeightKg: 4}})
	if err != nil || res.Imported != 1 {
		t.Fatalf("ImportShipments = %+v, %v", res, err)
	}
	if got := <-reqs; got.body != `[{"ref":"z","weight_kg":4}]` {
		t.Errorf("body %s", got.body)
	}
	if _, _, err := c.ImportShipments(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	if got := <-reqs; got.body != "" {
		t.Errorf("nil sent %s, want no body", got.body)
	}
	if _, _, err := c.ImportShipments(context.Background(), nil, WithSampleBody()); err != nil {
		t.Fatal(err)
	}
	if got := <-reqs; !strings.Contains(got.body, `"note": "late"`) {
		t.Errorf("WithSampleBody did not send the collection's body: %s", got.body)
	}
}

func TestCredentialInBodyComesFromAVariable(t *testing.T) {
	c, reqs := newServer(t, 200, `{"session":"x","expires_at":"2030-01-01T00:00:00Z"}`)
	// The collection's body holds {{password}}: WithSampleBody sends it
	// with the variable's value.
	res, _, err := c.Login(context.Background(), nil, WithSampleBody())
	if err != nil || res.ExpiresAt.Year() != 2030 {
		t.Fatalf("Login = %+v, %v", res, err)
	}
	if got := <-reqs; !strings.Contains(got.body, `"password": "s3cret"`) {
		t.Errorf("body %s", got.body)
	}
	// The caller's body needs no variable.
	if _, _, err := c.Login(context.Background(), &LoginBody{Username: "ada", Password: "pw"}); err != nil {
		t.Fatal(err)
	}
	if got := <-reqs; got.body != `{"username":"ada","password":"pw"}` {
		t.Errorf("typed body %s", got.body)
	}
	noPassword, err := NewClient(WithBaseURL("http://127.0.0.1:1"))
	if err != nil {
		t.Fatal(err)
	}
	var ve *VariableError
	if _, _, err := noPassword.Login(context.Background(), nil, WithSampleBody()); !errors.As(err, &ve) || ve.Name != "password" {
		t.Errorf("err = %v, want a VariableError for password", err)
	}
}

func TestGraphQLRequest(t *testing.T) {
	c, reqs := newServer(t, 200, `{"data":{"search":[{"id":"1","name":"Ada"}]}}`)
	ctx := context.Background()
	res, _, err := c.Search(ctx, nil)
	if err != nil || len(res.Data.Search) != 1 || res.Data.Search[0].Name != "Ada" {
		t.Fatalf("Search = %+v, %v", res, err)
	}
	// The query is the request's own; its variables are samples.
	want := `{"query":"query Search($q: String!, $first: Int) {\n  search(q: $q, first: $first) { id name }\n}"}`
	if got := <-reqs; got.body != want {
		t.Errorf("nil body\n got %s\nwant %s", got.body, want)
	}
	if _, _, err := c.Search(ctx, nil, WithSampleBody()); err != nil {
		t.Fatal(err)
	}
	want = `{"query":"query Search($q: String!, $first: Int) {\n  search(q: $q, first: $first) { id name }\n}","variables":{` + "\n" + `  "q": "ada",` + "\n" + `  "first": 10` + "\n}}"
	if got := <-reqs; got.body != want {
		t.Errorf("WithSampleBody\n got %s\nwant %s", got.body, want)
	}
	if _, _, err := c.Search(ctx, &SearchRequest{Variables: SearchVariables{Q: "grace", First: 2}}); err != nil {
		t.Fatal(err)
	}
	want = `{"query":"query Search($q: String!, $first: Int) {\n  search(q: $q, first: $first) { id name }\n}","variables":{"q":"grace","first":2}}`
	if got := <-reqs; got.body != want {
		t.Errorf("typed body\n got %s\nwant %s", got.body, want)
	}
	if SearchQuery != "query Search($q: String!, $first: Int) {\n  search(q: $q, first: $first) { id name }\n}" {
		t.Errorf("SearchQuery = %q", SearchQuery)
	}
}

func TestXMLBodyAndResultAreText(t *testing.T) {
	c, reqs := newServer(t, 200, `<result>ok</result>`)
	res, _, err := c.ConvertXML(context.Background(), "<doc/>")
	if err != nil || res != "<result>ok</result>" {
		t.Fatalf("ConvertXML = %q, %v", res, err)
	}
	if got := <-reqs; got.body != "<doc/>" || got.contentType != "application/xml" {
		t.Errorf("sent %q (%s)", got.body, got.contentType)
	}
	if _, _, err := c.ConvertXML(context.Background(), ""); err != nil {
		t.Fatal(err)
	}
	if got := <-reqs; got.body != "" || got.contentType != "" {
		t.Errorf("empty string sent %q (%s), want nothing", got.body, got.contentType)
	}
	if _, _, err := c.ConvertXML(context.Background(), "", WithSampleBody()); err != nil {
		t.Fatal(err)
	}
	if got := <-reqs; got.body != "<doc><n>7</n></doc>" || got.contentType != "application/xml" {
		t.Errorf("WithSampleBody sent %q (%s)", got.body, got.contentType)
	}
}

func TestFileBodyAndBinaryResult(t *testing.T) {
	c, reqs := newServer(t, 201, `{"name":"r.pdf","size":3}`)
	res, _, err := c.UploadFile(context.Background(), "r.pdf", strings.NewReader("PDF"))
	if err != nil || res.Size != 3 {
		t.Fatalf("UploadFile = %+v, %v", res, err)
	}
	if got := <-reqs; got.uri != "/files/r.pdf" || got.body != "PDF" || got.contentType != "application/pdf" {
		t.Errorf("sent %+v", got)
	}
	c, _ = newServer(t, 200, "%PDF-1.4\x00\xff")
	pdf, _, err := c.DownloadFile(context.Background(), "r.pdf")
	if err != nil || string(pdf) != "%PDF-1.4\x00\xff" {
		t.Errorf("DownloadFile = %q, %v", pdf, err)
	}
}

func TestURLEncodedFormAsPostmanEncodesIt(t *testing.T) {
	c, reqs := newServer(t, 204, "")
	// The Example's call: the collection's values.
	if _, err := c.Subscribe(context.Background(), &SubscribeForm{Email: "ada@example.com", Topics: []string{"news", "offers"}}); err != nil {
		t.Fatal(err)
	}
	if got := <-reqs; got.body != "email=ada%40example.com&topics=news&topics=offers" || got.contentType != "application/x-www-form-urlencoded" {
		t.Errorf("collection form: %q (%s)", got.body, got.contentType)
	}
	// RFC 3986 strict: space is %20 and + is %2B, never url.Values' "+".
	// Topics, left empty, is not sent.
	if _, err := c.Subscribe(context.Background(), &SubscribeForm{Email: "a b+c@x", Note: "*"}); err != nil {
		t.Fatal(err)
	}
	if got := <-reqs; got.body != "email=a%20b%2Bc%40x&note=%2A" {
		t.Errorf("caller form: %q", got.body)
	}
	if _, err := c.Subscribe(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	if got := <-reqs; got.body != "" || got.contentType != "" {
		t.Errorf("nil form: %q (%s), want nothing", got.body, got.contentType)
	}
}

func TestMultipartFormStreamsTheFile(t *testing.T) {
	c, reqs := newServer(t, 200, `{"url":"https://cdn.example.com/x.png"}`)
	form := &UploadAvatarForm{User: "ada", Image: &FormFile{Name: "me.png", ContentType: "image/png", Content: strings.NewReader("\x89PNG")}}
	res, _, err := c.UploadAvatar(context.Background(), form)
	if err != nil || res.URL != "https://cdn.example.com/x.png" {
		t.Fatalf("UploadAvatar = %+v, %v", res, err)
	}
	got := <-reqs
	if got.parts["user"] != "||ada" || got.parts["image"] != "me.png|image/png|\x89PNG" {
		t.Errorf("parts %q", got.parts)
	}
}
