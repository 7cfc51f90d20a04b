package mock

// routes is the route table; the generator writes the real one for each
// SDK, and this package's tests set their own.
var routes []route
