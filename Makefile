# postgen's tasks. `make test` is what CI runs (.ci/run); everything it needs
# is installed by the targets themselves.

GO ?= go
BIN := bin/postgen

# newman and its whole dependency tree, pinned by the committed lock file,
# installed from the npm registry into .tools/newman (gitignored).
NEWMAN_DIR := .tools/newman
NEWMAN := $(NEWMAN_DIR)/node_modules/newman/package.json
NEWMAN_PIN := internal/conformance/newman

.PHONY: all build test golden lint demo clean fuzz fuzz-smoke conformance conformance-baseline bench bench-peers bench-tools

all: build

## build: compile the postgen binary into bin/
build:
	$(GO) build -o $(BIN) .

## test: everything: formatting, vet, unit, golden, behaviour and corpus tests,
## then a short run of every fuzz target (make lint has run go vet's full
## set of checks on every package, so go test does not run its subset again)
test: lint
	$(GO) test -vet=off ./...
	$(MAKE) fuzz-smoke

# Fuzz targets as package:Target. Each gets FUZZTIME (a go test -fuzztime
# value: 10m, 30s, 5000x); crashes are written to <package>/testdata/fuzz,
# where they stay as regression tests once committed.
FUZZ_TARGETS := ./parser:FuzzParse ./generator/names:FuzzNames ./generator/infer:FuzzSample ./generator:FuzzPipeline ./internal/termtext:FuzzEscape ./internal/scriptscan:FuzzScan
FUZZTIME ?= 10m

## fuzz: run every fuzz target for FUZZTIME each (default 10m), one after the other
fuzz:
	@set -e; for t in $(FUZZ_TARGETS); do \
		pkg=$${t%%:*}; name=$${t##*:}; \
		echo "fuzz: $$name in $$pkg for $(FUZZTIME)"; \
		$(GO) test $$pkg -run='^$$' -fuzz="^$$name\$$" -fuzztime=$(FUZZTIME) -timeout=0; \
	done

## fuzz-smoke: every fuzz target at once for SMOKETIME (the slow ones of SMOKE_LONG
## for SMOKELONGTIME), as CI does; each must fuzz (execs > 0 after its baseline),
## see .ci/fuzz-smoke
SMOKETIME ?= 10s
SMOKELONGTIME ?= 20s
SMOKE_LONG := FuzzPipeline
fuzz-smoke:
	GO=$(GO) LONG="$(SMOKE_LONG)" LONGTIME=$(SMOKELONGTIME) bash .ci/fuzz-smoke $(SMOKETIME) $(FUZZ_TARGETS)

## golden: regenerate golden/ from testdata/ (review the diff before committing)
golden:
	$(GO) test ./... -update

## lint: gofmt, go vet, and a tidy go.mod
lint:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt needed:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet ./...
	$(GO) mod tidy -diff

## conformance: send every request of testdata/ and ../shared/collections through newman
## (Postman's runtime) and through the generated SDK, compare them request by request, and
## fail if a collection's equal count drops below internal/conformance/baseline.txt
conformance: $(NEWMAN)
	$(GO) run ./internal/conformance/cmd/conformance -newman $(NEWMAN_DIR)

## conformance-baseline: rewrite the baseline from a run (after fidelity improved)
conformance-baseline: $(NEWMAN)
	$(GO) run ./internal/conformance/cmd/conformance -newman $(NEWMAN_DIR) -update-baseline

# newman is installed the first time, and again when the pin changes.
$(NEWMAN): $(NEWMAN_PIN)/package.json $(NEWMAN_PIN)/package-lock.json
	@command -v npm >/dev/null || { echo "make conformance needs node and npm"; exit 1; }
	mkdir -p $(NEWMAN_DIR)
	cp $(NEWMAN_PIN)/package.json $(NEWMAN_PIN)/package-lock.json $(NEWMAN_DIR)/
	cd $(NEWMAN_DIR) && npm ci --no-audit --no-fund --loglevel=error
	touch $@

## demo: generate the demo SDK (bookings) into _demo/ and build it
demo: build
	./$(BIN) generate -o _demo/bookings -p bookings testdata/bookings/collection.json
	$(GO) build ./_demo/bookings
	@echo "demo SDK: _demo/bookings (go doc ./_demo/bookings)"

clean:
	rm -rf bin _demo

## bench: one table of figures: pipeline stages, the CLI at 100/1k/10k requests and on the
## two largest real collections (wall, peak RSS), lines per request, go build of each SDK,
## and the client overhead of a generated method (not run by CI)
bench: bench-tools
	$(GO) run ./internal/bench

## bench-peers: the same synthetic collections through postman-to-openapi + oapi-codegen
## (pinned, installed into .tools), side by side with postgen (optional, not run by CI)
bench-peers: bench-tools
	@test -x .tools/p2o/node_modules/.bin/p2o || npm install --prefix .tools/p2o --no-audit --no-fund postman-to-openapi@3.0.1
	@test -x .tools/bin/oapi-codegen || GOBIN=$(abspath .tools/bin) $(GO) install github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen@v2.5.1
	$(GO) run ./internal/bench -peers -sizes 100,1000,10000

# bench-tools: /usr/bin/time reports peak RSS; Debian's package "time" has it.
bench-tools:
	@test -x /usr/bin/time || (apt-get install -y time >/dev/null 2>&1 || sudo apt-get install -y time)
