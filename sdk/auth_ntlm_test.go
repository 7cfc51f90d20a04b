package sdk

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

	"github.com/postgen/postgen/internal/ntlm"
)

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
			want, _ := ntlm.Authenticate(msNLMPChallenge(), "User", "Password", "Domain", "", bytes.Repeat([]byte{0xaa}, 8), time.Unix(1700000000, 0))
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
	c, _ := NewCore(&Defaults{Origins: []string{srv.URL}}, []Option{WithNTLMAuth(`Domain\User`, "Password")})
	resp, err := SendNoResult(context.Background(), c, &Operation{Method: "GET", Path: "/ntlm", Auth: &NTLMAuth{Username: NotCopied, Password: NotCopied}}, Call{})
	if err != nil || resp.StatusCode != 200 || strings.Join(steps, ",") != "bare,negotiate,authenticate" {
		t.Fatalf("status %v, err %v, steps %v", resp, err, steps)
	}
}
