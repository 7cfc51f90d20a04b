package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/postgen/postgen/model"
)

// newDiagnosticsHelp is "postgen help diagnostics": every code postgen
// prints, from the one table in model/codes.go (README.md's table is
// made from it too, and a test keeps the two equal).
func newDiagnosticsHelp() *cobra.Command {
	return &cobra.Command{
		Use:   "diagnostics",
		Short: "The codes of postgen's errors, warnings and notes, and what to do about each",
		Long:  diagnosticsText(),
	}
}

// severityGroups are the table's sections, in order.
var severityGroups = []struct {
	sev   model.Severity
	title string
}{
	{model.Error, "Errors: postgen stops (exit 2) and writes nothing."},
	{model.Warning, "Warnings: a likely mistake in the collection, or a request the SDK cannot send as written. --strict fails on them (exit 2) unless postgen.yaml accepts them."},
	{model.Note, "Notes: information for the SDK's users, such as a credential to set at run time. --strict never fails on notes."},
}

// diagnosticsText is the help topic's text.
func diagnosticsText() string {
	var b strings.Builder
	b.WriteString(`Every message postgen prints about the input carries a level and a stable code:

  collection.json: warning[undefined-variable]: item[2].request.url (14:9): variable "tenant" is ...
  postgen: error[invalid-json]: collection.json:18:37: invalid JSON: ...

postgen.yaml can accept a warning (or note) by code and, optionally, JSON path: it is then
not printed (the summary counts it as accepted) and --strict does not fail on it. A path
matches itself and everything inside it (item[3] matches item[3].request.url), and * matches
any text. An entry that matches nothing is reported as a note (accept-stale).

  accept:
    - code: undefined-variable
      path: item[3].request.url
    - code: unknown-body-mode        # everywhere

`)
	for _, g := range severityGroups {
		b.WriteString(wrap(g.title, "") + "\n\n")
		for _, ci := range model.Codes() {
			if ci.Severity != g.sev {
				continue
			}
			fmt.Fprintf(&b, "  %s\n%s\n%s\n", ci.Code, wrap(ci.Summary, "      "), wrap("Do: "+ci.Action, "      "))
		}
		b.WriteString("\n")
	}
	return strings.TrimRight(b.String(), "\n")
}

// wrap breaks s into lines of at most 92 columns, each after indent.
func wrap(s, indent string) string {
	var lines []string
	line := indent
	for _, w := range strings.Fields(s) {
		if line != indent && len(line)+1+len(w) > 92 {
			lines = append(lines, line)
			line = indent
		}
		if line != indent {
			line += " "
		}
		line += w
	}
	return strings.Join(append(lines, line), "\n")
}

// diagnosticsMarkdown is README.md's table of codes.
func diagnosticsMarkdown() string {
	var b strings.Builder
	b.WriteString("| Code | Level | Meaning | What to do |\n|---|---|---|---|\n")
	for _, g := range severityGroups {
		for _, ci := range model.Codes() {
			if ci.Severity == g.sev {
				fmt.Fprintf(&b, "| `%s` | %s | %s | %s |\n", ci.Code, ci.Severity, mdCell(ci.Summary), mdCell(ci.Action))
			}
		}
	}
	return b.String()
}

// mdCell escapes text for a Markdown table cell.
func mdCell(s string) string {
	return strings.NewReplacer("|", `\|`, "{{", "`{{", "}}", "}}`").Replace(s)
}
