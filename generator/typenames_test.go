package generator

import (
	"strings"
	"testing"

	"github.com/postgen/postgen/model"
)

// typesOf plans c and returns the inferred type names in order, with the
// methods' result types.
func typesOf(t *testing.T, c *model.Collection, cfg ...Config) (names []string, results map[string]string) {
	t.Helper()
	return planTypes(testPlan(t, c, cfg...))
}

// planTypes is typesOf for a plan already made.
func planTypes(p *plan) (names []string, results map[string]string) {
	for _, nt := range p.types.types {
		names = append(names, nt.name)
	}
	results = map[string]string{}
	p.forEachMethod(func(m *method) {
		results[m.svc.typeName+"."+m.name] = m.types.result
		if m.types.root != nil {
			results[m.svc.typeName+"."+m.name] = p.typeText(m.types.root.t, true)
		}
	})
	return names, results
}

func get(name, path string, examples ...model.Example) *model.Request {
	return &model.Request{Name: name, Method: "GET", URL: model.URL{Host: []string{"{{baseUrl}}"}, Path: strings.Split(path, "/")}, Examples: examples}
}

func example(code int, body string) model.Example {
	return model.Example{Code: code, Body: body}
}

func TestSharedShapesAreNamedOnce(t *testing.T) {
	user := `{"id":1,"login":"ada"}`
	c := &model.Collection{Folders: []*model.Folder{
		{Name: "Users", Requests: []*model.Request{
			get("List users", "users", example(200, "["+user+"]")),
			get("Get user", "users/:id", example(200, user), example(404, `{"message":"x"}`)),
			get("Get user by login", "users/login/:login", example(200, user), example(404, `{"message":"y"}`)),
		}},
		{Name: "Repos", Requests: []*model.Request{
			get("Get repo", "repos/:id", example(200, `{"id":2,"owner":`+user+`}`), example(403, `{"message":"z"}`)),
			get("List runners for org", "runners/org", example(200, `{"total":1,"runners":[{"id":3,"os":"linux"}]}`)),
		}},
		{Name: "Runners", Requests: []*model.Request{
			get("List self hosted runners for org", "r/org", example(200, `{"n":1,"x":true}`)),
			get("Get self hosted runner for repo", "r/repo", example(200, `{"n":2,"x":false}`)),
		}},
	}}
	names, results := typesOf(t, c)
	// User: the result of three Users methods, named after its service
	// (and reused, not repeated, for the "owner" member of a repo).
	// ErrorBody: one error shape across services. Runner: a member's
	// name. RunnerSelfHosted: what two Runners methods' names share.
	// Repository: what GET /repos/:id returns, named after its resource.
	want := []string{"User", "ErrorBody", "Repository", "ReposListRunnersForOrgResult", "Runner", "RunnerSelfHosted"}
	if strings.Join(names, ",") != strings.Join(want, ",") {
		t.Errorf("names\n got %v\nwant %v", names, want)
	}
	for m, want := range map[string]string{
		"UsersService.List":                   "[]User",
		"UsersService.GetByLogin":             "*User",
		"ReposService.Get":                    "*Repository",
		"RunnersService.GetSelfHostedForRepo": "*RunnerSelfHosted",
	} {
		if results[m] != want {
			t.Errorf("%s returns %s, want %s", m, results[m], want)
		}
	}
}

func TestLongestRun(t *testing.T) {
	tests := []struct{ a, b, want string }{
		{"Self Hosted Runner For Organization", "Self Hosted Runner For Repository", "Self Hosted Runner For"},
		{"Repository Subscription", "Repository Subscription", "Repository Subscription"},
		{"A B", "C D", ""},
		{"X Token", "Token Y", "Token"},
	}
	for _, tt := range tests {
		if got := strings.Join(longestRun(strings.Fields(tt.a), strings.Fields(tt.b)), " "); got != tt.want {
			t.Errorf("longestRun(%q, %q) = %q, want %q", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestElemName(t *testing.T) {
	for _, tt := range []struct {
		field string
		elem  int
		want  string
	}{{"Bookings", 1, "Booking"}, {"Data", 1, "DataItem"}, {"Owner", 0, "Owner"}, {"Rows", 2, "RowItem"}} {
		if got := elemName(tt.field, tt.elem); got != tt.want {
			t.Errorf("elemName(%q, %d) = %q, want %q", tt.field, tt.elem, got, tt.want)
		}
	}
}

func TestChosenFieldTypes(t *testing.T) {
	c := &model.Collection{Requests: []*model.Request{get("Get thing", "thing", example(200, `{"n":1,"when":"x","tags":["a"]}`))}}
	tests := []struct {
		field, goType, want string
	}{
		{"n", "json.Number", ""},
		{"N", "*int32", ""},
		{"tags", "[]GetThingResult", ""},
		{"when", "map[string]time.Duration", ""},
		{"when", "decimal.Decimal", "SDKs use the standard library only"},
		{"when", "Nope", "neither a predeclared type nor a type of this SDK"},
		{"when", "[3]int", "not a type a field can have here"},
		{"missing", "int64", "no generated type GetThingResult has a field missing"},
	}
	for _, tt := range tests {
		cfg := Config{Package: "x", FieldTypes: []FieldType{{Type: "GetThingResult", Field: tt.field, GoType: tt.goType, Where: "postgen.yaml:3:3"}}}
		_, err := newPlan(c, cfg)
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%s: %s: %v", tt.field, tt.goType, err)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "postgen.yaml:3:3")):
			t.Errorf("%s: %s: err = %v, want %q", tt.field, tt.goType, err, tt.want)
		}
	}
}

func TestChosenTypeNames(t *testing.T) {
	c := &model.Collection{Requests: []*model.Request{
		get("Get thing", "thing", example(200, `{"n":1}`), example(404, `{"m":"x"}`)),
		get("Raw", "raw", example(200, `<xml/>`)),
	}}
	cfg := Config{Package: "x", TypeNames: map[string]Choice{"item[0]#result": {Name: "Thing"}, "item[0]#error": {Name: "Oops"}}}
	c.Requests[0].Path, c.Requests[1].Path = "item[0]", "item[1]"
	names, _ := typesOf(t, c, cfg)
	if strings.Join(names, ",") != "Thing,Oops" {
		t.Errorf("names %v", names)
	}
	cfg.TypeNames = map[string]Choice{"item[1]#result": {Name: "X", Where: "postgen.yaml:9:9"}}
	if _, err := newPlan(c, cfg); err == nil || !strings.Contains(err.Error(), "postgen.yaml:9:9: the request has no result type") {
		t.Errorf("err = %v", err)
	}
}

// A rename of one request's type in postgen.yaml leaves alone another
// request whose result has the same shape.
func TestChosenNameStaysWithItsRequest(t *testing.T) {
	c := &model.Collection{Requests: []*model.Request{
		get("Get thing", "things/:id", example(200, `{"n":1}`)),
		get("Get other", "others/:id", example(200, `{"n":2}`)),
	}}
	c.Requests[0].Path, c.Requests[1].Path = "item[0]", "item[1]"
	cfg := Config{Package: "x", TypeNames: map[string]Choice{"item[1]#result": {Name: "Renamed"}}}
	_, results := typesOf(t, c, cfg)
	if results["Client.GetOther"] != "*Renamed" || results["Client.GetThing"] != "*Thing" {
		t.Errorf("results %v: want GetOther *Renamed and GetThing *Thing", results)
	}
	// Without the rename the shape is one type.
	_, results = typesOf(t, c)
	if results["Client.GetOther"] != results["Client.GetThing"] {
		t.Errorf("results %v: one shape, one type", results)
	}
}

// TestDeepNestingNames checks that type names stop growing with the
// depth of nesting: past maxTypeName a type is named after its member.
func TestDeepNestingNames(t *testing.T) {
	const depth = 300
	for _, member := range []string{"data", "a"} {
		open := `{"` + member + `":`
		body := strings.Repeat(open, depth) + `{"x":1}` + strings.Repeat("}", depth)
		arrays := strings.Repeat(open+"[", depth) + `{"x":1}` + strings.Repeat("]}", depth)
		for _, b := range []string{body, arrays} {
			c := &model.Collection{Requests: []*model.Request{get("Get thing", "things", example(200, b))}}
			names, _ := typesOf(t, c)
			if len(names) != depth+1 {
				t.Fatalf("%s: %d types, want %d", member, len(names), depth+1)
			}
			seen := map[string]bool{}
			for _, n := range names {
				if len(n) > maxTypeName || seen[n] {
					t.Fatalf("%s: type name %q (%d characters, seen before: %v)", member, n, len(n), seen[n])
				}
				seen[n] = true
			}
		}
	}
}

// A resource named by the request paths takes its name even when a
// member met earlier has the same key, and the shape more requests
// return wins it; paths that name no collection, or an object from a
// collection path (a page), keep the operation's name.
func TestTypesNamedByResource(t *testing.T) {
	article := `{"slug":"a","title":"T"}`
	feed := `{"articles":[` + article + `],"articlesCount":1}`
	c := &model.Collection{Folders: []*model.Folder{
		{Name: "Events", Requests: []*model.Request{
			get("List events", "events", example(200, `[{"id":1,"article":{"slug":"a","title":"T","extra":1}}]`)),
		}},
		{Name: "Articles", Requests: []*model.Request{
			get("Feed", "articles", example(200, feed)),
			get("Get article", "articles/:slug", example(200, article)),
			{Name: "Create article", Method: "POST", URL: model.URL{Host: []string{"{{baseUrl}}"}, Path: []string{"articles"}}, Examples: []model.Example{example(201, article)}},
			get("Merge", "articles/:slug/merge", example(200, `{"merged":true}`)),
		}},
	}}
	names, results := typesOf(t, c)
	for m, want := range map[string]string{
		"EventsService.List":     "[]Event",
		"ArticlesService.Get":    "*Article",
		"ArticlesService.Create": "*Article",
		"ArticlesService.Feed":   "*ArticlesFeedResult",
		"ArticlesService.Merge":  "*ArticlesMergeResult",
	} {
		if results[m] != want {
			t.Errorf("%s returns %s, want %s (types %v)", m, results[m], want, names)
		}
	}
}

// TestSharedErrorsAreNamedByStatus: an error shape several services
// share is ErrorBody; a second one, of one status, is named after that
// status, never after the first method that returned it.
func TestSharedErrorsAreNamedByStatus(t *testing.T) {
	notFound := example(404, `{"message":"Not Found"}`)
	invalid := example(422, `{"message":"Validation Failed","errors":[{"field":"name","code":"missing"}]}`)
	c := &model.Collection{Folders: []*model.Folder{
		{Name: "Activity", Requests: []*model.Request{
			get("List notifications", "notifications", example(200, `[{"id":"1"}]`), notFound, invalid),
		}},
		{Name: "Issues", Requests: []*model.Request{
			get("Get issue", "issues/:id", example(200, `{"number":1}`), notFound, invalid),
		}},
	}}
	names, _ := typesOf(t, c)
	got := strings.Join(names, ",")
	if !strings.Contains(got, "ErrorBody") || !strings.Contains(got, "UnprocessableEntityError") || strings.Contains(got, "ActivityListNotifications") {
		t.Errorf("names %v: want ErrorBody and UnprocessableEntityError, no type named after Activity's method", names)
	}
}

// TestResourceViewsMerge: two views of one resource, each with members
// the other lacks (the repository of a list has "forks", the repository
// itself a "parent"), are one type, as go-github's Repository, and the
// parent it holds (in some examples) is that type through a pointer. A
// view whose member is of another kind (an "id" string), or null where
// the other view always has an object (the struct would read null as
// {}), stays a type of its own.
func TestResourceViewsMerge(t *testing.T) {
	c := &model.Collection{Folders: []*model.Folder{
		{Name: "Repos", Requests: []*model.Request{
			get("Get repository", "repos/:owner/:repo",
				example(200, `{"id":1,"name":"a","license":null,"parent":{"id":2,"name":"b","forks":3,"license":{"key":"mit"}}}`),
				example(200, `{"id":3,"name":"c","license":{"key":"mit"}}`)),
			get("List repositories", "users/:user/repos", example(200, `[{"id":1,"name":"a","forks":3,"license":{"key":"mit"}},{"id":2,"name":"b","forks":0}]`)),
			get("List other repositories", "orgs/:org/repos", example(200, `[{"id":1,"name":"a","forks":3,"license":{"key":"mit"}}]`)),
		}},
		{Name: "Teams", Requests: []*model.Request{
			get("List team repositories", "teams/:team/repos", example(200, `[{"id":"r1","name":"a"}]`)),
		}},
		{Name: "Branches", Requests: []*model.Request{
			get("Get branch", "branches/:branch", example(200, `{"name":"main","commit":null}`)),
			get("List branches", "branches", example(200, `[{"name":"main","commit":{"sha":"1"},"protected":true}]`)),
			get("List branches 2", "repos/:owner/:repo/branches", example(200, `[{"name":"main","commit":{"sha":"1"},"protected":true}]`)),
		}},
	}}
	p := testPlan(t, c)
	names, results := planTypes(p)
	var repo *namedType
	for _, nt := range p.types.types {
		if nt.name == "Repository" {
			repo = nt
		}
	}
	if repo == nil {
		t.Fatalf("no type Repository among %v", names)
	}
	for m, want := range map[string]string{
		"ReposService.GetRepository":         "*Repository",
		"ReposService.ListRepositories":      "[]Repository",
		"ReposService.ListOtherRepositories": "[]Repository",
		"BranchesService.List":               "[]Branch",
	} {
		if results[m] != want {
			t.Errorf("%s returns %s, want %s (types %v, results %v)", m, results[m], want, names, results)
		}
	}
	for _, m := range []string{"TeamsService.ListRepositories", "BranchesService.Get"} {
		if got := results[m]; got == "[]Repository" || got == "*Branch" {
			t.Errorf("%s returns %s: an incompatible view shares the resource's type (types %v)", m, got, names)
		}
	}
	members := map[string]string{}
	for _, f := range repo.node.Fields {
		members[f.Key] = p.typeText(f.Type, repo.node.Optional(f))
	}
	for key, want := range map[string]string{"parent": "*Repository", "forks": "int64", "license": "*License"} {
		if members[key] != want {
			t.Errorf("Repository.%s is %s, want %s (members %v)", key, members[key], want, members)
		}
	}
}

// TestSharedAcrossServicesNamedByTheirWords: a result the methods of
// several services share, whose paths name no resource, is named after
// the words the methods' names share, not after the first method
// ("TerminalSettingsTerminalLevelGetLogoResult" for the company level's
// GetLogo); "Get list of models" returns a ModelList.
func TestSharedAcrossServicesNamedByTheirWords(t *testing.T) {
	logo := example(200, `{"data":"iVBORw0KGgo="}`)
	models := example(200, `{"data":[{"id":"m1","name":"Model one"}]}`)
	var folders []*model.Folder
	for _, level := range []string{"company", "merchant"} {
		folders = append(folders, &model.Folder{Name: "Terminal settings - " + level + " level", Requests: []*model.Request{
			get("Get logo", level+"/:id/terminalLogo", logo),
			{Name: "Upload logo", Method: "PATCH", URL: model.URL{Host: []string{"{{baseUrl}}"}, Path: []string{level, ":id", "terminalLogo"}}, Examples: []model.Example{logo}},
			get("Get list of models", level+"/:id/terminalModels", models),
		}})
	}
	names, results := typesOf(t, &model.Collection{Folders: folders})
	for m, want := range map[string]string{
		"TerminalSettingsCompanyLevelService.GetLogo":          "*Logo",
		"TerminalSettingsMerchantLevelService.UploadLogo":      "*Logo",
		"TerminalSettingsMerchantLevelService.GetListOfModels": "*ModelList",
	} {
		if results[m] != want {
			t.Errorf("%s returns %s, want %s (types %v, results %v)", m, results[m], want, names, results)
		}
	}
}
