package names

// Cyrillic and Greek letters are spelled in ASCII by a simple, fixed
// romanisation (close to BGN/PCGN for Russian and ISO 843 for Greek), so
// that a collection written in Russian, Ukrainian, Bulgarian or Greek
// names its services and methods ("Получить пользователей" →
// "PoluchitPolzovatelei") instead of falling back to "Request". Changing a
// spelling renames generated identifiers.

// cyrillicLower spells а..я (U+0430..U+044F); the capitals U+0410..U+042F
// use the same entries. "-" marks the hard and soft signs, which are
// dropped without separating words.
var cyrillicLower = [32]string{
	"a", "b", "v", "g", "d", "e", "zh", "z", // а б в г д е ж з
	"i", "y", "k", "l", "m", "n", "o", "p", // и й к л м н о п
	"r", "s", "t", "u", "f", "kh", "ts", "ch", // р с т у ф х ц ч
	"sh", "shch", "-", "y", "-", "e", "yu", "ya", // ш щ ъ ы ь э ю я
}

// cyrillicOther spells the letters outside а..я that Ukrainian, Belarusian
// and Serbian add, in lower case.
var cyrillicOther = map[rune]string{
	'ё': "e", 'є': "ye", 'і': "i", 'ї': "yi", 'ґ': "g", 'ў': "u",
	'ђ': "dj", 'ј': "j", 'љ': "lj", 'њ': "nj", 'ћ': "c", 'џ': "dz",
}

// greekLower spells α..ω (U+03B1..U+03C9); the capitals U+0391..U+03A9
// use the same entries ("" at U+03A2, which has no capital).
var greekLower = [25]string{
	"a", "v", "g", "d", "e", "z", "i", "th", // α β γ δ ε ζ η θ
	"i", "k", "l", "m", "n", "x", "o", "p", // ι κ λ μ ν ξ ο π
	"r", "s", "s", "t", "y", "f", "ch", "ps", // ρ ς σ τ υ φ χ ψ
	"o", // ω
}

// greekTonos spells the accented Greek vowels, in lower case.
var greekTonos = map[rune]string{
	'ά': "a", 'έ': "e", 'ή': "i", 'ί': "i", 'ό': "o", 'ύ': "y", 'ώ': "o",
	'ϊ': "i", 'ϋ': "y", 'ΐ': "i", 'ΰ': "y",
	'Ά': "a", 'Έ': "e", 'Ή': "i", 'Ί': "i", 'Ό': "o", 'Ύ': "y", 'Ώ': "o",
}

// spellCyrillicGreek returns the ASCII spelling of a Cyrillic or Greek
// letter (capitals come back in capitals, "Ж" → "ZH", and transliterate
// fits them to their neighbours),
// "-" for a letter that is dropped, or "" when r is neither.
func spellCyrillicGreek(r rune) string {
	upper := false
	var sp string
	switch {
	case r >= 0x0430 && r <= 0x044F:
		sp = cyrillicLower[r-0x0430]
	case r >= 0x0410 && r <= 0x042F:
		sp, upper = cyrillicLower[r-0x0410], true
	case r >= 0x0450 && r <= 0x045F:
		sp = cyrillicOther[r]
	case r >= 0x0400 && r <= 0x040F:
		sp, upper = cyrillicOther[r+0x50], true
	case r == 'Ґ':
		sp, upper = "g", true
	case r == 'ґ':
		sp = "g"
	case r >= 0x03B1 && r <= 0x03C9:
		sp = greekLower[r-0x03B1]
	case r >= 0x0391 && r <= 0x03A9 && r != 0x03A2:
		sp, upper = greekLower[r-0x0391], true
	default:
		sp = greekTonos[r]
		upper = sp != "" && r < 0x03AC
	}
	if upper && sp != "-" && sp != "" {
		sp = toUpper(sp)
	}
	return sp
}
