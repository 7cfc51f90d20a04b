package synth

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
)

// The collections below are hostile rather than typical: each pushes one
// input dimension far past what real collections have, so benchmarks can
// show that generation stays linear in it (security issue 12).

// WideObject returns a collection of one request whose one saved example
// body is a JSON object with n distinct member names.
func WideObject(n int) []byte {
	var body bytes.Buffer
	body.WriteByte('{')
	for i := 0; i < n; i++ {
		if i > 0 {
			body.WriteByte(',')
		}
		fmt.Fprintf(&body, `"field%d":%s`, i, scalar(i))
	}
	body.WriteByte('}')
	return oneRequest("", []string{body.String()})
}

// ManyExamples returns a collection of one request with n saved examples,
// each a small JSON object with a member no other example has, so the
// merged type has n optional fields besides the shared ones.
func ManyExamples(n int) []byte {
	bodies := make([]string, n)
	for i := range bodies {
		bodies[i] = fmt.Sprintf(`{"id":%d,"name":"item %d","tags":["a","b"],"owner":{"id":%d,"email":"o%d@example.com"},"note%d":%s}`,
			i, i, i%50, i%50, i, scalar(i))
	}
	return oneRequest("", bodies)
}

// DeepObject returns a collection of one request whose one saved example
// body nests depth objects, each the "data" member of the one around it.
func DeepObject(depth int) []byte {
	body := strings.Repeat(`{"data":`, depth) + `{"id":1}` + strings.Repeat("}", depth)
	return oneRequest("", []string{body})
}

// OneFolder returns a collection of n requests in one folder, each on a
// path of its own; every other one has a saved text example, so the
// others, without one, look to their folder for a type (sibling
// inference), and find no JSON there.
func OneFolder(n int) []byte {
	items := make([]any, n)
	for i := range items {
		item := map[string]any{
			"name":    fmt.Sprintf("req %d", i),
			"request": map[string]any{"method": "GET", "url": fmt.Sprintf("https://api.example.com/r%d/:id?q=%d", i, i)},
		}
		if i%2 == 0 {
			item["response"] = []any{map[string]any{
				"name": "OK", "status": "OK", "code": 200,
				"header": []any{map[string]any{"key": "Content-Type", "value": "text/plain"}},
				"body":   fmt.Sprintf("r%d", i),
			}}
		}
		items[i] = item
	}
	coll := map[string]any{
		"info": map[string]any{
			"_postman_id": "00000000-0000-4000-8000-000000000002", "name": "Hostile API",
			"schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json",
		},
		"item": []any{map[string]any{"name": "Everything", "item": items}},
	}
	data, err := json.Marshal(coll)
	if err != nil {
		panic(err) // only maps, slices and strings: cannot fail
	}
	return data
}

// LongDescription returns a collection of one request whose collection
// description and request description together hold about size bytes of
// Markdown: headings, paragraphs with emphasis, links and code spans,
// nested lists, fenced code and tables.
func LongDescription(size int) []byte {
	half := markdown(size / 2)
	return oneRequest(half, []string{`{"ok":true}`}, half)
}

// markdown returns about size bytes of varied Markdown.
func markdown(size int) string {
	var b strings.Builder
	for i := 0; b.Len() < size; i++ {
		switch i % 6 {
		case 0:
			fmt.Fprintf(&b, "## Section %d\n\n", i)
		case 1:
			fmt.Fprintf(&b, "Paragraph %d explains *this* and **that**, with `code %d` and a [link](https://example.com/%d). It goes on for a while so that it wraps over several lines of a doc comment.\n\n", i, i, i)
		case 2:
			fmt.Fprintf(&b, "- item %d\n- item with [a link](https://example.com/l%d)\n  - nested item\n\n", i, i)
		case 3:
			fmt.Fprintf(&b, "```json\n{\"id\": %d, \"name\": \"x\"}\n```\n\n", i)
		case 4:
			fmt.Fprintf(&b, "| name | value |\n|---|---|\n| a%d | 1 |\n| b | 2 |\n\n", i)
		case 5:
			fmt.Fprintf(&b, "1. first %d\n2. second\n\n> a quote %d\n\n", i, i)
		}
	}
	return b.String()
}

// scalar is a JSON value of one of several kinds, by i.
func scalar(i int) string {
	switch i % 4 {
	case 0:
		return fmt.Sprint(i)
	case 1:
		return `"text"`
	case 2:
		return "true"
	}
	return "null"
}

// oneRequest is a collection holding one GET request with a saved 200
// example per body; desc, when given, are the collection's and the
// request's descriptions.
func oneRequest(collectionDesc string, bodies []string, requestDesc ...string) []byte {
	examples := make([]any, len(bodies))
	for i, body := range bodies {
		examples[i] = map[string]any{
			"name": fmt.Sprintf("OK %d", i), "status": "OK", "code": 200,
			"header": []any{map[string]any{"key": "Content-Type", "value": "application/json"}},
			"body":   body,
		}
	}
	request := map[string]any{"method": "GET", "url": "https://api.example.com/things"}
	if len(requestDesc) > 0 {
		request["description"] = requestDesc[0]
	}
	coll := map[string]any{
		"info": map[string]any{
			"_postman_id": "00000000-0000-4000-8000-000000000001", "name": "Hostile API",
			"description": collectionDesc,
			"schema":      "https://schema.getpostman.com/json/collection/v2.1.0/collection.json",
		},
		"item": []any{map[string]any{"name": "Get things", "request": request, "response": examples}},
	}
	data, err := json.Marshal(coll)
	if err != nil {
		panic(err) // only maps, slices and strings: cannot fail
	}
	return data
}
