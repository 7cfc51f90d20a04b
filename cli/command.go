package cli

import (
	"path/filepath"
	"strings"
)

// regenerateCommand is the command recorded under the generated-code
// header of every file, as stringer records its own. It holds only what
// determines the output, with files reduced to their base names, so the
// SDK is byte-identical whether postgen runs from the repository root
// (postgen generate --check -o sdk ... api/x.json) or from the package
// directory (go generate: postgen generate -o . ... ../api/x.json).
func regenerateCommand(pkg, configPath string, envFiles []string, src source) string {
	args := []string{"postgen", "generate", "-p", pkg}
	if configPath != "" {
		args = append(args, "--config", filepath.Base(configPath))
	}
	for _, e := range envFiles {
		args = append(args, "--environment", filepath.Base(e))
	}
	switch {
	case src.postmanID != "":
		args = append(args, "--postman-id", src.postmanID)
	case src.path == "-":
		args = append(args, "-")
	case isURL(src.path):
		args = append(args, src.display())
	default:
		args = append(args, filepath.Base(src.path))
	}
	for i, a := range args {
		args[i] = shellQuote(a)
	}
	return strings.Join(args, " ")
}

// shellQuote quotes s for a POSIX shell when it needs it.
func shellQuote(s string) string {
	if s == "" {
		return "''"
	}
	if strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-./:@%+=,") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
