package names

// MaxIdentLen is the length in bytes at which identifiers are capped. Longer
// names come from request names that are really sentences; they do not read
// better as identifiers, and they make generated code hard to scan.
const MaxIdentLen = 64

// Exported returns an exported identifier for s ("get booking by id" ->
// "GetBookingByID"), or "" when s holds nothing usable (only
// punctuation/emoji/CJK).
func (n *Namer) Exported(s string) string {
	parts := n.spelled(s)
	if len(parts) == 0 {
		return ""
	}
	// An initialism spelled with a lower-case first letter (a project's
	// "iOS") must still start an exported name with a capital.
	parts[0] = toUpper(parts[0][:1]) + parts[0][1:]
	return assemble(parts, "N")
}

// Unexported returns an unexported identifier ("Booking Id" -> "bookingID",
// "URL" -> "url", "type" -> "type_", "string" -> "string_"), or "".
func (n *Namer) Unexported(s string) string {
	parts := n.spelled(s)
	if len(parts) == 0 {
		return ""
	}
	parts[0] = toLower(parts[0])
	name := assemble(parts, "n")
	if reservedUnexported(name) {
		name += "_"
	}
	return name
}

// spelled returns the tokens of s spelled for an identifier.
func (n *Namer) spelled(s string) []string {
	toks := n.tokens(s)
	for i, t := range toks {
		toks[i] = n.spell(t)
	}
	return toks
}

// spell spells one token: as an initialism, its plural, an initialism
// followed by digits ("html5" → "HTML5"), or else capitalised.
func (n *Namer) spell(t string) string {
	k := toLower(t)
	if sp, ok := n.initialism(k); ok {
		return sp
	}
	letters := len(k)
	for letters > 0 && isDigit(k[letters-1]) {
		letters--
	}
	if letters > 0 && letters < len(k) {
		if sp, ok := n.initialisms[k[:letters]]; ok {
			return sp + k[letters:]
		}
	}
	return toUpper(k[:1]) + k[1:]
}

// assemble concatenates parts into one identifier of at most MaxIdentLen
// bytes, dropping whole trailing parts and cutting the first part only when
// it alone is too long. prefix goes in front when the name would start with
// a digit.
func assemble(parts []string, prefix string) string {
	if !isDigit(parts[0][0]) {
		prefix = ""
	}
	name := prefix + parts[0]
	if len(name) > MaxIdentLen {
		return name[:MaxIdentLen]
	}
	for _, p := range parts[1:] {
		if len(name)+len(p) > MaxIdentLen {
			break
		}
		name += p
	}
	return name
}
