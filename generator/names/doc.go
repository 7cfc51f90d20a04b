// Package names is the one place where free text from a Postman collection
// (folder and request names, JSON keys, variable names, the collection name)
// becomes a Go identifier, a file name or a package name, and the one place
// that decides what happens when two things want the same name.
//
// The generator decides every Go name through this package before it emits
// anything, so the emitter never invents a name (the protogen and ogen
// approach). Every rule here shapes the generated API: changing a rule, the
// initialism list or the collision policy renames things in every SDK
// generated afterwards and is therefore a breaking change.
//
// # Identifiers
//
// Text is first cut into tokens. Every rune that is not an ASCII letter or
// digit separates tokens (spaces including NBSP and the other Unicode spaces,
// punctuation, '_', '-', '.', '/', "{{", emoji, arrows, dashes), except that
// Latin letters with diacritics are transliterated first (é→e, ß→ss, æ→ae,
// ø→o, ł→l; all of Latin-1 Supplement and Latin Extended-A, plus ș, ț and
// full-width ASCII), Cyrillic and Greek letters are romanised ("Получить
// пользователей" → "PoluchitPolzovateley", the hard and soft signs
// dropped), and combining marks and invisible format characters are
// dropped without splitting. Other scripts (CJK, Arabic, Hebrew, ...) act
// as separators, so "获取 user 列表" names itself "User"; the generator
// names such requests by their URL path instead (see Label, PathLabel and
// Untransliterated).
//
// Inside a run of letters and digits, a token ends at camel-case boundaries:
// "bookingId" is booking|Id, "HTTPServer" is HTTP|Server, "getURLs" is
// get|URLs (an upper-case run followed by a lone "s" keeps it as a plural).
// Digits stay with the letters before them ("v2", "api2", "OAuth2|Token"); an
// upper-case letter after a digit starts a new token ("Base64|URL") unless
// only digits come before it ("2FA" is one token). Neighbouring pieces of
// one word whose concatenation is an initialism are joined again, so that
// "OAuth2Token" is OAuth2|Token and "IPv4" stays one token; a run of digits
// right after an initialism's letters joins it the same way ("utf-8" → UTF8).
//
// Each token is then spelled: a token equal to an initialism (ignoring case)
// takes the initialism's spelling ("id"→"ID", "oauth"→"OAuth"); its plural
// takes the spelling plus "s" ("ids"→"IDs", "urls"→"URLs"); an initialism
// followed by digits keeps them ("html5"→"HTML5"); any other token is
// upper-cased on its first letter and lower-cased after it ("BOOKINGS" →
// "Bookings"). The default initialisms are golint's list
//
//	ACL API ASCII CPU CSS DNS EOF GUID HTML HTTP HTTPS ID IP JSON LHS QPS RAM
//	RHS RPC SLA SMTP SQL SSH TCP TLS TTL UDP UI UID UUID URI URL UTF8 VM XML
//	XMPP XSRF XSS
//
// plus those that are common in HTTP APIs
//
//	AWS BIC CSV HMAC IBAN IPv4 IPv6 JWT MFA OAuth OAuth1 OAuth2 OTP PDF SDK
//	SMS SSL SSO
//
// and protocols and auth standards spelled as their documentation does
//
//	CORS CSRF FTP GraphQL LDAP OIDC SAML SCIM SFTP TOTP
//
// and New adds a project's own ("SKU", "EAN").
//
// Exported joins the spelled tokens ("get booking by id" → "GetBookingByID").
// Unexported lower-cases the whole first token ("URLPath" → "urlPath") and
// appends "_" to Go keywords, predeclared identifiers and "init" ("type" →
// "type_", "string" → "string_"). A result that would start with a digit gets
// an "N" (Exported) or "n" (Unexported) in front ("2fa setup" → "N2faSetup",
// "123" → "N123"). Identifiers are capped at 64 bytes by dropping whole
// trailing tokens; a first token longer than that is cut. Text with no usable
// token (only punctuation, emoji or CJK) gives "", and the caller decides the
// fallback name.
//
// # Labels
//
// Folder and request names are written for people, so before Exported
// spells them Label keeps the words that name the thing: notes in
// parentheses and brackets go ("Account information (USER_DATA)" →
// "Account information"; LabelWithNotes keeps them for a name whose notes
// tell it apart from a sibling's), so do every sentence but the first and
// leading list numbers ("4a. Set email" → "Set email"); a leading ordinal
// is spelled ("1st party" → "first party") and a leading quantity moves
// to the end ("24hr ticker" → "ticker 24hr"). A name that is a URL or a
// path is named by PathLabel: its method and the words of its path,
// without path variables, versions ("v1", "2010-04-01") and literal values
// copied from a real request (IDs, UUIDs, hex strings: "B10000100-B2002",
// "acme-points-00100"). PathLabel also names requests whose names hold no
// words, or words in a script names cannot spell (Untransliterated).
//
// # Files and packages
//
// FileName spells an identifier's tokens in lower snake_case
// ("BookingsService" → "bookings_service"). When the go tool would read the
// result as build-constrained or as a test (it ends in "_test", "_<GOOS>",
// "_<GOARCH>" or "_<GOOS>_<GOARCH>" for any name go/build knows) or when it
// is a device name Windows cannot create a file for ("con", "nul", "com1",
// ...), "_api" is appended: "users_test" → "users_test_api", "run_js" →
// "run_js_api". Callers must pass the whole identifier rather than append
// their own suffix to a FileName result.
//
// HostPackageName names a package after an API's host ("api.freee.co.jp"
// → "freee"), for a collection whose name PackageName cannot spell.
//
// PackageName keeps only lower-case ASCII letters and digits
// ("NEON APIs" → "neonapis"), drops leading digits and appends "api" to a
// Go keyword, a predeclared identifier, "main" or "init" ("Go" → "goapi").
// CheckPackageName accepts exactly the names of that shape: one lower-case
// ASCII word, no underscores (legal Go, but Effective Go asks for single
// words and an SDK package should not need renaming on import), not a
// keyword, not a predeclared identifier (it would shadow it in every file
// that imports the SDK), not "main" and not "init" (no file can import a
// package of that name).
//
// # Collision policy
//
// A Scope is one Go namespace: package-level names, the fields and methods of
// one type, the parameters of one function, or the files of one package. In a
// scope, the first claimant of a name keeps it; every later claimant gets the
// name followed by the lowest decimal number, starting at 2, that is not yet
// taken: "List", "List2", "List3". A name already taken because something was
// naturally called "List2" is skipped, so the next "List" becomes "List3".
// Numbers are appended as they are, also to names that end in a digit ("V1"
// then "V12"). Claims are answered from the order of earlier claims alone,
// so the same claims in the same order always give the same names; the
// generator makes claims in input order, which makes its output stable.
//
// A Namer is never changed after New and may be shared by goroutines; a
// Scope is not safe for concurrent use.
package names
