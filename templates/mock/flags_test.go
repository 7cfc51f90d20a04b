package mock

import _ "github.com/postgen/postgen/internal/testflag"
