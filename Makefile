# postgen's tasks. `make test` is what CI runs (.ci/run); everything it needs
# is installed by the targets themselves.

GO ?= go
BIN := bin/postgen

.PHONY: all build test golden lint demo clean fuzz fuzz-smoke

all: build

## build: compile the postgen binary into bin/
build:
	$(GO) build -o $(BIN) .

## test: everything: formatting, vet, unit, golden, behaviour and corpus tests,
## then a short run of every fuzz target
test: lint
	$(GO) test ./...
	$(MAKE) fuzz-smoke

# Fuzz targets as package:Target. Each gets FUZZTIME (a go test -fuzztime
# value: 10m, 30s, 5000x); crashes are written to <package>/testdata/fuzz,
# where they stay as regression tests once committed.
FUZZ_TARGETS := ./parser:FuzzParse ./generator/names:FuzzNames ./generator/infer:FuzzSample ./generator:FuzzPipeline
FUZZTIME ?= 10m

## fuzz: run every fuzz target for FUZZTIME each (default 10m), one after the other
fuzz:
	@set -e; for t in $(FUZZ_TARGETS); do \
		pkg=$${t%%:*}; name=$${t##*:}; \
		echo "fuzz: $$name in $$pkg for $(FUZZTIME)"; \
		$(GO) test $$pkg -run='^$$' -fuzz="^$$name\$$" -fuzztime=$(FUZZTIME) -timeout=0; \
	done

## fuzz-smoke: every fuzz target for a few seconds, as CI does
fuzz-smoke:
	$(MAKE) fuzz FUZZTIME=15s

## golden: regenerate golden/ from testdata/ (review the diff before committing)
golden:
	$(GO) test ./... -update

## lint: gofmt, go vet, and a tidy go.mod
lint:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt needed:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet ./...
	$(GO) mod tidy -diff

## demo: generate the demo SDK (bookings) into _demo/ and build it
demo: build
	./$(BIN) generate -o _demo/bookings -p bookings testdata/bookings/collection.json
	$(GO) build ./_demo/bookings
	@echo "demo SDK: _demo/bookings (go doc ./_demo/bookings)"

clean:
	rm -rf bin _demo
