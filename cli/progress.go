package cli

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"golang.org/x/term"

	"github.com/postgen/postgen/internal/termtext"
)

// A progress line on stderr for long runs (a large collection, a slow
// download): it appears only when stderr is a terminal and the run has
// taken progressDelay, redraws itself in place, and is erased before
// anything else is printed, so logs and pipes never see it. It names the
// stage and, while the generator emits and formats files, shows a bar of
// the files done:
//
//	⠹ postgen: emitting [██████████░░░░░░░░░░] 40/78 files 2.1s
//
// Whether or not the line is shown, the run's stages are timed, for -v.

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

// stageLabels are the stages of a run, in the order they come, with the
// words the progress line shows for them.
var stageLabels = []struct{ stage, label string }{
	{"read", "reading"},
	{"parse", "parsing"},
	{"plan", "planning"},
	{"emit", "emitting"},
	{"format", "formatting"},
	{"check", "comparing with"},
	{"write", "writing"},
	{"compare", "comparing the APIs"},
}

// barWidth is the number of cells of the progress bar.
const barWidth = 20

// progress is the indicator and the stage timer of one run; the zero of
// *progress (nil) does nothing, so callers need no checks.
type progress struct {
	w     io.Writer // nil when the line is not shown
	start time.Time
	stop  chan struct{}
	done  chan struct{}

	mu          sync.Mutex
	stage       string // one of stageLabels, "" before the first
	detail      string // escaped already
	n, total    int    // files done of total, when total > 0
	stageStart  time.Time
	times       map[string]time.Duration
	endedAt     time.Time
	stopDrawing sync.Once
}

// startProgress starts timing the run, and the indicator on w if w is a
// terminal. The line is drawn with CR and ESC [ K, postgen's own control
// sequences, so it goes to the stream beneath Run's escaping writer, and
// the details are escaped here instead: they name the input and output,
// which can come from postgen.yaml.
func startProgress(w io.Writer) *progress {
	if tw, ok := w.(*termtext.Writer); ok {
		w = tw.Raw()
	}
	now := time.Now()
	p := &progress{start: now, stageStart: now, times: map[string]time.Duration{}}
	if isTerminal(w) {
		p.w, p.stop, p.done = w, make(chan struct{}), make(chan struct{})
		go p.run()
	}
	return p
}

// set starts a stage ("read", "parse", ...; see stageLabels); detail, if
// any, says what it works on (a file, a directory).
func (p *progress) set(stage, detail string) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.switchTo(stage, time.Now())
	p.detail = termtext.Line(detail)
}

// switchTo ends the current stage at now and starts stage; p.mu is held.
func (p *progress) switchTo(stage string, now time.Time) {
	if p.stage != "" {
		p.times[p.stage] += now.Sub(p.stageStart)
	}
	p.stage, p.stageStart, p.n, p.total = stage, now, 0, 0
}

// generating returns a generator.Config.Progress function: the
// generator's stages and file counts, with detail (what is generated, ""
// if that is clear) beside them.
func (p *progress) generating(detail string) func(stage string, done, total int) {
	if p == nil {
		return nil
	}
	detail = termtext.Line(detail)
	return func(stage string, done, total int) {
		p.mu.Lock()
		defer p.mu.Unlock()
		if stage != p.stage {
			p.switchTo(stage, time.Now())
		}
		p.detail = detail
		// Files finish on several cores: a count never goes back.
		if total != p.total || done > p.n {
			p.n, p.total = done, total
		}
	}
}

// end erases the line, returns once the indicator has stopped writing,
// and ends the timing of the current stage. Later calls do nothing.
func (p *progress) end() {
	if p == nil {
		return
	}
	p.stopDrawing.Do(func() {
		if p.stop != nil {
			close(p.stop)
			<-p.done
		}
		p.mu.Lock()
		now := time.Now()
		p.switchTo("", now)
		p.endedAt = now
		p.mu.Unlock()
	})
}

// timings is the -v line: the time of each stage the run went through,
// in stageLabels order, then the whole run ("read 2ms, parse 31ms, ...;
// 190ms in all"). It ends the run if end has not been called.
func (p *progress) timings() string {
	if p == nil {
		return ""
	}
	p.end()
	p.mu.Lock()
	defer p.mu.Unlock()
	var parts []string
	for _, s := range stageLabels {
		if d, ok := p.times[s.stage]; ok {
			parts = append(parts, s.stage+" "+roundDuration(d))
		}
	}
	return strings.Join(parts, ", ") + "; " + roundDuration(p.endedAt.Sub(p.start)) + " in all"
}

// roundDuration prints d with two or three significant digits: 0.4ms,
// 12ms, 1.25s.
func roundDuration(d time.Duration) string {
	switch {
	case d < 10*time.Millisecond:
		return fmt.Sprintf("%.1fms", float64(d)/float64(time.Millisecond))
	case d < time.Second:
		return fmt.Sprintf("%dms", d.Milliseconds())
	}
	return fmt.Sprintf("%.2fs", d.Seconds())
}

// label is the progress line's word for a stage.
func label(stage string) string {
	for _, s := range stageLabels {
		if s.stage == stage {
			return s.label
		}
	}
	return "starting"
}

// progressLine is one frame of the line, without the CR and erase that
// start it.
func progressLine(frame rune, stage, detail string, n, total int, elapsed time.Duration) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%c postgen: %s", frame, label(stage))
	if detail != "" {
		b.WriteString(" " + detail)
	}
	if total > 0 {
		full := min(barWidth, n*barWidth/total)
		fmt.Fprintf(&b, " [%s%s] %d/%d files", strings.Repeat("█", full), strings.Repeat("░", barWidth-full), n, total)
	} else {
		b.WriteString("…")
	}
	fmt.Fprintf(&b, " %.1fs", elapsed.Seconds())
	return b.String()
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
		line := progressLine(frames[i%len(frames)], p.stage, p.detail, p.n, p.total, time.Since(p.start))
		p.mu.Unlock()
		fmt.Fprint(p.w, "\r\x1b[K"+line)
		select {
		case <-p.stop:
			fmt.Fprint(p.w, "\r\x1b[K")
			return
		case <-tick.C:
		}
	}
}
