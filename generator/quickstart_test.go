package generator

import (
	"strings"
	"testing"

	"github.com/postgen/postgen/model"
)

// TestQuickStartSetsTheVariablesItsAuthOptionDoesNotSet: the quick start
// reads from the environment every variable its call needs but those its
// auth option stands in for. AWS Signature V4's WithAWSCredentials sets
// the keys, not the region; an OAuth 2.0 implicit grant has no option, so
// a client ID the request sends in its query is the quick start's to set.
func TestQuickStartSetsTheVariablesItsAuthOptionDoesNotSet(t *testing.T) {
	get := func(auth *model.Auth, query ...model.QueryParam) *model.Request {
		return &model.Request{Name: "List", Path: "item[0]", Method: "GET", Auth: auth,
			URL: model.URL{Protocol: "https", Host: []string{"api", "example", "com"}, Path: []string{"items"}, Query: query}}
	}
	cases := []struct {
		name      string
		auth      *model.Auth
		query     []model.QueryParam
		want, not []string
	}{
		{"awsv4", &model.Auth{Type: model.AuthAWSV4, Path: "item[0].request.auth", Params: []model.AuthParam{
			{Key: "accessKey", Value: "{{AWS_ACCESS_KEY}}", Kind: "string"},
			{Key: "secretKey", Value: "{{AWS_SECRET}}", Kind: "string"},
			{Key: "region", Value: "{{AWS_REGION}}", Kind: "string"},
		}}, nil,
			[]string{`WithAWSCredentials(`, `WithVariable("AWS_REGION", os.Getenv("Q_AWS_REGION"))`},
			[]string{`WithVariable("AWS_ACCESS_KEY"`, `WithVariable("AWS_SECRET"`}},
		{"implicit", &model.Auth{Type: model.AuthOAuth2, Path: "item[0].request.auth", Params: []model.AuthParam{
			{Key: "grant_type", Value: "implicit", Kind: "string"},
			{Key: "clientId", Value: "{{clientId}}", Kind: "string"},
		}}, []model.QueryParam{{Key: "client_id", Value: "{{clientId}}"}},
			[]string{`WithVariable("clientId", os.Getenv("Q_CLIENT_ID"))`}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			coll := &model.Collection{Name: "q", Requests: []*model.Request{get(c.auth, c.query...)},
				Order: []model.ItemRef{{Index: 0}}}
			res, err := Generate(coll, Config{Package: "q"})
			if err != nil {
				t.Fatal(err)
			}
			doc := fileText(t, res, "doc.go")
			for _, w := range c.want {
				if !strings.Contains(doc, w) {
					t.Errorf("doc.go quick start lacks %s:\n%s", w, doc)
				}
			}
			for _, n := range c.not {
				if strings.Contains(doc, n) {
					t.Errorf("doc.go quick start sets %s, which its auth option sets:\n%s", n, doc)
				}
			}
		})
	}
}
