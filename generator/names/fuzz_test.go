package names

import (
	"go/token"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzNames feeds arbitrary text to every naming function and checks the
// promises callers rely on: valid identifiers of the right kind or "", no
// reserved unexported names, safe file and package names, no panic.
func FuzzNames(f *testing.F) {
	for _, s := range []string{
		"", "get booking by id", "Booking Id", "URL", "type", "string", "2fa setup", "123",
		"🚀", "获取 user 列表", "foo\u00a0bar", "a—b", "Créer un événement", "{{baseUrl}}",
		":bookingId", "BOOKING_ID", "OAuth2Token", "getURLs", "HTTPServer", "users_test",
		"RunJS", "Con", "ÆBLE STRAßE", "ＡＰＩ", "uint 8", "init", "\xff\xfe", strings.Repeat("ab ", 100),
		"Account information (USER_DATA)", "4a. Set (x", "24hr ticker", "PUT https://h/v1/a-00100/B2", "/m/:id/x",
		"Получить", "人事労務", "1st party. Next one.",
	} {
		f.Add(s)
	}
	n := New("SKU", "iOS")
	f.Fuzz(func(t *testing.T, s string) {
		if e := n.Exported(s); e != "" {
			if !token.IsIdentifier(e) || !token.IsExported(e) || !ascii(e) || len(e) > MaxIdentLen {
				t.Errorf("Exported(%q) = %q: not an ASCII exported identifier of at most %d bytes", s, e, MaxIdentLen)
			}
		}
		if u := n.Unexported(s); u != "" {
			if !token.IsIdentifier(u) || token.IsExported(u) || !ascii(u) || len(u) > MaxIdentLen+1 {
				t.Errorf("Unexported(%q) = %q: not an ASCII unexported identifier", s, u)
			}
			if token.IsKeyword(u) || IsPredeclared(u) || u == "init" {
				t.Errorf("Unexported(%q) = %q: keyword or predeclared", s, u)
			}
		}
		if (n.Exported(s) == "") != (n.Unexported(s) == "") {
			t.Errorf("Exported(%q) and Unexported disagree on whether there is a name", s)
		}
		fn := n.FileName(s)
		if !fileNameRE.MatchString(fn) || strings.HasSuffix(fn, "_test") || strings.HasPrefix(fn, "_") {
			t.Errorf("FileName(%q) = %q: not a safe file name", s, fn)
		}
		if i := strings.LastIndexByte(fn, '_'); i >= 0 && (knownOS[fn[i+1:]] || knownArch[fn[i+1:]]) {
			t.Errorf("FileName(%q) = %q: build-constrained", s, fn)
		}
		if p := PackageName(s); p != "" {
			if err := CheckPackageName(p); err != nil {
				t.Errorf("PackageName(%q) = %q: %v", s, p, err)
			}
		}
		_ = CheckPackageName(s)
		if sg := Singular(s); utf8.ValidString(s) && !utf8.ValidString(sg) {
			t.Errorf("Singular(%q) = %q: invalid UTF-8", s, sg)
		}
		// Label only drops words: a name with a letter keeps one, and the
		// same text always gives the same label.
		if l := Label(s); utf8.ValidString(s) && hasWord(s) && !hasWord(l) || l != Label(s) {
			t.Errorf("Label(%q) = %q: lost every word, or not deterministic", s, l)
		}
		if l := LabelWithNotes(s); utf8.ValidString(s) && hasWord(s) && !hasWord(l) {
			t.Errorf("LabelWithNotes(%q) = %q: lost every word", s, l)
		}
		if p := HostPackageName(s); p != "" {
			if err := CheckPackageName(p); err != nil {
				t.Errorf("HostPackageName(%q) = %q: %v", s, p, err)
			}
		}
		sc := NewScope(n.Exported(s))
		if a, b := sc.Claim(n.Exported(s)), sc.Claim(n.Exported(s)); a != "" && a == b {
			t.Errorf("Claim(%q) twice gave %q both times", n.Exported(s), a)
		}
	})
}

func ascii(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
