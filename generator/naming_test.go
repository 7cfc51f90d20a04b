package generator

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/postgen/postgen/model"
)

// req is a request at JSON path path with method and URL path.
func req(path, name, method, urlPath string) *model.Request {
	return &model.Request{Path: path, Name: name, Method: method, URL: model.URL{Host: []string{"{{baseUrl}}"}, Path: strings.Split(urlPath, "/")}}
}

// testPlan plans c with cfg, or with package x when cfg is not given.
func testPlan(t *testing.T, c *model.Collection, cfg ...Config) *plan {
	t.Helper()
	conf := Config{Package: "x"}
	if len(cfg) > 0 {
		conf = cfg[0]
	}
	p, err := newPlan(c, conf)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// methodNames plans c and returns "Service.Method" for every method in
// plan order, and the warnings.
func methodNames(t *testing.T, c *model.Collection, cfg ...Config) ([]string, []string) {
	t.Helper()
	p := testPlan(t, c, cfg...)
	var out []string
	p.forEachMethod(func(m *method) { out = append(out, m.op.name) })
	var warns []string
	for _, d := range p.diags {
		if strings.Contains(d.Message, "already has a method") {
			warns = append(warns, d.Path+": "+d.Message)
		}
	}
	return out, warns
}

func TestMethodNamesWithoutNoise(t *testing.T) {
	c := &model.Collection{
		Folders: []*model.Folder{
			{Name: "Account", Path: "item[0]", Requests: []*model.Request{
				req("item[0].item[0]", "Account information (USER_DATA)", "GET", "api/v3/account"),
				req("item[0].item[1]", "Query order (USER_DATA)", "GET", "api/v3/order"),
			}},
			{Name: "Market", Path: "item[1]", Requests: []*model.Request{
				req("item[1].item[0]", "24hr ticker price change statistics", "GET", "api/v3/ticker/24hr"),
				req("item[1].item[1]", "Stream (see description)", "GET", "2/tweets/search/stream"),
			}},
			{Name: "1. SNAP API Sandbox", Path: "item[2]", Requests: []*model.Request{
				req("item[2].item[0]", "2. Create User", "POST", "v1/users"),
				req("item[2].item[1]", "4a. Set contact email (for dummy emails)", "PUT", "v1/users/:id/email"),
			}},
			{Name: "Apps", Path: "item[3]", Requests: []*model.Request{
				req("item[3].item[0]", "List plans (stubbed)", "GET", "marketplace_listing/stubbed/plans"),
				req("item[3].item[1]", "List plans", "GET", "marketplace_listing/plans"),
				req("item[3].item[2]", "Download archive (zip)", "GET", "zipball"),
				req("item[3].item[3]", "Download archive (tar)", "GET", "tarball"),
			}},
		},
		Requests: []*model.Request{
			req("item[4]", "PUT https://api.example.com/v1/partner/payout/agents/acme-points-00100/payments/B10000100-B2002", "PUT", "v1/partner/payout/agents/acme-points-00100/payments/B10000100-B2002"),
			req("item[5]", "删除收货地址", "POST", "member/address/delete/2"),
			req("item[6]", "", "GET", "cart/list"),
			req("item[7]", "GraphQL", "POST", "graphql"),
			req("item[8]", "Получить пользователей", "GET", "users"),
		},
	}
	got, warns := methodNames(t, c)
	wantAll := []string{
		"Account.Information", "Account.QueryOrder",
		"Market.TickerPriceChangeStatistics24hr", "Market.Stream",
		"SnapAPISandbox.CreateUser", "SnapAPISandbox.SetContactEmail",
		"Apps.ListPlansStubbed", "Apps.ListPlans", "Apps.DownloadArchiveZip", "Apps.DownloadArchiveTar",
		"PutPartnerPayoutAgentsPayments", "PostMemberAddressDelete", "GetCartList", "GraphQL", "PoluchitPolzovateley",
	}
	// Client methods come first in plan order.
	wantOrder := append(append([]string{}, wantAll[10:]...), wantAll[:10]...)
	if d := cmp.Diff(wantOrder, got); d != "" {
		t.Errorf("method names (-want +got):\n%s", d)
	}
	if len(warns) != 0 {
		t.Errorf("unexpected warnings: %q", warns)
	}
}

func TestDuplicateMethodNamesAreToldApart(t *testing.T) {
	c := &model.Collection{Folders: []*model.Folder{
		{Name: "Keys", Path: "item[0]", Requests: []*model.Request{
			req("item[0].item[0]", "Fetch keys", "GET", "2010-04-01/Accounts/:AccountSid/Keys.json"),
			req("item[0].item[1]", "Fetch keys", "GET", "2010-04-01/Accounts/:AccountSid/Keys/:Sid.json"),
			req("item[0].item[2]", "Compact layouts", "GET", "sobjects/:name/compactLayouts"),
			req("item[0].item[3]", "Compact layouts", "GET", "compactLayouts"),
			req("item[0].item[4]", "Webinar", "GET", "webinars/{{webinarKey}}"),
			req("item[0].item[5]", "Webinar", "DELETE", "webinars/{{webinarKey}}"),
			req("item[0].item[8]", "Add comment", "POST", "comments"),
			req("item[0].item[9]", "Add comment", "POST", "comments"),
		}},
		{Name: "Favorites", Path: "item[2]", Requests: []*model.Request{
			req("item[2].item[0]", "Get a Favorite", "GET", "favorites/:id"),
			req("item[2].item[1]", "Get Favorites", "GET", "favorites"),
		}},
		// A second folder of the same name is the same service.
		{Name: "Keys", Path: "item[1]", Requests: []*model.Request{
			req("item[1].item[0]", "Fetch keys", "GET", "v2/Keys"),
		}},
	}}
	got, warns := methodNames(t, c)
	want := []string{
		"Keys.Fetch", "Keys.FetchBySid", "Keys.CompactLayouts", "Keys.CompactLayoutsAll",
		"Keys.Webinar", "Keys.DeleteWebinar", "Keys.AddComment", "Keys.AddComment2",
		"Keys.FetchV2", "Favorites.Get", "Favorites.GetFavorites",
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("method names (-want +got):\n%s", d)
	}
	wantWarn := map[string]string{
		"item[0].item[1]": "the Keys service already has a method Fetch (the request at item[0].item[0]), so this request's method is FetchBySid",
		"item[0].item[9]": "nothing in this request's name, method or path tells them apart, so this one is AddComment2",
		"item[1].item[0]": "so this request's method is FetchV2",
	}
	for path, w := range wantWarn {
		found := false
		for _, g := range warns {
			found = found || strings.HasPrefix(g, path+": ") && strings.Contains(g, w)
		}
		if !found {
			t.Errorf("no warning at %s containing %q in:\n%s", path, w, strings.Join(warns, "\n"))
		}
	}
	if len(warns) != 6 {
		t.Errorf("got %d warnings, want one per disambiguated method (6):\n%s", len(warns), strings.Join(warns, "\n"))
	}
	// Deterministic: the same input gives the same names.
	again, _ := methodNames(t, c)
	if d := cmp.Diff(got, again); d != "" {
		t.Errorf("second plan differs:\n%s", d)
	}
}

func TestPathFoldersFoldIntoTheirService(t *testing.T) {
	c := &model.Collection{Folders: []*model.Folder{
		{Name: "Split configuration - merchant level", Path: "item[0]", Folders: []*model.Folder{
			{Name: "/merchants/:merchantId/splitConfigurations", Path: "item[0].item[0]", Requests: []*model.Request{
				req("item[0].item[0].item[0]", "Get a list of split configuration profiles", "GET", "merchants/:merchantId/splitConfigurations"),
			}},
			{Name: "/merchants/:merchantId/splitConfigurations", Path: "item[0].item[1]", Requests: []*model.Request{
				req("item[0].item[1].item[0]", "Create a split configuration", "POST", "merchants/:merchantId/splitConfigurations"),
			}},
			{Name: "/merchants/:merchantId/splitConfigurations/:splitConfigurationId", Path: "item[0].item[2]", Requests: []*model.Request{
				req("item[0].item[2].item[0]", "Delete a split configuration profile", "DELETE", "merchants/:merchantId/splitConfigurations/:splitConfigurationId"),
			}},
		}},
		// Top-level path folders with the same words are one service.
		{Name: "/users", Path: "item[1]", Requests: []*model.Request{req("item[1].item[0]", "List users", "GET", "users")}},
		{Name: "/users/{id}", Path: "item[2]", Requests: []*model.Request{req("item[2].item[0]", "Get user", "GET", "users/:id")}},
		// A folder named by a path variable is named by its requests' paths.
		{Name: "{id}", Path: "item[4]", Requests: []*model.Request{req("item[4].item[0]", "Get order", "GET", "orders/:id")}},
		// A folder named in a script names cannot spell is named by its paths.
		{Name: "従業員", Path: "item[3]", Requests: []*model.Request{req("item[3].item[0]", "従業員一覧", "GET", "api/1/employees")}},
	}}
	got, warns := methodNames(t, c)
	want := []string{
		"SplitConfigurationMerchantLevel.GetListOfProfiles", "SplitConfigurationMerchantLevel.Create", "SplitConfigurationMerchantLevel.DeleteProfile",
		"Users.List", "Users.Get", "Orders.GetOrder", "Employees.GetAPIEmployees",
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("method names (-want +got):\n%s", d)
	}
	if len(warns) != 0 {
		t.Errorf("unexpected warnings: %q", warns)
	}
	p := testPlan(t, c)
	if s := p.naming.folded["item[0].item[1]"]; s == nil || s.typeName != "SplitConfigurationMerchantLevelService" {
		t.Errorf("a folded folder's service is %v, want its parent's", s)
	}
	if len(p.services) != 4 {
		t.Errorf("%d services, want 4 (path folders have none of their own)", len(p.services))
	}
}

func TestChosenNamesKeepFoldersApart(t *testing.T) {
	c := &model.Collection{Folders: []*model.Folder{
		{Name: "Keys", Path: "item[0]", Requests: []*model.Request{req("item[0].item[0]", "Fetch keys", "GET", "keys")}},
		{Name: "Keys", Path: "item[1]", Requests: []*model.Request{req("item[1].item[0]", "Fetch keys", "GET", "v2/keys")}},
	}}
	got, warns := methodNames(t, c, Config{Package: "x", ServiceNames: map[string]Choice{"item[1]": {Name: "KeysV2"}}})
	if d := cmp.Diff([]string{"Keys.Fetch", "KeysV2.Fetch"}, got); d != "" {
		t.Errorf("method names (-want +got):\n%s", d)
	}
	if len(warns) != 0 {
		t.Errorf("unexpected warnings: %q", warns)
	}
}

// TestServiceWordsDropKeepsInitialisms: dropping the folder's words from
// a request name keeps an initialism written in camel case whole.
func TestServiceWordsDropKeepsInitialisms(t *testing.T) {
	c := &model.Collection{Folders: []*model.Folder{
		{Name: "Project", Path: "item[0]", Requests: []*model.Request{
			req("item[0].item[0]", "GraphQL", "POST", "graphql"),
			req("item[0].item[1]", "getProjectOAuthToken", "POST", "token"),
		}},
	}}
	got, _ := methodNames(t, c)
	if d := cmp.Diff([]string{"Project.GraphQL", "Project.GetOAuthToken"}, got); d != "" {
		t.Errorf("method names (-want +got):\n%s", d)
	}
}

// TestTakenServiceNamesKeepNotesOrWarn: a folder whose name without notes
// is taken keeps its notes, and a warning says so.
func TestTakenServiceNamesKeepNotesOrWarn(t *testing.T) {
	c := &model.Collection{Folders: []*model.Folder{
		{Name: "Applications", Path: "item[0]", Requests: []*model.Request{req("item[0].item[0]", "List", "GET", "applications")}},
		{Name: "Applications (beta)", Path: "item[1]", Requests: []*model.Request{req("item[1].item[0]", "List", "GET", "beta/applications")}},
	}}
	p := testPlan(t, c)
	var got []string
	p.forEachMethod(func(m *method) { got = append(got, m.op.name) })
	if d := cmp.Diff([]string{"Applications.List", "ApplicationsBeta.List"}, got); d != "" {
		t.Errorf("method names (-want +got):\n%s", d)
	}
	if len(p.diags) == 0 || p.diags[0].Path != "item[1]" || !strings.Contains(p.diags[0].Message, "so this folder's service is ApplicationsBeta") {
		t.Errorf("no warning for the taken service name: %v", p.diags)
	}
}
