package ntlm

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"testing"
	"time"
)

func TestMD4MatchesRFC1320(t *testing.T) {
	for in, want := range map[string]string{
		"":               "31d6cfe0d16ae931b73c59d7e0c089c0",
		"abc":            "a448017aaf21d8525fc10ae87aa6729d",
		"message digest": "d9130a8164549fe818874806e1c7014b",
		"12345678901234567890123456789012345678901234567890123456789012345678901234567890": "e33b4ddc9c38f2199c3e7b164fcc0536",
	} {
		if got := hex.EncodeToString(md4([]byte(in))); got != want {
			t.Errorf("md4(%q) = %s, want %s", in, got, want)
		}
	}
}

// msNLMPChallenge is the type 2 message of MS-NLMP 4.2.4: server challenge
// 0123456789abcdef, target info Domain/Server.
func msNLMPChallenge() []byte {
	info, _ := hex.DecodeString("02000c0044006f006d00610069006e0001000c0053006500720076006500720000000000")
	msg := make([]byte, 48)
	copy(msg, "NTLMSSP\x00")
	binary.LittleEndian.PutUint32(msg[8:], 2)
	sc, _ := hex.DecodeString("0123456789abcdef")
	copy(msg[24:], sc)
	binary.LittleEndian.PutUint16(msg[40:], uint16(len(info)))
	binary.LittleEndian.PutUint16(msg[42:], uint16(len(info)))
	binary.LittleEndian.PutUint32(msg[44:], 48)
	return append(msg, info...)
}

// ntlmField returns security buffer i of a type 3 message.
func ntlmField(msg []byte, i int) []byte {
	n := int(binary.LittleEndian.Uint16(msg[12+8*i:]))
	off := int(binary.LittleEndian.Uint32(msg[16+8*i:]))
	return msg[off : off+n]
}

// MS-NLMP 4.2.4 (NTLMv2 authentication): NTOWFv2, the LMv2 response and
// NTProofStr for user "User", domain "Domain", password "Password", client
// challenge aa..aa and time 0.
func TestNTLMv2MatchesMSNLMP(t *testing.T) {
	if got := hex.EncodeToString(ntowfv2("User", "Password", "Domain")); got != "0c868a403bfd7a93a3001ef22ef02e3f" {
		t.Errorf("NTOWFv2 = %s", got)
	}
	cc := bytes.Repeat([]byte{0xaa}, 8)
	msg, err := Authenticate(msNLMPChallenge(), "User", "Password", "Domain", "COMPUTER", cc, time.Date(1601, 1, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	if got := hex.EncodeToString(ntlmField(msg, 0)); got != "86c35097ac9cec102554764a57cccc19aaaaaaaaaaaaaaaa" {
		t.Errorf("LMv2 response = %s", got)
	}
	if got := hex.EncodeToString(ntlmField(msg, 1)[:16]); got != "68cd0ab851e51c96aabc927bebef6a1c" {
		t.Errorf("NTProofStr = %s", got)
	}
	if string(ntlmField(msg, 3)) != string(UTF16LE("User")) || string(ntlmField(msg, 2)) != string(UTF16LE("Domain")) {
		t.Errorf("user/domain fields wrong")
	}
}
