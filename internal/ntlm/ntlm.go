// Package ntlm builds the NTLM messages (MS-NLMP) of the runtime's NTLM
// auth: the type 1 negotiate message and the type 3 answer to a server's
// challenge, with NTLMv2 responses. It is internal to postgen: the
// runtime (package sdk) and the tests of golden SDKs use it.
package ntlm

import (
	"bytes"
	"crypto/hmac"
	"crypto/md5"
	"encoding/binary"
	"errors"
	"math/bits"
	"strings"
	"time"
	"unicode/utf16"
)

// Flags are the negotiate flags postgen sends: unicode, OEM, request target, NTLM, always sign, extended
// session security, 128- and 56-bit.
const Flags = 0xa0088207

// Negotiate is the type 1 message.
func Negotiate() []byte {
	b := make([]byte, 32)
	copy(b, "NTLMSSP\x00")
	binary.LittleEndian.PutUint32(b[8:], 1)
	binary.LittleEndian.PutUint32(b[12:], Flags)
	return b
}

// Authenticate answers a type 2 challenge with a type 3 message
// carrying NTLMv2 responses (MS-NLMP 3.3.2).
func Authenticate(challenge []byte, user, pass, domain, workstation string, clientChallenge []byte, now time.Time) ([]byte, error) {
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

	fields := [][]byte{lm, nt, UTF16LE(domain), UTF16LE(user), UTF16LE(workstation), nil}
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
	binary.LittleEndian.PutUint32(msg[60:], Flags)
	for _, i := range order {
		msg = append(msg, fields[i]...)
	}
	return msg, nil
}

// ntowfv2 is HMAC-MD5(MD4(UTF-16LE(password)), UTF-16LE(upper(user) + domain)).
func ntowfv2(user, pass, domain string) []byte {
	return hmacMD5(md4(UTF16LE(pass)), UTF16LE(strings.ToUpper(user)+domain))
}

func hmacMD5(key, data []byte) []byte {
	m := hmac.New(md5.New, key)
	m.Write(data)
	return m.Sum(nil)
}

// UTF16LE is s in UTF-16, little-endian, as NTLM messages carry text.
func UTF16LE(s string) []byte {
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
