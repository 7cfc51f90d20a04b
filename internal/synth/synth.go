// Package synth writes deterministic synthetic Postman collections of any
// size, for benchmarks: N requests over nested folders, with query
// parameters, path variables, headers, JSON bodies and saved examples, in
// the proportions real API collections have.
//
// The same n always gives the same bytes.
package synth

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// resources are the nouns requests are made of.
var resources = []string{"account", "booking", "customer", "invoice", "order", "payment", "product", "shipment", "ticket", "user", "webhook", "report"}

// Collection returns a v2.1 collection with n requests: top-level folders
// of 50 requests, each split into sub-folders of 10.
func Collection(n int) []byte {
	var b bytes.Buffer
	b.WriteString(`{"info":{"_postman_id":"00000000-0000-4000-8000-000000000000","name":"Synthetic API",`)
	b.WriteString(`"description":"A synthetic collection for benchmarks.","schema":"https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},`)
	b.WriteString(`"variable":[{"key":"baseUrl","value":"https://api.synthetic.example.com/v1"},{"key":"tenant","value":"acme"}],`)
	b.WriteString(`"auth":{"type":"bearer","bearer":[{"key":"token","value":"{{token}}","type":"string"}]},"item":[`)
	for top := 0; top*50 < n; top++ {
		if top > 0 {
			b.WriteByte(',')
		}
		res := resources[top%len(resources)]
		fmt.Fprintf(&b, `{"name":"%s %d","description":"Operations on %ss, group %d.","item":[`, title(res), top, res, top)
		for sub := 0; sub < 5 && top*50+sub*10 < n; sub++ {
			if sub > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, `{"name":"%s %d part %d","item":[`, title(res), top, sub)
			for k := 0; k < 10 && top*50+sub*10+k < n; k++ {
				if k > 0 {
					b.WriteByte(',')
				}
				writeRequest(&b, top*50+sub*10+k, res)
			}
			b.WriteString(`]}`)
		}
		b.WriteString(`]}`)
	}
	b.WriteString(`]}`)
	return b.Bytes()
}

// methods cycle so every kind of request appears.
var methods = []string{"GET", "POST", "GET", "PUT", "DELETE", "PATCH", "GET"}

// writeRequest writes request i as a JSON item.
func writeRequest(b *bytes.Buffer, i int, res string) {
	method := methods[i%len(methods)]
	verb := map[string]string{"GET": "Get", "POST": "Create", "PUT": "Replace", "DELETE": "Delete", "PATCH": "Update"}[method]
	name := fmt.Sprintf("%s %s %d", verb, res, i)
	path := []string{res + "s", ":" + res + "Id", fmt.Sprintf("items%d", i)}
	item := map[string]any{
		"name": name,
		"request": map[string]any{
			"method":      method,
			"description": fmt.Sprintf("%s one %s item (request %d).", verb, res, i),
			"header": []any{
				map[string]any{"key": "X-Tenant", "value": "{{tenant}}"},
				map[string]any{"key": "X-Request-Id", "value": "", "disabled": true},
			},
			"url": map[string]any{
				"raw":  "{{baseUrl}}/" + path[0] + "/" + path[1] + "/" + path[2],
				"host": []string{"{{baseUrl}}"},
				"path": path,
				"query": []any{
					map[string]any{"key": "limit", "value": fmt.Sprint(10 + i%90)},
					map[string]any{"key": "cursor", "value": "", "disabled": true},
					map[string]any{"key": "expand", "value": "details"},
				},
				"variable": []any{map[string]any{"key": res + "Id", "value": fmt.Sprint(1000 + i)}},
			},
		},
		"response": []any{example(i, res, 200, "OK"), example(i, res, 404, "Not Found")},
	}
	if method == "POST" || method == "PUT" || method == "PATCH" {
		body, _ := json.MarshalIndent(entity(i, res), "", "  ")
		item["request"].(map[string]any)["body"] = map[string]any{
			"mode": "raw", "raw": string(body), "options": map[string]any{"raw": map[string]any{"language": "json"}},
		}
	}
	data, _ := json.Marshal(item)
	b.Write(data)
}

// entity is the JSON shape of a resource; shapes repeat across requests
// of the same resource, as in real APIs.
func entity(i int, res string) map[string]any {
	return map[string]any{
		"id":        fmt.Sprint(1000 + i),
		"name":      fmt.Sprintf("%s %d", res, i),
		"active":    i%2 == 0,
		"count":     i % 17,
		"price":     float64(i%1000) + 0.5,
		"createdAt": "2024-01-02T03:04:05Z",
		"tags":      []string{"a", "b"},
		"owner":     map[string]any{"id": fmt.Sprint(i % 50), "email": "owner@example.com"},
		"lines": []any{
			map[string]any{"sku": "SKU-1", "quantity": 1},
			map[string]any{"sku": "SKU-2", "quantity": 3, "note": "gift"},
		},
	}
}

// example is a saved response of request i.
func example(i int, res string, code int, status string) map[string]any {
	var body []byte
	if code == 200 {
		body, _ = json.MarshalIndent(entity(i, res), "", "  ")
	} else {
		body = []byte(`{"error": {"code": "not_found", "message": "no such ` + res + `"}}`)
	}
	return map[string]any{
		"name":   status,
		"status": status,
		"code":   code,
		"header": []any{map[string]any{"key": "Content-Type", "value": "application/json"}},
		"body":   string(body),
	}
}

func title(s string) string { return string(s[0]-32) + s[1:] }
