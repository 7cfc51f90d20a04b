// Package sdkmock is the mock server of generated SDKs: an
// httptest.Server that answers each request of a collection with one of
// its saved examples. Each SDK's <package>test subpackage (bookingstest
// for package bookings) declares the collection's routes (one per
// request: method, path template, the query values and headers that tell
// requests on the same path apart, and the examples) and starts this
// server with them. Requests nothing on the wire tells apart are answered
// by the first and recorded with Request.Ambiguous.
//
// It imports the standard library only, not the SDK: the server speaks
// HTTP only.
package sdkmock
