package cli

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// These tests drive postgen generate against remote inputs: an http(s)
// URL, and the Postman API (an httptest fake standing in for
// api.getpostman.com).

const testKey = "PMAK-0123456789abcdef-secretsecret"

func TestURLInput(t *testing.T) {
	collection := mustRead(t, bookings)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/bookings.json":
			w.Write(collection)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()

	out := t.TempDir()
	code, _, stderr := run(t, "", "generate", "-p", "bookings", "-o", out, srv.URL+"/bookings.json?token=abc")
	if code != ExitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	// The recorded command names the URL without its query.
	if c := readOut(t, out, "client.go"); !strings.Contains(c, "// To regenerate: postgen generate -p bookings '"+srv.URL+"/bookings.json?…'") || strings.Contains(c, "token=abc") {
		t.Errorf("recorded command:\n%s", c[:300])
	}

	code, _, stderr = run(t, "", "generate", "-o", out, srv.URL+"/missing.json")
	if code != ExitUsage || !strings.Contains(stderr, "GET "+srv.URL+"/missing.json: the server answered 404 Not Found") {
		t.Errorf("404: exit %d\n%s", code, stderr)
	}
}

func TestURLTimeout(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	defer close(release)
	setFetchTimeout(t, 200*time.Millisecond)
	code, _, stderr := run(t, "", "generate", "-o", t.TempDir(), srv.URL+"/slow.json")
	if code != ExitUsage || !strings.Contains(stderr, "no complete answer within 200ms") {
		t.Errorf("exit %d\n%s", code, stderr)
	}
}

func setFetchTimeout(t *testing.T, d time.Duration) {
	old := fetchTimeout
	fetchTimeout = d
	t.Cleanup(func() { fetchTimeout = old })
}

// fakePostman is the Postman API: GET /collections/{uid} with X-Api-Key.
type fakePostman struct {
	*httptest.Server
	mu   sync.Mutex
	keys []string // X-Api-Key of every request
}

func newFakePostman(t *testing.T, handler http.HandlerFunc) *fakePostman {
	f := &fakePostman{}
	f.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		f.keys = append(f.keys, r.Header.Get("X-Api-Key"))
		f.mu.Unlock()
		handler(w, r)
	}))
	t.Cleanup(f.Close)
	old := postmanAPI
	postmanAPI = f.URL
	t.Cleanup(func() { postmanAPI = old })
	return f
}

// postmanHandler serves the bookings collection as uid 123-abc to the key
// testKey, and answers like the Postman API otherwise.
func postmanHandler(t *testing.T) http.HandlerFunc {
	collection := mustRead(t, bookings)
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if r.Header.Get("X-Api-Key") != testKey {
			w.WriteHeader(http.StatusUnauthorized)
			w.Write([]byte(`{"error":{"name":"AuthenticationError","message":"Invalid API Key. Every request requires a valid API Key to be sent."}}`))
			return
		}
		if r.URL.Path != "/collections/123-abc" {
			w.WriteHeader(http.StatusNotFound)
			w.Write([]byte(`{"error":{"name":"instanceNotFoundError","message":"We could not find the collection you are looking for"}}`))
			return
		}
		w.Write([]byte(`{"collection":`))
		w.Write(collection)
		w.Write([]byte(`}`))
	}
}

func TestPostmanAPIInput(t *testing.T) {
	api := newFakePostman(t, postmanHandler(t))
	t.Setenv(apiKeyEnv, testKey)
	out := t.TempDir()
	code, stdout, stderr := run(t, "", "generate", "-p", "bookings", "-o", out, "--postman-id", "123-abc")
	if code != ExitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	if len(api.keys) != 1 || api.keys[0] != testKey {
		t.Errorf("the API saw keys %q", api.keys)
	}
	if c := readOut(t, out, "client.go"); !strings.Contains(c, "// To regenerate: postgen generate -p bookings --postman-id 123-abc") {
		t.Errorf("recorded command:\n%.300s", c)
	}
	assertNoKey(t, out, stdout, stderr)
}

func TestPostmanAPIErrors(t *testing.T) {
	newFakePostman(t, postmanHandler(t))
	tests := []struct {
		name, key, uid string
		want           []string
	}{
		{"no key", "", "123-abc", []string{"--postman-id needs a Postman API key in the POSTMAN_API_KEY environment variable"}},
		{"401", "PMAK-wrong-key-0000", "123-abc", []string{"the Postman API refused the key in POSTMAN_API_KEY (401 Unauthorized: Invalid API Key."}},
		{"404", testKey, "999-nope", []string{`the Postman API has no collection "999-nope" that this key can read (404 Not Found: We could not find`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv(apiKeyEnv, tt.key)
			out := t.TempDir()
			code, stdout, stderr := run(t, "", "generate", "-o", out, "--postman-id", tt.uid)
			if code != ExitUsage {
				t.Fatalf("exit %d\n%s", code, stderr)
			}
			for _, w := range tt.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr lacks %q:\n%s", w, stderr)
				}
			}
			if tt.key != "" {
				if strings.Contains(stdout+stderr, tt.key) {
					t.Errorf("the key is in the output:\n%s", stderr)
				}
			}
		})
	}
	t.Run("both a file and an id", func(t *testing.T) {
		code, _, stderr := run(t, "", "generate", "--postman-id", "123-abc", bookings)
		if code != ExitUsage || !strings.Contains(stderr, "not both") {
			t.Errorf("exit %d\n%s", code, stderr)
		}
	})
}

func TestPostmanAPITimeoutAndEchoedKey(t *testing.T) {
	// A server that echoes the key in its error must not get it printed.
	newFakePostman(t, func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusForbidden)
		w.Write([]byte(`{"error":{"name":"forbiddenError","message":"key ` + r.Header.Get("X-Api-Key") + ` is disabled"}}`))
	})
	t.Setenv(apiKeyEnv, testKey)
	code, stdout, stderr := run(t, "", "generate", "-o", t.TempDir(), "--postman-id", "123-abc")
	if code != ExitUsage || !strings.Contains(stderr, "403 Forbidden: key *** is disabled") || strings.Contains(stdout+stderr, testKey) {
		t.Errorf("exit %d\n%s", code, stderr)
	}

	release := make(chan struct{})
	defer close(release)
	newFakePostman(t, func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	})
	setFetchTimeout(t, 200*time.Millisecond)
	code, stdout, stderr = run(t, "", "generate", "-o", t.TempDir(), "--postman-id", "123-abc")
	if code != ExitUsage || !strings.Contains(stderr, "Postman API, collection 123-abc: no complete answer within 200ms") || strings.Contains(stdout+stderr, testKey) {
		t.Errorf("timeout: exit %d\n%s", code, stderr)
	}
}

func TestPostmanAPIKeyStaysOnItsHost(t *testing.T) {
	// A redirect to another host must not carry the key along.
	var otherKeys []string
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		otherKeys = append(otherKeys, r.Header.Get("X-Api-Key"))
		w.Write(mustRead(t, bookings))
	}))
	defer other.Close()
	newFakePostman(t, func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, strings.Replace(other.URL, "127.0.0.1", "localhost", 1)+"/c.json", http.StatusFound)
	})
	t.Setenv(apiKeyEnv, testKey)
	code, _, stderr := run(t, "", "generate", "-p", "bookings", "-o", t.TempDir(), "--postman-id", "123-abc")
	if code != ExitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	if len(otherKeys) != 1 || otherKeys[0] != "" {
		t.Errorf("the other host saw X-Api-Key %q", otherKeys)
	}
}

// assertNoKey fails if the API key appears in the output or in any
// generated file.
func assertNoKey(t *testing.T, dir string, outputs ...string) {
	t.Helper()
	for _, o := range outputs {
		if strings.Contains(o, testKey) {
			t.Errorf("the API key is in the output:\n%s", o)
		}
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if b, _ := os.ReadFile(filepath.Join(dir, e.Name())); strings.Contains(string(b), testKey) {
			t.Errorf("the API key is in %s", e.Name())
		}
	}
}
