package templates

// Mock returns the fixed files of an SDK's mock server package (the
// server, from ./mock) with their package clause set to pkg, such as
// "bookingstest". The generator adds the file declaring the routes; the
// names of mock files go in the package's own directory.
func Mock(pkg string) ([]File, error) {
	return copyFiles("mock", pkg, func(name string) bool {
		return copied(name) && name != "routes.go"
	})
}
