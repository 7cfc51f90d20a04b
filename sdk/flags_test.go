package sdk

// Every test binary of the module takes -update (see internal/testflag).
import _ "github.com/postgen/postgen/internal/testflag"
