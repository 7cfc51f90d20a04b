package names

import "testing"

func TestLabel(t *testing.T) {
	n := New()
	tests := []struct{ in, label, exported string }{
		// Notes in brackets.
		{"Account information (USER_DATA)", "Account information", "AccountInformation"},
		{"Stream (see description)", "Stream", "Stream"},
		{"Cancel order (TRADE)", "Cancel order", "CancelOrder"},
		{"获取购物车列表（包括促销信息）", "获取购物车列表", ""},
		{"List users [beta] (v2)", "List users", "ListUsers"},
		{"(only a note)", "(only a note)", "OnlyANote"},
		{"Get (nested (note)) user", "Get user", "GetUser"},
		// Leading numbering and quantities.
		{"24hr ticker price change statistics", "ticker price change statistics 24hr", "TickerPriceChangeStatistics24hr"},
		{"2. Create User", "Create User", "CreateUser"},
		{"4a. Set contact email (for dummy emails)", "Set contact email", "SetContactEmail"},
		{"1) Login", "Login", "Login"},
		// A trailing copy number goes; a version, a year or a two-word name keeps it.
		{"Create co-organizers 1", "Create co-organizers", "CreateCoOrganizers"},
		{"Attendee by registrant ID 1", "Attendee by registrant ID", "AttendeeByRegistrantID"},
		{"Step 2", "Step 2", "Step2"},
		{"Report for 2024", "Report for 2024", "ReportFor2024"},
		{"01 - Setup", "Setup", "Setup"},
		{"1.2. Refresh", "Refresh", "Refresh"},
		{"1SNAP API Sandbox", "SNAP API Sandbox", "SnapAPISandbox"},
		{"3D Secure", "Secure 3D", "Secure3d"},
		{"2FA setup", "setup 2FA", "Setup2fa"},
		{"Account 0 part 1", "Account 0 part 1", "Account0Part1"},
		{"1.", "1.", "N1"},
		// Sentences.
		{"Retrieve a list of all Services for Twilio Proxy. A maximum of 100 records will be returned per page.", "Retrieve a list of all Services for Twilio Proxy", "RetrieveAListOfAllServicesForTwilioProxy"},
		{"Get v1.2 Status", "Get v1.2 Status", "GetV12Status"},
		// URLs and paths as names.
		{"PUT https://api.example.com/v1/partner/payout/agents/acme-points-00100/payments/B10000100-B2002", "PUT partner payout agents payments", "PutPartnerPayoutAgentsPayments"},
		{"/merchants/:merchantId/splitConfigurations", "merchants splitConfigurations", "MerchantsSplitConfigurations"},
		{"{{baseUrl}}/users/{{userId}}/orders.json?x=1", "users orders", "UsersOrders"},
		{"/2010-04-01/Accounts/:AccountSid/Keys/:Sid.json", "Accounts Keys", "AccountsKeys"},
		{"/", "/", ""},
		{"{id}", "{id}", "ID"},
		{"{id}/comments", "comments", "Comments"},
		{":merchantId", ":merchantId", "MerchantID"},
	}
	for _, tt := range tests {
		got := Label(tt.in)
		if got != tt.label {
			t.Errorf("Label(%q) = %q, want %q", tt.in, got, tt.label)
		}
		if e := n.Exported(got); e != tt.exported {
			t.Errorf("Exported(Label(%q)) = %q, want %q", tt.in, e, tt.exported)
		}
	}
}

func TestPathLabel(t *testing.T) {
	tests := []struct {
		method string
		segs   []string
		want   string
	}{
		{"GET", []string{"v1", "users", ":id", "orders"}, "GET users orders"},
		{"POST", []string{"member", "address", "delete", "2"}, "POST member address delete"},
		{"GET", []string{"api", "customer", "f7175fb0-d1c8-11ea-a251-b9225699a379"}, "GET api customer"},
		{"GET", []string{"api", "company", "A1234567Z"}, "GET api company"},
		{"", []string{"oauth2", "token"}, "oauth2 token"},
		{"GET", []string{"v1beta", "s3", "ipv4", "html5", "base64", "sha256"}, "GET v1beta s3 ipv4 html5 base64 sha256"},
		{"GET", []string{"{{version}}", "users", "{id}", "celeb_{{name}}"}, "GET users"},
		{"GET", []string{"deadbeef01", "items"}, "GET items"},
	}
	for _, tt := range tests {
		if got := PathLabel(tt.method, tt.segs); got != tt.want {
			t.Errorf("PathLabel(%q, %q) = %q, want %q", tt.method, tt.segs, got, tt.want)
		}
	}
}

func TestTransliterateCyrillicGreek(t *testing.T) {
	n := New()
	tests := []struct{ in, want string }{
		{"Получить пользователей", "PoluchitPolzovateley"},
		{"Создать заказ", "SozdatZakaz"},
		{"ЖУРНАЛ", "Zhurnal"},
		{"Журнал", "Zhurnal"},
		{"Щука", "Shchuka"},
		{"Їжак і ґанок", "YizhakIGanok"},
		{"Λίστα χρηστών", "ListaChriston"},
		{"Подъезд", "Podezd"},
		{"Get пользователя by id", "GetPolzovatelyaByID"},
	}
	for _, tt := range tests {
		if got := n.Exported(tt.in); got != tt.want {
			t.Errorf("Exported(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestUntransliterated(t *testing.T) {
	for s, want := range map[string]bool{
		"获取购物车列表": true, "従業員一覧 API": true, "사용자": true, "Получить": false,
		"Café": false, "List users": false, "🚀 launch": false, "": false,
	} {
		if got := Untransliterated(s); got != want {
			t.Errorf("Untransliterated(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestNewInitialisms(t *testing.T) {
	n := New()
	for in, want := range map[string]string{
		"GraphQL": "GraphQL", "graphql query": "GraphQLQuery", "Graphql": "GraphQL",
		"saml sso": "SAMLSSO", "oidc token": "OIDCToken", "totp": "TOTP", "cors": "CORS",
	} {
		if got := n.Exported(in); got != want {
			t.Errorf("Exported(%q) = %q, want %q", in, got, want)
		}
	}
}
