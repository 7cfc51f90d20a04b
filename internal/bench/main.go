// Command bench measures postgen and prints one table (make bench): the
// pipeline stages as Go benchmarks, the whole CLI as a process on
// synthetic collections of 100, 1,000 and 10,000 requests and on the two
// largest real collections (wall time and peak RSS via /usr/bin/time -v),
// generated lines per request, go build time and RSS of each SDK (cold
// cache for the SDK, the standard library built once beforehand, since
// building it is the same for every SDK), and the client overhead of a
// generated method against hand-written net/http code. A last table
// runs the hostile collections of security issue 12 (one example of
// 400,000 members, 100,000 examples, 40 MB of descriptions, 9,000 nested
// objects): their inference and description benchmarks, and generate's
// wall time and peak RSS against the input's size.
//
// With -peers it runs the same synthetic collections through the pipeline
// a Go user would pick today, postman-to-openapi then oapi-codegen (both
// pinned, installed into .tools), and prints the ratios (make bench-peers).
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/postgen/postgen/internal/sdkmodule"
	"github.com/postgen/postgen/internal/synth"
)

var (
	peers   = flag.Bool("peers", false, "compare with postman-to-openapi + oapi-codegen")
	runs    = flag.Int("runs", 3, "CLI runs per input (the fastest is reported)")
	sizes   = flag.String("sizes", "100,1000,10000", "synthetic collection sizes")
	corpus  = flag.String("corpus", "../shared/collections", "real collections")
	toolDir = flag.String("tools", ".tools", "where peers are installed")
)

// input is one collection to measure.
type input struct {
	name     string
	path     string
	requests int
}

// row is one line of the CLI table.
type row struct {
	input      input
	wall       time.Duration
	rssMB      float64
	lines      int
	sdkLines   int
	buildWall  time.Duration
	buildRSSMB float64
}

func main() {
	flag.Parse()
	work, err := os.MkdirTemp("", "postgen-bench-")
	check(err)
	defer os.RemoveAll(work)
	postgen := filepath.Join(work, "postgen")
	run("go", "build", "-o", postgen, ".")

	var inputs []input
	for _, s := range strings.Split(*sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		check(err)
		path := filepath.Join(work, fmt.Sprintf("synth-%d.json", n))
		check(os.WriteFile(path, synth.Collection(n), 0o644))
		inputs = append(inputs, input{fmt.Sprintf("synthetic %d", n), path, n})
	}
	for _, c := range []struct {
		name string
		n    int
	}{{"commercetools-api", 1997}, {"github-v3-rest", 623}} {
		path := filepath.Join(*corpus, c.name+".postman_collection.json")
		if _, err := os.Stat(path); err == nil {
			inputs = append(inputs, input{c.name, path, c.n})
		}
	}

	fmt.Println("## Pipeline stages (synthetic 1,000 requests, go test -bench)")
	fmt.Println()
	stageTable()

	cache := warmCache(work)
	fmt.Println()
	fmt.Println("## Whole CLI and the generated SDK")
	fmt.Println()
	fmt.Println("| input | requests | generate wall | generate peak RSS | lines | lines/request | SDK lines/request (no examples, no mock) | go build wall | go build peak RSS |")
	fmt.Println("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
	var rows []row
	for _, in := range inputs {
		r := measure(work, postgen, cache, in)
		rows = append(rows, r)
		fmt.Printf("| %s | %d | %s | %.0f MB | %d | %.1f | %.1f | %s | %.0f MB |\n", in.name, in.requests, ms(r.wall), r.rssMB, r.lines,
			float64(r.lines)/float64(in.requests), float64(r.sdkLines)/float64(in.requests), secs(r.buildWall), r.buildRSSMB)
	}
	if a, b := find(rows, 1000), find(rows, 10000); a != nil && b != nil {
		fmt.Printf("\nGeneration time 10k/1k: %.1f (linear is 10).\n", float64(b.wall)/float64(a.wall))
	}

	fmt.Println()
	hostileTable(work, postgen)

	fmt.Println()
	fmt.Println("## Client overhead (golden/bookings: generated method vs hand-written net/http, same request and JSON type)")
	fmt.Println()
	overhead()

	if *peers {
		fmt.Println()
		peerTable(work, cache, rows)
	}
}

// stageTable runs the stage benchmarks and prints their figures.
func stageTable() {
	out := run("go", "test", "-run", "^$", "-bench", "^Benchmark(Parse1k|Plan1k|Emit1k|Generate1k)$", "-benchmem", "-count", "1", "./generator")
	out += run("go", "test", "-run", "^$", "-bench", "^BenchmarkWriteFresh$", "-benchmem", "-count", "1", "./writer")
	fmt.Println("| stage | ns/op | B/op | allocs/op |")
	fmt.Println("|---|---:|---:|---:|")
	re := regexp.MustCompile(`^Benchmark(\w+)-\d+\s+\d+\s+(\d+) ns/op.*?\s(\d+) B/op\s+(\d+) allocs/op`)
	for _, line := range strings.Split(out, "\n") {
		if m := re.FindStringSubmatch(line); m != nil {
			fmt.Printf("| %s | %s | %s | %s |\n", m[1], m[2], m[3], m[4])
		}
	}
}

// hostile are the collections of security issue 12, each pushing one
// dimension far past real collections: generation must stay linear,
// under 5 s and 20 times the input in peak RSS.
var hostile = []struct {
	name string
	data func() []byte
}{
	{"one example of 400,000 members", func() []byte { return synth.WideObject(400_000) }},
	{"100,000 examples on one request", func() []byte { return synth.ManyExamples(100_000) }},
	{"40 MB of Markdown descriptions", func() []byte { return synth.LongDescription(40_000_000) }},
	{"an example nesting 9,000 objects", func() []byte { return synth.DeepObject(9_000) }},
	{"100,000 requests in one folder", func() []byte { return synth.OneFolder(100_000) }},
}

// hostileTable runs the inference and description benchmarks of the
// hostile shapes, then postgen generate on each (wall and peak RSS, the
// fastest of the runs), without building the SDKs.
func hostileTable(work, postgen string) {
	fmt.Println("## Hostile collections (security issue 12: each under 5 s and 20x its size in RSS)")
	fmt.Println()
	out := run("go", "test", "-run", "^$", "-bench", "^Benchmark(SampleWide|MergeSamples|KeysWide)$", "-benchmem", "-count", "1", "./generator/infer")
	out += run("go", "test", "-run", "^$", "-bench", "^BenchmarkLong(Markdown|Synopsis)$", "-benchmem", "-count", "1", "./generator/godoc")
	fmt.Println("| benchmark | ns/op | B/op | allocs/op | peak heap |")
	fmt.Println("|---|---:|---:|---:|---:|")
	re := regexp.MustCompile(`^Benchmark(\S+?)-\d+\s+\d+\s+(\d+) ns/op.*?(?:\s([\d.]+) peak-heap-MB)?\s+(\d+) B/op\s+(\d+) allocs/op`)
	for _, line := range strings.Split(out, "\n") {
		if m := re.FindStringSubmatch(line); m != nil {
			peak := ""
			if m[3] != "" {
				peak = m[3] + " MB"
			}
			fmt.Printf("| %s | %s | %s | %s | %s |\n", m[1], m[2], m[4], m[5], peak)
		}
	}
	fmt.Println()
	fmt.Println("| input | size | generate wall | generate peak RSS | RSS / size |")
	fmt.Println("|---|---:|---:|---:|---:|")
	for i, h := range hostile {
		data := h.data()
		path := filepath.Join(work, fmt.Sprintf("hostile-%d.json", i))
		check(os.WriteFile(path, data, 0o644))
		dir := filepath.Join(work, fmt.Sprintf("hostile-%d", i))
		var wall time.Duration
		var rss float64
		for r := 0; r < *runs; r++ {
			os.RemoveAll(dir)
			w, m := timed("", nil, postgen, "generate", "-o", dir, "-p", "sdk", path)
			if r == 0 || w < wall {
				wall = w
			}
			rss = max(rss, m)
		}
		os.RemoveAll(dir)
		sizeMB := float64(len(data)) / (1 << 20)
		fmt.Printf("| %s | %.1f MB | %s | %.0f MB | %.1f |\n", h.name, sizeMB, ms(wall), rss, rss/sizeMB)
	}
	fmt.Println("\nThe nesting is bounded by depth, not size: its ratio is that of a process that takes some 25 MB before reading anything.")
}

// warmCache builds the runtime and the standard library packages SDKs
// import once, into a cache each SDK build then starts from.
func warmCache(work string) string {
	cache := filepath.Join(work, "gocache")
	dir := filepath.Join(work, "warm")
	check(os.MkdirAll(dir, 0o755))
	// The runtime too: SDKs import it, and its build is shared by all.
	check(sdkmodule.Write(dir, ".", "warm"))
	imports := []string{"\t_ \"github.com/postgen/postgen/sdk\"", "\t_ \"github.com/postgen/postgen/sdk/sdkmock\""}
	for _, p := range []string{"bytes", "context", "crypto/hmac", "crypto/md5", "crypto/rand", "crypto/rsa", "crypto/sha1", "crypto/sha256",
		"crypto/x509", "encoding/base64", "encoding/json", "encoding/pem", "errors", "fmt", "io", "log/slog", "math", "mime/multipart",
		"net/http", "net/http/httptest", "net/url", "reflect", "sort", "strconv", "strings", "sync", "testing", "time", "unicode/utf8"} {
		imports = append(imports, "\t_ "+strconv.Quote(p))
	}
	check(os.WriteFile(filepath.Join(dir, "main.go"), []byte("package main\n\nimport (\n"+strings.Join(imports, "\n")+"\n)\n\nfunc main() {}\n"), 0o644))
	cmd := exec.Command("go", "build", "-o", os.DevNull, ".")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOCACHE="+cache, "GOFLAGS=-mod=mod")
	if out, err := cmd.CombinedOutput(); err != nil {
		fail("warming the build cache: %v\n%s", err, out)
	}
	return cache
}

// measure generates in's SDK runs times, then builds it once.
func measure(work, postgen, cache string, in input) row {
	r := row{input: in}
	mod := filepath.Join(work, "mod-"+strings.ReplaceAll(in.name, " ", "-"))
	check(sdkmodule.Write(mod, ".", "example.com/bench"))
	out := filepath.Join(mod, "sdk")
	for i := 0; i < *runs; i++ {
		os.RemoveAll(out)
		wall, rss := timed("", nil, postgen, "generate", "-o", out, "-p", "sdk", in.path)
		if i == 0 || wall < r.wall {
			r.wall = wall
		}
		r.rssMB = max(r.rssMB, rss)
	}
	r.lines, r.sdkLines = countLines(out)
	buildCache := filepath.Join(work, "gocache-"+filepath.Base(mod))
	run("cp", "-r", cache, buildCache)
	r.buildWall, r.buildRSSMB = timed(mod, []string{"GOCACHE=" + buildCache, "GOFLAGS=-mod=mod"}, "go", "build", "-o", os.DevNull, "./sdk")
	os.RemoveAll(buildCache)
	return r
}

// countLines counts the lines of every .go file under dir, and of those
// that are the SDK proper (not example_test.go, not the mock package).
func countLines(dir string) (all, sdk int) {
	filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") {
			return err
		}
		data, err := os.ReadFile(path)
		check(err)
		n := bytes.Count(data, []byte("\n"))
		all += n
		if filepath.Dir(path) == dir && !strings.HasSuffix(path, "_test.go") {
			sdk += n
		}
		return nil
	})
	return all, sdk
}

// timed runs a command under /usr/bin/time -v and returns its wall time
// and peak RSS in MB.
func timed(dir string, env []string, name string, args ...string) (time.Duration, float64) {
	cmd := exec.Command("/usr/bin/time", append([]string{"-v", name}, args...)...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	start := time.Now()
	if err := cmd.Run(); err != nil {
		fail("%s %s: %v\n%s", name, strings.Join(args, " "), err, stderr.String())
	}
	wall := time.Since(start)
	var rssKB float64
	sc := bufio.NewScanner(&stderr)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(strings.TrimSpace(sc.Text()), "Maximum resident set size (kbytes): "); ok {
			rssKB, _ = strconv.ParseFloat(v, 64)
		}
	}
	return wall, rssKB / 1024
}

// overhead runs the client overhead benchmarks, alternating the two so
// that drift in the machine's load hits both alike, and prints medians.
func overhead() {
	var out string
	for i := 0; i < 5; i++ {
		for _, b := range []string{"Generated", "HandWritten"} {
			out += run("go", "test", "-run", "^$", "-bench", "^BenchmarkOverhead"+b+"$", "-benchmem", "-benchtime", "2s", "./golden/bookings")
		}
	}
	re := regexp.MustCompile(`^BenchmarkOverhead(\w+)-\d+\s+\d+\s+(\d+) ns/op\s+(\d+) B/op\s+(\d+) allocs/op`)
	ns := map[string][]float64{}
	allocs := map[string]float64{}
	for _, line := range strings.Split(out, "\n") {
		if m := re.FindStringSubmatch(line); m != nil {
			v, _ := strconv.ParseFloat(m[2], 64)
			ns[m[1]] = append(ns[m[1]], v)
			allocs[m[1]], _ = strconv.ParseFloat(m[4], 64)
		}
	}
	g, h := median(ns["Generated"]), median(ns["HandWritten"])
	fmt.Println("| client | ns/op (median of 5) | allocs/op |")
	fmt.Println("|---|---:|---:|")
	fmt.Printf("| generated method | %.0f | %.0f |\n| hand-written net/http | %.0f | %.0f |\n", g, allocs["Generated"], h, allocs["HandWritten"])
	fmt.Printf("\nRatio %.3f×, %+.0f allocs/op.\n", g/h, allocs["Generated"]-allocs["HandWritten"])
}

// peerTable runs postman-to-openapi + oapi-codegen on the synthetic inputs.
func peerTable(work, cache string, rows []row) {
	p2o := filepath.Join(*toolDir, "p2o", "node_modules", ".bin", "p2o")
	oapi := filepath.Join(*toolDir, "bin", "oapi-codegen")
	for _, tool := range []string{p2o, oapi} {
		if _, err := os.Stat(tool); err != nil {
			fail("%s is not installed: run make bench-peers", tool)
		}
	}
	fmt.Println("## Peers: postman-to-openapi + oapi-codegen (types + client) on the same collections")
	fmt.Println()
	fmt.Println("| input | generate wall | lines | lines/request | go build wall | go build RSS | postgen/peer generate | lines | build time | build RSS |")
	fmt.Println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
	for _, r := range rows {
		if !strings.HasPrefix(r.input.name, "synthetic") {
			continue
		}
		mod := filepath.Join(work, "peer-"+strconv.Itoa(r.input.requests))
		check(os.MkdirAll(filepath.Join(mod, "api"), 0o755))
		spec := filepath.Join(mod, "openapi.yaml")
		w1, _ := timed("", nil, p2o, r.input.path, "-f", spec)
		w2, _ := timed("", nil, oapi, "-generate", "types,client", "-package", "api", "-o", filepath.Join(mod, "api", "api.go"), spec)
		data, err := os.ReadFile(filepath.Join(mod, "api", "api.go"))
		check(err)
		lines := bytes.Count(data, []byte("\n"))
		check(os.WriteFile(filepath.Join(mod, "go.mod"), []byte("module example.com/peer\n\ngo 1.22\n"), 0o644))
		tidy := exec.Command("go", "mod", "tidy")
		tidy.Dir = mod
		if out, err := tidy.CombinedOutput(); err != nil {
			fail("go mod tidy for the peer SDK: %v\n%s", err, out)
		}
		buildCache := filepath.Join(work, "gocache-peer")
		run("cp", "-r", cache, buildCache)
		bw, brss := timed(mod, []string{"GOCACHE=" + buildCache}, "go", "build", "-o", os.DevNull, "./api")
		os.RemoveAll(buildCache)
		gen := w1 + w2
		fmt.Printf("| %s | %s | %d | %.1f | %s | %.0f MB | %.2f | %.2f | %.2f | %.2f |\n", r.input.name, ms(gen), lines, float64(lines)/float64(r.input.requests),
			secs(bw), brss, float64(r.wall)/float64(gen), float64(r.lines)/float64(lines), float64(r.buildWall)/float64(bw), r.buildRSSMB/brss)
	}
}

func find(rows []row, n int) *row {
	for i := range rows {
		if rows[i].input.name == fmt.Sprintf("synthetic %d", n) {
			return &rows[i]
		}
	}
	return nil
}

func median(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	sort.Float64s(v)
	return v[len(v)/2]
}

func ms(d time.Duration) string   { return fmt.Sprintf("%d ms", d.Milliseconds()) }
func secs(d time.Duration) string { return fmt.Sprintf("%.1f s", d.Seconds()) }

// run runs a command in the repository and returns its output.
func run(name string, args ...string) string {
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		fail("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return string(out)
}

func check(err error) {
	if err != nil {
		fail("%v", err)
	}
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "bench: "+format+"\n", args...)
	os.Exit(1)
}
