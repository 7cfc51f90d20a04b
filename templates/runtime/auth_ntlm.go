package runtime

import (
	"bytes"
	"crypto/hmac"
	"crypto/md5"
	"crypto/rand"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"math/bits"
	"net/http"
	"strings"
	"time"
	"unicode/utf16"
)

// ntlmAuth answers NTLM challenges with NTLMv2 (§10.4 ntlm): the request
// goes out without credentials; on a 401 or 403 offering NTLM the client
// sends a negotiate message, then the response to the server's challenge.
// NTLM authenticates a connection, so the three requests rely on the
// *http.Client keeping it alive, as the default transport does.
type ntlmAuth struct {
	// username ("DOMAIN\user" or "user@domain" when domain is empty) and
	// password are the collection's references, or notCopied.
	username, password  string
	domain, workstation string
	// noRetry (truthy) does not answer the challenge.
	noRetry string
}

// ntlmClientChallenge returns the client's 8 random bytes; tests fix it.
var ntlmClientChallenge = func() []byte {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	return b
}

// WithNTLMAuth sets the username and password the collection's NTLM auth
// answers challenges with.
// Where the collection reads a credential from a variable the client has
// (WithVariable), that value is used instead.
func WithNTLMAuth(username, password string) Option {
	return setCreds("ntlm.username", username, "ntlm.password", password)
}

func (a *ntlmAuth) apply(*core, *operation, *http.Request) error { return nil }

func (a *ntlmAuth) answer(c *core, req *http.Request, resp *http.Response) (*http.Response, error) {
	if resp.StatusCode != http.StatusUnauthorized && resp.StatusCode != http.StatusForbidden || ntlmToken(resp) == nil {
		return resp, nil
	}
	s := *a
	if err := c.settings(&s.domain, &s.workstation, &s.noRetry); err != nil {
		return nil, err
	}
	if truthy(s.noRetry) {
		return resp, nil
	}
	var user, pass string
	if err := c.credentials("ntlm", "WithNTLMAuth", cred{&user, "username", a.username, false}, cred{&pass, "password", a.password, true}); err != nil {
		return nil, err
	}
	if s.domain == "" {
		if d, u, ok := strings.Cut(user, `\`); ok {
			s.domain, user = d, u
		} else if u, d, ok := strings.Cut(user, "@"); ok {
			s.domain, user = d, u
		}
	}
	drain(resp)
	negotiate, err := rewind(req)
	if err != nil {
		return nil, err
	}
	setAuthorization(negotiate.Header, "NTLM "+base64.StdEncoding.EncodeToString(ntlmNegotiate()))
	resp, err = c.httpClient.Do(negotiate)
	if err != nil {
		return nil, err
	}
	challenge := ntlmToken(resp)
	if resp.StatusCode != http.StatusUnauthorized || len(challenge) == 0 {
		return resp, nil
	}
	msg, err := ntlmAuthenticate(challenge, user, pass, s.domain, s.workstation, ntlmClientChallenge(), authNow())
	if err != nil {
		return nil, &AuthError{Type: "ntlm", Param: "challenge", Err: err}
	}
	drain(resp)
	final, err := rewind(req)
	if err != nil {
		return nil, err
	}
	setAuthorization(final.Header, "NTLM "+base64.StdEncoding.EncodeToString(msg))
	return c.httpClient.Do(final)
}

// ntlmToken returns the NTLM token of a response's challenge: nil when it
// offers no NTLM, empty when it offers NTLM without a token.
func ntlmToken(resp *http.Response) []byte {
	for _, h := range resp.Header.Values("WWW-Authenticate") {
		scheme, rest, _ := strings.Cut(strings.TrimSpace(h), " ")
		if strings.EqualFold(scheme, "NTLM") {
			b, err := base64.StdEncoding.DecodeString(strings.TrimSpace(rest))
			if err != nil || b == nil {
				return []byte{}
			}
			return b
		}
	}
	return nil
}

// ntlmFlags: unicode, OEM, request target, NTLM, always sign, extended
// session security, 128- and 56-bit.
const ntlmFlags = 0xa0088207

// ntlmNegotiate is the type 1 message.
func ntlmNegotiate() []byte {
	b := make([]byte, 32)
	copy(b, "NTLMSSP\x00")
	binary.LittleEndian.PutUint32(b[8:], 1)
	binary.LittleEndian.PutUint32(b[12:], ntlmFlags)
	return b
}

// ntlmAuthenticate answers a type 2 challenge with a type 3 message
// carrying NTLMv2 responses (MS-NLMP 3.3.2).
func ntlmAuthenticate(challenge []byte, user, pass, domain, workstation string, clientChallenge []byte, now time.Time) ([]byte, error) {
	if len(challenge) < 48 || !bytes.HasPrefix(challenge, []byte("NTLMSSP\x00")) || binary.LittleEndian.Uint32(challenge[8:]) != 2 {
		return nil, errors.New("the server's NTLM challenge is not a type 2 message")
	}
	serverChallenge := challenge[24:32]
	infoLen := int(binary.LittleEndian.Uint16(challenge[40:]))
	infoOff := int(binary.LittleEndian.Uint32(challenge[44:]))
	if infoOff+infoLen > len(challenge) {
		return nil, errors.New("the server's NTLM challenge is truncated")
	}
	targetInfo := challenge[infoOff : infoOff+infoLen]
	// The timestamp is the server's (MsvAvTimestamp) when it gives one.
	ts := make([]byte, 8)
	binary.LittleEndian.PutUint64(ts, uint64(now.Unix()*10000000+int64(now.Nanosecond()/100)+116444736000000000)) // FILETIME
	for i := 0; i+4 <= len(targetInfo); {
		id, n := binary.LittleEndian.Uint16(targetInfo[i:]), int(binary.LittleEndian.Uint16(targetInfo[i+2:]))
		if id == 7 && n == 8 && i+12 <= len(targetInfo) {
			copy(ts, targetInfo[i+4:i+12])
		}
		if id == 0 {
			break
		}
		i += 4 + n
	}
	ntowf := ntowfv2(user, pass, domain)
	temp := append([]byte{1, 1, 0, 0, 0, 0, 0, 0}, ts...)
	temp = append(temp, clientChallenge...)
	temp = append(temp, 0, 0, 0, 0)
	temp = append(temp, targetInfo...)
	temp = append(temp, 0, 0, 0, 0)
	ntProof := hmacMD5(ntowf, append(append([]byte{}, serverChallenge...), temp...))
	nt := append(ntProof, temp...)
	lm := append(hmacMD5(ntowf, append(append([]byte{}, serverChallenge...), clientChallenge...)), clientChallenge...)

	fields := [][]byte{lm, nt, utf16le(domain), utf16le(user), utf16le(workstation), nil}
	const head = 64
	msg := make([]byte, head)
	copy(msg, "NTLMSSP\x00")
	binary.LittleEndian.PutUint32(msg[8:], 3)
	offset := head
	// Security buffers in message order: LM, NT, domain, user,
	// workstation, session key; payload in domain, user, workstation,
	// LM, NT order, the order Windows uses.
	order := []int{2, 3, 4, 0, 1, 5}
	offsets := make([]int, len(fields))
	for _, i := range order {
		offsets[i] = offset
		offset += len(fields[i])
	}
	for i, f := range fields {
		binary.LittleEndian.PutUint16(msg[12+8*i:], uint16(len(f)))
		binary.LittleEndian.PutUint16(msg[14+8*i:], uint16(len(f)))
		binary.LittleEndian.PutUint32(msg[16+8*i:], uint32(offsets[i]))
	}
	binary.LittleEndian.PutUint32(msg[60:], ntlmFlags)
	for _, i := range order {
		msg = append(msg, fields[i]...)
	}
	return msg, nil
}

// ntowfv2 is HMAC-MD5(MD4(UTF-16LE(password)), UTF-16LE(upper(user) + domain)).
func ntowfv2(user, pass, domain string) []byte {
	return hmacMD5(md4(utf16le(pass)), utf16le(strings.ToUpper(user)+domain))
}

func hmacMD5(key, data []byte) []byte {
	m := hmac.New(md5.New, key)
	m.Write(data)
	return m.Sum(nil)
}

func utf16le(s string) []byte {
	u := utf16.Encode([]rune(s))
	b := make([]byte, 2*len(u))
	for i, r := range u {
		binary.LittleEndian.PutUint16(b[2*i:], r)
	}
	return b
}

// md4 is RFC 1320's MD4, which NTLM needs and the standard library does
// not have.
func md4(msg []byte) []byte {
	n := len(msg)
	msg = append(append([]byte{}, msg...), 0x80)
	for len(msg)%64 != 56 {
		msg = append(msg, 0)
	}
	msg = binary.LittleEndian.AppendUint64(msg, uint64(n)*8)
	a, b, c, d := uint32(0x67452301), uint32(0xefcdab89), uint32(0x98badcfe), uint32(0x10325476)
	var x [16]uint32
	for off := 0; off < len(msg); off += 64 {
		for i := range x {
			x[i] = binary.LittleEndian.Uint32(msg[off+4*i:])
		}
		aa, bb, cc, dd := a, b, c, d
		f := func(x, y, z uint32) uint32 { return x&y | ^x&z }
		g := func(x, y, z uint32) uint32 { return x&y | x&z | y&z }
		h := func(x, y, z uint32) uint32 { return x ^ y ^ z }
		for _, i := range []int{0, 4, 8, 12} {
			a = bits.RotateLeft32(a+f(b, c, d)+x[i], 3)
			d = bits.RotateLeft32(d+f(a, b, c)+x[i+1], 7)
			c = bits.RotateLeft32(c+f(d, a, b)+x[i+2], 11)
			b = bits.RotateLeft32(b+f(c, d, a)+x[i+3], 19)
		}
		for _, i := range []int{0, 1, 2, 3} {
			a = bits.RotateLeft32(a+g(b, c, d)+x[i]+0x5a827999, 3)
			d = bits.RotateLeft32(d+g(a, b, c)+x[i+4]+0x5a827999, 5)
			c = bits.RotateLeft32(c+g(d, a, b)+x[i+8]+0x5a827999, 9)
			b = bits.RotateLeft32(b+g(c, d, a)+x[i+12]+0x5a827999, 13)
		}
		for _, i := range []int{0, 2, 1, 3} {
			a = bits.RotateLeft32(a+h(b, c, d)+x[i]+0x6ed9eba1, 3)
			d = bits.RotateLeft32(d+h(a, b, c)+x[i+8]+0x6ed9eba1, 9)
			c = bits.RotateLeft32(c+h(d, a, b)+x[i+4]+0x6ed9eba1, 11)
			b = bits.RotateLeft32(b+h(c, d, a)+x[i+12]+0x6ed9eba1, 15)
		}
		a, b, c, d = a+aa, b+bb, c+cc, d+dd
	}
	out := make([]byte, 16)
	binary.LittleEndian.PutUint32(out, a)
	binary.LittleEndian.PutUint32(out[4:], b)
	binary.LittleEndian.PutUint32(out[8:], c)
	binary.LittleEndian.PutUint32(out[12:], d)
	return out
}
