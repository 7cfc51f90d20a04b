package sdkscript

import (
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"strings"
)

// xmlNode is an element being read: its attributes, text and children in the
// shape xml2js gives them.
type xmlNode struct {
	name     string
	attrs    map[string]any
	text     strings.Builder
	children map[string]any
}

// xml2JSON converts an XML document as the Postman sandbox's xml2Json does
// (xml2js with explicitArray false, trim true, mergeAttrs false): the root
// element is the one key of the result; an element with neither attributes
// nor children is its trimmed text; attributes go under "$", text beside
// children or attributes under "_"; a repeated child becomes an array. Names
// keep their prefixes ("soapenv:Envelope"). The result is JSON, or "" when the
// document does not parse (xml2Json then returns undefined).
func xml2JSON(doc string) string {
	d := xml.NewDecoder(strings.NewReader(doc))
	d.Strict = false
	var stack []*xmlNode
	var root map[string]any
	for {
		tok, err := d.RawToken()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return ""
		}
		switch t := tok.(type) {
		case xml.StartElement:
			n := &xmlNode{name: qname(t.Name)}
			for _, a := range t.Attr {
				if n.attrs == nil {
					n.attrs = map[string]any{}
				}
				n.attrs[qname(a.Name)] = a.Value
			}
			stack = append(stack, n)
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].text.Write(t)
			}
		case xml.EndElement:
			if len(stack) == 0 {
				return ""
			}
			n := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			v := n.value()
			if len(stack) == 0 {
				root = map[string]any{n.name: v}
				continue
			}
			stack[len(stack)-1].add(n.name, v)
		}
	}
	if root == nil || len(stack) > 0 {
		return ""
	}
	b, err := json.Marshal(root)
	if err != nil {
		return ""
	}
	return string(b)
}

func qname(n xml.Name) string {
	if n.Space != "" {
		return n.Space + ":" + n.Local
	}
	return n.Local
}

func (n *xmlNode) add(name string, v any) {
	if n.children == nil {
		n.children = map[string]any{}
	}
	if old, ok := n.children[name]; ok {
		if list, ok := old.([]any); ok {
			n.children[name] = append(list, v)
		} else {
			n.children[name] = []any{old, v}
		}
		return
	}
	n.children[name] = v
}

func (n *xmlNode) value() any {
	text := strings.TrimSpace(n.text.String())
	if n.attrs == nil && n.children == nil {
		return text
	}
	obj := map[string]any{}
	for k, v := range n.children {
		obj[k] = v
	}
	if n.attrs != nil {
		obj["$"] = n.attrs
	}
	if text != "" {
		obj["_"] = text
	}
	return obj
}
