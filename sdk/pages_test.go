package sdk

import (
	"errors"
	"net/http"
	"slices"
	"testing"
)

// collect walks seq, returning its items and its error.
func collect[T any](seq func(func(T, error) bool)) ([]T, error) {
	var out []T
	for v, err := range seq {
		if err != nil {
			return out, err
		}
		out = append(out, v)
	}
	return out, nil
}

func linked(link string) *Response {
	h := http.Header{}
	if link != "" {
		h.Set("Link", link)
	}
	return newResponse(&http.Response{Header: h})
}

func TestLinkHeaderNextPage(t *testing.T) {
	r := linked(`<https://api.github.com/user/repos?page=3&per_page=2>; rel="next", <https://api.github.com/user/repos?page=9>; rel="last"`)
	if r.NextPage != 3 || !r.HasLinks {
		t.Errorf("NextPage %d, HasLinks %v", r.NextPage, r.HasLinks)
	}
	r = linked(`<https://api.example.com/items?after=abc%3D>; rel="next"`)
	if r.NextCursor != "abc=" {
		t.Errorf("NextCursor %q", r.NextCursor)
	}
	if r := linked(""); r.HasLinks || r.NextPage != 0 {
		t.Errorf("no Link header: %+v", r)
	}
}

// Pages numbered by the Link header, then by counting when a server sends
// none, stopping at the last page or the first empty one.
func TestPagesByNumber(t *testing.T) {
	var page int64
	var asked []int64
	pages := map[int64][]int{1: {1, 2}, 2: {3, 4}, 3: {5}}
	seq := PagesByNumber(&page, func() ([]int, *Response, error) {
		asked = append(asked, page)
		p := max(page, 1)
		link := ""
		if p < 3 {
			link = `<https://x/?page=` + string(rune('0'+p+1)) + `>; rel="next"`
		} else {
			link = `<https://x/?page=1>; rel="first"`
		}
		return pages[p], linked(link), nil
	})
	got, err := collect(seq)
	if err != nil || !slices.Equal(got, []int{1, 2, 3, 4, 5}) || !slices.Equal(asked, []int64{0, 2, 3}) {
		t.Errorf("items %v, pages asked %v, err %v", got, asked, err)
	}
	// Without Link headers: next numbers until an empty page.
	page, asked = 0, nil
	got, _ = collect(PagesByNumber(&page, func() ([]int, *Response, error) {
		asked = append(asked, page)
		return pages[max(page, 1)], linked(""), nil
	}))
	if !slices.Equal(got, []int{1, 2, 3, 4, 5}) || !slices.Equal(asked, []int64{0, 2, 3, 4}) {
		t.Errorf("counting: items %v, pages asked %v", got, asked)
	}
}

func TestPagesByOffsetAndCursor(t *testing.T) {
	all := []string{"a", "b", "c", "d", "e"}
	var offset int64
	got, _ := collect(PagesByOffset(&offset, func() ([]string, int64, *Response, error) {
		end := min(offset+2, int64(len(all)))
		return all[offset:end], int64(len(all)), nil, nil
	}))
	if !slices.Equal(got, all) || offset != 5 {
		t.Errorf("offset: %v, offset %d", got, offset)
	}
	cursor, calls := "", 0
	next := map[string]string{"": "c1", "c1": "c2", "c2": ""}
	got, _ = collect(PagesByCursor(&cursor, func() ([]string, string, *Response, error) {
		calls++
		return []string{cursor + "-item"}, next[cursor], nil, nil
	}))
	if !slices.Equal(got, []string{"-item", "c1-item", "c2-item"}) || calls != 3 {
		t.Errorf("cursor: %v after %d calls", got, calls)
	}
	// An error ends the walk after the items before it; breaking out
	// stops fetching.
	boom := errors.New("boom")
	cursor, calls = "", 0
	items, err := collect(PagesByCursor(&cursor, func() ([]string, string, *Response, error) {
		calls++
		if calls == 2 {
			return nil, "", nil, boom
		}
		return []string{"x"}, "next", nil, nil
	}))
	if !errors.Is(err, boom) || len(items) != 1 {
		t.Errorf("error: %v, items %v", err, items)
	}
	cursor, calls = "", 0
	for range PagesByCursor(&cursor, func() ([]string, string, *Response, error) {
		calls++
		return []string{"x", "y"}, "more" + string(rune('0'+calls)), nil, nil
	}) {
		break
	}
	if calls != 1 {
		t.Errorf("break: %d fetches, want 1", calls)
	}
}
