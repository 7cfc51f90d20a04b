package runtime

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"net/http"
	"net/http/httptest"
	"strings"
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
	msg, err := ntlmAuthenticate(msNLMPChallenge(), "User", "Password", "Domain", "COMPUTER", cc, time.Date(1601, 1, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	if got := hex.EncodeToString(ntlmField(msg, 0)); got != "86c35097ac9cec102554764a57cccc19aaaaaaaaaaaaaaaa" {
		t.Errorf("LMv2 response = %s", got)
	}
	if got := hex.EncodeToString(ntlmField(msg, 1)[:16]); got != "68cd0ab851e51c96aabc927bebef6a1c" {
		t.Errorf("NTProofStr = %s", got)
	}
	if string(ntlmField(msg, 3)) != string(utf16le("User")) || string(ntlmField(msg, 2)) != string(utf16le("Domain")) {
		t.Errorf("user/domain fields wrong")
	}
}

// The handshake: the bare request gets a 401 offering NTLM, the negotiate
// message gets the challenge, the authenticate message gets through; the
// domain comes from a DOMAIN\user name.
func TestNTLMHandshake(t *testing.T) {
	var steps []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := r.Header.Get("Authorization")
		tok, _ := base64.StdEncoding.DecodeString(strings.TrimPrefix(h, "NTLM "))
		switch {
		case h == "":
			steps = append(steps, "bare")
			w.Header().Set("WWW-Authenticate", "NTLM")
			w.WriteHeader(http.StatusUnauthorized)
		case len(tok) > 8 && tok[8] == 1:
			steps = append(steps, "negotiate")
			w.Header().Set("WWW-Authenticate", "NTLM "+base64.StdEncoding.EncodeToString(msNLMPChallenge()))
			w.WriteHeader(http.StatusUnauthorized)
		case len(tok) > 8 && tok[8] == 3:
			steps = append(steps, "authenticate")
			want, _ := ntlmAuthenticate(msNLMPChallenge(), "User", "Password", "Domain", "", bytes.Repeat([]byte{0xaa}, 8), time.Unix(1700000000, 0))
			if !bytes.Equal(tok, want) {
				w.WriteHeader(http.StatusUnauthorized)
				return
			}
			w.Write([]byte("{}"))
		}
	}))
	defer srv.Close()
	old := ntlmClientChallenge
	ntlmClientChallenge = func() []byte { return bytes.Repeat([]byte{0xaa}, 8) }
	defer func() { ntlmClientChallenge = old }()
	fixClock(t, time.Unix(1700000000, 0), "")
	c, _ := newCore(&clientDefaults{origins: []string{srv.URL}}, []Option{WithNTLMAuth(`Domain\User`, "Password")})
	resp, err := sendNoResult(context.Background(), c, &operation{method: "GET", path: "/ntlm", auth: &ntlmAuth{username: notCopied, password: notCopied}}, call{})
	if err != nil || resp.StatusCode != 200 || strings.Join(steps, ",") != "bare,negotiate,authenticate" {
		t.Fatalf("status %v, err %v, steps %v", resp, err, steps)
	}
}
