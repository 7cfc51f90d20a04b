package conformance

import (
	"bufio"
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// NewmanVersion is the newman release Postman's behaviour is measured
// against: the one POSTMAN-FORMAT.md Appendix A was captured with.
const NewmanVersion = "6.2.2"

//go:embed newman-driver.js
var newmanDriver []byte

// newmanEvent is one line of newman-driver.js output.
type newmanEvent struct {
	Event string `json:"event"`
	ID    string `json:"id"`
	Sent  bool   `json:"sent"`
	Error string `json:"error"`
}

// newmanRun is what newman did for one collection: for each item (by
// JSON path), how many requests reached the wire, and its errors.
type newmanRun struct {
	// order lists the item paths in the order their requests were sent,
	// one entry per request that reached the recorder.
	order  []string
	errors map[string]string
	// ran holds every item newman ran, sent or not.
	ran map[string]bool
	// scriptErrors holds the first script error of each item (scripts
	// kept only).
	scriptErrors map[string]string
}

// runNewman runs newman (installed under newmanDir, a folder holding
// node_modules/newman) over the collection at path with the variables
// vars set in its environment, through the recorder at proxy.
func runNewman(ctx context.Context, newmanDir, path string, vars map[string]string, proxy, scratch string, env ...string) (*newmanRun, error) {
	modules, err := filepath.Abs(filepath.Join(newmanDir, "node_modules"))
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(filepath.Join(modules, "newman", "package.json")); err != nil {
		return nil, fmt.Errorf("newman is not installed in %s (run make conformance, which installs newman@%s there)", newmanDir, NewmanVersion)
	}
	driver := filepath.Join(scratch, "newman-driver.js")
	if err := os.WriteFile(driver, newmanDriver, 0o644); err != nil {
		return nil, err
	}
	varsFile := filepath.Join(scratch, "newman-vars.json")
	b, err := json.Marshal(vars)
	if err != nil {
		return nil, err
	}
	if err := os.WriteFile(varsFile, b, 0o644); err != nil {
		return nil, err
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	cmd := exec.CommandContext(ctx, "node", driver, abs, varsFile, scratch)
	cmd.Dir = scratch
	cmd.Env = append(append(cleanEnv(), "NODE_PATH="+modules, "HTTP_PROXY="+proxy, "HTTPS_PROXY="+proxy, "NO_PROXY=", "NODE_TLS_REJECT_UNAUTHORIZED=0"), env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("newman: %v\n%s", err, tail(stderr.String(), 2000))
	}
	run := &newmanRun{errors: map[string]string{}, ran: map[string]bool{}, scriptErrors: map[string]string{}}
	sc := bufio.NewScanner(&stdout)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	done := false
	for sc.Scan() {
		var ev newmanEvent
		if err := json.Unmarshal(sc.Bytes(), &ev); err != nil {
			continue // newman's own console output
		}
		switch ev.Event {
		case "request":
			if ev.Sent {
				run.order = append(run.order, ev.ID)
			} else if ev.Error != "" {
				run.errors[ev.ID] = ev.Error
			}
		case "script":
			if run.scriptErrors[ev.ID] == "" {
				run.scriptErrors[ev.ID] = ev.Error
			}
		case "item":
			run.ran[ev.ID] = true
			if ev.Error != "" && run.errors[ev.ID] == "" {
				run.errors[ev.ID] = ev.Error
			}
		case "done":
			done = true
			if ev.Error != "" {
				return nil, fmt.Errorf("newman: %s", ev.Error)
			}
		}
	}
	if !done {
		return nil, fmt.Errorf("newman ended without finishing the run\n%s", tail(stderr.String(), 2000))
	}
	return run, nil
}

// cleanEnv is the environment without proxy settings of the machine.
func cleanEnv() []string {
	var out []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		switch strings.ToUpper(name) {
		case "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "ALL_PROXY", "NODE_PATH":
			continue
		}
		out = append(out, kv)
	}
	return out
}

func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return "…" + s[len(s)-n:]
}
