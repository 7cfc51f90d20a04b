package names

import (
	"fmt"
	"go/token"
	"strings"
	"unicode/utf8"
)

// pkgSuffix turns a package name that Go reserves into a usable one.
const pkgSuffix = "api"

// defaultNamer tokenises text for the functions that need no project
// initialisms: package names are one lower-case word, so initialisms only
// decide where words end, never how they are spelled.
var defaultNamer = New()

// PackageName returns a Go package name for free text ("NEON APIs" ->
// "neonapis"), or "". It keeps lower-case ASCII letters and digits (no
// underscores), drops leading digits, cuts the result to MaxIdentLen bytes and
// appends "api" to a keyword, a predeclared identifier, "main" or "init"
// ("Go" -> "goapi"), and to a directory name the go command treats
// specially ("Vendor" -> "vendorapi"), since the SDK's default directory is
// named after its package. A non-empty result always passes CheckPackageName.
func PackageName(s string) string {
	name := toLower(strings.Join(defaultNamer.tokens(s), ""))
	name = strings.TrimLeft(name, "0123456789")
	if len(name) > MaxIdentLen {
		name = name[:MaxIdentLen]
	}
	if name != "" && (reservedPackage(name) || SpecialDir(name) != "") {
		name += pkgSuffix
	}
	return name
}

// hostPrefixes are the host labels in front of an API's name that say
// nothing about it ("api.freee.co.jp" is freee's).
var hostPrefixes = map[string]bool{
	"api": true, "apis": true, "www": true, "rest": true, "gateway": true, "app": true,
	"sandbox": true, "dev": true, "staging": true, "test": true, "prod": true, "public": true,
}

// hostSuffixes are the second-level labels of country domains ("co.jp",
// "com.au") and the generic top-level domains; any two-letter last label
// is a country's.
var hostSuffixes = map[string]bool{
	"com": true, "net": true, "org": true, "io": true, "co": true, "gov": true, "edu": true,
	"dev": true, "app": true, "cloud": true, "ai": true, "biz": true, "info": true, "ne": true, "or": true, "ac": true,
}

// HostPackageName returns a package name for an API from its host
// ("api.freee.co.jp" → "freee", "graph.microsoft.com" → "microsoft"), or
// "" when the host has no name (an IP address, a variable, localhost is
// kept as is). It is the fallback for a collection whose name holds
// nothing PackageName can spell ("人事労務").
func HostPackageName(host string) string {
	host = strings.ToLower(strings.TrimSuffix(host, "."))
	if i := strings.LastIndexByte(host, ':'); i >= 0 {
		host = host[:i]
	}
	if host == "" || strings.ContainsAny(host, "{}") {
		return ""
	}
	labels := strings.Split(host, ".")
	for len(labels) > 1 {
		last := labels[len(labels)-1]
		if len(last) == 2 || hostSuffixes[last] || allDigits(last) {
			labels = labels[:len(labels)-1]
			continue
		}
		break
	}
	if len(labels) > 1 && !hostPrefixes[labels[len(labels)-1]] {
		return PackageName(labels[len(labels)-1])
	}
	for _, l := range labels {
		if !hostPrefixes[l] && !allDigits(l) {
			return PackageName(l)
		}
	}
	return ""
}

// specialDirs are the directory names the go command gives a meaning.
var specialDirs = map[string]string{
	"vendor":   "the go command takes a vendor directory for vendored modules, and ./... skips it",
	"testdata": "the go command ignores testdata directories, and ./... skips them",
	"internal": "only the code in the directory above an internal directory can import it",
}

// SpecialDir says why a directory of this name would not work as an
// ordinary package directory, or returns "" when it would: vendor, testdata
// and internal have a meaning of their own to the go command, which ignores
// names starting with "." or "_".
func SpecialDir(name string) string {
	if strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") {
		return "the go command ignores directories whose names start with \".\" or \"_\""
	}
	return specialDirs[name]
}

// reservedPackage reports whether a lower-case word cannot be an SDK's
// package name.
func reservedPackage(s string) bool {
	return token.IsKeyword(s) || predeclared[s] || s == "main" || s == "init"
}

// CheckPackageName returns an error saying what is wrong when s is not a
// usable package name, and nil when it is. Usable means one word of
// lower-case ASCII letters and digits starting with a letter, neither a Go
// keyword nor a predeclared identifier nor "main" nor "init" (which no file
// can import). Underscores are refused
// although Go allows them: Effective Go asks for single-word package names,
// and PackageName never produces one, so both agree. The error suggests the
// PackageName of s when there is one.
func CheckPackageName(s string) error {
	problem := ""
	switch {
	case s == "":
		return fmt.Errorf("package name is empty; give one lower-case word such as %q", "neonapis")
	case !utf8.ValidString(s) || strings.IndexFunc(s, func(r rune) bool { return r >= utf8.RuneSelf }) >= 0:
		problem = "has non-ASCII characters; Go package names should be plain ASCII"
	case strings.Contains(s, "_"):
		problem = "has an underscore; Go package names are one lower-case word"
	case strings.ToLower(s) != s:
		problem = "has upper-case letters; Go package names are lower case"
	case token.IsKeyword(s):
		problem = "is a Go keyword"
	case !token.IsIdentifier(s):
		problem = "is not a Go identifier: it must start with a letter and hold only letters and digits"
	case s == "main":
		problem = "is reserved for commands; an SDK must be importable"
	case s == "init":
		problem = "cannot be imported: Go reserves init for functions"
	case predeclared[s]:
		problem = "is a predeclared Go identifier and would shadow it in every file that imports the SDK"
	default:
		return nil
	}
	if alt := PackageName(s); alt != "" && alt != s {
		return fmt.Errorf("package name %q %s (try %q)", s, problem, alt)
	}
	return fmt.Errorf("package name %q %s", s, problem)
}
