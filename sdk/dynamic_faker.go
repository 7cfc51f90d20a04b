package sdk

import (
	"fmt"
	"strings"
	"time"
)

// The rest of Postman's dynamic variables (postman-collection's
// dynamic-variables.js, faker.js underneath): each produces a value of the
// shape Postman's does (digits where it has digits, a URL where it has a
// URL), drawn from small lists. A collection that uses one sends a value
// of the same kind, which is all a server can rely on: faker's values are
// random in Postman too.

var (
	loremWords   = []string{"lorem", "ipsum", "dolor", "sit", "amet", "consectetur", "adipiscing", "elit", "sed", "do", "eiusmod", "tempor"}
	hackerNouns  = []string{"bandwidth", "protocol", "array", "matrix", "driver", "pixel", "circuit", "firewall", "interface", "bus"}
	hackerVerbs  = []string{"parse", "compress", "index", "connect", "override", "transmit", "synthesize", "calculate", "bypass", "quantify"}
	hackerAdjs   = []string{"virtual", "digital", "wireless", "optical", "neural", "primary", "redundant", "cross-platform", "mobile", "open-source"}
	cities       = []string{"Springfield", "Riverside", "Fairview", "Madison", "Georgetown", "Clinton", "Salem", "Franklin"}
	streets      = []string{"Main Street", "Oak Avenue", "Pine Road", "Maple Lane", "Cedar Court", "Elm Drive"}
	countries    = []string{"France", "Japan", "Brazil", "Kenya", "Canada", "Norway", "India", "Chile"}
	countryCodes = []string{"FR", "JP", "BR", "KE", "CA", "NO", "IN", "CL"}
	currencies   = [][3]string{{"EUR", "Euro", "€"}, {"USD", "US Dollar", "$"}, {"JPY", "Yen", "¥"}, {"GBP", "Pound Sterling", "£"}, {"INR", "Indian Rupee", "₹"}}
	mimeTypes    = [][3]string{{"application/pdf", "application", "pdf"}, {"image/png", "image", "png"}, {"text/plain", "text", "txt"}, {"video/mp4", "video", "mp4"}, {"audio/mpeg", "audio", "mp3"}}
	imageKinds   = map[string]string{"$randomAbstractImage": "abstract", "$randomAnimalsImage": "animals", "$randomBusinessImage": "business",
		"$randomCatsImage": "cats", "$randomCityImage": "city", "$randomFoodImage": "food", "$randomNightlifeImage": "nightlife",
		"$randomFashionImage": "fashion", "$randomPeopleImage": "people", "$randomNatureImage": "nature", "$randomSportsImage": "sports",
		"$randomTransportImage": "transport"}
)

// words returns n words of list joined by sep.
func words(list []string, n int, sep string) string {
	w := make([]string, n)
	for i := range w {
		w[i] = pick(list)
	}
	return strings.Join(w, sep)
}

// sentence is a capitalised line of lorem ipsum ending with a full stop.
func sentence() string {
	s := words(loremWords, 4+int(randomUint64()%6), " ")
	return strings.ToUpper(s[:1]) + s[1:] + "."
}

// sentences returns n sentences joined by sep.
func sentences(n int, sep string) string {
	s := make([]string, n)
	for i := range s {
		s[i] = sentence()
	}
	return strings.Join(s, sep)
}

// between returns a number in [lo, hi].
func between(lo, hi uint64) uint64 { return lo + randomUint64()%(hi-lo+1) }

// randomDate is a time within days of now: back when days < 0.
func randomDate(days int) string {
	d := time.Duration(randomUint64()%uint64(abs(days)*24*3600)+1) * time.Second
	if days < 0 {
		d = -d
	}
	return time.Now().Add(d).UTC().Format("Mon Jan 02 2006 15:04:05 GMT+0000 (Coordinated Universal Time)")
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// fakerVariable produces a value for the faker-backed dynamic variables;
// false for a name Postman does not define.
func fakerVariable(name string) (string, bool) {
	if kind, ok := imageKinds[name]; ok {
		return "http://placeimg.com/640/480/" + kind, true
	}
	switch name {
	case "$randomPhoneNumberExt":
		return fmt.Sprintf("%d-%s-%s-%s", between(1, 99), randomDigits(3), randomDigits(3), randomDigits(4)), true
	case "$randomLocale":
		return pick([]string{"en", "fr", "de", "es", "ja", "pt", "sw", "hi"}), true
	case "$randomWords":
		return words(hackerNouns, int(between(2, 5)), " "), true
	case "$randomWord":
		return pick(hackerNouns), true
	case "$randomDirectoryPath":
		return pick([]string{"/usr/bin", "/var/log", "/etc/ssl", "/home/user", "/opt/app"}), true
	case "$randomFilePath":
		return pick([]string{"/usr/bin", "/var/log", "/etc/ssl"}) + "/" + pick(loremWords) + ".txt", true
	case "$randomFileName", "$randomCommonFileName":
		return pick(loremWords) + "_" + pick(loremWords) + "." + pickRow(mimeTypes)[2], true
	case "$randomFileExt", "$randomCommonFileExt":
		return pickRow(mimeTypes)[2], true
	case "$randomFileType", "$randomCommonFileType":
		return pickRow(mimeTypes)[1], true
	case "$randomMimeType":
		return pickRow(mimeTypes)[0], true
	case "$randomCity":
		return pick(cities), true
	case "$randomStreetName":
		return pick(streets), true
	case "$randomStreetAddress":
		return fmt.Sprintf("%d %s", between(1, 9999), pick(streets)), true
	case "$randomCountry":
		return pick(countries), true
	case "$randomCountryCode":
		return pick(countryCodes), true
	case "$randomLatitude":
		return fmt.Sprintf("%.4f", float64(randomUint64()%1800001)/10000-90), true
	case "$randomLongitude":
		return fmt.Sprintf("%.4f", float64(randomUint64()%3600001)/10000-180), true
	case "$randomDepartment":
		return pick([]string{"Electronics", "Clothing", "Books", "Garden", "Toys", "Sports"}), true
	case "$randomProduct":
		return pick([]string{"Shoes", "Table", "Chair", "Keyboard", "Hat", "Towels"}), true
	case "$randomProductAdjective":
		return pick([]string{"Handmade", "Ergonomic", "Tasty", "Rustic", "Sleek", "Eco-friendly"}), true
	case "$randomProductMaterial":
		return pick([]string{"Steel", "Plastic", "Wooden", "Cotton", "Granite", "Rubber"}), true
	case "$randomProductName":
		return pick([]string{"Handmade", "Ergonomic", "Rustic"}) + " " + pick([]string{"Steel", "Wooden", "Cotton"}) + " " + pick([]string{"Chair", "Table", "Hat"}), true
	case "$randomPrice":
		return fmt.Sprintf("%d.%02d", randomUint64()%1000, randomUint64()%100), true
	case "$randomCompanyName":
		return pick(lastNames) + " " + pick([]string{"Inc", "LLC", "Group", "and Sons"}), true
	case "$randomCompanySuffix":
		return pick([]string{"Inc", "LLC", "Group", "and Sons"}), true
	case "$randomCatchPhrase", "$randomBs", "$randomPhrase":
		return pick(hackerAdjs) + " " + pick(hackerNouns) + " " + pick([]string{"solution", "framework", "platform"}), true
	case "$randomCatchPhraseAdjective", "$randomBsAdjective", "$randomAdjective":
		return pick(hackerAdjs), true
	case "$randomCatchPhraseDescriptor", "$randomBsBuzz":
		return pick([]string{"synergize", "leverage", "streamline", "empower", "incubate"}), true
	case "$randomCatchPhraseNoun", "$randomBsNoun", "$randomNoun":
		return pick(hackerNouns), true
	case "$randomVerb":
		return pick(hackerVerbs), true
	case "$randomIngverb":
		return pick(hackerVerbs) + "ing", true
	case "$randomAbbreviation":
		return pick([]string{"HTTP", "SQL", "TCP", "JSON", "XML", "SMTP", "USB", "CSS"}), true
	case "$randomDatabaseColumn":
		return pick([]string{"id", "title", "name", "email", "createdAt", "updatedAt", "token", "group"}), true
	case "$randomDatabaseType":
		return pick([]string{"int", "varchar", "text", "double", "date", "point", "tinyint"}), true
	case "$randomDatabaseCollation":
		return pick([]string{"utf8_unicode_ci", "utf8_bin", "cp1250_bin", "ascii_general_ci"}), true
	case "$randomDatabaseEngine":
		return pick([]string{"InnoDB", "MyISAM", "Memory", "Archive", "CSV"}), true
	case "$randomDatePast":
		return randomDate(-365), true
	case "$randomDateFuture":
		return randomDate(365), true
	case "$randomDateRecent":
		return randomDate(-1), true
	case "$randomMonth":
		return time.Month(between(1, 12)).String(), true
	case "$randomWeekday":
		return time.Weekday(randomUint64() % 7).String(), true
	case "$randomBankAccount":
		return randomDigits(8), true
	case "$randomBankAccountName":
		return pick([]string{"Savings Account", "Checking Account", "Money Market Account", "Investment Account"}), true
	case "$randomCreditCardMask":
		return randomDigits(4), true
	case "$randomTransactionType":
		return pick([]string{"invoice", "payment", "deposit", "withdrawal"}), true
	case "$randomCurrencyCode":
		return pick(currencyPairs(0)), true
	case "$randomCurrencyName":
		return pick(currencyPairs(1)), true
	case "$randomCurrencySymbol":
		return pick(currencyPairs(2)), true
	case "$randomBitcoin":
		return "1" + randomAlnum(33), true
	case "$randomBankAccountIban":
		return pick(countryCodes) + randomDigits(2) + randomDigits(18), true
	case "$randomBankAccountBic":
		return strings.ToUpper(randomLetters(4)) + pick(countryCodes) + strings.ToUpper(randomAlnum(2)), true
	case "$randomAvatarImage":
		return "https://cdn.fakercloud.com/avatars/" + strings.ToLower(pick(firstNames)) + "_128.jpg", true
	case "$randomImageUrl":
		return "http://placeimg.com/640/480", true
	case "$randomImageDataUri":
		return "data:image/svg+xml;charset=UTF-8,%3Csvg%20xmlns%3D%22http%3A%2F%2Fwww.w3.org%2F2000%2Fsvg%22%20width%3D%22640%22%20height%3D%22480%22%3E%3C%2Fsvg%3E", true
	case "$randomUserAgent":
		return "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/" + fmt.Sprint(between(60, 120)) + ".0.0.0 Safari/537.36", true
	case "$randomLoremWord":
		return pick(loremWords), true
	case "$randomLoremWords":
		return words(loremWords, 3, " "), true
	case "$randomLoremSlug":
		return words(loremWords, 3, "-"), true
	case "$randomLoremSentence":
		return sentence(), true
	case "$randomLoremSentences":
		return sentences(int(between(2, 6)), " "), true
	case "$randomLoremParagraph":
		return sentences(3, " "), true
	case "$randomLoremParagraphs":
		return sentences(3, " ") + "\n \r" + sentences(3, " ") + "\n \r" + sentences(3, " "), true
	case "$randomLoremText":
		return sentences(int(between(1, 4)), " "), true
	case "$randomLoremLines":
		return sentences(int(between(1, 5)), "\n"), true
	case "$randomJobTitle":
		return pick([]string{"Senior", "Lead", "Chief"}) + " " + pick([]string{"Software", "Data", "Security"}) + " " + pick([]string{"Engineer", "Architect", "Manager"}), true
	case "$randomNamePrefix":
		return pick([]string{"Mr.", "Mrs.", "Ms.", "Dr."}), true
	case "$randomNameSuffix":
		return pick([]string{"Jr.", "Sr.", "MD", "PhD"}), true
	case "$randomJobDescriptor":
		return pick([]string{"Senior", "Chief", "Corporate", "Lead", "Principal"}), true
	case "$randomJobArea":
		return pick([]string{"Branding", "Functionality", "Usability", "Security", "Infrastructure"}), true
	case "$randomJobType":
		return pick([]string{"Supervisor", "Manager", "Coordinator", "Engineer", "Analyst"}), true
	}
	return "", false
}

// currencyPairs returns column i (code, name, symbol) of currencies.
func currencyPairs(i int) []string {
	out := make([]string, len(currencies))
	for j, c := range currencies {
		out[j] = c[i]
	}
	return out
}

// randomLetters returns n random lower-case letters; randomAlnum letters
// and digits.
func randomLetters(n int) string { return randomFrom("abcdefghijklmnopqrstuvwxyz", n) }

func randomAlnum(n int) string {
	return randomFrom("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ123456789", n)
}

func randomFrom(chars string, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = chars[randomUint64()%uint64(len(chars))]
	}
	return string(b)
}

// pickRow returns a random row of a table.
func pickRow(rows [][3]string) [3]string { return rows[randomUint64()%uint64(len(rows))] }
