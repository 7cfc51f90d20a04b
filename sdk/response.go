package sdk

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// Response is the HTTP response of a call. Its body has been read and
// closed, unless the method returns the body as an io.ReadCloser.
type Response struct {
	*http.Response

	// NextPage and NextCursor are where the response's Link header says
	// the next page is (rel="next", RFC 8288), as go-github reads it: the
	// page number of its page parameter, or its cursor (cursor, after,
	// page_token, pageToken, next_token, ...). Both are zero when the
	// response has no next page or no Link header; HasLinks tells the two
	// apart.
	NextPage   int64
	NextCursor string
	// HasLinks is true when the response has a Link header.
	HasLinks bool

	// decoded is false when a 2xx body was empty, so nothing was decoded.
	decoded bool
}

// newResponse wraps resp, reading its Link header.
func newResponse(resp *http.Response) *Response {
	r := &Response{Response: resp}
	links := resp.Header.Values("Link")
	if len(links) == 0 {
		return r
	}
	r.HasLinks = true
	if next := linkTarget(links, "next"); next != "" {
		r.NextPage, r.NextCursor = pageOf(next)
	}
	return r
}

// linkTarget returns the target URL of the link with relation rel.
func linkTarget(links []string, rel string) string {
	for _, header := range links {
		for _, link := range strings.Split(header, ",") {
			target, params, ok := strings.Cut(link, ";")
			target = strings.TrimSpace(target)
			if !ok || !strings.HasPrefix(target, "<") || !strings.HasSuffix(target, ">") {
				continue
			}
			for _, p := range strings.Split(params, ";") {
				k, v, _ := strings.Cut(strings.TrimSpace(p), "=")
				if strings.EqualFold(k, "rel") {
					for _, r := range strings.Fields(strings.Trim(v, `"`)) {
						if strings.EqualFold(r, rel) {
							return target[1 : len(target)-1]
						}
					}
				}
			}
		}
	}
	return ""
}

// cursorParams are the query parameters that carry a page cursor.
var cursorParams = []string{"cursor", "after", "page_token", "pageToken", "next_token", "nextToken",
	"pagination_token", "starting_after", "continuation", "continuationToken", "marker", "since"}

// pageOf reads the page number or cursor of a next-page URL.
func pageOf(target string) (page int64, cursor string) {
	u, err := url.Parse(target)
	if err != nil {
		return 0, ""
	}
	q := u.Query()
	if n, err := strconv.ParseInt(q.Get("page"), 10, 64); err == nil && n > 0 {
		page = n
	}
	for _, k := range cursorParams {
		if v := q.Get(k); v != "" {
			return page, v
		}
	}
	return page, ""
}
