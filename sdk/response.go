package sdk

import "net/http"

// Response is the HTTP response of a call. Its body has been read and
// closed, unless the method returns the body as an io.ReadCloser.
type Response struct {
	*http.Response

	// decoded is false when a 2xx body was empty, so nothing was decoded.
	decoded bool
}
