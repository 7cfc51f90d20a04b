package sdkmock

import _ "github.com/postgen/postgen/internal/testflag"
