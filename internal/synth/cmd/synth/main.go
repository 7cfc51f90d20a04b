// Command synth writes a synthetic Postman collection to standard output,
// for benchmarks (see internal/synth): -n requests of typical shape, or,
// with -shape, one hostile request sized by -n (wide: one example body
// with n members; examples: n saved examples; description: n bytes of
// Markdown descriptions; deep: an example body nesting n objects).
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/postgen/postgen/internal/synth"
)

func main() {
	n := flag.Int("n", 1000, "number of requests, or the size of -shape")
	shape := flag.String("shape", "", "a hostile shape: wide, examples, description or deep")
	flag.Parse()
	if *n < 1 {
		fmt.Fprintln(os.Stderr, "synth: -n must be at least 1")
		os.Exit(2)
	}
	var data []byte
	switch *shape {
	case "":
		data = synth.Collection(*n)
	case "wide":
		data = synth.WideObject(*n)
	case "examples":
		data = synth.ManyExamples(*n)
	case "description":
		data = synth.LongDescription(*n)
	case "deep":
		data = synth.DeepObject(*n)
	default:
		fmt.Fprintf(os.Stderr, "synth: unknown -shape %q (use wide, examples, description or deep)\n", *shape)
		os.Exit(2)
	}
	os.Stdout.Write(data)
}
