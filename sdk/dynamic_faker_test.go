package sdk

import "testing"

// postmanDynamicVariables is every dynamic variable postman-collection
// defines (lib/superstring/dynamic-variables.js of the newman version
// make conformance pins).
var postmanDynamicVariables = []string{"$guid", "$isoTimestamp", "$randomAbbreviation", "$randomAbstractImage", "$randomAdjective", "$randomAlphaNumeric", "$randomAnimalsImage", "$randomAvatarImage", "$randomBankAccount", "$randomBankAccountBic", "$randomBankAccountIban", "$randomBankAccountName", "$randomBitcoin", "$randomBoolean", "$randomBs", "$randomBsAdjective", "$randomBsBuzz", "$randomBsNoun", "$randomBusinessImage", "$randomCatchPhrase", "$randomCatchPhraseAdjective", "$randomCatchPhraseDescriptor", "$randomCatchPhraseNoun", "$randomCatsImage", "$randomCity", "$randomCityImage", "$randomColor", "$randomCommonFileExt", "$randomCommonFileName", "$randomCommonFileType", "$randomCompanyName", "$randomCompanySuffix", "$randomCountry", "$randomCountryCode", "$randomCreditCardMask", "$randomCurrencyCode", "$randomCurrencyName", "$randomCurrencySymbol", "$randomDatabaseCollation", "$randomDatabaseColumn", "$randomDatabaseEngine", "$randomDatabaseType", "$randomDateFuture", "$randomDatePast", "$randomDateRecent", "$randomDepartment", "$randomDirectoryPath", "$randomDomainName", "$randomDomainSuffix", "$randomDomainWord", "$randomEmail", "$randomExampleEmail", "$randomFashionImage", "$randomFileExt", "$randomFileName", "$randomFilePath", "$randomFileType", "$randomFirstName", "$randomFoodImage", "$randomFullName", "$randomHexColor", "$randomIP", "$randomImageDataUri", "$randomImageUrl", "$randomIngverb", "$randomInt", "$randomJobArea", "$randomJobDescriptor", "$randomJobTitle", "$randomJobType", "$randomLastName", "$randomLatitude", "$randomLocale", "$randomLongitude", "$randomLoremLines", "$randomLoremParagraph", "$randomLoremParagraphs", "$randomLoremSentence", "$randomLoremSentences", "$randomLoremSlug", "$randomLoremText", "$randomLoremWord", "$randomLoremWords", "$randomMACAddress", "$randomMimeType", "$randomMonth", "$randomNamePrefix", "$randomNameSuffix", "$randomNatureImage", "$randomNightlifeImage", "$randomNoun", "$randomPassword", "$randomPeopleImage", "$randomPhoneNumber", "$randomPhoneNumberExt", "$randomPhrase", "$randomPrice", "$randomProduct", "$randomProductAdjective", "$randomProductMaterial", "$randomProductName", "$randomProtocol", "$randomSemver", "$randomSportsImage", "$randomStreetAddress", "$randomStreetName", "$randomTransactionType", "$randomTransportImage", "$randomUUID", "$randomUrl", "$randomUserAgent", "$randomUserName", "$randomVerb", "$randomWeekday", "$randomWord", "$randomWords", "$timestamp"}

// TestEveryPostmanDynamicVariable: the SDK resolves each of Postman's
// dynamic variables (issue 14.7 found $randomPhoneNumberExt missing) to a
// non-empty value, and none beyond them.
func TestEveryPostmanDynamicVariable(t *testing.T) {
	for _, name := range postmanDynamicVariables {
		if v, ok := dynamicVariable(name); !ok || v == "" {
			t.Errorf("%s: %q, %v; want a value", name, v, ok)
		}
	}
	if v, ok := dynamicVariable("$randomNotAVariable"); ok {
		t.Errorf("$randomNotAVariable resolved to %q", v)
	}
	if v, _ := dynamicVariable("$randomPhoneNumberExt"); len(v) < 14 || v[len(v)-13] != '-' {
		t.Errorf("$randomPhoneNumberExt = %q, want NN-NNN-NNN-NNNN", v)
	}
}
