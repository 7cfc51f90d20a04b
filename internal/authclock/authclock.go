// Package authclock holds the clock and the nonce source of the runtime's
// signed auth types (package sdk). Tests, the runtime's and those of the
// golden SDKs, replace them to reproduce published signatures; nothing
// else may.
package authclock

import (
	"crypto/rand"
	"time"
)

// Now is the clock of signed auth types.
var Now = time.Now

// Nonce returns a nonce of n characters.
var Nonce = RandomAlphanumeric

// RandomAlphanumeric returns n random characters from [A-Za-z0-9], the
// alphabet of Postman's generated nonces.
func RandomAlphanumeric(n int) string {
	const chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	b := make([]byte, n)
	_, _ = rand.Read(b)
	for i := range b {
		b[i] = chars[int(b[i])%len(chars)]
	}
	return string(b)
}
