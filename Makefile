# postgen's tasks. `make test` is what CI runs (.ci/run); everything it needs
# is installed by the targets themselves.

GO ?= go
BIN := bin/postgen

.PHONY: all build test golden lint demo clean

all: build

## build: compile the postgen binary into bin/
build:
	$(GO) build -o $(BIN) .

## test: everything: formatting, vet, unit, golden, behaviour and corpus tests
test: lint
	$(GO) test ./...

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
