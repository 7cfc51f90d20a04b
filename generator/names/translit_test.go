package names

import (
	"testing"
	"unicode"
)

// TestTransliterationTables checks every entry of the Latin-1 Supplement
// and Latin Extended-A tables against Unicode's own data: each letter spells
// as ASCII letters, capitals as capitals, and a capital and its lower-case
// partner spell the same apart from case.
func TestTransliterationTables(t *testing.T) {
	if len(latinExtA) != 0x80 {
		t.Fatalf("latinExtA has %d entries, want %d", len(latinExtA), 0x80)
	}
	for r := rune(0xC0); r <= 0x17F; r++ {
		sp := spell(r)
		if !unicode.IsLetter(r) {
			if sp != "" {
				t.Errorf("spell(%q) = %q, want \"\" for a non-letter", r, sp)
			}
			continue
		}
		if sp == "" {
			t.Errorf("spell(%q) = \"\", want a transliteration", r)
			continue
		}
		for i := 0; i < len(sp); i++ {
			if !isUpper(sp[i]) && !isLower(sp[i]) {
				t.Errorf("spell(%q) = %q, want ASCII letters", r, sp)
			}
		}
		if unicode.IsUpper(r) != isUpper(sp[0]) {
			t.Errorf("spell(%q) = %q: case differs from the letter's", r, sp)
		}
		if lr := unicode.ToLower(r); unicode.IsUpper(r) && lr != r && lr >= 0xC0 && lr <= 0x17F {
			if toLower(spell(lr)) != toLower(sp) {
				t.Errorf("spell(%q) = %q but spell(%q) = %q", r, sp, lr, spell(lr))
			}
		}
	}
}

func TestTransliterate(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Créer un événement", "Creer un evenement"},
		{"Cre\u0301er", "Creer"}, // decomposed accent is dropped, not a break
		{"Größe", "Grosse"},
		{"GROßE", "GROSSE"},
		{"Æble ÆBLE æble", "Aeble AEBLE aeble"},
		{"Þór", "Thor"},
		{"Œuvre ŒUVRE", "Oeuvre OEUVRE"},
		{"Ĳssel", "Ijssel"},
		{"Łódź Kraków", "Lodz Krakow"},
		{"Ștefan", "Stefan"},
		{"ＡＢＣ１２３ｘ", "ABC123x"},
		{"a\u00a0b\u2003c\u200bd", "a b c d"},
		{"a\u00adb\u200dc\ufeffd", "abcd"},
		{"3×4÷2", "3 4 2"},
		{"获取 user 列表", "user"},
		{"🚀 → — …", ""},
		{"Привет world", "Privet world"},
	}
	for _, tt := range tests {
		if got := string(transliterate(tt.in)); got != tt.want {
			t.Errorf("transliterate(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
