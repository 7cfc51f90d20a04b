package sdk

import (
	"context"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"
)

// upload is what the upload server saw of one request.
type upload struct {
	contentLength int64
	chunked       bool
	parts         map[string]string // name -> "filename|content-type|content" or the value
	body          string
}

// newUploadServer records uploads, parsing multipart bodies.
func newUploadServer(t *testing.T) (*Core, <-chan upload) {
	t.Helper()
	got := make(chan upload, 4)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u := upload{contentLength: r.ContentLength, chunked: len(r.TransferEncoding) > 0 && r.TransferEncoding[0] == "chunked", parts: map[string]string{}}
		mt, params, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
		if mt == "multipart/form-data" {
			mr := multipart.NewReader(r.Body, params["boundary"])
			for {
				p, err := mr.NextPart()
				if err != nil {
					break
				}
				b, _ := io.ReadAll(p)
				if p.FileName() != "" {
					u.parts[p.FormName()] = p.FileName() + "|" + p.Header.Get("Content-Type") + "|" + string(b)
				} else {
					u.parts[p.FormName()] = string(b)
				}
			}
		} else {
			b, _ := io.ReadAll(r.Body)
			u.body = string(b)
		}
		got <- u
	}))
	t.Cleanup(srv.Close)
	c, err := NewCore(&Defaults{Origins: []string{srv.URL}, Variables: map[string]string{"who": "ada"}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return c, got
}

var uploadOp = Operation{Name: "Files.Upload", Method: "POST", Path: "/upload", Body: &BodySpec{Mode: BodyFormData, Form: []Param{
	{In: InForm, Key: "who", Value: "{{who}}", Const: true},
	{In: InFile, Key: "doc", FileName: "a.txt", ContentType: "text/plain"},
}}}

// uploadForm is shaped like a generated form struct.
type uploadForm struct {
	Who string
	Doc *FormFile
}

// args is what a generated form struct's args method returns.
func (f *uploadForm) args() Args {
	var a Args
	Form(&a, "who", f.Who)
	File(&a, "doc", f.Doc)
	return a
}

func TestMultipartStreamsCallerFiles(t *testing.T) {
	c, got := newUploadServer(t)
	ctx := context.Background()

	// A reader that tells its size: streamed with a Content-Length.
	form := &uploadForm{Doc: &FormFile{Name: "big.bin", Content: strings.NewReader(strings.Repeat("x", 1<<20))}}
	if _, err := SendNoResult(ctx, c, &uploadOp, Call{Form: form.args()}); err != nil {
		t.Fatal(err)
	}
	u := <-got
	if u.chunked || u.contentLength <= 1<<20 || u.parts["who"] != "ada" || u.parts["doc"] != "big.bin|text/plain|"+strings.Repeat("x", 1<<20) {
		t.Errorf("sized upload: chunked %v, length %d, who %q, doc %.40q", u.chunked, u.contentLength, u.parts["who"], u.parts["doc"])
	}

	// A reader that cannot tell its size: streamed chunked.
	form = &uploadForm{Who: "grace", Doc: &FormFile{Name: "s.txt", ContentType: "text/x", Content: iotest.OneByteReader(strings.NewReader("streamed"))}}
	if _, err := SendNoResult(ctx, c, &uploadOp, Call{Form: form.args()}); err != nil {
		t.Fatal(err)
	}
	u = <-got
	if !u.chunked || u.parts["who"] != "grace" || u.parts["doc"] != "s.txt|text/x|streamed" {
		t.Errorf("unsized upload: chunked %v, parts %q", u.chunked, u.parts)
	}
}

func TestStreamedMultipartChecksVariablesFirst(t *testing.T) {
	c, got := newUploadServer(t)
	c.defaults = map[string]string{}
	form := &uploadForm{Doc: &FormFile{Name: "x", Content: strings.NewReader("x")}}
	_, err := SendNoResult(context.Background(), c, &uploadOp, Call{Form: form.args()})
	var ve *VariableError
	if !errors.As(err, &ve) || ve.Name != "who" {
		t.Fatalf("err = %v, want a VariableError for who", err)
	}
	select {
	case u := <-got:
		t.Fatalf("a request was sent: %+v", u)
	default:
	}
}

func TestStreamedFileErrorFailsTheCall(t *testing.T) {
	c, _ := newUploadServer(t)
	boom := errors.New("disk on fire")
	form := &uploadForm{Doc: &FormFile{Name: "x", Content: iotest.ErrReader(boom)}}
	if _, err := SendNoResult(context.Background(), c, &uploadOp, Call{Form: form.args()}); !errors.Is(err, boom) {
		t.Fatalf("err = %v, want it to wrap %v", err, boom)
	}
}

func TestFileBodyIsStreamedAndLeftOpen(t *testing.T) {
	c, got := newUploadServer(t)
	path := filepath.Join(t.TempDir(), "report.json")
	if err := os.WriteFile(path, []byte(`{"ok":true}`), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	op := Operation{Name: "Files.Put", Method: "PUT", Path: "/f", Body: &BodySpec{Mode: BodyFile, ContentType: "application/json"}}
	if _, err := SendNoResult(context.Background(), c, &op, Call{Body: f}); err != nil {
		t.Fatal(err)
	}
	u := <-got
	if u.body != `{"ok":true}` || u.contentLength != int64(len(`{"ok":true}`)) || u.chunked {
		t.Errorf("got body %q, length %d, chunked %v", u.body, u.contentLength, u.chunked)
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		t.Errorf("the caller's file was closed: %v", err)
	}
}

func TestErrorBodiesAreTypedByStatus(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/404":
			w.WriteHeader(http.StatusNotFound)
			io.WriteString(w, `{"message":"gone","code":7}`)
		case "/422":
			w.WriteHeader(http.StatusUnprocessableEntity)
			io.WriteString(w, `[{"field":"name"}]`)
		case "/500":
			w.WriteHeader(http.StatusInternalServerError)
			io.WriteString(w, `{"message":"boom"}`)
		case "/404html":
			w.WriteHeader(http.StatusNotFound)
			io.WriteString(w, `<html>`)
		}
	}))
	defer srv.Close()
	type notFound struct {
		Message string `json:"message"`
		Code    int64  `json:"code"`
	}
	type invalid struct {
		Field string `json:"field"`
	}
	c, err := NewCore(&Defaults{Origins: []string{srv.URL}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	call404 := func(path string) error {
		op := Operation{Name: "T.Get", Method: "GET", Path: path, ErrBodies: []ErrorBody{{404, ErrorAs[*notFound]}, {422, ErrorAs[[]invalid]}}}
		_, err := SendNoResult(context.Background(), c, &op, Call{})
		return err
	}
	if nf, ok := AsErrorBody[*notFound](call404("/404")); !ok || nf.Message != "gone" || nf.Code != 7 {
		t.Errorf("404: %+v, %v", nf, ok)
	}
	if inv, ok := AsErrorBody[[]invalid](call404("/422")); !ok || len(inv) != 1 || inv[0].Field != "name" {
		t.Errorf("422: %+v, %v", inv, ok)
	}
	for _, path := range []string{"/500", "/404html"} {
		err := call404(path)
		var apiErr *APIError
		if !errors.As(err, &apiErr) || apiErr.Decoded != nil || len(apiErr.Body) == 0 {
			t.Errorf("%s: err %v, Decoded %#v: want no typed body, raw bytes kept", path, err, apiErr.Decoded)
		}
		if _, ok := AsErrorBody[*notFound](err); ok {
			t.Errorf("%s: AsErrorBody found a body", path)
		}
	}
	if _, ok := AsErrorBody[*notFound](errors.New("other")); ok {
		t.Error("AsErrorBody on a plain error")
	}
}

func TestGraphQLRequestBody(t *testing.T) {
	srv := newCaptureServer(t)
	spec := BodySpec{Mode: BodyGraphQL, ContentType: "application/json", Text: "query Q($id: ID!) { user(id: $id) { name } } # {{who}}", GQLVariables: `{"id": "1"}`, GQLVarsText: true}
	op := Operation{Method: "POST", Path: "/graphql", Body: &spec}
	type vars struct {
		ID string `json:"id"`
	}
	tests := []struct {
		name string
		body any
		want string
	}{
		{"nil sends the collection's query, not its sample variables", (*GraphQLRequest[vars])(nil), `{"query":"query Q($id: ID!) { user(id: $id) { name } } # ada"}`},
		{"empty query sends the collection's", &GraphQLRequest[vars]{Variables: vars{ID: "2"}}, `{"query":"query Q($id: ID!) { user(id: $id) { name } } # ada","variables":{"id":"2"}}`},
		{"caller query and operation", &GraphQLRequest[vars]{Query: "query R { a }", OperationName: "R", Variables: vars{ID: "<3>"}}, `{"query":"query R { a }","operationName":"R","variables":{"id":"<3>"}}`},
		{"nil variables left out", &GraphQLRequest[map[string]any]{Query: "{ a }"}, `{"query":"{ a }"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := srv.roundTrip(t, &Core{vars: map[string]string{"who": "ada"}}, &op, Call{Body: tt.body})
			if got.body != tt.want {
				t.Errorf("body\n got %s\nwant %s", got.body, tt.want)
			}
		})
	}
}
