package cli

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"golang.org/x/term"

	"github.com/postgen/postgen/internal/termtext"
)

// A progress line on stderr for long runs (a large collection, a slow
// download): it appears only when stderr is a terminal and the run has
// taken progressDelay, redraws itself in place, and is erased before
// anything else is printed, so logs and pipes never see it.

var (
	// isTerminal reports whether w is an interactive terminal; tests
	// replace it.
	isTerminal = func(w io.Writer) bool {
		f, ok := w.(*os.File)
		return ok && term.IsTerminal(int(f.Fd()))
	}
	progressDelay = time.Second
	progressTick  = 100 * time.Millisecond
)

// progress is the indicator of one run; the zero of *progress (nil) does
// nothing, so callers need no checks.
type progress struct {
	w     io.Writer
	start time.Time
	stop  chan struct{}
	done  chan struct{}

	mu    sync.Mutex
	stage string
}

// startProgress starts the indicator on w if w is a terminal. The line is
// drawn with CR and ESC [ K, postgen's own control sequences, so it goes
// to the stream beneath Run's escaping writer, and the stage is escaped
// here instead: it names the input and output, which can come from
// postgen.yaml.
func startProgress(w io.Writer, stage string) *progress {
	if tw, ok := w.(*termtext.Writer); ok {
		w = tw.Raw()
	}
	if !isTerminal(w) {
		return nil
	}
	p := &progress{w: w, start: time.Now(), stop: make(chan struct{}), done: make(chan struct{}), stage: termtext.Line(stage)}
	go p.run()
	return p
}

// set names the current stage ("reading", "generating", ...).
func (p *progress) set(stage string) {
	if p == nil {
		return
	}
	stage = termtext.Line(stage)
	p.mu.Lock()
	p.stage = stage
	p.mu.Unlock()
}

// end erases the line and returns once the indicator has stopped writing.
func (p *progress) end() {
	if p == nil {
		return
	}
	select {
	case <-p.stop:
	default:
		close(p.stop)
	}
	<-p.done
}

func (p *progress) run() {
	defer close(p.done)
	select {
	case <-p.stop:
		return
	case <-time.After(progressDelay):
	}
	frames := []rune("⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏")
	tick := time.NewTicker(progressTick)
	defer tick.Stop()
	for i := 0; ; i++ {
		p.mu.Lock()
		stage := p.stage
		p.mu.Unlock()
		fmt.Fprintf(p.w, "\r\x1b[K%c postgen: %s… %.1fs", frames[i%len(frames)], stage, time.Since(p.start).Seconds())
		select {
		case <-p.stop:
			fmt.Fprint(p.w, "\r\x1b[K")
			return
		case <-tick.C:
		}
	}
}
