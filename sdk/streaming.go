package sdk

import (
	"bufio"
	"io"
	"iter"
	"strings"
)

// This file reads responses that are streams (Server-Sent Events,
// newline-delimited JSON, a "stream" endpoint), for the Lines and Events
// iterators generated beside their methods: each item is yielded as it
// arrives, never buffered whole. When the stream ends with an error (the
// context's deadline on an endless stream, a dropped connection) what was
// read before it is yielded first, then the error.

// ServerSentEvent is one event of a text/event-stream response.
type ServerSentEvent struct {
	// Event is the event's type ("" for the default, "message").
	Event string
	// Data is the event's data, its data lines joined with "\n".
	Data string
	// ID is the event's id, "" when it has none.
	ID string
}

// StreamLines calls open and yields each line of the body it returns,
// without its line ending; blank lines (keep-alives) are skipped.
func StreamLines(open func() (io.ReadCloser, *Response, error)) iter.Seq2[string, error] {
	return func(yield func(string, error) bool) {
		rc, _, err := open()
		if err != nil {
			yield("", err)
			return
		}
		defer rc.Close()
		readLines(rc, func(line string) bool {
			return line == "" || yield(line, nil)
		}, func(err error) { yield("", err) })
	}
}

// StreamEvents calls open and yields each event of the text/event-stream
// body it returns (the HTML standard's parsing: "field: value" lines, a
// blank line ends an event, lines starting with ":" are comments).
func StreamEvents(open func() (io.ReadCloser, *Response, error)) iter.Seq2[ServerSentEvent, error] {
	return func(yield func(ServerSentEvent, error) bool) {
		rc, _, err := open()
		if err != nil {
			yield(ServerSentEvent{}, err)
			return
		}
		defer rc.Close()
		var ev ServerSentEvent
		var data []string
		dispatch := func() bool {
			if len(data) == 0 {
				ev = ServerSentEvent{}
				return true
			}
			ev.Data = strings.Join(data, "\n")
			out := ev
			ev, data = ServerSentEvent{}, nil
			return yield(out, nil)
		}
		ok := readLines(rc, func(line string) bool {
			if line == "" {
				return dispatch()
			}
			if strings.HasPrefix(line, ":") {
				return true
			}
			field, value, _ := strings.Cut(line, ":")
			value = strings.TrimPrefix(value, " ")
			switch field {
			case "event":
				ev.Event = value
			case "data":
				data = append(data, value)
			case "id":
				ev.ID = value
			}
			return true
		}, func(err error) {
			if dispatch() {
				yield(ServerSentEvent{}, err)
			}
		})
		if ok {
			dispatch() // an event the stream's end cut off
		}
	}
}

// readLines calls line for each line of r until it returns false, and
// fail with the error that ends r (the last, unterminated line is passed
// to line first); io.EOF is no error. It reports whether r ended at EOF.
func readLines(r io.Reader, line func(string) bool, fail func(error)) bool {
	br := bufio.NewReader(r)
	for {
		s, err := br.ReadString('\n')
		if s != "" || err == nil {
			if !line(strings.TrimSuffix(strings.TrimSuffix(s, "\n"), "\r")) {
				return false
			}
		}
		if err == io.EOF {
			return true
		}
		if err != nil {
			fail(err)
			return false
		}
	}
}
