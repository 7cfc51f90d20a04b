package names

import "strings"

// piece is one camel-case piece of a word, before initialisms join pieces.
type piece struct {
	text string
	// joined is true when no separator precedes the piece in the input:
	// it was cut from the previous one at a camel-case boundary.
	joined bool
}

// tokens cuts s into ASCII tokens (see the package doc), joining pieces that
// together spell one of n's initialisms.
func (n *Namer) tokens(s string) []string {
	var ps []piece
	for _, word := range strings.Fields(string(transliterate(s))) {
		for i, p := range camelSplit(word) {
			ps = append(ps, piece{text: p, joined: i > 0})
		}
	}
	return n.join(ps)
}

// camelSplit cuts one run of ASCII letters and digits at its camel-case
// boundaries: before an upper-case letter that follows a lower-case letter or
// a digit (unless only digits precede it: "2FA"), and before the last capital of a run of capitals that a lower-case
// letter follows ("HTTPServer"), unless that lower-case letter is a lone
// plural "s" ("URLs", "IDsFor").
func camelSplit(w string) []string {
	var out []string
	start := 0
	for i := 1; i < len(w); i++ {
		c, p := w[i], w[i-1]
		if !isUpper(c) {
			continue
		}
		cut := false
		switch {
		case isLower(p):
			cut = true
		case isDigit(p):
			// "Base64URL" is Base64|URL, but "2FA" stays whole: digits
			// alone are no word to end.
			cut = !allDigits(w[start:i])
		case isUpper(p) && i+1 < len(w) && isLower(w[i+1]):
			plural := w[i+1] == 's' && (i+2 == len(w) || !isLower(w[i+2]))
			cut = !plural
		}
		if cut {
			out = append(out, w[start:i])
			start = i
		}
	}
	return append(out, w[start:])
}

// maxJoin bounds how many pieces one initialism may span ("IPv4" is two:
// I|Pv4; a project initialism such as "GitHubAPI" would be three).
const maxJoin = 4

// join merges neighbouring pieces into one token when their concatenation is
// an initialism or an initialism's plural, preferring the longest match. Only
// pieces of one word are merged, or a piece of digits after a separator
// ("UTF-8", "OAuth 2"), never two words: "o auth" stays two tokens.
func (n *Namer) join(ps []piece) []string {
	out := make([]string, 0, len(ps))
	for i := 0; i < len(ps); {
		end := i + 1
		text := ps[i].text
		acc := text
		for j := i + 1; j < len(ps) && j < i+maxJoin; j++ {
			if !ps[j].joined && !allDigits(ps[j].text) {
				break
			}
			acc += ps[j].text
			if n.isInitialism(toLower(acc)) {
				end, text = j+1, acc
			}
		}
		out = append(out, text)
		i = end
	}
	return out
}

// Words returns the words of s: cut at spaces and other runes that are
// not ASCII letters or digits, and at camel-case boundaries (camelSplit),
// after transliteration, each as written. It is the one word splitter of
// the generator; Namer.Exported builds names from the same pieces.
func Words(s string) []string {
	var out []string
	for _, word := range strings.Fields(string(transliterate(s))) {
		out = append(out, camelSplit(word)...)
	}
	return out
}
