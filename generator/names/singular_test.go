package names

import "testing"

func TestSingular(t *testing.T) {
	tests := []struct{ in, want string }{
		// The brief's examples.
		{"bookings", "booking"},
		{"categories", "category"},
		{"addresses", "address"},
		{"statuses", "status"},
		{"data", "data"},
		{"BookingItems", "BookingItem"},
		// Case is kept.
		{"Bookings", "Booking"},
		{"BOOKINGS", "BOOKING"},
		{"Categories", "Category"},
		{"OrderStatuses", "OrderStatus"},
		{"booking_items", "booking_item"},
		{"booking-items", "booking-item"},
		// Initialisms.
		{"IDs", "ID"},
		{"URLs", "URL"},
		{"UserIDs", "UserID"},
		{"APIs", "API"},
		{"apis", "api"},
		{"ids", "id"},
		{"HTTPS", "HTTPS"},
		{"AWS", "AWS"},
		{"sms", "sms"},
		{"OAuths", "OAuth"},
		// Already singular or uncountable.
		{"status", "status"},
		{"address", "address"},
		{"analysis", "analysis"},
		{"series", "series"},
		{"news", "news"},
		{"metadata", "metadata"},
		{"Media", "Media"},
		{"alias", "alias"},
		{"booking", "booking"},
		{"Bus", "Bus"},
		{"Various", "Various"},
		// Suffix rules.
		{"entries", "entry"},
		{"policies", "policy"},
		{"keys", "key"},
		{"days", "day"},
		{"ties", "tie"},
		{"boxes", "box"},
		{"indexes", "index"},
		{"matches", "match"},
		{"hashes", "hash"},
		{"classes", "class"},
		{"processes", "process"},
		{"buses", "bus"},
		{"bonuses", "bonus"},
		{"causes", "cause"},
		{"houses", "house"},
		{"responses", "response"},
		{"databases", "database"},
		{"resources", "resource"},
		{"images", "image"},
		{"moves", "move"},
		{"archives", "archive"},
		{"shoes", "shoe"},
		{"analyses", "analysis"},
		{"ideas", "idea"},
		{"schemas", "schema"},
		{"photos", "photo"},
		// Irregular.
		{"people", "person"},
		{"children", "child"},
		{"indices", "index"},
		{"criteria", "criterion"},
		{"movies", "movie"},
		{"cookies", "cookie"},
		{"caches", "cache"},
		{"aliases", "alias"},
		{"knives", "knife"},
		{"heroes", "hero"},
		{"menus", "menu"},
		{"quizzes", "quiz"},
		{"UserPeople", "UserPerson"},
		// Nothing to change.
		{"", ""},
		{"s", "s"},
		{"as", "as"},
		{"v2", "v2"},
		{"items2", "items2"},
		{"获取", "获取"},
		{"列表items", "列表item"},
	}
	for _, tt := range tests {
		if got := Singular(tt.in); got != tt.want {
			t.Errorf("Singular(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
