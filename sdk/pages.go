package sdk

import "iter"

// This file walks paged results for the iterator methods generated for
// requests that page (Issues.ListIter and the like, as go-github's
// iterators do): each calls its method once per page, yields the page's
// items, and moves its params to the next page, until there is none. An
// error is yielded once and ends the walk; so does the caller breaking
// out of the loop.

// PagesByNumber walks pages numbered by *page: the next page is the one
// the Link header names, else the next number while pages are not empty
// (a first page left at 0 counts as 1).
func PagesByNumber[T any](page *int64, fetch func() ([]T, *Response, error)) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		for {
			items, resp, err := fetch()
			if !yieldPage(yield, items, err) {
				return
			}
			switch {
			case resp != nil && resp.NextPage > 0:
				if resp.NextPage == *page {
					return // a server that names the same page again
				}
				*page = resp.NextPage
			case resp != nil && resp.HasLinks, len(items) == 0:
				return
			default:
				*page = max(*page, 1) + 1
			}
		}
	}
}

// PagesByOffset walks pages that start at *offset: each next page starts
// after the items seen, until a page is empty or, when total says how
// many there are (total returns -1 when the page does not say), every
// item was seen.
func PagesByOffset[T any](offset *int64, fetch func() ([]T, int64, *Response, error)) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		for {
			items, total, _, err := fetch()
			if !yieldPage(yield, items, err) || len(items) == 0 {
				return
			}
			*offset += int64(len(items))
			if total >= 0 && *offset >= total {
				return
			}
		}
	}
}

// PagesByCursor walks pages that follow a cursor: fetch returns the
// cursor of the next page (from the body, or the Link header's), and the
// walk ends when there is none, or it is the cursor just used.
func PagesByCursor[T any](cursor *string, fetch func() ([]T, string, *Response, error)) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		for {
			items, next, resp, err := fetch()
			if !yieldPage(yield, items, err) {
				return
			}
			if next == "" && resp != nil {
				next = resp.NextCursor
			}
			if next == "" || next == *cursor {
				return
			}
			*cursor = next
		}
	}
}

// yieldPage yields the items of a page, or its error; false ends the walk.
func yieldPage[T any](yield func(T, error) bool, items []T, err error) bool {
	if err != nil {
		var zero T
		yield(zero, err)
		return false
	}
	for _, it := range items {
		if !yield(it, nil) {
			return false
		}
	}
	return true
}
