package names

import (
	"bytes"
	"encoding/json"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// collectionsDir finds ../shared/collections above the test's working
// directory, as the checkout lays it out beside /work/main.
func collectionsDir(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		c := filepath.Join(dir, "shared", "collections")
		if st, err := os.Stat(c); err == nil && st.IsDir() {
			return c
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skip("shared/collections not found above the working directory")
		}
		dir = parent
	}
}

// collectionTexts decodes one collection and returns its info.name and every
// "name" and "key" string in it (folders, requests, variables, headers,
// query parameters), which is the free text the generator names things by.
func collectionTexts(t *testing.T, path string) (title string, texts []string, ok bool) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var v any
	if err := json.Unmarshal(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), &v); err != nil {
		return "", nil, false // the corpus holds one invalid file on purpose
	}
	var walk func(any)
	walk = func(x any) {
		switch x := x.(type) {
		case map[string]any:
			for k, e := range x {
				if s, isStr := e.(string); isStr && (k == "name" || k == "key") {
					texts = append(texts, s)
				}
				walk(e)
			}
		case []any:
			for _, e := range x {
				walk(e)
			}
		}
	}
	walk(v)
	if m, isMap := v.(map[string]any); isMap {
		if info, isMap := m["info"].(map[string]any); isMap {
			title, _ = info["name"].(string)
		} else {
			title, _ = m["name"].(string) // v1
		}
	}
	return title, texts, true
}

// TestRealCollections names every folder, request, variable, header and
// query key of the real collections and checks each result, the package
// name of each collection, and that a scope keeps all names apart.
func TestRealCollections(t *testing.T) {
	dir := collectionsDir(t)
	files, err := filepath.Glob(filepath.Join(dir, "*.postman_collection*"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no collections in %s: %v", dir, err)
	}
	n := New()
	got := map[string]string{} // text -> Exported, for the spot checks below
	total, empty, decoded := 0, 0, 0
	for _, f := range files {
		title, texts, ok := collectionTexts(t, f)
		if !ok {
			continue
		}
		decoded++
		if pkg := PackageName(title); pkg != "" {
			if err := CheckPackageName(pkg); err != nil {
				t.Errorf("%s: PackageName(%q) = %q: %v", filepath.Base(f), title, pkg, err)
			}
		}
		scope := NewScope()
		seen := map[string]bool{}
		for _, s := range texts {
			total++
			e, u, fn := n.Exported(s), n.Unexported(s), n.FileName(s)
			got[s] = e
			if e == "" {
				empty++
				continue
			}
			if !token.IsIdentifier(e) || !token.IsExported(e) {
				t.Errorf("%s: Exported(%q) = %q is not an exported identifier", filepath.Base(f), s, e)
			}
			if !token.IsIdentifier(u) || token.IsExported(u) || reservedUnexported(u) {
				t.Errorf("%s: Unexported(%q) = %q is not a usable unexported identifier", filepath.Base(f), s, u)
			}
			if !fileNameRE.MatchString(fn) || strings.HasSuffix(fn, "_test") || fn == "" {
				t.Errorf("%s: FileName(%q) = %q is not a safe file name", filepath.Base(f), s, fn)
			}
			c := scope.Claim(e)
			if seen[c] {
				t.Errorf("%s: scope handed out %q twice", filepath.Base(f), c)
			}
			seen[c] = true
		}
	}
	if decoded < 20 {
		t.Fatalf("decoded only %d collections from %s", decoded, dir)
	}
	t.Logf("%d collections, %d texts named, %d with no usable token", decoded, total, empty)

	// Texts the corpus notes call out (SOURCES.md).
	spot := map[string]string{
		"🔐 Quick Auth Setup → Then Run APIs":                              "QuickAuthSetupThenRunAPIs",
		"Group Members—Private":                                           "GroupMembersPrivate",
		"remove tests from\u00a0a specific folder in the test repository": "RemoveTestsFromASpecificFolderInTheTestRepository",
		"Récupération token":                                              "RecuperationToken",
		"Information sociétaire":                                          "InformationSocietaire",
		"获取购物车列表":                                                         "",
	}
	for in, want := range spot {
		e, found := got[in]
		if !found {
			t.Errorf("the corpus no longer contains %q", in)
			continue
		}
		if e != want {
			t.Errorf("Exported(%q) = %q, want %q", in, e, want)
		}
	}
}
