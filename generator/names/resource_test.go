package names

import (
	"strings"
	"testing"
)

func TestResource(t *testing.T) {
	for path, want := range map[string]string{
		"repos/:owner/:repo":                  "repository",
		"orgs/:org/repos":                     "repository",
		"bookings/:bookingId":                 "booking",
		"bookings":                            "booking",
		"v1/articles/{{slug}}/comments":       "comment",
		"user":                                "",
		"repos/:owner/:repo/merges":           "merge",
		"repos/:owner/:repo/merge":            "",
		"users.json":                          "",
		"":                                    "",
		":id":                                 "",
		"categories/:id/":                     "category",
		"merchants/:id/paymentMethodSettings": "paymentMethodSetting",
		"companies/:id/apiCredentials/:c":     "apiCredential",
		"users/:id/orgRepos":                  "orgRepository",
		"Bookings":                            "booking",
	} {
		if got := Resource(strings.Split(path, "/")); got != want {
			t.Errorf("Resource(%q) = %q, want %q", path, got, want)
		}
	}
}
