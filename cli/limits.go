package cli

import (
	"fmt"

	"github.com/postgen/postgen/model"
)

// Limits that keep postgen from exhausting memory on hostile or absurd
// input. Generating costs about 25 KB of memory per request whatever the
// input looks like (measured: 100,000 one-line requests, 8.5 MB of JSON,
// peak 2.7 GB; 100,000 realistic requests, 152 MB, peak 2.4 GB), and
// parsing about 4 to 12 bytes per input byte. The largest public
// collections are about 4 MiB and 2,000 requests.
const (
	// maxInput caps the bytes read: a bigger file is refused before it
	// is read, stdin is read through a LimitReader.
	maxInput = 128 << 20
	// maxRequests caps the requests generated (~5 GB peak at the cap).
	maxRequests = 200_000
)

// tooLarge is the error for an input over maxInput.
func tooLarge(display string) error {
	return &model.CodedError{Code: model.CodeInputTooLarge, Err: tooLargeErr(display)}
}

func tooLargeErr(display string) error {
	return fmt.Errorf("%s is larger than %d MiB, the most postgen reads (the largest public collections are about 4 MiB); if it really is one collection, split it into several (one per top-level folder)", display, maxInput>>20)
}

// checkRequestCount refuses a collection with more than maxRequests
// requests, before the generator spends memory on them.
func checkRequestCount(display string, c *model.Collection) error {
	n := countRequests(c.Requests, c.Folders)
	if n <= maxRequests {
		return nil
	}
	return fmt.Errorf("%s has %d requests; postgen generates at most %d in one SDK (each takes about 25 KB of memory while it is generated): split the collection into several (one per top-level folder)", display, n, maxRequests)
}

func countRequests(reqs []*model.Request, folders []*model.Folder) int {
	n := len(reqs)
	for _, f := range folders {
		n += countRequests(f.Requests, f.Folders)
	}
	return n
}
