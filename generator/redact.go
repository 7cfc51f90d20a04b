package generator

import (
	"bytes"
	_ "embed"
	"go/scanner"
	"go/token"
	"sort"
	"strings"

	"github.com/postgen/postgen/internal/secrets"
)

// Descriptions sometimes repeat the credentials the collection's auth
// holds ("Consumer Key: RKCG..." in newman's echo collection). Auth never
// copies a credential, and this file makes sure documentation does not
// either: the comments of every generated file are searched for the
// collection's credential values, which are replaced.

// redacted replaces a credential found in a comment.
const redacted = "[credential]"

// minRedact is the shortest value searched: shorter ones ("u", "cs") are
// ordinary text far more often than they are a leak.
const minRedact = secrets.MinKnown

// credentialTexts are the values comments must not hold: literal auth
// credentials, and the values (in the collection and its environments) of
// variables that credentials refer to or that are typed secret. Values that are also words of the runtime (a
// password of "password") are left out.
func (p *plan) credentialTexts(runtimeText string) []string {
	seen := map[string]bool{}
	add := func(v string) {
		if len(v) >= minRedact && !strings.Contains(runtimeText, v) {
			seen[v] = true
		}
	}
	refd := map[string]bool{}
	for a := range p.auth.byAuth {
		for _, prm := range a.Params {
			if !isCredentialParam(a.Type, prm.Key) {
				continue
			}
			if onlyRefs(prm.Value) {
				for _, r := range refs(prm.Value) {
					refd[r] = true
				}
				continue
			}
			add(prm.Value)
		}
	}
	// Every literal replaced by a variable anywhere in the collection: a
	// description that repeats a scrubbed header value must not keep it.
	for _, s := range p.vars.scrubs {
		// A value that repeats its key ("Password": "Password") is a
		// placeholder, and the word stays in the prose that names it.
		if !strings.EqualFold(s.Value, s.Key) {
			add(s.Value)
		}
	}
	vars := p.coll.Variables
	for _, env := range p.cfg.Environments {
		vars = append(vars[:len(vars):len(vars)], env.Values...)
	}
	for _, v := range vars {
		if refd[v.Key] || v.Type == "secret" {
			add(v.Value)
		}
	}
	out := make([]string, 0, len(seen))
	for v := range seen {
		out = append(out, v)
	}
	// Longest first, so a value that contains another is replaced whole.
	sort.Slice(out, func(i, j int) bool {
		if len(out[i]) != len(out[j]) {
			return len(out[i]) > len(out[j])
		}
		return out[i] < out[j]
	})
	return out
}

// runtimeWords are the words of the runtime's source (package sdk and
// its subpackages: identifiers, string contents, comments), one a line;
// TestRuntimeWordsAreCurrent keeps the file in step with ../sdk.
//
//go:embed runtime_words.txt
var runtimeWords string

// runtimeVocabulary is the text of the runtime and of what generated code
// writes around the collection's: a credential equal to a word of it
// ("password", "access_token") cannot be told from it.
func runtimeVocabulary() string { return runtimeWords }

// isCredentialParam reports whether an auth parameter is a credential: a
// secret field of its type, or any other key named like a secret.
func isCredentialParam(typ, key string) bool {
	for _, f := range authTypes[typ].fields {
		if f.key == key {
			return f.kind == secret
		}
	}
	return isSecretName(key)
}

// redactComments replaces the secrets found in the comments of Go source
// src. Code is never touched.
func redactComments(src []byte, known []string) []byte {
	if len(known) == 0 {
		return src
	}
	fset := token.NewFileSet()
	file := fset.AddFile("", fset.Base(), len(src))
	var s scanner.Scanner
	s.Init(file, src, nil, scanner.ScanComments)
	var out bytes.Buffer
	last := 0
	for {
		pos, tok, lit := s.Scan()
		if tok == token.EOF {
			break
		}
		if tok != token.COMMENT {
			continue
		}
		replaced := replaceAll(lit, known, redacted)
		if replaced == lit {
			continue
		}
		off := file.Offset(pos)
		out.Write(src[last:off])
		out.WriteString(replaced)
		last = off + len(lit)
	}
	if last == 0 {
		return src
	}
	out.Write(src[last:])
	return out.Bytes()
}
