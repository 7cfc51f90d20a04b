package sdkscript

import (
	"context"
	crand "crypto/rand"
	_ "embed"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/dop251/goja"
)

//go:embed sandbox.js
var sandboxSource string

var (
	sandboxOnce sync.Once
	sandboxProg *goja.Program
	sandboxErr  error
)

// sandbox returns the compiled sandbox (the pm API written in JavaScript).
func sandbox() (*goja.Program, error) {
	sandboxOnce.Do(func() {
		sandboxProg, sandboxErr = goja.Compile("sandbox.js", sandboxSource, true)
	})
	return sandboxProg, sandboxErr
}

// Runner runs Postman scripts. It is safe for concurrent use. By default its
// calls share one JavaScript sandbox, one call at a time, as newman shares one
// for a whole run (see Options.Isolate); a script is compiled once.
type Runner struct {
	opts    Options
	mu      sync.Mutex
	compile map[string]*compiled

	vmMu   sync.Mutex // held while a call runs in shared
	shared *sandboxVM
}

// sandboxVM is a JavaScript runtime with the sandbox loaded.
type sandboxVM struct {
	vm  *goja.Runtime
	n   *native
	api *goja.Object
}

// newVM starts a runtime and loads the sandbox into it.
func (r *Runner) newVM() (*sandboxVM, error) {
	sb, err := sandbox()
	if err != nil {
		return nil, fmt.Errorf("sdkscript: sandbox: %w", err)
	}
	vm := goja.New()
	// Endless recursion fails fast (as V8's stack limit does) instead of
	// growing the stack until the time limit.
	vm.SetMaxCallStackSize(maxCallStack)
	vm.SetFieldNameMapper(goja.TagFieldNameMapper("json", true))
	vm.SetTimeSource(func() time.Time { return r.opts.Now() })
	vm.SetRandSource(func() float64 {
		var b [8]byte
		if _, err := io.ReadFull(r.opts.Rand, b[:]); err != nil {
			panic(vm.NewGoError(fmt.Errorf("random source: %w", err)))
		}
		return float64(binary.BigEndian.Uint64(b[:])>>11) / (1 << 53)
	})
	n := &native{r: r, vm: vm}
	if err := vm.Set("__native", n.object()); err != nil {
		return nil, err
	}
	if _, err := vm.RunProgram(sb); err != nil {
		return nil, fmt.Errorf("sdkscript: sandbox: %w", err)
	}
	api := vm.Get("__postgen").ToObject(vm)
	// Scripts must not drive the sandbox's own entry points.
	for _, name := range []string{"__postgen", "__native"} {
		if err := vm.GlobalObject().Delete(name); err != nil {
			return nil, err
		}
	}
	return &sandboxVM{vm: vm, n: n, api: api}, nil
}

// call calls the sandbox entry point name.
func (sv *sandboxVM) call(name string, args ...any) (goja.Value, error) {
	f, ok := goja.AssertFunction(sv.api.Get(name))
	if !ok {
		return nil, fmt.Errorf("sdkscript: sandbox lacks %s", name)
	}
	vals := make([]goja.Value, len(args))
	for i, a := range args {
		vals[i] = sv.vm.ToValue(a)
	}
	return f(goja.Undefined(), vals...)
}

type compiled struct {
	prog *goja.Program
	err  error
}

// New returns a Runner with opts.
func New(opts Options) *Runner {
	if opts.Timeout <= 0 {
		opts.Timeout = 5 * time.Second
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Rand == nil {
		opts.Rand = crand.Reader
	}
	return &Runner{opts: opts, compile: map[string]*compiled{}}
}

// PreRequest runs scripts, the pre-request scripts that govern req in newman's
// order (collection, then folders from the outside in, then the request's own), in
// one sandbox, so a helper one script defines without var/let/const is visible to
// the next (and, unless Options.Isolate, to later calls). The scripts change req and vars in place. The first script that throws,
// times out or calls an API the runtime lacks stops the run with a *ScriptError.
func (r *Runner) PreRequest(ctx context.Context, scripts []Script, req *Request, vars *Scopes) error {
	_, err := r.run(ctx, "prerequest", scripts, req, nil, vars)
	return err
}

// Test runs scripts, the test scripts that govern req (collection, folders,
// request), with resp as pm.response, and returns the outcome of their pm.test and
// tests["name"] assertions. A failed assertion is a result, not an error; a script
// that throws, times out or calls an API the runtime lacks is a *ScriptError,
// returned with the results of the tests that ran before it (newman reports
// those too).
func (r *Runner) Test(ctx context.Context, scripts []Script, req *Request, resp *Response, vars *Scopes) ([]TestResult, error) {
	if resp == nil {
		resp = &Response{}
	}
	return r.run(ctx, "test", scripts, req, resp, vars)
}

// program compiles src once; scripts run inside an async function so that
// top-level await works and var declarations stay local to the script, as in
// Postman's sandbox.
func (r *Runner) program(src string) (*goja.Program, error) {
	r.mu.Lock()
	c, ok := r.compile[src]
	r.mu.Unlock()
	if ok {
		return c.prog, c.err
	}
	wrapped := "(async function(){" + src + "\n}).call(this)"
	prog, err := goja.Compile("script", wrapped, false)
	c = &compiled{prog: prog, err: err}
	r.mu.Lock()
	r.compile[src] = c
	r.mu.Unlock()
	return prog, err
}

// maxCallStack is the deepest JavaScript call nesting a script may reach.
const maxCallStack = 10000

// errTimeout is the interrupt value of a run that exceeded its time limit.
type errTimeout struct{ limit time.Duration }

func (e errTimeout) Error() string {
	return fmt.Sprintf("did not finish within the %s time limit", e.limit)
}

func (r *Runner) run(ctx context.Context, event string, scripts []Script, req *Request, resp *Response, vars *Scopes) (results []TestResult, err error) {
	if req == nil {
		req = &Request{}
	}
	if vars == nil {
		vars = &Scopes{}
	}
	// Compile first: a syntax error is reported before any script has run.
	progs := make([]*goja.Program, len(scripts))
	for i, s := range scripts {
		p, err := r.program(s.Source)
		if err != nil {
			return nil, &ScriptError{Path: s.Path, Event: event, Message: "syntax error: " + syntaxMessage(err), Err: err}
		}
		progs[i] = p
	}
	var sv *sandboxVM
	if r.opts.Isolate {
		sv, err = r.newVM()
	} else {
		r.vmMu.Lock()
		defer r.vmMu.Unlock()
		if r.shared == nil {
			r.shared, err = r.newVM()
		}
		sv = r.shared
	}
	if err != nil {
		return nil, err
	}
	vm := sv.vm
	call := sv.call
	vm.ClearInterrupt()
	sv.n.vars = vars
	state, err := json.Marshal(newState(event, req, resp, vars))
	if err != nil {
		return nil, err
	}
	if _, err := call("init", string(state)); err != nil {
		return nil, fmt.Errorf("sdkscript: sandbox init: %w", err)
	}

	// The time limit covers the scripts and what they wait for, from here.
	ctx, cancel := context.WithTimeout(ctx, r.opts.Timeout)
	defer cancel()
	sv.n.ctx = ctx
	fired := make(chan struct{})
	stop := context.AfterFunc(ctx, func() {
		vm.Interrupt(errTimeout{r.opts.Timeout})
		close(fired)
	})
	defer func() {
		// An interrupt that fires as the run ends must not hit the next run.
		if !stop() {
			<-fired
		}
		vm.ClearInterrupt()
	}()
	defer func() {
		// A script that stopped the call keeps the results of the tests that
		// ran before it, as newman reports them.
		var se *ScriptError
		if errors.As(err, &se) && results == nil {
			vm.ClearInterrupt()
			if out, e := call("results"); e == nil {
				_ = json.Unmarshal([]byte(out.String()), &results)
			}
		}
	}()

	for i, s := range scripts {
		if _, err := call("begin", s.Path); err != nil {
			return nil, r.scriptError(ctx, s, event, err, nil)
		}
		v, err := vm.RunProgram(progs[i])
		if err != nil {
			return nil, r.scriptError(ctx, s, event, err, nil)
		}
		// Run what the script left pending (timers, pm.sendRequest callbacks), in
		// order, without waiting: timers fire at once, in the order of their delays.
		for {
			more, err := call("next")
			if err != nil {
				return nil, r.scriptError(ctx, s, event, err, nil)
			}
			if !more.ToBoolean() {
				break
			}
		}
		if p, ok := v.Export().(*goja.Promise); ok {
			switch p.State() {
			case goja.PromiseStateRejected:
				return nil, r.scriptError(ctx, s, event, nil, p.Result())
			case goja.PromiseStatePending:
				return nil, &ScriptError{Path: s.Path, Event: event, Message: "the script awaits something that never completes"}
			}
		}
		if u, err := call("unsupported"); err == nil && u.String() != "" {
			return nil, &ScriptError{Path: s.Path, Event: event, Unsupported: u.String()}
		}
	}

	out, err := call("finish")
	if err != nil {
		return nil, fmt.Errorf("sdkscript: sandbox finish: %w", err)
	}
	var res finishState
	if err := json.Unmarshal([]byte(out.String()), &res); err != nil {
		return nil, fmt.Errorf("sdkscript: sandbox finish: %w", err)
	}
	if err := res.apply(req); err != nil {
		return nil, err
	}
	return res.Tests, nil
}

func (r *Runner) log(level, msg string) {
	if r.opts.Logger != nil {
		r.opts.Logger(level, msg)
	}
}

// scriptError turns what a script threw into a *ScriptError. thrown, when
// not nil, is the rejection value of the script's promise (and err is nil).
func (r *Runner) scriptError(ctx context.Context, s Script, event string, err error, thrown goja.Value) error {
	se := &ScriptError{Path: s.Path, Event: event, Err: err}
	var ie *goja.InterruptedError
	if errors.As(err, &ie) {
		if t, ok := ie.Value().(errTimeout); ok {
			se.Message = t.Error()
			se.Err = context.DeadlineExceeded
		} else {
			se.Message = "interrupted: " + fmt.Sprint(ie.Value())
		}
		if ctx.Err() != nil && !errors.Is(context.Cause(ctx), context.DeadlineExceeded) {
			// The caller's context ended the run, not the time limit.
			se.Err = ctx.Err()
			se.Message = "stopped: " + context.Cause(ctx).Error()
		}
		return se
	}
	var so *goja.StackOverflowError
	if errors.As(err, &so) {
		se.Message = fmt.Sprintf("RangeError: Maximum call stack size exceeded (%d nested calls)", maxCallStack)
		return se
	}
	val := thrown
	var ex *goja.Exception
	if val == nil && errors.As(err, &ex) {
		val = ex.Value()
	}
	if val == nil {
		se.Message = err.Error()
		return se
	}
	if o, ok := val.(*goja.Object); ok {
		if u := o.Get("__postgenUnsupported"); u != nil && !goja.IsUndefined(u) {
			se.Unsupported = u.String()
			se.Err = nil
			return se
		}
		if g := o.Get("__postgenGoError"); g != nil && !goja.IsUndefined(g) {
			if e, ok := g.Export().(error); ok {
				se.Err = e
			}
		}
		se.Message = val.String()
		if st := o.Get("stack"); st != nil && !goja.IsUndefined(st) {
			if loc := scriptLocation(st.String()); loc != "" {
				se.Message += " (" + loc + ")"
			}
		}
		if se.Err == nil {
			se.Err = errors.New(val.String())
		}
		return se
	}
	se.Message = "uncaught " + val.String()
	return se
}

// scriptLocation finds the first "script:line:col" frame of a goja stack trace.
// Line 1 carries the wrapper prefix, so its column is shifted back.
func scriptLocation(stack string) string {
	i := strings.Index(stack, "at script:")
	if i < 0 {
		i = strings.Index(stack, "(script:")
		if i < 0 {
			return ""
		}
		i++
	} else {
		i += 3
	}
	loc := stack[i+len("script:"):]
	if j := strings.IndexAny(loc, "()\n "); j >= 0 {
		loc = loc[:j]
	}
	parts := strings.Split(loc, ":")
	if len(parts) < 2 {
		return ""
	}
	line, err1 := strconv.Atoi(parts[0])
	col, err2 := strconv.Atoi(parts[1])
	if err1 != nil || err2 != nil {
		return ""
	}
	if line == 1 {
		col -= len("(async function(){")
	}
	return fmt.Sprintf("line %d:%d", line, col)
}

var syntaxRE = regexp.MustCompile(`Line (\d+):(\d+) (.*?)(?: \(and \d+ more errors?\))?$`)

// syntaxMessage is a compile error's message with its position in the script.
func syntaxMessage(err error) string {
	msg := err.Error()
	var ce *goja.CompilerSyntaxError
	if errors.As(err, &ce) {
		msg = ce.Message
	}
	m := syntaxRE.FindStringSubmatch(msg)
	if m == nil {
		return msg
	}
	line, _ := strconv.Atoi(m[1])
	col, _ := strconv.Atoi(m[2])
	if line == 1 {
		col -= len("(async function(){")
	}
	return fmt.Sprintf("%s (line %d:%d)", m[3], line, col)
}

// ScriptError is a script that failed: it threw, ran out of time, or called a
// Postman API that postgen's runtime does not implement.
type ScriptError struct {
	// Path is the script's JSON path in the collection.
	Path string
	// Event is "prerequest" or "test".
	Event string
	// Unsupported names the API the script called, such as "pm.iterationData.get",
	// when that is why it failed.
	Unsupported string
	// Message says what went wrong.
	Message string
	// Err is the underlying error: context.DeadlineExceeded for a timeout, the
	// error of Options.SendRequest, or the script's own error.
	Err error
}

// Error reports the script path, the event and the failure.
func (e *ScriptError) Error() string {
	if e.Unsupported != "" {
		return fmt.Sprintf("%s (%s): %s is not supported by postgen's script runtime", e.Path, e.Event, e.Unsupported)
	}
	return fmt.Sprintf("%s (%s): %s", e.Path, e.Event, e.Message)
}

// Unwrap returns the underlying error.
func (e *ScriptError) Unwrap() error { return e.Err }

// formatNumber prints f as JavaScript's String(f) does for the common cases.
func formatNumber(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	case f == math.Trunc(f) && math.Abs(f) < 1e21:
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	return strconv.FormatFloat(f, 'g', -1, 64)
}
