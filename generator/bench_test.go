package generator

import (
	"testing"

	"github.com/postgen/postgen/internal/synth"
	pgparser "github.com/postgen/postgen/parser"
)

// The stage benchmarks (make bench) time each step of the pipeline on the
// synthetic collection of 1,000 requests: parse, plan (every name, type
// and operation), emit (render every file), and the whole of Generate.

func synthModel(b *testing.B, n int) *pgparser.Result {
	b.Helper()
	res, err := pgparser.Parse(synth.Collection(n))
	if err != nil {
		b.Fatal(err)
	}
	return res
}

func BenchmarkParse1k(b *testing.B) {
	data := synth.Collection(1000)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := pgparser.Parse(data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkPlan1k(b *testing.B) {
	res := synthModel(b, 1000)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := newPlan(res.Collection, Config{Package: "synth"}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEmit1k(b *testing.B) {
	res := synthModel(b, 1000)
	p, err := newPlan(res.Collection, Config{Package: "synth"})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := p.emit(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkGenerate1k(b *testing.B) {
	res := synthModel(b, 1000)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Generate(res.Collection, Config{Package: "synth"}); err != nil {
			b.Fatal(err)
		}
	}
}
