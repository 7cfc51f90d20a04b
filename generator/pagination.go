package generator

import (
	"strings"

	"github.com/postgen/postgen/generator/infer"
)

// This file finds the requests that page and plans an iterator method
// for each (ListIter beside List, as go-github has): a params field that
// moves from page to page (a page number, an offset, a cursor), and a
// result that holds the page's items (a JSON array, or the one array of
// a JSON object). The runtime walks the pages (sdk/pages.go).

// pager is the iterator of one method.
type pager struct {
	name  string // the iterator method ("ListIter")
	style string // "number", "offset" or "cursor"
	field *field // the params field moved page to page
	elem  string // the Go type of one item
	// items, total and next are selectors on the result ("Results",
	// "Meta.NextToken"); items is "" when the result is the array itself,
	// total and next "" when the body does not say.
	items, total, next string
}

// Keys of the params that move pages, compared lower-cased without _ or -.
var (
	pageKeys   = map[string]bool{"page": true, "pagenumber": true, "pageno": true, "pageindex": true}
	offsetKeys = map[string]bool{"offset": true, "skip": true, "startindex": true}
	cursorKeys = map[string]bool{"cursor": true, "after": true, "pagetoken": true, "nexttoken": true,
		"paginationtoken": true, "startingafter": true, "continuation": true, "continuationtoken": true, "marker": true}
	// itemsKeys name the array of a page object when it has several.
	itemsKeys = map[string]bool{"items": true, "results": true, "data": true, "values": true, "records": true,
		"entries": true, "list": true, "content": true, "nodes": true, "elements": true}
	totalKeys = map[string]bool{"total": true, "totalcount": true, "totalresults": true, "totalitems": true, "totalsize": true}
	nextKeys  = map[string]bool{"nexttoken": true, "nextcursor": true, "nextpagetoken": true, "cursor": true, "next": true, "after": true}
)

// squash folds a key for the tables above: "next_page-Token" is
// "nextpagetoken".
func squash(key string) string {
	return separators.Replace(strings.ToLower(key))
}

// separators drops the separators of a key: built once, as a Replacer
// builds its tables on first use (a tenth of a 10k generate when it was
// built per call).
var separators = strings.NewReplacer("_", "", "-", "")

// planPagination plans the iterators, once types have their names.
func (p *plan) planPagination() {
	p.forEachMethod(func(m *method) {
		if pg := p.pagerOf(m); pg != nil {
			pg.name = m.svc.members.Claim(m.name + "Iter")
			m.pager = pg
		}
		if m.types != nil && m.types.result == resultStream {
			suffix := "Lines"
			if m.types.stream == "events" {
				suffix = "Events"
			}
			m.streamIter = m.svc.members.Claim(m.name + suffix)
		}
	})
}

// pagerOf decides whether m pages, and how.
func (p *plan) pagerOf(m *method) *pager {
	if m.params == nil || m.types == nil || m.types.result != resultJSON || m.types.root == nil {
		return nil
	}
	pg := &pager{}
	for _, fl := range m.params.fields {
		if fl.in != "query" {
			continue
		}
		k := squash(fl.key)
		switch {
		case pageKeys[k] && (fl.goType == typeInt || fl.goType == typeIntPtr):
			pg.style, pg.field = "number", fl
		case offsetKeys[k] && (fl.goType == typeInt || fl.goType == typeIntPtr):
			pg.style, pg.field = "offset", fl
		case cursorKeys[k] && fl.goType == typeString:
			pg.style, pg.field = "cursor", fl
		default:
			continue
		}
		break
	}
	if pg.field == nil {
		return nil
	}
	t := m.types.root.t
	switch t.Kind {
	case infer.Array:
		pg.elem = p.typeText(t.Elem, false)
	case infer.Object:
		nt, ok := p.types.byNode[t]
		if !ok {
			return nil
		}
		items := pageItems(t)
		if items == nil {
			return nil
		}
		pg.items, pg.elem = nt.fields[items.Key], p.typeText(items.Type.Elem, false)
		for _, f := range t.Fields {
			if totalKeys[squash(f.Key)] && f.Type.Kind == infer.Int && !t.Optional(f) && !f.Type.Nullable {
				pg.total = nt.fields[f.Key]
			}
		}
		pg.next = p.nextCursor(t, nt)
	default:
		return nil
	}
	if pg.elem == "" || t.Kind == infer.Array && t.Elem == nil {
		return nil
	}
	// A cursor the body does not hold comes from the Link header
	// (Response.NextCursor), which the runtime reads.
	return pg
}

// pageItems is the member of a page object that holds its items: its one
// array, or the one of the usual names among several.
func pageItems(t *infer.Type) *infer.Field {
	var arrays []*infer.Field
	for _, f := range t.Fields {
		if f.Type != nil && f.Type.Kind == infer.Array && !f.Type.Nullable {
			arrays = append(arrays, f)
		}
	}
	if len(arrays) == 1 {
		return arrays[0]
	}
	var named *infer.Field
	for _, f := range arrays {
		if itemsKeys[squash(f.Key)] {
			if named != nil {
				return nil
			}
			named = f
		}
	}
	return named
}

// nextCursor finds the member of a page object holding the next page's
// cursor, directly or in a member object that is always there ("meta":
// {"next_token": ...}), as a selector.
func (p *plan) nextCursor(t *infer.Type, nt *namedType) string {
	for _, f := range t.Fields {
		if f.Type != nil && f.Type.Kind == infer.String && !f.Type.Nullable && nextKeys[squash(f.Key)] {
			return nt.fields[f.Key]
		}
	}
	for _, f := range t.Fields {
		if f.Type == nil || f.Type.Kind != infer.Object || t.Optional(f) || f.Type.Nullable {
			continue
		}
		inner, ok := p.types.byNode[f.Type]
		if !ok {
			continue
		}
		for _, g := range f.Type.Fields {
			if g.Type != nil && g.Type.Kind == infer.String && !g.Type.Nullable && nextKeys[squash(g.Key)] && squash(g.Key) != "next" {
				return nt.fields[f.Key] + "." + inner.fields[g.Key]
			}
		}
	}
	return ""
}
