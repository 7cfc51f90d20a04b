package names

import (
	"go/token"
	"os"
	"strings"
	"testing"
)

// long500 is a 500-character request name made of 100 five-letter words.
var long500 = strings.Repeat("word ", 100)

func TestExportedUnexported(t *testing.T) {
	n := New("SKU", "EAN")
	tests := []struct {
		in, exported, unexported string
	}{
		// Plain words, the brief's examples.
		{"get booking by id", "GetBookingByID", "getBookingByID"},
		{"Booking Id", "BookingID", "bookingID"},
		{"bookings", "Bookings", "bookings"},
		{"List bookings", "ListBookings", "listBookings"},
		{"Create a new booking", "CreateANewBooking", "createANewBooking"},
		// Initialisms.
		{"id", "ID", "id"},
		{"ID", "ID", "id"},
		{"Id", "ID", "id"},
		{"url", "URL", "url"},
		{"URL", "URL", "url"},
		{"http", "HTTP", "http"},
		{"api", "API", "api"},
		{"json", "JSON", "json"},
		{"uuid", "UUID", "uuid"},
		{"oauth", "OAuth", "oauth"},
		{"OAUTH", "OAuth", "oauth"},
		{"oauth2", "OAuth2", "oauth2"},
		{"OAuth2Token", "OAuth2Token", "oauth2Token"},
		{"oauth2Token", "OAuth2Token", "oauth2Token"},
		{"OAuth 2", "OAuth2", "oauth2"},
		{"OAuth 2.0", "OAuth20", "oauth20"},
		{"OAuth1", "OAuth1", "oauth1"},
		{"URLPath", "URLPath", "urlPath"},
		{"HTTPServer", "HTTPServer", "httpServer"},
		{"XMLHttpRequest", "XMLHTTPRequest", "xmlHTTPRequest"},
		{"api key", "APIKey", "apiKey"},
		{"ApiKey", "APIKey", "apiKey"},
		{"user_uuid", "UserUUID", "userUUID"},
		{"IPv4Address", "IPv4Address", "ipv4Address"},
		{"ipv6", "IPv6", "ipv6"},
		{"utf-8", "UTF8", "utf8"},
		{"html5 page", "HTML5Page", "html5Page"},
		{"api2", "API2", "api2"},
		{"v2", "V2", "v2"},
		{"sku code", "SKUCode", "skuCode"},
		{"ean", "EAN", "ean"},
		{"jwt", "JWT", "jwt"},
		{"get sms otp", "GetSMSOTP", "getSMSOTP"},
		{"HTTPS", "HTTPS", "https"},
		{"https url", "HTTPSURL", "httpsURL"},
		// Plurals of initialisms.
		{"ids", "IDs", "ids"},
		{"Ids", "IDs", "ids"},
		{"booking ids", "BookingIDs", "bookingIDs"},
		{"getURLs", "GetURLs", "getURLs"},
		{"urls", "URLs", "urls"},
		{"APIs", "APIs", "apis"},
		{"APIsList", "APIsList", "apisList"},
		{"uuids", "UUIDs", "uuids"},
		{"NEON APIs", "NeonAPIs", "neonAPIs"},
		// Keywords and predeclared identifiers.
		{"type", "Type", "type_"},
		{"Type", "Type", "type_"},
		{"func", "Func", "func_"},
		{"range", "Range", "range_"},
		{"default", "Default", "default_"},
		{"select", "Select", "select_"},
		{"string", "String", "string_"},
		{"error", "Error", "error_"},
		{"len", "Len", "len_"},
		{"nil", "Nil", "nil_"},
		{"true", "True", "true_"},
		{"any", "Any", "any_"},
		{"int64", "Int64", "int64_"},
		{"uint 8", "Uint8", "uint8_"},
		{"max", "Max", "max_"},
		{"clear", "Clear", "clear_"},
		{"init", "Init", "init_"},
		{"types", "Types", "types"},
		// Leading digits and only digits.
		{"2fa setup", "N2faSetup", "n2faSetup"},
		{"2FA Setup", "N2faSetup", "n2faSetup"},
		{"123", "N123", "n123"},
		{"3DSecure", "N3dSecure", "n3dSecure"},
		{"1st place", "N1stPlace", "n1stPlace"},
		{"Base64URL", "Base64URL", "base64URL"},
		{"S3Bucket", "S3Bucket", "s3Bucket"},
		// Nothing usable.
		{"", "", ""},
		{"   ", "", ""},
		{"---", "", ""},
		{"!@#$%^&*()", "", ""},
		{"🚀🔥", "", ""},
		{"获取列表", "", ""},
		{"→", "", ""},
		{"_", "", ""},
		// Emoji, CJK, other scripts mixed with ASCII.
		{"🚀 launch", "Launch", "launch"},
		{"launch🚀rocket", "LaunchRocket", "launchRocket"},
		{"获取 user 列表", "User", "user"},
		{"获取user列表", "User", "user"},
		{"Список", "Spisok", "spisok"},
		{"Список users", "SpisokUsers", "spisokUsers"},
		{"ＡＰＩ key", "APIKey", "apiKey"},
		// Unicode spaces and dashes.
		{"foo\u00a0bar", "FooBar", "fooBar"},
		{"foo\u2003bar", "FooBar", "fooBar"},
		{"foo\u200bbar", "FooBar", "fooBar"},
		{"a — b", "AB", "aB"},
		{"Get user—by name", "GetUserByName", "getUserByName"},
		{"Buch\u00adhaltung", "Buchhaltung", "buchhaltung"},
		// Accented Latin.
		{"Créer un événement", "CreerUnEvenement", "creerUnEvenement"},
		{"Cre\u0301er", "Creer", "creer"},
		{"Größe ändern", "GrosseAndern", "grosseAndern"},
		{"STRAßE", "Strasse", "strasse"},
		{"Æble", "Aeble", "aeble"},
		{"ÆBLE", "Aeble", "aeble"},
		{"smørrebrød", "Smorrebrod", "smorrebrod"},
		{"Łódź", "Lodz", "lodz"},
		{"niño año", "NinoAno", "ninoAno"},
		{"façade œuvre", "FacadeOeuvre", "facadeOeuvre"},
		{"Ștefan Țară", "StefanTara", "stefanTara"},
		// Postman syntax.
		{"{{baseUrl}}", "BaseURL", "baseURL"},
		{"{{base_url}}/users", "BaseURLUsers", "baseURLUsers"},
		{":bookingId", "BookingID", "bookingID"},
		{"/bookings/:id", "BookingsID", "bookingsID"},
		{"GET /users?page=1", "GetUsersPage1", "getUsersPage1"},
		// Spelling conventions.
		{"booking_id", "BookingID", "bookingID"},
		{"booking-item-list", "BookingItemList", "bookingItemList"},
		{"BOOKING_ID", "BookingID", "bookingID"},
		{"BOOKINGS", "Bookings", "bookings"},
		{"bookingItemList", "BookingItemList", "bookingItemList"},
		{"BookingItemList", "BookingItemList", "bookingItemList"},
		{"booking.item.list", "BookingItemList", "bookingItemList"},
		{"x-api-key", "XAPIKey", "xAPIKey"},
		{"Content-Type", "ContentType", "contentType"},
		// Go names round-trip.
		{"GetBookingByID", "GetBookingByID", "getBookingByID"},
		{"BookingsService", "BookingsService", "bookingsService"},
		{"NewHTTPClient", "NewHTTPClient", "newHTTPClient"},
		{"UserIDs", "UserIDs", "userIDs"},
		{"JSONBody", "JSONBody", "jsonBody"},
		{"APIError", "APIError", "apiError"},
		{"OAuth2Config", "OAuth2Config", "oauth2Config"},
		{"WithTokenSource", "WithTokenSource", "withTokenSource"},
		{"getBookingByID", "GetBookingByID", "getBookingByID"},
		// Length.
		{long500, strings.Repeat("Word", 16), "word" + strings.Repeat("Word", 15)},
		{strings.Repeat("a", 500), "A" + strings.Repeat("a", 63), strings.Repeat("a", 64)},
		{strings.Repeat("1", 500), "N" + strings.Repeat("1", 63), "n" + strings.Repeat("1", 63)},
	}
	if len(tests) < 80 {
		t.Fatalf("table has %d rows, want at least 80", len(tests))
	}
	for _, tt := range tests {
		if got := n.Exported(tt.in); got != tt.exported {
			t.Errorf("Exported(%q) = %q, want %q", tt.in, got, tt.exported)
		}
		if got := n.Unexported(tt.in); got != tt.unexported {
			t.Errorf("Unexported(%q) = %q, want %q", tt.in, got, tt.unexported)
		}
	}
}

// TestExportedIsValid checks the table's promise on the brief's categories
// from a second angle: whatever came out is a valid identifier of the right
// kind and no longer than MaxIdentLen.
func TestExportedIsValid(t *testing.T) {
	n := New()
	for _, in := range []string{long500, "Créer un événement", "获取 user 列表", "2fa", "type", "{{baseUrl}}"} {
		e, u := n.Exported(in), n.Unexported(in)
		if !token.IsIdentifier(e) || !token.IsExported(e) || len(e) > MaxIdentLen {
			t.Errorf("Exported(%q) = %q: not an exported identifier of at most %d bytes", in, e, MaxIdentLen)
		}
		if !token.IsIdentifier(u) || token.IsExported(u) || len(u) > MaxIdentLen+1 {
			t.Errorf("Unexported(%q) = %q: not an unexported identifier", in, u)
		}
	}
}

func TestExtraInitialisms(t *testing.T) {
	n := New("SKU", "iOS", "GitHub", "not valid", "9lives", "")
	tests := []struct{ in, exported, unexported string }{
		{"sku", "SKU", "sku"},
		{"skus", "SKUs", "skus"},
		{"ios app", "IOSApp", "iosApp"},
		{"my ios app", "MyiOSApp", "myiOSApp"},
		{"github repos", "GitHubRepos", "githubRepos"},
		{"GitHubRepos", "GitHubRepos", "githubRepos"},
		{"not valid", "NotValid", "notValid"},
	}
	for _, tt := range tests {
		if got := n.Exported(tt.in); got != tt.exported {
			t.Errorf("Exported(%q) = %q, want %q", tt.in, got, tt.exported)
		}
		if got := n.Unexported(tt.in); got != tt.unexported {
			t.Errorf("Unexported(%q) = %q, want %q", tt.in, got, tt.unexported)
		}
	}
	// Extras belong to their Namer: the default one does not know them.
	if got := New().Exported("sku"); got != "Sku" {
		t.Errorf("New().Exported(%q) = %q, want %q", "sku", got, "Sku")
	}
	for _, s := range n.Initialisms() {
		if s == "not valid" || s == "9lives" || s == "" {
			t.Errorf("Initialisms() contains invalid extra %q", s)
		}
	}
}

// TestInitialismsDocumented keeps the package doc's list honest.
func TestInitialismsDocumented(t *testing.T) {
	got := New().Initialisms()
	if len(got) != len(defaultInitialisms) {
		t.Fatalf("Initialisms() has %d entries, defaultInitialisms %d: duplicates?", len(got), len(defaultInitialisms))
	}
	for i := 1; i < len(got); i++ {
		if toLower(got[i-1]) >= toLower(got[i]) {
			t.Errorf("Initialisms() not sorted: %q before %q", got[i-1], got[i])
		}
	}
	doc, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	words := map[string]bool{}
	for _, w := range strings.Fields(string(doc)) {
		words[w] = true
	}
	for _, s := range got {
		if !words[s] {
			t.Errorf("initialism %q is not listed in the package doc", s)
		}
	}
}

func TestTokens(t *testing.T) {
	n := New()
	tests := []struct {
		in   string
		want string // tokens joined by "|"
	}{
		{"bookingId", "booking|Id"},
		{"HTTPServer", "HTTP|Server"},
		{"getURLs", "get|URLs"},
		{"OAuth2Token", "OAuth2|Token"},
		{"IDsFor", "IDs|For"},
		{"v2", "v2"},
		{"api2", "api2"},
		{"v2beta", "v2beta"},
		{"2FA", "2FA"},
		{"Base64URL", "Base64|URL"},
		{"o auth", "o|auth"},
		{"OAuth 2", "OAuth2"},
		{"ID 2", "ID|2"},
		{"{{baseUrl}}/x", "base|Url|x"},
	}
	for _, tt := range tests {
		if got := strings.Join(n.tokens(tt.in), "|"); got != tt.want {
			t.Errorf("tokens(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
