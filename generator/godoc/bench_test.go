package godoc

import (
	"fmt"
	"runtime/metrics"
	"sync"
	"testing"
	"time"
)

// BenchmarkLongMarkdown converts long Markdown, with and without link
// reference definitions, as a hostile collection's description (security
// issue 12): 1 MB (maxMarkdown) is all read as Markdown, in windows; of
// 20 MB the rest is plain text. peak-heap-MB is the most heap in use
// seen while it ran, the source and garbage not yet collected included:
// one goldmark tree of 20 MB took 1.7 GB.
func BenchmarkLongMarkdown(b *testing.B) {
	for _, size := range []int{maxMarkdown, 20 << 20} {
		for _, refs := range []bool{false, true} {
			src := longMarkdown(size, refs)
			b.Run(fmt.Sprintf("MB=%d/definitions=%v", size>>20, refs), func(b *testing.B) {
				b.SetBytes(int64(len(src)))
				b.ReportAllocs()
				peak := watchHeap()
				for b.Loop() {
					if len(Markdown(src)) == 0 {
						b.Fatal("no lines")
					}
				}
				b.ReportMetric(float64(peak())/1e6, "peak-heap-MB")
			})
		}
	}
}

// BenchmarkLongSynopsis takes the first sentence of 20 MB of Markdown:
// it reads only the first window (and the definitions).
func BenchmarkLongSynopsis(b *testing.B) {
	src := longMarkdown(20<<20, true)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if Synopsis(src, "") == "" {
			b.Fatal("no synopsis")
		}
	}
}

// watchHeap samples the live heap until the returned function is called,
// which returns the most seen (the source, held by the caller, included).
func watchHeap() func() uint64 {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	var mu sync.Mutex
	var most uint64
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			metrics.Read(sample)
			mu.Lock()
			most = max(most, sample[0].Value.Uint64())
			mu.Unlock()
			select {
			case <-stop:
				return
			case <-time.After(5 * time.Millisecond):
			}
		}
	}()
	return func() uint64 {
		close(stop)
		<-done
		return most
	}
}
