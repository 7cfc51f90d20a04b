package names

import "strings"

// Singular returns the singular of an English plural word or identifier's
// last word ("bookings" -> "booking", "categories" -> "category",
// "addresses" -> "address", "statuses" -> "status", "data" -> "data",
// "BookingItems" -> "BookingItem"). Used for array element type names.
//
// Only the last camel-case word of a trailing run of ASCII letters changes,
// and it keeps its case pattern ("BOOKINGS" -> "BOOKING", "URLs" -> "URL").
// Words that are not plural, are uncountable, or are not recognised are
// returned unchanged; the caller must then choose another element name
// (for example by appending "Item") when it needs one different from s.
func Singular(s string) string {
	end := len(s)
	start := end
	for start > 0 && (isUpper(s[start-1]) || isLower(s[start-1])) {
		start--
	}
	if start == end {
		return s
	}
	pieces := camelSplit(s[start:end])
	word := pieces[len(pieces)-1]
	return s[:end-len(word)] + singularWord(word)
}

// singularWord makes one camel-case word singular, keeping its case.
func singularWord(w string) string {
	// "URLs", "IDs": an upper-case run with a plural "s" is an initialism's
	// plural, whatever the letters are.
	if n := len(w); n > 1 && w[n-1] == 's' && toUpper(w[:n-1]) == w[:n-1] {
		return w[:n-1]
	}
	lw := toLower(w)
	sing := singularLower(lw)
	switch {
	case sing == lw:
		return w
	case toUpper(w) == w:
		return toUpper(sing)
	case isUpper(w[0]):
		return toUpper(sing[:1]) + sing[1:]
	}
	return sing
}

// singularLower makes one lower-case word singular: uncountable words and
// known irregular plurals first, then English suffix rules.
func singularLower(w string) string {
	if len(w) <= 2 || uncountable[w] {
		return w
	}
	if s, ok := irregularPlurals[w]; ok {
		return s
	}
	if _, ok := defaultNamer.initialisms[w]; ok {
		return w // "https", "aws", "sms"
	}
	if _, ok := defaultNamer.initialisms[w[:len(w)-1]]; ok && w[len(w)-1] == 's' {
		return w[:len(w)-1] // "apis", "ids"
	}
	switch {
	case strings.HasSuffix(w, "ss"), strings.HasSuffix(w, "us"), strings.HasSuffix(w, "is"):
		return w // address, status, analysis: already singular
	case strings.HasSuffix(w, "ies"):
		if len(w) <= 4 {
			return w[:len(w)-1] // ties, pies
		}
		return w[:len(w)-3] + "y" // categories
	case strings.HasSuffix(w, "uses"):
		if usWord(w[:len(w)-2]) {
			return w[:len(w)-2] // statuses
		}
		return w[:len(w)-1] // causes, houses
	case strings.HasSuffix(w, "yses"):
		return w[:len(w)-2] + "is" // analyses
	case strings.HasSuffix(w, "sses"), strings.HasSuffix(w, "xes"),
		strings.HasSuffix(w, "ches"), strings.HasSuffix(w, "shes"),
		strings.HasSuffix(w, "zzes"):
		return w[:len(w)-2] // addresses, boxes, matches, hashes, buzzes
	case strings.HasSuffix(w, "s"):
		return w[:len(w)-1] // bookings, responses, moves, shoes
	}
	return w
}

// usWords are singulars ending in "us" whose plural is "-uses". Longer ones
// also match at the end of a compound ("substatuses"); short ones only whole,
// so that "abuses" is not taken for "abus".
var usWords = map[string]bool{
	"bus": true, "plus": true, "onus": true, "sinus": true, "lotus": true,
	"bonus": true, "campus": true, "virus": true, "census": true,
	"focus": true, "nexus": true, "radius": true, "genius": true,
	"cactus": true, "corpus": true, "minus": true, "chorus": true,
	"circus": true, "status": true, "surplus": true, "stimulus": true,
	"syllabus": true, "walrus": true, "octopus": true, "apparatus": true,
	"consensus": true, "prospectus": true, "thesaurus": true, "abacus": true,
	"fungus": true, "citrus": true,
}

// usWord reports whether stem ("status" from "statuses") is an "-us" word.
func usWord(stem string) bool {
	if usWords[stem] {
		return true
	}
	for u := range usWords {
		if len(u) >= 5 && strings.HasSuffix(stem, u) {
			return true
		}
	}
	return false
}

// uncountable words ending in "s" (or looking plural) that are singular
// already, and plural-looking nouns used as singular in APIs.
var uncountable = map[string]bool{
	"data": true, "metadata": true, "media": true, "news": true,
	"series": true, "species": true, "information": true, "equipment": true,
	"feedback": true, "info": true, "analytics": true, "physics": true,
	"mathematics": true, "economics": true, "ethics": true, "politics": true,
	"logistics": true, "athletics": true, "diabetes": true, "kubernetes": true,
	"means": true, "lens": true, "thanks": true, "headquarters": true,
	"gas": true, "alias": true, "atlas": true, "canvas": true, "bias": true,
	"saas": true, "paas": true, "iaas": true, "has": true, "was": true,
	"yes": true, "its": true, "this": true, "chaos": true, "kudos": true,
	"cosmos": true, "ethos": true, "pathos": true, "gps": true, "ios": true,
	"macos": true, "always": true, "perhaps": true, "sheep": true,
}

// irregularPlurals maps plurals that the suffix rules would get wrong to
// their singulars.
var irregularPlurals = map[string]string{
	"people": "person", "children": "child", "men": "man", "women": "woman",
	"mice": "mouse", "geese": "goose", "feet": "foot", "teeth": "tooth",
	"indices": "index", "matrices": "matrix", "vertices": "vertex",
	"appendices": "appendix", "criteria": "criterion", "phenomena": "phenomenon",
	"crises": "crisis", "theses": "thesis", "diagnoses": "diagnosis",
	"hypotheses": "hypothesis", "parentheses": "parenthesis", "synopses": "synopsis",
	"axes": "axis", "quizzes": "quiz", "aliases": "alias", "biases": "bias",
	"atlases": "atlas", "canvases": "canvas", "gases": "gas",
	"caches": "cache", "niches": "niche", "headaches": "headache", "moustaches": "moustache",
	"heroes": "hero", "potatoes": "potato", "tomatoes": "tomato", "echoes": "echo",
	"vetoes": "veto", "torpedoes": "torpedo", "volcanoes": "volcano", "mosquitoes": "mosquito",
	"knives": "knife", "wives": "wife", "lives": "life", "halves": "half",
	"shelves": "shelf", "wolves": "wolf", "selves": "self", "thieves": "thief",
	"calves": "calf", "loaves": "loaf", "elves": "elf", "scarves": "scarf",
	"menus": "menu", "gurus": "guru", "emus": "emu", "haikus": "haiku",
	"tofus": "tofu", "sudokus": "sudoku", "skus": "sku",
	"movies": "movie", "cookies": "cookie", "zombies": "zombie", "selfies": "selfie",
	"rookies": "rookie", "calories": "calorie", "brownies": "brownie",
	"smoothies": "smoothie", "hoodies": "hoodie", "goalies": "goalie",
	"freebies": "freebie", "genies": "genie", "sorties": "sortie",
	"prairies": "prairie", "newbies": "newbie", "techies": "techie",
	"pixies": "pixie", "aunties": "auntie", "veggies": "veggie", "hippies": "hippie",
	"junkies": "junkie", "magpies": "magpie", "indies": "indie", "oldies": "oldie",
	"goodies": "goodie", "bookies": "bookie", "foodies": "foodie",
	"neckties": "necktie", "bowties": "bowtie", "lingeries": "lingerie",
}
