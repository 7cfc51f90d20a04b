// Package mock is the mock server every generated SDK carries in its
// <package>test subpackage (bookingstest for package bookings): an
// httptest.Server that answers each request of the collection with one of
// its saved examples.
//
// It is real Go, compiled and tested here, and copied into each SDK by the
// templates package with its package clause rewritten; the generator adds
// the file that declares the routes (one per request: method, path
// template, the query values that tell requests on the same path apart,
// and the examples). This file (doc.go), routes.go (an empty route table
// for this package's own build) and the tests are not copied. Nothing here
// may import anything but the standard library, nor the SDK itself: the
// server speaks HTTP only, so it needs no import path.
package mock
