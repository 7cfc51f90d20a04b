package parser

import (
	"strings"

	"github.com/postgen/postgen/model"
	"github.com/tidwall/gjson"
)

// behavior is one protocolProfileBehavior object, remembering which keys
// were set so that levels can be merged key by key (§13).
type behavior struct {
	bodyPruning, urlEncoding, systemHeaders, followRedirects bool // set?
	v                                                        model.Behavior
}

// behavior reads a protocolProfileBehavior object. Flags are read with
// JavaScript truthiness, as the runtime does.
func (w *walker) behavior(v gjson.Result, path string) behavior {
	var b behavior
	switch {
	case !present(v):
		return b
	case !v.IsObject():
		w.warn(model.CodeUnexpectedType, path, v, "expected a protocolProfileBehavior object, found %s; ignoring it", describe(v))
		return b
	}
	members(v, func(key string, val gjson.Result) {
		switch key {
		case "disableBodyPruning":
			b.bodyPruning, b.v.DisableBodyPruning = true, truthy(val)
		case "disableUrlEncoding":
			b.urlEncoding, b.v.DisableURLEncoding = true, truthy(val)
		case "followRedirects":
			f := truthy(val)
			b.followRedirects, b.v.FollowRedirects = true, &f
		case "disabledSystemHeaders":
			b.systemHeaders = true
			b.v.DisabledSystemHeaders = nil
			p := join(path, key)
			if !val.IsObject() {
				if present(val) {
					w.warn(model.CodeUnexpectedType, p, val, "expected an object of {header-name: true}, found %s; ignoring it", describe(val))
				}
				return
			}
			members(val, func(name string, on gjson.Result) {
				if truthy(on) {
					b.v.DisabledSystemHeaders = append(b.v.DisabledSystemHeaders, strings.ToLower(name))
				}
			})
		}
	})
	return b
}

// merge returns outer overridden by inner, key by key.
func (outer behavior) merge(inner behavior) behavior {
	if inner.bodyPruning {
		outer.bodyPruning, outer.v.DisableBodyPruning = true, inner.v.DisableBodyPruning
	}
	if inner.urlEncoding {
		outer.urlEncoding, outer.v.DisableURLEncoding = true, inner.v.DisableURLEncoding
	}
	if inner.systemHeaders {
		outer.systemHeaders, outer.v.DisabledSystemHeaders = true, inner.v.DisabledSystemHeaders
	}
	if inner.followRedirects {
		outer.followRedirects, outer.v.FollowRedirects = true, inner.v.FollowRedirects
	}
	return outer
}

// resolve returns the model value. Slices and pointers may be shared
// between requests of one folder; the model is read-only data.
func (b behavior) resolve() model.Behavior {
	return b.v
}
