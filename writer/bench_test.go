package writer

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

// benchFiles is an SDK of 200 files of about 20 KB each.
func benchFiles(version string) []File {
	body := strings.Repeat("// "+strings.Repeat("x", 60)+"\n", 20<<10/64)
	files := make([]File, 200)
	for i := range files {
		files[i] = File{fmt.Sprintf("file%03d.go", i), gen("neon", version+body)}
	}
	return files
}

func BenchmarkWriteFresh(b *testing.B) {
	files := benchFiles("")
	parent := b.TempDir()
	b.SetBytes(int64(len(files) * len(files[0].Data)))
	for i := 0; b.Loop(); i++ {
		if _, err := Write(fmt.Sprintf("%s/%d", parent, i), files); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkWriteUnchanged(b *testing.B) {
	files := benchFiles("")
	dir := b.TempDir()
	if _, err := Write(dir, files); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(files) * len(files[0].Data)))
	for b.Loop() {
		if _, err := Write(dir, files); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkWriteAllChanged(b *testing.B) {
	versions := [][]File{benchFiles("// v1\n"), benchFiles("// v2\n")}
	dir := b.TempDir()
	b.SetBytes(int64(len(versions[0]) * len(versions[0][0].Data)))
	for i := 0; b.Loop(); i++ {
		if _, err := Write(dir, versions[i%2]); err != nil {
			b.Fatal(err)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 200 {
		b.Fatalf("%d entries", len(entries))
	}
}

func BenchmarkCheckOneChange(b *testing.B) {
	files := benchFiles("")
	dir := b.TempDir()
	if _, err := Write(dir, files); err != nil {
		b.Fatal(err)
	}
	files[100].Data = append([]byte(nil), files[100].Data...)
	files[100].Data[len(files[100].Data)-5] = 'y'
	for b.Loop() {
		d, err := Check(dir, files)
		if err != nil || len(d.Changed) != 1 {
			b.Fatal(err, d)
		}
	}
}
