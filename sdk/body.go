package sdk

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/textproto"
	"reflect"
	"strings"
)

// This file builds request bodies the way Postman does (POSTMAN-FORMAT.md
// §9). A nil body from the caller sends the collection's own body, with its
// variables resolved; a body from the caller is encoded as the mode says.

// FormFile is a file part of a multipart/form-data body.
type FormFile struct {
	// Name is the file name sent in the part's Content-Disposition.
	Name string
	// ContentType is the part's Content-Type; "" sends none.
	ContentType string
	// Content is read once, when the request is built.
	Content io.Reader
}

// structValues reads a generated params or form struct by slot: its
// fields, in declaration order, are the slots of its operation's rows, so
// the generator writes no accessor per struct. String fields are values;
// other fields (files) read as "". A nil pointer gives nil.
func structValues(v any) []string {
	rv := structOf(v)
	if !rv.IsValid() {
		return nil
	}
	out := make([]string, rv.NumField())
	for i := range out {
		if f := rv.Field(i); f.Kind() == reflect.String {
			out[i] = f.String()
		}
	}
	return out
}

// structFiles reads the *FormFile fields of a generated form struct by
// slot (nil for text fields), or nil when it has none.
func structFiles(v any) []*FormFile {
	rv := structOf(v)
	if !rv.IsValid() {
		return nil
	}
	var out []*FormFile
	for i := 0; i < rv.NumField(); i++ {
		if f := rv.Field(i); f.Type() == formFileType && f.CanInterface() {
			if out == nil {
				out = make([]*FormFile, rv.NumField())
			}
			out[i] = f.Interface().(*FormFile)
		}
	}
	return out
}

var formFileType = reflect.TypeOf((*FormFile)(nil))

// structOf returns the struct a non-nil struct pointer points to.
func structOf(v any) reflect.Value {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() || rv.Elem().Kind() != reflect.Struct {
		return reflect.Value{}
	}
	return rv.Elem()
}

// buildBody returns the body bytes of a request (nil for none) and the
// Content-Type to add when the request sets none.
func (c *Core) buildBody(op *Operation, in *Call) ([]byte, string, error) {
	b, ct, err := c.encodeBody(op, in)
	if b == nil {
		ct = "" // no body, no body Content-Type (§9.1)
	}
	return b, ct, err
}

// encodeBody encodes the body of op for buildBody.
func (c *Core) encodeBody(op *Operation, in *Call) ([]byte, string, error) {
	spec := op.Body
	if spec == nil {
		return nil, "", nil
	}
	switch spec.Mode {
	case BodyRaw, BodyGraphQL:
		if s, ok := in.Body.(string); ok && s == "" {
			in.Body = nil // an empty text body sends the collection's
		}
		if g, ok := in.Body.(graphQLRequest); ok && !isNil(in.Body) {
			b, err := c.graphQLCallerBody(spec, g)
			return b, spec.ContentType, err
		}
		if !isNil(in.Body) {
			b, err := encodeCallerBody(in.Body)
			return b, spec.ContentType, err
		}
		if spec.Mode == BodyGraphQL {
			b, err := c.graphQLBody(spec)
			return b, spec.ContentType, err
		}
		text, err := c.Resolve(spec.Text)
		if err != nil {
			return nil, "", err
		}
		if spec.StripComments {
			text = stripJSONComments(text)
		}
		if text == "" {
			return nil, "", nil
		}
		return []byte(text), spec.ContentType, nil
	case BodyURLEncoded:
		var values []string
		values = structValues(in.Body)
		b, err := c.urlEncodedBody(spec, values)
		return b, spec.ContentType, err
	case BodyFormData:
		var values []string
		var files []*FormFile
		if !isNil(in.Body) {
			values = structValues(in.Body)
			files = structFiles(in.Body)
		}
		return c.multipartBody(spec, values, files)
	case BodyFile:
		if isNil(in.Body) {
			return nil, "", nil
		}
		b, err := encodeCallerBody(in.Body)
		return b, spec.ContentType, err
	}
	return nil, "", nil
}

// encodeCallerBody encodes a body given by the caller: readers, bytes and
// strings as they are, anything else as JSON.
func encodeCallerBody(body any) ([]byte, error) {
	switch b := body.(type) {
	case io.Reader:
		return io.ReadAll(b)
	case []byte:
		return b, nil
	case json.RawMessage:
		return b, nil
	case string:
		return []byte(b), nil
	}
	b, err := marshalJSON(body)
	if err != nil {
		return nil, fmt.Errorf("encoding request body: %w", err)
	}
	return b, nil
}

// marshalJSON encodes v as JavaScript's JSON.stringify would: like
// json.Marshal, but without escaping <, > and &.
func marshalJSON(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// graphQLBody assembles the collection's GraphQL body (§9.6): variables
// given as text are spliced in verbatim, as Postman does.
func (c *Core) graphQLBody(spec *BodySpec) ([]byte, error) {
	query, err := c.Resolve(spec.Text)
	if err != nil {
		return nil, err
	}
	vars, err := c.Resolve(spec.GQLVariables)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	b.WriteString(`{"query":`)
	writeJSONString(&b, query)
	if spec.GQLOperation != "" {
		b.WriteString(`,"operationName":`)
		writeJSONString(&b, spec.GQLOperation)
	}
	if vars != "" {
		b.WriteString(`,"variables":`)
		b.WriteString(vars)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// writeJSONString writes s as a JSON string the way JavaScript's
// JSON.stringify does (no HTML escaping).
func writeJSONString(b *bytes.Buffer, s string) {
	enc := json.NewEncoder(b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)
	b.Truncate(b.Len() - 1) // Encode adds a newline
}

// urlEncodedBody encodes the rows of spec, with the caller's values by
// slot, as Postman does (§9.3). No enabled row means no body.
func (c *Core) urlEncodedBody(spec *BodySpec, values []string) ([]byte, error) {
	var b strings.Builder
	for i := range spec.Form {
		p := &spec.Form[i]
		value := p.Value
		if v, ok := slotValue(p, values); ok {
			value = v
		} else if p.Disabled || p.Secondary && slotSet(p, values) {
			continue
		} else {
			var err error
			if value, err = c.Resolve(value); err != nil {
				return nil, err
			}
		}
		key, err := c.Resolve(p.Key)
		if err != nil {
			return nil, err
		}
		if b.Len() > 0 {
			b.WriteByte('&')
		}
		b.WriteString(formEncode(key))
		b.WriteByte('=')
		b.WriteString(formEncode(value))
	}
	if b.Len() == 0 {
		return nil, nil
	}
	return []byte(b.String()), nil
}

// multipartBody encodes the rows of spec as multipart/form-data (§9.4),
// in memory: used when every part is the collection's (files from the
// caller are streamed instead, see streamMultipart). A file row the caller
// leaves nil is sent as Postman sends it without the file: left out when
// the collection names a file, an empty part when it names none.
func (c *Core) multipartBody(spec *BodySpec, values []string, files []*FormFile) ([]byte, string, error) {
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	parts, err := c.writeParts(w, spec, values, files, copyContent)
	if err != nil || parts == 0 {
		return nil, "", err
	}
	if err := w.Close(); err != nil {
		return nil, "", err
	}
	return b.Bytes(), w.FormDataContentType(), nil
}

// copyContent copies a file part's content into its part.
func copyContent(dst io.Writer, src io.Reader) error {
	_, err := io.Copy(dst, src)
	return err
}

// writeParts writes the parts of spec to w, with the caller's values and
// files by slot, and returns how many it wrote. A file row the caller
// leaves nil is sent as Postman sends a missing file: the collection's
// file name and no content. content writes a file's content.
func (c *Core) writeParts(w *multipart.Writer, spec *BodySpec, values []string, files []*FormFile, content func(io.Writer, io.Reader) error) (int, error) {
	parts := 0
	for i := range spec.Form {
		p := &spec.Form[i]
		key, err := c.Resolve(p.Key)
		if err != nil {
			return 0, err
		}
		hdr := make(textproto.MIMEHeader, 2)
		if p.In == InFile {
			f := callerFile(p, files)
			// Without a file from the caller the part is what Postman
			// sends when it has none (§9.4): a row naming a file (which
			// is on the collection author's machine, not here) is left
			// out as Postman leaves out a file it cannot read; a row
			// without a source is an empty part with filename="".
			if f == nil && (p.Disabled || p.FileName != "") {
				continue
			}
			name, ctype := p.FileName, p.ContentType
			var src io.Reader
			if f != nil {
				name, src = f.Name, f.Content
				if f.ContentType != "" {
					ctype = f.ContentType
				}
			}
			hdr.Set("Content-Disposition", `form-data; name="`+quoteEscape(key)+`"; filename="`+quoteEscape(name)+`"`)
			if ctype != "" {
				hdr.Set("Content-Type", ctype)
			}
			pw, err := w.CreatePart(hdr)
			if err != nil {
				return 0, err
			}
			if src != nil {
				if err := content(pw, src); err != nil {
					return 0, fmt.Errorf("reading form file %q: %w", key, err)
				}
			}
			parts++
			continue
		}
		value := p.Value
		if v, ok := slotValue(p, values); ok {
			value = v
		} else if p.Disabled || p.Secondary && slotSet(p, values) {
			continue
		} else if value, err = c.Resolve(value); err != nil {
			return 0, err
		}
		hdr.Set("Content-Disposition", `form-data; name="`+quoteEscape(key)+`"`)
		if p.ContentType != "" {
			hdr.Set("Content-Type", p.ContentType)
		}
		pw, err := w.CreatePart(hdr)
		if err != nil {
			return 0, err
		}
		if _, err := io.WriteString(pw, value); err != nil {
			return 0, err
		}
		parts++
	}
	return parts, nil
}

// callerFile is the caller's file for file row p, nil when unset.
func callerFile(p *Param, files []*FormFile) *FormFile {
	if p.Slot > 0 && p.Slot <= len(files) && !p.Secondary {
		return files[p.Slot-1]
	}
	return nil
}

// quoteEscape escapes a multipart parameter value as the form-data library
// Postman uses does: only quotes and backslashes, UTF-8 kept raw.
func quoteEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s)
}

// stripJSONComments removes // and /* */ comments outside strings, leaving
// no whitespace in their place, as Postman does for JSON bodies (§9.2).
func stripJSONComments(s string) string {
	if !strings.Contains(s, "//") && !strings.Contains(s, "/*") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	inString := false
	for i := 0; i < len(s); i++ {
		ch := s[i]
		if inString {
			b.WriteByte(ch)
			if ch == '\\' && i+1 < len(s) {
				i++
				b.WriteByte(s[i])
			} else if ch == '"' {
				inString = false
			}
			continue
		}
		switch {
		case ch == '"':
			inString = true
			b.WriteByte(ch)
		case ch == '/' && i+1 < len(s) && s[i+1] == '/':
			for i < len(s) && s[i] != '\n' && !(s[i] == '\r' && i+1 < len(s) && s[i+1] == '\n') {
				i++
			}
			if i < len(s) && s[i] == '\r' {
				i++ // a CRLF ends the comment with its CR: only the LF is kept
			}
			i-- // keep the line break
		case ch == '/' && i+1 < len(s) && s[i+1] == '*':
			end := strings.Index(s[i+2:], "*/")
			if end < 0 {
				return b.String()
			}
			i += 2 + end + 1
		default:
			b.WriteByte(ch)
		}
	}
	return b.String()
}

// pathUnescape decodes %XX escapes, failing on malformed ones.
func pathUnescape(s string) (string, error) {
	if !strings.Contains(s, "%") {
		return s, nil
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '%' {
			b.WriteByte(s[i])
			continue
		}
		if i+2 >= len(s) || unhex(s[i+1]) < 0 || unhex(s[i+2]) < 0 {
			return "", errors.New("malformed escape")
		}
		b.WriteByte(byte(unhex(s[i+1])<<4 | unhex(s[i+2])))
		i += 2
	}
	return b.String(), nil
}

// unescapePercent decodes valid %XX escapes and keeps anything else.
func unescapePercent(s string) string {
	if d, err := pathUnescape(s); err == nil {
		return d
	}
	return s
}

func unhex(c byte) int {
	switch {
	case '0' <= c && c <= '9':
		return int(c - '0')
	case 'a' <= c && c <= 'f':
		return int(c-'a') + 10
	case 'A' <= c && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}
