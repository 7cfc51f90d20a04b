package names

import (
	"go/ast"
	"go/build"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

func TestFileName(t *testing.T) {
	n := New()
	tests := []struct{ in, want string }{
		{"BookingsService", "bookings_service"},
		{"Bookings", "bookings"},
		{"GetBookingByID", "get_booking_by_id"},
		{"OAuth2Config", "oauth2_config"},
		{"HTTPServer", "http_server"},
		{"UserIDs", "user_ids"},
		{"IPv4Address", "ipv4_address"},
		{"APIError", "api_error"},
		{"N2faSetup", "n2fa_setup"},
		{"Créer un événement", "creer_un_evenement"},
		{"获取 user 列表", "user"},
		{"", ""},
		{"🚀", ""},
		{"_private", "private"},
		{".hidden", "hidden"},
		// Tests and build constraints get "_api".
		{"UsersTest", "users_test_api"},
		{"users_test", "users_test_api"},
		{"Test", "test"},
		{"TestUsers", "test_users"},
		{"UsersLinux", "users_linux_api"},
		{"RunJS", "run_js_api"},
		{"RunWasm", "run_wasm_api"},
		{"BuildWindows", "build_windows_api"},
		{"ReleaseAmd64", "release_amd64_api"},
		{"ReleaseArm64", "release_arm64_api"},
		{"Release386", "release386"}, // digits join the letters before them
		{"Release 386", "release_386_api"},
		{"LinuxAmd64", "linux_amd64_api"},
		{"DevicesIOS", "devices_ios_api"},
		{"DevicesAndroid", "devices_android_api"},
		{"WasiP1Module", "wasi_p1_module"},
		{"ModuleWasip1", "module_wasip1_api"},
		{"ZOS", "zos"},
		{"Linux", "linux"},
		{"LinuxUsers", "linux_users"},
		{"UnixTools", "unix_tools"}, // "unix" is a build tag, not a file suffix
		{"ToolsUnix", "tools_unix"},
		// Windows device names.
		{"Con", "con_api"},
		{"NUL", "nul_api"},
		{"Com1", "com1_api"},
		{"Console", "console"},
		// Length: whole tokens are dropped.
		{strings.Repeat("Word", 30), "word" + strings.Repeat("_word", 12)},
		{strings.Repeat("x", 100), strings.Repeat("x", 64)},
	}
	for _, tt := range tests {
		if got := n.FileName(tt.in); got != tt.want {
			t.Errorf("FileName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestFileNameGoTool asks go/build itself whether the go tool would include
// each file name in every build: first for the plain snake_case names (to
// prove the check notices constraints), then for FileName's results.
func TestFileNameGoTool(t *testing.T) {
	dir := t.TempDir()
	n := New()
	var inputs []string
	for os := range knownOS {
		inputs = append(inputs, "Users_"+os, "Users_"+os+"_amd64")
	}
	for arch := range knownArch {
		inputs = append(inputs, "Users_"+arch)
	}
	inputs = append(inputs, "Users_test", "Users_linux_test", "Users_test_linux")
	for _, in := range inputs {
		naive := strings.Join(lowerAll(n.tokens(in)), "_")
		if includedEverywhere(t, dir, naive) {
			t.Errorf("go/build accepts %q everywhere; the test input %q proves nothing", naive, in)
		}
		if got := n.FileName(in); !includedEverywhere(t, dir, got) {
			t.Errorf("FileName(%q) = %q, which the go tool treats as a test or build-constrained", in, got)
		}
	}
}

func lowerAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = toLower(s)
	}
	return out
}

// includedEverywhere reports whether base+".go" is an ordinary non-test file
// that go/build includes for two platforms sharing no GOOS or GOARCH.
func includedEverywhere(t *testing.T, dir, base string) bool {
	t.Helper()
	name := base + ".go"
	if strings.HasSuffix(name, "_test.go") || strings.HasPrefix(name, "_") || strings.HasPrefix(name, ".") {
		return false
	}
	if err := os.WriteFile(filepath.Join(dir, name), []byte("package p\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, p := range [][2]string{{"linux", "amd64"}, {"windows", "arm64"}, {"plan9", "386"}} {
		ctxt := build.Default
		ctxt.GOOS, ctxt.GOARCH = p[0], p[1]
		ok, err := ctxt.MatchFile(dir, name)
		if err != nil {
			t.Fatal(err)
		}
		if !ok {
			return false
		}
	}
	return true
}

// TestKnownPlatformsMatchGo compares knownOS and knownArch with the lists
// go/build uses, read from the installed Go tree, so a new port is noticed.
func TestKnownPlatformsMatchGo(t *testing.T) {
	path := filepath.Join(build.Default.GOROOT, "src", "internal", "syslist", "syslist.go")
	if _, err := os.Stat(path); err != nil {
		t.Skipf("no Go source tree: %v", err)
	}
	f, err := parser.ParseFile(token.NewFileSet(), path, nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	lists := map[string]map[string]bool{}
	ast.Inspect(f, func(node ast.Node) bool {
		vs, ok := node.(*ast.ValueSpec)
		if !ok || len(vs.Names) != 1 || len(vs.Values) != 1 {
			return true
		}
		lit, ok := vs.Values[0].(*ast.CompositeLit)
		if !ok {
			return true
		}
		keys := map[string]bool{}
		for _, e := range lit.Elts {
			if kv, ok := e.(*ast.KeyValueExpr); ok {
				if bl, ok := kv.Key.(*ast.BasicLit); ok {
					s, _ := strconv.Unquote(bl.Value)
					keys[s] = true
				}
			}
		}
		lists[vs.Names[0].Name] = keys
		return true
	})
	for _, c := range []struct {
		name string
		ours map[string]bool
	}{{"KnownOS", knownOS}, {"KnownArch", knownArch}} {
		theirs := lists[c.name]
		if len(theirs) == 0 {
			t.Fatalf("%s not found in %s", c.name, path)
		}
		for k := range theirs {
			if !c.ours[k] {
				t.Errorf("%s has %q, missing here", c.name, k)
			}
		}
		for k := range c.ours {
			if !theirs[k] {
				t.Errorf("%q is not in go/build's %s", k, c.name)
			}
		}
	}
}

var fileNameRE = regexp.MustCompile(`^[a-z0-9_]*$`)
