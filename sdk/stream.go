package sdk

import (
	"bytes"
	"io"
	"mime/multipart"
)

// This file sends bodies whose content comes from the caller's readers
// (form files, file bodies) as a stream: a large upload is never held in
// memory. Content-Length is sent, as Postman sends it, when every reader
// tells its size (a *bytes.Reader, *strings.Reader, *bytes.Buffer, or a
// seekable reader such as an *os.File); otherwise the body goes chunked.
// A streamed body is read once, so it cannot be sent again.

// requestBody returns the body of a request (nil for none), its length
// (-1 when unknown) and the Content-Type to add when the request sets
// none.
func (c *Core) requestBody(op *Operation, in *Call) (io.Reader, int64, string, error) {
	if r, size, ct, ok, err := c.streamBody(op, in); ok || err != nil {
		return r, size, ct, err
	}
	b, ct, err := c.buildBody(op, in)
	if err != nil || b == nil {
		return nil, 0, ct, err
	}
	return bytes.NewReader(b), int64(len(b)), ct, nil
}

// streamBody returns a streamed body when op's body takes the caller's
// readers; ok is false for every other body.
func (c *Core) streamBody(op *Operation, in *Call) (r io.Reader, size int64, contentType string, ok bool, err error) {
	spec := op.Body
	if spec == nil {
		return nil, 0, "", false, nil
	}
	switch spec.Mode {
	case BodyFile:
		if isNil(in.Body) {
			return nil, 0, "", false, nil
		}
		rd, isReader := in.Body.(io.Reader)
		if !isReader {
			return nil, 0, "", false, nil
		}
		size := readerSize(rd)
		if size == 0 {
			return nil, 0, "", true, nil // no body, as Postman sends an empty file
		}
		// The caller owns the reader: the transport must not close it.
		return io.NopCloser(rd), size, spec.ContentType, true, nil
	case BodyFormData:
		if !anyContent(in.Form) {
			return nil, 0, "", false, nil
		}
		r, size, ct, err := c.streamMultipart(spec, in.Form)
		return r, size, ct, true, err
	}
	return nil, 0, "", false, nil
}

// anyContent reports whether a caller's file has content to stream.
func anyContent(form Args) bool {
	for _, a := range form {
		if a.File != nil && a.File.Content != nil {
			return true
		}
	}
	return false
}

// streamMultipart writes the multipart body through a pipe as the
// request is sent. Its parts are first laid out without file contents,
// which checks the collection's values (an unset variable fails here,
// before anything is sent) and measures the framing.
func (c *Core) streamMultipart(spec *BodySpec, form Args) (io.Reader, int64, string, error) {
	var framing countWriter
	size := int64(0)
	layout := multipart.NewWriter(&framing)
	measure := func(_ io.Writer, src io.Reader) error {
		if n := readerSize(src); n >= 0 && size >= 0 {
			size += n
		} else {
			size = -1
		}
		return nil
	}
	if _, err := c.writeParts(layout, spec, form, false, measure); err != nil {
		return nil, 0, "", err
	}
	if err := layout.Close(); err != nil {
		return nil, 0, "", err
	}
	if size >= 0 {
		size += framing.n
	}
	pr, pw := io.Pipe()
	go func() {
		w := multipart.NewWriter(pw)
		err := w.SetBoundary(layout.Boundary())
		if err == nil {
			_, err = c.writeParts(w, spec, form, false, copyContent)
		}
		if err == nil {
			err = w.Close()
		}
		pw.CloseWithError(err)
	}()
	return pr, size, layout.FormDataContentType(), nil
}

// countWriter counts the bytes written to it.
type countWriter struct{ n int64 }

func (w *countWriter) Write(p []byte) (int, error) {
	w.n += int64(len(p))
	return len(p), nil
}

// readerSize is how many bytes r has left to read, -1 when it cannot
// tell without reading.
func readerSize(r io.Reader) int64 {
	switch v := r.(type) {
	case interface{ Len() int }:
		return int64(v.Len())
	case io.Seeker:
		cur, err := v.Seek(0, io.SeekCurrent)
		if err != nil {
			return -1
		}
		end, err := v.Seek(0, io.SeekEnd)
		if err != nil {
			return -1
		}
		if _, err := v.Seek(cur, io.SeekStart); err != nil {
			return -1
		}
		return end - cur
	}
	return -1
}
