// Package runtime is the code every generated SDK carries: the request
// pipeline that reproduces what Postman sends (variables, URL encoding,
// headers, bodies), and the errors and response types SDK users see.
//
// It is real Go, compiled and tested here, and copied into each SDK by the
// templates package with its package clause rewritten. This file (doc.go)
// and the tests are not copied. Nothing here may import anything but the
// standard library (and golang.org/x/oauth2 in the OAuth2 file), and no file
// may refer to generated code.
package runtime
