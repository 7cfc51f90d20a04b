package sdk

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/textproto"
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
			in.Body = nil // an empty text body is no body
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
			// The query is what the request is, so it is always sent;
			// its variables are samples.
			b, err := c.graphQLBody(spec, in.SampleBody)
			return b, spec.ContentType, err
		}
		if !in.SampleBody {
			return nil, "", nil // zero means omit
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
		b, err := c.urlEncodedBody(spec, in.Form, in.SampleBody && len(in.Form) == 0)
		return b, spec.ContentType, err
	case BodyFormData:
		return c.multipartBody(spec, in.Form, in.SampleBody && len(in.Form) == 0)
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
func (c *Core) graphQLBody(spec *BodySpec, withVariables bool) ([]byte, error) {
	query, err := c.Resolve(spec.Text)
	if err != nil {
		return nil, err
	}
	vars := ""
	if withVariables {
		if vars, err = c.Resolve(spec.GQLVariables); err != nil {
			return nil, err
		}
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

// urlEncodedBody encodes the rows of spec as Postman does (§9.3): the
// caller's values in place of their rows, the constant rows the caller
// left unset, then the caller's values no row has. No value means no body.
func (c *Core) urlEncodedBody(spec *BodySpec, form Args, samples bool) ([]byte, error) {
	var b strings.Builder
	pair := func(key, value string) {
		if b.Len() > 0 {
			b.WriteByte('&')
		}
		b.WriteString(formEncode(key))
		b.WriteByte('=')
		b.WriteString(formEncode(value))
	}
	var use argUse
	n := len(form)
	for i := range spec.Form {
		p := &spec.Form[i]
		if ai := form.find(InForm, p.Key); ai >= 0 {
			if use.take(ai, n) {
				for _, v := range form[ai].Values {
					pair(p.Key, v)
				}
			}
			continue
		}
		if !p.Const && !samples {
			continue
		}
		value, err := c.Resolve(p.Value)
		if err != nil {
			return nil, err
		}
		key, err := c.Resolve(p.Key)
		if err != nil {
			return nil, err
		}
		pair(key, value)
	}
	for i := range form {
		if form[i].In == InForm && !use.used(i, n) {
			for _, v := range form[i].Values {
				pair(form[i].Key, v)
			}
		}
	}
	if b.Len() == 0 {
		return nil, nil
	}
	return []byte(b.String()), nil
}

// multipartBody encodes the rows of spec as multipart/form-data (§9.4),
// in memory: used when no part is a caller's file with content (those are
// streamed instead, see streamMultipart).
func (c *Core) multipartBody(spec *BodySpec, form Args, samples bool) ([]byte, string, error) {
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	parts, err := c.writeParts(w, spec, form, samples, copyContent)
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

// writeParts writes the parts of spec to w and returns how many it wrote:
// the caller's values and files in place of their rows, the constant text
// rows the caller left unset, then the caller's values no row has. A file
// the caller does not give is not sent. content writes a file's content.
func (c *Core) writeParts(w *multipart.Writer, spec *BodySpec, form Args, samples bool, content func(io.Writer, io.Reader) error) (int, error) {
	parts := 0
	var use argUse
	n := len(form)
	write := func(p *Param, a *Arg) error {
		key := a.Key
		ctype := ""
		if p != nil {
			key, ctype = p.Key, p.ContentType
		}
		if a.In == InFile {
			f := a.File
			if f.ContentType != "" {
				ctype = f.ContentType
			}
			if err := c.writePart(w, key, &f.Name, ctype, f.Content, content); err != nil {
				return err
			}
			parts++
			return nil
		}
		for _, v := range a.Values {
			if err := c.writePart(w, key, nil, ctype, strings.NewReader(v), content); err != nil {
				return err
			}
			parts++
		}
		return nil
	}
	for i := range spec.Form {
		p := &spec.Form[i]
		if ai := form.find(p.In, p.Key); ai >= 0 {
			if use.take(ai, n) {
				if err := write(p, &form[ai]); err != nil {
					return 0, err
				}
			}
			continue
		}
		if p.In == InFile && samples && p.FileName == "" {
			// Postman's part for a file row without a source: empty,
			// with an empty file name. A row naming a file on the
			// author's machine is left out, as Postman cannot read it.
			empty := ""
			if err := c.writePart(w, p.Key, &empty, p.ContentType, nil, content); err != nil {
				return 0, err
			}
			parts++
			continue
		}
		if !p.Const && !samples || p.In == InFile {
			continue
		}
		key, err := c.Resolve(p.Key)
		if err != nil {
			return 0, err
		}
		value, err := c.Resolve(p.Value)
		if err != nil {
			return 0, err
		}
		if err := c.writePart(w, key, nil, p.ContentType, strings.NewReader(value), content); err != nil {
			return 0, err
		}
		parts++
	}
	for i := range form {
		if a := &form[i]; (a.In == InForm || a.In == InFile) && !use.used(i, n) {
			if err := write(nil, a); err != nil {
				return 0, err
			}
		}
	}
	return parts, nil
}

// writePart writes one part: a file part when fileName is not nil.
func (c *Core) writePart(w *multipart.Writer, key string, fileName *string, ctype string, src io.Reader, content func(io.Writer, io.Reader) error) error {
	hdr := make(textproto.MIMEHeader, 2)
	disposition := `form-data; name="` + quoteEscape(key) + `"`
	if fileName != nil {
		disposition += `; filename="` + quoteEscape(*fileName) + `"`
	}
	hdr.Set("Content-Disposition", disposition)
	if ctype != "" {
		hdr.Set("Content-Type", ctype)
	}
	pw, err := w.CreatePart(hdr)
	if err != nil {
		return err
	}
	if src == nil {
		return nil
	}
	if fileName == nil {
		_, err = io.Copy(pw, src)
		return err
	}
	if err := content(pw, src); err != nil {
		return fmt.Errorf("reading form file %q: %w", key, err)
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
