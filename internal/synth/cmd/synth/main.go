// Command synth writes a synthetic Postman collection of -n requests to
// standard output, for benchmarks (see internal/synth).
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/postgen/postgen/internal/synth"
)

func main() {
	n := flag.Int("n", 1000, "number of requests")
	flag.Parse()
	if *n < 1 {
		fmt.Fprintln(os.Stderr, "synth: -n must be at least 1")
		os.Exit(2)
	}
	os.Stdout.Write(synth.Collection(*n))
}
