package config

import (
	"strings"
	"testing"

	"github.com/postgen/postgen/generator"
)

// TestRenameSuggestsTheItemOfAGoName: a rename keyed by the Go name that
// postgen inspect shows gets the Postman path to write instead.
func TestRenameSuggestsTheItemOfAGoName(t *testing.T) {
	f, err := Parse([]byte(`rename:
  services:
    BookingsService: Reservations
    client.Internal: Debugging
  methods:
    Bookings.Get: Fetch
    Bookings.List: ListAll
    Nowhere.Get: X
`), "postgen.yaml")
	if err != nil {
		t.Fatal(err)
	}
	err = f.Apply(collection(), &generator.Config{})
	if err == nil {
		t.Fatal("no error")
	}
	hint := "(items are named by their Postman path, not by their Go name; postgen inspect lists both)"
	want := []string{
		`postgen.yaml:3:5: rename.services: the collection has no folder "BookingsService"`,
		`did you mean "Bookings"? ` + hint,
		`postgen.yaml:4:5: rename.services: the collection has no folder "client.Internal"`,
		`did you mean "Internal"? ` + hint,
		`postgen.yaml:6:5: rename.methods: the collection has no request "Bookings.Get"`,
		`did you mean "Bookings/Get booking"? ` + hint,
		`postgen.yaml:7:5: rename.methods: the collection has no request "Bookings.List"`,
		`did you mean "Bookings/List bookings"? ` + hint,
	}
	lines := strings.Split(err.Error(), "\n")
	if len(lines) != 5 {
		t.Fatalf("got %d errors, want 5:\n%v", len(lines), err)
	}
	for i := 0; i < 4; i++ {
		if !strings.HasPrefix(lines[i], want[2*i]) || !strings.HasSuffix(lines[i], want[2*i+1]) {
			t.Errorf("error %d:\n got %s\nwant %s ... %s", i, lines[i], want[2*i], want[2*i+1])
		}
	}
	if strings.Contains(lines[4], "did you mean") {
		t.Errorf("no item matches Nowhere.Get, but got a suggestion: %s", lines[4])
	}
}
