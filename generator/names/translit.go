package names

import "unicode"

// latin1 spells U+00C0..U+00FF in ASCII. "" marks × and ÷, which separate
// words like any other symbol. Multi-letter capitals are written in upper
// case here and adjusted to their neighbours by transliterate.
var latin1 = [64]string{
	"A", "A", "A", "A", "A", "A", "AE", "C", // ÀÁÂÃÄÅÆÇ
	"E", "E", "E", "E", "I", "I", "I", "I", // ÈÉÊËÌÍÎÏ
	"D", "N", "O", "O", "O", "O", "O", "", // ÐÑÒÓÔÕÖ×
	"O", "U", "U", "U", "U", "Y", "TH", "ss", // ØÙÚÛÜÝÞß
	"a", "a", "a", "a", "a", "a", "ae", "c", // àáâãäåæç
	"e", "e", "e", "e", "i", "i", "i", "i", // èéêëìíîï
	"d", "n", "o", "o", "o", "o", "o", "", // ðñòóôõö÷
	"o", "u", "u", "u", "u", "y", "th", "y", // øùúûüýþÿ
}

// latinExtA spells U+0100..U+017F, one ASCII letter per rune; the four
// ligatures that need two letters are in latinExtAPairs.
const latinExtA = "" +
	"AaAaAa" + // ĀāĂăĄą
	"CcCcCcCc" + // ĆćĈĉĊċČč
	"DdDd" + // ĎďĐđ
	"EeEeEeEeEe" + // ĒēĔĕĖėĘęĚě
	"GgGgGgGg" + // ĜĝĞğĠġĢģ
	"HhHh" + // ĤĥĦħ
	"IiIiIiIiIi" + // ĨĩĪīĬĭĮįİı
	"Ii" + // Ĳĳ (see latinExtAPairs)
	"Jj" + // Ĵĵ
	"Kkk" + // Ķķĸ
	"LlLlLlLlLl" + // ĹĺĻļĽľĿŀŁł
	"NnNnNnnNn" + // ŃńŅņŇňŉŊŋ
	"OoOoOo" + // ŌōŎŏŐő
	"Oo" + // Œœ (see latinExtAPairs)
	"RrRrRr" + // ŔŕŖŗŘř
	"SsSsSsSs" + // ŚśŜŝŞşŠš
	"TtTtTt" + // ŢţŤťŦŧ
	"UuUuUuUuUuUu" + // ŨũŪūŬŭŮůŰűŲų
	"Ww" + // Ŵŵ
	"YyY" + // ŶŷŸ
	"ZzZzZz" + // ŹźŻżŽž
	"s" // ſ

// latinExtAPairs are the Latin Extended-A ligatures spelled with two letters.
var latinExtAPairs = map[rune]string{'Ĳ': "IJ", 'ĳ': "ij", 'Œ': "OE", 'œ': "oe"}

// otherLatin covers letters outside those two blocks that still show up in
// European API names: Romanian comma-below letters and the capital sharp s.
var otherLatin = map[rune]string{'Ș': "S", 'ș': "s", 'Ț': "T", 'ț': "t", 'ẞ': "SS", 'ª': "a", 'º': "o"}

// spell returns the ASCII spelling of r, or "" when r separates words.
// Upper-case ligatures come back fully upper-case ("AE").
func spell(r rune) string {
	switch {
	case r < 0x80:
		if isASCIIAlnum(byte(r)) {
			return string(r)
		}
		return ""
	case r >= 0xC0 && r <= 0xFF:
		return latin1[r-0xC0]
	case r >= 0x100 && r <= 0x17F:
		if p, ok := latinExtAPairs[r]; ok {
			return p
		}
		return latinExtA[r-0x100 : r-0x100+1]
	case r >= 0xFF10 && r <= 0xFF19, r >= 0xFF21 && r <= 0xFF3A, r >= 0xFF41 && r <= 0xFF5A:
		// Full-width digits and Latin letters, common in CJK text.
		return string(r - 0xFF10 + '0')
	}
	if sp, ok := otherLatin[r]; ok {
		return sp
	}
	return spellCyrillicGreek(r)
}

// silent is the spelling of a letter that is dropped without separating
// words (the Cyrillic hard and soft signs).
const silent = "-"

// invisible reports whether r is dropped without separating words: combining
// marks (the accent of a decomposed "é"), and format characters such as the
// soft hyphen, the zero-width joiner and the byte order mark. The zero-width
// space is a space and separates.
func invisible(r rune) bool {
	if r == '\u200B' {
		return false
	}
	return unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf)
}

// transliterate rewrites s in ASCII: letters and digits stay, Latin letters
// with diacritics lose them, everything else becomes a single space.
// Multi-letter spellings follow the case of the neighbouring letters, so that
// "Æble" gives "Aeble" but "ÆBLE" gives "AEBLE", and "STRAßE" gives "STRASSE";
// otherwise the camel-case rules would cut those words in two.
func transliterate(s string) []byte {
	rs := []rune(s)
	out := make([]byte, 0, len(s))
	space := func() {
		if len(out) > 0 && out[len(out)-1] != ' ' {
			out = append(out, ' ')
		}
	}
	for i, r := range rs {
		if invisible(r) {
			continue
		}
		sp := spell(r)
		if sp == "" {
			space()
			continue
		}
		if sp == silent {
			continue
		}
		if len(sp) > 1 {
			sp = caseLike(sp, neighbour(rs, i, -1), neighbour(rs, i, +1))
		}
		out = append(out, sp...)
	}
	if len(out) > 0 && out[len(out)-1] == ' ' {
		out = out[:len(out)-1]
	}
	return out
}

// neighbour returns the ASCII spelling's first letter of the nearest visible
// rune before (dir -1) or after (dir +1) index i, or 0 when there is none.
func neighbour(rs []rune, i, dir int) byte {
	for j := i + dir; j >= 0 && j < len(rs); j += dir {
		if invisible(rs[j]) {
			continue
		}
		sp := spell(rs[j])
		if sp == silent {
			continue
		}
		if sp == "" {
			return 0
		}
		return sp[0]
	}
	return 0
}

// caseLike adjusts a multi-letter spelling to its neighbours: an upper-case
// ligature is all capitals only when the next letter is a capital too, a
// lower-case one ("ss") becomes capitals between capitals.
func caseLike(sp string, prev, next byte) string {
	if isUpper(sp[0]) {
		if isUpper(next) {
			return sp
		}
		return sp[:1] + toLower(sp[1:])
	}
	if isUpper(prev) && !isLower(next) {
		return toUpper(sp)
	}
	return sp
}
