package infer

import (
	"fmt"
	"testing"
)

// The benchmarks below are the hostile shapes of security issue 12: one
// sample with very many members, and very many samples of one place, each
// with a member of its own. Both must stay linear (make bench prints the
// whole CLI on the same shapes).

// BenchmarkSampleWide reads one object of 400,000 distinct members and
// normalises it.
func BenchmarkSampleWide(b *testing.B) {
	for _, n := range []int{100_000, 400_000} {
		body := wideObject(n, "1")
		b.Run(fmt.Sprintf("members=%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			for b.Loop() {
				t, err := Sample(body)
				if err != nil {
					b.Fatal(err)
				}
				Normalize(t, nil)
			}
		})
	}
}

// BenchmarkMergeSamples merges 100,000 samples, each with a member no
// other has, as the generator does for the saved examples of a request;
// past MaxFields members the merged object is a map.
func BenchmarkMergeSamples(b *testing.B) {
	for _, n := range []int{25_000, 100_000} {
		samples := make([]string, n)
		size := 0
		for i := range samples {
			samples[i] = fmt.Sprintf(`{"id":%d,"tags":["a"],"owner":{"id":1},"note%d":true}`, i, i)
			size += len(samples[i])
		}
		b.Run(fmt.Sprintf("samples=%d", n), func(b *testing.B) {
			b.SetBytes(int64(size))
			b.ReportAllocs()
			for b.Loop() {
				if t, used := Infer(samples, nil); used != n || t.Kind != Map {
					b.Fatalf("used %d, kind %v with %d fields; want a map", used, t.Kind, len(t.Fields))
				}
			}
		})
	}
}

// BenchmarkKeysWide keys an object of 400,000 members, as the type table
// does to find identical shapes.
func BenchmarkKeysWide(b *testing.B) {
	t, err := Sample(wideObject(400_000, `{"a":1}`))
	if err != nil {
		b.Fatal(err)
	}
	Normalize(t, nil)
	b.ReportAllocs()
	for b.Loop() {
		var k Keys
		k.Of(t)
	}
}
