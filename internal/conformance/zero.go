package conformance

import (
	"net/url"
	"strings"

	"github.com/postgen/postgen/generator"
)

// This file checks the zero call of every method: called with nothing but
// its required path arguments, an SDK must send none of the collection's
// samples, only its constants and variables (DESIGN.md, "Semantics").

// zeroLeak returns what the zero call sent that is a sample of its
// request ("" when nothing): a sample query key, header, form field or
// the sample body.
func zeroLeak(ex Exchange, s generator.Samples) string {
	target := ex.Target
	if i := strings.Index(target, "?"); i >= 0 {
		for _, pair := range strings.Split(target[i+1:], "&") {
			k, _, _ := strings.Cut(pair, "=")
			if u, err := url.QueryUnescape(k); err == nil {
				k = u
			}
			for _, key := range s.Query {
				if k == key && key != "" {
					return "query " + quoteList([]string{key})
				}
			}
		}
	}
	for _, h := range ex.Header {
		if ownHeaders[strings.ToLower(h[0])] {
			continue // the runtime's or the transport's own, whatever the collection says
		}
		for _, key := range s.Header {
			if strings.EqualFold(h[0], key) {
				return "header " + quoteList([]string{key})
			}
		}
	}
	if len(ex.Body) > 0 {
		if s.Body {
			return "the collection's body"
		}
		if s.GraphQLVariables && strings.Contains(string(ex.Body), `"variables"`) {
			return "GraphQL variables"
		}
		body := string(ex.Body)
		for _, key := range s.Form {
			if strings.Contains(body, `name="`+key+`"`) || formHasKey(body, key) {
				return "form field " + quoteList([]string{key})
			}
		}
	}
	return ""
}

// ownHeaders are the headers the runtime or net/http sends on their own
// (User-Agent, Accept: */*, the body's Content-Type, gzip): a collection
// row of the same name does not make them samples.
var ownHeaders = map[string]bool{"user-agent": true, "accept-encoding": true, "content-type": true, "content-length": true, "host": true, "connection": true}

// formHasKey reports whether an urlencoded body has key.
func formHasKey(body, key string) bool {
	for _, pair := range strings.Split(body, "&") {
		k, _, _ := strings.Cut(pair, "=")
		if u, err := url.QueryUnescape(k); err == nil && u == key {
			return true
		}
	}
	return false
}

// checkZero records the zero call of it in the report.
func (p *prepared) checkZero(it item, calls map[string]sdkResult, byTag map[string][]Exchange) {
	r, ok := calls["zero"]
	if !ok {
		return
	}
	got := byTag[p.pkg+"|"+it.req.Path+"|zero"]
	rep := p.report
	if r.Unsent || len(got) == 0 {
		rep.ZeroUnsent = append(rep.ZeroUnsent, Finding{it.req.Path, it.req.Name, "zero: the SDK sends nothing: " + shortError(r.Error)})
		return
	}
	rep.ZeroCalls++
	for _, ex := range got {
		if leak := zeroLeak(ex, p.samples[it.req.Path]); leak != "" {
			rep.ZeroLeaks = append(rep.ZeroLeaks, Finding{it.req.Path, it.req.Name, "zero call sends the sample " + leak})
			return
		}
	}
}
