// Command postgen generates a typed Go SDK from a Postman collection. See
// README.md, or run postgen --help.
package main

import (
	"context"
	"os"

	"github.com/postgen/postgen/cli"
)

func main() { os.Exit(cli.Run(context.Background(), os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) }
