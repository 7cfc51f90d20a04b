package pages

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
)

// newPagedServer serves three pages of each listing, the way real APIs
// page: a Link header (GitHub), an offset and a total (commercetools), a
// cursor in the body (Twitter's meta.next_token).
func newPagedServer(t *testing.T) (*Client, *[]string) {
	t.Helper()
	var asked []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		asked = append(asked, r.URL.RequestURI())
		q := r.URL.Query()
		w.Header().Set("Content-Type", "application/json")
		switch r.URL.Path {
		case "/items":
			page, _ := strconv.Atoi(q.Get("page"))
			page = max(page, 1)
			if page < 3 {
				w.Header().Set("Link", fmt.Sprintf(`<http://%s/items?page=%d&per_page=2>; rel="next", <http://%s/items?page=3>; rel="last"`, r.Host, page+1, r.Host))
			} else {
				w.Header().Set("Link", fmt.Sprintf(`<http://%s/items?page=1>; rel="first"`, r.Host))
			}
			json.NewEncoder(w).Encode([]map[string]any{{"id": page*2 - 1, "name": "x"}, {"id": page * 2, "name": "y"}})
		case "/things":
			offset, _ := strconv.Atoi(q.Get("offset"))
			keys := []string{"a", "b", "c", "d", "e"}[offset:min(offset+2, 5)]
			var results []map[string]string
			for _, k := range keys {
				results = append(results, map[string]string{"key": k})
			}
			json.NewEncoder(w).Encode(map[string]any{"limit": 2, "offset": offset, "count": len(results), "total": 5, "results": results})
		case "/feed":
			next := map[string]string{"": "c2", "c2": "c3", "c3": ""}[q.Get("cursor")]
			json.NewEncoder(w).Encode(map[string]any{"data": []map[string]string{{"text": "at " + q.Get("cursor")}}, "meta": map[string]string{"next_cursor": next}})
		}
	}))
	t.Cleanup(srv.Close)
	c, err := NewClient(WithBaseURL(srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	return c, &asked
}

func TestIteratorsWalkThreePages(t *testing.T) {
	c, asked := newPagedServer(t)
	ctx := context.Background()

	var ids []int64
	for it, err := range c.ListItemsIter(ctx, &ListItemsParams{PerPage: 2}) {
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, it.ID)
	}
	if fmt.Sprint(ids) != "[1 2 3 4 5 6]" || fmt.Sprint(*asked) != "[/items?per_page=2 /items?page=2&per_page=2 /items?page=3&per_page=2]" {
		t.Errorf("page numbers: items %v after %v", ids, *asked)
	}

	*asked = nil
	var keys []string
	for it, err := range c.QueryThingsIter(ctx, &QueryThingsParams{Limit: 2}) {
		if err != nil {
			t.Fatal(err)
		}
		keys = append(keys, it.Key)
	}
	if fmt.Sprint(keys) != "[a b c d e]" || len(*asked) != 3 {
		t.Errorf("offsets: items %v after %v", keys, *asked)
	}

	*asked = nil
	var texts []string
	for it, err := range c.FeedIter(ctx, nil) {
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, it.Text)
	}
	if fmt.Sprint(texts) != "[at  at c2 at c3]" || fmt.Sprint(*asked) != "[/feed /feed?cursor=c2 /feed?cursor=c3]" {
		t.Errorf("cursor: items %q after %v", texts, *asked)
	}
}

// Breaking out of the loop stops fetching; an error ends the walk.
func TestIteratorStopsWhenTheCallerDoes(t *testing.T) {
	c, asked := newPagedServer(t)
	for range c.ListItemsIter(context.Background(), nil) {
		break
	}
	if len(*asked) != 1 {
		t.Errorf("fetched %v after a break on the first item", *asked)
	}
	bad, err := NewClient(WithBaseURL("http://127.0.0.1:1"))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, err := range bad.ListItemsIter(context.Background(), nil) {
		n++
		if err == nil {
			t.Error("no error from an unreachable server")
		}
	}
	if n != 1 {
		t.Errorf("%d values yielded, want the one error", n)
	}
}

// A GET of a member the collection saved no example of returns the type
// its PATCH's example gives; a JSON request with nothing to type it from
// returns RawJSON, which decodes into the caller's type.
func TestResultsWithoutExamples(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		switch r.URL.Path {
		case "/items/7":
			fmt.Fprint(w, `{"id": 7, "name": "seven", "color": "blue"}`)
		case "/stats":
			fmt.Fprint(w, `{"requests": 12, "errors": 1}`)
		}
	}))
	defer srv.Close()
	c, err := NewClient(WithBaseURL(srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	item, _, err := c.GetItem(context.Background(), "7")
	if err != nil || item.ID != 7 || item.Color != "blue" {
		t.Errorf("GetItem = %+v, %v", item, err)
	}
	raw, _, err := c.Stats(context.Background())
	var stats struct{ Requests, Errors int }
	if err != nil || raw.Decode(&stats) != nil || stats.Requests != 12 || stats.Errors != 1 {
		t.Errorf("Stats = %s (%+v), %v", raw, stats, err)
	}
}
