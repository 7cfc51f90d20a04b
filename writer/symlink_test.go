package writer

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Skipf("symlinks unavailable: %v", err)
	}
}

func TestWriteRefusesSymlinksInside(t *testing.T) {
	for _, c := range []struct {
		name string
		link string // inside dir, pointing at outside/<link>
		want string // in the error
	}{
		{"generated file", "bookings.go", "bookings.go is a symlink"},
		{"new generated file", "contacts.go", "contacts.go is a symlink"},
		{"subdirectory", "extra", "extra is a symlink"},
		{"kept subdirectory", "mocks", "mocks is a symlink"},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := oldSDK(t)
			outside := t.TempDir()
			target := filepath.Join(outside, c.link)
			os.RemoveAll(filepath.Join(dir, c.link))
			if filepath.Ext(c.link) == ".go" {
				putFiles(t, outside, map[string]string{c.link: string(gen("victim", ""))})
			} else {
				putFiles(t, outside, map[string]string{c.link + "/a.go": string(gen("victim", "")), c.link + "/x.go": string(gen("victim", ""))})
			}
			symlink(t, target, filepath.Join(dir, c.link))
			wantRefused(t, dir, outside, c.want)
			if _, err := Check(dir, sdkV2()); err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("Check error %v, want one containing %q", err, c.want)
			}
		})
	}
}

// A symlink that is not where a generated file goes is the user's: it is
// neither followed nor removed, even when its target looks generated.
func TestWriteIgnoresOtherSymlinks(t *testing.T) {
	dir := oldSDK(t)
	outside := t.TempDir()
	putFiles(t, outside, map[string]string{"gen.go": string(gen("victim", "")), "pkg/gen.go": string(gen("victim", ""))})
	symlink(t, filepath.Join(outside, "gen.go"), filepath.Join(dir, "linked.go"))
	symlink(t, filepath.Join(outside, "pkg"), filepath.Join(dir, "linkedpkg"))
	beforeOut := snapshot(t, outside)
	if _, err := Write(dir, sdkV2()); err != nil {
		t.Fatal(err)
	}
	want := wantAfterV2()
	want["linked.go"] = "-> " + filepath.Join(outside, "gen.go")
	want["linkedpkg"] = "-> " + filepath.Join(outside, "pkg")
	if d := diffSnapshots(filesOnly(snapshot(t, dir)), want); d != "" {
		t.Errorf("tree:\n%s", d)
	}
	if d := diffSnapshots(snapshot(t, outside), beforeOut); d != "" {
		t.Errorf("Write changed files outside the output directory:\n%s", d)
	}
}

func TestWriteDirIsSymlink(t *testing.T) {
	real := oldSDK(t)
	link := filepath.Join(t.TempDir(), "sdk")
	symlink(t, real, link)
	if _, err := Write(link, sdkV2()); err != nil {
		t.Fatal(err)
	}
	if d := diffSnapshots(filesOnly(snapshot(t, real)), wantAfterV2()); d != "" {
		t.Errorf("target tree:\n%s", d)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the symlink itself was replaced (%v, %v)", fi, err)
	}
	if d, err := Check(link, sdkV2()); err != nil || !d.Clean() {
		t.Errorf("Check through the symlink: %v, %+v", err, d)
	}

	dangling := filepath.Join(t.TempDir(), "dangling")
	symlink(t, filepath.Join(t.TempDir(), "missing"), dangling)
	if _, err := Write(dangling, sdkV2()); err == nil || !strings.Contains(err.Error(), "cannot be resolved") {
		t.Errorf("dangling symlink: error %v", err)
	}
}
