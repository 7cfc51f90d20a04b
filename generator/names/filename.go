package names

import "strings"

// knownOS and knownArch are the GOOS and GOARCH values go/build matches in
// file names (internal/syslist KnownOS and KnownArch: past, present and
// future ports, a superset of `go tool dist list`). A test compares them with
// the installed Go tree.
var knownOS = map[string]bool{
	"aix": true, "android": true, "darwin": true, "dragonfly": true,
	"freebsd": true, "hurd": true, "illumos": true, "ios": true, "js": true,
	"linux": true, "nacl": true, "netbsd": true, "openbsd": true,
	"plan9": true, "solaris": true, "wasip1": true, "windows": true, "zos": true,
}

var knownArch = map[string]bool{
	"386": true, "amd64": true, "amd64p32": true, "arm": true, "armbe": true,
	"arm64": true, "arm64be": true, "loong64": true, "mips": true,
	"mipsle": true, "mips64": true, "mips64le": true, "mips64p32": true,
	"mips64p32le": true, "ppc": true, "ppc64": true, "ppc64le": true,
	"riscv": true, "riscv64": true, "s390": true, "s390x": true,
	"sparc": true, "sparc64": true, "wasm": true,
}

// windowsDevices are base names Windows cannot use for a file, whatever the
// extension, so an SDK containing "con.go" could not be cloned there.
var windowsDevices = map[string]bool{
	"con": true, "prn": true, "aux": true, "nul": true,
	"com0": true, "com1": true, "com2": true, "com3": true, "com4": true,
	"com5": true, "com6": true, "com7": true, "com8": true, "com9": true,
	"lpt0": true, "lpt1": true, "lpt2": true, "lpt3": true, "lpt4": true,
	"lpt5": true, "lpt6": true, "lpt7": true, "lpt8": true, "lpt9": true,
}

// fileSuffix is appended to file names the go tool or Windows would treat
// specially.
const fileSuffix = "_api"

// FileName returns a lower snake_case Go file base name (without ".go") for
// a Go identifier ("BookingsService" -> "bookings_service"), safe for the go
// tool: it never ends in "_test" or in a GOOS or GOARCH suffix, never starts
// with "_" or ".", and is never a Windows device name. Free text works too
// and is tokenised as for Exported; "" means nothing usable.
func (n *Namer) FileName(goName string) string {
	toks := n.tokens(goName)
	if len(toks) == 0 {
		return ""
	}
	name := toLower(toks[0])
	if len(name) > MaxIdentLen {
		name = name[:MaxIdentLen]
	}
	kept := 1
	for _, t := range toks[1:] {
		if len(name)+1+len(t) > MaxIdentLen {
			break
		}
		name += "_" + toLower(t)
		kept++
	}
	if needsFileSuffix(name, kept) {
		name += fileSuffix
	}
	return name
}

// needsFileSuffix reports whether the go tool would read name.go as a test
// or as build-constrained, or Windows could not create it. go/build looks at
// the "_"-separated parts after the first "_" only, so a one-part name such
// as "linux" is an ordinary file.
func needsFileSuffix(name string, parts int) bool {
	if windowsDevices[name] {
		return true
	}
	if parts < 2 {
		return false
	}
	last := name[strings.LastIndexByte(name, '_')+1:]
	return last == "test" || knownOS[last] || knownArch[last]
}
